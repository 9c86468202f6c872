"""The main window, driven as a learner would (pytest-qt, offscreen)."""

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QFileDialog, QLineEdit, QPushButton

from app.main_window import MainWindow

REQUIRED_NAMES = [
    "param_i1", "param_i2", "param_w1", "param_w2", "param_b1", "param_b2", "param_target",
    "param_eta", "step_button", "run_button", "reset_button", "speed_control",
    "chain_rule_view", "error_plot", "parabola_plot", "parabola_x0", "parabola_eta",
    "parabola_step_button", "parabola_run_button", "status_step",
]  # fmt: skip


def field(window, name: str) -> QLineEdit:
    return window.findChild(QLineEdit, name)


def button(window, name: str) -> QPushButton:
    return window.findChild(QPushButton, name)


def type_into(qtbot, line_edit: QLineEdit, text: str) -> None:
    line_edit.setFocus()
    line_edit.selectAll()
    qtbot.keyClicks(line_edit, text)
    qtbot.keyClick(line_edit, Qt.Key.Key_Return)


def test_every_named_object_exists(window):
    from PySide6.QtCore import QObject

    for name in REQUIRED_NAMES:
        found = window.findChild(QObject, name)
        assert found is not None, name
        if hasattr(found, "accessibleName"):
            assert found.accessibleName() == name
    assert window.export_csv_action.objectName() == "export_csv_action"


