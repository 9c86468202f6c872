"""Step, Run/Pause, Reset and a speed control: buttons that emit, nothing more."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSlider, QWidget

#: Speed positions in steps per second; None, the last, means as fast as possible.
SPEEDS: tuple[float | None, ...] = (
    1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000,
    None,
)  # fmt: skip


class RunControls(QWidget):
    """Buttons and a speed slider; object names get ``prefix`` (e.g. ``parabola_``)."""

    stepClicked = Signal()
    runToggled = Signal(bool)
    resetClicked = Signal()
    speedChanged = Signal(object)  # steps per second, or None for as fast as possible

    def __init__(
        self, prefix: str = "", default_speed: float | None = 10, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.step_button = QPushButton()
        self.run_button = QPushButton()
        self.run_button.setCheckable(True)
        self.reset_button = QPushButton()
        self.speed_control = QSlider(Qt.Orientation.Horizontal)
        self.speed_control.setRange(0, len(SPEEDS) - 1)
        self.speed_control.setPageStep(3)
        self.speed_label = QLabel()
        for widget, name in (
            (self.step_button, "step_button"),
            (self.run_button, "run_button"),
            (self.reset_button, "reset_button"),
            (self.speed_control, "speed_control"),
        ):
            widget.setObjectName(prefix + name)
            widget.setAccessibleName(prefix + name)

        self._layout = layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.step_button, 0, 0)
        layout.addWidget(self.run_button, 0, 1)
        layout.addWidget(self.reset_button, 0, 2)
        self.speed_caption = QLabel()
        self.speed_caption.setBuddy(self.speed_control)
        self._compact: bool | None = None
        self._place(compact=False)

        self.step_button.clicked.connect(self.stepClicked)
        self.run_button.toggled.connect(self._on_run_toggled)
        self.reset_button.clicked.connect(self.resetClicked)
        self.speed_control.valueChanged.connect(self._on_speed_moved)
        self.speed_control.setValue(SPEEDS.index(default_speed))
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language (also on LanguageChange)."""
        self.step_button.setText(self.tr("Step"))
        self._show_run_text(self.run_button.isChecked())
        self.reset_button.setText(self.tr("Reset"))
        self.speed_caption.setText(self.tr("Speed"))
        self.step_button.setToolTip(self.tr("Do one update (Right arrow or N)"))
        self.run_button.setToolTip(self.tr("Run or pause training (Space)"))
        self.reset_button.setToolTip(self.tr("Back to the starting values (Ctrl+R)"))
        self.speed_control.setToolTip(self.tr("Steps per second; far right is as fast as possible"))
        self._show_speed()
        self._fit_speed_label()

    # --- the speed row: beside its caption, or under it when the panel is narrow -------

    def _place(self, compact: bool) -> None:
        """Wide: Speed [slider] 10 steps/s in one row, under the buttons. Compact (large
        text in a narrow column): "Speed 10 steps/s", then the slider across the width."""
        if compact == self._compact:
            return
        self._compact = compact
        layout = self._layout
        for widget in (self.speed_caption, self.speed_control, self.speed_label):
            layout.removeWidget(widget)
        layout.addWidget(self.speed_caption, 1, 0)
        if compact:
            layout.addWidget(self.speed_label, 1, 1, 1, 2)
            layout.addWidget(self.speed_control, 2, 0, 1, 3)
        else:
            layout.addWidget(self.speed_control, 1, 1)
            layout.addWidget(self.speed_label, 1, 2)

    def _widths(self) -> tuple[int, int]:
        """(the narrowest width of the wide placement, of the compact one)."""
        spacing = 2 * self._layout.horizontalSpacing()

        def least(widget: QWidget) -> int:
            return max(widget.minimumSizeHint().width(), widget.minimumWidth())

        buttons = [least(b) for b in (self.step_button, self.run_button, self.reset_button)]
        caption, slider, label = (
            least(w) for w in (self.speed_caption, self.speed_control, self.speed_label)
        )
        wide = max(buttons[0], caption) + max(buttons[1], slider) + max(buttons[2], label)
        compact = max(sum(buttons), caption + label)
        return wide + spacing, compact + spacing

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self._widths()[1]), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._place(compact=self.width() < self._widths()[0])
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:
            self._fit_speed_label()
            self._place(compact=self.width() < self._widths()[0])
        super().changeEvent(event)

    def _fit_speed_label(self) -> None:
        """Wide enough for the longest speed, so the slider does not jump while it moves."""
        metrics = self.fontMetrics()  # the label inherits this font
        texts = [self._speed_text(speed) for speed in SPEEDS]
        self.speed_label.setMinimumWidth(max(metrics.horizontalAdvance(t) for t in texts) + 4)

    def speed(self) -> float | None:
        """Steps per second, or None for as fast as possible."""
        return SPEEDS[self.speed_control.value()]

    def set_running(self, running: bool) -> None:
        """Show the running state without emitting ``runToggled``."""
        self.run_button.blockSignals(True)
        self.run_button.setChecked(running)
        self.run_button.blockSignals(False)
        self._show_run_text(running)

    def set_can_run(self, enabled: bool, can_run: bool | None = None) -> None:
        """Enable or disable Step and Run (for example while an input is invalid);
        ``can_run`` (default: ``enabled``) for Run alone, e.g. when a stop condition is not."""
        can_run = enabled if can_run is None else can_run
        self.step_button.setEnabled(enabled)
        self.run_button.setEnabled(can_run or self.run_button.isChecked())

    def _on_run_toggled(self, running: bool) -> None:
        self._show_run_text(running)
        self.runToggled.emit(running)

    def _show_run_text(self, running: bool) -> None:
        self.run_button.setText(self.tr("Pause") if running else self.tr("Run"))

    def _on_speed_moved(self) -> None:
        self._show_speed()
        self.speedChanged.emit(self.speed())

    def _show_speed(self) -> None:
        self.speed_label.setText(self._speed_text(self.speed()))

    def _speed_text(self, speed: float | None) -> str:
        if speed is None:
            return self.tr("max")
        shown = f"{speed:,.0f}"
        if shown == "1":
            return self.tr("1 step/s")
        return self.tr("%1 steps/s").replace("%1", shown)
