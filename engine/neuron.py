"""The notes' neuron: ``net = i1*w1 + b1 + i2*w2 + b2``, ``out = f(net)``, ``E = loss``.

Two ways to evaluate it give the same numbers: :func:`evaluate` is the closed form used in
the hot loop, :func:`build_graph` the computational graph that chain-rule views walk.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace

from .activations import Activation, get_activation
from .graph import Graph, add, multiply
from .losses import Loss, get_loss

PARAMETERS: tuple[str, ...] = ("w1", "w2", "b1", "b2")
FIELDS: tuple[str, ...] = ("i1", "i2", "w1", "w2", "b1", "b2", "target", "eta")
DERIVED: tuple[str, ...] = (
    "net",
    "out",
    "error",
    "dE_dout",
    "dout_dnet",
    "grad_w1",
    "grad_w2",
    "grad_b1",
    "grad_b2",
)
#: The run-history / CSV columns, in order.
COLUMNS: tuple[str, ...] = ("step", *FIELDS, *DERIVED)


@dataclass(frozen=True, slots=True)
class NeuronParams:
    """Inputs, parameters, target and learning rate: everything a learner types."""

    i1: float = 0.05
    i2: float = 0.10
    w1: float = 0.15
    w2: float = 0.20
    b1: float = 0.35
    b2: float = 0.60
    target: float = 0.01
    eta: float = 0.2

    def with_value(self, name: str, value: float) -> NeuronParams:
        """A copy with one field changed."""
        return replace(self, **{name: float(value)})

    def as_dict(self) -> dict[str, float]:
        return asdict(self)

    def values(self) -> tuple[float, ...]:
        return tuple(getattr(self, f.name) for f in fields(self))


#: The notes' starting values (with eta = 0.2).
NOTES_PARAMS = NeuronParams()


@dataclass(frozen=True, slots=True)
class NeuronConfig:
    """The choices that are not numbers: activation, loss and which parameters learn."""

    activation: str = "sigmoid"
    loss: str = "half-sse"
    trainable: frozenset[str] = field(default_factory=lambda: frozenset(PARAMETERS))

    def __post_init__(self) -> None:
        get_activation(self.activation)
        get_loss(self.loss)
        unknown = set(self.trainable) - set(PARAMETERS)
        if unknown:
            raise ValueError(
                f"unknown parameter {sorted(unknown)[0]!r}; choose from {', '.join(PARAMETERS)}"
            )
        object.__setattr__(self, "trainable", frozenset(self.trainable))


#: Sigmoid, half-sse, all four parameters trained.
DEFAULT_CONFIG = NeuronConfig()

#: The notes exactly as printed: the flipped sigmoid 1/(1+e^net), only w1 and w2 trained.
NOTES_AS_PRINTED = NeuronConfig("sigmoid-flipped", "half-sse", frozenset({"w1", "w2"}))


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One state of the neuron with its forward pass and every chain-rule factor."""

    params: NeuronParams
    net: float
    out: float
    error: float
    dE_dout: float
    dout_dnet: float
    grad_w1: float
    grad_w2: float
    grad_b1: float
    grad_b2: float

    def gradient(self, name: str) -> float:
        """dE/d(name) for one of w1, w2, b1, b2."""
        return getattr(self, f"grad_{name}")

    def local(self, name: str) -> float:
        """dnet/d(name): the input for a weight, 1 for a bias."""
        return {"w1": self.params.i1, "w2": self.params.i2}.get(name, 1.0)

    def row(self, step: int) -> tuple[float, ...]:
        """The history row for this snapshot, in :data:`COLUMNS` order."""
        return (step, *self.params.values(), *(getattr(self, name) for name in DERIVED))


def evaluate(params: NeuronParams, config: NeuronConfig = DEFAULT_CONFIG) -> Snapshot:
    """Forward and backward pass in closed form."""
    act = get_activation(config.activation)
    loss = get_loss(config.loss)
    p = params
    net = p.i1 * p.w1 + p.b1 + p.i2 * p.w2 + p.b2
    out = act.f(net)
    delta_out = loss.derivative(p.target, out)
    slope = act.derivative(net, out)
    delta = delta_out * slope
    return Snapshot(
        p,
        net,
        out,
        loss.f(p.target, out),
        delta_out,
        slope,
        delta * p.i1,
        delta * p.i2,
        delta,
        delta,
    )


def update(snapshot: Snapshot, config: NeuronConfig = DEFAULT_CONFIG) -> NeuronParams:
    """One gradient-descent step ``p' = p - eta * dE/dp`` on the trainable parameters."""
    p = snapshot.params
    changes = {
        name: getattr(p, name) - p.eta * snapshot.gradient(name) for name in config.trainable
    }
    return replace(p, **changes)


def build_graph(activation: Activation, loss: Loss) -> Graph:
    """The neuron as a graph: products, the sum ``net``, ``out`` and the loss ``E``."""
    g = Graph()
    i1, i2 = g.leaf("i1", "input"), g.leaf("i2", "input")
    w1, w2 = g.leaf("w1", "parameter"), g.leaf("w2", "parameter")
    b1, b2 = g.leaf("b1", "parameter"), g.leaf("b2", "parameter")
    target = g.leaf("target", "target")
    p1 = g.operation("i1·w1", "product", (i1, w1), multiply)
    p2 = g.operation("i2·w2", "product", (i2, w2), multiply)
    net = g.operation("net", "sum", (p1, b1, p2, b2), add)

    def activate(x: float) -> tuple[float, tuple[float, ...]]:
        y = activation.f(x)
        return y, (activation.derivative(x, y),)

    def error(o: float) -> tuple[float, tuple[float, ...]]:
        # The target is a constant of the loss, not something we differentiate by.
        return loss.f(target.value, o), (loss.derivative(target.value, o),)

    out = g.operation("out", "activation", (net,), activate)
    g.operation("E", "loss", (out,), error)
    return g


def evaluate_graph(params: NeuronParams, config: NeuronConfig = DEFAULT_CONFIG) -> Snapshot:
    """Forward and backward pass through the computational graph."""
    g = build_graph(get_activation(config.activation), get_loss(config.loss))
    g.forward(params.as_dict())
    g.backward("E")
    out_node, e_node = g["out"], g["E"]
    return Snapshot(
        params,
        g["net"].value,
        out_node.value,
        e_node.value,
        e_node.local[0],
        out_node.local[0],
        g["w1"].grad,
        g["w2"].grad,
        g["b1"].grad,
        g["b2"].grad,
    )
