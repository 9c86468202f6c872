"""Time ErrorPlot.set_history plus a repaint for growing histories (offscreen).

Run: ``.venv/bin/python tests/benchmarks/bench_plot.py``.  A "frame" is set_history +
set_current + processEvents, which delivers exactly the one paint a running app would get
(counted, to be sure it happened); "grab" also renders the whole widget into a pixmap.
Prints the median ms and the ratio to the 1e3 case measured in the same process.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from engine.history import History
from widgets.error_plot import ErrorPlot

SIZES = (1_000, 100_000, 1_000_000, 4_000_000)
REPEATS = 20


def make_history(size: int) -> History:
    """A decaying, noisy error curve of ``size`` rows (with one repeated step)."""
    history = History(("step", "error"), capacity=size)
    steps = np.arange(size, dtype=np.float64)
    errors = 0.25 * np.exp(-steps / (size / 8)) + 1e-3 * np.abs(np.sin(steps))
    steps[-1] = steps[-2]  # a user edit repeats a step number
    history.extend_flat(np.column_stack((steps, errors)).ravel())
    return history


class PaintCounter(QObject):
    """Counts paint events reaching a widget."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def time_redraw(app: QApplication, plot: ErrorPlot, history: History, grab: bool = False) -> float:
    """Median milliseconds for set_history + set_current + one repaint (or a grab)."""
    steps, errors = history.column("step"), history.column("error")
    counter = PaintCounter()
    plot.plot.viewport().installEventFilter(counter)
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        plot.set_history(steps, errors)
        plot.set_current(float(steps[-1]), float(errors[-1]))
        if grab:
            plot.grab()
        else:
            app.processEvents()
        times.append(time.perf_counter() - start)
    plot.plot.viewport().removeEventFilter(counter)
    if counter.count < REPEATS:
        raise RuntimeError(f"only {counter.count} paints for {REPEATS} redraws")
    return 1000.0 * float(np.median(times))


def main() -> None:
    app = QApplication.instance() or QApplication([])
    plot = ErrorPlot()
    plot.resize(800, 500)
    plot.show()
    app.processEvents()
    reference: tuple[float, float] | None = None
    print(f"{'points':>10}  {'frame ms':>9}  {'vs 1e3':>7}  {'grab ms':>8}  {'vs 1e3':>7}  drawn")
    for size in SIZES:
        history = make_history(size)
        time_redraw(app, plot, history)  # warm up: first autorange and caches
        frame = time_redraw(app, plot, history)
        grab = time_redraw(app, plot, history, grab=True)
        reference = reference or (frame, grab)
        drawn = len(plot.curve.getData()[0])
        print(
            f"{size:>10,}  {frame:>9.2f}  {frame / reference[0]:>6.1f}x"
            f"  {grab:>8.2f}  {grab / reference[1]:>6.1f}x  {drawn:,}"
        )
    plot.close()


if __name__ == "__main__":
    main()
