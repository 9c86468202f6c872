"""What a training run did: stop rules, divergence and the outcome of one call."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StopRule:
    """When an auto-run should stop by itself (None disables a condition)."""

    max_step: int | None = None
    error_below: float | None = None
    gradient_norm_below: float | None = None


@dataclass(frozen=True, slots=True)
class Divergence:
    """Why a run stopped: the first step whose ``quantity`` stopped being a finite number."""

    step: int
    quantity: str
    value: float | None = None
    detail: str = ""

    @property
    def message(self) -> str:
        what = self.detail or f"{self.quantity} is no longer a finite number ({self.value!r})"
        return (
            f"diverged at step {self.step:,}: {what}; "
            f"the run stopped at step {self.step - 1:,}, the last finite state"
        )


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
