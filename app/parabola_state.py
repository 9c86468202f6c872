"""The parabola's own run: function, x0, eta and the history of visited points."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from engine import History
from engine.limits import MAX_STEPS
from engine.parabola import FUNCTIONS, Function1D, get_function
from engine.training import descend
from engine.training import new_parabola_history as _new_history

from .undo import SwapCommand


def new_parabola_history(fn: Function1D, x0: float, eta: float) -> History:
    """Row 0, with room reserved (address space only) up to the step limit."""
    history = _new_history(fn, x0, eta)
    history.reserve(MAX_STEPS + 1, exact=True)
    return history


@dataclass(frozen=True, slots=True)
class ParabolaRun:
    """A whole parabola run, kept aside by Undo and Redo (never changed while kept)."""

    function: Function1D
    x0: float
    eta: float
    history: History


class ParabolaState(QObject):
    """Owns gradient descent on a 1-D function; any setting change starts a new run."""

    settingsChanged = Signal()
    historyChanged = Signal()
    runningChanged = Signal(bool)
    diverged = Signal(object)  # a Divergence
    limitReached = Signal()  # the run is at engine.limits.MAX_STEPS and cannot go on

    def __init__(
        self,
        function: str = "x2",
        parent: QObject | None = None,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        fn = get_function(function)
        self._function, self._x0, self._eta = fn, fn.x0, fn.eta
        self._running = False
        self._history = new_parabola_history(fn, fn.x0, fn.eta)

    @property
    def function(self) -> Function1D:
        return self._function

    @property
    def x0(self) -> float:
        return self._x0

    @property
    def eta(self) -> float:
        return self._eta

    @property
    def history(self) -> History:
        return self._history

    @property
    def step(self) -> int:
        return len(self._history) - 1

    @property
    def at_limit(self) -> bool:
        """Whether the run has taken the most steps a run may take."""
        return self.step >= MAX_STEPS

    @property
    def running(self) -> bool:
        return self._running

    def _restart(self, fn: Function1D, x0: float, eta: float, text: str) -> None:
        """Start a new run from these settings, as an undoable command named ``text``
        (Undo brings the old run back whole, steps included)."""
        run = ParabolaRun(fn, x0, eta, new_parabola_history(fn, x0, eta))  # raises first
        self.undo_stack.push(SwapCommand(text, self.take_run, self.put_run, run))

    def set_function(self, name: str) -> None:
        """Switch function, starting from its own suggested x0 and eta."""
        if name == self._function.name:
            return
        fn = FUNCTIONS[name]
        self._restart(fn, fn.x0, fn.eta, self.tr("Choose function"))

    def set_x0(self, x0: float) -> None:
        if x0 != self._x0:
            self._restart(self._function, x0, self._eta, self.tr("Edit x₀"))

    def set_eta(self, eta: float) -> None:
        if eta != self._eta:
            self._restart(self._function, self._x0, eta, self.tr("Edit the curve's η"))

    def reset(self, text: str | None = None) -> None:
        """Start again from x0 as a command on :attr:`undo_stack` (Undo brings the run back)."""
        if len(self._history) == 1:
            return
        run = ParabolaRun(
            self._function,
            self._x0,
            self._eta,
            new_parabola_history(self._function, self._x0, self._eta),
        )
        text = self.tr("Reset the curve") if text is None else text
        self.undo_stack.push(SwapCommand(text, self.take_run, self.put_run, run))

    def take_run(self) -> ParabolaRun:
        """The live run, to be kept aside (auto-run stops)."""
        self.set_running(False)
        return ParabolaRun(self._function, self._x0, self._eta, self._history)

    def put_run(self, run: ParabolaRun) -> None:
        """Install a run as it is."""
        self.set_running(False)
        self._function, self._x0, self._eta, self._history = (
            run.function,
            run.x0,
            run.eta,
            run.history,
        )
        self.settingsChanged.emit()
        self.historyChanged.emit()

    def set_running(self, running: bool) -> None:
        if running == self._running:
            return
        self._running = running
        self.runningChanged.emit(running)

    def advance(self, steps: int = 1) -> int:
        """Take up to ``steps`` steps; stops the run and explains if it diverges or
        reaches the step limit."""
        steps = min(steps, MAX_STEPS - self.step)
        if steps <= 0:
            self.set_running(False)
            self.limitReached.emit()
            return 0
        outcome = descend(self._history, self._function, steps)
        if outcome.steps_done:
            self.historyChanged.emit()
        if outcome.divergence is not None:
            self.set_running(False)
            self.diverged.emit(outcome.divergence)
        elif self.step >= MAX_STEPS:
            self.set_running(False)
            self.limitReached.emit()
        return outcome.steps_done
