"""Stop conditions: an unusable ticked condition blocks Run visibly; met conditions say so."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit, QPushButton, QSpinBox


def retype(qtbot, line_edit: QLineEdit, text: str, commit: bool = True) -> None:
    line_edit.setFocus()
    line_edit.selectAll()
    qtbot.keyClicks(line_edit, text)
    if commit:
        qtbot.keyClick(line_edit, Qt.Key.Key_Return)


def test_a_ticked_condition_that_is_not_a_number_blocks_run_with_a_message(qtbot, window):
    field = window.findChild(QLineEdit, "stop_error_below")
    retype(qtbot, field, "abc")
    window.findChild(QCheckBox, "stop_error_check").setChecked(True)
    run = window.findChild(QPushButton, "run_button")
    assert not run.isEnabled()
    assert window.findChild(QPushButton, "step_button").isEnabled()  # stepping is fine
    message = window.stop_conditions.message
    assert message.isVisibleTo(window) and "error tolerance" in message.text()
    window.toggle_running()  # the Space key's path
    assert not window.state.running
    retype(qtbot, field, "1e-6")
    assert run.isEnabled() and not message.isVisibleTo(window)


def test_typing_back_the_previous_value_keeps_the_rule_in_sync(qtbot, window):
    window.findChild(QCheckBox, "stop_error_check").setChecked(True)
    assert window.state.stop_rule.error_below == 1e-6
    field = window.findChild(QLineEdit, "stop_error_below")
    retype(qtbot, field, "abc", commit=False)
    assert window.state.stop_rule.error_below is None  # what the panel can use
    retype(qtbot, field, "1e-06", commit=False)
    assert window.state.stop_rule.error_below == 1e-6  # shown again, used again


def test_a_condition_met_at_the_start_stops_run_at_once(qtbot, window):
    retype(qtbot, window.findChild(QLineEdit, "stop_error_below"), "1")
    window.findChild(QCheckBox, "stop_error_check").setChecked(True)
    window.toggle_running()
    qtbot.waitUntil(lambda: not window.state.running, timeout=5000)
    assert window.state.step == 0
    assert "stopped at step 0" in window.banner.text()
    assert "error E fell below" in window.banner.text()


def test_a_step_limit_already_reached_says_so(qtbot, window):
    window.findChild(QSpinBox, "stop_max_step").setValue(2)
    window.findChild(QCheckBox, "stop_max_step_check").setChecked(True)
    window.state.advance(3)
    window.toggle_running()
    qtbot.waitUntil(lambda: not window.state.running, timeout=5000)
    assert window.state.step == 3
    assert "step limit" in window.banner.text()


def test_the_stopped_banner_goes_with_the_next_step_or_edit(qtbot, window):
    window.findChild(QSpinBox, "stop_max_step").setValue(2)
    window.findChild(QCheckBox, "stop_max_step_check").setChecked(True)
    window.toggle_running()
    qtbot.waitUntil(lambda: not window.state.running, timeout=5000)
    assert window.banner.isVisible()
    window.step_once()
    assert not window.banner.isVisible()
    window.toggle_running()
    qtbot.waitUntil(lambda: not window.state.running, timeout=5000)
    assert window.banner.isVisible()
    retype(qtbot, window.findChild(QLineEdit, "param_eta"), "0.3")
    assert not window.banner.isVisible()


def test_one_step_per_second_is_singular(qtbot, window):
    slider = window.controls.speed_control
    slider.setValue(slider.minimum())
    assert window.controls.speed_label.text() == "1 step/s"
    slider.setValue(slider.minimum() + 1)
    assert window.controls.speed_label.text() == "2 steps/s"
    window.network._speed = 1.2
    window.state.set_running(True)
    window.network._show_speed()
    assert window.status_speed.text() == "1 step/s"
    window.state.set_running(False)


def test_an_exported_csv_named_without_a_suffix_gets_csv(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    window.state.advance(2)
    bare = tmp_path / "my run"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(bare), "CSV"))
    window.export_csv_action.trigger()
    qtbot.waitUntil(lambda: window.export_running is None)
    assert not bare.exists()
    assert (tmp_path / "my run.csv").read_text().count("\n") == 4
