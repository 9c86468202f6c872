"""The classic 2-2-2 network in the window, used as a newcomer would: chosen from the
keyboard, stepped, edited between steps, switched back and forth with Undo/Redo, checked
by hand, run to a stop or a divergence, looked back at, saved, reopened and exported."""

from __future__ import annotations

import dataclasses
import math
import re
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QLabel, QLineEdit

from app import cli
from app.main_window import MainWindow
from engine import StopRule
from engine.models import MODELS, TWO_TWO_TWO

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier

#: The published first step of the classic example (9 significant digits).
PUBLISHED = {"error": 0.298371109, "w5": 0.35891648, "w1": 0.149780716}


def key(qtbot, code: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), code, modifiers)


def choose_2_2_2_by_keyboard(qtbot, window) -> None:
    chooser = window.findChild(QComboBox, "model_select")
    chooser.setFocus()
    qtbot.waitUntil(chooser.hasFocus)
    key(qtbot, K.Key_Down)  # the next model in the list: the 2-2-2 network
    assert window.state.model is TWO_TWO_TWO


def numbers_after(text: str, label: str) -> list[float]:
    """The numbers on the line after the first line that starts with ``label``."""
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith(label))
    found = re.findall(r"[−-]?\d+\.\d+(?:e[−-]?\d+)?", lines[index + 1])
    return [float(n.replace("−", "-")) for n in found]


def same_to_9_digits(value: float, published: float) -> bool:
    return float(f"{value:.9g}") == published or float(f"{value:.8g}") == published


def test_the_published_first_step_appears_in_the_window(qtbot, window):
    choose_2_2_2_by_keyboard(qtbot, window)
    qtbot.waitUntil(lambda: "outo1" in window.chain_rule_view.toPlainText())
    chain = window.chain_rule_view.toPlainText()
    # E_total, and the updates of w5 (an output weight) and w1 (a hidden one), each the
    # last number of its line.
    assert same_to_9_digits(numbers_after(chain, "E = ")[-1], PUBLISHED["error"])
    assert same_to_9_digits(numbers_after(chain, "w5′ = ")[-1], PUBLISHED["w5"])
    assert same_to_9_digits(numbers_after(chain, "w1′ = ")[-1], PUBLISHED["w1"])
    status = float(window.status_error.text().removeprefix("E = "))
    assert same_to_9_digits(status, PUBLISHED["error"])
    window.chain_rule_view.setFocus()
    qtbot.waitUntil(window.chain_rule_view.hasFocus)
    key(qtbot, K.Key_N)  # one step
    assert window.state.step == 1
    qtbot.waitUntil(lambda: not window.network._redraw_pending)
    for name in ("w5", "w1"):
        shown = float(window.findChild(QLineEdit, f"param_{name}").text())
        assert same_to_9_digits(shown, PUBLISHED[name]), name


def test_a_hidden_weight_shows_both_paths_with_their_values(qtbot, window):
    window.state.set_model(TWO_TWO_TWO)
    qtbot.waitUntil(lambda: "outo1" in window.chain_rule_view.toPlainText())
    lines = window.chain_rule_view.toPlainText().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("∂E/∂w1 = "))
    equation, first, second, total = lines[start : start + 4]
    assert "w5 +" in equation and "w7)" in equation
    assert "path through outo1" in first and "path through outo2" in second
    grads = TWO_TWO_TWO.evaluate(TWO_TWO_TWO.defaults, TWO_TWO_TWO.default_config)
    one = float(first.rsplit("= ", 1)[1].replace("−", "-"))
    two = float(second.rsplit("= ", 1)[1].replace("−", "-"))
    assert one > 0 > two  # the two paths pull the weight different ways, then meet
    assert math.isclose(float(total.rsplit("= ", 1)[1]), grads.gradient("w1"), rel_tol=1e-11)


def test_check_my_numbers_finds_a_flipped_sigmoid_in_the_hidden_layer(qtbot, window):
    window.state.set_model(TWO_TWO_TWO)
    window.explain_tabs.setCurrentWidget(window.hand_check)
    panel = window.hand_check
    qtbot.waitUntil(lambda: panel.findChild(QLineEdit, "check_out_h1") is not None)
    # The neuron's rows (also named check_error ...) are gone once their deletion ran.
    qtbot.waitUntil(lambda: len(panel.findChildren(QLineEdit, "check_error")) == 1)
    entries = {
        "net_h1": "0.3775",
        "out_h1": f"{1 / (1 + math.exp(0.3775)):.9f}",  # 1/(1+e^net): the sign flipped
        "error": "0.298371109",
        "grad_w5": "0.082167041",
        "grad_w1": "0.000438568",
    }
    for name, text in entries.items():
        panel.findChild(QLineEdit, f"check_{name}").setText(text)
    panel.check()

    def verdict(name: str) -> str:
        return panel.findChild(QLabel, f"verdict_{name}").text()

    assert [verdict(n) for n in entries] == ["✓", "✗", "✓", "✓", "✓"]
    hint = panel.findChild(QLabel, "hint_out_h1").text()
    assert "flipped" in hint
    assert "first goes wrong at <b>out_h1</b>" in panel.findChild(QLabel, "check_summary").text()


