"""What a running frame redraws: the views whose numbers changed, and nothing around them.

Counted with an event filter over a dozen frames of auto-run at top speed (no timing): a
label whose new text laid its row out again, and every layout around it up to the window,
showed up as layout requests at every frame; a status bar laid out again repaints whole.
"""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from widgets.error_plot import readout_label
from widgets.quiet_box import QuietBox

#: Frames counted; a few may lay out for a reason: the step got a digit longer, which at
#: top speed on a quick machine happens two or three times in these frames.  Without the
#: fixes every frame did.
FRAMES = 16
ALLOWED = 5


class _Events(QObject):
    """Counts (widget, event type) for the widgets given."""

    def __init__(self, kinds: tuple[QEvent.Type, ...]) -> None:
        super().__init__()
        self.kinds = kinds
        self.seen: Counter[tuple[int, QEvent.Type]] = Counter()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.kinds:
            self.seen[(id(watched), event.type())] += 1
        return False

    def count(self, widget: QObject, kind: QEvent.Type) -> int:
        return self.seen[(id(widget), kind)]


def _run_frames(qtbot, window, counter: _Events, tab: int = 0) -> tuple[str, str]:
    """Auto-run at top speed on middle tab ``tab``; count events over FRAMES frames (after
    the first few, which show Run itself); returns the status texts before and after."""
    network = window.network
    frames = [0]
    render = network._render

    def counting_render() -> None:
        frames[0] += 1
        render()

    network._render = counting_render  # the frame clock looks it up at every frame
    window.explain_tabs.setCurrentIndex(tab)
    speed = window.controls.speed_control
    speed.setValue(speed.maximum())
    window.toggle_running()
    qtbot.waitUntil(lambda: frames[0] >= 3, timeout=10_000)
    before = window.status_error.text()
    QApplication.instance().installEventFilter(counter)
    try:
        qtbot.waitUntil(lambda: frames[0] >= 3 + FRAMES, timeout=20_000)
    finally:
        QApplication.instance().removeEventFilter(counter)
        window.toggle_running()
    return before, window.status_error.text()


def test_running_frames_lay_nothing_out_again(qtbot, window):
    """The step and E change at every frame in the status bar, the timeline's label and
    the error plot's read-out; none of that may lay out the window around them."""
    counter = _Events((QEvent.Type.LayoutRequest,))
    before, after = _run_frames(qtbot, window, counter)
    assert before != after  # the numbers did move
    layouts = QEvent.Type.LayoutRequest
    for widget in (
        window.statusBar(),
        window.timeline,
        window.error_plot,
        window.centralWidget(),
        window,
    ):
        assert counter.count(widget, layouts) <= ALLOWED, type(widget).__name__


def test_running_frames_repaint_the_texts_not_the_bars_around_them(qtbot, window):
    """The status bar was repainted whole (and the window under it) at every frame; the
    chain rule's scroll bar too.  Only the changed texts need painting."""
    counter = _Events((QEvent.Type.Paint,))
    _run_frames(qtbot, window, counter)
    paint = QEvent.Type.Paint
    assert counter.count(window.status_error, paint) >= FRAMES // 2  # E is shown
    # (The chain rule is paced by its cost, which depends on the machine: at least once.)
    assert counter.count(window.chain_rule_view.viewport(), paint) >= 1
    assert counter.count(window.statusBar(), paint) <= ALLOWED  # its texts paint their own
    size_grip = window.statusBar().findChild(QWidget, "qt_size_grip") or next(
        (w for w in window.statusBar().children() if type(w).__name__ == "QSizeGrip"), None
    )
    if size_grip is not None:
        assert counter.count(size_grip, paint) <= ALLOWED
    assert counter.count(window.chain_rule_view.verticalScrollBar(), paint) <= ALLOWED
    assert counter.count(window.status_speed, paint) <= ALLOWED + 2  # twice a second


def _readout() -> QLabel:
    label = readout_label("readout")
    label.setText("step 0    E = 0.25")
    return label


