"""Long runs in the window: the shared step limit, background export with progress and
cancel, and exports that hold exactly the rows there were when they began."""

from __future__ import annotations

import gc
import os
import threading
import weakref
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEventLoop, QThread
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QPushButton

import app.parabola_state
import app.run_state
import engine
from app import cli
from app.worker_thread import WorkerThread
from engine import csvio, limits


def wait_export(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.export_running is None, timeout=60_000)


def test_the_window_and_the_cli_share_the_engines_limit():
    assert cli.MAX_STEPS is limits.MAX_STEPS == engine.MAX_STEPS == 2_000_000
    assert app.run_state.MAX_STEPS is limits.MAX_STEPS
    assert app.parabola_state.MAX_STEPS is limits.MAX_STEPS


def test_auto_run_stops_at_the_limit_and_offers_export_and_reset(
    qtbot, window, monkeypatch, tmp_path
):
    monkeypatch.setattr(app.run_state, "MAX_STEPS", 30)
    state = window.state
    state.advance(10)
    state.set_running(True)
    outcome = state.advance(100, state.stop_rule)
    assert outcome.steps_done == 20
    assert state.step == 30
    assert not state.running
    notice = window.limit_notice
    assert notice.isVisible()
    assert "step 30," in notice.text.text()
    # Step and Run at the limit do nothing but say so again.
    window.step_once()
    assert state.step == 30
    assert len(state.history) == 31
    # Export offers the file dialog; the file is the CLI's for the same steps.
    out = tmp_path / "limit"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "CSV"))
    notice.export_button.click()
    wait_export(qtbot, window)
    cli_file = tmp_path / "cli.csv"
    assert cli.main(["train", "--steps", "30", "--csv", str(cli_file)]) == 0
    assert (tmp_path / "limit.csv").read_bytes() == cli_file.read_bytes()  # .csv added
    notice.reset_button.click()
    qtbot.waitUntil(lambda: not notice.isVisible())
    assert state.step == 0


def test_the_parabola_stops_at_the_limit_too(qtbot, window, monkeypatch):
    monkeypatch.setattr(app.parabola_state, "MAX_STEPS", 12)
    state = window.parabola_state
    state.set_running(True)
    assert state.advance(50) == 12
    assert state.step == 12
    assert not state.running
    notice = window.parabola_panel.limit_notice
    assert notice.isVisible()
    assert state.advance(1) == 0
    notice.reset_button.click()
    assert state.step == 0
    assert not notice.isVisible()


def test_the_history_reserves_the_limit_without_using_memory():
    status = "/proc/self/status"
    if not os.path.exists(status):
        pytest.skip("needs Linux's /proc to read resident memory")

    def resident_kib() -> int:
        with open(status) as stream:
            line = next(x for x in stream if x.startswith("VmRSS:"))
        return int(line.split()[1])

    before = resident_kib()
    history, _ = app.run_state.new_window_history(engine.NOTES_PARAMS, engine.NeuronConfig())
    assert history.capacity == limits.RESERVED_ROWS
    assert history.nbytes > 280_000_000  # address space for two million rows
    assert resident_kib() - before < 20_000  # but almost none of it is resident
    assert len(history) == 1


def _gated_chunks(gate: threading.Event):
    real = csvio.csv_chunks

    def chunks(history, *args) -> Iterator[tuple[bytes, int]]:
        for k, chunk in enumerate(real(history, 100)):
            if k == 2:
                gate.wait(10)
            yield chunk

    return chunks


def test_the_file_holds_the_rows_there_were_when_export_began(qtbot, window, tmp_path, monkeypatch):
    gate = threading.Event()
    monkeypatch.setattr(csvio, "csv_chunks", _gated_chunks(gate))
    state = window.state
    state.advance(500)
    path = tmp_path / "run.csv"
    export = window.export_history(state.history, str(path))
    assert export is not None and window.export_running is export
    assert not window.export_csv_action.isEnabled()
    # The run goes on (and is even cut back and redone) while the file is written.
    state.advance(300)
    state.history.truncate(200)
    state.history.append(list(state.history.row(-1).values()))
    gate.set()
    wait_export(qtbot, window)
    assert window.export_csv_action.isEnabled()
    monkeypatch.undo()
    cli_file = tmp_path / "cli.csv"
    assert cli.main(["train", "--steps", "500", "--csv", str(cli_file)]) == 0
    assert path.read_bytes() == cli_file.read_bytes()
    assert "Saved 501 rows" in window.statusBar().currentMessage()


