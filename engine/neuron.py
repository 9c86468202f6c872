"""The notes' neuron by name: ``net = i1*w1 + b1 + i2*w2 + b2``, ``out = f(net)``.

The neuron is described once, as data, in :mod:`engine.models.neuron`; this module gives
short names for its values and choices.  The functions here work for any model: the values
know their model.
"""

from __future__ import annotations

from .activations import Activation
from .graph import Graph
from .losses import Loss
from .models import NEURON, Config, State, Values
from .models import build_graph as _build_model_graph

PARAMETERS: tuple[str, ...] = NEURON.parameters
FIELDS: tuple[str, ...] = NEURON.fields
#: The run-history / CSV columns, in order.
COLUMNS: tuple[str, ...] = NEURON.columns
DERIVED: tuple[str, ...] = COLUMNS[len(FIELDS) + 1 :]

#: A state of any model (the neuron's has ``net``, ``out``, ``dE_dout``, ``dout_dnet``, ...).
Snapshot = State


def NeuronParams(
    i1: float = 0.05,
    i2: float = 0.10,
    w1: float = 0.15,
    w2: float = 0.20,
    b1: float = 0.35,
    b2: float = 0.60,
    target: float = 0.01,
    eta: float = 0.2,
) -> Values:
    """The neuron's values: inputs, parameters, target and learning rate."""
    return Values(NEURON, dict(zip(FIELDS, (i1, i2, w1, w2, b1, b2, target, eta), strict=True)))


def NeuronConfig(
    activation: str = "sigmoid",
    loss: str = "half-sse",
    trainable: frozenset[str] | set[str] | None = None,
) -> Config:
    """A checked configuration of the neuron (all four parameters trained by default)."""
    return NEURON.config(activation, loss, trainable)


#: The notes' starting values (with eta = 0.2).
NOTES_PARAMS = NeuronParams()

#: Sigmoid, half-sse, all four parameters trained.
DEFAULT_CONFIG = NeuronConfig()

#: The notes exactly as printed: the flipped sigmoid 1/(1+e^net), only w1 and w2 trained.
NOTES_AS_PRINTED = NeuronConfig("sigmoid-flipped", "half-sse", frozenset({"w1", "w2"}))


def evaluate(params: Values, config: Config = DEFAULT_CONFIG) -> State:
    """Forward and backward pass by the model's compiled step."""
    return params.model.evaluate(params, config)


def update(snapshot: State, config: Config = DEFAULT_CONFIG) -> Values:
    """One gradient-descent step ``p' = p - eta * dE/dp`` on the trainable parameters."""
    return snapshot.model.update(snapshot, config)


def build_graph(activation: Activation, loss: Loss) -> Graph:
    """The neuron as a graph: products, the sum ``net``, ``out`` and the loss ``E``."""
    return _build_model_graph(NEURON, activation, loss)


def evaluate_graph(params: Values, config: Config = DEFAULT_CONFIG) -> State:
    """Forward and backward pass through the computational graph."""
    return params.model.evaluate_graph(params, config)
