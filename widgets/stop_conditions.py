"""When an auto-run stops by itself: a step limit, an error tolerance, a gradient tolerance."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QSpinBox, QWidget

from engine import StopRule
from widgets.number_field import NumberField


class StopConditions(QGroupBox):
    """Three optional conditions; emits the resulting :class:`StopRule` on every change."""

    ruleChanged = Signal(object)

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
        for name, widget in (
            ("stop_max_step", self.max_step),
            ("stop_error_below", self.error_below),
            ("stop_gradient_below", self.gradient_below),
        ):
            widget.setObjectName(name)
            widget.setAccessibleName(name)

        layout = QGridLayout(self)
        for row, (check, field) in enumerate(
            (
                (self.max_step_check, self.max_step),
                (self.error_check, self.error_below),
                (self.gradient_check, self.gradient_below),
            )
        ):
            layout.addWidget(check, row, 0)
            layout.addWidget(field, row, 1)
            check.toggled.connect(self._emit)
        self.max_step.valueChanged.connect(self._emit)
        self.error_below.valueCommitted.connect(self._emit)
        self.gradient_below.valueCommitted.connect(self._emit)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language (also on LanguageChange)."""
        self.setTitle(self.tr("Stop auto-run when"))
        self.max_step_check.setText(self.tr("step reaches"))
        self.error_check.setText(self.tr("E falls below"))
        self.error_below.set_name(self.tr("the error tolerance"))
        self.gradient_check.setText(self.tr("‖∇E‖ falls below"))
        self.gradient_below.set_name(self.tr("the gradient tolerance"))

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

    def _emit(self) -> None:
        self.ruleChanged.emit(self.rule())
