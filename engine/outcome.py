"""What a training run did: stop rules, divergence and the outcome of one call."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .messages import Message


@dataclass(frozen=True, slots=True)
class StopRule:
    """When an auto-run should stop by itself (None disables a condition)."""

    max_step: int | None = None
    error_below: float | None = None
    gradient_norm_below: float | None = None


@dataclass(frozen=True, slots=True)
class Divergence:
    """Why a run stopped: the first step whose ``quantity`` stopped being a finite number.

    ``out_of_domain`` means the loss itself became undefined (binary cross-entropy with an
    output outside (0, 1), ``quantity`` naming it and ``value`` its value; a sigmoid that
    rounds to exactly 0 or 1) rather than a number overflowing.
    """

    step: int
    quantity: str
    value: float | None = None
    out_of_domain: bool = False

    @property
    def message(self) -> Message:
        """What happened, as data (``str()`` of it is the English sentence)."""
        values = {"step": self.step, "last": self.step - 1}
        if self.out_of_domain:
            return Message("run.out_domain", {**values, "out": self.value})
        return Message("run.diverged", {**values, "quantity": self.quantity, "value": self.value})


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a call to a training loop did."""

    steps_done: int
    divergence: Divergence | None = None
    stopped_by_rule: str | None = None


def first_non_finite(names: Sequence[str], values: Sequence[float]) -> str | None:
    """The name of the first value that is NaN or infinite, if any."""
    for name, value in zip(names, values, strict=True):
        if not math.isfinite(value):
            return name
    return None
