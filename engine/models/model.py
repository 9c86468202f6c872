"""A model as data: the nodes of its computational graph, what a learner types, its columns.

A :class:`Model` is a list of :class:`NodeSpec` in topological order (leaves first, the loss
``E`` last).  Everything else is derived from it: the runnable :class:`engine.graph.Graph`
that the views walk, and the straight-line Python that :mod:`engine.models.compiler`
generates for the fast step, the training loop and the numpy evaluation.  Both walk the
nodes in the same order with the same operations, so they give the same numbers.

Keys of an evaluation (see :meth:`Model.keys`): every operation node's value under its
name (``net_h1``, ``out_h1``, the products ``i1·w1``), ``error`` for the loss, the local
derivatives ``d<out>_d<net>`` of every activation and ``dE_d<out>`` of the loss,
``grad_<node>`` (∂E/∂node) for every operation node but the loss, and ``grad_<p>`` for
every parameter.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from ..activations import Activation, get_activation
from ..graph import Graph, add, multiply
from ..losses import Loss, get_loss
from ..messages import EngineError

if TYPE_CHECKING:
    from ..history import History
    from ..outcome import Outcome, StopRule
    from .presets import Preset

INPUT, PARAMETER, TARGET = "input", "parameter", "target"
LEAF_KINDS = (INPUT, PARAMETER, TARGET)
OPERATION_KINDS = ("product", "sum", "activation", "loss")
#: The learning rate: a field of every model, not a node of its graph.
ETA = "eta"


@dataclass(frozen=True, slots=True)
class NodeSpec:
    """One node of a model's graph: a leaf, or an operation on earlier nodes.

    A ``loss`` node's inputs are the outputs and ``targets`` names each one's target leaf.
    """

    name: str
    kind: str
    inputs: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Config:
    """The choices that are not numbers: activation, loss and which parameters learn."""

    activation: str = "sigmoid"
    loss: str = "half-sse"
    trainable: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        get_activation(self.activation)
        get_loss(self.loss)
        object.__setattr__(self, "trainable", frozenset(self.trainable))


def leaf(name: str, kind: str) -> NodeSpec:
    return NodeSpec(name, kind)


def unit(net: str, out: str, addends: tuple[tuple[str, str] | str, ...]) -> tuple[NodeSpec, ...]:
    """A unit ``out = f(net)``, ``net`` the sum of ``addends`` in order.

    An addend is a (source, weight) pair, which becomes the product node ``source·weight``,
    or the name of a bias.  The order is the order of the additions, hence of the roundings.
    """
    nodes = []
    terms = []
    for addend in addends:
        if isinstance(addend, tuple):
            source, weight = addend
            nodes.append(NodeSpec(f"{source}·{weight}", "product", (source, weight)))
            terms.append(f"{source}·{weight}")
        else:
            terms.append(addend)
    nodes.append(NodeSpec(net, "sum", tuple(terms)))
    nodes.append(NodeSpec(out, "activation", (net,)))
    return tuple(nodes)


@dataclass(frozen=True, eq=False)
class Model:
    """Everything the engine, the views, the CLI and the CSV writer know about one network.

    ``parameters`` gives the display order of the parameter leaves; ``defaults`` a value for
    every field (inputs, parameters, targets and ``eta``); ``columns`` the history and CSV
    columns (``step``, every field and every ``grad_<p>`` at least, in any order).  Derived:
    ``inputs`` and ``targets`` (in graph order), ``fields`` (what a learner types: inputs,
    parameters, targets, ``eta``) and ``keys`` (what an evaluation returns).
    """

    name: str
    title: str
    description: str
    nodes: tuple[NodeSpec, ...]
    parameters: tuple[str, ...]
    defaults: Mapping[str, float]
    default_trained: frozenset[str]
    columns: tuple[str, ...]
    default_activation: str = "sigmoid"
    default_loss: str = "half-sse"
    inputs: tuple[str, ...] = field(init=False)
    targets: tuple[str, ...] = field(init=False)
    fields: tuple[str, ...] = field(init=False)
    keys: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        def kind(k: str) -> tuple[str, ...]:
            return tuple(n.name for n in self.nodes if n.kind == k)

        object.__setattr__(self, "inputs", kind("input"))
        object.__setattr__(self, "targets", kind("target"))
        object.__setattr__(self, "fields", (*self.inputs, *self.parameters, *self.targets, ETA))
        object.__setattr__(self, "default_trained", frozenset(self.default_trained))
        object.__setattr__(self, "keys", self._keys())
        self._validate()

    def _validate(self) -> None:
        seen: set[str] = set()
        for node in self.nodes:
            if node.name in seen or node.name in (ETA, "step", "error"):
                raise ValueError(f"model {self.name}: node name {node.name!r} is taken")
            if node.kind not in LEAF_KINDS + OPERATION_KINDS:
                raise ValueError(f"model {self.name}: unknown node kind {node.kind!r}")
            missing = [n for n in (*node.inputs, *node.targets) if n not in seen]
            if missing:
                raise ValueError(f"model {self.name}: {node.name} uses {missing[0]} before it")
            seen.add(node.name)
        losses = [n for n in self.nodes if n.kind == "loss"]
        if len(losses) != 1 or self.nodes[-1] is not losses[0]:
            raise ValueError(f"model {self.name}: the loss must be the one last node")
        if set(self.parameters) != set(self.kind_names("parameter")):
            raise ValueError(f"model {self.name}: parameters must list every parameter leaf")
        if set(self.defaults) != set(self.fields):
            raise ValueError(f"model {self.name}: defaults must give every field")
        required = {"step", *self.fields, *(f"grad_{p}" for p in self.parameters)}
        known = {"step", *self.fields, *self.keys}
        if not required <= set(self.columns) <= known:
            raise ValueError(f"model {self.name}: columns need {sorted(required)}, from {known}")
        self.check_trainable(self.default_trained)

    # -- structure ---------------------------------------------------------------------
    def kind_names(self, kind: str) -> tuple[str, ...]:
        return tuple(n.name for n in self.nodes if n.kind == kind)

    def node(self, name: str) -> NodeSpec:
        for n in self.nodes:
            if n.name == name:
                return n
        raise KeyError(name)

    @property
    def loss_node(self) -> NodeSpec:
        return self.nodes[-1]

    @property
    def outputs(self) -> tuple[tuple[str, str], ...]:
        """(output node, its target) pairs, in the loss's order."""
        loss = self.loss_node
        return tuple(zip(loss.inputs, loss.targets, strict=True))

    @property
    def units(self) -> tuple[tuple[str, str], ...]:
        """(net, out) of every activation node, in graph order."""
        return tuple((n.inputs[0], n.name) for n in self.nodes if n.kind == "activation")

    def _keys(self) -> tuple[str, ...]:
        """Every key an evaluation returns (see the module docstring), in graph order."""
        values, locals_, grads = [], [], []
        for n in self.nodes:
            if n.kind == "activation":
                values.append(n.name)
                locals_.append(local_key(n.name, n.inputs[0]))
            elif n.kind == "loss":
                values.append("error")
                locals_ += [local_key("E", o) for o in n.inputs]
            elif n.kind in OPERATION_KINDS:
                values.append(n.name)
        for n in self.nodes:
            if n.kind in OPERATION_KINDS and n.kind != "loss":
                grads.append(f"grad_{n.name}")
        grads += [f"grad_{p}" for p in self.parameters]
        return (*values, *locals_, *grads)

    def label(self, key: str) -> str:
        """How a message names a column: ``E``, ``dE/dw1``, ``dout/dnet``, ``w1``."""
        if key == "error":
            return "E"
        if key.startswith("grad_"):
            return f"dE/d{key[5:]}"
        for n in self.nodes:
            if n.kind == "activation" and key == local_key(n.name, n.inputs[0]):
                return f"d{n.name}/d{n.inputs[0]}"
            if n.kind == "loss":
                for o in n.inputs:
                    if key == local_key("E", o):
                        return f"dE/d{o}"
        return key

    # -- configuration and values ------------------------------------------------------
    def check_trainable(self, names: frozenset[str] | set[str]) -> None:
        unknown = sorted(set(names) - set(self.parameters))
        if unknown:
            raise EngineError(
                "choice.parameter", text=unknown[0], choices=", ".join(self.parameters)
            )

    def config(
        self,
        activation: str | None = None,
        loss: str | None = None,
        trainable: frozenset[str] | set[str] | None = None,
    ) -> Config:
        """A checked configuration, the model's default for what is not given."""
        trained = self.default_trained if trainable is None else frozenset(trainable)
        self.check_trainable(trained)
        return Config(activation or self.default_activation, loss or self.default_loss, trained)

    @property
    def default_config(self) -> Config:
        return self.config()

    def values(self, given: Mapping[str, float] | None = None) -> Values:
        """Every field's value: the defaults, overridden by ``given`` (names are checked)."""
        values = dict(self.defaults)
        for name, value in (given or {}).items():
            if name not in values:
                raise ValueError(
                    f"the {self.title} has no {name!r}; its numbers are {', '.join(self.fields)}"
                )
            values[name] = float(value)
        return Values(self, values)

    # -- evaluation --------------------------------------------------------------------
    def graph(self, config: Config) -> Graph:
        """The runnable computational graph, whose root is ``E``."""
        return build_graph(self, get_activation(config.activation), get_loss(config.loss))

    def evaluate(self, values: Mapping[str, float], config: Config) -> State:
        """Forward and backward pass by the compiled code (raises LossDomainError for bce)."""
        from .compiler import evaluator

        values = Values(self, values)
        check_target = get_loss(config.loss).check_target
        for target in self.targets:
            check_target(values[target], target)  # raises LossDomainError (bce needs 0 <= t <= 1)
        return State(self, values, evaluator(self, config.activation, config.loss)(values))

    def evaluate_graph(self, values: Mapping[str, float], config: Config) -> State:
        """Forward and backward pass through :meth:`graph` (slow; what the views show)."""
        values = Values(self, values)
        g = self.graph(config)
        g.forward(values)
        g.backward("E")
        derived: dict[str, float] = {}
        for n in self.nodes:
            node = g[n.name]
            if n.kind == "activation":
                derived[n.name] = node.value
                derived[local_key(n.name, n.inputs[0])] = node.local[0]
            elif n.kind == "loss":
                derived["error"] = node.value
                for o, d in zip(n.inputs, node.local, strict=True):
                    derived[local_key("E", o)] = d
            elif n.kind in OPERATION_KINDS:
                derived[n.name] = node.value
            if n.kind in OPERATION_KINDS[:3] or n.kind == "parameter":
                derived[f"grad_{n.name}"] = node.grad
        return State(self, values, {k: derived[k] for k in self.keys})

    def evaluate_arrays(
        self,
        values: Mapping[str, float | np.ndarray],
        activation: str | Activation = "sigmoid",
        loss: str | Loss = "half-sse",
    ) -> dict[str, float | np.ndarray]:
        """One forward and backward pass, elementwise over numpy arrays by broadcasting.

        ``values`` gives every field but ``eta`` (which is ignored if present); any of them
        may be an array.  Returns every key of :attr:`keys`.  No floating-point warning
        escapes: where a value overflows it is inf or NaN, and bce outside (0, 1) is NaN.
        """
        from .compiler import array_evaluator

        act = activation if isinstance(activation, str) else activation.name
        los = loss if isinstance(loss, str) else loss.name
        run = array_evaluator(self, act, los)
        with np.errstate(all="ignore"):
            return run(values)

    def update(self, state: State, config: Config) -> Values:
        """The values after one step ``p' = p − η·∂E/∂p`` of the trainable parameters."""
        values = state.values.as_dict()
        eta = values[ETA]
        for p in self.parameters:
            if p in config.trainable:
                values[p] = values[p] - eta * state.derived[f"grad_{p}"]
        return Values(self, values)

    # -- runs --------------------------------------------------------------------------
    def new_history(
        self, values: Mapping[str, float], config: Config, step: int = 0
    ) -> tuple[History, State]:
        """A history holding the starting row, and that row's state.

        Raises ValueError if the start itself is not finite (for example bce with out = 1).
        """
        from .training import new_history

        return new_history(self, values, config, step)

    def train(
        self,
        history: History,
        current: State,
        step: int,
        config: Config,
        steps: int,
        rule: StopRule | None = None,
    ) -> tuple[State, Outcome]:
        """Up to ``steps`` updates from ``current`` (row ``step``), appending to ``history``."""
        from .training import train

        return train(self, history, current, step, config, steps, rule)

    def state_from_row(self, row: Mapping[str, float], config: Config) -> State:
        """The state a history row records, evaluated again (the same numbers, every key)."""
        return self.evaluate({name: row[name] for name in self.fields}, config)

    @property
    def presets(self) -> tuple[Preset, ...]:
        """The presets shipped for this model in ``resources/presets``."""
        from .presets import presets_for

        return presets_for(self)


