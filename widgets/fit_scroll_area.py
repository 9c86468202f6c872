"""A scroll area whose content fills it, and scrolls only below the content's minimum size."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QWidget


class FitScrollArea(QScrollArea):
    """Like ``QScrollArea.setWidgetResizable(True)``, without its heightForWidth rule.

    A resizable QScrollArea makes content with word-wrapped labels as tall as it would
    *like* to be, so a panel with a plot inside always scrolled.  Here the content gets the
    whole viewport, and scroll bars appear only when the viewport is smaller than the
    content's minimum size (for example with very large text on a small screen).
    """

    def __init__(
        self,
        content: QWidget,
        parent: QWidget | None = None,
        *,
        row: bool = False,
        column: bool = False,
    ) -> None:
        """``row=True``: a single row of controls, as tall as it is, scrolling sideways only.
        ``column=True``: as narrow as the content can be, scrolling down only when the
        window is shorter than the content's minimum (very large text on a small screen)."""
        super().__init__(parent)
        self._row = row
        self._column = column
        self._preferred_width = 0
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(False)
        self.setWidget(content)
        content.installEventFilter(self)
        if row:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def minimumSizeHint(self) -> QSize:
        if self._column and self.widget() is not None:
            bar = self.verticalScrollBar().sizeHint().width()
            width = self.widget().minimumSizeHint().width()
            return QSize(width + bar, super().minimumSizeHint().height())
        if not self._row or self.widget() is None:
            return super().minimumSizeHint()
        return QSize(self.horizontalScrollBar().sizeHint().height() * 3, self._row_height())

    def _row_height(self) -> int:
        """The row's height, and the scroll bar's when the row does not fit."""
        content = self.widget()
        height = content.minimumSizeHint().height()
        if content.minimumSizeHint().width() > self.width():
            height += self.horizontalScrollBar().sizeHint().height()
        return height

    def sizeHint(self) -> QSize:
        """The content's minimum: a dock asks for no more room than it needs (QScrollArea
        asks for the content's whole size hint, and a dock area grows to it on relayout)."""
        content = self.widget()
        if content is None:
            return super().sizeHint()
        if self._row:
            return QSize(content.sizeHint().width(), self._row_height())
        hint = content.minimumSizeHint().expandedTo(content.minimumSize())
        if self._preferred_width:
            hint.setWidth(self._preferred_width)
        return hint

    def set_preferred_width(self, width: int) -> None:
        """The width to ask for, e.g. a dock's share (0: the content's minimum); less than
        the content's minimum when the window is too narrow for it (then it scrolls)."""
        self._preferred_width = width
        self.updateGeometry()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()
        if self._row and self.height() != self._row_height():
            self.updateGeometry()  # the scroll bar came or went

    def _fit(self) -> None:
        content = self.widget()
        if content is None:
            return
        wanted = content.minimumSizeHint().expandedTo(content.minimumSize())
        area = self.maximumViewportSize()  # the viewport without scroll bars
        if wanted.width() > area.width():  # a horizontal bar takes height from the view
            area.setHeight(area.height() - self.horizontalScrollBar().sizeHint().height())
        if wanted.height() > area.height():
            area.setWidth(area.width() - self.verticalScrollBar().sizeHint().width())
        width, height = max(area.width(), wanted.width()), max(area.height(), wanted.height())
        if self._row:
            height = area.height() if wanted.width() <= area.width() else wanted.height()
        if content.size().toTuple() != (width, height):
            content.resize(width, height)
