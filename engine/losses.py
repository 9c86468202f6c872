"""Losses ``E(target, out)`` with their derivatives ``dE/dout``.

A network with several outputs adds one term per output (``mse`` takes their mean).  As for
the activations, each loss comes as Python functions on floats, numpy functions on arrays
and code templates for the model compiler, with its formula as text for the views.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .messages import EngineError
from .text import QT_TRANSLATE_NOOP


class LossDomainError(EngineError):
    """The loss is undefined here: an output or a target outside its domain."""


def _bce(target: float, out: float) -> float:
    _check_probability(out)
    return -(target * math.log(out) + (1.0 - target) * math.log1p(-out))


def _bce_derivative(target: float, out: float) -> float:
    _check_probability(out)
    return (out - target) / (out * (1.0 - out))


def _np_bce(target: np.ndarray, out: np.ndarray) -> np.ndarray:
    inside = (out > 0.0) & (out < 1.0)
    value = -(target * np.log(out) + (1.0 - target) * np.log1p(-out))
    return np.where(inside, value, np.nan)


def _np_bce_derivative(target: np.ndarray, out: np.ndarray) -> np.ndarray:
    inside = (out > 0.0) & (out < 1.0)
    return np.where(inside, (out - target) / (out * (1.0 - out)), np.nan)


def _check_probability(out: float) -> None:
    if not 0.0 < out < 1.0:
        raise LossDomainError("loss.out_domain", out=out)


def _check_target_probability(target: float, field: str = "target") -> None:
    # A target outside [0, 1] makes E negative and unbounded below: not a loss at all.
    if not 0.0 <= target <= 1.0:
        raise LossDomainError("loss.target_domain", target=target, field=field)


def _no_target_rule(target: float, field: str = "target") -> None:
    """Squared errors accept any target."""


@dataclass(frozen=True, slots=True)
class Loss:
    """A loss ``E = f(target, out)`` and its derivative ``dE/dout``.

    ``term`` and ``derivative_template`` are text with ``{t}`` and ``{o}`` for the target and
    output names; ``code`` and ``derivative_code`` Python expressions for the model compiler
    (``lf`` and ``ldf`` call :attr:`f` and :attr:`derivative`); ``mean`` divides the sum
    over several outputs by their number.
    """

    name: str
    term: str
    f: Callable[[float, float], float]
    derivative: Callable[[float, float], float]
    derivative_template: str
    code: str
    derivative_code: str
    np_f: Callable[[np.ndarray, np.ndarray], np.ndarray]
    np_derivative: Callable[[np.ndarray, np.ndarray], np.ndarray]
    mean: bool = False
    note: str = ""
    #: ``check_target(value, field)`` raises LossDomainError if the loss is undefined for
    #: this target (``field`` names it in the message's values).
    check_target: Callable[[float, str], None] = _no_target_rule

    @property
    def formula(self) -> str:
        """The formula for one output named ``out`` with target ``target``."""
        return self.formula_for((("target", "out"),))

    @property
    def bare_formula(self) -> str:
        """:attr:`formula` without its remark (:attr:`note`), which a window translates."""
        return self.formula_for((("target", "out"),), note=False)

    @property
    def raises(self) -> bool:
        """Whether :attr:`f` can raise :class:`LossDomainError` (the compiler catches it)."""
        return "lf(" in self.code

    def formula_for(self, pairs: Sequence[tuple[str, str]], note: bool = True) -> str:
        """``E = …`` for these (target, output) name pairs (``note``: with mse's remark)."""
        terms = [self.term.format(t=t, o=o) for t, o in pairs]
        if len(terms) == 1:
            text = f"E = {terms[0]}"
        elif self.mean:
            text = f"E = [{' + '.join(terms)}] / {len(terms)}"
        else:
            text = ("E = " + " + ".join(terms)).replace("+ −", "− ")
        count = "one" if len(terms) == 1 else str(len(terms))
        remark = self.note.format(n=count, s="" if len(terms) == 1 else "s")
        return f"{text}  {remark}" if remark and note else text

    def derivative_formula_for(self, target: str, out: str, outputs: int = 1) -> str:
        """``∂E/∂out`` for one output as text, e.g. ``out_o1 − t1``."""
        text = self.derivative_template.format(t=target, o=out)
        return f"[{text}] / {outputs}" if self.mean and outputs > 1 else text


LOSSES: dict[str, Loss] = {
    loss.name: loss
    for loss in (
        Loss(
            "half-sse",
            "½ ({t} − {o})²",
            lambda t, o: 0.5 * (t - o) * (t - o),
            lambda t, o: o - t,
            "{o} − {t}",
            "0.5 * ({t} - {o}) * ({t} - {o})",
            "{o} - {t}",
            lambda t, o: 0.5 * (t - o) * (t - o),
            lambda t, o: o - t,
        ),
        Loss(
            "mse",
            "({t} − {o})²",
            lambda t, o: (t - o) * (t - o),
            lambda t, o: 2.0 * (o - t),
            "2 ({o} − {t})",
            "({t} - {o}) * ({t} - {o})",
            "2.0 * ({o} - {t})",
            lambda t, o: (t - o) * (t - o),
            lambda t, o: 2.0 * (o - t),
            mean=True,
            note=QT_TRANSLATE_NOOP("engine", "(mean over {n} output{s})"),
        ),
        Loss(
            "bce",
            "−[{t}·ln({o}) + (1 − {t})·ln(1 − {o})]",
            _bce,
            _bce_derivative,
            "({o} − {t}) / ({o}·(1 − {o}))",
            "lf({t}, {o})",
            "ldf({t}, {o})",
            _np_bce,
            _np_bce_derivative,
            check_target=_check_target_probability,
        ),
    )
}


def get_loss(name: str) -> Loss:
    """Look up a loss by name, with a message listing the valid names."""
    try:
        return LOSSES[name]
    except KeyError:
        raise EngineError("choice.loss", text=name, choices=", ".join(LOSSES)) from None
