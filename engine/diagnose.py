"""Check a learner's hand calculation of one training step and find where it first goes wrong.

A learner computes, in order, the quantities of :data:`QUANTITIES` (``net``, ``out``,
``E``, the chain-rule factors, the gradients and the updated parameters) and types what
they got. :func:`diagnose` compares every typed value with the engine's and, for a wrong
one, names the likely slip; :func:`first_wrong` picks the place where the calculation
first goes wrong, skipping values that are wrong only because an earlier one was.

Tolerance (what counts as "right")
----------------------------------
People round, typically to 4 significant digits, and then compute the next quantity from
the rounded numbers, so an error made early grows a little along the chain. A claimed
value is accepted when::

    |claimed − correct| ≤ rel_tol × scale        (rel_tol = REL_TOL = 5e-4)

``rel_tol`` is half a unit in the 4th significant digit, so every correct value rounded
to 4 significant digits passes. ``scale`` is the value's magnitude *plus* the magnitudes
it is computed from, propagated along the chain to first order (linear error
propagation): for ``net`` it is ``|i₁w₁| + |b₁| + |i₂w₂| + |b₂|``, for ``out``
``|out| + |f′(net)| × scale(net)``, for a product ``ab`` it is
``scale(a)|b| + |a| scale(b)``, and so on. So a learner who keeps 4 significant digits at
every step always passes; a value that is off by 1 % does not. A value written with 3 or
more significant digits also passes when it is exactly the correct value rounded to that
many digits (0.199 for 0.198647…): "right to the digits you wrote".
Values that are small *because of cancellation* (``out − target`` when out is close to
the target, ``E`` near its minimum, an update that lands near 0) get an absolute
tolerance from the larger numbers they were computed from, which is what "near zero"
means here; a value that is small on its own (a tiny gradient) is still judged by its
significant digits. :data:`ABS_FLOOR` only absorbs round-off around an exact 0.

Diagnosis
---------
A wrong value that follows, within that tolerance, from the learner's own earlier
(wrong) values is *consequential*: it is marked wrong, its hint says which earlier value
to fix, and :func:`first_wrong` skips it. (This is checked before the patterns below: a
product of a value that is 10 times too large is itself 10 times too large, and the slip
to look for is the earlier one.) Otherwise the value is compared, in this order, with
the correct one (or, when earlier values are wrong, with what the learner's own earlier
values give):

1. a factor 10, 100 or 1000 either way (the decimal point);
2. the opposite sign, and the other sigmoid convention (``1/(1+e^net)`` vs
   ``1/(1+e^−net)``);
3. a factor 2 in ``E``, ``∂E/∂out`` or a gradient (half-SSE vs MSE);
4. slips particular to one quantity: the update forms ``η·g``, ``−η·g``, ``p − g``,
   ``p + η·g``, an unchanged parameter, a frozen parameter updated anyway; a gradient
   that lost a factor; ``net`` without its biases; ``E`` without the square;
5. one digit wrong (not the last one written), or two neighbouring digits swapped;
6. "close": right to 2–3 significant digits only;
7. otherwise, "differs from the correct value".

The hints are short English sentences (the engine has no Qt, hence no translation);
numbers in them use a real minus sign (U+2212).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from .activations import get_activation
from .losses import get_loss
from .models import NEURON
from .neuron import NeuronConfig, NeuronParams, Snapshot, evaluate, update

MINUS = "\u2212"

#: Relative tolerance: half a unit in the 4th significant digit (see the module docstring).
REL_TOL = 5e-4
#: Absolute tolerance around an exact 0, for round-off only.
ABS_FLOOR = 1e-12
#: A value written with at least this many significant digits also passes when it is the
#: correct value rounded to those digits (0.199 for 0.198647).
_MIN_DIGITS = 3


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number a learner computes by hand, in the order they compute it."""

    key: str
    #: Display label with proper symbols, e.g. "∂E/∂w₁".
    label: str
    #: Keys of the earlier quantities it is computed from.
    inputs: tuple[str, ...]

    def value(self, snapshot: Snapshot, config: NeuronConfig) -> float:
        """The correct value: read from the snapshot; updates via :func:`engine.neuron.update`."""
        if self.key.startswith("new_"):
            return getattr(update(snapshot, config), self.key.removeprefix("new_"))
        return getattr(snapshot, self.key)

    def formula(self, config: NeuronConfig) -> str:
        """How it is computed under ``config``, in symbols, e.g. "out − target"."""
        return _expression(self.key, _SYMBOLS, config) or self.label


