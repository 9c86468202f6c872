"""Presets as data files: ``resources/presets/*.json``, checked like anything typed.

A preset file names its model, a title, every field's value, the activation, the loss and
the trained parameters::

    {"model": "neuron", "title": "Notes example", "order": 1,
     "values": {"i1": 0.05, ...}, "activation": "sigmoid", "loss": "half-sse",
     "trained": ["w1", "w2", "b1", "b2"]}
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from ..text import QT_TRANSLATE_NOOP
from .model import Config, Model

#: The shipped presets' titles, for the translation file (the window translates a title
#: in the "engine" context; lupdate cannot read JSON).
TITLES = (
    QT_TRANSLATE_NOOP("engine", "Notes example"),
    QT_TRANSLATE_NOOP("engine", "Notes as printed"),
    QT_TRANSLATE_NOOP("engine", "Classic 2-2-2 example"),
)

_PACKAGE = "resources"
_FOLDER = "presets"


class PresetError(ValueError):
    """A preset file that cannot be used, with the file name and the reason."""


@dataclass(frozen=True, slots=True)
class Preset:
    """Start values and configuration for one model."""

    name: str  # the file name without .json
    title: str
    model: str
    order: int
    values: dict[str, float]
    config: Config


def load_preset(name: str, text: str, models: dict[str, Model]) -> Preset:
    """Parse and check one preset file's text (``name`` is used in messages)."""
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PresetError(f"preset {name}: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise PresetError(f"preset {name}: expected an object with model, title and values")
    expected = {"model", "title", "order", "values", "activation", "loss", "trained"}
    if set(data) != expected:
        odd = sorted(set(data) ^ expected)
        raise PresetError(f"preset {name}: expected the keys {sorted(expected)}, not {odd}")
    model = models.get(data["model"])
    if model is None:
        raise PresetError(f"preset {name}: unknown model {data['model']!r}")
    values = data["values"]
    if not isinstance(values, dict) or set(values) != set(model.fields):
        raise PresetError(f"preset {name}: values must give exactly {', '.join(model.fields)}")
    for key, value in values.items():
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if not ok or not math.isfinite(value):
            raise PresetError(f"preset {name}: {key} must be a finite number, not {value!r}")
    if not isinstance(data["trained"], list) or not isinstance(data["order"], int):
        raise PresetError(f"preset {name}: trained must be a list and order a whole number")
    try:
        config = model.config(data["activation"], data["loss"], frozenset(data["trained"]))
    except (TypeError, ValueError) as exc:
        raise PresetError(f"preset {name}: {exc}") from None
    return Preset(
        name,
        str(data["title"]),
        model.name,
        data["order"],
        {k: float(values[k]) for k in model.fields},
        config,
    )


@cache
def _all_presets() -> tuple[Preset, ...]:
    from . import MODELS

    folder = files(_PACKAGE) / _FOLDER
    presets = [
        load_preset(entry.name.removesuffix(".json"), entry.read_text("utf-8"), MODELS)
        for entry in folder.iterdir()
        if entry.name.endswith(".json")
    ]
    return tuple(sorted(presets, key=lambda p: (p.model, p.order, p.name)))


def presets_for(model: Model) -> tuple[Preset, ...]:
    """The shipped presets of ``model``, in their order (none for a model not shipped)."""
    return tuple(p for p in _all_presets() if p.model == model.name)
