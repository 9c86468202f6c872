"""The run's state object: edits, steps, reset and undo, divergence, stop rules."""

import random
from dataclasses import replace

import numpy as np
import pytest

from app.run_state import Run, RunState, Tail
from engine import NOTES_AS_PRINTED, NOTES_PARAMS, NeuronConfig, StopRule
from engine.models import MODELS


def test_starts_at_the_notes_values(qapp):
    state = RunState()
    assert state.step == 0
    assert len(state.history) == 1
    assert state.current.net == pytest.approx(0.9775, abs=1e-15)
    assert state.current.error == pytest.approx(0.256766293386, abs=1e-12)


def test_setting_the_same_value_emits_nothing(qtbot):
    state = RunState()
    with qtbot.assertNotEmitted(state.paramsChanged), qtbot.assertNotEmitted(state.historyChanged):
        state.set_param("w1", 0.15)
        state.set_config(NeuronConfig())


def test_edit_before_first_step_redefines_the_start(qtbot):
    state = RunState()
    with qtbot.waitSignal(state.paramsChanged):
        state.set_param("eta", 0.5)
    assert state.start.eta == 0.5
    assert len(state.history) == 1
    assert state.history.row(0)["eta"] == 0.5


def test_edit_after_steps_is_recorded_as_a_same_step_row(qapp):
    state = RunState()
    state.advance(3)
    state.set_param("w1", 1.0)
    assert state.step == 3
    steps = state.history.column("step").tolist()
    assert steps == [0, 1, 2, 3, 3]
    assert state.history.row(-1)["w1"] == 1.0
    assert state.history.row(-2)["w1"] != 1.0
    assert state.start.w1 == 0.15  # the start is untouched
    state.advance(1)
    assert state.history.row(-1)["step"] == 4
    assert state.history.row(-1)["w1"] == pytest.approx(
        1.0 - 0.2 * state.history.row(-2)["grad_w1"]
    )


def test_one_step_gives_the_worked_example_update(qapp):
    state = RunState()
    state.advance(1)
    p = state.params
    assert (p.w1, p.w2, p.b1, p.b2) == pytest.approx(
        (0.148576471599, 0.197152943197, 0.321529431975, 0.571529431975), abs=1e-12
    )


def test_reset_can_be_undone(qtbot):
    state = RunState()
    state.advance(5)
    old_history = state.history
    state.reset()
    assert state.step == 0 and len(state.history) == 1
    assert state.params == NOTES_PARAMS
    assert state.undo_stack.canUndo()
    state.undo_stack.undo()
    assert state.step == 5
    assert state.history is old_history
    assert not state.undo_stack.canUndo()


def _rows(state):
    return list(state.history.rows())


def test_undo_then_redo_returns_exactly_steps_included(qapp):
    state = RunState()
    state.advance(3)
    before = _rows(state)
    state.reset()
    state.advance(5)  # work done after the Reset must survive Undo
    after = _rows(state)
    state.undo_stack.undo()
    assert _rows(state) == before and state.step == 3
    state.advance(2)  # and work done after the Undo must survive Redo + Undo
    before_more = _rows(state)
    state.undo_stack.redo()
    assert _rows(state) == after and state.step == 5
    assert state.params.w1 == after[-1][3]
    state.undo_stack.undo()
    assert _rows(state) == before_more and state.step == 5


def test_reset_restores_the_start_choices_too(qapp):
    state = RunState()
    state.advance(2)
    state.set_config(NeuronConfig(activation="tanh", loss="mse", trainable=frozenset({"w1"})))
    state.advance(2)
    state.reset()
    assert state.config == NeuronConfig()
    assert state.step == 0 and len(state.history) == 1
    state.undo_stack.undo()
    assert state.config.activation == "tanh" and state.step == 4


def test_load_preset_is_undoable_and_changes_config(qapp):
    state = RunState()
    state.advance(2)
    state.load(NOTES_PARAMS, NOTES_AS_PRINTED)
    assert state.config == NOTES_AS_PRINTED
    assert state.current.dout_dnet == pytest.approx(-0.198647055775, abs=1e-12)
    state.undo_stack.undo()
    assert state.config == NeuronConfig() and state.step == 2
    state.undo_stack.redo()
    assert state.config == NOTES_AS_PRINTED and state.step == 0