_SUB = {"1": "₁", "2": "₂"}


def _sym(name: str) -> str:
    """w1 -> w₁."""
    return name[:-1] + _SUB[name[-1]] if name[-1:] in _SUB else name


_CHAIN = ("dE_dout", "dout_dnet")

#: The quantities, in the order a hand calculation produces them.
QUANTITIES: tuple[Quantity, ...] = (
    Quantity("net", "net", ()),
    Quantity("out", "out", ("net",)),
    Quantity("error", "E", ("out",)),
    Quantity("dE_dout", "∂E/∂out", ("out",)),
    Quantity("dout_dnet", "∂out/∂net", ("net", "out")),
    *(Quantity(f"grad_{p}", f"∂E/∂{_sym(p)}", _CHAIN) for p in ("w1", "w2", "b1", "b2")),
    *(Quantity(f"new_{p}", f"{_sym(p)}′", (f"grad_{p}",)) for p in ("w1", "w2", "b1", "b2")),
)

_BY_KEY: dict[str, Quantity] = {q.key: q for q in QUANTITIES}
_ORDER: dict[str, int] = {q.key: i for i, q in enumerate(QUANTITIES)}

#: What the learner's notes print (the seed notes): exactly their numbers, keyed like
#: :data:`QUANTITIES`. They stop at w₁′ and w₂′ (the notes do not update the biases).
NOTES_CLAIMS: dict[str, float] = {
    "net": 0.9775,
    "out": 0.2734,
    "error": 0.03468978,
    "dE_dout": 0.2634,
    "dout_dnet": 0.19865244,
    "grad_w1": 0.0002616,
    "grad_w2": 0.0052325,
    "new_w1": 0.004994768,
    "new_w2": 0.0989535,
}


@dataclass(frozen=True, slots=True)
class Finding:
    """The verdict on one claimed value."""

    key: str
    label: str
    claimed: float
    correct: float
    ok: bool
    #: Why it is wrong, for a learner ("" when it is right).
    hint: str
    #: Wrong only because an earlier claimed value was wrong (it follows from it correctly).
    consequential: bool = False
    #: For a consequential finding: the keys of the earlier slips to fix first.
    fix_first: tuple[str, ...] = ()


def supports(model: object) -> bool:
    """Whether hand calculations of ``model`` can be checked (the neuron's, for now)."""
    return model is NEURON


def quantity(key: str) -> Quantity:
    """The quantity with this key, with a message listing the valid keys."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise ValueError(f"unknown quantity {key!r}; choose one of {', '.join(_BY_KEY)}") from None


def correct_values(snapshot: Snapshot, config: NeuronConfig) -> dict[str, float]:
    """Every quantity's correct value, in chain order."""
    new = update(snapshot, config)
    values = {q.key: getattr(snapshot, q.key) for q in QUANTITIES if not q.key.startswith("new_")}
    values.update({f"new_{p}": getattr(new, p) for p in ("w1", "w2", "b1", "b2")})
    return {q.key: values[q.key] for q in QUANTITIES}


def tolerance(
    key: str, snapshot: Snapshot, config: NeuronConfig, rel_tol: float = REL_TOL
) -> float:
    """How far a claimed value of ``key`` may be from the correct one and still pass."""
    quantity(key)
    scales = _all_scales(correct_values(snapshot, config), snapshot.params, config, rel_tol)
    return max(rel_tol * scales[key], ABS_FLOOR)


