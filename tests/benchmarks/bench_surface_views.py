"""What one redraw of the Surface and the Slopes tab costs while training, beside the Chain rule.

Run: ``uv run python tests/benchmarks/bench_surface_views.py [--frames N] [--steps S]
[--rounds R] [--model neuron|2-2-2]`` (offscreen, 1280 x 800).

The run is flagged as running (so the views draw as they do at top speed) and advanced by
``S`` steps (default 8,000: about one frame at 250,000 steps/s) before every redraw.  A
redraw is the tab's update (``SurfacePanel.render`` or ``ChainRuleView.show_state``) plus the
paint events of the tab's own widgets that follow it; the window's other views are drawn
before it and not counted.  Each round redraws the three tabs from the same Reset, in turn,
so a busy machine slows them alike.  Prints per tab the median and the 90th percentile
over all frames, and the ratio of medians to the Chain rule tab's in the same round.
Goal: a redraw of either view within about 15-20 ms, so that it can follow the frame rate.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication, QWidget

GOAL_MS = 20.0


class PaintTimer(QApplication):
    """Adds up the time of the paint events of one page's widgets."""

    page: QWidget | None = None
    spent = 0.0

    def notify(self, receiver, event):
        page = self.page
        if event.type() != QEvent.Type.Paint or page is None:
            return super().notify(receiver, event)
        if not (receiver is page or page.isAncestorOf(receiver)):
            return super().notify(receiver, event)
        began = time.perf_counter()
        try:
            return super().notify(receiver, event)
        finally:
            self.spent += time.perf_counter() - began


def redraws(app: PaintTimer, window, name: str, frames: int, steps: int) -> list[float]:
    """Reset, show the tab, then ``frames`` times: advance, redraw, paint (ms each)."""
    state = window.state
    pages = {
        "Chain rule": window.chain_rule_view,
        "Surface": window.surface.map,
        "Slopes": window.surface.slopes,
    }
    page = pages[name]
    window.explain_tabs.setCurrentWidget(page)
    window.reset()
    for _ in range(5):
        app.processEvents()
    state.set_running(True)  # drawn as while auto-running (coarser grid, steady ranges)
    costs = []
    try:
        for _ in range(frames):
            state.advance(steps)
            for _ in range(2):  # the window's own redraw of the other views, not counted
                app.processEvents()
            app.page, app.spent = page, 0.0
            began = time.perf_counter()
            if name == "Chain rule":
                window.chain_rule_view.show_state(*state.shown())
            else:
                window.surface.render()
            update = time.perf_counter() - began
            for _ in range(2):  # its paints (a plot whose range changed paints twice)
                app.processEvents()
            app.page = None
            costs.append((update + app.spent) * 1000)
    finally:
        state.set_running(False)
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=40)
    parser.add_argument("--steps", type=int, default=8000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--model", default="neuron")
    args = parser.parse_args()
    app = PaintTimer([])
    from app.main_window import MainWindow

    settings = QSettings(os.path.join(tempfile.mkdtemp(), "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    window.resize(1280, 800)
    window.show()
    if args.model != "neuron":
        from engine.models import get_model

        window.state.set_model(get_model(args.model))
    tabs = ("Chain rule", "Surface", "Slopes")
    for name in tabs:  # built and drawn once before measuring
        redraws(app, window, name, 2, args.steps)
    costs: dict[str, list[float]] = {name: [] for name in tabs}
    ratios: dict[str, list[float]] = {name: [] for name in tabs}
    for _ in range(args.rounds):
        medians = {}
        for name in tabs:
            got = redraws(app, window, name, args.frames, args.steps)
            costs[name] += got
            medians[name] = statistics.median(got)
        for name in tabs:
            ratios[name].append(medians[name] / medians["Chain rule"])
    print(
        f"{args.model}: {args.rounds} rounds x {args.frames} redraws per tab, {args.steps:,} "
        f"steps before each; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print(f"{'tab':<12}{'median':>9}{'p90':>9}{'max':>9}{'x chain rule':>14}  goal")
    for name in tabs:
        got = sorted(costs[name])
        median = statistics.median(got)
        p90 = got[int(0.9 * (len(got) - 1))]
        ratio = statistics.median(ratios[name])
        met = "" if name == "Chain rule" else ("met" if median <= GOAL_MS else "NOT met")
        print(f"{name:<12}{median:>7.1f}ms{p90:>7.1f}ms{got[-1]:>7.1f}ms{ratio:>14.2f}  {met}")
    print(f"one redraw = the tab's update + its widgets' paints; goal: median <= {GOAL_MS:g} ms")
    window.close()


if __name__ == "__main__":
    main()
