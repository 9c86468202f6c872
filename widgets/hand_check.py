""" "Check my hand calculation": type your own numbers, see where the calculation goes wrong."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from engine.diagnose import Finding, Quantity, claims_for, diagnose, first_wrong, quantities
from engine.messages import EngineError
from engine.models import DEFAULT_MODEL, Config, State, get_model
from engine.numbers import display_number, format_number, parse_number
from widgets.quiet_box import QuietBox
from widgets.wrap_label import WrapLabel

from .messages import phrase

#: Significant digits of the "correct" column.
CORRECT_DIGITS = 12

GREEN = "#2e7d32"
RED = "#c62828"
#: Wrong, but only because an earlier value was: a softer colour than a slip of its own.
AMBER = "#a15c00"

#: Hint text: the first slip in red, another slip of its own plain, a consequence in italics.
_HINT_STYLES = {RED: "", AMBER: "font-style: italic;"}

_ENTRY_STYLE = 'QLineEdit[invalid="true"] { border: 2px solid #c62828; border-radius: 3px; }'
_SUMMARY_STYLE = {
    "neutral": "",
    "right": "background-color: #e6f4ea; color: #1b4d23;",
    "wrong": "background-color: #fdecea; color: #611a15;",
}


def _hint(finding: Finding) -> str:
    """Why a finding is wrong, in the window's language ("" when it is right)."""
    return "" if finding.message is None else phrase(finding.message)


def _num(value: float) -> str:
    """12 significant digits with a real minus sign."""
    return display_number(value, CORRECT_DIGITS)


@dataclass(slots=True)
class _Row:
    quantity: Quantity
    name: QLabel
    entry: QLineEdit
    correct: QLabel
    mark: QLabel
    hint: QLabel


