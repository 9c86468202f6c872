"""The timeline under the error plot: a slider over every stored row of the run."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QWidget,
)

from widgets.steady_text import fix_text_size

#: The slider's least width in pixels (a handle and room to move it).
SLIDER_MIN_WIDTH = 80
#: The slider's moves are passed on at most once a frame, the latest one: a mouse sends
#: moves faster than the views can be drawn, and each drawn move would delay the next.
FRAME_MS = 16
#: A drag held still this long has come to rest: views too slow to follow it catch up.
REST_MS = 150


def widest_digits(number: int) -> str:
    """``number`` with thousands separators and every digit an 8 (the widest digit in
    most fonts): the widest text of any step up to it."""
    return re.sub(r"\d", "8", f"{number:,}")


class _ContinueButton(QPushButton):
    """A button that asks for a set width (the widest text it will show) but needs only
    its text's: with room, its width stays put as the text changes; on a small screen
    with large text it gives the room back rather than squeeze its neighbours."""

    def __init__(self) -> None:
        super().__init__()
        self._reserved = 0
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_reserved_width(self, width: int) -> None:
        if width != self._reserved:
            self._reserved = width
            self.updateGeometry()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(hint.width(), self._reserved), hint.height())

    def minimumSizeHint(self) -> QSize:
        return super().sizeHint()  # the text it shows, whole


class Timeline(QWidget):
    """A slider spanning the history's rows, a read-out and "Continue from step k".

    Emits ``rowChosen(row)`` when the learner drags or clicks the slider (the last row
    means the live run), at most once a frame with the latest row; ``scrubRested`` when a
    drag ends or holds still; and ``continueClicked`` for the button, which shows only
    while looking back.
    """

    rowChosen = Signal(int)
    scrubRested = Signal()
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
        self.continue_button = _ContinueButton()
        self.continue_button.setObjectName("continue_button")
        self.continue_button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.continue_button)
        self.slider.valueChanged.connect(self._on_value)
        self.slider.sliderReleased.connect(self._on_released)
        self.continue_button.clicked.connect(self.continueClicked)
        self._frame = QTimer(self)
        self._frame.setSingleShot(True)
        self._frame.setInterval(FRAME_MS)
        self._frame.timeout.connect(self._pass_on)
        self._rest = QTimer(self)
        self._rest.setSingleShot(True)
        self._rest.setInterval(REST_MS)
        self._rest.timeout.connect(self._on_rest)
        self._chosen: int | None = None  # the latest row not passed on yet
        self._widest: tuple[str, QFont] | None = None  # the widest button text, in its font
        self._step = 0
        self._live_step = 0
        self._looking_back = False
        self._updating = False
        self.retranslate()
        self._fit_button()

    def show_position(self, rows: int, row: int | None, step: int, live_step: int) -> None:
        """Span ``rows`` rows with the handle at ``row`` (None: the live, last row) showing
        step ``step`` of a run that is at ``live_step``."""
        self._updating = True
        try:
            if self.slider.maximum() != rows - 1:
                self.slider.setMaximum(max(rows - 1, 0))
            if self._chosen is None:  # else the handle is where the learner just put it
                self.slider.setValue(rows - 1 if row is None else row)
        finally:
            self._updating = False
        looking_back = row is not None
        if (step, live_step, looking_back) == (self._step, self._live_step, self._looking_back):
            return  # called at every frame: nothing more to show
        if looking_back != self._looking_back:
            self.updateGeometry()  # the button comes or goes: another minimum width
        self._step, self._live_step, self._looking_back = step, live_step, looking_back
        self.continue_button.setVisible(self._looking_back)
        self._show_texts()
        self._fit_button()

    def retranslate(self) -> None:
        self.slider.setToolTip(
            self.tr("Drag to look at any earlier step (Left or Shift+N steps back, End returns)")
        )
        self._widest = None  # the texts' widths are measured again
        self._show_texts(every=True)

    def _show_texts(self, every: bool = False) -> None:
        """The step in the label, and in the button while it shows (``every``: both)."""
        if self._looking_back:
            self.label.setText(
                self.tr("Looking back: step %1 of %2")
                .replace("%1", f"{self._step:,}")
                .replace("%2", f"{self._live_step:,}")
            )
        else:
            self.label.setText(self.tr("Step %1").replace("%1", f"{self._step:,}"))
        if every or self._looking_back:
            self.continue_button.setText(
                self.tr("Continue from step %1").replace("%1", f"{self._step:,}")
            )
            self.continue_button.setToolTip(self.label.text())
        self._fit_label()
        self._show_label()

    def _fit_label(self) -> None:
        """The label as wide as its text for the widest step up to the live one, and as
        tall as the row: a fixed size, so that its new text at every frame of a run does
        not lay out the row, and the plot and columns around it, again."""
        if self._looking_back:
            return  # hidden: the button names the step
        widest = self.tr("Step %1").replace("%1", widest_digits(self._live_step))
        fix_text_size(self.label, widest, spare=2, least_height=self.minimumHeight())

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

    def _fit_button(self) -> None:
        """Ask for "Continue from step k" as wide as for the widest k up to the live step:
        while scrubbing, a button that grew and shrank with k moved the slider under the
        mouse and laid out the row again at every position."""
        button = self.continue_button
        widest = self.tr("Continue from step %1").replace("%1", widest_digits(self._live_step))
        if (widest, button.font()) != self._widest:
            self._widest = (widest, button.font())
            metrics = button.fontMetrics()
            extra = metrics.horizontalAdvance(widest) - metrics.horizontalAdvance(button.text())
            # 2 px spare for rounding, so that the width is the same whatever k is.
            button.set_reserved_width(button.minimumSizeHint().width() + extra + 2)
            # As tall with the button as with the label: looking back must not shrink the
            # error plot above (a new size redraws its two million points).
            self.setMinimumHeight(button.sizeHint().height())
            self._fit_label()

    @property
    def scrubbing(self) -> bool:
        """Whether the learner is dragging the handle."""
        return self.slider.isSliderDown()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._fit_button()
        elif event.type() == QEvent.Type.FontChange:
            self._fit_button()  # the widths and the row's height in the new size
            self._fit_label()
        super().changeEvent(event)

    def _on_value(self, value: int) -> None:
        if self._updating:
            return
        self._chosen = value
        if not self._frame.isActive():
            self._frame.start()  # passed on when the frame ends, with any later moves
        if self.scrubbing:
            self._rest.start()

    def _pass_on(self) -> None:
        self._frame.stop()
        if self._chosen is not None:
            row, self._chosen = self._chosen, None
            self.rowChosen.emit(row)

    def _on_released(self) -> None:
        self._rest.stop()
        self._on_rest()

    def _on_rest(self) -> None:
        self._pass_on()  # the row the handle rests on first
        self.scrubRested.emit()
