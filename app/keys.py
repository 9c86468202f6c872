"""Keys go to the focused control when it uses them; the window's keys act everywhere else.

Qt asks the focused widget (a ShortcutOverride event) before it fires a window shortcut,
but many widgets do not claim the keys they use: Space on a button or a check box, the
arrows on a slider, a combo box or a table.  :class:`FocusKeys` claims them for the widget,
so Space presses a focused button instead of starting the run and Right moves a focused
slider instead of stepping the network.  It also makes Return press a focused push button,
and keeps a read-only text field (the fields while a run goes) from taking Space or N.

:func:`reading_order` and :func:`chain_tab_order` give Tab and Shift+Tab the reading order:
column by column, top to bottom, left to right within a row.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabBar,
    QTextEdit,
    QWidget,
)

K = Qt.Key
_ARROWS = {K.Key_Left, K.Key_Right, K.Key_Up, K.Key_Down}
_PAGING = {K.Key_PageUp, K.Key_PageDown, K.Key_Home, K.Key_End}
_RETURN = {K.Key_Return, K.Key_Enter}
_EDITING = {K.Key_Backspace, K.Key_Delete}
#: Qt's codes for keys that type a character are below this; F1, Escape and the like above.
_FIRST_SPECIAL_KEY = 0x01000000


def _types_text(key: int) -> bool:
    return key < _FIRST_SPECIAL_KEY


_CHORDS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def uses_key(widget: QWidget, key: int, modifiers: Qt.KeyboardModifier) -> bool | None:
    """Whether ``widget`` uses this key itself (True), leaves it to the window (False),
    or None to let Qt decide as usual (chords like Ctrl+Z, and widgets not listed here)."""
    if modifiers & _CHORDS:
        return None
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        read_only = widget.isReadOnly()
        if isinstance(widget, QTextEdit | QPlainTextEdit) and read_only:
            return None  # read-only text (the chain rule): the window's keys act
        if key in _ARROWS | _PAGING:
            return True
        if not (_types_text(key) or key in _EDITING):
            return None  # F1, Escape ...: the window's, unless the field claims them itself
        # A read-only field (while a run goes) types nothing: Space and N are the window's.
        return not read_only
    if isinstance(widget, QAbstractSpinBox):
        return True if _types_text(key) or key in _ARROWS | _PAGING | _EDITING else None
    if isinstance(widget, QPushButton):
        return key == K.Key_Space or key in _RETURN
    if isinstance(widget, QAbstractButton):
        return key == K.Key_Space
    if isinstance(widget, QAbstractSlider):
        return key in _ARROWS | _PAGING
    if isinstance(widget, QComboBox):
        return key == K.Key_Space or key in _ARROWS | _PAGING
    if isinstance(widget, QAbstractItemView):
        return key == K.Key_Space or key in _ARROWS | _PAGING
    if isinstance(widget, QTabBar):
        return key in _ARROWS
    return None


class FocusKeys(QObject):
    """An application event filter giving the focused control inside ``window`` its keys."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self._window:
            return False
        assert isinstance(event, QKeyEvent)
        if kind == QEvent.Type.KeyPress:
            # A focused push button answers Return and Enter, as in a dialog.
            if (
                isinstance(watched, QPushButton)
                and event.key() in _RETURN
                and not event.modifiers() & _CHORDS
                and watched.isEnabled()
            ):
                watched.click()
                return True
            return False
        used = uses_key(watched, event.key(), event.modifiers())
        if used is None:
            return False
        if used:
            event.accept()  # the widget gets the key as a KeyPress; no shortcut fires
            return True
        event.ignore()  # the window's shortcut fires
        return True


def reading_order(widgets: Sequence[QWidget], columns: Sequence[QWidget]) -> list[QWidget]:
    """``widgets`` sorted as a page is read: by column (the ``columns`` left to right), then
    by rows top to bottom (widgets whose vertical centres are close share a row), then
    left to right.  Widgets outside every column come last, in their given order."""
    window = columns[0].window() if columns else None
    ordered_columns = sorted(columns, key=lambda c: c.mapTo(window, QPoint(0, 0)).x())

    def column_of(widget: QWidget) -> int:
        for index, column in enumerate(ordered_columns):
            if column is widget or column.isAncestorOf(widget):
                return index
        return len(ordered_columns)

    def centre(widget: QWidget) -> QPoint:
        return widget.mapTo(window, widget.rect().center())

    result: list[QWidget] = []
    for index in range(len(ordered_columns) + 1):
        members = [w for w in widgets if column_of(w) == index]
        members.sort(key=lambda w: centre(w).y())
        rows: list[list[QWidget]] = []
        for widget in members:
            y = centre(widget).y()
            if rows and abs(y - centre(rows[-1][0]).y()) <= 8:
                rows[-1].append(widget)
            else:
                rows.append([widget])
        for row in rows:
            result += sorted(row, key=lambda w: centre(w).x())
    return result


def chain_tab_order(widgets: Sequence[QWidget]) -> None:
    """Make Tab visit ``widgets`` in this order (and Shift+Tab the reverse)."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)