def local_key(out: str, src: str) -> str:
    """The key of a local derivative: ``dout_dnet``, ``dout_h1_dnet_h1``, ``dE_dout_o1``."""
    return f"d{out}_d{src}"


class Values(Mapping[str, float]):
    """A model's field values (what a learner types): immutable, read by name (``v["w1"]``)
    or as an attribute (``v.w1``), equal to any mapping with the same items."""

    __slots__ = ("_data", "model")

    def __init__(self, model: Model, data: Mapping[str, float]) -> None:
        self.model = model
        self._data = {name: float(data[name]) for name in model.fields}

    def __getitem__(self, name: str) -> float:
        return self._data[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __getattr__(self, name: str) -> float:
        try:
            return self._data[name]
        except KeyError:
            raise AttributeError(name) from None

    def __hash__(self) -> int:
        return hash((self.model.name, *self._data.values()))

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self._data.items())
        return f"Values({self.model.name}: {inner})"

    def with_value(self, name: str, value: float) -> Values:
        """A copy with one field changed."""
        if name not in self._data:
            raise KeyError(name)
        return Values(self.model, {**self._data, name: value})

    def as_dict(self) -> dict[str, float]:
        return dict(self._data)


@dataclass(frozen=True, slots=True)
class State:
    """One state of a model: the fields a learner types and everything computed from them.

    Every evaluation key reads as an item or an attribute: ``state["net_h1"]``,
    ``state.out``, ``state.grad_w1``.
    """

    model: Model
    values: Values
    derived: Mapping[str, float]

    def __getitem__(self, key: str) -> float:
        if key in self.values:
            return self.values[key]
        return self.derived[key]

    def __getattr__(self, key: str) -> float:
        # Only called for names that are not attributes: the fields and evaluation keys.
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None

    @property
    def params(self) -> Values:
        return self.values

    def gradient(self, name: str) -> float:
        """∂E/∂name for a parameter or an operation node."""
        return self.derived[f"grad_{name}"]

    @property
    def error(self) -> float:
        return self.derived["error"]

    def row(self, step: int) -> tuple[float, ...]:
        """The history row for this state, in the model's column order."""
        return tuple(float(step) if c == "step" else self[c] for c in self.model.columns)

    def with_value(self, name: str, value: float) -> Values:
        """The values with one field changed (evaluate them to get a new state)."""
        return self.values.with_value(name, value)