def test_invalid_edit_changes_nothing(qapp):
    state = RunState()
    state.set_config(NeuronConfig(activation="linear", loss="bce"))  # out = 0.9775: fine
    with pytest.raises(ValueError):
        state.set_param("w1", 100.0)  # out > 1: binary cross-entropy undefined
    assert state.params.w1 == 0.15


def test_divergence_stops_the_run_with_a_reason(qtbot):
    state = RunState(NOTES_PARAMS.with_value("eta", 1e10), NeuronConfig(activation="linear"))
    state.set_running(True)
    with qtbot.waitSignal(state.diverged) as blocker:
        state.advance(10_000)
    assert "diverged at step" in str(blocker.args[0].message)
    assert not state.running
    for name in state.history.columns:
        col = state.history.column(name)
        assert all(abs(v) < float("inf") for v in col)


def test_stop_rule_ends_an_auto_run(qtbot):
    state = RunState()
    state.set_running(True)
    with qtbot.waitSignal(state.stopped) as blocker:
        state.advance(1000, StopRule(max_step=7))
    assert blocker.args == ["max_step"]
    assert state.step == 7 and not state.running


def test_large_history_grows_in_the_background_without_losing_rows(qtbot, monkeypatch):
    import app.run_state as run_state

    monkeypatch.setattr(run_state, "BACKGROUND_GROWTH_ROWS", 256)
    # A run with more edits than the rows reserved up front still grows (in the background).
    monkeypatch.setattr(run_state, "RESERVED_ROWS", 512)
    state = RunState()
    state.advance(state.history.capacity - 1)  # exactly full
    before = state.history.column("w1").copy()
    capacity = state.history.capacity
    assert not state.has_room_for(10)  # a thread is now growing the buffer
    qtbot.waitUntil(lambda: state.has_room_for(10), timeout=5000)
    assert state.history.capacity >= capacity * 2
    assert (state.history.column("w1") == before).all()
    state.advance(10)
    assert state.step == capacity - 1 + 10


def test_an_edit_waits_for_background_growth(qtbot, monkeypatch):
    import app.run_state as run_state

    monkeypatch.setattr(run_state, "BACKGROUND_GROWTH_ROWS", 256)
    # A run with more edits than the rows reserved up front still grows (in the background).
    monkeypatch.setattr(run_state, "RESERVED_ROWS", 512)
    state = RunState()
    state.advance(state.history.capacity - 1)
    rows = len(state.history)
    state.has_room_for(1000)
    state.set_param("eta", 0.3)  # joins the growth thread before appending
    assert len(state.history) == rows + 1
    assert state.history.row(-1)["eta"] == 0.3


def _held_runs(state):
    """The whole runs the stack holds (an edit's command holds only its rows: a Tail)."""
    stack = state.undo_stack
    held = (stack.command(i).held for i in range(stack.count()))
    return [run for run in held if isinstance(run, Run)]


def test_runs_held_for_undo_stay_within_the_memory_budget(qapp):
    """Every replaced run kept its whole history for Undo: a learner undoing across a few
    runs at the step limit held several times 275 MiB.  Over the budget, the runs farthest
    from the current place keep only what rebuilds them, and come back exactly."""
    state = RunState()
    one_run = 3001 * len(state.model.columns) * 8  # the bytes of a 3,000-step history
    state.held_budget = one_run
    runs = []
    for k in range(3):
        state.advance(3000 - k)
        runs.append((state.history.data().copy(), state.step, state.current))
        state.reset()
    held = _held_runs(state)
    assert sum(run.history_bytes for run in held) <= one_run
    assert held[-1].history is not None  # the run Undo brings back next: no wait
    assert held[0].history is None and held[1].history is None
    for data, step, current in reversed(runs):
        state.undo_stack.undo()
        assert np.array_equal(state.history.data(), data)
        assert state.step == step and state.current == current
        assert sum(run.history_bytes for run in _held_runs(state)) <= one_run
    for k, after in enumerate([*runs[1:], None]):
        state.undo_stack.redo()  # the Reset again: on to the next run (or the last start)
        if after is None:
            assert state.step == 0 and len(state.history) == 1
        else:
            assert np.array_equal(state.history.data(), after[0]) and state.step == after[1]
        assert sum(run.history_bytes for run in _held_runs(state)) <= one_run
        assert _held_runs(state)[k].history is not None  # the one Undo brings back next


