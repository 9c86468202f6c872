"""When an auto-run stops by itself: a step limit, an error tolerance, a gradient tolerance."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QSpinBox, QWidget

from engine import StopRule
from widgets.form_wrap import wrapping_form
from widgets.number_field import NumberField


class StopConditions(QGroupBox):
    """Three optional conditions; emits the resulting :class:`StopRule` on every change.

    A ticked condition whose field is not a number makes the panel invalid: it says why
    (visibly, under the conditions) and :attr:`validityChanged` tells the window, which
    then refuses to run; the rule never silently drops a condition the panel shows.
    """

    ruleChanged = Signal(object)
    #: Every ticked condition is usable (True) or one is not (False).
    validityChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.max_step_check = QCheckBox()
        self.max_step = QSpinBox()
        self.max_step.setRange(1, 2_000_000_000)
        self.max_step.setValue(1_000)
        self.max_step.setGroupSeparatorShown(True)
        self.error_check = QCheckBox()
        self.error_below = NumberField("")
        self.error_below.setValue(1e-6)
        self.gradient_check = QCheckBox()
        self.gradient_below = NumberField("")
        self.gradient_below.setValue(1e-8)
        self.message = QLabel()
        self.message.setObjectName("stop_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.message.hide()
        for name, widget in (
            ("stop_max_step", self.max_step),
            ("stop_error_below", self.error_below),
            ("stop_gradient_below", self.gradient_below),
            ("stop_max_step_check", self.max_step_check),
            ("stop_error_check", self.error_check),
            ("stop_gradient_check", self.gradient_check),
        ):
            widget.setObjectName(name)
            widget.setAccessibleName(name)

        # The fields go under their boxes when the column is narrow (see ParamPanel).
        layout = wrapping_form(self)
        for check, field in (
            (self.max_step_check, self.max_step),
            (self.error_check, self.error_below),
            (self.gradient_check, self.gradient_below),
        ):
            layout.addRow(check, field)
            check.toggled.connect(self._emit)
        layout.addRow(self.message)
        self._valid = True
        self.max_step.valueChanged.connect(self._emit)
        for field in (self.error_below, self.gradient_below):
            field.valueCommitted.connect(self._emit)
            # Typing back a valid text (even the same value) must bring the condition back.
            field.validityChanged.connect(self._emit)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language (also on LanguageChange)."""
        self.setTitle(self.tr("Stop auto-run when"))
        self.max_step_check.setText(self.tr("step reaches"))
        self.error_check.setText(self.tr("E falls below"))
        self.error_below.set_name(self.tr("the error tolerance"))
        self.gradient_check.setText(self.tr("‖∇E‖ falls below"))
        self.gradient_below.set_name(self.tr("the gradient tolerance"))
        self._show_validity()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def rule(self) -> StopRule:
        """The conditions that are ticked and valid."""

        def valid(check: QCheckBox, field: NumberField) -> float | None:
            return field.value() if check.isChecked() and field.isValid() else None

        return StopRule(
            self.max_step.value() if self.max_step_check.isChecked() else None,
            valid(self.error_check, self.error_below),
            valid(self.gradient_check, self.gradient_below),
        )

    def is_valid(self) -> bool:
        """Whether every ticked condition can be used."""
        return not self.problem()

    def problem(self) -> str:
        """Why a ticked condition cannot be used ("" when all can)."""
        for check, field in (
            (self.error_check, self.error_below),
            (self.gradient_check, self.gradient_below),
        ):
            if check.isChecked() and not field.isValid():
                return self.tr("Auto-run cannot start: %1.").replace("%1", field.errorMessage())
        return ""

    def _show_validity(self) -> None:
        problem = self.problem()
        self.message.setText(problem)
        self.message.setVisible(bool(problem))
        if self._valid != (not problem):
            self._valid = not problem
            self.validityChanged.emit(self._valid)

    def set_rule(self, rule: StopRule) -> None:
        """Tick and fill in the conditions of ``rule`` (its None ones are unticked)."""
        if rule == self.rule():
            return
        pairs = (
            (self.max_step_check, rule.max_step),
            (self.error_check, rule.error_below),
            (self.gradient_check, rule.gradient_norm_below),
        )
        self.blockSignals(True)
        try:
            if rule.max_step is not None:
                self.max_step.setValue(rule.max_step)
            if rule.error_below is not None:
                self.error_below.setValue(rule.error_below)
            if rule.gradient_norm_below is not None:
                self.gradient_below.setValue(rule.gradient_norm_below)
            for check, value in pairs:
                check.setChecked(value is not None)
        finally:
            self.blockSignals(False)
        self._emit()

    def _emit(self) -> None:
        self._show_validity()
        self.ruleChanged.emit(self.rule())
