"""One dot on a plot, of a fixed size on screen: a ball, a ghost, a factor's point.

A one-point pyqtgraph scatter (PlotDataItem with a symbol) rebuilds its spot tables on
every ``setData`` and asks its view for its bounds on every paint, about a millisecond
each time; moving this item costs a ``setPos``.  It speaks the small part of the
PlotDataItem interface the views and tests use (``setData``, ``getData``, ``clear``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from PySide6.QtGui import QBrush, QPainter, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem, QStyleOptionGraphicsItem, QWidget


class Marker(QGraphicsEllipseItem):
    """A round dot ``size`` pixels wide at a point of the plot's data coordinates."""

    def __init__(self, size: float, brush: QBrush, pen: QPen) -> None:
        super().__init__(-size / 2.0, -size / 2.0, size, size)
        # Sized in pixels whatever the plot's scale (as ArrowItem does).
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setBrush(brush)
        self.setPen(pen)
        self._at: tuple[float, float] | None = None
        self.hide()

    def setData(self, xs: Sequence[float], ys: Sequence[float]) -> None:
        """Put the dot at ``(xs[0], ys[0])`` (hidden if that is not a finite point)."""
        x, y = float(xs[0]), float(ys[0])
        if not (math.isfinite(x) and math.isfinite(y)):
            self.clear()
            return
        self._at = (x, y)
        self.setPos(x, y)
        self.show()

    def getData(self) -> tuple[np.ndarray, np.ndarray] | tuple[None, None]:
        """The dot's point as one-element arrays (like PlotDataItem), or (None, None)."""
        if self._at is None:
            return None, None
        return np.array([self._at[0]]), np.array([self._at[1]])

    def clear(self) -> None:
        self._at = None
        self.hide()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        super().paint(painter, option, widget)
