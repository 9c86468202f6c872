"""The notes' neuron with named fields: ``net = i1*w1 + b1 + i2*w2 + b2``, ``out = f(net)``.

The neuron itself is described once, as data, in :mod:`engine.models.neuron`; this module
gives it typed values (:class:`NeuronParams`, :class:`Snapshot`) on top of that model.
:func:`evaluate` runs the model's compiled step, :func:`evaluate_graph` its graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .activations import Activation, get_activation
from .graph import Graph
from .losses import Loss, get_loss
from .messages import EngineError
from .models import NEURON, Config, State
from .models import build_graph as _build_model_graph

PARAMETERS: tuple[str, ...] = NEURON.parameters
FIELDS: tuple[str, ...] = NEURON.fields
#: The run-history / CSV columns, in order.
COLUMNS: tuple[str, ...] = NEURON.columns
DERIVED: tuple[str, ...] = COLUMNS[len(FIELDS) + 1 :]


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
        # Not dataclasses.asdict, which deep-copies and costs more than a whole step.
        return {name: getattr(self, name) for name in FIELDS}

    def values(self) -> tuple[float, ...]:
        return tuple(getattr(self, name) for name in FIELDS)


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
            raise EngineError(
                "choice.parameter", text=sorted(unknown)[0], choices=", ".join(PARAMETERS)
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


def model_config(config: NeuronConfig) -> Config:
    """The model layer's form of a neuron configuration."""
    return Config(config.activation, config.loss, config.trainable)


def from_state(state: State) -> Snapshot:
    """The snapshot of a model state of the neuron."""
    return Snapshot(NeuronParams(**state.values), *(state.derived[k] for k in DERIVED))


def evaluate(params: NeuronParams, config: NeuronConfig = DEFAULT_CONFIG) -> Snapshot:
    """Forward and backward pass by the model's compiled step."""
    return from_state(NEURON.evaluate(params.as_dict(), model_config(config)))


def update(snapshot: Snapshot, config: NeuronConfig = DEFAULT_CONFIG) -> NeuronParams:
    """One gradient-descent step ``p' = p - eta * dE/dp`` on the trainable parameters."""
    p = snapshot.params
    changes = {
        name: getattr(p, name) - p.eta * snapshot.gradient(name) for name in config.trainable
    }
    return replace(p, **changes)


def build_graph(activation: Activation, loss: Loss) -> Graph:
    """The neuron as a graph: products, the sum ``net``, ``out`` and the loss ``E``."""
    return _build_model_graph(NEURON, activation, loss)


def evaluate_graph(params: NeuronParams, config: NeuronConfig = DEFAULT_CONFIG) -> Snapshot:
    """Forward and backward pass through the computational graph."""
    return from_state(NEURON.evaluate_graph(params.as_dict(), model_config(config)))
