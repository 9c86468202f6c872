"""The window's start loads only what its first frame needs (a fresh interpreter)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_SCRIPT = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.main_window import MainWindow
window = MainWindow()
window.show()
app.processEvents()
later = ("importlib.metadata", "email", "app.surface_panel", "widgets.surface_map")
print(sorted(m for m in later if m in sys.modules))
"""


def test_window_start_loads_neither_package_metadata_nor_hidden_tabs(tmp_path):
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run(
        [sys.executable, "-c", _SCRIPT], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_version_is_still_there_when_asked_for():
    import app

    assert app.__version__ and app.__version__[0].isdigit()
