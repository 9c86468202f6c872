"""Start the desktop application."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QSettings, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from app import language
from app.main_window import MainWindow

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
    window.show()
    if smoke_ms:
        QTimer.singleShot(int(smoke_ms), lambda: _finish_smoke_test(app, window, problems))
    return app.exec()


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
    print(f"smoke test: platform {platform}, window {size}, exposed {shown}, ", end="")
    print(f"{len(problems)} Qt warning(s)")
    window.close()
    app.exit(0 if shown and not problems else 1)