def test_the_graph_lays_the_network_out_in_layers(qtbot, window):
    window.state.set_model(TWO_TWO_TWO)
    window.explain_tabs.setCurrentWidget(window.graph_scroll)
    qtbot.waitUntil(lambda: "out_o2" in window.graph_view.node_texts())
    boxes = dict(window.graph_view.text_rects())
    x = {name: boxes[f"box {name}"].center().x() for name in TWO_TWO_TWO.fields if name != "eta"}
    x |= {name: boxes[f"box {name}"].center().x() for name in ("net_h1", "out_h1", "net_o1")}
    x |= {name: boxes[f"box {name}"].center().x() for name in ("out_o1", "E")}
    layers = ["i1", "net_h1", "out_h1", "net_o1", "out_o1", "E"]
    assert [x[n] for n in layers] == sorted(x[n] for n in layers)
    assert len({x[n] for n in layers}) == len(layers)  # each in a layer of its own


def test_edits_between_steps_and_model_switches_undo_and_redo(qtbot, window):
    choose_2_2_2_by_keyboard(qtbot, window)
    window.chain_rule_view.setFocus()
    qtbot.waitUntil(window.chain_rule_view.hasFocus)
    key(qtbot, K.Key_N)
    key(qtbot, K.Key_N)
    w5 = window.findChild(QLineEdit, "param_w5")
    w5.setFocus()
    qtbot.waitUntil(w5.hasFocus)
    w5.selectAll()
    qtbot.keyClicks(w5, "0.3")
    key(qtbot, K.Key_Tab)  # leaving the field commits it
    assert window.state.params["w5"] == 0.3 and window.state.step == 2
    window.chain_rule_view.setFocus()
    qtbot.waitUntil(window.chain_rule_view.hasFocus)
    key(qtbot, K.Key_N)
    edited = window.state.history.data().copy()
    # Back to the neuron and forward again: the 2-2-2 run comes back whole.
    chooser = window.findChild(QComboBox, "model_select")
    chooser.setFocus()
    qtbot.waitUntil(chooser.hasFocus)
    key(qtbot, K.Key_Up)
    assert window.state.model is MODELS["neuron"] and window.state.step == 0
    assert window.findChild(QLineEdit, "param_w5") is None
    window.chain_rule_view.setFocus()
    qtbot.waitUntil(window.chain_rule_view.hasFocus)
    key(qtbot, K.Key_Z, CTRL)
    assert window.state.model is TWO_TWO_TWO and window.state.step == 3
    assert chooser.currentData() == TWO_TWO_TWO.name
    assert (window.state.history.data() == edited).all()
    assert window.findChild(QLineEdit, "param_w5").text() == window.param_panel.field("w5").text()
    key(qtbot, K.Key_Y, CTRL)
    assert window.state.model is MODELS["neuron"]
    assert chooser.currentData() == "neuron"
    key(qtbot, K.Key_Z, CTRL)
    # The edit is a command too: Undo cuts the run back to step 2, before it.
    assert window.undo_stack.undoText() == "Edit w₅"
    key(qtbot, K.Key_Z, CTRL)
    assert window.state.step == 2 and window.state.params["w5"] != 0.3
    assert (window.state.history.data() == edited[:, :3]).all()
    assert window.findChild(QLineEdit, "param_w5").text() != "0.3"
    key(qtbot, K.Key_Z, CTRL)  # before choosing the 2-2-2 network at all
    assert window.state.model is MODELS["neuron"] and chooser.currentData() == "neuron"


