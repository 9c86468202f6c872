"""Keys go to the focused control; Tab visits every control once; a keyboard-only mission."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QPushButton,
    QSlider,
    QWidget,
)

from app.__main__ import main

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def focus(qtbot, widget: QWidget) -> QWidget:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    return widget


def key(qtbot, k, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Press a key where the focus is, as a person would."""
    qtbot.keyClick(QApplication.focusWidget(), k, modifiers)


def child(window, kind, name):
    found = window.findChild(kind, name)
    assert found is not None, name
    return found


def test_space_on_a_focused_reset_button_resets_and_does_not_run(qtbot, window):
    window.state.advance(3)
    focus(qtbot, child(window, QPushButton, "reset_button"))
    key(qtbot, K.Key_Space)
    assert not window.state.running
    assert window.state.step == 0


@pytest.mark.parametrize("name", ["train_w1", "stop_error_check"])
def test_space_on_a_focused_check_box_toggles_it_only(qtbot, window, name):
    box = focus(qtbot, child(window, QCheckBox, name))
    before = box.isChecked()
    key(qtbot, K.Key_Space)
    assert box.isChecked() != before
    assert not window.state.running


def test_space_on_a_combo_box_or_the_curves_step_does_not_run_the_network(
    qtbot, window, monkeypatch
):
    popups = []  # the offscreen platform cannot show the list; note that Space asked for it
    combo = child(window, QComboBox, "loss_choice")
    monkeypatch.setattr(type(combo), "showPopup", lambda self: popups.append(self))
    focus(qtbot, combo)
    key(qtbot, K.Key_Space)
    assert not window.state.running
    assert popups == [combo]
    focus(qtbot, child(window, QPushButton, "parabola_step_button"))
    key(qtbot, K.Key_Space)
    assert not window.state.running
    assert window.parabola_state.step == 1


def test_return_presses_a_focused_button(qtbot, window):
    focus(qtbot, child(window, QPushButton, "step_button"))
    key(qtbot, K.Key_Return)
    qtbot.waitUntil(lambda: window.state.step == 1)


def test_right_on_the_speed_slider_moves_the_slider_not_the_network(qtbot, window):
    slider = focus(qtbot, child(window, QSlider, "speed_control"))
    before = slider.value()
    key(qtbot, K.Key_Right)
    assert slider.value() == before + 1
    assert window.state.step == 0


def test_window_keys_still_work_where_the_focus_does_not_use_them(qtbot, window):
    focus(qtbot, window.chain_rule_view)
    key(qtbot, K.Key_Right)
    key(qtbot, K.Key_N)
    assert window.state.step == 2
    focus(qtbot, child(window, QPushButton, "reset_button"))
    key(qtbot, K.Key_N)  # a button does not use N: the window steps
    assert window.state.step == 3


def tab_cycle(qtbot, window, start: QWidget, modifiers=Qt.KeyboardModifier.NoModifier):
    focus(qtbot, start)
    seen = [start]
    for _ in range(200):
        key(qtbot, K.Key_Tab, modifiers)
        now = QApplication.focusWidget()
        if now is start:
            return seen
        seen.append(now)
    raise AssertionError("Tab never came back")


def test_tab_visits_every_control_once_in_reading_order_and_leaves_tables(qtbot, window):
    start = child(window, QLineEdit, "param_i1")
    forward = tab_cycle(qtbot, window, start)
    names = [w.objectName() for w in forward]
    assert len(forward) == len(set(map(id, forward))), names
    expected = [
        "param_i1", "param_i2", "train_w1", "param_w1", "train_w2", "param_w2", "train_b1",
        "param_b1", "train_b2", "param_b2", "param_target", "param_eta", "activation_choice",
        "loss_choice", "preset_choice", "step_button", "run_button", "reset_button",
        "speed_control", "stop_max_step_check", "stop_max_step", "stop_error_check",
        "stop_error_below", "stop_gradient_check", "stop_gradient_below",
    ]  # fmt: skip
    assert names[: len(expected)] == expected
    assert "chain_rule_view" in names and "error_log_scale" in names
    tail = ["parabola_function", "parabola_x0", "parabola_eta", "parabola_step_button",
            "parabola_run_button", "parabola_reset_button", "parabola_speed_control",
            "parabola_table", "model_select"]  # fmt: skip
    # Tab leaves the table, to the model chooser at the top of the fields, then i1.
    assert names[-len(tail) :] == tail
    backward = tab_cycle(qtbot, window, start, SHIFT)
    assert [w.objectName() for w in backward] == [names[0], *reversed(names[1:])]


