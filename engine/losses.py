"""Losses ``E(target, out)`` with their derivatives ``dE/dout``."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass


class LossDomainError(ValueError):
    """The loss is undefined for this output (binary cross-entropy outside (0, 1))."""


def _bce(target: float, out: float) -> float:
    _check_probability(out)
    return -(target * math.log(out) + (1.0 - target) * math.log1p(-out))


def _bce_derivative(target: float, out: float) -> float:
    _check_probability(out)
    return (out - target) / (out * (1.0 - out))


def _check_probability(out: float) -> None:
    if not 0.0 < out < 1.0:
        raise LossDomainError(
            f"binary cross-entropy needs 0 < out < 1, but out = {out!r} "
            "(a sigmoid this saturated rounds to exactly 0 or 1); "
            "use smaller weights or learning rate, or a squared-error loss"
        )


@dataclass(frozen=True, slots=True)
class Loss:
    """A loss ``E = f(target, out)`` and its derivative ``dE/dout``."""

    name: str
    formula: str
    f: Callable[[float, float], float]
    derivative: Callable[[float, float], float]


LOSSES: dict[str, Loss] = {
    loss.name: loss
    for loss in (
        Loss(
            "half-sse",
            "E = ½ (target − out)²",
            lambda t, o: 0.5 * (t - o) * (t - o),
            lambda t, o: o - t,
        ),
        Loss(
            "mse",
            "E = (target − out)²  (mean over one output)",
            lambda t, o: (t - o) * (t - o),
            lambda t, o: 2.0 * (o - t),
        ),
        Loss(
            "bce",
            "E = −[target·ln(out) + (1 − target)·ln(1 − out)]",
            _bce,
            _bce_derivative,
        ),
    )
}


def get_loss(name: str) -> Loss:
    """Look up a loss by name, with a message listing the valid names."""
    try:
        return LOSSES[name]
    except KeyError:
        raise ValueError(f"unknown loss {name!r}; choose one of {', '.join(LOSSES)}") from None
