"""The timeline: look back at any stored step everywhere, read-only, and continue from it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLineEdit, QSlider

from app import language, network_panel
from app.main_window import MainWindow
from engine import NeuronConfig, format_number
from widgets import timeline as timeline_module


def slider(window: MainWindow) -> QSlider:
    return window.findChild(QSlider, "timeline")


def test_the_timeline_shows_a_past_step_everywhere(qtbot, window):
    state = window.state
    state.advance(3000)
    live = state.history.row(-1)
    timeline = slider(window)
    qtbot.waitUntil(lambda: timeline.maximum() == 3000)
    assert timeline.value() == 3000
    timeline.setValue(3)  # as dragging does
    qtbot.waitUntil(lambda: window.status_step.text().startswith("Step 3 "))
    row = state.history.row(3)
    assert state.viewing == 3
    assert "the run is at step 3,000" in window.status_step.text()
    assert window.status_error.text() == f"E = {format_number(row['error'])}"
    w1 = window.findChild(QLineEdit, "param_w1")
    assert w1.isReadOnly()
    assert w1.value() == row["w1"]
    assert "Step 3" in window.chain_rule_view.toPlainText()
    assert format_number(row["grad_w1"], 12)[:8] in window.chain_rule_view.toPlainText()
    assert window.error_plot.marker.getData()[0][0] == 3  # the error plot's marker
    window.explain_tabs.setCurrentWidget(window.hand_check)
    qtbot.wait(10)
    # The live run is untouched, and End goes back to it.
    assert state.step == 3000
    assert state.history.row(-1) == live
    window.back_to_live_action.trigger()
    qtbot.waitUntil(lambda: window.status_step.text() == "Step 3,000")
    assert not w1.isReadOnly()


def test_left_and_shift_n_step_back(qtbot, window):
    window.state.advance(10)
    window.activateWindow()
    window.error_plot.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert window.state.viewing == 9
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
    assert window.state.viewing == 8
    for _ in range(20):
        window.step_back()
    assert window.state.viewing == 0


def test_continue_from_a_past_step_is_undoable(qtbot, window):
    state = window.state
    state.advance(100)
    state.set_param("eta", 0.5)  # row 101, at step 100
    state.advance(50)
    full = [tuple(r) for r in state.history.rows()]
    state.set_view(40)
    window.timeline.continue_button.click()
    assert state.viewing is None
    assert state.step == 40
    assert len(state.history) == 41
    assert state.edits == ()
    assert [tuple(r) for r in state.history.rows()] == full[:41]
    state.advance(60)  # goes on from step 40 with the original eta
    assert [tuple(r) for r in state.history.rows()] == full[:101]
    window.undo_action.trigger()
    assert state.step == 150
    assert [tuple(r) for r in state.history.rows()] == full


def test_step_from_the_past_continues_from_there_without_asking(qtbot, window):
    state = window.state
    state.advance(20)
    state.set_config(NeuronConfig("tanh", "mse"))  # row 21, at step 20
    state.advance(10)
    state.set_view(25)  # after the change: tanh is in force there
    assert state.config_at(25).activation == "tanh"
    assert state.config_at(20).activation == "sigmoid"
    window.step_once()
    assert state.viewing is None
    assert state.step == 25
    assert state.config.activation == "tanh"
    assert len(state.history) == 27
    state.set_view(5)
    window.toggle_running()
    assert state.running
    assert state.history.row(-1)["step"] >= 5
    window.toggle_running()
    assert state.config.activation == "sigmoid"
    assert state.edits == ()


def test_scrubbing_a_long_history_does_not_redraw_the_plot(qtbot, window, monkeypatch):
    window.state.advance(200_000)
    qtbot.waitUntil(lambda: slider(window).maximum() == 200_000)
    calls = []
    monkeypatch.setattr(window.error_plot, "set_history", lambda *a: calls.append(1))
    for row in range(0, 200_000, 20_000):
        window.state.set_view(row)
        window.network._render()
    assert calls == []


def test_the_error_plot_marker_does_not_move_the_view(qtbot, window):
    # Moving the marker (every position of the timeline) must not make the view recompute
    # its range, which redrew the whole curve: 20-60 ms a position with two million rows.
    view = window.error_plot.plot.getViewBox()
    assert window.error_plot.curve in view.addedItems
    assert window.error_plot.marker not in view.addedItems


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_slider_keeps_its_room_while_looking_back_on_a_small_screen(qtbot, settings, scale):
    """At 1000x700 the label, "Continue from step k" and the log switch squeezed the slider
    to a few pixels while looking back: nothing left to drag."""
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    window.set_text_scale(scale)
    window.state.advance(30_000)
    window.state.set_view(5)
    qtbot.waitUntil(lambda: window.timeline.continue_button.isVisible())
    qtbot.wait(30)
    timeline = slider(window)
    assert timeline.width() >= 80
    button = window.timeline.continue_button
    # Its text whole (it asks for more, the width of the run's widest step, when there is
    # room, so that scrubbing does not move the slider; here there is not).
    assert button.width() >= button.minimumSizeHint().width()
    assert button.minimumSizeHint().width() >= button.fontMetrics().horizontalAdvance(button.text())
    # What the hidden label said is still on screen: the button names the step, the
    # status bar the live one.
    assert "5" in button.text() and "30,000" in window.status_step.text()
    status = window.status_step  # whole, not cut after "the run is" at the largest text
    assert status.width() >= status.sizeHint().width()
    window.back_to_live_action.trigger()
    qtbot.waitUntil(lambda: not window.timeline.continue_button.isVisible())
    # Back at the live run the label returns where it fits beside the slider; at the
    # largest text on this screen it gives the slider the room, and the status bar says it.
    assert window.timeline.label.isVisible() or scale == 2.0
    assert window.timeline.label.isVisible() or "30,000" in window.status_step.text()
    assert slider(window).width() >= 80


def _luminance(colour: QColor) -> float:
    """WCAG relative luminance of a colour."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def _field_colours(field: QLineEdit) -> tuple[QColor, float]:
    """The field's background as painted (beside its text) and the contrast of its text."""
    field.deselect()  # the text as it reads, not white on the selection's blue
    image = field.grab().toImage()
    background = image.pixelColor(image.width() - 6, image.height() // 2)
    darkest = min(
        (image.pixelColor(x, y) for x in range(image.width() // 2) for y in range(image.height())),
        key=_luminance,
    )
    contrast = (_luminance(background) + 0.05) / (_luminance(darkest) + 0.05)
    return background, contrast


@pytest.mark.parametrize("scale", [0.8, 2.0])
@pytest.mark.parametrize("code", [language.ENGLISH, language.CHINESE])
def test_the_fields_look_read_only_while_looking_back(qtbot, window, scale, code):
    """Read-only fields were painted like editable ones (white): nothing said they could
    not be typed in. Now they take the window's grey, their text as readable as before."""
    language.apply_language(code)
    try:
        window.set_text_scale(scale)
        window.state.advance(10)
        field = window.findChild(QLineEdit, "param_i1")
        qtbot.wait(10)
        editable, editable_contrast = _field_colours(field)
        window.state.set_view(3)
        qtbot.waitUntil(field.isReadOnly)
        qtbot.wait(10)
        read_only, read_only_contrast = _field_colours(field)
        assert read_only == field.palette().color(QPalette.ColorRole.Window)
        assert read_only != editable
        assert editable_contrast >= 7 and read_only_contrast >= 7  # WCAG AAA for text
        assert field.height() >= field.sizeHint().height()  # the text is whole
        window.back_to_live_action.trigger()
        qtbot.waitUntil(lambda: not field.isReadOnly())
        qtbot.wait(10)
        assert _field_colours(field)[0] == editable
    finally:
        language.apply_language(language.ENGLISH)


def test_a_drag_is_drawn_once_a_frame_at_its_latest_position(qtbot, window, monkeypatch):
    """A mouse moves the handle more often than the window can draw: the moves of one
    frame make one redraw, of the last of them."""
    window.state.advance(5000)
    qtbot.waitUntil(lambda: slider(window).maximum() == 5000)
    chosen, drawn = [], []
    window.timeline.rowChosen.connect(chosen.append)
    real_render = window.network._render
    monkeypatch.setattr(window.network, "_render", lambda: drawn.append(1) or real_render())
    monkeypatch.setattr(network_panel, "EVERY_FRAME_S", 10.0)  # every view keeps up
    timeline = slider(window)
    timeline.setSliderDown(True)
    for row in range(100, 4000, 100):  # 39 moves before the event loop runs again
        timeline.setValue(row)
    qtbot.waitUntil(lambda: window.state.viewing == 3900)
    qtbot.wait(timeline_module.REST_MS + 3 * timeline_module.FRAME_MS)
    assert chosen == [3900]
    assert len(drawn) == 1
    assert "Step 3,900 " in window.status_step.text()
    timeline.setSliderDown(False)


def test_scrubbing_keeps_the_layout_still(qtbot, window):
    """Looking back and scrubbing changed widths and heights at every position (the
    "Continue from step k" button, the status text, the timeline's row): the row and the
    status bar were laid out again and the error plot, shorter, redrew its curve."""
    state = window.state
    state.advance(150_000)
    qtbot.waitUntil(lambda: slider(window).maximum() == 150_000)
    plot_height = window.error_plot.plot.height()
    geometries = set()
    for row in (3, 150, 45_000, 149_000, 7):
        state.set_view(row)
        qtbot.waitUntil(lambda row=row: f"Continue from step {row:,}" in (
            window.timeline.continue_button.text()))  # fmt: skip
        qtbot.wait(5)
        geometries.add(
            (
                slider(window).geometry().getRect(),
                window.timeline.continue_button.geometry().getRect(),
                window.status_step.geometry().getRect(),
                window.error_plot.plot.height(),
            )
        )
    assert len(geometries) == 1
    assert geometries.pop()[3] == plot_height  # as high as while live


def test_a_view_too_slow_for_a_drag_catches_up_when_it_rests(qtbot, window, monkeypatch):
    state = window.state
    state.advance(1000)
    qtbot.waitUntil(lambda: slider(window).maximum() == 1000)
    shown = []
    monkeypatch.setattr(
        window.chain_rule_view, "show_state", lambda s, c, step, live=False: shown.append(step)
    )
    monkeypatch.setattr(network_panel, "EVERY_FRAME_S", 0.0)  # no view keeps up with a drag
    rest = window.timeline._rest
    rest.setInterval(60_000)  # the drag never rests by itself in this part
    timeline = slider(window)
    timeline.setSliderDown(True)
    for row in (10, 20, 30):
        timeline.setValue(row)
        qtbot.waitUntil(lambda row=row: state.viewing == row)
        qtbot.wait(5)
    assert shown == []  # the drag goes on without it
    assert window.status_step.text().startswith("Step 30 ")  # the rest follows the drag
    rest.setInterval(10)
    timeline.setValue(35)
    qtbot.waitUntil(lambda: shown == [35])  # held still: caught up, once
    rest.setInterval(60_000)
    timeline.setValue(40)
    qtbot.waitUntil(lambda: state.viewing == 40)
    timeline.setSliderDown(False)  # the drag ends
    qtbot.waitUntil(lambda: shown == [35, 40])
    monkeypatch.setattr(network_panel, "EVERY_FRAME_S", 10.0)  # one that keeps up follows
    timeline.setSliderDown(True)
    timeline.setValue(50)
    qtbot.waitUntil(lambda: shown == [35, 40, 50])
    timeline.setSliderDown(False)