def first_wrong(findings: Iterable[Finding]) -> Finding | None:
    """The first wrong finding in chain order that is not merely consequential, if any."""
    ordered = sorted(findings, key=lambda f: _ORDER.get(f.key, len(_ORDER)))
    return next((f for f in ordered if not f.ok and not f.consequential), None)


def diagnose(
    snapshot: Snapshot,
    config: NeuronConfig,
    claimed: Mapping[str, float | None],
    rel_tol: float = REL_TOL,
) -> list[Finding]:
    """One :class:`Finding` per claimed value (``None`` = not checked), in chain order.

    ``snapshot`` is the state the learner started from, evaluated under ``config``
    (``evaluate(params, config)``). Raises ValueError for a key not in :data:`QUANTITIES`.
    """
    for key in claimed:
        quantity(key)
    given = {k: float(v) for k, v in claimed.items() if v is not None}
    params = snapshot.params
    correct = correct_values(snapshot, config)
    scales = _all_scales(correct, params, config, rel_tol)
    own = {k: given.get(k, v) for k, v in correct.items()}
    own_scales = _all_scales(own, params, config, rel_tol)
    checker = _Checker(params, config, rel_tol, _other_convention(params, config))

    findings: list[Finding] = []
    by_key: dict[str, Finding] = {}
    for q in QUANTITIES:
        if q.key not in given:
            continue
        c, v = given[q.key], correct[q.key]
        tol = max(rel_tol * scales[q.key], ABS_FLOOR)
        if not math.isfinite(c):
            finding = Finding(q.key, q.label, c, v, False, "is not a finite number")
        elif _close(c, v, tol) or (_significant_digits(c) >= _MIN_DIGITS and _rounds_to(v, c)):
            finding = Finding(q.key, q.label, c, v, True, "")
        else:
            wrong_inputs = [k for k in q.inputs if k in by_key and not by_key[k].ok]
            finding = _wrong(q, c, v, tol, wrong_inputs, by_key, own, own_scales, correct, checker)
        findings.append(finding)
        by_key[q.key] = finding
    return findings


def _wrong(
    q: Quantity,
    c: float,
    v: float,
    tol: float,
    wrong_inputs: list[str],
    by_key: dict[str, Finding],
    own: dict[str, float],
    own_scales: dict[str, float],
    correct: dict[str, float],
    checker: _Checker,
) -> Finding:
    params, config, rel_tol = checker.params, checker.config, checker.rel_tol
    mine = None  # what the learner's own earlier values give
    if wrong_inputs:
        mine = _compute(q.key, own, params, config)
    if mine is not None:
        mine_tol = max(
            rel_tol * _scale(q.key, {**own, q.key: mine}, own_scales, params, config, rel_tol),
            ABS_FLOOR,
        )
        if _close(c, mine, mine_tol):
            roots: list[str] = []
            for k in wrong_inputs:
                for root in by_key[k].fix_first or (k,):
                    if root not in roots:
                        roots.append(root)
            roots.sort(key=_ORDER.__getitem__)
            direct = " and ".join(_BY_KEY[k].label for k in wrong_inputs)
            which = "s" if len(wrong_inputs) > 1 else ""
            fix = "that" if roots == wrong_inputs else " and ".join(_BY_KEY[k].label for k in roots)
            hint = f"follows correctly from your earlier value{which} of {direct}; fix {fix} first"
            return Finding(q.key, q.label, c, v, False, hint, True, tuple(roots))
        worked = f"{_expression(q.key, _numbers(own, params), config)} = {_num(mine)}"
        hint = checker.explain(q.key, c, mine, mine_tol, own)
        if hint is not None:
            labels = " and ".join(_BY_KEY[k].label for k in wrong_inputs)
            verb = "are" if len(wrong_inputs) > 1 else "is"
            hint += f"; from your earlier values, {worked} (and your {labels} {verb} wrong too)"
            return Finding(q.key, q.label, c, v, False, hint)
    hint = checker.explain(q.key, c, v, tol, correct)
    if hint is None:
        hint = (
            f"differs from what your earlier values give: {worked}"
            if mine is not None
            else "differs from the correct value"
        )
    return Finding(q.key, q.label, c, v, False, hint)


