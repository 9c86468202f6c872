"""Training loops that append to a :class:`History` and stop cleanly on divergence.

The loops are written out in closed form on Python floats: this is the hot path of
auto-run and of ``backprop-lab train``.  Tests prove they agree with
:func:`engine.neuron.evaluate`, the graph and finite differences.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from . import neuron, parabola
from .activations import get_activation
from .history import History
from .losses import LossDomainError, get_loss
from .neuron import NeuronConfig, NeuronParams, Snapshot

# Rows are gathered in a flat list and handed to numpy in blocks: much cheaper than a numpy
# element assignment per value.
_BLOCK_ROWS = 4096

# The quantities of a step, in the order the divergence check names the first bad one.
_DIVERGENCE_NAMES = (
    "w1",
    "w2",
    "b1",
    "b2",
    "net",
    "out",
    "E",
    "dE/dout",
    "dout/dnet",
    "dE/dw1",
    "dE/dw2",
    "dE/db",
)


@dataclass(frozen=True, slots=True)
class StopRule:
    """When an auto-run should stop by itself (None disables a condition)."""

    max_step: int | None = None
    error_below: float | None = None
    gradient_norm_below: float | None = None


@dataclass(frozen=True, slots=True)
class Divergence:
    """Why a run stopped: the first step whose ``quantity`` stopped being a finite number."""

    step: int
    quantity: str
    value: float | None = None
    detail: str = ""

    @property
    def message(self) -> str:
        what = self.detail or f"{self.quantity} is no longer a finite number ({self.value!r})"
        return (
            f"diverged at step {self.step:,}: {what}; "
            f"the run stopped at step {self.step - 1:,}, the last finite state"
        )


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a call to a training loop did."""

    steps_done: int
    divergence: Divergence | None = None
    stopped_by_rule: str | None = None


def new_neuron_history(
    params: NeuronParams, config: NeuronConfig = neuron.DEFAULT_CONFIG, step: int = 0
) -> tuple[History, Snapshot]:
    """A history holding the starting row, and that row's snapshot.

    Raises ValueError if the start itself is not finite (for example bce with out = 1).
    """
    snap = neuron.evaluate(params, config)
    bad = first_non_finite(neuron.COLUMNS, snap.row(step))
    if bad:
        raise ValueError(f"{bad} is not a finite number for these starting values")
    history = History(neuron.COLUMNS)
    history.append(snap.row(step))
    return history, snap


def first_non_finite(names: Sequence[str], values: Sequence[float]) -> str | None:
    """The name of the first value that is NaN or infinite, if any."""
    for name, value in zip(names, values, strict=True):
        if not math.isfinite(value):
            return name
    return None


