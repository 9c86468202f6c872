"""Activation functions with their exact derivatives, stable for every finite input.

All arithmetic is on Python floats: ``math.exp`` only ever sees a non-positive argument,
so nothing overflows and no numpy RuntimeWarning can be raised.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass


def _sigmoid(net: float) -> float:
    # Branch on the sign so that exp() never sees a positive argument.
    if net >= 0.0:
        return 1.0 / (1.0 + math.exp(-net))
    z = math.exp(net)
    return z / (1.0 + z)


@dataclass(frozen=True, slots=True)
class Activation:
    """An activation ``out = f(net)`` and its derivative ``dout/dnet`` given net and out."""

    name: str
    formula: str
    f: Callable[[float], float]
    derivative: Callable[[float, float], float]


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation(
            "sigmoid",
            "out = 1 / (1 + e^(−net))",
            _sigmoid,
            lambda net, out: out * (1.0 - out),
        ),
        Activation(
            "sigmoid-flipped",
            "out = 1 / (1 + e^(+net))  (as the notes print it)",
            lambda net: _sigmoid(-net),
            lambda net, out: -out * (1.0 - out),
        ),
        Activation("tanh", "out = tanh(net)", math.tanh, lambda net, out: 1.0 - out * out),
        Activation(
            "relu",
            "out = max(0, net)",
            lambda net: net if net > 0.0 else 0.0,
            lambda net, out: 1.0 if net > 0.0 else 0.0,
        ),
        Activation("linear", "out = net", lambda net: net, lambda net, out: 1.0),
    )
}


def get_activation(name: str) -> Activation:
    """Look up an activation by name, with a message listing the valid names."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise ValueError(
            f"unknown activation {name!r}; choose one of {', '.join(ACTIVATIONS)}"
        ) from None
