"""A word-wrapped label that always gets the height its lines need."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel


class WrapLabel(QLabel):
    """A word-wrapped label that asks its layout for all the lines its text needs.

    Layouts inside a QSplitter or a QTabWidget do not ask a label for its height at its
    width, so a long read-out or message lost its last lines; here the minimum height is
    that height.
    """

    def __init__(self, text: str = "", parent=None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        if self.width() > 0:
            hint.setHeight(max(hint.height(), self.heightForWidth(self.width())))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # the number of lines may have changed