def test_the_whole_mission_without_a_mouse(qtbot, window, tmp_path, monkeypatch):
    """Edit, step, run, pause, reset, undo, export; then the curve: all from the keyboard."""
    focus(qtbot, child(window, QLineEdit, "param_i1"))
    for _ in range(11):  # i1 ... eta: Tab to the learning rate
        key(qtbot, K.Key_Tab)
    assert QApplication.focusWidget().objectName() == "param_eta"
    key(qtbot, K.Key_A, CTRL)
    qtbot.keyClicks(QApplication.focusWidget(), "0.5")
    key(qtbot, K.Key_Tab)  # leaving the field commits it
    assert window.state.params.eta == 0.5
    while QApplication.focusWidget().objectName() != "step_button":
        key(qtbot, K.Key_Tab)
    key(qtbot, K.Key_Space)
    key(qtbot, K.Key_Return)
    assert window.state.step == 2
    key(qtbot, K.Key_Tab)  # Run
    key(qtbot, K.Key_Space)
    assert window.state.running
    qtbot.waitUntil(lambda: window.state.step >= 4, timeout=5000)
    key(qtbot, K.Key_Space)  # Pause: the Run button has the focus
    assert not window.state.running
    steps = window.state.step
    key(qtbot, K.Key_R, CTRL)
    assert window.state.step == 0
    key(qtbot, K.Key_Z, CTRL)
    assert window.state.step == steps
    out = tmp_path / "keyboard.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "CSV"))
    key(qtbot, K.Key_E, CTRL)
    qtbot.waitUntil(lambda: window.export_running is None)
    assert out.read_text().count("\n") == len(window.state.history) + 1
    # The curve: Tab to its x0, type, Tab on to its Step button and press Space three times.
    while QApplication.focusWidget().objectName() != "parabola_x0":
        key(qtbot, K.Key_Tab)
    key(qtbot, K.Key_A, CTRL)
    qtbot.keyClicks(QApplication.focusWidget(), "5")
    key(qtbot, K.Key_Tab)
    assert window.parabola_state.x0 == 5
    while QApplication.focusWidget().objectName() != "parabola_step_button":
        key(qtbot, K.Key_Tab)
    for _ in range(3):
        key(qtbot, K.Key_Space)
    assert window.parabola_state.history.column("x").tolist() == pytest.approx([5, 3, 1.8, 1.08])
    cli = tmp_path / "cli.csv"
    assert main(["parabola", "--x0", "5", "--steps", "3", "--csv", str(cli)]) == 0


def test_a_tab_built_later_joins_the_reading_order(qtbot, window):
    """The Surface page is built when first shown; Tab then reaches its controls next."""
    window.explain_tabs.tabBar().setFocus()
    qtbot.waitUntil(window.explain_tabs.tabBar().hasFocus)
    surface = next(
        i for i in range(window.explain_tabs.count()) if window.explain_tabs.tabText(i) == "Surface"
    )
    window.explain_tabs.setCurrentIndex(surface)
    qtbot.waitUntil(lambda: window.findChild(QComboBox, "surface_x") is not None)
    qtbot.wait(50)
    window.explain_tabs.tabBar().setFocus()
    key(qtbot, K.Key_Tab)
    assert QApplication.focusWidget().objectName() == "surface_x"


def test_f1_works_from_a_text_field_and_space_pauses_from_a_read_only_one(
    qtbot, window, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[1]))
    focus(qtbot, child(window, QLineEdit, "param_w1"))
    key(qtbot, K.Key_F1)
    assert shown == ["Keyboard shortcuts"]
    window.toggle_running()
    assert child(window, QLineEdit, "param_w1").isReadOnly()
    key(qtbot, K.Key_Space)  # the field types nothing while running: Space pauses
    assert not window.state.running
