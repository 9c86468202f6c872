"""The engine is pure Python and numpy: importing it must not pull in Qt or the GUI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = ("PySide6", "shiboken6", "pyqtgraph", "app", "widgets")

SCRIPT = f"""
import sys
import engine, engine.training, engine.csvio, engine.parabola
import engine.activations, engine.graph, engine.history, engine.losses
import engine.neuron, engine.numbers
forbidden = {FORBIDDEN!r}
bad = sorted(
    name for name in sys.modules
    if any(name == f or name.startswith(f + ".") for f in forbidden)
)
print("BAD:" + ",".join(bad))
print("ENGINE:" + engine.__file__)
"""


def test_engine_imports_no_gui_modules() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(":", 1) for line in result.stdout.splitlines() if ":" in line)
    assert lines["BAD"] == "", f"the engine imported {lines['BAD']}"
    # It really was this project's engine that was imported.
    assert Path(lines["ENGINE"]).resolve() == ROOT / "engine" / "__init__.py"


def test_the_check_would_notice_a_gui_import() -> None:
    # The same detection, in a process where GUI module names are present, must see them.
    planted = "import sys, types\n" + "".join(
        f"sys.modules[{name!r}] = types.ModuleType({name!r})\n"
        for name in ("PySide6.QtCore", "widgets", "application")
    )
    result = subprocess.run(
        [sys.executable, "-c", planted + SCRIPT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "BAD:PySide6.QtCore,widgets\n" in result.stdout  # "application" is not "app"
