"""Test-wide setup: Qt runs offscreen so the suite needs no display."""

import os
from pathlib import Path

# Offscreen, with a 1920x1080 screen (the plugin's default is 800x600, smaller than the
# window is designed for).
_SCREENS = Path(__file__).with_name("offscreen-screens.json")
# A plain QT_QPA_PLATFORM=offscreen (as CI and the helpers' notes set it) gets the same screen.
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREENS}"


import pytest  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402

# CI (CI=true) replays the same examples every run, so a landing is never decided by a random
# draw; locally hypothesis keeps exploring new examples (and remembers the failing ones).
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


@pytest.fixture
def settings(tmp_path, qapp):
    """A QSettings in a temporary file, so tests never touch the user's settings."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, settings):
    """The main window, shown offscreen, closed after the test."""
    from app.main_window import MainWindow

    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