# --- Computing a quantity from earlier values, its scale, and its formula ---------------


def _compute(key: str, vals: Mapping[str, float], p: NeuronParams, config: NeuronConfig):
    """``key`` computed from earlier quantities' values (None if undefined there)."""
    act, loss = get_activation(config.activation), get_loss(config.loss)
    try:
        if key == "net":
            value = p.i1 * p.w1 + p.b1 + p.i2 * p.w2 + p.b2
        elif key == "out":
            value = act.f(vals["net"])
        elif key == "error":
            value = loss.f(p.target, vals["out"])
        elif key == "dE_dout":
            value = loss.derivative(p.target, vals["out"])
        elif key == "dout_dnet":
            value = act.derivative(vals["net"], vals["out"])
        elif key.startswith("grad_"):
            value = vals["dE_dout"] * vals["dout_dnet"] * _local(key, p)
        else:
            name = key.removeprefix("new_")
            value = getattr(p, name)
            if name in config.trainable:
                value -= p.eta * vals[f"grad_{name}"]
    except (ArithmeticError, ValueError):
        return None
    return value if math.isfinite(value) else None


def _local(key: str, p: NeuronParams) -> float:
    """∂net/∂(parameter) for grad_<parameter>."""
    return {"grad_w1": p.i1, "grad_w2": p.i2}.get(key, 1.0)


def _derivatives(fn: Callable[[float], float], x: float) -> tuple[float, float]:
    """|fn′(x)| and |fn″(x)| by central differences; 0 where fn is undefined nearby."""
    h = 1e-4 * max(abs(x), 1e-2)
    try:
        low, mid, high = fn(x - h), fn(x), fn(x + h)
    except (ArithmeticError, ValueError):
        return 0.0, 0.0
    first, second = (high - low) / (2.0 * h), (high - 2.0 * mid + low) / (h * h)
    return (
        abs(first) if math.isfinite(first) else 0.0,
        abs(second) if math.isfinite(second) else 0.0,
    )


def _propagated(fn: Callable[[float], float], x: float, scale: float, rel_tol: float) -> float:
    """How much ``fn`` can move when ``x`` moves by ``rel_tol × scale``, over ``rel_tol``.

    First order plus the second-order term, which matters where the slope is 0 (E at
    its minimum, out(1 − out) at out = ½).
    """
    first, second = _derivatives(fn, x)
    return first * scale + 0.5 * second * rel_tol * scale * scale


#: Activations that are straight lines apart from a kink: no curvature to propagate.
_PIECEWISE_LINEAR = frozenset({"relu", "linear"})


def _scale(
    key: str,
    vals: Mapping[str, float],
    scales: Mapping[str, float],
    p: NeuronParams,
    config: NeuronConfig,
    rel_tol: float,
) -> float:
    """|value| plus the propagated magnitudes of what it is computed from."""
    act, loss = get_activation(config.activation), get_loss(config.loss)
    net, out, t = vals["net"], vals["out"], p.target
    smooth = config.activation not in _PIECEWISE_LINEAR
    if key == "net":
        s = abs(p.i1 * p.w1) + abs(p.b1) + abs(p.i2 * p.w2) + abs(p.b2)
    elif key == "out":
        s = abs(out) + abs(act.derivative(net, out)) * scales["net"]
        if smooth:
            s = abs(out) + _propagated(act.f, net, scales["net"], rel_tol)
    elif key == "error":
        s = abs(vals["error"]) + _propagated(lambda o: loss.f(t, o), out, scales["out"], rel_tol)
    elif key == "dE_dout":
        s = abs(vals["dE_dout"]) + _propagated(
            lambda o: loss.derivative(t, o), out, scales["out"], rel_tol
        )
    elif key == "dout_dnet":
        s = abs(vals["dout_dnet"])
        if smooth:
            s += _propagated(lambda o: act.derivative(net, o), out, scales["out"], rel_tol)
    elif key.startswith("grad_"):
        d, slope = vals["dE_dout"], vals["dout_dnet"]
        sd, ss = scales["dE_dout"], scales["dout_dnet"]
        s = abs(_local(key, p)) * (sd * abs(slope) + abs(d) * ss + rel_tol * sd * ss)
        s = max(s, abs(vals[key]))
    else:
        name = key.removeprefix("new_")
        s = abs(getattr(p, name))
        if name in config.trainable:
            s += abs(p.eta) * scales[f"grad_{name}"]
        s = max(s, abs(vals[key]))
    return s if math.isfinite(s) else math.inf