class HandCheckPanel(QWidget):
    """One entry per quantity of a hand calculation, checked against the engine.

    An empty entry means "not checked". :meth:`check` fills the "correct" column for the
    entered values, marks each ✓ or ✗ with a hint underneath, and says in the summary at
    the top where the calculation first goes wrong. :meth:`set_state` gives the panel the
    neuron's current state (plain engine data); it re-checks only if a check was made.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hand_check")
        self.setAccessibleName("hand_check")
        model = get_model(DEFAULT_MODEL)
        self._snapshot: State = model.evaluate(model.defaults, model.default_config)
        self._config: Config = model.default_config
        self._checked = False
        self._findings: list[Finding] = []
        self._rows: dict[str, _Row] = {}
        self._step: int | None = None  # the run's step these numbers are checked against
        self._typed_at: int | None = None  # the step when the learner began typing
        self._moved = False  # the run changed under the learner's entries

        self._step_label = WrapLabel()
        self._step_label.setObjectName("check_step")
        self._step_label.setWordWrap(True)

        self._summary = WrapLabel()
        self._summary.setObjectName("check_summary")
        self._summary.setWordWrap(True)
        self._summary.setTextFormat(Qt.TextFormat.RichText)
        self._summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._summary.setMargin(6)

        self._headers = [QLabel() for _ in range(4)]
        self._grid_widget: QWidget | None = None

        self._check_button = QPushButton()
        self._check_button.setObjectName("check_button")
        self._check_button.clicked.connect(self.check)
        fill = self._fill_button = QPushButton()
        fill.setObjectName("check_fill_notes")
        fill.clicked.connect(self.fill_notes)
        clear = self._clear_button = QPushButton()
        clear.setObjectName("check_clear")
        clear.clicked.connect(self.clear)
        buttons = QHBoxLayout()
        buttons.addWidget(self._check_button)
        buttons.addWidget(fill)
        buttons.addStretch(1)
        buttons.addWidget(clear)

        # The buttons scroll with the table, so that large text never makes the panel (and
        # so the window) wider than the screen: the panel scrolls sideways instead.
        content = QWidget()
        self._content_layout = QVBoxLayout(content)
        self._content_layout.setContentsMargins(0, 0, 0, 0)
        self._content_layout.addLayout(buttons)
        self._build_rows()
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        layout = QVBoxLayout(self)
        # The step line changes at every frame of a run, the summary at each new check:
        # boxed, they lay the tab out again only when their lines change (a new layout
        # of a tab's page repainted the whole tab widget).
        self._step_box = QuietBox(self._step_label)
        self._summary_box = QuietBox(self._summary)
        layout.addWidget(self._step_box)
        layout.addWidget(self._summary_box)
        layout.addWidget(scroll, 1)

        self._update_formulas()
        self._fit_widths()
        self.retranslate()

    def _fit_widths(self) -> None:
        """Columns wide enough for 12-digit numbers in the current (zoomable) font."""
        metrics = self.fontMetrics()
        entry = metrics.horizontalAdvance("−0.0000000000") + 16
        correct = metrics.horizontalAdvance("−0.00261606372672") + 8
        for row in self._rows.values():
            row.entry.setMinimumWidth(entry)
            row.entry.setMaximumWidth(entry + 40)
            row.correct.setMinimumWidth(correct)
            mark = QFont(self.font())  # ✓ and ✗ a quarter larger than the text
            mark.setPointSizeF(self.font().pointSizeF() * 1.25)
            row.mark.setFont(mark)
            row.mark.setMinimumWidth(QFontMetrics(mark).horizontalAdvance("✗✗"))

    def _build_rows(self) -> None:
        """One row per quantity of the current model (in a fresh grid)."""
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        for column, header in enumerate(self._headers):
            grid.addWidget(header, 0, column)
        self._rows = {}
        found = quantities(self._snapshot.model)
        for index, q in enumerate(found):
            self._rows[q.key] = self._add_row(grid, 1 + 2 * index, q)
        grid.setColumnStretch(3, 1)
        grid.setRowStretch(1 + 2 * len(found), 1)
        if self._grid_widget is not None:
            self._content_layout.removeWidget(self._grid_widget)
            self._grid_widget.deleteLater()
        self._grid_widget = grid_widget
        self._content_layout.addWidget(grid_widget, 1)
        self._fit_widths()

    def retranslate(self) -> None:
        """Set every text in the current language (also on LanguageChange)."""
        self._show_step()
        headers = (
            self.tr("Quantity"),
            self.tr("Your value"),
            self.tr("Correct"),
            self.tr("Verdict"),
        )
        for label, text in zip(self._headers, headers, strict=True):
            label.setText(f"<b>{text}</b>")
        self._check_button.setText(self.tr("Check"))
        self._check_button.setToolTip(self.tr("Compare your numbers with the correct ones"))
        self._fill_button.setText(self.tr("Fill in the notes' numbers"))
        self._fill_button.setToolTip(self.tr("Enter what the learner's notes print, and check it"))
        self._clear_button.setText(self.tr("Clear"))
        self._fill_button.setVisible(bool(claims_for(self._snapshot.model)))
        for row in self._rows.values():
            label = row.quantity.label
            row.entry.setAccessibleName(self.tr("your value of {label}").format(label=label))
            row.entry.setPlaceholderText(self.tr("not checked"))
        if self._checked:
            self.check()  # phrases the verdicts and the summary again
        else:
            self._show_summary(self._intro(), "neutral")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:
            self._fit_widths()
        super().changeEvent(event)

    # --- public API -------------------------------------------------------------------

    def set_state(self, snapshot: State, config: Config, step: int | None = None) -> None:
        """The state the hand calculation starts from (the run's ``step``, if given);
        re-checks if a check was made, and says so when it changed under typed numbers.

        A state of another model brings that model's quantities (and forgets the entries).
        """
        if snapshot == self._snapshot and config == self._config and step == self._step:
            return
        config_changed = config != self._config
        new_model = snapshot.model is not self._snapshot.model
        if self._has_entries() and (snapshot != self._snapshot or config_changed):
            self._moved = True
        self._snapshot, self._config, self._step = snapshot, config, step
        if new_model:
            self._build_rows()
            self._checked = False
            self._findings = []
            self._typed_at, self._moved = None, False
            self.retranslate()
            config_changed = True
        self._show_step()
        if config_changed:
            self._update_formulas()
        if self._checked:
            self.check()

    def check(self) -> None:
        """Check every entered value and show the verdicts."""
        self._checked = True
        claims: dict[str, float] = {}
        invalid: list[str] = []
        for key, row in self._rows.items():
            text = row.entry.text().strip()
            if not text:
                self._show_row(row, None)
                continue
            try:
                claims[key] = parse_number(text)
            except EngineError as error:
                invalid.append(row.quantity.label)
                self._show_invalid(row, phrase(error, row.quantity.label))
        self._findings = diagnose(self._snapshot, self._config, claims)
        first = first_wrong(self._findings)
        for finding in self._findings:
            self._show_row(self._rows[finding.key], finding, first=finding is first)
        self._summarize(first, invalid)

    def fill_notes(self) -> None:
        """Enter the model's worked numbers (:func:`engine.diagnose.claims_for`: what the
        notes print for the neuron), then check."""
        claims = claims_for(self._snapshot.model)
        for key, row in self._rows.items():
            value = claims.get(key)
            row.entry.setText("" if value is None else format_number(value, CORRECT_DIGITS))
        self.check()

    def clear(self) -> None:
        """Empty every entry and forget the last check."""
        self._checked = False
        self._typed_at, self._moved = None, False
        self._findings = []
        for row in self._rows.values():
            row.entry.clear()
            self._show_row(row, None)
        self._show_summary(self._intro(), "neutral")

    def findings(self) -> list[Finding]:
        """The findings of the last check, in chain order (empty before a check)."""
        return list(self._findings)

    # --- building ---------------------------------------------------------------------

    def _add_row(self, grid: QGridLayout, line: int, q: Quantity) -> _Row:
        name = QLabel(q.label)
        name.setObjectName(f"label_{q.key}")
        entry = QLineEdit()
        entry.setObjectName(f"check_{q.key}")
        entry.setStyleSheet(_ENTRY_STYLE)
        entry.setProperty("invalid", False)
        entry.textChanged.connect(lambda text, key=q.key: self._edited(key, text))
        entry.returnPressed.connect(self.check)
        name.setBuddy(entry)

        correct = QLabel()
        correct.setObjectName(f"correct_{q.key}")
        correct.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mark = QLabel()
        mark.setObjectName(f"verdict_{q.key}")
        mark.setTextFormat(Qt.TextFormat.PlainText)
        hint = WrapLabel()
        hint.setObjectName(f"hint_{q.key}")
        hint.setWordWrap(True)
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        hint.setVisible(False)

        grid.addWidget(name, line, 0)
        grid.addWidget(entry, line, 1)
        grid.addWidget(correct, line, 2)
        grid.addWidget(mark, line, 3)
        grid.addWidget(hint, line + 1, 1, 1, 3)
        return _Row(q, name, entry, correct, mark, hint)

    def _update_formulas(self) -> None:
        for row in self._rows.values():
            formula = f"{row.quantity.label} = {row.quantity.formula(self._config)}"
            row.name.setToolTip(formula)
            row.entry.setToolTip(formula)

    # --- showing ----------------------------------------------------------------------

    def _intro(self) -> str:
        return self.tr(
            "Type the numbers of your own calculation (leave a box empty to skip it), "
            "then press Check to see where it first goes wrong."
        )

    def _has_entries(self) -> bool:
        return any(row.entry.text().strip() for row in self._rows.values())

    def _show_step(self) -> None:
        if self._step is None:
            self._step_box.set_text("")
        elif self._moved and self._typed_at is not None and self._typed_at != self._step:
            self._step_box.set_text(
                self.tr(
                    "The run moved under your numbers: you typed them at step %1, and Check "
                    "now compares them with step %2."
                )
                .replace("%1", f"{self._typed_at:,}")
                .replace("%2", f"{self._step:,}")
            )
        elif self._moved:
            self._step_box.set_text(
                self.tr(
                    "The values of step %1 changed under your numbers (an edit or a new "
                    "choice): Check compares them with the values now."
                ).replace("%1", f"{self._step:,}")
            )
        else:
            self._step_box.set_text(
                self.tr("Checking step %1: the values in the fields now.").replace(
                    "%1", f"{self._step:,}"
                )
            )
        style = f"color: {AMBER}; font-weight: bold;" if self._moved else ""
        if self._step_label.styleSheet() != style:  # a new sheet restyles it: not each frame
            self._step_label.setStyleSheet(style)

    def _edited(self, key: str, text: str) -> None:
        if text.strip() and self._typed_at is None:
            self._typed_at, self._moved = self._step, False
            self._show_step()
        row = self._rows[key]
        message = ""
        if text.strip():
            try:
                parse_number(text)
            except EngineError as error:
                message = phrase(error, row.quantity.label)
        if message:
            self._show_invalid(row, message)
        else:
            self._set_invalid(row.entry, False)
            self._show_row(row, None)
        if self._checked:
            self._show_summary(self.tr("You changed a value: press Check again."), "neutral")

    @staticmethod
    def _set_bold(label: QLabel, bold: bool) -> None:
        font = label.font()
        if font.bold() != bold:
            font.setBold(bold)
            label.setFont(font)

    def _show_row(self, row: _Row, finding: Finding | None, first: bool = False) -> None:
        self._set_bold(row.name, first)
        if finding is None:
            if row.entry.property("invalid") is not True:
                row.correct.clear()
                row.mark.clear()
                row.hint.clear()
                row.hint.setVisible(False)
            return
        self._set_invalid(row.entry, False)
        row.correct.setText(_num(finding.correct))
        if finding.ok:
            self._set_mark(row, "✓", GREEN, self.tr("right"))
            row.hint.clear()
            row.hint.setVisible(False)
            return
        colour = AMBER if finding.consequential else RED
        self._set_mark(row, "✗", colour, self.tr("wrong"))
        row.hint.setText(_hint(finding))
        row.hint.setStyleSheet(f"color: {RED};" if first else _HINT_STYLES[colour])
        row.hint.setVisible(True)

    def _show_invalid(self, row: _Row, reason: str) -> None:
        self._set_bold(row.name, False)
        self._set_invalid(row.entry, True)
        row.correct.clear()
        self._set_mark(row, "?", RED, self.tr("not a number"))
        row.hint.setText(reason)
        row.hint.setStyleSheet(f"color: {RED};")
        row.hint.setVisible(True)

    @staticmethod
    def _set_mark(row: _Row, mark: str, colour: str, words: str) -> None:
        row.mark.setText(mark)
        row.mark.setStyleSheet(f"color: {colour}; font-weight: bold;")
        row.mark.setAccessibleName(words)
        row.mark.setToolTip(words)

    @staticmethod
    def _set_invalid(entry: QLineEdit, invalid: bool) -> None:
        if entry.property("invalid") is invalid:
            return
        entry.setProperty("invalid", invalid)
        entry.style().unpolish(entry)
        entry.style().polish(entry)

    def _summarize(self, first: Finding | None, invalid: list[str]) -> None:
        parts: list[str] = []
        if invalid:
            parts.append(
                self.tr("Not a number, skipped: {names}.").format(
                    names=html.escape(", ".join(invalid))
                )
            )
        if not self._findings:
            if not invalid:
                parts.append(self.tr("Nothing to check yet: type at least one of your numbers."))
            self._show_summary(" ".join(parts), "wrong" if invalid else "neutral")
            return
        if first is None:
            parts.append(self.tr("Everything you entered is right."))
            self._show_summary(" ".join(parts), "wrong" if invalid else "right")
            return
        parts.append(
            self.tr("Your calculation first goes wrong at {label}: {hint}.").format(
                label=f"<b>{html.escape(first.label)}</b>",
                hint=html.escape(_hint(first)),
            )
        )
        following = sum(1 for f in self._findings if f.consequential)
        if following == 1:
            parts.append(self.tr("1 later value is wrong only because of an earlier slip."))
        elif following:
            parts.append(
                self.tr("{n} later values are wrong only because of earlier slips.").format(
                    n=following
                )
            )
        self._show_summary(" ".join(parts), "wrong")

    def _show_summary(self, text: str, mood: str) -> None:
        self._summary_box.set_text(text)
        style = f"QLabel {{ {_SUMMARY_STYLE[mood]} border-radius: 4px; }}"
        if self._summary.styleSheet() != style:  # a new sheet restyles it: not each frame
            self._summary.setStyleSheet(style)
