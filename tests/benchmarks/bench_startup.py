"""Cold start: interpreter start to the painted window, against a bare two-plot window.

Run: ``uv run python tests/benchmarks/bench_startup.py`` (``--pairs N``, ``--breakdown``).

Each start is a fresh ``python`` subprocess (the same interpreter, the same Qt platform, an
empty settings folder).  The app starts the way ``backprop-lab`` does (``app.__main__``);
the reference is a bare PySide6 + pyqtgraph ``QMainWindow`` with two plots.  Both report
when the first paint of their window has finished; the time is measured by this script
from just before the subprocess is started, so it includes the interpreter's own start.
The two alternate (app, reference, app, ...) so that a change in the machine's load hits
both; the script prints every pair, the medians and the median ratio (goal <= 1.3).
``--breakdown`` adds where the app's start goes: imports, building, first paint.
Compiled modules are cached as Python normally does (``PYTHONDONTWRITEBYTECODE`` is
dropped for the children): the first, unmeasured, start of each fills the cache.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOAL = 1.3

# Shared by both children: make QApplication.exec() return once the first window has been
# painted, print the phase times, and leave at once (tear-down is not part of a start).
_PRELUDE = """
import os, sys, time
T0 = time.perf_counter()
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
T_QT = time.perf_counter()

class _Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj.isWidgetType() and obj.isWindow():
            # Runs once this paint pass (the whole window) has finished.
            QTimer.singleShot(0, _report)
            QApplication.instance().removeEventFilter(self)
        return False

def _report():
    now = time.perf_counter()
    print(f"PAINTED qt={T_QT - T0:.4f} exec={T_EXEC - T0:.4f} painted={now - T0:.4f}", flush=True)
    os._exit(0)

def _exec(self=None):
    global T_EXEC, _filter
    T_EXEC = time.perf_counter()
    _filter = _Painted()
    QApplication.instance().installEventFilter(_filter)
    return _original_exec()

_original_exec = QApplication.exec
QApplication.exec = _exec
"""

APP = (
    _PRELUDE
    + """
from app.__main__ import main
sys.argv = ["backprop-lab"]
main([])
"""
)

REFERENCE = (
    _PRELUDE
    + """
import pyqtgraph as pg
from PySide6.QtWidgets import QMainWindow, QVBoxLayout, QWidget
app = QApplication(sys.argv)
window = QMainWindow()
central = QWidget()
layout = QVBoxLayout(central)
for _ in range(2):
    plot = pg.PlotWidget(background="w")
    plot.plot([0, 1, 2, 3], [3, 1, 2, 0])
    layout.addWidget(plot)
window.setCentralWidget(central)
window.resize(1280, 800)
window.show()
app.exec()
"""
)


def start(code: str, env: dict[str, str]) -> tuple[float, float, str]:
    """Seconds from launching ``python -c code`` to its "painted" line, the child's CPU
    seconds (user + system, less sensitive to a busy machine), and the line."""
    began = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    painted = ""
    for line in child.stdout:
        if line.startswith("PAINTED"):
            elapsed = time.perf_counter() - began
            painted = line.strip()
            break
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if not painted:
        raise SystemExit(f"the child never painted:\n{child.stderr.read() if child.stderr else ''}")
    return elapsed, usage.ru_utime + usage.ru_stime, painted


def import_breakdown(env: dict[str, str], top: int = 15) -> None:
    """The app start's slowest imports (cumulative, from ``python -X importtime``)."""
    child = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", APP],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    rows = []
    for line in child.stderr.splitlines():
        parts = line.split("|")
        if not line.startswith("import time:") or not parts[1].strip().isdigit():
            continue
        name = parts[2].rstrip()
        depth = (len(name) - len(name.lstrip())) // 2
        if depth <= 2:  # the app's own modules and what they import directly
            rows.append((int(parts[1]), "  " * depth + name.strip()))
    print("slowest imports of the app's start (cumulative ms, indented by depth):")
    for cumulative, name in sorted(rows, reverse=True)[:top]:
        print(f"  {cumulative / 1000:7.1f}  {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--breakdown", action="store_true", help="also show the slowest imports")
    args = parser.parse_args()

    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["XDG_CONFIG_HOME"] = tempfile.mkdtemp()  # no remembered geometry: a first start
    env["PYTHONPATH"] = str(ROOT)
    # A person's Python caches compiled modules (__pycache__); without the cache every
    # start compiles numpy, pyqtgraph and the app again, which is not what users see.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start(REFERENCE, env)  # warm the disk cache once, so that the first pair is not special
    start(APP, env)
    apps, refs, cpu_ratios = [], [], []
    print(
        f"{'pair':>4} {'app':>8} {'bare':>8} {'ratio':>6} {'cpu ratio':>9}   "
        "app phases (s from start: Qt imported, exec() called, painted)"
    )
    for pair in range(1, args.pairs + 1):
        app_s, app_cpu, line = start(APP, env)
        ref_s, ref_cpu, ref_line = start(REFERENCE, env)
        apps.append(app_s)
        refs.append(ref_s)
        cpu_ratios.append(app_cpu / ref_cpu)
        phases = line.removeprefix("PAINTED ")
        print(
            f"{pair:>4} {app_s:7.3f}s {ref_s:7.3f}s {app_s / ref_s:6.2f} "
            f"{app_cpu / ref_cpu:9.2f}   {phases}"
        )
        if args.breakdown:
            print(f"{'':>37}bare: {ref_line.removeprefix('PAINTED ')}")
    ratios = sorted(a / r for a, r in zip(apps, refs, strict=True))
    ratio = statistics.median(ratios)
    print(
        f"median: app {statistics.median(apps):.3f} s, bare two-plot window "
        f"{statistics.median(refs):.3f} s, ratio {ratio:.2f} "
        f"(pairs {ratios[0]:.2f}-{ratios[-1]:.2f}); goal <= {GOAL}: "
        f"{'met' if ratio <= GOAL else 'NOT met'}; CPU-time ratio "
        f"{statistics.median(cpu_ratios):.2f}"
    )
    if args.breakdown:
        import_breakdown(env)


if __name__ == "__main__":
    main()
