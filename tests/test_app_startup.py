"""Starting without a display, Ctrl+C in the terminal, and errors raised in slots."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from PySide6.QtCore import QTimer

from app.display import missing_display
from app.errors import ErrorReporter


@pytest.mark.parametrize(
    ("environ", "platform", "missing"),
    [
        ({}, "linux", True),
        ({"DISPLAY": ":0"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "minimal"}, "linux", False),
        ({"QT_QPA_PLATFORM": "offscreen:configfile=x.json"}, "linux", False),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":1"}, "linux", False),
        ({"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":1"}, "linux", True),
        ({}, "darwin", False),
        ({}, "win32", False),
    ],
)
def test_missing_display(environ, platform, missing):
    assert (missing_display(environ, platform) is not None) == missing


def _clean_env(tmp_path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env.update(XDG_CONFIG_HOME=str(tmp_path), HOME=str(tmp_path), **extra)
    return env


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="displays are a Linux matter")
def test_no_display_exits_with_two_lines_naming_it_and_the_command_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "app"],
        capture_output=True,
        text=True,
        timeout=60,
        env=_clean_env(tmp_path),
    )
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert 1 <= len(lines) <= 2, result.stderr
    assert "no display" in lines[0] and "DISPLAY" in lines[0]
    assert "backprop-lab train" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_ctrl_c_in_the_terminal_closes_the_window_cleanly(tmp_path):
    process = subprocess.Popen(
        [sys.executable, "-m", "app"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_clean_env(tmp_path, QT_QPA_PLATFORM="offscreen"),
    )
    try:
        # The offscreen platform says this once the window is shown: the app is up.
        assert process.stderr is not None
        deadline = time.monotonic() + 60
        seen = ""
        while "propagateSizeHints" not in seen and time.monotonic() < deadline:
            seen += process.stderr.readline()
        time.sleep(0.5)
        process.send_signal(signal.SIGINT)
        _, rest = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, seen + rest
    assert "Traceback" not in seen + rest
    assert (tmp_path / "BackpropLab" / "Backprop Lab.conf").exists()  # closed, settings saved


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_shows_a_dialog_and_the_window_keeps_working(qtbot, window):
    window.state.advance(3)
    rows = list(window.state.history.rows())
    reporter = ErrorReporter(window, lambda: window.state.set_running(False))
    reporter.install()
    try:
        window.toggle_running()

        def broken_slot() -> None:
            raise ZeroDivisionError("raised on purpose by the test")

        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    finally:
        reporter.uninstall()
    dialog = reporter.dialog
    assert "ZeroDivisionError: raised on purpose by the test" in dialog.text()
    assert "Traceback" in dialog.detailedText() and "broken_slot" in dialog.detailedText()
    assert not window.state.running  # paused, with every row kept
    assert list(window.state.history.rows())[: len(rows)] == rows
    dialog.close()
    step = window.state.step
    window.step_once()
    assert window.state.step == step + 1
