"""Models as data: each network is one :class:`Model` that every view, the CLI and the CSV
writer learn from.

``MODELS`` maps a short name to its model; :func:`get_model` looks one up.  To add a model,
describe its graph in a module like :mod:`engine.models.two_two_two` and list it here.
"""

from __future__ import annotations

from ..messages import EngineError
from .model import (
    ETA,
    INPUT,
    LEAF_KINDS,
    PARAMETER,
    TARGET,
    Config,
    Model,
    NodeSpec,
    State,
    Values,
    build_graph,
    leaf,
    local_key,
    unit,
)
from .neuron import NEURON
from .presets import Preset, load_preset, presets_for
from .two_two_two import TWO_TWO_TWO

MODELS: dict[str, Model] = {m.name: m for m in (NEURON, TWO_TWO_TWO)}
DEFAULT_MODEL = "neuron"


def get_model(name: str) -> Model:
    """Look up a model by its short name, with a message listing the valid names."""
    try:
        return MODELS[name]
    except KeyError:
        raise EngineError("choice.model", text=name, choices=", ".join(MODELS)) from None


__all__ = [
    "DEFAULT_MODEL",
    "ETA",
    "INPUT",
    "LEAF_KINDS",
    "MODELS",
    "NEURON",
    "PARAMETER",
    "TARGET",
    "TWO_TWO_TWO",
    "Config",
    "Model",
    "NodeSpec",
    "Preset",
    "State",
    "Values",
    "build_graph",
    "get_model",
    "leaf",
    "load_preset",
    "local_key",
    "presets_for",
    "unit",
]