def train(
    history: History,
    current: Snapshot,
    step: int,
    config: NeuronConfig,
    steps: int,
    rule: StopRule | None = None,
) -> tuple[Snapshot, Outcome]:
    """Do up to ``steps`` updates from ``current`` (which is row ``step``), appending rows.

    Returns the last finite snapshot and what happened.  Never raises on divergence.
    """
    act = get_activation(config.activation)
    loss = get_loss(config.loss)
    f, df, lf, ldf = act.f, act.derivative, loss.f, loss.derivative
    p = current.params
    i1, i2, w1, w2, b1, b2, t, eta = p.values()
    net, out, err, d_out, slope = (
        current.net,
        current.out,
        current.error,
        current.dE_dout,
        current.dout_dnet,
    )
    g1, g2, gb = current.grad_w1, current.grad_w2, current.grad_b1
    trainable = config.trainable
    e_w1 = eta if "w1" in trainable else 0.0
    e_w2 = eta if "w2" in trainable else 0.0
    e_b1 = eta if "b1" in trainable else 0.0
    e_b2 = eta if "b2" in trainable else 0.0
    rule = rule or StopRule()
    max_step = rule.max_step
    err_tol = rule.error_below
    # A product, not ``**``: a float power raises OverflowError, a product just becomes inf.
    grad_tol = rule.gradient_norm_below
    grad_tol2 = None if grad_tol is None else grad_tol * grad_tol
    # Squared gradient norm over the trainable parameters: delta^2 * this factor.
    norm_factor = (
        (i1 * i1 if "w1" in trainable else 0.0)
        + (i2 * i2 if "w2" in trainable else 0.0)
        + ("b1" in trainable)
        + ("b2" in trainable)
    )

    block: list[float] = []
    done = 0
    divergence = None
    stopped_by_rule = None
    for _ in range(steps):
        if max_step is not None and step >= max_step:
            stopped_by_rule = "max_step"
            break
        n_w1 = w1 - e_w1 * g1
        n_w2 = w2 - e_w2 * g2
        n_b1 = b1 - e_b1 * gb
        n_b2 = b2 - e_b2 * gb
        n_net = i1 * n_w1 + n_b1 + i2 * n_w2 + n_b2
        try:
            n_out = f(n_net)
            n_err = lf(t, n_out)
            n_d_out = ldf(t, n_out)
        except LossDomainError as exc:
            divergence = Divergence(step + 1, "E", None, str(exc))
            break
        n_slope = df(n_net, n_out)
        delta = n_d_out * n_slope
        n_g1 = delta * i1
        n_g2 = delta * i2
        # One sum catches any inf or NaN: it propagates, and x - x is then NaN, not 0.  The sum
        # of large finite values can itself overflow, so the slow path looks at each value.
        check = n_w1 + n_w2 + n_b1 + n_b2 + n_net + n_err + n_d_out + delta + n_g1 + n_g2
        if check - check != 0.0:
            row = (n_w1, n_w2, n_b1, n_b2, n_net, n_out, n_err, n_d_out, n_slope, n_g1, n_g2, delta)
            bad = first_non_finite(_DIVERGENCE_NAMES, row)
            if bad is not None:
                divergence = Divergence(step + 1, bad, row[_DIVERGENCE_NAMES.index(bad)])
                break
        step += 1
        w1, w2, b1, b2 = n_w1, n_w2, n_b1, n_b2
        net, out, err, d_out, slope = n_net, n_out, n_err, n_d_out, n_slope
        g1, g2, gb = n_g1, n_g2, delta
        block += (step, i1, i2, w1, w2, b1, b2, t, eta, net, out, err, d_out, slope, g1, g2, gb, gb)
        done += 1
        if len(block) >= _BLOCK_ROWS * 18:
            history.extend_flat(block)
            block.clear()
        if err_tol is not None and err < err_tol:
            stopped_by_rule = "error_below"
            break
        if grad_tol2 is not None and delta * delta * norm_factor < grad_tol2:
            stopped_by_rule = "gradient_norm_below"
            break
    history.extend_flat(block)
    if done:
        current = Snapshot(
            NeuronParams(i1, i2, w1, w2, b1, b2, t, eta),
            net,
            out,
            err,
            d_out,
            slope,
            g1,
            g2,
            gb,
            gb,
        )
    return current, Outcome(done, divergence, stopped_by_rule)


def new_parabola_history(fn: parabola.Function1D, x0: float, eta: float) -> History:
    """A parabola history holding row 0 (raises ValueError if f(x0) is not finite)."""
    row = (0, x0, fn.f(x0), fn.df(x0), eta)
    bad = first_non_finite(parabola.COLUMNS, row)
    if bad:
        raise ValueError(f"{bad} is not a finite number at x0 = {x0!r}")
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
            bad = first_non_finite(("x", "f(x)", "gradient"), (nx, nfx, ngrad))
            if bad is not None:
                value = {"x": nx, "f(x)": nfx, "gradient": ngrad}[bad]
                divergence = Divergence(step + 1, bad, value)
                break
        step += 1
        x, grad = nx, ngrad
        block += (step, x, nfx, grad, eta)
        done += 1
    history.extend_flat(block)
    return Outcome(done, divergence)