def _all_scales(
    vals: Mapping[str, float], p: NeuronParams, config: NeuronConfig, rel_tol: float
) -> dict[str, float]:
    scales: dict[str, float] = {}
    for q in QUANTITIES:
        scales[q.key] = _scale(q.key, vals, scales, p, config, rel_tol)
    return scales


def _close(a: float, b: float, tol: float) -> bool:
    if not (math.isfinite(a) and math.isfinite(b)):
        return False
    # A scale that overflowed (a learner's 1e300) gives no tolerance, not an infinite one.
    return abs(a - b) <= tol if math.isfinite(tol) else a == b


def _num(x: float) -> str:
    """About 8 significant digits with a real minus sign."""
    if math.isnan(x):
        return "NaN"
    return f"{x:.8g}".replace("-", MINUS).replace("inf", "∞")


def _arg(x: float) -> str:
    text = _num(x)
    return f"({text})" if text.startswith(MINUS) else text


_OUT = {
    "sigmoid": "1/(1 + e^−{net})",
    "sigmoid-flipped": "1/(1 + e^{net})",
    "tanh": "tanh({net})",
    "relu": "max(0, {net})",
    "linear": "{net}",
}
_SLOPE = {
    "sigmoid": "{out} × (1 − {out})",
    "sigmoid-flipped": "−{out} × (1 − {out})",
    "tanh": "1 − {out}²",
    "relu": "(1 if {net} > 0, else 0)",
    "linear": "1",
}
_ERROR = {
    "half-sse": "½ × ({target} − {out})²",
    "mse": "({target} − {out})²",
    "bce": "−[{target} × ln {out} + (1 − {target}) × ln(1 − {out})]",
}
_DELTA = {
    "half-sse": "{out} − {target}",
    "mse": "2 × ({out} − {target})",
    "bce": "({out} − {target}) / ({out} × (1 − {out}))",
}

_SYMBOLS: dict[str, str] = {
    "net": "net",
    "out": "out",
    "target": "target",
    "eta": "η",
    "dE_dout": "∂E/∂out",
    "dout_dnet": "∂out/∂net",
    **{name: _sym(name) for name in ("i1", "i2", "w1", "w2", "b1", "b2")},
    **{f"grad_{name}": f"∂E/∂{_sym(name)}" for name in ("w1", "w2", "b1", "b2")},
}


def _numbers(vals: Mapping[str, float], p: NeuronParams) -> dict[str, str]:
    """The placeholders of :func:`_expression` filled with numbers."""
    names = {k: _arg(v) for k, v in vals.items()}
    names.update({k: _arg(v) for k, v in p.as_dict().items()})
    return names


def _expression(key: str, names: Mapping[str, str], config: NeuronConfig) -> str:
    """How ``key`` is computed, with ``names`` (symbols or numbers) substituted."""
    n = names
    if key == "net":
        return f"{n['i1']} × {n['w1']} + {n['b1']} + {n['i2']} × {n['w2']} + {n['b2']}"
    if key == "out":
        return _OUT.get(config.activation, "f({net})").format(**n)
    if key == "error":
        return _ERROR.get(config.loss, "E({target}, {out})").format(**n)
    if key == "dE_dout":
        return _DELTA.get(config.loss, "∂E/∂out({out})").format(**n)
    if key == "dout_dnet":
        return _SLOPE.get(config.activation, "f′({net})").format(**n)
    if key.startswith("grad_"):
        local = {"grad_w1": n["i1"], "grad_w2": n["i2"]}.get(key, "1")
        return f"{n['dE_dout']} × {n['dout_dnet']} × {local}"
    name = key.removeprefix("new_")
    if name in config.trainable:
        return f"{n[name]} − {n['eta']} × {n['grad_' + name]}"
    return f"{n[name]} (frozen)"