def test_typing_the_notes_values_and_stepping_shows_the_worked_example(qtbot, window):
    values = {"i1": "0.05", "i2": ".1", "w1": "0.15", "w2": "2e-1", "b1": "0.35",
              "b2": "0.60", "target": "0.01", "eta": "0.2"}  # fmt: skip
    for name, text in values.items():
        type_into(qtbot, field(window, f"param_{name}"), text)
    text = window.chain_rule_view.toPlainText()
    assert "0.9775" in text
    assert "0.726611880149" in text
    qtbot.mouseClick(button(window, "step_button"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.state.step == 1)
    qtbot.waitUntil(lambda: field(window, "param_w1").text() == "0.148576471599")
    text = window.chain_rule_view.toPlainText()
    assert "0.148576471599" in text or "0.148576471599" in field(window, "param_w1").text()
    assert window.findChild(object, "status_step").text() == "Step 1"


def test_chain_rule_panel_shows_the_first_gradient(window):
    text = window.chain_rule_view.toPlainText()
    assert "0.00711764200626" in text  # dE/dw1
    assert "0.716611880149" in text  # dE/dout
    assert "0.198647055775" in text  # dout/dnet


def test_run_and_pause(qtbot, window):
    run = button(window, "run_button")
    qtbot.mouseClick(run, Qt.MouseButton.LeftButton)
    assert window.state.running
    qtbot.waitUntil(lambda: window.state.step >= 2, timeout=5000)
    qtbot.mouseClick(run, Qt.MouseButton.LeftButton)
    assert not window.state.running
    assert not window.runner.active
    step = window.state.step
    qtbot.wait(100)
    assert window.state.step == step
    assert field(window, "param_w1").text() != "0.15"


def test_top_speed_runs_many_steps_and_status_shows_them(qtbot, window):
    window.controls.speed_control.setValue(window.controls.speed_control.maximum())
    window.toggle_running()
    qtbot.waitUntil(lambda: window.state.step > 50_000, timeout=10_000)
    window.toggle_running()
    qtbot.waitUntil(lambda: not window.network._redraw_pending)
    qtbot.wait(20)
    assert window.status_step.text() == f"Step {window.state.step:,}"


def test_bad_input_disables_step_and_explains(qtbot, window):
    eta = field(window, "param_eta")
    for bad in ["", "abc", "nan", "inf", "1e999", "1,5", "0.1.2"]:
        eta.setFocus()
        eta.selectAll()
        qtbot.keyClick(eta, Qt.Key.Key_Backspace)
        qtbot.keyClicks(eta, bad)
        assert not button(window, "step_button").isEnabled(), bad
        assert not button(window, "run_button").isEnabled(), bad
        message = window.param_panel.findChild(object, "param_message").text()
        assert "eta" in message or "η" in message, (bad, message)
        window.step_once()  # the keyboard path is guarded too
        assert window.state.step == 0
    eta.selectAll()
    qtbot.keyClicks(eta, "0.5")
    qtbot.keyClick(eta, Qt.Key.Key_Return)
    assert button(window, "step_button").isEnabled()
    assert window.state.params.eta == 0.5


def test_bad_input_keeps_the_history(qtbot, window):
    window.state.advance(5)
    eta = field(window, "param_eta")
    eta.setFocus()
    eta.selectAll()
    qtbot.keyClicks(eta, "zzz")
    qtbot.keyClick(eta, Qt.Key.Key_Return)
    assert len(window.state.history) == 6
    assert window.state.step == 5


def test_export_equals_the_cli_csv(qtbot, window, tmp_path, monkeypatch):
    from app.__main__ import main

    window.state.advance(25)
    out = tmp_path / "gui.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "CSV"))
    window.export_csv_action.trigger()
    qtbot.waitUntil(lambda: window.export_running is None)
    cli = tmp_path / "cli.csv"
    assert main(["train", "--steps", "25", "--csv", str(cli)]) == 0
    assert out.read_bytes() == cli.read_bytes()
    assert out.read_text().count("\n") == 27  # header + 26 rows


def test_failed_export_says_so_and_keeps_history(qtbot, window, tmp_path, monkeypatch):
    window.state.advance(3)
    bad = tmp_path / "no-such-folder" / "run.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(bad), "CSV"))
    window.export_csv_action.trigger()
    qtbot.waitUntil(lambda: window.export_running is None)
    assert window.banner.isVisible()
    assert "Could not save" in window.banner.text()
    assert not bad.exists()
    assert len(window.state.history) == 4


def test_parabola_diverges_with_an_explanation(qtbot, window):
    eta = field(window, "parabola_eta")
    type_into(qtbot, eta, "1.5")
    assert window.parabola_state.eta == 1.5
    window.parabola_panel.controls.speed_control.setValue(
        window.parabola_panel.controls.speed_control.maximum()
    )
    qtbot.mouseClick(button(window, "parabola_run_button"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.parabola_state.running, timeout=10_000)
    message = window.parabola_panel.message.text()
    assert "diverged at step" in message and "smaller η" in message
    xs = window.parabola_state.history.column("x")
    assert abs(xs[-1]) < float("inf")


def test_parabola_steps_match_the_notes(qtbot, window):
    for _ in range(3):
        qtbot.mouseClick(button(window, "parabola_step_button"), Qt.MouseButton.LeftButton)
    xs = window.parabola_state.history.column("x").tolist()
    assert xs == pytest.approx([10, 6, 3.6, 2.16], rel=1e-12)


def test_divergence_in_the_network_explains_and_suggests_smaller_eta(qtbot, window):
    window.param_panel.set_config(window.state.config)
    type_into(qtbot, field(window, "param_eta"), "1e300")
    from engine import NeuronConfig

    window.state.set_config(NeuronConfig(activation="linear"))
    window.controls.speed_control.setValue(window.controls.speed_control.maximum())
    window.toggle_running()
    qtbot.waitUntil(lambda: not window.state.running, timeout=10_000)
    assert "diverged" in window.banner.text() and "smaller η" in window.banner.text()
    assert "nan" not in window.chain_rule_view.toPlainText().lower()


def test_keyboard_shortcuts(qtbot, window):
    window.chain_rule_view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Right)
    qtbot.keyClick(window, Qt.Key.Key_N)
    assert window.state.step == 2
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert window.state.step == 0
    qtbot.waitUntil(window.undo_action.isEnabled)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.state.step == 2


CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


@pytest.mark.parametrize(
    "redo_keys",
    [(Qt.Key.Key_Z, CTRL | SHIFT), (Qt.Key.Key_Y, CTRL)],
    ids=["ctrl-shift-z", "ctrl-y"],
)
def test_edit_menu_undo_redo_keys_bring_back_every_step(qtbot, window, redo_keys):
    window.chain_rule_view.setFocus()
    for _ in range(3):
        qtbot.keyClick(window.chain_rule_view, Qt.Key.Key_N)
    old = list(window.state.history.rows())
    qtbot.keyClick(window.chain_rule_view, Qt.Key.Key_R, CTRL)
    for _ in range(5):
        qtbot.keyClick(window.chain_rule_view, Qt.Key.Key_N)
    new = list(window.state.history.rows())
    assert window.state.step == 5
    qtbot.keyClick(window.chain_rule_view, Qt.Key.Key_Z, CTRL)
    assert list(window.state.history.rows()) == old
    qtbot.keyClick(window.chain_rule_view, *redo_keys)
    assert list(window.state.history.rows()) == new and window.state.step == 5
    edit = next(m for m in window.menuBar().actions() if m.text() == "&Edit").menu()
    assert window.undo_action in edit.actions() and window.redo_action in edit.actions()
    assert window.undo_action.objectName() == "undo_action"
    assert window.redo_action.objectName() == "redo_action"


def test_ctrl_z_in_a_text_field_undoes_the_text_not_the_run(qtbot, window):
    window.state.advance(2)
    window.reset()
    w1 = field(window, "param_w1")
    w1.setFocus()
    w1.selectAll()
    qtbot.keyClicks(w1, "0.7")
    qtbot.keyClick(w1, Qt.Key.Key_Z, CTRL)
    assert w1.text() == "0.15"  # the text's own undo
    assert window.state.step == 0 and window.undo_stack.canUndo()  # the run is untouched


def test_presets_are_undoable(qtbot, window):
    from engine import NOTES_AS_PRINTED

    window.state.advance(4)
    combo = window.param_panel.findChild(QComboBox, "preset_choice")
    combo.activated.emit(1)
    assert window.state.config == NOTES_AS_PRINTED and window.state.step == 0
    window.undo_action.trigger()
    assert window.state.step == 4 and window.state.config.activation == "sigmoid"
    window.redo_action.trigger()
    assert window.state.config == NOTES_AS_PRINTED


def test_parabola_reset_is_undoable(qtbot, window):
    for _ in range(3):
        qtbot.mouseClick(button(window, "parabola_step_button"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(window, "parabola_reset_button"), Qt.MouseButton.LeftButton)
    assert window.parabola_state.step == 0
    window.undo_action.trigger()
    assert window.parabola_state.history.column("x").tolist() == pytest.approx([10, 6, 3.6, 2.16])


def test_closing_leaves_no_timer_running(qtbot, settings):
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.show()
    win.toggle_running()
    win.parabola_panel.controls.run_button.click()
    qtbot.wait(50)
    win.close()
    assert not [t for t in win.findChildren(QTimer) if t.isActive()]


def test_geometry_is_remembered(qtbot, tmp_path, qapp):
    path = str(tmp_path / "geo.ini")
    first = MainWindow(settings=QSettings(path, QSettings.Format.IniFormat))
    qtbot.addWidget(first)
    first.resize(1100, 700)
    first.show()
    first.close()
    second = MainWindow(settings=QSettings(path, QSettings.Format.IniFormat))
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (1100, 700)


def test_window_builds_in_a_fresh_process_without_qt_warnings(tmp_path):
    code = (
        "import os; os.environ['QT_QPA_PLATFORM']='offscreen'\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from app.main_window import MainWindow\n"
        "w = MainWindow(); w.show(); app.processEvents(); w.close()\n"
    )
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path), "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    # The offscreen platform itself reports that it cannot resize native windows; that line
    # is about the test platform, not the app, so it is the only one allowed.
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert all("propagateSizeHints" in line for line in lines), result.stderr


def test_hand_check_tab_finds_the_notes_first_slip(qtbot, window):
    window.explain_tabs.setCurrentWidget(window.hand_check)
    qtbot.waitUntil(lambda: not window.network._redraw_pending)
    qtbot.mouseClick(button(window, "check_fill_notes"), Qt.MouseButton.LeftButton)
    summary = window.hand_check.findChild(object, "check_summary").text()
    assert "out" in summary
    finding = {f.key: f for f in window.hand_check.findings()}
    assert finding["net"].ok and not finding["out"].ok


def test_window_has_its_icon(window):
    assert not window.windowIcon().isNull()
    assert not window.windowIcon().pixmap(32, 32).isNull()


def test_graph_tab_follows_the_run(qtbot, window):
    window.explain_tabs.setCurrentWidget(window.graph_scroll)
    qtbot.waitUntil(lambda: "net" in window.graph_view.node_texts())
    assert window.graph_view.node_texts()["net"][0].startswith("0.9775")
    window.step_once()
    qtbot.waitUntil(lambda: window.graph_view.node_texts()["w1"][0].startswith("0.148576"))


def test_hidden_tabs_wait_and_catch_up_when_shown(qtbot, window):
    window.explain_tabs.setCurrentWidget(window.graph_scroll)
    for _ in range(3):
        window.step_once()
    qtbot.waitUntil(lambda: window.state.step == 3 and not window.network._redraw_pending)
    # The chain rule is hidden: it was not redrawn for steps nobody could see.
    assert "Step 0:" in window.chain_rule_view.toPlainText()
    window.explain_tabs.setCurrentWidget(window.chain_rule_view)
    qtbot.waitUntil(lambda: "Step 3:" in window.chain_rule_view.toPlainText())


def test_live_error_plot_draws_an_envelope_and_all_rows_when_paused(qtbot, window):
    window.controls.speed_control.setValue(window.controls.speed_control.maximum())
    window.toggle_running()
    qtbot.waitUntil(lambda: window.state.step > 30_000, timeout=20_000)
    qtbot.waitUntil(lambda: window.error_plot.curve.getOriginalDataset()[0][-1] > 30_000)
    drawn, _ = window.error_plot.curve.getOriginalDataset()
    assert len(drawn) < drawn[-1] / 4  # an envelope, not every row
    window.toggle_running()
    qtbot.waitUntil(lambda: not window.network._redraw_pending)
    steps, errors = window.error_plot.curve.getOriginalDataset()
    assert len(steps) == len(window.state.history)  # paused: every row, for zooming in
    assert errors[-1] == window.state.current.error
