"""The one object that owns a training run: parameters, history and the running flag."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial

import numpy as np
import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from engine import History, StopRule
from engine.limits import MAX_STEPS, RESERVED_ROWS
from engine.messages import EngineError
from engine.models import DEFAULT_MODEL, Config, Model, State, Values, get_model
from engine.session import CONFIG, VALUES, Edit, Replayed, Session, replay
from engine.training import Outcome, first_non_finite, stall

from .undo import SwapCommand
from .worker_thread import PlainWorker, start_worker

#: Histories at least this large grow in a background thread during auto-run: doubling a
#: buffer of millions of rows takes long enough (fresh memory) to freeze the window.
BACKGROUND_GROWTH_ROWS = 1 << 18

#: A run's next rows are made resident in a background thread this far ahead of the last
#: (at most; a slow run asks for less): the kernel's page faults (about 0.2 us a step,
#: a quarter of a step's cost) then happen there instead of in the GUI thread.
PREFAULT_AHEAD_ROWS = 1 << 17
#: ... and at least this many calls' worth of the call that asked, or this many rows (so
#: that a slow run starts a worker only every few thousand steps).
PREFAULT_AHEAD_CALLS = 32
PREFAULT_LEAST_ROWS = 4096

#: Undo and Redo keep the runs they can bring back.  Beyond this many bytes of their
#: histories (a run at the step limit holds 275-535 MiB), the runs farthest from the
#: current place in the undo stack keep only what rebuilds them: start, edits and step
#: count, replayed when needed (the engine is deterministic).
HELD_HISTORY_BYTES = 256 << 20


@dataclass(frozen=True, slots=True)
class Run:
    """A whole run: where it started, its history and where it is now.

    Undo and Redo keep these: a run that is not live is never changed.  A held run's
    history may be dropped (None) to save memory; :meth:`RunState.put_run` replays it.
    """

    start: Values
    start_config: Config
    config: Config
    history: History | None
    current: State
    step: int
    edits: tuple[Edit, ...] = ()  # every change made after step 0, one history row each

    @property
    def history_bytes(self) -> int:
        """Memory its history takes (its rows; the reserved rest is only address space)."""
        if self.history is None:
            return 0
        return len(self.history) * len(self.history.columns) * 8

    def session(self, **extra: object) -> Session:
        """What rebuilds this run (``extra``: the stop rule and curve settings)."""
        config = self.start_config
        return Session(
            self.start.model.name,
            self.start.as_dict(),
            Config(config.activation, config.loss, config.trainable),
            self.step,
            self.edits,
            **extra,  # type: ignore[arg-type]
        )


def replay_now(session: Session) -> Replayed:
    """Rebuild a session's run in this thread, with the step limit's room like every run."""
    return replay(session, RESERVED_ROWS)


def _commands(command: QUndoCommand) -> Iterator[QUndoCommand]:
    """A command and the commands inside it (a macro's)."""
    yield command
    for i in range(command.childCount()):
        yield from _commands(command.child(i))


@dataclass(frozen=True, slots=True)
class Tail:
    """The end of a run that an edit's command holds while it is not live: history rows
    (``rows[j]`` is column ``j``), edits, and the choices, values and step after them.

    Undo of an edit at step k cuts the run back to just before the edit and holds the rest
    here: the edit's row and any steps taken after it, like :class:`SwapCommand` holds a
    whole run after a Reset, so Redo returns exactly to where the learner was.  Steps taken
    after Undo are held in their turn by Redo and come back with the next Undo.

    The rows are held as a copy (``rows``) when they are fewer than the rows before the
    cut; else the whole history is held (``history``, its first rows being the live run's)
    and the live run gets a copy of the part before the cut: either way the smaller part
    is copied (an edit at step 10, two million steps, Undo: ten rows).
    """

    rows: np.ndarray | None
    edits: tuple[Edit, ...]
    config: Config
    current: State
    step: int
    history: History | None = None

    @property
    def history_bytes(self) -> int:
        """Memory its rows take (none once dropped: Redo then replays the run)."""
        if self.rows is not None:
            return self.rows.nbytes
        if self.history is not None:
            return len(self.history) * len(self.history.columns) * 8
        return 0

    def dropped(self) -> Tail:
        """The same end without its rows, to save memory (:meth:`RunState.put_tail`
        replays the whole run then: the engine is deterministic)."""
        return dataclasses.replace(self, rows=None, history=None)


def new_window_history(params: Values, config: Config) -> tuple[History, State]:
    """A run's first row, with room reserved (as address space only) up to the step limit,
    so that auto-run never has to copy the history to grow it."""
    history, snapshot = params.model.new_history(params, config)
    history.reserve(RESERVED_ROWS, exact=True)
    return history, snapshot


def window_copy(history: History, rows: int) -> History:
    """A copy of the first ``rows`` rows, with the step limit's room reserved (address
    space only) like every window run."""
    copy = History(history.columns, 1)
    copy.reserve(max(RESERVED_ROWS, rows + 1), exact=True)
    copy.extend_block(history.data()[:, :rows].T, history.columns, {})
    return copy


class RunState(QObject):
    """Owns the network's run and tells views when it changes.

    The run is of one model (:attr:`model`, from :mod:`engine.models`); choosing another
    model starts a new run, undoable like a preset.

    The history's last row is always ``current`` at ``step``.  Edits made before the first
    update redefine the start; later edits append a row with the same step number, so the
    history records exactly what the learner changed and when.
    """

    modelChanged = Signal()  # the run is of another model: views rebuild their fields
    paramsChanged = Signal()  # the current values (fields) changed
    configChanged = Signal()
    historyChanged = Signal()  # rows were added or the run was replaced
    viewChanged = Signal()  # the timeline shows another row (or the live one again)
    runningChanged = Signal(bool)
    stopped = Signal(str)  # an auto-run ended by itself: the StopRule field that held
    diverged = Signal(object)  # the run stopped at its last finite step: a Divergence
    stalled = Signal(object)  # a step changed nothing and no step can: an engine Message
    limitReached = Signal()  # the run is at engine.limits.MAX_STEPS and cannot go on

    def __init__(
        self,
        params: Values | None = None,
        config: Config | None = None,
        parent: QObject | None = None,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self._running = False
        self._viewing: int | None = None
        self._growth: PlainWorker | None = None
        self._prefaulting: PlainWorker | None = None
        self._prefaulted: tuple[History | None, int] = (None, 0)  # history, rows made resident
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        #: Rebuilds a held run whose history was dropped; the window replaces it by one
        #: that shows progress while a long run is recomputed in the background.
        self.rebuild: Callable[[Session], Replayed] = replay_now
        self.held_budget = HELD_HISTORY_BYTES
        self.undo_stack.indexChanged.connect(self.trim_held_runs)
        self.stop_rule = StopRule()
        if params is None:
            params = get_model(DEFAULT_MODEL).values()
        self._install(params, params.model.default_config if config is None else config)

    # -- reading -----------------------------------------------------------------------
    @property
    def model(self) -> Model:
        return self._start.model

    @property
    def start(self) -> Values:
        return self._start

    @property
    def config(self) -> Config:
        return self._config

    @property
    def history(self) -> History:
        return self._history

    @property
    def current(self) -> State:
        return self._current

    @property
    def params(self) -> Values:
        return self._current.params

    @property
    def step(self) -> int:
        return self._step

    @property
    def running(self) -> bool:
        return self._running

    @property
    def start_config(self) -> Config:
        """The choices the run started with (Reset goes back to them)."""
        return self._start_config

    # -- changing ----------------------------------------------------------------------
    @property
    def edits(self) -> tuple[Edit, ...]:
        """The changes made during the run (after step 0), in order: one row each."""
        return tuple(self._edits)

    def _install(self, start: Values, config: Config) -> None:
        history, snapshot = new_window_history(start, config)
        self._start, self._start_config, self._config = start, config, config
        self._history, self._current, self._step = history, snapshot, 0
        self._edits: list[Edit] = []

    def set_param(self, name: str, value: float, text: str | None = None) -> None:
        """Change one of i1 … eta, as an undoable command named ``text`` ("Edit w1");
        raises ValueError (changing nothing) if it cannot work."""
        if getattr(self.params, name) == value:
            return
        text = self.tr("Edit %1").replace("%1", name) if text is None else text
        self._edit(self.params.with_value(name, value), self._config, name, value, text)

    def edit_values(self, changes: Mapping[str, float], text: str) -> None:
        """Change several values as one undoable edit named ``text`` (like :meth:`set_param`).

        Raises ValueError (changing nothing) if the values give a non-finite result.
        """
        params = self.params
        for name, value in changes.items():
            params = params.with_value(name, value)
        if params == self.params:
            return
        self._edit(params, self._config, VALUES, dict(changes), text)

    def set_config(self, config: Config, text: str | None = None) -> None:
        """Change the activation, loss or trainable set from the current step on, as an
        undoable command named ``text`` (by default after what changed)."""
        if config == self._config:
            return
        session_config = Config(config.activation, config.loss, config.trainable)
        text = self._config_text(config) if text is None else text
        self._edit(self.params, config, CONFIG, session_config, text)

    def _config_text(self, config: Config) -> str:
        """An undo text naming what changed: the activation, the loss or what learns."""
        if config.activation != self._config.activation:
            return self.tr("Change activation")
        if config.loss != self._config.loss:
            return self.tr("Change loss")
        return self.tr("Change what learns")

    def _edit(
        self, params: Values, config: Config, name: str, value: float | Config | dict, text: str
    ) -> None:
        """Push an edit as a command: a new start before any update, else one same-step
        history row (recorded as an :class:`~engine.session.Edit`, so the run replays).

        Raises ValueError before pushing anything if the edit gives a non-finite result.
        Neither form copies the history: at step 0 the run is one row; later, Undo cuts
        the rows from the edit on and holds them (:class:`Tail`), Redo puts them back.
        """
        self._finish_growth()
        if self._step == 0:
            history, snapshot = new_window_history(params, config)  # raises if not finite
            self.replace_run(Run(params, config, config, history, snapshot, 0), text)
            return
        snapshot = params.model.evaluate(params, config)
        row = snapshot.row(self._step)
        if first_non_finite(params.model.columns, row) is not None:
            raise EngineError("edit.not_finite")
        edit = Edit(self._step, name, value)
        after = Tail(np.array([row], dtype=np.float64).T, (edit,), config, snapshot, self._step)
        rows, edits = len(self._history), len(self._edits)
        self.undo_stack.push(
            SwapCommand(text, partial(self.take_tail, rows, edits), self.put_tail, after)
        )

    def take_tail(self, rows: int, edits: int) -> Tail:
        """Cut the live run back to its first ``rows`` history rows and ``edits`` edits and
        return what was cut, with where the run was (an edit's Undo, or Redo after Undo)."""
        self.set_running(False)
        self._finish_growth()
        history, held = self._history, tuple(self._edits[edits:])
        if len(history) - rows > rows:
            tail = Tail(None, held, self._config, self._current, self._step, history)
            self._history = window_copy(history, rows)
        else:
            cut = history.data()[:, rows:].copy()
            tail = Tail(cut, held, self._config, self._current, self._step)
            history.truncate(rows)
        del self._edits[edits:]
        return tail

    def put_tail(self, tail: Tail) -> None:
        """Add rows and edits cut by :meth:`take_tail` back to the live run."""
        self.set_running(False)
        self._finish_growth()
        if tail.history is not None:
            self._history = tail.history  # its first rows are the live run's
        elif tail.rows is not None:
            self._history.extend_block(tail.rows.T, self._history.columns, {})
        else:
            # Dropped to keep Undo within its memory budget: the live run is the part
            # before the cut, so replaying it with the held edits up to the held step
            # gives the rows back exactly.
            whole = dataclasses.replace(
                self._live_run(), edits=(*self._edits, *tail.edits), step=tail.step
            )
            self._history = self.rebuild(whole.session()).history
        self._edits.extend(tail.edits)
        self._config, self._current, self._step = tail.config, tail.current, tail.step
        self._announce_replaced()

    def load(self, params: Values, config: Config, text: str | None = None) -> None:
        """Start a new run from these values, as an undoable command named ``text``.

        Raises ValueError (changing nothing) if the start is not finite.
        """
        if params == self._start and config == self._config and self._step == 0:
            return
        history, snapshot = new_window_history(params, config)
        run = Run(params, config, config, history, snapshot, 0)
        self.replace_run(run, self.tr("Load values") if text is None else text)

    def set_model(self, model: Model, text: str | None = None) -> None:
        """Start a run of ``model`` from its example, undoable like a preset."""
        if model is self.model:
            return
        text = self.tr("Choose model") if text is None else text
        self.load(model.values(), model.default_config, text)

    def reset(self, text: str | None = None) -> None:
        """Go back to the run's start, choices included; Undo brings the run back."""
        if self._step == 0 and len(self._history) == 1 and self._config == self._start_config:
            return
        self.load(self._start, self._start_config, self.tr("Reset") if text is None else text)

    def replace_run(self, run: Run, text: str) -> None:
        """Make ``run`` the live run, as a command on :attr:`undo_stack` named ``text``."""
        self.undo_stack.push(SwapCommand(text, self.take_run, self.put_run, run))

    def take_run(self) -> Run:
        """The live run, to be kept aside (stops auto-run and background growth first)."""
        self.set_running(False)
        self._finish_growth()
        return self._live_run()

    def _live_run(self) -> Run:
        return Run(
            self._start,
            self._start_config,
            self._config,
            self._history,
            self._current,
            self._step,
            tuple(self._edits),
        )

    def put_run(self, run: Run) -> None:
        """Install a run as it is (no command: :meth:`replace_run` is the undoable way);
        a run kept without its history is replayed first."""
        self.set_running(False)
        self._finish_growth()
        if run.history is None:
            replayed = self.rebuild(run.session())
            run = dataclasses.replace(run, history=replayed.history)
        other_model = run.start.model is not self.model
        self._start, self._start_config, self._config = run.start, run.start_config, run.config
        self._history, self._current, self._step = run.history, run.current, run.step
        self._edits = list(run.edits)
        if other_model:
            self.modelChanged.emit()
        self._announce_replaced()

    def trim_held_runs(self) -> None:
        """Keep the histories that Undo and Redo hold within :attr:`held_budget` bytes:
        the runs (and edits' cut-off ends) nearest to the current place in the stack keep
        their rows while they fit, the others keep only what rebuilds them."""
        stack = self.undo_stack
        if not shiboken6.isValid(stack):
            return  # the stack empties itself as it is destroyed, telling us
        index = stack.index()
        held: list[tuple[int, SwapCommand]] = []
        for i in range(stack.count()):
            # Undo brings back the command before the index, Redo the one at it.
            distance = index - i if i < index else i - index + 1
            for command in _commands(stack.command(i)):
                if isinstance(command, SwapCommand) and isinstance(command.held, Run | Tail):
                    held.append((distance, command))
        held.sort(key=lambda item: item[0])
        room = self.held_budget
        for _, command in held:
            kept = command.held
            if kept.history_bytes <= room:
                room -= kept.history_bytes
            elif isinstance(kept, Run):
                command.replace_held(dataclasses.replace(kept, history=None))
            else:
                command.replace_held(kept.dropped())

    # -- sessions ----------------------------------------------------------------------
    def session(self, **extra: object) -> Session:
        """The run as a session (``extra``: the stop rule and curve settings)."""
        return self._live_run().session(**extra)

    def open_replayed(self, session: Session, replayed: Replayed, text: str) -> None:
        """Make a replayed session the live run, as an undoable command named ``text``."""
        config = replayed.config
        start = session.config
        model = get_model(session.model)
        run = Run(
            model.values(session.start),
            Config(start.activation, start.loss, start.trainable),
            Config(config.activation, config.loss, config.trainable),
            replayed.history,
            model.state_from_row(replayed.history.row(-1), config),
            replayed.step,
            session.edits,
        )
        self.replace_run(run, text)

    # -- the timeline: looking back at a stored row ----------------------------------------
    @property
    def viewing(self) -> int | None:
        """The history row shown instead of the live one, or None (the live run)."""
        return self._viewing

    def set_view(self, row: int | None) -> None:
        """Show history row ``row`` (None or the last row: the live run).  Pauses a run."""
        last = len(self._history) - 1
        if row is not None:
            row = min(max(row, 0), last)
            if row == last:
                row = None
        if row == self._viewing:
            return
        if row is not None:
            self.set_running(False)
        self._viewing = row
        self.viewChanged.emit()

    def config_at(self, row: int) -> Config:
        """The choices in force at history row ``row`` (edit ``i`` at step ``s`` is row
        ``s + 1 + i``: every step before it has one row, every earlier edit one more)."""
        config = self._start_config
        for i, edit in enumerate(self._edits):
            if edit.step + 1 + i > row:
                break
            if isinstance(edit.value, Config):
                value = edit.value
                config = value
        return config

    def shown(self) -> tuple[State, Config, int]:
        """What the views show: the viewed row's snapshot, choices and step, or the live."""
        if self._viewing is None:
            return self._current, self._config, self._step
        row = self._history.row(self._viewing)
        config = self.config_at(self._viewing)
        return self.model.state_from_row(row, config), config, int(row["step"])

    def continue_from_view(self, text: str) -> None:
        """Cut the run back to the viewed row and make that the live run (undoable: the
        rows after it come back with Undo)."""
        row = self._viewing
        if row is None:
            return
        snapshot, config, step = self.shown()
        history = window_copy(self._history, row + 1)
        edits = tuple(e for i, e in enumerate(self._edits) if e.step + 1 + i <= row)
        run = Run(self._start, self._start_config, config, history, snapshot, step, edits)
        self.replace_run(run, text)

    def _announce_replaced(self) -> None:
        self.set_view(None)
        self.configChanged.emit()
        self.paramsChanged.emit()
        self.historyChanged.emit()

    def set_running(self, running: bool) -> None:
        if running == self._running:
            return
        self._running = running
        self.runningChanged.emit(running)

    def set_stop_rule(self, rule: StopRule) -> None:
        self.stop_rule = rule

    def has_room_for(self, steps: int) -> bool:
        """Whether ``steps`` more rows fit now; if not, start growing the history.

        Large histories grow in a background thread (numpy's copy releases the GIL; the
        thread never collects garbage: app.worker_thread), so the event loop keeps running;
        auto-run simply skips its ticks until the room is there.
        """
        if self._growth is not None:
            if self._growth.is_alive():
                return False
            self._growth = None
        history = self._history
        needed = len(history) + steps
        if needed <= history.capacity or history.capacity < BACKGROUND_GROWTH_ROWS:
            return True
        self._growth = start_worker(history.reserve, needed, True)
        return False

    def _prefault_ahead(self, rows: int) -> None:
        """Have a worker make the history's next rows resident (History.prefault), unless
        one is at it or enough rows are ready."""
        if self._prefaulting is not None:
            if self._prefaulting.is_alive():
                return
            self._prefaulting = None
        history, ready = self._prefaulted
        if history is not self._history or ready < len(self._history):
            history, ready = self._history, len(self._history)
        rows = min(max(rows, PREFAULT_LEAST_ROWS), PREFAULT_AHEAD_ROWS)
        if ready - len(history) >= rows // 2:
            return
        stop = min(ready + rows, history.capacity)
        if stop > ready:
            self._prefaulting = start_worker(history.prefault, ready, stop)
        self._prefaulted = (history, stop)

    def _finish_growth(self) -> None:
        # Rows must not be added while another thread copies them.
        if self._growth is not None:
            self._growth.join()
            self._growth = None

    @property
    def at_limit(self) -> bool:
        """Whether the run has taken the most steps a run may take."""
        return self._step >= MAX_STEPS

    def advance(self, steps: int = 1, rule: StopRule | None = None) -> Outcome:
        """Do up to ``steps`` updates (stopping early by ``rule``, and at the step limit),
        then tell the views once."""
        steps = min(steps, MAX_STEPS - self._step)
        if steps <= 0:
            self.set_running(False)
            self.limitReached.emit()
            return Outcome(0)
        self._finish_growth()
        if stall(self._current, self._config) is not None:
            steps = min(steps, 1)  # one step shows that nothing moves; more would only repeat it
        self._current, outcome = self.model.train(
            self._history, self._current, self._step, self._config, steps, rule
        )
        self._step += outcome.steps_done
        if outcome.steps_done:
            self._prefault_ahead(outcome.steps_done * PREFAULT_AHEAD_CALLS)
            self.paramsChanged.emit()
            self.historyChanged.emit()
        if outcome.divergence is not None:
            self.set_running(False)
            self.diverged.emit(outcome.divergence)
        elif outcome.stopped_by_rule is not None:
            self.set_running(False)
            self.stopped.emit(outcome.stopped_by_rule)
        elif self.at_limit:
            self.set_running(False)
            self.limitReached.emit()
        elif outcome.steps_done and (why := stall(self._current, self._config)) is not None:
            self.set_running(False)
            self.stalled.emit(why)
        return outcome