def test_cancel_leaves_the_old_file_and_no_temporary(qtbot, window, tmp_path, monkeypatch):
    gate = threading.Event()
    monkeypatch.setattr(csvio, "csv_chunks", _gated_chunks(gate))
    window.state.advance(1000)
    path = tmp_path / "run.csv"
    path.write_text("old contents\n", encoding="utf-8")
    export = window.export_history(window.state.history, str(path))
    assert export is not None
    progress = window.findChild(QProgressDialog, "export_progress")
    progress.findChild(QPushButton).click()  # the dialog's Cancel button
    gate.set()
    wait_export(qtbot, window)
    assert export.cancelled
    assert path.read_text(encoding="utf-8") == "old contents\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "settings.ini") == ["run.csv"]
    assert "cancelled" in window.statusBar().currentMessage()
    assert not window.banner.isVisible()


def test_a_second_export_waits_for_the_first(qtbot, window, tmp_path, monkeypatch):
    gate = threading.Event()
    monkeypatch.setattr(csvio, "csv_chunks", _gated_chunks(gate))
    window.state.advance(400)
    first = window.export_history(window.state.history, str(tmp_path / "a.csv"))
    assert first is not None
    assert window.export_history(window.parabola_state.history, str(tmp_path / "b.csv")) is None
    assert "still being written" in window.statusBar().currentMessage()
    gate.set()
    wait_export(qtbot, window)
    assert sorted(p.name for p in tmp_path.glob("*.csv")) == ["a.csv"]


def test_undo_rebuilds_a_long_dropped_run_in_the_background(qtbot, window, monkeypatch):
    """A run kept for Undo without its history (over the memory budget) is recomputed in a
    background thread with a progress dialog, and comes back exactly."""
    import app.session_files

    monkeypatch.setattr(app.session_files, "BACKGROUND_REPLAY_STEPS", 1000)
    shown = []
    real_progress = app.session_files.background_progress

    def recorded(*args, **kwargs) -> QProgressDialog:
        dialog = real_progress(*args, **kwargs)
        shown.append(dialog)
        return dialog

    monkeypatch.setattr(app.session_files, "background_progress", recorded)
    state = window.state
    state.held_budget = 0  # keep no history for Undo
    state.advance(20_000)
    state.set_param("w2", 0.25)
    state.advance(5_000)
    data, current, edits = state.history.data().copy(), state.current, state.edits
    window.reset()
    state.advance(3)
    started, threads = [], []

    def start(thread: QThread) -> None:
        dialog = shown[-1]  # set up by now
        buttons = dialog.findChildren(QPushButton)
        started.append((thread.with_curve, dialog.objectName(), dialog.maximum(), buttons))
        threads.append(thread)  # its Python object lives on, as it may in the window
        WorkerThread.start(thread)  # as the window starts it

    monkeypatch.setattr(app.session_files.ReplayThread, "start", start)
    window.undo_action.trigger()
    # Off the GUI thread, counting the steps, and without Cancel (Undo cannot stop there).
    assert started == [(False, "rebuild_progress", 25_000, [])]
    assert state.step == 25_000 and state.edits == edits and state.current == current
    assert (state.history.data() == data).all()
    rebuilt = weakref.ref(state.history)
    window.redo_action.trigger()  # three steps: rebuilt at once, no dialog
    assert state.step == 3 and len(shown) == 1
    # Nothing keeps the rebuilt history once no command holds it (the finished thread
    # object, until deleted, kept it: 275 MiB at the step limit).
    window.undo_stack.clear()
    qtbot.waitUntil(lambda: window.error_plot._source is state.history)
    gc.collect()
    assert rebuilt() is None


def test_undo_holds_the_learners_input_while_it_rebuilds_a_run(qtbot, window, monkeypatch):
    """While Undo recomputes a dropped run, the undo stack is inside a command: the wait
    paints and ticks but holds keys and clicks, so a second Ctrl+Z (or an edit) cannot
    re-enter the stack half-way (the progress dialog takes input only after a moment)."""
    import app.session_files

    monkeypatch.setattr(app.session_files, "BACKGROUND_REPLAY_STEPS", 1000)
    flags_seen = []

    class RecordingLoop(QEventLoop):
        def exec(self, flags=QEventLoop.ProcessEventsFlag.AllEvents):
            flags_seen.append(flags)
            return super().exec(flags)

    monkeypatch.setattr(app.session_files, "QEventLoop", RecordingLoop)
    state = window.state
    state.held_budget = 0  # keep no history for Undo
    state.advance(5_000)
    window.reset()
    window.undo_action.trigger()
    assert state.step == 5_000
    assert len(flags_seen) == 1
    assert flags_seen[0] & QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents
