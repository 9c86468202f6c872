"""A line edit for one float that accepts numbers the way a person types them."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QSize, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from engine.numbers import format_number, parse_number

#: Significant digits shown in a field; value() keeps the exact double.
DISPLAY_DIGITS = 12

_STYLE = 'QLineEdit[invalid="true"] { border: 2px solid #c62828; border-radius: 3px; }'

# parse_number's reasons that read as a predicate after the field's name ("w1 is empty; ...").
_PREDICATES = ("is ", "must ", "uses ")


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
        self.setStyleSheet(_STYLE)
        self.setProperty("invalid", False)
        self.textChanged.connect(self._revalidate)
        self.editingFinished.connect(self._commit)
        self.setText(format_number(self._value, DISPLAY_DIGITS))

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
        self.setText(format_number(value, DISPLAY_DIGITS))

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
        super().changeEvent(event)

    def _revalidate(self, text: str) -> None:
        try:
            parse_number(text)
        except ValueError as error:
            message = self._describe(str(error))
        else:
            message = ""
        if message == self._message:
            return
        was_valid = self._valid
        self._message = message
        self._valid = not message
        self.setToolTip(message)
        self.setAccessibleDescription(message)
        if self._valid != was_valid:
            self.setProperty("invalid", not self._valid)
            self.style().unpolish(self)
            self.style().polish(self)
            self.validityChanged.emit(self._valid)

    def _describe(self, reason: str) -> str:
        # The engine's reasons are English (it has no Qt); the sentence pattern is translatable.
        if reason.startswith(_PREDICATES):
            return self.tr("{name} {reason}").format(name=self.name, reason=reason)
        return self.tr("{name}: {reason}").format(name=self.name, reason=reason)

    def _commit(self) -> None:
        try:
            value = parse_number(self.text())
        except ValueError:
            return
        if _same(value, self._value):
            return
        self._value = value
        self.valueCommitted.emit(value)
