"""The notes' neuron: ``net = i1·w1 + b1 + i2·w2 + b2``, ``out = f(net)``, ``E = loss``."""

from __future__ import annotations

from ..text import QT_TRANSLATE_NOOP
from .model import Model, NodeSpec, leaf, unit

#: Field names the window shows as words (translated like any text).
WORDS = (QT_TRANSLATE_NOOP("engine", "target"),)

_DEFAULTS = {
    "i1": 0.05, "i2": 0.10, "w1": 0.15, "w2": 0.20, "b1": 0.35, "b2": 0.60,
    "target": 0.01, "eta": 0.2,
}  # fmt: skip
_COLUMNS = (
    "step", "i1", "i2", "w1", "w2", "b1", "b2", "target", "eta",
    "net", "out", "error", "dE_dout", "dout_dnet",
    "grad_w1", "grad_w2", "grad_b1", "grad_b2",
)  # fmt: skip

NEURON = Model(
    name="neuron",
    title=QT_TRANSLATE_NOOP("engine", "one neuron (the notes)"),
    description="two inputs, one neuron with two biases, one target",
    nodes=(
        leaf("i1", "input"),
        leaf("i2", "input"),
        leaf("w1", "parameter"),
        leaf("w2", "parameter"),
        leaf("b1", "parameter"),
        leaf("b2", "parameter"),
        leaf("target", "target"),
        # The notes add in this order; the order fixes the roundings, hence the CSV.
        *unit("net", "out", (("i1", "w1"), "b1", ("i2", "w2"), "b2")),
        NodeSpec("E", "loss", ("out",), ("target",)),
    ),
    parameters=("w1", "w2", "b1", "b2"),
    defaults=_DEFAULTS,
    default_trained=frozenset({"w1", "w2", "b1", "b2"}),
    columns=_COLUMNS,
)