# --- Recognising slips ------------------------------------------------------------------

_STANDARD = "1/(1+e^−net)"
_FLIPPED = "1/(1+e^net)"


def _other_convention(p: NeuronParams, config: NeuronConfig):
    """The config with the other sigmoid sign and its correct values, if it applies."""
    other = {"sigmoid": "sigmoid-flipped", "sigmoid-flipped": "sigmoid"}.get(config.activation)
    if other is None:
        return None
    alt = replace(config, activation=other)
    try:
        return alt, correct_values(evaluate(p, alt), alt)
    except (ArithmeticError, ValueError):
        return alt, None


def _significant_digits(x: float) -> int:
    """Significant digits of the shortest text for x: 0.0071 -> 2, 0.19865244 -> 8."""
    mantissa = repr(abs(x)).split("e")[0].replace(".", "").strip("0")
    return len(mantissa)


def _rounds_to(x: float, c: float) -> bool:
    """Whether ``x`` rounded to as many significant digits as ``c`` shows is ``c``."""
    digits = _significant_digits(c)
    return digits > 0 and math.isfinite(x) and float(f"{x:.{digits}g}") == c


def _digit_slip(c: float, x: float) -> str | None:
    """One digit wrong, or two neighbouring digits swapped, at the learner's precision."""
    text = repr(c)
    if "e" in text or _significant_digits(c) < 3 or (c < 0) != (x < 0):
        return None
    decimals = len(text.split(".")[1]) if "." in text else 0
    mine, right = f"{abs(c):.{decimals}f}", f"{abs(x):.{decimals}f}"
    if len(mine) != len(right):
        return None
    diffs = [i for i, (a, b) in enumerate(zip(mine, right, strict=True)) if a != b]
    if len(diffs) == 1 and diffs[0] < len(mine) - 1:  # the last digit is rounding
        return "one digit is off (a copying or arithmetic slip)"
    if (
        len(diffs) == 2
        and diffs[1] == diffs[0] + 1
        and mine[diffs[0]] == right[diffs[1]]
        and mine[diffs[1]] == right[diffs[0]]
    ):
        return "two neighbouring digits are swapped (a copying slip)"
    return None


