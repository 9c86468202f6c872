"""The training loop of any model: the compiled block, history storage and divergence."""

from __future__ import annotations

import math
import struct
from collections.abc import Mapping

import numpy as np

from ..history import History
from ..losses import LossDomainError
from ..messages import EngineError
from ..outcome import Divergence, Outcome, StopRule, first_non_finite
from .compiler import Block, training_block
from .model import Config, Model, State

# Rows are gathered in a flat list and handed to numpy in blocks: much cheaper than a numpy
# element assignment per value.  A block's floats should fit in the memory Python already
# holds: at 4096 neuron rows each block needed fresh pages from the kernel, and train ran
# 1.5-2.5x slower and far less evenly than at 1024.
_BLOCK_VALUES = 13 * 1024
# The replay's arrays stay this short, so that its temporaries stay in the cache.
_MAX_BLOCK_ROWS = 4096


# A call of fewer steps keeps every value in the loop: the replay's numpy calls cost about
# as much as a few hundred of the 2-2-2's steps save.
_SMALL_CALL = 256


def rows_per_block(width: int) -> int:
    """How many rows the loop gathers (keeping ``width`` values a row) before storing them."""
    return min(_MAX_BLOCK_ROWS, max(1, _BLOCK_VALUES // max(width, 1)))


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
    replay: bool | None = None,
) -> tuple[State, Outcome]:
    """Do up to ``steps`` updates from ``current`` (which is row ``step``), appending rows.

    Returns the last finite state and what happened.  Never raises on divergence.
    ``replay=False`` keeps every value in the loop instead of recomputing the plain
    arithmetic with numpy (the same numbers: the reference for the tests); ``True`` always
    replays; None replays when the call is long enough to gain by it.
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
    # g * g, not g ** 2 (which raises OverflowError past 1e154), in the loop's order.
    trained = [p for p in model.parameters if p in config.trainable]
    if sum(current.gradient(p) * current.gradient(p) for p in trained) < grad_tol2:
        return current, Outcome(0, None, "gradient_norm_below")
    if replay is None:
        replay = last_step - step >= _SMALL_CALL
    block = training_block(
        model,
        config.activation,
        config.loss,
        config.trainable,
        (rule.error_below is not None, grad_tol is not None),
        replay,
    )
    width = len(block.stored)
    block_rows = rows_per_block(width)
    state = tuple(current[key] for key in block.state_keys)
    fixed = tuple(current[name] for name in block.fixed)

    start = step
    divergence = None
    stopped_by_rule = None
    history.reserve(len(history) + (last_step - step))
    while step < last_step and divergence is None and stopped_by_rule is None:
        start_state = state
        rows, stop, state = block.run(min(block_rows, last_step - step), err_tol, grad_tol2, *state)
        if isinstance(stop, LossDomainError):
            out = stop.message.values.get("out")
            divergence = Divergence(step + len(rows) // width + 1, "out", out, out_of_domain=True)
        elif stop is not None:
            stopped_by_rule = stop
        step, bad = _store(model, history, step, rows, block, start_state, fixed)
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
    block: Block,
    start: tuple[float, ...],
    fixed: tuple[float, ...],
) -> tuple[int, Divergence | None]:
    """Append the finite rows gathered after ``step``, up to the first that is not.

    ``flat`` holds the values the loop kept; the block's replay writes every changing
    column from them and ``start`` (the loop's state before the block) straight into the
    history's next rows.  Returns the step of the last row stored, and the divergence if
    a row was not finite.
    """
    width = len(block.stored)
    rows = len(flat) // width
    if not rows:
        return step, None
    # struct packs a list of floats about four times as fast as numpy.fromiter reads it.
    packed = struct.pack(f"{rows * width}d", *flat)
    stored = np.frombuffer(packed, dtype=np.float64).reshape(rows, width)
    new = history.next_rows(rows)
    index = {name: j for j, name in enumerate(history.columns)}
    where = [index[name] for name in block.changing]
    if block.direct:  # the loop kept the changing columns themselves
        new[where] = stored.T
    else:
        # Diverging rows hold inf and NaN, which numpy would warn about; they are cut below.
        with np.errstate(all="ignore"):
            block.replay(stored, [new[j] for j in where], start)
    for name, value in zip(block.fixed, fixed, strict=True):
        new[index[name]] = value
    new[index["step"]] = np.arange(step + 1, step + rows + 1, dtype=np.float64)
    # Python float arithmetic carries inf and NaN along without raising, so one numpy pass
    # over the block finds the first bad row (the fixed columns are finite).
    finite = np.isfinite(new)
    divergence = None
    if not finite.all():
        first = int(np.argmin(finite.all(axis=0)))
        # The first column, in the loop's order, that is not finite in that row.
        column = next(c for c, j in zip(block.changing, where, strict=True) if not finite[j, first])
        value = float(new[index[column], first])  # a plain float: messages never show numpy
        divergence = Divergence(step + first + 1, model.label(column), value)
        rows = first
    history.commit(rows)
    return step + rows, divergence
