"""The parabola's own run: function, x0, eta and the history of visited points."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from engine import History
from engine.parabola import FUNCTIONS, Function1D, get_function
from engine.training import descend, new_parabola_history


class ParabolaState(QObject):
    """Owns gradient descent on a 1-D function; any setting change starts a new run."""

    settingsChanged = Signal()
    historyChanged = Signal()
    runningChanged = Signal(bool)
    diverged = Signal(str)

    def __init__(self, function: str = "x2", parent: QObject | None = None) -> None:
        super().__init__(parent)
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
    def running(self) -> bool:
        return self._running

    def _restart(self, fn: Function1D, x0: float, eta: float) -> None:
        history = new_parabola_history(fn, x0, eta)  # raises ValueError, changing nothing
        self._function, self._x0, self._eta, self._history = fn, x0, eta, history
        self.set_running(False)
        self.settingsChanged.emit()
        self.historyChanged.emit()

    def set_function(self, name: str) -> None:
        """Switch function, starting from its own suggested x0 and eta."""
        if name == self._function.name:
            return
        fn = FUNCTIONS[name]
        self._restart(fn, fn.x0, fn.eta)

    def set_x0(self, x0: float) -> None:
        if x0 != self._x0:
            self._restart(self._function, x0, self._eta)

    def set_eta(self, eta: float) -> None:
        if eta != self._eta:
            self._restart(self._function, self._x0, eta)

    def reset(self) -> None:
        self._restart(self._function, self._x0, self._eta)

    def set_running(self, running: bool) -> None:
        if running == self._running:
            return
        self._running = running
        self.runningChanged.emit(running)

    def advance(self, steps: int = 1) -> int:
        """Take up to ``steps`` steps; stops the run and explains if it diverges."""
        outcome = descend(self._history, self._function, steps)
        if outcome.steps_done:
            self.historyChanged.emit()
        if outcome.divergence is not None:
            self.set_running(False)
            self.diverged.emit(outcome.divergence.message)
        return outcome.steps_done
