"""Activation functions with their exact derivatives, stable for every finite input.

Each activation comes in three forms that give the same numbers: Python functions on floats
(``math.exp`` only ever sees a non-positive argument, so nothing overflows), numpy functions
that work elementwise on arrays, and code templates that the model compiler
(:mod:`engine.models.compiler`) writes straight into a generated training step.  Its formula
as text for the views lives here too, once.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .messages import EngineError
from .text import QT_TRANSLATE_NOOP


def _sigmoid(net: float) -> float:
    # Branch on the sign so that exp() never sees a positive argument.
    if net >= 0.0:
        return 1.0 / (1.0 + math.exp(-net))
    z = math.exp(net)
    return z / (1.0 + z)


def _np_sigmoid(net: np.ndarray) -> np.ndarray:
    # The same operations as _sigmoid on both branches, so arrays give the same bits.
    z = np.exp(-np.abs(net))
    return np.where(net >= 0.0, 1.0 / (1.0 + z), z / (1.0 + z))


# Statement templates: ``{x}`` is the input variable, ``{y}`` the output variable; the
# generated code has ``exp`` and ``tanh`` from math.  They perform exactly the operations
# of the Python functions above, in the same order.
_SIGMOID_CODE = """\
if {x} >= 0.0:
    {y} = 1.0 / (1.0 + exp(-{x}))
else:
    {y} = exp({x})
    {y} = {y} / (1.0 + {y})"""
_FLIPPED_CODE = """\
if {x} <= 0.0:
    {y} = 1.0 / (1.0 + exp({x}))
else:
    {y} = exp(-{x})
    {y} = {y} / (1.0 + {y})"""


@dataclass(frozen=True, slots=True)
class Activation:
    """An activation ``out = f(net)`` and its derivative ``dout/dnet`` given net and out.

    ``template`` and ``derivative_template`` are the formulas as text with ``{out}`` and
    ``{net}`` for the node names; ``code`` and ``derivative_code`` the same as Python for
    the model compiler; ``np_f`` and ``np_derivative`` the elementwise numpy forms.
    """

    name: str
    template: str
    f: Callable[[float], float]
    derivative: Callable[[float, float], float]
    derivative_template: str
    code: str
    derivative_code: str
    np_f: Callable[[np.ndarray], np.ndarray]
    np_derivative: Callable[[np.ndarray, np.ndarray], np.ndarray]
    note: str = ""
    #: A short name for a unit's box in the graph, e.g. "σ" (the name when empty).
    symbol: str = ""
    #: The derivative jumps at net = 0, so the views say which side net is on.
    kinked: bool = False
    #: out lies strictly between 0 and 1 but rounds to exactly 0 or 1 once net is large
    #: (a saturated sigmoid), where binary cross-entropy's logarithm is infinite.
    saturates_at_0_1: bool = False

    @property
    def formula(self) -> str:
        """The formula for the notes' neuron, e.g. ``out = 1 / (1 + e^(−net))``."""
        return self.formula_for("out", "net")

    @property
    def bare_formula(self) -> str:
        """:attr:`formula` without its remark (:attr:`note`), which a window translates."""
        return self.formula_for("out", "net", note=False)

    def formula_for(self, out: str, net: str, note: bool = True) -> str:
        """The formula for one unit, e.g. ``out_h1 = 1 / (1 + e^(−net_h1))`` (``note``:
        with its remark, "(as the notes print it)")."""
        text = self.template.format(out=out, net=net)
        return f"{text}  {self.note}" if self.note and note else text

    def expression_for(self, net: str) -> str:
        """The right-hand side alone, e.g. ``1 / (1 + e^(−net_h1))``; ``net`` may be a
        number (as text) for a formula with numbers substituted."""
        return self.template.partition(" = ")[2].format(net=net)

    def derivative_formula_for(self, out: str, net: str) -> str:
        """``∂out/∂net`` as text in terms of the unit's names, e.g. ``out_h1·(1 − out_h1)``."""
        return self.derivative_template.format(out=out, net=net)


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation(
            "sigmoid",
            "{out} = 1 / (1 + e^(−{net}))",
            _sigmoid,
            lambda net, out: out * (1.0 - out),
            "{out}·(1 − {out})",
            _SIGMOID_CODE,
            "{y} * (1.0 - {y})",
            _np_sigmoid,
            lambda net, out: out * (1.0 - out),
            symbol="σ",
            saturates_at_0_1=True,
        ),
        Activation(
            "sigmoid-flipped",
            "{out} = 1 / (1 + e^(+{net}))",
            lambda net: _sigmoid(-net),
            lambda net, out: -out * (1.0 - out),
            "−{out}·(1 − {out})",
            _FLIPPED_CODE,
            "-{y} * (1.0 - {y})",
            lambda net: _np_sigmoid(-net),
            lambda net, out: -out * (1.0 - out),
            note=QT_TRANSLATE_NOOP("engine", "(as the notes print it)"),
            symbol="σ(−net)",
            saturates_at_0_1=True,
        ),
        Activation(
            "tanh",
            "{out} = tanh({net})",
            math.tanh,
            lambda net, out: 1.0 - out * out,
            "1 − {out}²",
            "{y} = tanh({x})",
            "1.0 - {y} * {y}",
            np.tanh,
            lambda net, out: 1.0 - out * out,
            symbol="tanh",
        ),
        Activation(
            "relu",
            "{out} = max(0, {net})",
            lambda net: net if net > 0.0 else 0.0,
            lambda net, out: 1.0 if net > 0.0 else 0.0,
            "1 if {net} > 0, else 0",
            "{y} = {x} if {x} > 0.0 else 0.0",
            "1.0 if {x} > 0.0 else 0.0",
            lambda net: np.where(net > 0.0, net, 0.0),
            lambda net, out: np.where(net > 0.0, 1.0, 0.0),
            symbol="ReLU",
            kinked=True,
        ),
        Activation(
            "linear",
            "{out} = {net}",
            lambda net: net,
            lambda net, out: 1.0,
            "1",
            "{y} = {x}",
            "1.0",
            lambda net: net,
            lambda net, out: np.ones_like(net),
            symbol="identity",
        ),
    )
}


def get_activation(name: str) -> Activation:
    """Look up an activation by name, with a message listing the valid names."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise EngineError("choice.activation", text=name, choices=", ".join(ACTIVATIONS)) from None
