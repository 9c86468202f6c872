"""Top-speed auto-run from Reset, with each tab of the middle panel shown in turn.

Run: ``uv run python tests/benchmarks/bench_frames.py`` (offscreen; ``--seconds S`` per tab,
``--diagnose`` to break the long frames down into their parts).

For every tab that the window has, the script presses Reset, shows the tab, sets the speed
to "max" and runs for a few seconds (into the millions of steps), with a 5 ms probe timer in
the real event loop.  The gaps between probe ticks are what a click on Pause would wait.
It prints, per tab, the longest gap, the 99th percentile gap, the steps per second and the
goals (worst <= 50 ms, p99 <= 33 ms, >= 250,000 steps/s).  The first frames after Reset and
the moments the history grows are inside the measured window, and the worst gap's step is
shown so that it can be matched with a growth (capacities double from 256 rows).

``--model 2-2-2`` runs the hidden-layer network instead of the notes' neuron (the goals
are the neuron's: a 2-2-2 step does about four times the arithmetic).

``--cpu-time`` is for a machine that others are using: there the wall clock measures the
load (a gap is as long as the scheduler keeps the process waiting, a second holds a third
of a second of work).  With it every clock, the script's and the app's (the frame clock,
auto-run's slices, the pacing), counts the GUI thread's CPU time instead, which estimates
what a quiet machine would show (the app's own timers still wait in wall time).
"""

from __future__ import annotations

import argparse
import gc
import itertools
import os
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QEvent, QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QTabWidget

WORST_GOAL_MS = 50.0
P99_GOAL_MS = 33.0
RATE_GOAL = 250_000
PROBE_MS = 5


class _Timeline:
    """Intervals (start, end, label) recorded by --diagnose, to explain the long gaps."""

    def __init__(self) -> None:
        self.spans: list[tuple[float, float, str]] = []
        self.depth = 0

    def add(self, began: float, label: str) -> None:
        self.spans.append((began, time.perf_counter(), label))

    def wrap(self, obj: object, name: str, label: str) -> None:
        original = getattr(obj, name)

        def timed(*args, **kwargs):
            began = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.add(began, label)

        setattr(obj, name, timed)


TIMELINE = _Timeline()
#: When the window rendered a frame, and when the tab's view itself was redrawn.
FRAMES: list[float] = []
VIEW_UPDATES: list[float] = []


def count_frames(window) -> None:
    """Record every render of the window and every redraw of the tab on show."""
    # The network's wiring (app/network_panel.py; the window itself before it moved there).
    owner = getattr(window, "network", window)
    render = owner._render

    def counting_render() -> None:
        FRAMES.append(time.perf_counter())
        render()

    owner._render = counting_render  # _schedule_render looks it up each time
    pacer = getattr(owner, "_tab_pacer", None)
    if pacer is not None:
        updated = pacer.updated

        def counting_updated(began: float) -> None:
            VIEW_UPDATES.append(began)
            updated(began)

        pacer.updated = counting_updated


_PAINT_TYPES = {QEvent.Type.Paint: "paint", QEvent.Type.UpdateRequest: "update-request"}


def _widget_name(widget) -> str:
    """A widget's class, or for a plain QWidget (a viewport) its parent's class."""
    name = type(widget).__name__
    if name == "QWidget" and widget.parentWidget() is not None:
        return f"QWidget in {type(widget.parentWidget()).__name__}"
    return name


class DiagnosingApplication(QApplication):
    """Times every paint (per widget class) and every top-level repaint pass."""

    def notify(self, receiver, event):
        kind = _PAINT_TYPES.get(event.type())
        if kind is None:
            return super().notify(receiver, event)
        began = time.perf_counter()
        try:
            return super().notify(receiver, event)
        finally:
            TIMELINE.add(began, f"{kind} {_widget_name(receiver)}")


def find_tabs(window) -> QTabWidget:
    """The middle panel's tab widget (the one that holds the chain-rule view)."""
    tabs = getattr(window, "explain_tabs", None)
    if isinstance(tabs, QTabWidget):
        return tabs
    chain = getattr(window, "chain_rule_view", None)
    for candidate in window.findChildren(QTabWidget):
        if chain is None or candidate.isAncestorOf(chain):
            return candidate
    raise SystemExit("no tab widget found in the window")


def forget_undo(window) -> None:
    """Drop what Reset keeps for Undo, so each tab's run starts with the same memory."""
    for owner in (window, window.state):
        stack = getattr(owner, "undo_stack", None)
        if stack is not None and hasattr(stack, "clear"):
            stack.clear()
    if hasattr(window.state, "_undo"):
        window.state._undo = None
    gc.collect()


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return float("nan")
    return sorted_values[min(int(len(sorted_values) * fraction), len(sorted_values) - 1)]


