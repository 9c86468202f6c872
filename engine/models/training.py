"""The training loop of any model: the compiled block, history storage and divergence."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from ..history import History
from ..losses import LossDomainError
from ..messages import EngineError
from ..outcome import Divergence, Outcome, StopRule, first_non_finite
from .compiler import training_block
from .model import Config, Model, State

# Rows are gathered in a flat list and handed to numpy in blocks: much cheaper than a numpy
# element assignment per value.  A block's floats should fit in the memory Python already
# holds: at 4096 neuron rows each block needed fresh pages from the kernel, and train ran
# 1.5-2.5x slower and far less evenly than at 1024.
_BLOCK_VALUES = 13 * 1024


def rows_per_block(width: int) -> int:
    """How many rows of ``width`` changing values the loop gathers before storing them."""
    return max(1, _BLOCK_VALUES // max(width, 1))


def new_history(
    model: Model, values: Mapping[str, float], config: Config, step: int = 0
) -> tuple[History, State]:
    """A history holding the starting row, and that row's state.

    Raises ValueError if the start itself is not finite (for example bce with out = 1).
    """
    model.check_trainable(config.trainable)
    state = model.evaluate(values, config)
    row = state.row(step)
    bad = first_non_finite(model.columns, row)
    if bad:
        raise EngineError("start.not_finite", quantity=model.label(bad))
    history = History(model.columns)
    history.append(row)
    return history, state


def train(
    model: Model,
    history: History,
    current: State,
    step: int,
    config: Config,
    steps: int,
    rule: StopRule | None = None,
) -> tuple[State, Outcome]:
    """Do up to ``steps`` updates from ``current`` (which is row ``step``), appending rows.

    Returns the last finite state and what happened.  Never raises on divergence.
    """
    rule = rule or StopRule()
    last_step = step + max(steps, 0)
    if rule.max_step is not None:
        last_step = min(last_step, max(rule.max_step, step))
    # Disabled conditions are left out of the compiled loop altogether.
    err_tol = -math.inf if rule.error_below is None else rule.error_below
    grad_tol = rule.gradient_norm_below
    grad_tol2 = -1.0 if grad_tol is None else grad_tol * grad_tol
    # A condition already met before any step stops the run at once (no step taken).
    if current.error < err_tol:
        return current, Outcome(0, None, "error_below")
    if sum(current.gradient(p) ** 2 for p in config.trainable) < grad_tol2:
        return current, Outcome(0, None, "gradient_norm_below")
    block = training_block(
        model,
        config.activation,
        config.loss,
        config.trainable,
        (rule.error_below is not None, grad_tol is not None),
    )
    width = len(block.changing)
    block_rows = rows_per_block(width)
    state = tuple(current[key] for key in block.state_keys)
    fixed = {c: current[c] for c in model.columns if c != "step" and c not in block.changing}

    start = step
    divergence = None
    stopped_by_rule = None
    history.reserve(len(history) + (last_step - step))
    while step < last_step and divergence is None and stopped_by_rule is None:
        rows, stop, state = block.run(min(block_rows, last_step - step), err_tol, grad_tol2, *state)
        if isinstance(stop, LossDomainError):
            out = stop.message.values.get("out")
            divergence = Divergence(step + len(rows) // width + 1, "out", out, out_of_domain=True)
        elif stop is not None:
            stopped_by_rule = stop
        step, bad = _store(model, history, step, rows, block.changing, fixed)
        if bad is not None:
            divergence, stopped_by_rule = bad, None
    if step == last_step and step != start + steps and stopped_by_rule is None:
        stopped_by_rule = "max_step"
    if step > start:
        # The loop's variables may hold a diverged step: the history has the last good one.
        current = model.state_from_row(history.row(-1), config)
    return current, Outcome(step - start, divergence, stopped_by_rule)


def _store(
    model: Model,
    history: History,
    step: int,
    flat: list[float],
    names: tuple[str, ...],
    fixed: dict[str, float],
) -> tuple[int, Divergence | None]:
    """Append the finite rows gathered after ``step``, up to the first that is not.

    Returns the step of the last row stored, and the divergence if a row was not finite.
    """
    width = len(names)
    rows = len(flat) // width if width else 0
    if not rows:
        return step, None
    block = np.fromiter(flat, dtype=np.float64, count=rows * width).reshape(rows, width)
    # Python float arithmetic carries inf and NaN along without raising, so one numpy pass
    # over the block finds the first bad row.
    finite = np.isfinite(block)
    divergence = None
    if not finite.all():
        first = int(np.argmin(finite.all(axis=1)))
        column = int(np.argmin(finite[first]))
        value = float(block[first, column])  # a plain float: messages never show numpy
        divergence = Divergence(step + first + 1, model.label(names[column]), value)
        block = block[:first]
        rows = first
    if rows:
        fill: dict[str, np.ndarray | float] = dict(fixed)
        fill["step"] = np.arange(step + 1, step + rows + 1, dtype=np.float64)
        history.extend_block(block, names, fill)
    return step + rows, divergence
