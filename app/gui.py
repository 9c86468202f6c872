"""Start the desktop application."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from app.main_window import MainWindow
from resources import resource_path


def install_translation(
    app: QApplication, locale: QLocale | None = None, folder: str | None = None
) -> bool:
    """Load ``backprop_lab_<locale>.qm`` from ``resources/translations`` if there is one."""
    translator = QTranslator(app)
    found = translator.load(
        locale or QLocale(), "backprop_lab", "_", folder or resource_path("translations")
    )
    if found:
        app.installTranslator(translator)
    return found


def launch(argv: list[str] | None = None) -> int:
    """Create the application, show the window and run the event loop."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setOrganizationName("BackpropLab")
    app.setApplicationName("Backprop Lab")
    install_translation(app)
    window = MainWindow()
    window.show()
    return app.exec()