def bare_rate(model: str | None = None, seconds: float = 0.5) -> float:
    """Steps per second of a run with no window at all (RunState.advance in a loop, slices
    as auto-run's): the ceiling for the window's rate, measured next to each tab."""
    from app.run_state import RunState
    from engine.models import get_model

    state = RunState()
    if model is not None:
        state.set_model(get_model(model))
    batch, done = 2048, 0
    began = time.perf_counter()
    while time.perf_counter() - began < seconds:
        done += state.advance(batch).steps_done
    return done / (time.perf_counter() - began)


def run_tab(app, window, tabs: QTabWidget, index: int, seconds: float) -> dict:
    """Reset, show tab ``index``, auto-run at max for ``seconds``; return the figures."""
    state = window.state
    if state.running:
        window.toggle_running()
    tabs.setCurrentIndex(index)
    window.reset()
    forget_undo(window)
    for _ in range(3):
        app.processEvents()
    controls = window.controls
    controls.speed_control.setValue(controls.speed_control.maximum())

    ticks: list[tuple[float, int]] = []  # (time, step) at every probe tick

    def probe() -> None:
        ticks.append((time.perf_counter(), state.step))

    probe_timer = QTimer()
    probe_timer.setInterval(PROBE_MS)
    probe_timer.timeout.connect(probe)
    marks: dict[str, float] = {}
    # A local event loop: QApplication.quit() would also close the window (Qt 6).
    loop = QEventLoop()

    def press_reset_and_run() -> None:
        # A person presses Reset, then Run: both, and the first frames, are measured.
        window.reset()
        marks["start"] = time.perf_counter()
        marks["start_step"] = state.step
        window.toggle_running()

    def finish() -> None:
        if "end" not in marks:
            marks["end"] = time.perf_counter()
            marks["end_step"] = state.step
        if state.running:
            window.toggle_running()
        loop.quit()

    def stopped_by_itself(running: bool) -> None:
        # The run can end early (the step limit): measure only while it ran.
        if not running and "start" in marks and "end" not in marks:
            marks["end"] = time.perf_counter()
            marks["end_step"] = state.step

    state.runningChanged.connect(stopped_by_itself)
    # A short run first, so that Reset has something to reset (as after a real session).
    window.toggle_running()
    QTimer.singleShot(300, lambda: window.toggle_running() if state.running else None)
    QTimer.singleShot(450, probe_timer.start)
    QTimer.singleShot(500, press_reset_and_run)
    QTimer.singleShot(500 + int(seconds * 1000), finish)
    loop.exec()
    probe_timer.stop()
    state.runningChanged.disconnect(stopped_by_itself)

    measured = [(t, s) for t, s in ticks if marks["start"] - 0.05 <= t <= marks["end"]]
    gaps = [(b[0] - a[0], a[0], b[0], a[1]) for a, b in itertools.pairwise(measured)]
    gaps_ms = sorted(g[0] * 1000 for g in gaps)
    worst = max(gaps, default=(float("nan"), 0.0, 0.0, 0))
    elapsed = marks["end"] - marks["start"]
    steps = marks["end_step"] - marks["start_step"]
    return {
        "tab": tabs.tabText(index).replace("&", ""),
        "worst_ms": worst[0] * 1000,
        "worst_at": worst[3],
        "p99_ms": percentile(gaps_ms, 0.99),
        "rate": steps / elapsed if elapsed > 0 else 0.0,
        "steps": steps,
        "frames": sum(marks["start"] <= t <= marks["end"] for t in FRAMES) / elapsed,
        "views": sum(marks["start"] <= t <= marks["end"] for t in VIEW_UPDATES) / elapsed,
        "gaps": gaps,
        "start": marks["start"],
        "end": marks["end"],
    }


def explain(result: dict, show: int = 6) -> None:
    """Print where this tab's run spent its time, and what ran inside its longest gaps."""
    spans = [s for s in TIMELINE.spans if result["start"] <= s[0] <= result["end"]]
    totals: dict[str, float] = defaultdict(float)
    for began, ended, label in spans:
        totals[label] += ended - began
    print(f"  time by part over the run ({result['end'] - result['start']:.1f} s, inclusive):")
    for label, total in sorted(totals.items(), key=lambda kv: -kv[1])[:14]:
        print(f"    {total * 1000:8.0f} ms  {label}")
    long_gaps = [g for g in result["gaps"] if g[0] * 1000 > P99_GOAL_MS]
    print(f"  {len(long_gaps)} gaps over {P99_GOAL_MS:.0f} ms; the longest, with their parts (ms):")
    for length, began, ended, step in sorted(long_gaps, reverse=True)[:show]:
        parts: dict[str, float] = defaultdict(float)
        for s0, s1, label in spans:
            if s0 >= began - 0.001 and s1 <= ended + 0.001:
                parts[label] += s1 - s0
        text = ", ".join(
            f"{label} {t * 1000:.0f}" for label, t in sorted(parts.items(), key=lambda kv: -kv[1])
        )
        print(f"    {length * 1000:5.1f} at step {step:,}: {text}")