def _shown_in_a_column(qtbot, widget: QWidget) -> QWidget:
    """``widget`` at the top of a shown column, above a plot's place."""
    column = QWidget()
    layout = QVBoxLayout(column)
    layout.addWidget(widget)
    layout.addWidget(QWidget(), 1)
    column.resize(300, 200)
    qtbot.addWidget(column)
    column.show()
    qtbot.waitExposed(column)
    qtbot.wait(10)
    return column


def test_a_selectable_read_out_is_painted_once_per_new_text(qtbot):
    """A selectable label lays its text out to measure its size hints, and again when it
    paints; each asked for another repaint: it was painted twice per new text."""
    label = _readout()
    _column = _shown_in_a_column(qtbot, label)  # kept alive: it owns the label
    counter = _Events((QEvent.Type.Paint,))
    label.installEventFilter(counter)
    for step in range(1, 6):
        label.setText(f"step {step * 1234:,}    E = 0.{step * 7919:012d}")
        qtbot.wait(5)
        label.sizeHint(), label.heightForWidth(label.width())  # as a layout measures it
        qtbot.wait(5)
    assert counter.count(label, QEvent.Type.Paint) == 5


def test_the_check_tab_lays_nothing_out_again_while_running(qtbot, window):
    """Its step line changed at every frame: the tab's page was laid out again, and a
    tab widget whose page asks for a new layout repaints whole (the tab bar, the table
    and its scroll bar) 30 times a second."""
    panel = window.hand_check  # built now
    counter = _Events((QEvent.Type.LayoutRequest, QEvent.Type.Paint))
    _run_frames(qtbot, window, counter, tab=2)
    assert "Checking step" in panel.findChild(QWidget, "check_step").text()
    assert counter.count(window.explain_tabs, QEvent.Type.LayoutRequest) <= ALLOWED
    assert counter.count(panel, QEvent.Type.LayoutRequest) <= ALLOWED
    assert counter.count(window.explain_tabs.tabBar(), QEvent.Type.Paint) <= ALLOWED


@pytest.fixture
def readout(qtbot):
    """The error plot's kind of read-out (selectable, word-wrapped, as wide as its
    column) in a quiet box, above a plot's place in a column."""
    label = _readout()
    box = QuietBox(label, opaque=True)
    return _shown_in_a_column(qtbot, box), box, label


def test_a_new_text_of_the_same_lines_lays_nothing_out_and_paints_only_the_label(qtbot, readout):
    column, box, label = readout
    counter = _Events((QEvent.Type.Paint, QEvent.Type.LayoutRequest))
    column.installEventFilter(counter)
    label.installEventFilter(counter)
    for step in range(1, 6):
        box.set_text(f"step {step * 1234:,}    E = 0.{step * 7919:012d}")
        qtbot.wait(5)
    assert counter.count(label, QEvent.Type.Paint) == 5
    assert counter.count(column, QEvent.Type.LayoutRequest) == 0
    assert counter.count(column, QEvent.Type.Paint) == 0  # the box paints its background


def test_a_text_that_needs_more_lines_gets_them(qtbot, readout):
    _column, box, label = readout
    height = box.height()
    box.set_text("step 1    E = 0.5 " + "and a much longer explanation " * 6)
    qtbot.waitUntil(lambda: box.height() > 2 * height, timeout=2000)
    assert label.height() >= label.heightForWidth(label.width())
    box.set_text("step 2    E = 0.5")
    qtbot.waitUntil(lambda: box.height() == height, timeout=2000)


def test_the_texts_least_width_reaches_the_layout_even_while_hidden(qtbot, readout):
    """A larger text size widens a read-out's least width (its longest number): the
    column must keep that much, also when it changed while the page was hidden."""
    column, box, label = readout
    label.setMinimumWidth(260)
    qtbot.waitUntil(lambda: box.minimumWidth() == 260, timeout=2000)
    column.hide()
    label.setMinimumWidth(280)
    column.show()
    qtbot.waitUntil(lambda: box.minimumWidth() == 280, timeout=2000)
    qtbot.waitUntil(lambda: column.minimumSizeHint().width() >= 280, timeout=2000)
