"""A word-wrapped label that always gets the height its lines need."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import shiboken6
from PySide6.QtCore import QObject, QSize
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel


class WrapLabel(QLabel):
    """A word-wrapped label that asks its layout for all the lines its text needs.

    Layouts inside a QSplitter or a QTabWidget do not ask a label for its height at its
    width, so a long read-out or message lost its last lines; here the minimum height is
    that height.

    ``lines``: room for at least that many lines from the start.  ``steady``: the room
    only grows while the width and font stay (a read-out whose numbers change every frame
    would otherwise re-lay out, and redraw, the plot below it whenever a number got a
    digit longer or shorter).
    """

    def __init__(self, text: str = "", parent=None, *, lines: int = 0, steady: bool = False):
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._lines = lines
        self._steady = steady
        self._kept = 0
        self._kept_for: tuple[int, str] | None = None
        self._control: QObject | None = None  # see _text_control

    def _floor(self) -> int:
        """The height of ``lines`` lines (0 without)."""
        if not self._lines:
            return 0
        margins = self.contentsMargins()
        spacing = self.fontMetrics().lineSpacing()
        return self._lines * spacing + margins.top() + margins.bottom() + 2

    def hasHeightForWidth(self) -> bool:
        # With ``lines`` or ``steady`` the minimum size carries the height at the label's
        # width.  A box layout told of a height-for-width child lays its column out at
        # the *preferred* heights for the width, more than a scroll area that sizes it to
        # its minimum gives: the last widgets were pushed out of sight.
        if self._lines or self._steady:
            return False
        return super().hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:
        # Box layouts ask this rather than the minimum size of a word-wrapped label.
        with self._quiet():
            height = max(super().heightForWidth(width), self._floor())
        if self._steady and width > 0:
            key = (width, self.font().key())
            if key != self._kept_for:
                if width != self.width():
                    return height  # a layout trying widths: no room kept for those
                self._kept, self._kept_for = 0, key
            self._kept = max(self._kept, height)
            height = self._kept
        return height

    def minimumSizeHint(self) -> QSize:
        with self._quiet():
            hint = super().minimumSizeHint()
        height = max(hint.height(), self._floor())
        if self.width() > 0:
            height = max(height, self.heightForWidth(self.width()))
        hint.setHeight(height)
        return hint

    def sizeHint(self) -> QSize:
        with self._quiet():
            hint = super().sizeHint()
        if (self._lines or self._steady) and self.width() > 0:
            hint.setHeight(self.minimumSizeHint().height())  # no taller: steady
        return hint

    @contextmanager
    def _quiet(self) -> Iterator[None]:
        """No repaint requests from the label's text document meanwhile.

        A selectable label keeps its text in a document whose layout asks the label for
        a repaint whenever it is redone: to measure its size hints the label lays the text
        out at other widths and back, and when it paints it lays out a new text first
        (from inside the paint, so Qt posted another paint).  Both left the text as it
        was painted, yet repainted the label: twice for every new text, 30 times a second
        while running.
        """
        control = self._text_control()
        was = control.blockSignals(True) if control is not None else False
        try:
            yield
        finally:
            if control is not None:
                control.blockSignals(was)

    def _text_control(self) -> QObject | None:
        """Qt's document and cursor of a selectable label (made with its first text)."""
        control = self._control
        if control is None or not shiboken6.isValid(control):
            found = [c for c in self.children() if _is_text_control(c)]
            self._control = control = found[0] if found else None
        return control

    def paintEvent(self, event: QPaintEvent) -> None:
        with self._quiet():
            super().paintEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # the number of lines may have changed


def _is_text_control(child: QObject) -> bool:
    """Whether ``child`` is the document and cursor Qt keeps for a selectable label."""
    return child.metaObject().className() == "QWidgetTextControl"