def test_stop_conditions_divergence_and_the_timeline_work_for_the_network(qtbot, window):
    state = window.state
    state.set_model(TWO_TWO_TWO)
    window.stop_conditions.set_rule(StopRule(None, 0.25, None))
    window.controls.speed_control.setValue(window.controls.speed_control.maximum())
    window.toggle_running()
    qtbot.waitUntil(lambda: not state.running, timeout=10_000)
    assert state.current.error < 0.25 <= state.history.column("error")[-2]
    assert "fell below" in window.banner.text()
    # Looking back shows an earlier row in every view; a step from there continues.
    window.step_back()
    _, _, step = state.shown()
    assert step == state.step - 1
    qtbot.waitUntil(lambda: f"Step {step}" in window.chain_rule_view.toPlainText())
    window.step_once()  # goes on from the row shown
    assert state.viewing is None and state.step == step + 1
    window.stop_conditions.set_rule(StopRule(None, None, None))
    state.set_config(dataclasses.replace(state.config, activation="linear"))  # no saturation
    state.set_param("eta", 1e300)
    window.step_once()
    window.step_once()
    qtbot.waitUntil(lambda: "diverged" in window.banner.text())
    assert "smaller η" in window.banner.text()
    assert all(math.isfinite(v) for v in state.history.data()[:, -1])


def test_a_saved_network_run_reopens_and_exports_as_the_cli_replays_it(
    qtbot, window, tmp_path: Path, monkeypatch
):
    state = window.state
    state.set_model(TWO_TWO_TWO)
    state.advance(20)
    state.set_param("t2", 0.5)
    state.advance(10)
    path = tmp_path / "net.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    window.save_run_action.trigger()
    first = tmp_path / "first.csv"
    window.export_history(state.history, str(first))
    qtbot.waitUntil(lambda: window.export_running is None)

    other = MainWindow(settings=QSettings(str(tmp_path / "o.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(other)
    other.show()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    other.open_run_action.trigger()
    qtbot.waitUntil(lambda: other.session_files.replaying is None, timeout=60_000)
    assert other.state.model is TWO_TWO_TWO and other.state.step == 30
    assert other.findChild(QComboBox, "model_select").currentData() == TWO_TWO_TWO.name
    second = tmp_path / "second.csv"
    other.export_history(other.state.history, str(second))
    qtbot.waitUntil(lambda: other.export_running is None)
    replayed = tmp_path / "cli.csv"
    assert cli.main(["train", "--session", str(path), "--csv", str(replayed)]) == 0
    assert first.read_bytes() == second.read_bytes() == replayed.read_bytes()


def test_the_model_chooser_waits_for_a_pause_like_the_presets(qtbot, window):
    """Choosing a model replaces the run, as a preset does: while the run goes, or while
    the timeline looks back, both are disabled; paused at the latest step, both work."""
    chooser = window.findChild(QComboBox, "model_select")
    preset = window.findChild(QComboBox, "preset_choice")
    window.state.advance(5)
    window.toggle_running()
    assert window.state.running
    assert not chooser.isEnabled() and not preset.isEnabled()
    window.toggle_running()
    assert chooser.isEnabled() and preset.isEnabled()
    window.step_back()
    assert window.state.viewing is not None
    assert not chooser.isEnabled() and not preset.isEnabled()
    window.back_to_live_action.trigger()
    assert chooser.isEnabled() and preset.isEnabled()


def test_check_my_numbers_says_when_a_hidden_weight_took_one_path_only(qtbot, window):
    """The 2-2-2 network's own slip: ∂E/∂w1 through out_o1 alone, forgetting out_o2."""
    window.state.set_model(TWO_TWO_TWO)
    window.explain_tabs.setCurrentWidget(window.hand_check)
    panel = window.hand_check
    qtbot.waitUntil(lambda: panel.findChild(QLineEdit, "check_out_h1") is not None)
    # The neuron's rows (its own check_grad_w1 ...) are gone once their deletion ran.
    qtbot.waitUntil(lambda: len(panel.findChildren(QLineEdit, "check_grad_w1")) == 1)
    s = TWO_TWO_TWO.evaluate(TWO_TWO_TWO.defaults, TWO_TWO_TWO.default_config)
    v = TWO_TWO_TWO.defaults
    through_o1 = (s["out_o1"] - v["t1"]) * s["out_o1"] * (1 - s["out_o1"]) * v["w5"]
    one_path = through_o1 * s["out_h1"] * (1 - s["out_h1"]) * v["i1"]
    assert not math.isclose(one_path, s.gradient("w1"), rel_tol=0.1)  # a real slip
    panel.findChild(QLineEdit, "check_grad_w1").setText(f"{one_path:.6g}")
    panel.check()
    assert panel.findChild(QLabel, "verdict_grad_w1").text() == "✗"
    hint = panel.findChild(QLabel, "hint_grad_w1").text()
    assert "only the path through out_o1" in hint and "every output" in hint
