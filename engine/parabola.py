"""One-dimensional gradient descent ``x(k+1) = x(k) - eta * f'(x(k))``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .messages import EngineError
from .text import QT_TRANSLATE_NOOP

COLUMNS: tuple[str, ...] = ("step", "x", "fx", "gradient", "eta")


@dataclass(frozen=True, slots=True)
class Function1D:
    """A function to descend, its derivative, and sensible starting values."""

    name: str
    formula: str
    lesson: str
    f: Callable[[float], float]
    df: Callable[[float], float]
    x0: float
    eta: float


# Products, never ``**``: a float power raises OverflowError, a product just becomes inf.
FUNCTIONS: dict[str, Function1D] = {
    fn.name: fn
    for fn in (
        Function1D(
            "x2",
            "f(x) = x²",
            QT_TRANSLATE_NOOP("engine", "The notes' parabola: each step multiplies x by (1 − 2η)."),
            lambda x: x * x,
            lambda x: 2.0 * x,
            10.0,
            0.2,
        ),
        Function1D(
            "x4",
            "f(x) = x⁴",
            QT_TRANSLATE_NOOP(
                "engine",
                "A flat-bottomed quartic: the gradient 4x³ fades near 0, so progress slows down.",
            ),
            lambda x: x * x * x * x,
            lambda x: 4.0 * x * x * x,
            2.0,
            0.05,
        ),
        Function1D(
            "double-well",
            "f(x) = (x² − 1)² + 0.3x",
            QT_TRANSLATE_NOOP(
                "engine", "Two valleys: where the ball settles depends on where it starts and on η."
            ),
            lambda x: (x * x - 1.0) * (x * x - 1.0) + 0.3 * x,
            lambda x: 4.0 * x * (x * x - 1.0) + 0.3,
            1.8,
            0.05,
        ),
    )
}


def get_function(name: str) -> Function1D:
    """Look up a function by name, with a message listing the valid names."""
    try:
        return FUNCTIONS[name]
    except KeyError:
        raise EngineError("choice.function", text=name, choices=", ".join(FUNCTIONS)) from None


def describe_x2_regime(eta: float) -> str:
    """What gradient descent on x² does with this learning rate (exact for x²)."""
    if eta < 0.0:
        return QT_TRANSLATE_NOOP(
            "engine", "η < 0 is gradient ascent: every step goes uphill, away from the minimum."
        )
    if eta == 0.0:
        return QT_TRANSLATE_NOOP("engine", "η = 0: the ball never moves.")
    if eta < 0.5:
        return QT_TRANSLATE_NOOP(
            "engine", "0 < η < 0.5: x shrinks steadily towards 0 without crossing it."
        )
    if eta == 0.5:
        return QT_TRANSLATE_NOOP(
            "engine", "η = 0.5: the very first step lands exactly on the minimum."
        )
    if eta < 1.0:
        return QT_TRANSLATE_NOOP(
            "engine", "0.5 < η < 1: x jumps across 0 each step but still shrinks (oscillating)."
        )
    if eta == 1.0:
        return QT_TRANSLATE_NOOP(
            "engine", "η = 1: x bounces between +x0 and −x0 forever and never converges."
        )
    return QT_TRANSLATE_NOOP(
        "engine",
        "η > 1: every step overshoots further, |x| grows by |1 − 2η| each step (diverges).",
    )
