"""Uncaught exceptions in slots: a dialog with the details to copy; the window goes on."""

from __future__ import annotations

import contextlib
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

_Hook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class ErrorReporter(QObject):
    """Replaces ``sys.excepthook`` while installed: each uncaught exception (Qt calls the
    hook for exceptions raised in slots) pauses auto-run through ``pause`` and is shown in
    one non-blocking dialog whose "Show Details" text can be selected and copied.  The run
    is not touched, so nothing is lost; later errors are added to the same dialog."""

    def __init__(self, window: QWidget, pause: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._pause = pause
        self._previous: _Hook | None = None
        self.dialog: QMessageBox | None = None
        self._details: list[str] = []

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.report

    def uninstall(self) -> None:
        if self._previous is not None and sys.excepthook == self.report:
            sys.excepthook = self._previous
        self._previous = None

    def report(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt) and self._previous is not None:
            self._previous(kind, error, tb)
            return
        details = "".join(traceback.format_exception(kind, error, tb))
        sys.stderr.write(details)  # the terminal keeps a record too
        with contextlib.suppress(Exception):  # the error may be in the pausing itself
            self._pause()
        self._details.append(details)
        if self.dialog is None:
            self.dialog = QMessageBox(self._window)
            self.dialog.setObjectName("error_dialog")
            self.dialog.setIcon(QMessageBox.Icon.Critical)
            self.dialog.finished.connect(self._closed)
        self.dialog.setWindowTitle(self.tr("Something went wrong"))
        self.dialog.setText(
            self.tr(
                "Backprop Lab hit an error it did not expect: %1. Your run and its history "
                "are kept and the window keeps working; auto-run was paused. Please report "
                "this with the details below (select them and copy)."
            ).replace("%1", f"{kind.__name__}: {error}")
        )
        self.dialog.setDetailedText("\n".join(self._details))
        self.dialog.open()  # window-modal but not blocking: the event loop goes on

    def _closed(self) -> None:
        self._details.clear()
