"""Edits are undoable commands: a field, a choice or a map click, each named after what
changed; Undo puts the value, the history and the session's edit log back, Redo re-applies
it exactly, and neither copies a long history."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QLineEdit

from app import cli
from app.run_state import RunState, Tail
from engine import NeuronConfig
from engine.session import save_session

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def type_into(qtbot, window, name: str, text: str) -> None:
    """Type a number into a field and leave it (clicking elsewhere), as a learner does."""
    field = window.findChild(QLineEdit, f"param_{name}")
    field.setFocus()
    QApplication.processEvents()
    field.selectAll()
    qtbot.keyClicks(field, text)
    window.chain_rule_view.setFocus()  # leaving the field finishes the edit
    QApplication.processEvents()


def ctrl(qtbot, window, key: Qt.Key, modifiers=CTRL) -> None:
    window.chain_rule_view.setFocus()
    QApplication.processEvents()
    qtbot.keyClick(window.chain_rule_view, key, modifiers)


def buffer(state: RunState) -> int:
    """Where the live history's rows are in memory (a copy would move them)."""
    return state.history.data().__array_interface__["data"][0]


def test_ctrl_z_after_leaving_a_field_undoes_the_edit(qtbot, window):
    state = window.state
    state.advance(3)
    before = state.history.data().copy()
    type_into(qtbot, window, "w1", "0.3")
    assert state.params.w1 == 0.3 and len(state.history) == 5 and len(state.edits) == 1
    after = state.history.data().copy()
    assert window.undo_action.text() == "Undo Edit w₁"
    ctrl(qtbot, window, Qt.Key.Key_Z)
    assert state.params.w1 == before[state.history.columns.index("w1"), -1]
    qtbot.waitUntil(lambda: window.param_panel.field("w1").text() not in ("0.3", ""))
    assert (state.history.data() == before).all() and state.edits == ()
    assert state.step == 3
    ctrl(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert state.params.w1 == 0.3 and state.edits[0].value == 0.3
    assert (state.history.data() == after).all()


def test_an_edit_at_step_0_undoes_to_the_old_start(qtbot, window):
    state = window.state
    type_into(qtbot, window, "eta", "0.5")
    assert state.start.eta == 0.5 and window.undo_action.text() == "Undo Edit η"
    window.undo_action.trigger()
    assert state.start.eta == 0.2 and state.params.eta == 0.2 and len(state.history) == 1
    window.redo_action.trigger()
    assert state.start.eta == 0.5 and state.history.row(0)["eta"] == 0.5


def test_choices_are_undoable_and_named_after_what_changed(qtbot, window):
    state = window.state
    state.advance(2)
    combo = window.findChild(QComboBox, "activation_choice")
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # the learner picks the next activation
    assert state.config.activation == combo.currentData() != "sigmoid"
    assert window.undo_stack.undoText() == "Change activation"
    chosen = combo.currentData()
    state.set_config(NeuronConfig(chosen, "mse"))
    assert window.undo_stack.undoText() == "Change loss"
    state.set_config(NeuronConfig(chosen, "mse", frozenset({"w1"})))
    assert window.undo_stack.undoText() == "Change what learns"
    for _ in range(3):
        window.undo_action.trigger()
    assert state.config == NeuronConfig() and len(state.history) == 3 and state.edits == ()
    qtbot.waitUntil(lambda: combo.currentData() == "sigmoid")


def test_undo_holds_the_steps_after_an_edit_and_redo_brings_them_back(qapp):
    state = RunState()
    state.advance(3)
    state.set_param("w1", 0.3, "Edit w1")
    state.advance(5)
    after = state.history.data().copy()
    state.undo_stack.undo()  # back to just before the edit, at step 3
    assert state.step == 3 and len(state.history) == 4 and state.params.w1 != 0.3
    state.undo_stack.redo()  # the edit and the five steps after it, exactly
    assert state.step == 8 and (state.history.data() == after).all()
    assert [e.name for e in state.edits] == ["w1"]
    # Steps taken after Undo are held by Redo in their turn, like a Reset's.
    state.undo_stack.undo()
    state.advance(2)
    undone = state.history.data().copy()
    state.undo_stack.redo()
    assert (state.history.data() == after).all()
    state.undo_stack.undo()
    assert state.step == 5 and (state.history.data() == undone).all() and state.edits == ()
    fresh = RunState()
    fresh.advance(5)
    assert (state.history.data() == fresh.history.data()).all()


def test_an_edit_at_a_long_history_copies_nothing(qapp):
    state = RunState()
    state.advance(200_000)
    history, where = state.history, buffer(state)
    state.set_param("w1", 0.3, "Edit w1")
    state.edit_values({"w1": 0.1, "w2": 0.2}, "Move the ball")
    state.set_config(NeuronConfig("tanh"))
    for _ in range(3):
        state.undo_stack.undo()
    for _ in range(3):
        state.undo_stack.redo()
    state.undo_stack.undo()
    assert state.history is history and buffer(state) == where
    assert len(state.history) == 200_003
    # What the edit's command holds aside is its one row, not the run.
    held = state.undo_stack.command(state.undo_stack.index()).held
    assert isinstance(held, Tail) and held.rows.shape == (len(history.columns), 1)


def test_undo_after_many_steps_holds_the_history_and_copies_the_rows_before_the_edit(qapp):
    """An edit at step 3, then 20,000 steps, then Undo: the four rows before the edit are
    copied, not the 20,000 after it; Redo puts the very same history back."""
    state = RunState()
    state.advance(3)
    state.set_param("w1", 0.3, "Edit w1")
    state.advance(20_000)
    history, after = state.history, state.history.data().copy()
    state.undo_stack.undo()
    held = state.undo_stack.command(0).held
    assert held.history is history and held.rows is None
    assert len(state.history) == 4 and state.history is not history
    state.advance(2)
    fresh = RunState()
    fresh.advance(5)
    assert (state.history.data() == fresh.history.data()).all()
    state.undo_stack.redo()  # the two steps taken after Undo are held, the run comes back
    assert state.history is history and (state.history.data() == after).all()
    assert state.step == 20_003 and [e.name for e in state.edits] == ["w1"]
    state.undo_stack.undo()
    assert (state.history.data() == fresh.history.data()).all() and state.step == 5


def test_undo_redo_of_edits_keeps_the_session_equal_to_the_cli(
    qtbot, window, tmp_path: Path, monkeypatch
):
    """Random steps, edits (fields, choices, map clicks) and Undo/Redo: the export equals
    what `train --session` computes from the window's session."""
    state = window.state
    rng = random.Random(13)
    actions = ["step", "field", "config", "map", "undo", "redo", "undo-redo"]
    for _ in range(60):
        action = rng.choices(actions, weights=[5, 3, 1, 1, 1, 1, 2])[0]
        if action == "step":
            state.advance(rng.randint(1, 9))
        elif action == "field":
            name = rng.choice(["w1", "w2", "b1", "eta", "target"])
            type_into(qtbot, window, name, f"{rng.uniform(0.05, 0.6):.3f}")
        elif action == "config":
            activation, loss = rng.choice(["sigmoid", "tanh"]), rng.choice(["half-sse", "mse"])
            state.set_config(NeuronConfig(activation, loss))
        elif action == "map":
            ball = {"w1": rng.uniform(-1, 1), "w2": rng.uniform(-1, 1)}
            state.edit_values(ball, "Move the ball")
        elif action in ("undo", "undo-redo") and window.undo_stack.canUndo():
            ctrl(qtbot, window, Qt.Key.Key_Z)
            if action == "undo-redo":
                ctrl(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
        elif action == "redo" and window.undo_stack.canRedo():
            ctrl(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert state.step > 10 and len(state.edits) > 3
    rows = np.array(list(state.history.rows()))
    assert len(rows) == state.step + 1 + len(state.edits)
    gui = tmp_path / "gui.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(gui), "CSV"))
    window.export_csv_action.trigger()
    qtbot.waitUntil(lambda: window.export_running is None)
    session = tmp_path / "session.json"
    save_session(state.session(), session)
    cli_csv = tmp_path / "cli.csv"
    assert cli.main(["train", "--session", str(session), "--csv", str(cli_csv)]) == 0
    assert gui.read_bytes() == cli_csv.read_bytes()


def test_the_curves_fields_are_undoable_and_bring_the_old_run_back(qtbot, window):
    """Editing x₀ or η of the curve starts a new run; Undo brings the old one back whole
    (it was lost: the edit was not on the stack)."""
    state = window.parabola_state
    state.advance(10)
    old = state.history
    before = old.data().copy()
    field = window.findChild(QLineEdit, "parabola_x0")
    field.setFocus()
    QApplication.processEvents()
    field.selectAll()
    qtbot.keyClicks(field, "3")
    window.chain_rule_view.setFocus()  # leaving the field commits it
    QApplication.processEvents()
    assert state.x0 == 3.0 and state.step == 0
    assert window.undo_action.text() == "Undo Edit x₀"
    ctrl(qtbot, window, Qt.Key.Key_Z)
    assert state.x0 == 10.0 and state.step == 10
    assert state.history is old and (state.history.data() == before).all()
    qtbot.waitUntil(lambda: field.text() == "10")
    ctrl(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert state.x0 == 3.0 and state.step == 0
    state.set_eta(0.1)
    assert window.undo_stack.undoText() == "Edit the curve's η"
    state.set_function("x4")
    assert window.undo_stack.undoText() == "Choose function"
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert (state.function.name, state.x0, state.eta) == ("x2", 3.0, 0.2)
