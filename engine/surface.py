"""The error surface: E and its two partial derivatives over a grid of two parameters.

A model's ``evaluate_arrays`` works by numpy broadcasting, so giving the two chosen
parameters as a column and a row (every other value a scalar) evaluates the whole grid in
one pass: E, dE/dx and dE/dy for every point, with the same formulas as a training step.
:func:`surface` takes that evaluation as a function (see :func:`evaluator`), so it works
for any model.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .history import History
from .messages import EngineError
from .models import Model

#: The most points along one side of a grid (a 1,000 x 1,000 grid is 24 MB of results).
MAX_GRID = 1000
MIN_GRID = 2

#: ``evaluate(values)`` -> every node value, ``error`` and ``grad_<p>`` (arrays welcome).
Evaluate = Callable[[Mapping[str, "float | np.ndarray"]], Mapping[str, "float | np.ndarray"]]


@dataclass(frozen=True, slots=True)
class Surface:
    """E over a grid: ``error[i, j]`` is E at ``(xs[i], ys[j])``; x is axis 0."""

    x: str
    y: str
    xs: np.ndarray
    ys: np.ndarray
    error: np.ndarray
    grad_x: np.ndarray
    grad_y: np.ndarray

    def rows(self) -> np.ndarray:
        """One row per point, x varying slowest: ``x, y, error, grad_x, grad_y``."""
        gx, gy = np.meshgrid(self.xs, self.ys, indexing="ij")
        columns = (gx, gy, self.error, self.grad_x, self.grad_y)
        return np.column_stack([c.ravel() for c in columns])

    def columns(self) -> tuple[str, ...]:
        return (self.x, self.y, "error", f"grad_{self.x}", f"grad_{self.y}")

    def to_history(self) -> History:
        """The grid as a History (x varying slowest), ready for the CSV writer."""
        rows = self.rows()
        history = History(self.columns(), capacity=max(len(rows), 1))
        history.extend_block(rows, self.columns(), {})
        return history


def check_axes(parameters: Sequence[str], x: str, y: str) -> None:
    """Raise EngineError (naming the bad choice) unless x and y are two different parameters."""
    for name in (x, y):
        if name not in parameters:
            raise EngineError("choice.parameter", text=name, choices=", ".join(parameters))
    if x == y:
        raise EngineError("surface.same_axis", text=x)


def check_grid(n: int) -> None:
    """Raise EngineError unless ``n`` points per side is between MIN_GRID and MAX_GRID."""
    if not MIN_GRID <= n <= MAX_GRID:
        raise EngineError("surface.grid_size", text=str(n), minimum=MIN_GRID, maximum=MAX_GRID)


def check_range(low: float, high: float) -> None:
    """Raise EngineError unless ``low < high``."""
    if not low < high:
        raise EngineError("surface.range_empty", low=low, high=high)


def default_range(value: float) -> tuple[float, float]:
    """The range shown around a parameter's value: value ± max(1, |value|)."""
    half = max(1.0, abs(value))
    return value - half, value + half


def surface(
    evaluate: Evaluate,
    values: Mapping[str, float],
    x: str,
    y: str,
    xs: np.ndarray,
    ys: np.ndarray,
) -> Surface:
    """E, dE/dx and dE/dy at every ``(xs[i], ys[j])``, the other values held fixed.

    Non-finite results (a saturated binary cross-entropy, an overflow) are kept as NaN or
    inf for the caller to show as gaps; numpy's warnings about them are silenced.
    """
    xs = np.asarray(xs, dtype=np.float64)
    ys = np.asarray(ys, dtype=np.float64)
    grid = dict(values)
    grid[x] = xs[:, np.newaxis]
    grid[y] = ys[np.newaxis, :]
    with np.errstate(all="ignore"):
        result = evaluate(grid)
    shape = (len(xs), len(ys))

    def full(name: str) -> np.ndarray:
        # A quantity that does not depend on x or y comes back smaller: spread it out.
        return np.broadcast_to(np.asarray(result[name], dtype=np.float64), shape)

    return Surface(x, y, xs, ys, full("error"), full(f"grad_{x}"), full(f"grad_{y}"))


def evaluator(model: Model, activation: str, loss: str) -> Evaluate:
    """``model.evaluate_arrays`` with this activation and loss, as :func:`surface` wants it."""

    def evaluate(values: Mapping[str, float | np.ndarray]) -> Mapping[str, float | np.ndarray]:
        return model.evaluate_arrays(values, activation, loss)

    return evaluate


def grid_axis(low: float, high: float, n: int) -> np.ndarray:
    """``n`` evenly spaced values from ``low`` to ``high`` inclusive."""
    return np.linspace(low, high, n)