@dataclass(frozen=True, slots=True)
class _Checker:
    params: NeuronParams
    config: NeuronConfig
    rel_tol: float
    other: tuple[NeuronConfig, dict[str, float] | None] | None

    def explain(
        self, key: str, c: float, x: float, tol: float, vals: Mapping[str, float]
    ) -> str | None:
        """The likely slip that turns the reference ``x`` into the claimed ``c``, if any.

        ``vals`` are the values ``x`` was computed from (the correct ones, or the
        learner's own when earlier values are wrong).
        """
        for check in (
            self._factor_of_ten,
            self._sign,
            self._factor_of_two,
            self._forms,
        ):
            hint = check(key, c, x, tol, vals)
            if hint is not None:
                return hint
        return _digit_slip(c, x) or self._close_but_rounded(c, x, tol)

    def _factor_of_ten(self, key, c, x, tol, vals):
        if abs(x) <= 2.0 * tol:
            return None
        for k in (1, -1, 2, -2, 3, -3):
            factor = 10.0**k
            for sign in (1.0, -1.0):
                if _close(sign * c / factor, x, tol):
                    n = 10 ** abs(k)
                    size = "large" if k > 0 else "small"
                    if sign > 0:
                        return (
                            f"off by a factor of {n}: check the decimal point "
                            f"(yours is {n} times too {size})"
                        )
                    return (
                        f"off by a factor of {n} and the sign is wrong: check the decimal "
                        f"point and the sign (yours is {n} times too {size})"
                    )
        return None

    def _sign(self, key, c, x, tol, vals):
        negated = abs(x) > 2.0 * tol and _close(-c, x, tol)
        prefix = "right size, wrong sign: " if negated else ""
        if self.other is not None:
            alt_config, alt_correct = self.other
            alts = [_compute(key, vals, self.params, alt_config)]
            if alt_correct is not None:
                alts.append(alt_correct[key])
            for alt in alts:
                if (
                    alt is not None
                    and not _close(alt, x, tol)
                    and _close(c, alt, max(tol, 2.0 * self.rel_tol * abs(alt)))
                ):
                    return prefix + self._convention(key)
        if not negated:
            return None
        if key == "dE_dout" and self.config.loss in _DELTA_SIGN:
            return prefix + _DELTA_SIGN[self.config.loss]
        return "right size, wrong sign"

    def _convention(self, key: str) -> str:
        standard = self.config.activation == "sigmoid"
        if key == "out":
            if standard:
                return (
                    f"this is the value for {_FLIPPED} (sigmoid with the sign flipped); "
                    f"the standard sigmoid is {_STANDARD}"
                )
            return (
                f"this is the standard sigmoid {_STANDARD}; this neuron uses {_FLIPPED} "
                "(the sign flipped, as the notes print it)"
            )
        if key == "dout_dnet":
            if standard:
                return (
                    f"−out(1−out) is the derivative of {_FLIPPED}; for the standard sigmoid "
                    f"{_STANDARD} it is out(1−out)"
                )
            return (
                "out(1−out) is the derivative of the standard sigmoid; "
                f"for {_FLIPPED} it is −out(1−out)"
            )
        if standard:
            return (
                f"this is the value for {_FLIPPED} (sigmoid with the sign flipped); "
                f"the standard sigmoid is {_STANDARD}"
            )
        return (
            f"this is the value for the standard sigmoid {_STANDARD}; this neuron uses {_FLIPPED}"
        )

    def _factor_of_two(self, key, c, x, tol, vals):
        if key not in ("error", "dE_dout") or abs(x) <= 2.0 * tol:
            return None
        if _close(c / 2.0, x, tol):
            return self._factor_two_hint("twice", key)
        if _close(c * 2.0, x, tol):
            return self._factor_two_hint("half", key)
        return None

    def _factor_two_hint(self, size: str, what: str) -> str:
        specific = _FACTOR_TWO.get((self.config.loss, size, what))
        if specific is not None:
            return f"{size} what it should be: {specific}"
        return f"{size} what it should be: a factor 2 too many or too few? ({_HALF} vs {_MSE})"

    def _forms(self, key, c, x, tol, vals):
        name = key.removeprefix("new_")
        if name != key and name not in self.config.trainable:
            # A frozen parameter keeps its value, whatever the gradient says.
            return f"{_sym(name)} is frozen (not trained) here, so {_sym(name)}′ = {_sym(name)}"
        for value, scale, hint in self._candidates(key, vals):
            if value is None or _close(value, x, tol):
                continue
            if _close(c, value, max(2.0 * self.rel_tol * scale, ABS_FLOOR)):
                return hint
        return None

    def _candidates(self, key: str, vals: Mapping[str, float]):
        """(value, magnitude of its terms, hint) for slips particular to ``key``."""
        p = self.params
        if key == "net":
            a, b = p.i1 * p.w1, p.i2 * p.w2
            terms = abs(a) + abs(b) + abs(p.b1) + abs(p.b2)
            yield a + b, terms, "left out the biases: net = i₁·w₁ + b₁ + i₂·w₂ + b₂"
            yield a + b + p.b2, terms, "left out b₁: net = i₁·w₁ + b₁ + i₂·w₂ + b₂"
            yield a + b + p.b1, terms, "left out b₂: net = i₁·w₁ + b₁ + i₂·w₂ + b₂"
        elif key == "error" and self.config.loss in ("half-sse", "mse"):
            d = p.target - vals["out"]
            square = "½(target − out)²" if self.config.loss == "half-sse" else "(target − out)²"
            for value in (d, -d):
                yield value, abs(p.target) + abs(vals["out"]), f"not squared: E = {square}"
        elif key.startswith("grad_"):
            d, s, local = vals["dE_dout"], vals["dout_dnet"], _local(key, p)
            name = _sym(key.removeprefix("grad_"))
            if key in ("grad_w1", "grad_w2"):
                i, other = ("i₁", "i₂") if key == "grad_w1" else ("i₂", "i₁")
                other_local = p.i2 if key == "grad_w1" else p.i1
                yield d * s, abs(d * s), f"left out the last factor ∂net/∂{name} = {i}"
                yield (
                    d * s * other_local,
                    abs(d * s * other_local),
                    f"used {other}, but ∂net/∂{name} = {i}",
                )
            else:
                for i in (p.i1, p.i2):
                    yield d * s * i, abs(d * s * i), f"∂net/∂{name} = 1: a bias has no input factor"
            yield d * local, abs(d * local), "left out the factor ∂out/∂net"
            yield s * local, abs(s * local), "left out the factor ∂E/∂out"
            # With the notes' inputs (i₂ = 2·i₁) a factor 2 can also be a swapped input,
            # which is checked above; otherwise suspect the loss.
            for factor, size in ((2.0, "twice"), (0.5, "half")):
                value = factor * d * s * local
                yield value, abs(value), self._factor_two_hint(size, "grad")
        elif key.startswith("new_"):
            name = key.removeprefix("new_")
            old, eta, sym = getattr(p, name), p.eta, _sym(name)
            g = vals[f"grad_{name}"]
            step = eta * g
            rule = f"{sym}′ = {sym} − η·∂E/∂{sym}"
            yield step, abs(step), f"you wrote η × ∂E/∂{sym} but forgot to subtract it from {sym}"
            yield -step, abs(step), f"you wrote −η × ∂E/∂{sym} but forgot to add {sym}: {rule}"
            yield old - g, abs(old) + abs(g), f"forgot η: {rule}"
            yield old + step, abs(old) + abs(step), f"moved uphill: {rule}, not +"
            yield old + g, abs(old) + abs(g), f"forgot η and moved uphill: {rule}"
            yield old, abs(old), f"unchanged, but {sym} is trained: {rule}"

    def _close_but_rounded(self, c: float, x: float, tol: float) -> str | None:
        if abs(c - x) > 20.0 * tol:
            return None
        digits = _significant_digits(c)
        if 0 < digits < _MIN_DIGITS and _rounds_to(x, c):
            return (
                f"right to the {digits} significant digit{'s' if digits > 1 else ''} you "
                "wrote; keep at least 4"
            )
        return "close, but not to 4 significant digits: keep more digits in every step"


_DELTA_SIGN = {
    "half-sse": "∂E/∂out = out − target (the inner derivative of target − out is −1)",
    "mse": "∂E/∂out = 2(out − target) (the inner derivative of target − out is −1)",
}

_HALF, _MSE = "½(target − out)² (half-SSE)", "(target − out)² (MSE)"
_FACTOR_TWO = {
    ("half-sse", "twice", "error"): f"that is {_MSE}; here E = {_HALF}",
    ("half-sse", "twice", "dE_dout"): (
        f"2(out − target) is the derivative of {_MSE}; for {_HALF} it is out − target"
    ),
    ("half-sse", "twice", "grad"): f"is your ∂E/∂out from {_MSE} instead of {_HALF}?",
    ("mse", "half", "error"): f"that is {_HALF}; here E = {_MSE}",
    ("mse", "half", "dE_dout"): (
        f"out − target is the derivative of {_HALF}; for {_MSE} it is 2(out − target)"
    ),
    ("mse", "half", "grad"): f"is your ∂E/∂out from {_HALF} instead of {_MSE}?",
}
