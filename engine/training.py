"""Training loops that append to a :class:`History` and stop cleanly on divergence.

The network's loop is its model's compiled one (:mod:`engine.models.compiler`): the hot
path of auto-run and of ``backprop-lab train``.  Tests prove it agrees with the graph, an
independent calculation and finite differences.
"""

from __future__ import annotations

from . import neuron, parabola
from .history import History
from .messages import EngineError, Message
from .models import Config, State, Values
from .outcome import Divergence, Outcome, StopRule, first_non_finite

# The parabola's columns as the window's table and plot name them.
_PARABOLA_LABELS = ("k", "x", "f(x)", "f′(x)", "η")


def new_neuron_history(
    params: Values, config: Config = neuron.DEFAULT_CONFIG, step: int = 0
) -> tuple[History, State]:
    """A history holding the starting row, and that row's state (for any model's values).

    Raises ValueError if the start itself is not finite (for example bce with out = 1).
    """
    return params.model.new_history(params, config, step)


def stall(current: State, config: Config) -> Message | None:
    """Why no update can change anything from here, if that is so (else None).

    A ReLU whose net is not above 0 outputs 0 with slope 0: when that leaves every trained
    gradient at 0, no step will ever change anything (a "dead" ReLU).
    """
    if config.activation != "relu" or not config.trainable:
        return None
    if any(current.gradient(p) != 0.0 for p in config.trainable):
        return None
    dead = [current[net] for net, _ in current.model.units if current[net] <= 0.0]
    return Message("run.dead_relu", {"net": dead[0]}) if dead else None


def train(
    history: History,
    current: State,
    step: int,
    config: Config,
    steps: int,
    rule: StopRule | None = None,
) -> tuple[State, Outcome]:
    """Do up to ``steps`` updates from ``current`` (which is row ``step``), appending rows.

    Returns the last finite state and what happened.  Never raises on divergence.  The
    loop is the model's compiled one (:meth:`engine.models.Model.train`).
    """
    return current.model.train(history, current, step, config, steps, rule)


def new_parabola_history(fn: parabola.Function1D, x0: float, eta: float) -> History:
    """A parabola history holding row 0 (raises ValueError if f(x0) is not finite)."""
    row = (0, x0, fn.f(x0), fn.df(x0), eta)
    bad = first_non_finite(_PARABOLA_LABELS, row)
    if bad:
        raise EngineError("parabola.start_not_finite", quantity=bad, x0=x0)
    history = History(parabola.COLUMNS)
    history.append(row)
    return history


def descend(
    history: History, fn: parabola.Function1D, steps: int, eta: float | None = None
) -> Outcome:
    """Do up to ``steps`` gradient-descent steps from the history's last row."""
    last = history.row(-1)
    step, x, grad = int(last["step"]), last["x"], last["gradient"]
    eta = last["eta"] if eta is None else eta
    f, df = fn.f, fn.df
    block: list[float] = []
    done = 0
    divergence = None
    for _ in range(steps):
        nx = x - eta * grad
        nfx = f(nx)
        ngrad = df(nx)
        check = nx + nfx + ngrad
        if check - check != 0.0:
            # The sum of finite values can overflow too: only a non-finite value is divergence.
            bad = first_non_finite(_PARABOLA_LABELS[1:4], (nx, nfx, ngrad))
            if bad is not None:
                value = dict(zip(_PARABOLA_LABELS[1:4], (nx, nfx, ngrad), strict=True))[bad]
                divergence = Divergence(step + 1, bad, value)
                break
        step += 1
        x, grad = nx, ngrad
        block += (step, x, nfx, grad, eta)
        done += 1
    history.extend_flat(block)
    return Outcome(done, divergence)
