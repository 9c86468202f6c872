"""A holder that keeps a live read-out's text changes from laying the window out again.

``QLabel.setText`` always calls ``updateGeometry``: the parent's layout is invalidated,
and when it is laid out again it tells its own parent, and so on up to the window.  A
read-out that changes every frame while running so lays out (and repaints) every level
of the window every frame, a few milliseconds each time, though its size stays.  In a
:class:`QuietBox` the label's parent has no layout: the box places the label itself and
asks its own layout for room only when the label's size hints really changed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

_WRAP = int(Qt.TextFlag.TextWordWrap)
#: Pixels from the label's edge within which a line is measured as the label measures it.
_EDGE = 4


class QuietBox(QWidget):
    """Holds ``child`` at its whole size; passes on its size hints, but only when they
    changed (a new number of lines, a new font), not on every change of its text.
    Set the text with :meth:`set_text`.  (To hide the child and its room, hide the box.)

    The child's own least and greatest sizes (a read-out kept as wide as its longest
    number) are the box's.  ``opaque``: the box paints the window's background itself,
    so that a new text repaints the label only, not the widgets behind it (for a box on
    a plain background).
    """

    def __init__(self, child: QLabel, parent: QWidget | None = None, *, opaque: bool = False):
        super().__init__(parent)
        self.child = child
        child.setParent(self)
        self.setSizePolicy(child.sizePolicy())
        self.setObjectName(f"{child.objectName()}_box" if child.objectName() else "")
        self.setAutoFillBackground(opaque)
        self._checked: tuple | None = None  # what the hints were last computed for
        self._quick: tuple | None = None  # see _quick_key
        self._hints: tuple | None = None
        self.relayouts = 0  # times the box asked its layout for other room (for tests)
        self._check()

    def set_text(self, text: str) -> None:
        """Show ``text`` in the label; lay out again only if its hints changed."""
        if self.child.text() != text:
            self.child.setText(text)
            self._check()

    def _current(self) -> tuple:
        """What the layout reads of the child: its hints, but not in a direction whose
        policy ignores them (a label's width as its digits come and go), and its own
        least and greatest sizes."""
        child = self.child
        policy = child.sizePolicy()
        hint, least = child.sizeHint(), child.minimumSizeHint()
        hints: tuple = (policy, child.minimumSize(), child.maximumSize())
        if policy.horizontalPolicy() != QSizePolicy.Policy.Ignored:
            hints += (hint.width(), least.width())
        if policy.verticalPolicy() != QSizePolicy.Policy.Ignored:
            hints += (hint.height(), least.height())
        if child.hasHeightForWidth():
            hints += (child.heightForWidth(self.width()),)
        return hints

    def _quick_key(self) -> tuple | None:
        """For a word-wrapped plain-text label, what its hints follow from, measured
        cheaply: the size of its lines at its width (a selectable label measures its
        hints by laying its text out, several times: 0.3-0.7 ms a frame).  None (ask the
        label) for anything else, or when a line comes near the edge, where a rounding
        could wrap it otherwise."""
        child = self.child
        if not child.wordWrap():
            return None
        text = child.text()
        rich = child.textFormat() == Qt.TextFormat.RichText
        if rich or (child.textFormat() == Qt.TextFormat.AutoText and "<" in text):
            return None
        width = child.contentsRect().width() - 2 * child.margin() - max(child.indent(), 0)
        metrics = child.fontMetrics()
        lines = metrics.boundingRect(QRect(0, 0, width, 1 << 20), _WRAP, text)
        if lines.width() > width - _EDGE:
            return None
        key: tuple = (lines.height(), width, child.font().key(), child.sizePolicy())
        if child.sizePolicy().horizontalPolicy() != QSizePolicy.Policy.Ignored:
            key += (metrics.horizontalAdvance(text),)  # its preferred width counts too
        return (*key, child.minimumSize(), child.maximumSize())

    def _check(self) -> None:
        """Ask the layout for other room if the child's hints changed."""
        child = self.child
        state = (
            child.text(),
            child.width(),
            child.font().key(),
            child.sizePolicy(),
            child.minimumSize(),
            child.maximumSize(),
        )
        if state == self._checked:
            return  # (the label's own LayoutRequest after set_text: already checked)
        self._checked = state
        quick = self._quick_key()
        if quick is not None and quick == self._quick:
            return  # the same lines in the same room
        self._quick = quick
        hints = self._current()
        if hints != self._hints:
            self._hints = hints
            self.setSizePolicy(child.sizePolicy())
            self.relayouts += 1
            least, most = QSize(child.minimumSize()), child.maximumSize()
            # Also as the box's own least height: updateGeometry alone sometimes left the
            # box at its old height when asked from within an event.
            if child.sizePolicy().verticalPolicy() != QSizePolicy.Policy.Ignored:
                least.setHeight(max(least.height(), child.minimumSizeHint().height()))
            self.setMinimumSize(least)
            self.setMaximumSize(most)
            self.updateGeometry()

    def sizeHint(self) -> QSize:
        return self.child.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.child.minimumSizeHint()

    def hasHeightForWidth(self) -> bool:
        return self.child.hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:
        return self.child.heightForWidth(width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.child.setGeometry(self.rect())

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        # The child's updateGeometry (a new font, a new width) posts a LayoutRequest here
        # (the box has no layout); a hidden box catches up when shown.
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Show):
            self._check()
        return handled
