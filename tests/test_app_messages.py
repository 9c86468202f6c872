"""The window's messages are true: domain rules, gradient ascent, advice by cause."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from engine import NeuronConfig


def type_into(qtbot, line_edit: QLineEdit, text: str) -> None:
    line_edit.setFocus()
    line_edit.selectAll()
    qtbot.keyClicks(line_edit, text)
    qtbot.keyClick(line_edit, Qt.Key.Key_Return)


def field(window, name: str) -> QLineEdit:
    return window.findChild(QLineEdit, name)


def run_until_stopped(qtbot, window) -> None:
    window.controls.speed_control.setValue(window.controls.speed_control.maximum())
    window.toggle_running()
    qtbot.waitUntil(lambda: not window.state.running, timeout=10_000)


def test_bce_target_outside_0_1_is_refused_and_the_field_marked(qtbot, window):
    window.state.set_config(NeuronConfig(loss="bce"))
    target = field(window, "param_target")
    type_into(qtbot, target, "2")
    assert window.state.params.target == 0.01
    assert target.text() == "0.01"
    assert target.property("invalid") is True
    assert "between 0 and 1" in target.toolTip()
    assert "target = 2 cannot be used with binary cross-entropy" in window.banner.text()
    type_into(qtbot, target, "0.5")  # a valid value clears mark and message
    assert window.state.params.target == 0.5
    assert target.property("invalid") is False
    assert not window.banner.isVisible()


def test_choosing_bce_with_a_target_outside_0_1_is_refused(qtbot, window):
    type_into(qtbot, field(window, "param_target"), "2")
    combo = window.param_panel.findChild(QComboBox, "loss_choice")
    combo.setCurrentIndex(combo.findData("bce"))
    assert window.state.config.loss == "half-sse"
    assert combo.currentData() == "half-sse"
    assert field(window, "param_target").property("invalid") is True
    assert "target = 2" in window.banner.text()


def test_negative_eta_divergence_says_gradient_ascent(qtbot, window):
    window.state.set_config(NeuronConfig(activation="linear"))
    type_into(qtbot, field(window, "param_eta"), "-1e10")
    run_until_stopped(qtbot, window)
    text = window.banner.text()
    assert "gradient ascent" in text and "smaller η" not in text, text


def test_overshoot_divergence_advises_a_smaller_eta(qtbot, window):
    window.state.set_config(NeuronConfig(activation="linear"))
    type_into(qtbot, field(window, "param_eta"), "1e10")
    run_until_stopped(qtbot, window)
    text = window.banner.text()
    assert "too large" in text and "smaller η" in text and "np." not in text, text


def test_saturated_sigmoid_with_bce_says_saturated(qtbot, window):
    window.state.set_config(NeuronConfig(loss="bce"))
    type_into(qtbot, field(window, "param_eta"), "1e6")
    run_until_stopped(qtbot, window)
    text = window.banner.text()
    assert "saturated" in text and "out rounded to exactly 0 or 1" in text, text


def test_dead_relu_says_nothing_moves_and_stops_auto_run(qtbot, window):
    window.state.set_config(NeuronConfig(activation="relu"))
    type_into(qtbot, field(window, "param_b1"), "-5")
    run_until_stopped(qtbot, window)
    text = window.banner.text()
    assert "nothing moves" in text and "net = \u22124.3725" in text, text
    assert window.state.step == 1


def test_parabola_negative_eta_says_gradient_ascent(qtbot, window):
    panel = window.parabola_panel
    type_into(qtbot, field(window, "parabola_eta"), "-1")
    assert "gradient ascent" in panel.lesson.text()
    panel.controls.speed_control.setValue(panel.controls.speed_control.maximum())
    panel.controls.run_button.click()
    qtbot.waitUntil(lambda: not window.parabola_state.running, timeout=10_000)
    text = panel.message.text()
    assert "gradient ascent" in text and "smaller η" not in text, text


def test_parabola_refused_x0_is_restored_named_on_screen_and_cleared(qtbot, window):
    panel = window.parabola_panel
    x0 = field(window, "parabola_x0")
    type_into(qtbot, x0, "1e200")
    assert window.parabola_state.x0 == 10
    assert x0.text() == "10"
    text = panel.message.text()
    assert panel.message.isVisibleTo(panel)
    assert "x₀" in text and "f(x)" in text and "fx" not in text, text
    type_into(qtbot, x0, "5")
    assert window.parabola_state.x0 == 5
    assert not panel.message.isVisibleTo(panel)
    assert x0.property("invalid") is False


def test_check_my_numbers_names_its_step_and_says_when_the_run_moves(qtbot, window):
    window.state.advance(2)
    window.explain_tabs.setCurrentWidget(window.hand_check)
    step_label = window.hand_check.findChild(object, "check_step")
    qtbot.waitUntil(lambda: "Checking step 2" in step_label.text())
    entry = window.hand_check.findChild(QLineEdit, "check_net")
    entry.setText("0.97")
    window.step_once()
    qtbot.waitUntil(lambda: "moved under your numbers" in step_label.text())
    assert "step 2" in step_label.text() and "step 3" in step_label.text()
