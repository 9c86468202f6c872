"""A line edit for one float that accepts numbers the way a person types them."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QSize, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from engine.messages import EngineError
from engine.numbers import format_number, parse_number

from .messages import phrase

#: Significant digits shown in a field; value() keeps the exact double.
DISPLAY_DIGITS = 12

# Read-only (while the run goes or the timeline looks back): the window's grey instead of
# the white of a field to type in, with the text in the usual colour so it stays readable.
# Fusion draws a read-only line edit exactly like an editable one, hence the rule.
_STYLE = (
    'QLineEdit[readOnly="true"] { background: palette(window); color: palette(text);'
    " border: 1px solid palette(mid); border-radius: 2px; padding: 1px; }"
    ' QLineEdit[invalid="true"] { border: 2px solid #c62828; border-radius: 3px; }'
)


def _same(a: float, b: float) -> bool:
    """Equal doubles, counting NaN as equal to NaN (so a NaN update is not repeated)."""
    return a == b or (math.isnan(a) and math.isnan(b))


class NumberField(QLineEdit):
    """One finite float, typed freely and checked as it is typed.

    Typing is never blocked (no QValidator): "1e" is allowed on the way to "1e3". A text
    that is not a finite number marks the field (red border, dynamic property ``invalid``)
    and :meth:`errorMessage` (also the tool tip) says why, in words a learner understands.

    :meth:`value` is the last committed or set value, kept as the exact double; the text
    shows it with about 12 significant digits. While the text is invalid, :meth:`value`
    keeps returning that last good value.

    The commit rule: only a text the person changed is committed.  Entering or leaving the
    field, pressing Enter in it, or typing back the text it showed keeps the exact value
    (the display is rounded; committing it would silently change the number).
    """

    #: The user committed (Enter or focus out) a valid text whose value differs.
    valueCommitted = Signal(float)
    #: The text became valid (True) or invalid (False).
    validityChanged = Signal(bool)

    def __init__(self, label: str, value: float = 0.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = label
        self._value = float(value)
        self._valid = True
        self._message: str | None = ""
        self._problem = ""  # set_problem's message, until the next edit
        self._shown = ""  # the text the program last showed
        self.setStyleSheet(_STYLE)
        self.setProperty("invalid", False)
        self.textChanged.connect(self._on_text_changed)
        self.editingFinished.connect(self._commit)
        self._show(self._value)

    def value(self) -> float:
        """The exact value (not the rounded display)."""
        return self._value

    def setValue(self, value: float) -> None:
        """Show a value set by the program; never emits :attr:`valueCommitted`.

        Does nothing when the value is unchanged, so a periodic refresh from the app never
        clobbers what the learner is typing (even an invalid or unfinished text). A value
        that really changed replaces the text, whatever it was.
        """
        value = float(value)
        if _same(value, self._value):
            return
        self._value = value
        self._show(value)

    def revert(self) -> None:
        """Show the current value again (after the app refused a committed one)."""
        self._show(self._value)

    def set_problem(self, message: str) -> None:
        """Mark the field red with ``message`` though its text is a number (the app refused
        the value, or another choice conflicts with it); the next edit clears the mark."""
        self._problem = message
        self._restyle()

    def _show(self, value: float) -> None:
        self._shown = format_number(value, DISPLAY_DIGITS)
        self.setText(self._shown)

    def isValid(self) -> bool:
        """Whether the current text is a finite number."""
        return self._valid

    def errorMessage(self) -> str:
        """Why the text is not accepted, starting with the field's name; "" when valid."""
        return self._message or ""

    def sizeHint(self) -> QSize:
        """Wide enough for a 12-digit number with sign and exponent, in the current font."""
        hint = super().sizeHint()
        wanted = self.fontMetrics().horizontalAdvance("−0.0000000000000") + 16
        return QSize(max(hint.width(), wanted), hint.height())

    def set_name(self, label: str) -> None:
        """Name the field in its messages (e.g. after a language switch)."""
        self.name = label
        self.retranslate()

    def retranslate(self) -> None:
        """Phrase the current message again, in the current language and with the name."""
        self._message = None  # force _revalidate to rebuild it
        self._revalidate(self.text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.ReadOnlyChange:
            # Style sheet rules on a property are matched when the widget is polished.
            self.style().unpolish(self)
            self.style().polish(self)
        super().changeEvent(event)

    def _on_text_changed(self, text: str) -> None:
        if self._problem:
            self._problem = ""
            self._restyle()
        self._revalidate(text)

    def minimumSizeHint(self) -> QSize:
        """As wide as the size hint: a panel too narrow scrolls rather than cut numbers."""
        hint = super().minimumSizeHint()
        return QSize(self.sizeHint().width(), hint.height())

    def _revalidate(self, text: str) -> None:
        try:
            parse_number(text)
        except EngineError as error:
            message = phrase(error, self.name)
        else:
            message = ""
        if message == self._message:
            return
        was_valid = self._valid
        self._message = message
        self._valid = not message
        self._restyle()
        if self._valid != was_valid:
            self.validityChanged.emit(self._valid)

    def _restyle(self) -> None:
        shown = self._message or self._problem
        self.setToolTip(shown)
        self.setAccessibleDescription(shown)
        if self.property("invalid") != bool(shown):
            self.setProperty("invalid", bool(shown))
            self.style().unpolish(self)
            self.style().polish(self)

    def _commit(self) -> None:
        if self.text() == self._shown:
            return  # nothing typed (or typed back as shown): keep the exact value
        try:
            value = parse_number(self.text())
        except EngineError:
            return
        self._shown = self.text()  # committed: leaving the field again changes nothing
        if _same(value, self._value):
            return
        self._value = value
        self.valueCommitted.emit(value)
