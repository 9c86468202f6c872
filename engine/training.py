"""Training loops that append to a :class:`History` and stop cleanly on divergence.

The loops are written out in closed form on Python floats: this is the hot path of
auto-run and of ``backprop-lab train``.  Tests prove they agree with
:func:`engine.neuron.evaluate`, the graph and finite differences.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from . import neuron, parabola
from .activations import get_activation
from .history import History
from .losses import LossDomainError, get_loss
from .neuron import NeuronConfig, NeuronParams, Snapshot

# Rows are gathered in a flat list and handed to numpy in blocks: much cheaper than a numpy
# element assignment per value.  A block's floats (about 13 x 24 bytes a row) should fit
# in the memory Python already holds: at 4096 rows each block needed fresh pages from the
# kernel, and train ran 1.5-2.5x slower and far less evenly than at 1024 (0.9 us a step).
_BLOCK_ROWS = 1024

# What a step changes, in history order (two runs of neighbouring columns, copied fast),
# and how a divergence message names each (the first non-finite one is reported).
_CHANGING = ("w1", "w2", "b1", "b2", "net", "out", "error", "dE_dout", "dout_dnet", "grad_w1",
             "grad_w2", "grad_b1", "grad_b2")  # fmt: skip
_CHANGING_LABELS = ("w1", "w2", "b1", "b2", "net", "out", "E", "dE/dout", "dout/dnet", "dE/dw1",
                    "dE/dw2", "dE/db1", "dE/db2")  # fmt: skip


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
    notes_default = config.activation == "sigmoid" and config.loss == "half-sse"
    exp = math.exp
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
    last_step = step + max(steps, 0)
    if rule.max_step is not None:
        last_step = min(last_step, max(rule.max_step, step))
    # Disabled conditions become comparisons that never hold, so the loop has no branches
    # for them.  A product, not ``**``: a float power raises OverflowError on overflow.
    err_tol = -math.inf if rule.error_below is None else rule.error_below
    grad_tol = rule.gradient_norm_below
    grad_tol2 = -1.0 if grad_tol is None else grad_tol * grad_tol
    # Squared gradient norm over the trainable parameters: delta^2 * this factor.
    norm_factor = (
        (i1 * i1 if "w1" in trainable else 0.0)
        + (i2 * i2 if "w2" in trainable else 0.0)
        + ("b1" in trainable)
        + ("b2" in trainable)
    )

    start = step
    divergence = None
    stopped_by_rule = None
    history.reserve(len(history) + (last_step - step))
    while step < last_step and divergence is None and stopped_by_rule is None:
        # Only the 13 values that change are gathered per step; numpy fills the rest and
        # checks the block for inf and NaN in one pass (Python float arithmetic carries
        # them along without raising, so nothing is lost by checking afterwards).
        changing: list[float] = []
        for _ in range(min(_BLOCK_ROWS, last_step - step)):
            w1 = w1 - e_w1 * g1
            w2 = w2 - e_w2 * g2
            b1 = b1 - e_b1 * gb
            b2 = b2 - e_b2 * gb
            net = i1 * w1 + b1 + i2 * w2 + b2
            if notes_default:
                # The notes' sigmoid and half-sse written out: the same operations in the
                # same order as the library functions (so the same bits), minus 4 calls.
                if net >= 0.0:
                    out = 1.0 / (1.0 + exp(-net))
                else:
                    z = exp(net)
                    out = z / (1.0 + z)
                err = 0.5 * (t - out) * (t - out)
                d_out = out - t
                slope = out * (1.0 - out)
            else:
                try:
                    out = f(net)
                    err = lf(t, out)
                    d_out = ldf(t, out)
                except LossDomainError as exc:
                    step_no = step + len(changing) // len(_CHANGING) + 1
                    divergence = Divergence(step_no, "E", None, str(exc))
                    break
                slope = df(net, out)
            gb = d_out * slope
            g1 = gb * i1
            g2 = gb * i2
            changing += (w1, w2, b1, b2, net, out, err, d_out, slope, g1, g2, gb, gb)
            if err < err_tol or gb * gb * norm_factor < grad_tol2:
                stopped_by_rule = "error_below" if err < err_tol else "gradient_norm_below"
                break
        step, bad = _store(history, step, changing, (i1, i2, t, eta))
        if bad is not None:
            divergence, stopped_by_rule = bad, None
    if step == last_step and step != start + steps and stopped_by_rule is None:
        stopped_by_rule = "max_step"
    if step > start:
        # The loop's variables may hold a diverged step: the history has the last good one.
        current = snapshot_from_row(history.row(-1))
    return current, Outcome(step - start, divergence, stopped_by_rule)


def _store(
    history: History, step: int, changing: list[float], fixed: tuple[float, ...]
) -> tuple[int, Divergence | None]:
    """Append the finite rows gathered after ``step``, up to the first that is not.

    Returns the step of the last row stored, and the divergence if a row was not finite.
    """
    width = len(_CHANGING)
    rows = len(changing) // width
    if not rows:
        return step, None
    block = np.fromiter(changing, dtype=np.float64, count=rows * width).reshape(rows, width)
    finite = np.isfinite(block)
    divergence = None
    if not finite.all():
        first = int(np.argmin(finite.all(axis=1)))
        column = int(np.argmin(finite[first]))
        divergence = Divergence(step + first + 1, _CHANGING_LABELS[column], block[first, column])
        block = block[:first]
        rows = first
    if rows:
        fill: dict[str, np.ndarray | float] = dict(
            zip(("i1", "i2", "target", "eta"), fixed, strict=True)
        )
        fill["step"] = np.arange(step + 1, step + rows + 1, dtype=np.float64)
        history.extend_block(block, _CHANGING, fill)
    return step + rows, divergence


def snapshot_from_row(row: dict[str, float]) -> Snapshot:
    """The snapshot a neuron history row records."""
    params = NeuronParams(*(row[name] for name in neuron.FIELDS))
    return Snapshot(params, *(row[name] for name in neuron.DERIVED))


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
