"""A tiny computational graph of named scalar nodes.

Each node keeps its value, its gradient (dRoot/dnode after :meth:`Graph.backward`) and the
local derivative along each incoming edge, which is exactly what a chain-rule view needs to
show.  Nodes are stored in the order they are added, which is a topological order because an
operation can only name nodes that already exist.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

# An operation maps its input values to (value, local derivatives d value / d input_i).
Op = Callable[..., tuple[float, tuple[float, ...]]]
#: The same value as an Op's, elementwise over numpy arrays (for drawing curves).
ArrayOp = Callable[..., np.ndarray]


@dataclass(slots=True, eq=False)
class Node:
    """One scalar in the graph."""

    name: str
    kind: str  # "input", "parameter", "target", "sum", "product", "activation", "loss"
    inputs: tuple[Node, ...] = ()
    op: Op | None = None
    array_op: ArrayOp | None = None
    value: float = 0.0
    grad: float = 0.0
    local: tuple[float, ...] = field(default_factory=tuple)

    @property
    def is_leaf(self) -> bool:
        return self.op is None


class Graph:
    """Named scalar nodes with a forward and a reverse-mode backward pass."""

    def __init__(self) -> None:
        self.nodes: dict[str, Node] = {}

    def __getitem__(self, name: str) -> Node:
        return self.nodes[name]

    def leaf(self, name: str, kind: str) -> Node:
        """Add a leaf whose value is set by :meth:`forward`."""
        return self._add(Node(name, kind))

    def operation(
        self,
        name: str,
        kind: str,
        inputs: Sequence[Node],
        op: Op,
        array_op: ArrayOp | None = None,
    ) -> Node:
        """Add a node computed from earlier nodes by ``op`` (``array_op``: the same value
        over arrays, when there is one)."""
        return self._add(Node(name, kind, tuple(inputs), op, array_op))

    def _add(self, node: Node) -> Node:
        if node.name in self.nodes:
            raise ValueError(f"duplicate node name {node.name!r}")
        self.nodes[node.name] = node
        return node

    def forward(self, leaf_values: dict[str, float]) -> None:
        """Set the leaves and compute every other node's value and local derivatives."""
        for node in self.nodes.values():
            if node.op is None:
                node.value = float(leaf_values[node.name])
            else:
                node.value, node.local = node.op(*(n.value for n in node.inputs))

    def backward(self, root: str) -> None:
        """Fill every node's ``grad`` with d root / d node by the chain rule."""
        for node in self.nodes.values():
            node.grad = 0.0
        self.nodes[root].grad = 1.0
        for node in reversed(self.nodes.values()):
            for parent, local in zip(node.inputs, node.local, strict=True):
                parent.grad += node.grad * local

    def edges(self) -> Iterator[tuple[Node, Node, float]]:
        """Every edge as (source, destination, local derivative d destination / d source)."""
        for node in self.nodes.values():
            yield from ((src, node, d) for src, d in zip(node.inputs, node.local, strict=True))


def add(*values: float) -> tuple[float, tuple[float, ...]]:
    """Sum of any number of inputs; each local derivative is 1."""
    total = 0.0
    for v in values:
        total += v
    return total, (1.0,) * len(values)


def multiply(a: float, b: float) -> tuple[float, tuple[float, ...]]:
    """Product of two inputs; d(ab)/da = b and d(ab)/db = a."""
    return a * b, (b, a)
