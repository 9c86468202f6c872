"""File ▸ Save run / Open run in the window: a saved run reopens to an identical export,
broken files change nothing and say where, unsaved work is asked about first."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app import cli
from app.main_window import MainWindow
from engine import NeuronConfig, StopRule


def export(qtbot, window, history, path: Path) -> bytes:
    window.export_history(history, str(path))
    qtbot.waitUntil(lambda: window.export_running is None, timeout=60_000)
    return path.read_bytes()


def new_window(qtbot, tmp_path: Path, name: str) -> MainWindow:
    settings = QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    return window


def play_a_run(window) -> None:
    state = window.state
    state.advance(150)
    state.edit_values({"w1": 0.3, "w2": 0.1}, "Move on the map")  # one row, two values
    state.advance(50)
    state.set_param("eta", 0.5)
    state.advance(100)
    state.set_config(NeuronConfig("tanh", "mse", frozenset({"w1", "b1"})))
    state.set_param("target", 0.3)
    state.advance(50)
    window.parabola_state.set_eta(0.9)
    window.parabola_state.advance(30)
    window.stop_conditions.set_rule(StopRule(10_000, 1e-7, None))


def save_as(window, monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    window.save_run_action.trigger()


def open_file(qtbot, window, monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.open_run_action.trigger()
    qtbot.waitUntil(lambda: window.session_files.replaying is None, timeout=60_000)


def test_a_saved_run_reopens_to_an_identical_export(qtbot, window, tmp_path, monkeypatch):
    play_a_run(window)
    assert window.session_files.modified
    original = export(qtbot, window, window.state.history, tmp_path / "a.csv")
    curve = export(qtbot, window, window.parabola_state.history, tmp_path / "a-curve.csv")
    session = tmp_path / "lesson"
    save_as(window, monkeypatch, session)
    saved = tmp_path / "lesson.json"  # .json added to a bare name
    assert saved.exists()
    assert not window.session_files.modified
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("lesson.json[*]")
    window.state.advance(1)
    assert window.isWindowModified()  # the title's mark
    assert window.windowFilePath() == str(saved)

    other = new_window(qtbot, tmp_path, "other")
    open_file(qtbot, other, monkeypatch, saved)
    assert other.state.step == 350
    assert len(other.state.edits) == 4
    assert other.stop_conditions.rule() == StopRule(10_000, 1e-7, None)
    assert other.parabola_state.eta == 0.9
    assert export(qtbot, other, other.state.history, tmp_path / "b.csv") == original
    assert export(qtbot, other, other.parabola_state.history, tmp_path / "b-curve.csv") == curve
    assert not other.session_files.modified
    assert other.windowTitle().startswith("lesson.json")
    assert other.session_files.recent()[0] == str(saved)
    # The command line replays the same file to the same CSV.
    cli_csv = tmp_path / "cli.csv"
    assert cli.main(["train", "--session", str(saved), "--csv", str(cli_csv)]) == 0
    assert cli_csv.read_bytes() == original
    # Opening is one undoable command: Undo brings back the fresh window's runs.
    other.undo_action.trigger()
    assert other.state.step == 0
    assert other.parabola_state.step == 0
    other.close()


def test_a_broken_file_changes_nothing_and_says_where(qtbot, window, tmp_path, monkeypatch):
    window.state.advance(5)
    good = tmp_path / "good.json"
    save_as(window, monkeypatch, good)
    bad = tmp_path / "bad.json"
    bad.write_text(good.read_text().replace('"steps": 5', '"steps": "five"'), encoding="utf-8")
    history = window.state.history
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    open_file(qtbot, window, monkeypatch, bad)
    assert len(shown) == 1
    assert "at steps: must be a whole number" in shown[0]
    assert "Nothing was changed" in shown[0]
    assert window.state.history is history
    assert window.state.step == 5
    truncated = tmp_path / "cut.json"
    truncated.write_text(good.read_text()[:100], encoding="utf-8")
    open_file(qtbot, window, monkeypatch, truncated)
    assert "at line" in shown[1]
    assert window.state.history is history


def test_opening_over_unsaved_work_asks_first(qtbot, window, tmp_path, monkeypatch):
    window.state.advance(3)
    assert window.session_files.modified
    opened = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: opened.append(1) or ("", "")
    )
    answers = [QMessageBox.StandardButton.Cancel]
    asked = []

    def question(*args, **kwargs):
        asked.append(args[2])
        return answers[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    window.open_run_action.trigger()
    assert len(asked) == 1 and "not saved" in asked[0]
    assert opened == []
    answers[0] = QMessageBox.StandardButton.Discard
    window.open_run_action.trigger()
    assert opened == [1]
    assert window.state.step == 3  # no file chosen: nothing changed


def test_the_recent_files_menu_opens_a_run(qtbot, window, tmp_path, monkeypatch):
    window.state.advance(7)
    path = tmp_path / "seven.json"
    save_as(window, monkeypatch, path)
    actions = window.session_files.recent_menu.actions()
    assert [a.data() for a in actions] == [str(path)]
    window.reset()
    window.session_files.set_modified(False)
    actions[0].trigger()
    qtbot.waitUntil(lambda: window.session_files.replaying is None, timeout=60_000)
    assert window.state.step == 7


@pytest.mark.parametrize("steps", [0, 1])
def test_short_runs_round_trip(qtbot, window, tmp_path, monkeypatch, steps):
    window.state.set_param("w1", 0.7)  # at step 0 this changes the start
    window.state.advance(steps)
    path = tmp_path / "s.json"
    save_as(window, monkeypatch, path)
    before = export(qtbot, window, window.state.history, tmp_path / "a.csv")
    window.reset()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)
    open_file(qtbot, window, monkeypatch, path)
    assert export(qtbot, window, window.state.history, tmp_path / "b.csv") == before


def test_closing_while_a_run_reopens_stops_the_replay(qtbot, tmp_path, monkeypatch):
    first = new_window(qtbot, tmp_path, "first")
    first.state.advance(300_000)
    path = tmp_path / "long.json"
    assert first.session_files.save(str(path))
    second = new_window(qtbot, tmp_path, "second")
    thread = second.session_files.open(str(path))
    assert thread is not None
    second.close()  # must not leave a running thread behind
    assert thread.isFinished()
    assert second.session_files.replaying is None
    first.close()
