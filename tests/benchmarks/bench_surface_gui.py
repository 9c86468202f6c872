"""Auto-run at top speed with the Surface or the Slopes tab shown, against the Chain rule tab.

Run: ``uv run python tests/benchmarks/bench_surface_gui.py [--seconds S] [--rounds R]``
(offscreen).  Each round runs the three tabs in turn (Reset, then Run at "max" for S seconds,
with a 5 ms probe timer in the real event loop; see bench_frames.py), so a busy machine
slows them alike.  Prints per tab the median over rounds of the steps per second, their
ratio to the Chain rule tab's in the same round, and the worst and 99th-percentile gaps
between probe ticks.  Goals: with the map shown, >= 50,000 steps/s and no gap over 100 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_frames import run_tab
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.main_window import MainWindow

RATE_GOAL = 50_000
GAP_GOAL_MS = 100.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    app = QApplication([])
    settings = QSettings(os.path.join(tempfile.mkdtemp(), "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    window.resize(1280, 800)
    window.show()
    tabs = window.explain_tabs
    chosen = {
        "Chain rule": tabs.indexOf(window.chain_rule_view),
        "Surface": tabs.indexOf(window.surface.map),
        "Slopes": tabs.indexOf(window.surface.slopes),
    }
    results: dict[str, list[dict]] = {name: [] for name in chosen}
    for _ in range(args.rounds):
        for name, index in chosen.items():
            results[name].append(run_tab(app, window, tabs, index, args.seconds))
    print(f"{args.rounds} rounds of {args.seconds:g} s per tab, tabs in turn; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")  # fmt: skip
    print(f"{'tab':<12}{'steps/s':>10}{'x chain rule':>14}{'worst gap':>11}{'p99 gap':>10}  goals")
    reference = [r["rate"] for r in results["Chain rule"]]
    for name, runs in results.items():
        rate = statistics.median(r["rate"] for r in runs)
        ratio = statistics.median(r["rate"] / ref for r, ref in zip(runs, reference, strict=True))
        worst = max(r["worst_ms"] for r in runs)
        p99 = statistics.median(r["p99_ms"] for r in runs)
        met = rate >= RATE_GOAL and worst <= GAP_GOAL_MS
        print(
            f"{name:<12}{rate:>10,.0f}{ratio:>14.2f}{worst:>9.1f}ms{p99:>8.1f}ms  "
            f"{'met' if met else 'NOT met'}"
        )
    print(f"goals (map shown): >= {RATE_GOAL:,} steps/s, no gap over {GAP_GOAL_MS:g} ms "
          "(5 ms probe timer; worst over all rounds)")  # fmt: skip
    window.close()


if __name__ == "__main__":
    main()
