"""The classic 2-2-2 "step by step" network whose numbers the notes borrow.

Two inputs, two hidden units h1 and h2 sharing bias b1, two outputs o1 and o2 sharing bias
b2, and E = ½(t1 − out_o1)² + ½(t2 − out_o2)².  As in the original only the eight weights
learn by default, with eta = 0.5.
"""

from __future__ import annotations

from ..text import QT_TRANSLATE_NOOP
from .model import Model, NodeSpec, leaf, unit

_WEIGHTS = ("w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8")

_DEFAULTS = {
    "i1": 0.05, "i2": 0.10,
    "w1": 0.15, "w2": 0.20, "w3": 0.25, "w4": 0.30,
    "w5": 0.40, "w6": 0.45, "w7": 0.50, "w8": 0.55,
    "b1": 0.35, "b2": 0.60, "t1": 0.01, "t2": 0.99, "eta": 0.5,
}  # fmt: skip
_COLUMNS = (
    "step", "i1", "i2", *_WEIGHTS, "b1", "b2", "t1", "t2", "eta",
    "net_h1", "out_h1", "net_h2", "out_h2", "net_o1", "out_o1", "net_o2", "out_o2",
    "error", *(f"grad_{w}" for w in _WEIGHTS), "grad_b1", "grad_b2",
)  # fmt: skip

TWO_TWO_TWO = Model(
    name="2-2-2",
    title=QT_TRANSLATE_NOOP("engine", "2-2-2 network"),
    description="two inputs, two hidden units (bias b1), two outputs (bias b2), two targets",
    nodes=(
        leaf("i1", "input"),
        leaf("i2", "input"),
        *(leaf(w, "parameter") for w in _WEIGHTS),
        leaf("b1", "parameter"),
        leaf("b2", "parameter"),
        leaf("t1", "target"),
        leaf("t2", "target"),
        # net_h1 = w1·i1 + w2·i2 + b1, and so on, added in the original's order.
        *unit("net_h1", "out_h1", (("i1", "w1"), ("i2", "w2"), "b1")),
        *unit("net_h2", "out_h2", (("i1", "w3"), ("i2", "w4"), "b1")),
        *unit("net_o1", "out_o1", (("out_h1", "w5"), ("out_h2", "w6"), "b2")),
        *unit("net_o2", "out_o2", (("out_h1", "w7"), ("out_h2", "w8"), "b2")),
        NodeSpec("E", "loss", ("out_o1", "out_o2"), ("t1", "t2")),
    ),
    parameters=(*_WEIGHTS, "b1", "b2"),
    defaults=_DEFAULTS,
    default_trained=frozenset(_WEIGHTS),
    columns=_COLUMNS,
)
