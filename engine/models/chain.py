"""The chain rule of a model, written out: ∂E/∂p as products and sums of named factors.

:func:`chain` walks the graph from a node towards the loss and returns an expression whose
factors are the local derivatives the views show (``∂E/∂out_o1``, ``∂out_o1/∂net_o1``, a
weight such as ``w5`` where the path goes back through it, ``∂net_h1/∂w1``).  A node used
by several others gets a :class:`Sum` with one term per path: for a hidden weight, the
error coming back through each output.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from .model import LEAF_KINDS, Model, NodeSpec, State, local_key


@dataclass(frozen=True, slots=True)
class Factor:
    """One named local derivative and its value: ``numerator``/``denominator`` form a
    fraction ∂numerator/∂denominator; with no numerator the factor is a plain name.

    ``source`` is the key its value is read from (a local derivative's key, a node or a
    leaf), or "" for the constant 1 (∂net/∂b for a bias).
    """

    numerator: str
    denominator: str
    value: float
    source: str = ""

    @property
    def text(self) -> str:
        return f"∂{self.numerator}/∂{self.denominator}" if self.numerator else self.denominator


@dataclass(frozen=True, slots=True)
class Product:
    items: tuple[Factor | Sum, ...]

    @property
    def value(self) -> float:
        return math.prod(item.value for item in self.items)


@dataclass(frozen=True, slots=True)
class Sum:
    terms: tuple[Product, ...]

    @property
    def value(self) -> float:
        return math.fsum(term.value for term in self.terms)


def chain(model: Model, state: State | Mapping[str, float], name: str) -> Product | Sum:
    """∂E/∂name as the chain rule writes it, with the values of ``state`` (anything that
    gives the local derivatives, node values and leaves by key)."""
    consumers: dict[str, list[NodeSpec]] = {n.name: [] for n in model.nodes}
    for n in model.nodes:
        for source in n.inputs:
            consumers[source].append(n)

    def times(expr: Product | Sum, factor: Factor) -> Product:
        if isinstance(expr, Product):
            return Product((*expr.items, factor))
        return Product((expr, factor))

    def walk(node: NodeSpec) -> Product | Sum:
        leaf = node.kind in LEAF_KINDS
        terms: list[Product] = []
        for c in consumers[node.name]:
            if c.kind == "loss":
                key = local_key("E", node.name)
                terms.append(Product((Factor("E", node.name, state[key], key),)))
            elif c.kind == "activation":
                key = local_key(c.name, node.name)
                terms.append(times(walk(c), Factor(c.name, node.name, state[key], key)))
            elif c.kind == "sum":
                expr = walk(c)
                if leaf:
                    terms.append(times(expr, Factor(c.name, node.name, 1.0)))
                else:
                    terms.append(expr if isinstance(expr, Product) else Product((expr,)))
            elif c.kind == "product":
                other = c.inputs[1] if c.inputs[0] == node.name else c.inputs[0]
                sums = [s for s in consumers[c.name] if s.kind == "sum"]
                if leaf and len(sums) == 1 and len(consumers[c.name]) == 1:
                    # A weight: ∂net/∂w is the input it multiplies.
                    terms.append(
                        times(walk(sums[0]), Factor(sums[0].name, node.name, state[other], other))
                    )
                else:
                    # Back through a product to its source: the factor is the other input.
                    terms.append(times(walk(c), Factor("", other, state[other], other)))
        if len(terms) == 1:
            return terms[0]
        return Sum(tuple(terms))

    return walk(model.node(name))
