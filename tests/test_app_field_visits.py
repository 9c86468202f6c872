"""Visiting fields changes nothing: the window's history equals the CLI's (issue: trust)."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from app.__main__ import main
from engine import load_history
from engine.neuron import FIELDS

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def fields(window) -> list[QLineEdit]:
    return [window.findChild(QLineEdit, f"param_{name}") for name in FIELDS]


def cli_rows(tmp_path, steps: int) -> list[tuple[float, ...]]:
    path = tmp_path / f"cli-{steps}.csv"
    assert main(["train", "--steps", str(steps), "--csv", str(path)]) == 0
    return list(load_history(str(path)).rows())


def visit(qtbot, window, line_edit: QLineEdit, how: str) -> None:
    """Enter and leave a field without changing its number."""
    line_edit.setFocus()
    QApplication.processEvents()
    if how == "enter":
        qtbot.keyClick(line_edit, Qt.Key.Key_Return)
    elif how == "retype":
        text = line_edit.text()
        line_edit.selectAll()
        qtbot.keyClicks(line_edit, text)
        qtbot.keyClick(line_edit, Qt.Key.Key_Return)
    elif how == "click":
        qtbot.mouseClick(line_edit, Qt.MouseButton.LeftButton)
    window.chain_rule_view.setFocus()  # leaving the field finishes the edit
    QApplication.processEvents()


@pytest.mark.parametrize("how", ["enter", "retype", "click"])
def test_visiting_every_field_mid_run_changes_nothing(qtbot, window, tmp_path, how):
    window.state.advance(10)
    for line_edit in fields(window):
        visit(qtbot, window, line_edit, how)
    window.state.advance(10)
    assert window.state.step == 20
    assert list(window.state.history.rows()) == cli_rows(tmp_path, 20)


def test_export_after_field_visits_equals_the_cli(qtbot, window, tmp_path, monkeypatch):
    window.state.advance(10)
    for line_edit in fields(window):
        visit(qtbot, window, line_edit, "click")
        visit(qtbot, window, line_edit, "enter")
    window.state.advance(10)
    out = tmp_path / "gui.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "CSV"))
    window.export_csv_action.trigger()
    qtbot.waitUntil(lambda: window.export_running is None)
    cli = tmp_path / "cli.csv"
    assert main(["train", "--steps", "20", "--csv", str(cli)]) == 0
    assert out.read_bytes() == cli.read_bytes()


def test_a_real_edit_still_commits(qtbot, window):
    window.state.advance(2)
    w1 = fields(window)[2]
    w1.setFocus()
    w1.selectAll()
    qtbot.keyClicks(w1, "0.3")
    qtbot.keyClick(w1, Qt.Key.Key_Return)
    assert window.state.params.w1 == 0.3
    assert len(window.state.history) == 4  # the edit is a same-step row


def test_field_visits_and_undo_redo_pairs_keep_the_history_equal_to_the_cli(
    qtbot, window, tmp_path
):
    """A long random sequence of steps, field visits, resets and Undo/Redo pairs."""
    rng = random.Random(6)
    expected_steps = 0
    for _ in range(60):
        action = rng.choice(["step", "visit", "undo-redo", "reset-undo", "visit-step"])
        if action == "step":
            n = rng.randint(1, 7)
            window.state.advance(n)
            expected_steps += n
        elif action in ("visit", "visit-step"):
            how = rng.choice(["enter", "retype", "click"])
            visit(qtbot, window, rng.choice(fields(window)), how)
            if action == "visit-step":
                window.step_once()
                expected_steps += 1
        elif action == "undo-redo" and window.undo_stack.canUndo():
            window.chain_rule_view.setFocus()
            qtbot.keyClick(window.chain_rule_view, Qt.Key.Key_Z, CTRL)
            qtbot.keyClick(window.chain_rule_view, Qt.Key.Key_Z, CTRL | SHIFT)
        elif action == "reset-undo" and window.state.step:
            window.chain_rule_view.setFocus()
            qtbot.keyClick(window.chain_rule_view, Qt.Key.Key_R, CTRL)
            assert window.state.step == 0
            qtbot.keyClick(window.chain_rule_view, Qt.Key.Key_Z, CTRL)
        assert window.state.step == expected_steps, action
    assert expected_steps > 20
    assert list(window.state.history.rows()) == cli_rows(tmp_path, expected_steps)
