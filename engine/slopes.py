"""Each chain-rule factor as the slope of a curve: ``out(net)``, ``E(out)``, ``net(w)`` ...

Walks a computational graph (after ``forward`` and ``backward``) from a parameter up to
the root along every path.  A product feeding a sum is merged with it, so the factors are
the ones a learner writes: ``dnet/dw1 = i1`` rather than ``d(i1·w1)/dw1 × dnet/d(i1·w1)``.
Each factor comes with its curve: the later node as a function of the earlier one, every
other value held fixed, sampled around the current point.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from .graph import Graph, Node

SAMPLES = 121


@dataclass(frozen=True, slots=True)
class Factor:
    """``target`` as a function of ``source`` near the current point, and its slope there."""

    source: str
    target: str
    xs: np.ndarray
    ys: np.ndarray
    at: float  # the source's current value
    value: float  # the target's current value
    slope: float  # d target / d source: the chain-rule factor


def chain_paths(graph: Graph, parameter: str, root: str = "E") -> list[list[Node]]:
    """Every path of nodes from ``parameter`` to ``root``, in graph order."""
    consumers: dict[str, list[Node]] = defaultdict(list)
    for source, destination, _ in graph.edges():
        consumers[source.name].append(destination)
    paths: list[list[Node]] = []

    def walk(path: list[Node]) -> None:
        node = path[-1]
        if node.name == root:
            paths.append(path)
            return
        for nxt in consumers[node.name]:
            walk([*path, nxt])

    walk([graph[parameter]])
    return paths


def chain_factors(graph: Graph, parameter: str, root: str = "E") -> list[list[Factor]]:
    """Per path from ``parameter`` to ``root``: its factors, nearest the root first.

    That is the chain rule's reading order: ``dE/dout × dout/dnet × dnet/dw``.  The slopes
    of one path multiply to that path's share of ``dE/dparameter``; the shares add up.
    """
    result = []
    for path in chain_paths(graph, parameter, root):
        segments: list[list[Node]] = []
        current = [path[0]]
        for node in path[1:]:
            current.append(node)
            if node.kind != "product":  # a product is merged into the sum it feeds
                segments.append(current)
                current = [node]
        result.append([_factor(segment) for segment in reversed(segments)])
    return result


def _factor(segment: list[Node]) -> Factor:
    source, target = segment[0], segment[-1]
    slope = 1.0
    for before, after in itertools.pairwise(segment):
        slope *= after.local[after.inputs.index(before)]
    xs = np.linspace(*_sample_range(source), SAMPLES)
    if all(node.array_op is not None for node in segment[1:]):
        ys = _follow_arrays(segment, xs)
    else:
        ys = np.array([_follow(segment, float(x)) for x in xs])
    return Factor(source.name, target.name, xs, ys, source.value, target.value, slope)


def _follow(segment: list[Node], x: float) -> float:
    """The segment's last value when its first node is ``x`` and all else stays."""
    value = x
    for before, node in itertools.pairwise(segment):
        args = [value if n is before else n.value for n in node.inputs]
        try:
            value = node.op(*args)[0]
        except (ValueError, OverflowError, ZeroDivisionError):
            return math.nan  # outside the loss's domain: a gap in the curve
    return value


def _follow_arrays(segment: list[Node], xs: np.ndarray) -> np.ndarray:
    """:func:`_follow` at every ``xs`` at once (NaN where the loss is undefined)."""
    value = xs
    with np.errstate(all="ignore"):
        for before, node in itertools.pairwise(segment):
            args = [value if n is before else n.value for n in node.inputs]
            value = node.array_op(*args)
    return np.broadcast_to(np.asarray(value, dtype=float), xs.shape).copy()


def _sample_range(node: Node) -> tuple[float, float]:
    """Where to draw a curve: wide enough to show its shape around the current value.

    The range moves in steps (a quarter of its width) rather than with every change of
    the value, so that while training the same curve is usually drawn again unchanged.
    """
    v = node.value
    if node.kind == "activation":
        # An activation's output: show 0 to 1 (where targets live) and the current value.
        lo, hi = min(v, 0.0), max(v, 1.0)
        pad = 0.1 * (hi - lo)
        return lo - pad, hi + pad
    # A net input: wide enough to see a sigmoid flatten out on both sides.
    least = 6.0 if node.kind == "sum" else 1.0
    half = least * 2.0 ** max(0, math.ceil(math.log2(max(abs(v), 1e-300) / least)))
    centre = round(v / (half / 2.0)) * (half / 2.0)
    return centre - half, centre + half