def build_graph(model: Model, activation: Activation, loss: Loss) -> Graph:
    """The model's runnable graph with this activation and loss."""
    g = Graph()

    def activate(x: float) -> tuple[float, tuple[float, ...]]:
        y = activation.f(x)
        return y, (activation.derivative(x, y),)

    for spec in model.nodes:
        inputs = [g[n] for n in spec.inputs]
        if spec.kind in LEAF_KINDS:
            g.leaf(spec.name, spec.kind)
        elif spec.kind == "product":
            g.operation(spec.name, "product", inputs, multiply, _array_product)
        elif spec.kind == "sum":
            g.operation(spec.name, "sum", inputs, add, _array_sum)
        elif spec.kind == "activation":
            g.operation(spec.name, "activation", inputs, activate, activation.np_f)
        else:
            error, array_error = _loss_op(g, spec, loss), _array_loss_op(g, spec, loss)
            g.operation(spec.name, "loss", inputs, error, array_error)
    return g


def _array_product(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.multiply(a, b)


def _array_sum(*values: np.ndarray) -> np.ndarray:
    total = np.zeros(np.broadcast_shapes(*(np.shape(v) for v in values)))
    for v in values:
        total = total + v
    return total


def _array_loss_op(g: Graph, spec: NodeSpec, loss: Loss):
    """The loss over arrays of outputs (NaN outside its domain), like :func:`_loss_op`."""
    targets = [g[t] for t in spec.targets]
    mean = loss.mean and len(targets) > 1

    def error(*outs: np.ndarray) -> np.ndarray:
        total = sum(loss.np_f(t.value, o) for t, o in zip(targets, outs, strict=True))
        return total / len(targets) if mean else total

    return error


def _loss_op(g: Graph, spec: NodeSpec, loss: Loss):
    # The targets are constants of the loss, read from their leaves, not inputs we
    # differentiate by.  Several outputs add their terms (mse divides by their number).
    targets = [g[t] for t in spec.targets]
    n = len(targets)
    mean = loss.mean and n > 1

    def error(*outs: float) -> tuple[float, tuple[float, ...]]:
        total = 0.0
        for t, o in zip(targets, outs, strict=True):
            total += loss.f(t.value, o)
        local = tuple(loss.derivative(t.value, o) for t, o in zip(targets, outs, strict=True))
        if mean:
            return total / n, tuple(d / n for d in local)
        return total, local

    return error
