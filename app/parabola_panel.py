"""The parabola panel: settings, controls, plot and table, wired to a ParabolaState."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.autorun import AutoRunner
from app.frame_clock import FrameClock
from app.parabola_state import ParabolaState
from engine.messages import EngineError
from engine.numbers import display_number
from engine.outcome import Divergence
from engine.parabola import FUNCTIONS, describe_x2_regime
from widgets.form_wrap import wrapping_form
from widgets.history_table import HistoryTable, parabola_headers
from widgets.limit_notice import LimitNotice
from widgets.messages import phrase
from widgets.number_field import NumberField
from widgets.parabola_plot import ParabolaPlot
from widgets.run_controls import RunControls

_TABLE_COLUMNS = ("step", "x", "fx", "gradient")


class ParabolaPanel(QWidget):
    """Gradient descent on a 1-D function, with its own Step, Run and Reset."""

    exportRequested = Signal()  # the limit notice's Export button

    def __init__(self, state: ParabolaState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.function_choice = QComboBox()
        self.function_choice.setObjectName("parabola_function")
        self.function_choice.setAccessibleName("parabola_function")
        for fn in FUNCTIONS.values():
            self.function_choice.addItem(fn.formula, fn.name)
        self.x0_field = NumberField("x₀")
        self.eta_field = NumberField("η")
        for field, name in ((self.x0_field, "parabola_x0"), (self.eta_field, "parabola_eta")):
            field.setObjectName(name)
            field.setAccessibleName(name)
        self.controls = RunControls("parabola_", default_speed=5)
        self.lesson = QLabel()
        self.lesson.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("parabola_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020; font-weight: bold;")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.limit_notice = LimitNotice()
        self.limit_notice.setObjectName("parabola_limit_notice")
        self.plot = ParabolaPlot()
        self.table = HistoryTable(_TABLE_COLUMNS, parabola_headers())
        self.table.setObjectName("parabola_table")

        self._message_source: str | Callable[[], str] = ""
        # Fields under their labels when the dock is narrow (large text on a small screen).
        form = wrapping_form(self, nested=True)
        self.form_labels = [QLabel(), QLabel(), QLabel()]
        for label, field in zip(
            self.form_labels, (self.function_choice, self.x0_field, self.eta_field), strict=True
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.plot)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)  # the dock is narrow with large text
        layout.addLayout(form)
        layout.addWidget(self.controls)
        layout.addWidget(self.lesson)
        layout.addWidget(self.message)
        layout.addWidget(self.limit_notice)
        layout.addWidget(splitter, 1)

        self.runner = AutoRunner(state.advance, self)
        self.runner.steps_per_second = self.controls.speed()
        self.function_choice.currentIndexChanged.connect(self._on_function_chosen)
        self.x0_field.valueCommitted.connect(lambda v: self._apply(state.set_x0, v, self.x0_field))
        self.eta_field.valueCommitted.connect(
            lambda v: self._apply(state.set_eta, v, self.eta_field)
        )
        for field in (self.x0_field, self.eta_field):
            field.validityChanged.connect(self._on_validity)
        self.controls.stepClicked.connect(self.step)
        self.controls.runToggled.connect(state.set_running)
        self.controls.resetClicked.connect(state.reset)
        self.controls.speedChanged.connect(self._on_speed)
        state.runningChanged.connect(self.runner.set_running)
        state.runningChanged.connect(self.controls.set_running)
        state.settingsChanged.connect(self._show_settings)
        # At most 30 redraws a second while running; auto-run computes in between.
        self._frames = FrameClock(lambda: self._show_history(), lambda: state.running, self)
        state.historyChanged.connect(self._on_history)
        state.diverged.connect(self._on_diverged)
        state.limitReached.connect(lambda: self.limit_notice.show_limit(state.step))
        self.limit_notice.exportClicked.connect(self.exportRequested)
        self.limit_notice.resetClicked.connect(self.controls.resetClicked)
        self._show_settings()
        self._show_history()
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language (also on LanguageChange)."""
        for label, text in zip(
            self.form_labels,
            (self.tr("Function"), self.tr("Start x₀"), self.tr("Learning rate η")),
            strict=True,
        ):
            label.setText(text)
        self.table.history_model.set_headers(parabola_headers())
        self._show_lesson()
        self._show_message(self._message_source)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def step(self) -> None:
        """One step, if the inputs are valid."""
        if self.x0_field.isValid() and self.eta_field.isValid():
            self.state.advance(1)

    def _apply(self, setter: Callable[[float], None], value: float, field: NumberField) -> None:
        """Use a committed value, or put the run's value back and say why it was refused."""
        try:
            setter(value)
        except EngineError as exc:
            self._show_settings()  # the field shows the value the run really uses
            field.revert()
            message = exc.message

            def text() -> str:
                reason = phrase(message)
                return (
                    self.tr("%1 cannot be used: %2").replace("%1", field.name).replace("%2", reason)
                )

            self._show_message(text)
            field.set_problem(text())

    def _on_function_chosen(self, index: int) -> None:
        self.state.set_function(self.function_choice.itemData(index))

    def _on_speed(self, speed: float | None) -> None:
        self.runner.steps_per_second = speed

    def _on_validity(self) -> None:
        valid = self.x0_field.isValid() and self.eta_field.isValid()
        self.controls.set_can_run(valid)
        first = next(
            (f.errorMessage() for f in (self.x0_field, self.eta_field) if not f.isValid()), ""
        )
        self._show_message(first)

    def _on_diverged(self, divergence: Divergence) -> None:
        eta = self.state.eta
        self._show_message(
            lambda: (
                self._divergence_text(eta)
                .replace("%1", phrase(divergence.message))
                .replace("%2", display_number(eta))
            )
        )

    def _divergence_text(self, eta: float) -> str:
        if eta < 0:
            return self.tr(
                "The ball flew off: %1. η = %2 is negative, so every step goes uphill "
                "(gradient ascent): it climbs the curve instead of descending it. Use a "
                "positive η, then press Reset."
            )
        return self.tr(
            "The ball flew off: %1. With η = %2 every step overshoots the minimum by more "
            "than it corrects, so |x| keeps growing. Try a smaller η (below 1 for x²), "
            "then press Reset."
        )

    def _show_message(self, message: str | Callable[[], str]) -> None:
        """Show a message ("" hides it); a function building it follows a language switch."""
        self._message_source = message
        text = message() if callable(message) else message
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _show_settings(self) -> None:
        state = self.state
        index = self.function_choice.findData(state.function.name)
        self.function_choice.blockSignals(True)
        self.function_choice.setCurrentIndex(index)
        self.function_choice.blockSignals(False)
        self.x0_field.setValue(state.x0)
        self.eta_field.setValue(state.eta)
        self._show_lesson()
        self.plot.set_function(state.function)
        if self.x0_field.isValid() and self.eta_field.isValid():
            self._show_message("")

    def _show_lesson(self) -> None:
        state = self.state
        lesson = describe_x2_regime(state.eta) if state.function.name == "x2" else None
        # The engine's texts are marked for translation in the "engine" context.
        self.lesson.setText(QCoreApplication.translate("engine", lesson or state.function.lesson))

    def _on_history(self) -> None:
        # A step by hand shows at once; a run's steps wait for the frame clock.
        self._frames.request() if self.state.running else self._show_history()

    def _show_history(self) -> None:
        if not self.state.at_limit:
            self.limit_notice.hide()
        history = self.state.history
        xs, fxs, grads = history.column("x"), history.column("fx"), history.column("gradient")
        self.plot.set_trail(xs, fxs)
        self.plot.set_ball(float(xs[-1]), float(fxs[-1]), float(grads[-1]))
        self.table.set_columns({name: history.column(name) for name in _TABLE_COLUMNS})
