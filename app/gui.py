"""Start the desktop application."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from app.main_window import MainWindow


def launch(argv: list[str] | None = None) -> int:
    """Create the application, show the window and run the event loop."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setOrganizationName("BackpropLab")
    app.setApplicationName("Backprop Lab")
    window = MainWindow()
    window.show()
    return app.exec()