def install_diagnosis(window) -> None:
    """Wrap the frame's parts with timers (only for --diagnose)."""
    TIMELINE.wrap(window.state, "advance", "state.advance (engine steps)")
    owner = getattr(window, "network", window)
    TIMELINE.wrap(owner, "_render", "network._render (all views' updates)")
    for name in dir(window):
        widget = getattr(window, name, None)
        for method in ("show_state", "set_state", "set_history", "render"):
            if hasattr(widget, method) and callable(getattr(widget, method)):
                TIMELINE.wrap(widget, method, f"{type(widget).__name__}.{method}")
    history_cls = type(window.state.history)
    original_reserve = history_cls.reserve

    def timed_reserve(self, *args, **kwargs):
        began = time.perf_counter()
        try:
            return original_reserve(self, *args, **kwargs)
        finally:
            where = "thread" if threading.current_thread() is not threading.main_thread() else "GUI"
            TIMELINE.add(began, f"History.reserve in {where}")

    history_cls.reserve = timed_reserve
    gc_began = [0.0]

    def on_gc(phase: str, info: dict) -> None:
        if phase == "start":
            gc_began[0] = time.perf_counter()
        else:
            TIMELINE.add(gc_began[0], f"gc generation {info['generation']}")

    gc.callbacks.append(on_gc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=6.0, help="auto-run per tab")
    parser.add_argument("--diagnose", action="store_true", help="break long frames down")
    parser.add_argument("--tabs", nargs="*", help="only the tabs whose title starts so")
    parser.add_argument("--model", help="the model to run (default: the app's, the neuron)")
    parser.add_argument(
        "--cpu-time", action="store_true", help="count the GUI thread's CPU time (a busy machine)"
    )
    args = parser.parse_args()
    if args.cpu_time:
        # Before the app's modules are imported: they bind time.perf_counter as a default.
        time.perf_counter = time.thread_time

    app = (DiagnosingApplication if args.diagnose else QApplication)([])
    from app.main_window import MainWindow  # after QApplication, as in the real start

    settings = QSettings(os.path.join(tempfile.mkdtemp(), "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    window.resize(1280, 800)
    window.show()
    for _ in range(5):
        app.processEvents()
    try:  # what the app does after its first paint (app.gui.launch), where it exists
        from app.first_paint import settle_memory
    except ImportError:
        pass
    else:
        settle_memory()
    if args.model is not None:
        from engine.models import get_model

        window.state.set_model(get_model(args.model))
    count_frames(window)
    if args.diagnose:
        install_diagnosis(window)
    tabs = find_tabs(window)
    results = []
    for index in range(tabs.count()):
        title = tabs.tabText(index).replace("&", "")
        if args.tabs and not any(title.startswith(prefix) for prefix in args.tabs):
            continue
        bare = bare_rate(args.model)
        result = run_tab(app, window, tabs, index, args.seconds)
        result["bare"] = (bare + bare_rate(args.model)) / 2  # before and after, in alternation
        results.append(result)
        if args.diagnose:
            print(f"{result['tab']}:")
            explain(result)

    print(f"{'tab':<22} {'worst gap':>10} {'at step':>11} {'p99 gap':>9} {'steps/s':>10}  goals")
    all_met = True
    for r in results:
        met = (
            r["worst_ms"] <= WORST_GOAL_MS and r["p99_ms"] <= P99_GOAL_MS and r["rate"] >= RATE_GOAL
        )
        all_met &= met
        print(
            f"{r['tab'][:22]:<22} {r['worst_ms']:8.1f}ms {r['worst_at']:>11,} "
            f"{r['p99_ms']:7.1f}ms {r['rate']:>10,.0f}  {'met' if met else 'NOT met'}"
            f"  ({r['steps']:,} steps, {r['rate'] / r['bare']:.0%} of the bare run's"
            f" {r['bare']:,.0f}/s; {r['frames']:.0f} frames/s, view {r['views']:.0f}/s)"
        )
    print(
        f"goals: worst <= {WORST_GOAL_MS:.0f} ms, p99 <= {P99_GOAL_MS:.0f} ms, "
        f">= {RATE_GOAL:,} steps/s; {PROBE_MS} ms probe timer; "
        f"{'all met' if all_met else 'NOT all met'}; model {window.state.model.name}"
        + ("; GUI-thread CPU time, not wall time" if args.cpu_time else "")
    )
    window.close()


if __name__ == "__main__":
    main()