def test_an_edits_held_rows_count_against_the_undo_budget_and_come_back_exactly(qapp):
    """Undo of an edit holds the rows cut off after it (after many steps, the whole
    history): those counted against no budget, so Undo could keep several step-limit
    histories.  Over the budget they are dropped and Redo replays them exactly."""
    state = RunState()
    state.held_budget = 0
    state.advance(300)
    state.set_param("w1", 0.3)
    state.advance(2_000)
    data, step, current, edits = state.history.data().copy(), state.step, state.current, state.edits
    state.undo_stack.undo()  # the edit: cut back to step 300
    assert state.step == 300 and len(state.history) == 301
    tail = state.undo_stack.command(state.undo_stack.index()).held
    assert isinstance(tail, Tail)
    assert tail.rows is None and tail.history is None and tail.history_bytes == 0
    state.undo_stack.redo()
    assert np.array_equal(state.history.data(), data)
    assert (state.step, state.current, state.edits) == (step, current, edits)


@pytest.mark.parametrize("seed", range(6))
def test_undo_and_redo_of_dropped_runs_return_exactly(qapp, seed):
    """Random edits, resets, model switches, "Continue from step k", Undo and Redo: a
    state that keeps no history for Undo (all replayed) matches one that keeps them all."""
    rng = random.Random(seed)
    kept, dropped = RunState(), RunState()
    kept.held_budget, dropped.held_budget = 1 << 40, 0
    for _ in range(40):
        action = rng.choice(["step", "step", "edit", "config", "values", "reset", "model",
                             "continue", "undo", "undo", "redo"])  # fmt: skip
        for state in (kept, dropped):
            rng_state = rng.getstate()
            if action == "step":
                state.advance(rng.randint(1, 400))
            elif action == "edit":
                state.set_param(rng.choice(["w1", "eta", "b1"]), rng.uniform(0.01, 0.5))
            elif action == "config":
                state.set_config(replace(state.config, activation=rng.choice(["tanh", "sigmoid"])))
            elif action == "values":
                state.edit_values({"b1": rng.uniform(0, 1)}, "Map click")
            elif action == "reset":
                state.reset()
            elif action == "model":
                state.set_model(rng.choice(list(MODELS.values())))
            elif action == "continue" and len(state.history) > 2:
                state.set_view(rng.randrange(len(state.history) - 1))
                state.continue_from_view("Continue")
            elif action == "undo":
                state.undo_stack.undo()
            elif action == "redo":
                state.undo_stack.redo()
            if state is kept:
                rng.setstate(rng_state)  # the same choices for the other state
        assert np.array_equal(kept.history.data(), dropped.history.data()), action
        assert (kept.step, kept.edits, kept.current) == (
            dropped.step,
            dropped.edits,
            dropped.current,
        )
        assert kept.config == dropped.config and kept.start == dropped.start
    assert all(run.history is None for run in _held_runs(dropped))


def test_a_run_makes_its_next_rows_resident_in_a_worker(qtbot, monkeypatch):
    import threading

    import app.run_state as run_state
    from engine.history import History

    calls = []
    prefault = History.prefault

    def spy(history, start, stop):
        calls.append((start, stop, threading.current_thread() is threading.main_thread()))
        return prefault(history, start, stop)

    monkeypatch.setattr(History, "prefault", spy)
    state = RunState()
    state.advance(2048)
    ahead = min(2048 * run_state.PREFAULT_AHEAD_CALLS, run_state.PREFAULT_AHEAD_ROWS)
    qtbot.waitUntil(lambda: bool(calls) and not state._prefaulting.is_alive(), timeout=5000)
    assert calls == [(2049, 2049 + ahead, False)]  # from the first row not yet written
    state.advance(10)  # enough rows are ready: no new worker
    assert len(calls) == 1
    state.reset()  # a new history starts from its own first row
    state.advance(2048)
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=5000)
    assert calls[1][0] == 2049
