"""The well-known 2-2-2 "step by step" network, built from the same scalar graph.

Two inputs, two sigmoid hidden units sharing bias b1, two sigmoid outputs sharing bias b2,
and E = ½(t1 − o1)² + ½(t2 − o2)².  The notes borrow its starting numbers; building it
here shows that :mod:`engine.graph` handles a hidden layer with no new machinery.
"""

from __future__ import annotations

from .activations import get_activation
from .graph import Graph, Node, add, multiply

#: The example's starting values (learning rate 0.5 in the original).
START: dict[str, float] = {
    "i1": 0.05, "i2": 0.10,
    "w1": 0.15, "w2": 0.20, "w3": 0.25, "w4": 0.30, "b1": 0.35,
    "w5": 0.40, "w6": 0.45, "w7": 0.50, "w8": 0.55, "b2": 0.60,
    "t1": 0.01, "t2": 0.99,
}  # fmt: skip
WEIGHTS = ("w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8")


def _sigmoid_op(x: float) -> tuple[float, tuple[float, ...]]:
    y = get_activation("sigmoid").f(x)
    return y, (y * (1.0 - y),)


def _unit(g: Graph, name: str, terms: list[tuple[Node, Node]], bias: Node) -> Node:
    """A sigmoid unit: out = σ(Σ input·weight + bias)."""
    products = [g.operation(f"{x.name}·{w.name}", "product", (x, w), multiply) for x, w in terms]
    net = g.operation(f"net_{name}", "sum", (*products, bias), add)
    return g.operation(f"out_{name}", "activation", (net,), _sigmoid_op)


def build_graph() -> Graph:
    """The 2-2-2 network as a graph whose root is ``E``."""
    g = Graph()
    leaf = {name: g.leaf(name, "input" if name[0] in "it" else "parameter") for name in START}
    i1, i2 = leaf["i1"], leaf["i2"]
    h1 = _unit(g, "h1", [(i1, leaf["w1"]), (i2, leaf["w2"])], leaf["b1"])
    h2 = _unit(g, "h2", [(i1, leaf["w3"]), (i2, leaf["w4"])], leaf["b1"])
    o1 = _unit(g, "o1", [(h1, leaf["w5"]), (h2, leaf["w6"])], leaf["b2"])
    o2 = _unit(g, "o2", [(h1, leaf["w7"]), (h2, leaf["w8"])], leaf["b2"])
    t1, t2 = leaf["t1"], leaf["t2"]

    def half_sse(a: float, b: float) -> tuple[float, tuple[float, ...]]:
        # The targets are constants of the loss, read from their leaves.
        d1, d2 = a - t1.value, b - t2.value
        return 0.5 * d1 * d1 + 0.5 * d2 * d2, (d1, d2)

    g.operation("E", "loss", (o1, o2), half_sse)
    return g


def step(values: dict[str, float], eta: float = 0.5) -> tuple[Graph, dict[str, float]]:
    """Evaluate the graph at ``values`` and return it with the weights after one update.

    As in the original example only the weights are updated; the biases stay.
    """
    g = build_graph()
    g.forward(values)
    g.backward("E")
    updated = dict(values)
    for name in WEIGHTS:
        updated[name] = values[name] - eta * g[name].grad
    return g, updated
