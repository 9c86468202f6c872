"""The timeline under the error plot: a slider over every stored row of the run."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

#: The slider's least width in pixels (a handle and room to move it).
SLIDER_MIN_WIDTH = 80


class Timeline(QWidget):
    """A slider spanning the history's rows, a read-out and "Continue from step k".

    Emits ``rowChosen(row)`` when the learner drags or clicks the slider (the last row
    means the live run) and ``continueClicked`` for the button, which shows only while
    looking back.
    """

    rowChosen = Signal(int)
    continueClicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("timeline")
        self.slider.setAccessibleName("timeline")
        self.slider.setRange(0, 0)
        # The window's Left / Shift+N actions step back; the slider itself must not also
        # take the arrow keys (a focused slider would move twice).
        self.slider.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        # Always something to drag: the texts beside it must not squeeze it to nothing.
        self.slider.setMinimumWidth(SLIDER_MIN_WIDTH)
        self.label = QLabel()
        self.label.setObjectName("timeline_label")
        self.continue_button = QPushButton()
        self.continue_button.setObjectName("continue_button")
        self.continue_button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.continue_button)
        self.slider.valueChanged.connect(self._on_value)
        self.continue_button.clicked.connect(self.continueClicked)
        self._step = 0
        self._live_step = 0
        self._looking_back = False
        self._updating = False
        self.retranslate()

    def show_position(self, rows: int, row: int | None, step: int, live_step: int) -> None:
        """Span ``rows`` rows with the handle at ``row`` (None: the live, last row) showing
        step ``step`` of a run that is at ``live_step``."""
        self._updating = True
        try:
            if self.slider.maximum() != rows - 1:
                self.slider.setMaximum(max(rows - 1, 0))
            self.slider.setValue(rows - 1 if row is None else row)
        finally:
            self._updating = False
        looking_back = row is not None
        if looking_back != self._looking_back:
            self.updateGeometry()  # the button comes or goes: another minimum width
        self._step, self._live_step, self._looking_back = step, live_step, looking_back
        self.continue_button.setVisible(self._looking_back)
        self.retranslate()

    def retranslate(self) -> None:
        if self._looking_back:
            self.label.setText(
                self.tr("Looking back: step %1 of %2")
                .replace("%1", f"{self._step:,}")
                .replace("%2", f"{self._live_step:,}")
            )
        else:
            self.label.setText(self.tr("Step %1").replace("%1", f"{self._step:,}"))
        self.continue_button.setText(
            self.tr("Continue from step %1").replace("%1", f"{self._step:,}")
        )
        self.continue_button.setToolTip(self.label.text())
        self.slider.setToolTip(
            self.tr("Drag to look at any earlier step (Left or Shift+N steps back, End returns)")
        )
        self._show_label()

    def _show_label(self) -> None:
        """The label only when it leaves the slider its room. While looking back the button
        names the step and the status bar the live one; in a narrow column (large text on
        a small screen) the status bar names the step: the label would repeat them."""
        layout = self.layout()
        margins = layout.contentsMargins()
        needed = margins.left() + margins.right() + SLIDER_MIN_WIDTH
        needed += self.label.sizeHint().width() + layout.spacing()
        self.label.setVisible(not self._looking_back and self.width() >= needed)

    def minimumSizeHint(self) -> QSize:
        """Room for the slider (and the button while looking back); the label is extra."""
        layout = self.layout()
        margins = layout.contentsMargins()
        width = margins.left() + margins.right() + SLIDER_MIN_WIDTH
        if self._looking_back:
            width += layout.spacing() + self.continue_button.minimumSizeHint().width()
        return QSize(width, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._show_label()
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_value(self, value: int) -> None:
        if not self._updating:
            self.rowChosen.emit(value)
