"""Auto-run at top speed with a million-step history: throughput and event-loop stalls.

Run: ``uv run python tests/benchmarks/bench_gui.py`` (offscreen).  Prints the window's steps
per second, its ratio to the bare engine loop measured in this same process, and the
longest gap between two ticks of a 5 ms probe timer (an event-loop stall).
"""

from __future__ import annotations

import os
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from app.main_window import MainWindow
from engine import NOTES_PARAMS, NeuronConfig
from engine.training import new_neuron_history, train

PRELOAD = 1_000_000
SECONDS = 5.0


def engine_rate(steps: int = 1_000_000) -> float:
    """Steps per second of the bare engine loop, history kept, no GUI."""
    history, snap = new_neuron_history(NOTES_PARAMS)
    began = time.perf_counter()
    train(history, snap, 0, NeuronConfig(), steps)
    return steps / (time.perf_counter() - began)


def main() -> None:
    app = QApplication([])
    settings = QSettings(os.path.join(tempfile.mkdtemp(), "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    window.state.advance(PRELOAD)
    app.processEvents()

    gaps: list[float] = []
    last = [time.perf_counter()]

    def probe() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    probe_timer = QTimer()
    probe_timer.setInterval(5)
    probe_timer.timeout.connect(probe)
    renders = [0]
    original_render = window.network._render

    def counting_render() -> None:
        renders[0] += 1
        original_render()

    window.network._render = counting_render
    controls = window.controls
    controls.speed_control.setValue(controls.speed_control.maximum())
    start_step = window.state.step
    probe_timer.start()
    window.toggle_running()
    began = time.perf_counter()
    QTimer.singleShot(int(SECONDS * 1000), app.quit)
    app.exec()  # the real event loop, not a processEvents() spin
    window.toggle_running()
    elapsed = time.perf_counter() - began
    probe_timer.stop()
    done = window.state.step - start_step
    gui_rate = done / elapsed
    bare = engine_rate()
    worst = max(gaps[5:]) * 1000 if len(gaps) > 5 else float("nan")
    gaps_ms = sorted(g * 1000 for g in gaps[5:])
    p99 = gaps_ms[int(len(gaps_ms) * 0.99)] if gaps_ms else float("nan")
    print(f"history before run        : {PRELOAD:,} steps")
    print(f"auto-run for              : {elapsed:.1f} s, {done:,} steps")
    print(f"window steps per second   : {gui_rate:,.0f}")
    print(f"engine steps per second   : {bare:,.0f} (engine.train alone, same process)")
    print(f"ratio window / engine     : {gui_rate / bare:.2f}")
    print(f"renders                   : {renders[0]} ({renders[0] / elapsed:.0f} per second)")
    print(f"event-loop gap, worst     : {worst:.1f} ms (5 ms probe timer)")
    print(f"event-loop gap, 99th pct  : {p99:.1f} ms")
    window.close()


if __name__ == "__main__":
    main()
