"""Start the desktop application."""

from __future__ import annotations

import os
import signal
import sys

from PySide6.QtCore import QSettings, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from app import language
from app.errors import ErrorReporter
from app.first_paint import settle_memory, when_painted
from app.main_window import MainWindow

#: Exit status after Ctrl+C in the terminal (the shell's convention for SIGINT).
EXIT_INTERRUPTED = 130

#: Set to a number of milliseconds to show the window, check it and quit (used by CI).
SMOKE_TEST_VARIABLE = "BACKPROP_LAB_SMOKE_TEST_MS"


def launch(argv: list[str] | None = None) -> int:
    """Create the application, show the window and run the event loop."""
    smoke_ms = os.environ.get(SMOKE_TEST_VARIABLE)
    problems: list[str] = []
    if smoke_ms:
        _count_qt_messages(problems)
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setOrganizationName("BackpropLab")
    app.setApplicationName("Backprop Lab")
    settings = QSettings()
    choice = settings.value(language.SETTINGS_KEY, language.SYSTEM, type=str)
    language.apply_language(language.resolve(choice))
    window = MainWindow(settings=settings)
    reporter = ErrorReporter(window, lambda: window.state.set_running(False))
    reporter.install()
    window.show()
    when_painted(window, settle_memory)
    if smoke_ms:
        QTimer.singleShot(int(smoke_ms), lambda: _finish_smoke_test(app, window, problems))
    interrupted = _close_on_ctrl_c(app, window)
    try:
        status = app.exec()
    finally:
        reporter.uninstall()
    return EXIT_INTERRUPTED if interrupted else status


def _close_on_ctrl_c(app: QApplication, window: MainWindow) -> list[bool]:
    """Ctrl+C in the terminal closes the window cleanly (settings saved, no traceback).

    Python runs signal handlers only between bytecodes, so a timer lets it in regularly
    while Qt's event loop waits.  Returns a list that becomes ``[True]`` on Ctrl+C.
    """
    interrupted: list[bool] = []

    def on_interrupt(_signum: int, _frame: object) -> None:
        interrupted.append(True)
        window.close()
        app.quit()

    signal.signal(signal.SIGINT, on_interrupt)
    wake = QTimer(app)
    wake.timeout.connect(lambda: None)
    wake.start(200)
    return interrupted


def _count_qt_messages(problems: list[str]) -> None:
    """Record (and still print) every Qt warning, critical or fatal message."""

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        print(message, file=sys.stderr)
        if kind != QtMsgType.QtDebugMsg and kind != QtMsgType.QtInfoMsg:
            problems.append(message)

    qInstallMessageHandler(handler)


def _finish_smoke_test(app: QApplication, window: MainWindow, problems: list[str]) -> None:
    """Quit with 0 if the window is on screen and Qt said nothing worrying, else 1."""
    shown = window.isVisible() and window.windowHandle() is not None
    shown = shown and window.windowHandle().isExposed()
    platform = app.platformName()
    size = f"{window.width()}x{window.height()}"
    title = window.windowTitle()
    print(f"smoke test: {title!r} on {platform}, window {size}, exposed {shown}, ", end="")
    print(f"{len(problems)} Qt warning(s)")
    window.close()
    app.exit(0 if shown and not problems else 1)
