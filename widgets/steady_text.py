"""Labels whose text changes every frame without laying the window out again."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel


def fix_text_size(
    label: QLabel,
    widest: str,
    *,
    spare: int = 0,
    least_height: int = 0,
    metrics: QFontMetrics | None = None,
) -> None:
    """Give a one-line label the fixed size of ``widest``, its widest text, and ``spare``
    pixels (at least ``least_height`` high; measured with ``metrics``, else the label's
    own font).

    A label whose text changes asks its layout for a new one each time, and every layout
    around it up to the window is redone, unless its size is fixed: Qt passes the request
    on only from a widget whose size can change.  The same size again changes nothing.
    """
    metrics = metrics or label.fontMetrics()
    # As QLabel measures a text: at some sizes a line is taller than the font's height.
    line = metrics.boundingRect(QRect(0, 0, 1 << 20, 1 << 20), 0, widest)
    margins = label.contentsMargins()
    width = metrics.horizontalAdvance(widest) + spare + margins.left() + margins.right()
    height = max(line.height(), metrics.height()) + margins.top() + margins.bottom()
    label.setFixedSize(width, max(height, least_height))
