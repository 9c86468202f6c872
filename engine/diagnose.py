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

A hint is data, an :class:`engine.messages.Message` (a ``check.*`` code and its values:
symbols, formulas, nested messages), phrased in English by :attr:`Finding.hint` and in the
window's language by ``widgets.messages.phrase``; numbers in it use a real minus sign
(U+2212).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache

from .activations import get_activation
from .losses import get_loss
from .messages import Message, english
from .models import ETA, LEAF_KINDS, NEURON, Config, Model, State, Values, local_key
from .models.chain import Factor, Product, Sum, chain
from .numbers import display_number, operand

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
    #: The model it belongs to.
    model: Model = NEURON

    def value(self, snapshot: State, config: Config) -> float:
        """The correct value: read from the state; updates via the model's update."""
        return correct_values(snapshot, config)[self.key]

    def formula(self, config: Config) -> str:
        """How it is computed under ``config``, in symbols, e.g. "out − target"."""
        return _expression(self.model, self.key, _symbols(self.model), config) or self.label


_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _sym(name: str) -> str:
    """w1 -> w₁, eta -> η; names with an underscore (net_h1) stay as they are."""
    if name == ETA:
        return "η"
    if "_" in name:
        return name
    head = name.rstrip("0123456789")
    return head + name[len(head) :].translate(_SUB)


def _labels(model: Model) -> dict[str, str]:
    labels = {name: _sym(name) for name in model.fields}
    for net, out in model.units:
        labels[net], labels[out] = _sym(net), _sym(out)
        labels[local_key(out, net)] = f"∂{_sym(out)}/∂{_sym(net)}"
    for out, _ in model.outputs:
        labels[local_key("E", out)] = f"∂E/∂{_sym(out)}"
    labels["error"] = "E"
    for p in model.parameters:
        labels[f"grad_{p}"] = f"∂E/∂{_sym(p)}"
        labels[f"new_{p}"] = f"{_sym(p)}′"
    return labels


@cache
def quantities(model: Model) -> tuple[Quantity, ...]:
    """A model's quantities, in the order a hand calculation produces them: the forward
    pass, E, the chain-rule factors from the outputs back, the gradients (the last layer
    first), the updates."""
    labels = _labels(model)
    ops = {n.name for n in model.nodes if n.kind not in LEAF_KINDS}
    found: list[Quantity] = []
    for net, out in model.units:
        sources = [i for term in model.node(net).inputs for i in _term_sources(model, term)]
        found.append(Quantity(net, labels[net], tuple(s for s in sources if s in ops), model))
        found.append(Quantity(out, labels[out], (net,), model))
    outs = tuple(o for o, _ in model.outputs)
    found.append(Quantity("error", "E", outs, model))
    for out in outs:
        key = local_key("E", out)
        found.append(Quantity(key, labels[key], (out,), model))
    for net, out in reversed(model.units):
        key = local_key(out, net)
        found.append(Quantity(key, labels[key], (net, out), model))
    depth = _depths(model)
    for p in sorted(model.parameters, key=lambda p: -depth[p]):  # stable: model order
        sources = _factor_sources(chain(model, _Zeros(), p))
        inputs = tuple(k for k in sources if k in labels and k not in model.fields)
        found.append(Quantity(f"grad_{p}", labels[f"grad_{p}"], inputs, model))
    for p in model.parameters:
        found.append(Quantity(f"new_{p}", labels[f"new_{p}"], (f"grad_{p}",), model))
    return tuple(found)


class _Zeros(dict):
    """A stand-in state for walking a chain's structure (every value 0)."""

    def __missing__(self, key: str) -> float:
        return 0.0


def _term_sources(model: Model, term: str) -> tuple[str, ...]:
    node = model.node(term)
    return node.inputs if node.kind == "product" else (term,)


def _depths(model: Model) -> dict[str, int]:
    """For each parameter, how deep in the network the sum it feeds sits: parameters of
    later layers are deeper, and their gradients are computed first."""
    depth: dict[str, int] = {}
    for n in model.nodes:
        depth[n.name] = max((depth[i] + 1 for i in n.inputs), default=0)
    users: dict[str, list[str]] = {}
    for n in model.nodes:
        for i in n.inputs:
            users.setdefault(i, []).append(n.name)

    def net_depth(name: str) -> int:
        found = [u for u in users.get(name, [])]
        sums = [depth[u] for u in found if model.node(u).kind == "sum"]
        if sums:
            return min(sums)
        return min((net_depth(u) for u in found), default=0)

    return {p: net_depth(p) for p in model.parameters}


def _factor_sources(expr: Product | Sum | Factor) -> list[str]:
    if isinstance(expr, Factor):
        return [expr.source] if expr.source else []
    items = expr.terms if isinstance(expr, Sum) else expr.items
    found: list[str] = []
    for item in items:
        for key in _factor_sources(item):
            if key not in found:
                found.append(key)
    return found


#: The notes' neuron's quantities.
QUANTITIES: tuple[Quantity, ...] = quantities(NEURON)

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
_CLAIMS: dict[str, dict[str, float]] = {NEURON.name: NOTES_CLAIMS}


def claims_for(model: Model) -> dict[str, float]:
    """A worked calculation to fill in for ``model`` (the notes' own numbers), or {}."""
    return dict(_CLAIMS.get(model.name, {}))


@dataclass(frozen=True, slots=True)
class Finding:
    """The verdict on one claimed value."""

    key: str
    label: str
    claimed: float
    correct: float
    ok: bool
    #: Why it is wrong, as a message for a learner (None when it is right).
    message: Message | None
    #: Wrong only because an earlier claimed value was wrong (it follows from it correctly).
    consequential: bool = False
    #: For a consequential finding: the keys of the earlier slips to fix first.
    fix_first: tuple[str, ...] = ()
    #: Its place in the chain (the order of the model's quantities).
    index: int = 0

    @property
    def hint(self) -> str:
        """Why it is wrong, in English ("" when it is right)."""
        return "" if self.message is None else english(self.message)


def _msg(code: str, **values: object) -> Message:
    return Message(code, values)


def supports(model: Model) -> bool:
    """Whether hand calculations of ``model`` can be checked (every model's can)."""
    return bool(quantities(model))


def quantity(key: str, model: Model = NEURON) -> Quantity:
    """The quantity with this key, with a message listing the valid keys."""
    by_key = {q.key: q for q in quantities(model)}
    try:
        return by_key[key]
    except KeyError:
        raise ValueError(f"unknown quantity {key!r}; choose one of {', '.join(by_key)}") from None


def correct_values(snapshot: State, config: Config) -> dict[str, float]:
    """Every quantity's correct value, in chain order."""
    model = snapshot.model
    new = model.update(snapshot, config)
    values = {}
    for q in quantities(model):
        if q.key.startswith("new_"):
            values[q.key] = new[q.key.removeprefix("new_")]
        else:
            values[q.key] = snapshot[q.key]
    return values


def tolerance(key: str, snapshot: State, config: Config, rel_tol: float = REL_TOL) -> float:
    """How far a claimed value of ``key`` may be from the correct one and still pass."""
    quantity(key, snapshot.model)
    scales = _all_scales(correct_values(snapshot, config), snapshot.params, config, rel_tol)
    return max(rel_tol * scales[key], ABS_FLOOR)


def first_wrong(findings: Iterable[Finding]) -> Finding | None:
    """The first wrong finding in chain order that is not merely consequential, if any."""
    ordered = sorted(findings, key=lambda f: f.index)
    return next((f for f in ordered if not f.ok and not f.consequential), None)


def diagnose(
    snapshot: State,
    config: Config,
    claimed: Mapping[str, float | None],
    rel_tol: float = REL_TOL,
) -> list[Finding]:
    """One :class:`Finding` per claimed value (``None`` = not checked), in chain order.

    ``snapshot`` is the state the learner started from, evaluated under ``config``
    (``model.evaluate(values, config)``). Raises ValueError for a key that is not one of
    the model's :func:`quantities`.
    """
    model = snapshot.model
    for key in claimed:
        quantity(key, model)
    given = {k: float(v) for k, v in claimed.items() if v is not None}
    params = snapshot.params
    correct = correct_values(snapshot, config)
    scales = _all_scales(correct, params, config, rel_tol)
    own = {k: given.get(k, v) for k, v in correct.items()}
    own_scales = _all_scales(own, params, config, rel_tol)
    checker = _Checker(params, config, rel_tol, _other_convention(params, config))

    findings: list[Finding] = []
    by_key: dict[str, Finding] = {}
    for index, q in enumerate(quantities(model)):
        if q.key not in given:
            continue
        c, v = given[q.key], correct[q.key]
        tol = max(rel_tol * scales[q.key], ABS_FLOOR)
        if not math.isfinite(c):
            finding = Finding(q.key, q.label, c, v, False, _msg("check.not_finite"))
        elif _close(c, v, tol) or (_significant_digits(c) >= _MIN_DIGITS and _rounds_to(v, c)):
            finding = Finding(q.key, q.label, c, v, True, None)
        else:
            wrong_inputs = [k for k in q.inputs if k in by_key and not by_key[k].ok]
            finding = _wrong(q, c, v, tol, wrong_inputs, by_key, own, own_scales, correct, checker)
        finding = replace(finding, index=index)
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
    model = params.model
    labels = {k.key: k.label for k in quantities(model)}
    order = {k.key: i for i, k in enumerate(quantities(model))}
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
            roots.sort(key=order.__getitem__)
            direct = tuple(labels[k] for k in wrong_inputs)
            code = "check.follows_many" if len(wrong_inputs) > 1 else "check.follows"
            if roots == wrong_inputs:
                hint = _msg(code, values=direct)
            else:
                hint = _msg(code + "_fix", values=direct, fix=tuple(labels[k] for k in roots))
            return Finding(q.key, q.label, c, v, False, hint, True, tuple(roots))
        worked = f"{_expression(model, q.key, _numbers(own, params), config)} = {_num(mine)}"
        hint = checker.explain(q.key, c, mine, mine_tol, own)
        if hint is not None:
            names = tuple(labels[k] for k in wrong_inputs)
            code = "check.own_also_wrong_many" if len(wrong_inputs) > 1 else "check.own_also_wrong"
            hint = _msg(code, hint=hint, worked=worked, values=names)
            return Finding(q.key, q.label, c, v, False, hint)
    hint = checker.explain(q.key, c, v, tol, correct)
    if hint is None:
        hint = (
            _msg("check.differs_own", worked=worked) if mine is not None else _msg("check.differs")
        )
    return Finding(q.key, q.label, c, v, False, hint)


# --- Computing a quantity from earlier values, its scale, and its formula ---------------


class _Lookup(dict):
    """Quantity values, falling back to the fields: what a chain reads its factors from."""

    def __init__(self, vals: Mapping[str, float], p: Values) -> None:
        super().__init__(vals)
        self.p = p

    def __missing__(self, key: str) -> float:
        return self.p[key]


def _value(key: str, vals: Mapping[str, float], p: Values) -> float:
    return vals[key] if key in vals else p[key]


def _net_terms(model: Model, net: str) -> list[tuple[str, ...]]:
    """The terms a net adds, in order: (source, weight) for a product, (bias,) for a bias."""
    return [_term_sources(model, term) for term in model.node(net).inputs]


def _compute(key: str, vals: Mapping[str, float], p: Values, config: Config):
    """``key`` computed from earlier quantities' values (None if undefined there)."""
    model = p.model
    act, loss = get_activation(config.activation), get_loss(config.loss)
    kind, net, out = _kind(model, key)
    try:
        if kind == "net":
            value = 0.0
            for k, term in enumerate(_net_terms(model, key)):
                part = math.prod(_value(x, vals, p) for x in term)
                value = part if k == 0 else value + part
        elif kind == "out":
            value = act.f(vals[net])
        elif kind == "error":
            terms = [loss.f(p[t], vals[o]) for o, t in model.outputs]
            value = 0.0
            for k, term in enumerate(terms):
                value = term if k == 0 else value + term
            if loss.mean and len(terms) > 1:
                value /= len(terms)
        elif kind == "delta":
            value = loss.derivative(p[net], vals[out])  # net is the target here
            if loss.mean and len(model.outputs) > 1:
                value /= len(model.outputs)
        elif kind == "slope":
            value = act.derivative(vals[net], vals[out])
        elif kind == "grad":
            value = chain(model, _Lookup(vals, p), key.removeprefix("grad_")).value
        else:
            name = key.removeprefix("new_")
            value = p[name]
            if name in config.trainable:
                value -= p.eta * vals[f"grad_{name}"]
    except (ArithmeticError, ValueError):
        return None
    return value if math.isfinite(value) else None


@cache
def _kinds(model: Model) -> dict[str, tuple[str, str, str]]:
    """Per quantity key: (kind, net or target, out) — what sort of number it is."""
    kinds: dict[str, tuple[str, str, str]] = {"error": ("error", "", "")}
    for net, out in model.units:
        kinds[net] = ("net", net, out)
        kinds[out] = ("out", net, out)
        kinds[local_key(out, net)] = ("slope", net, out)
    for out, target in model.outputs:
        kinds[local_key("E", out)] = ("delta", target, out)
    for p in model.parameters:
        kinds[f"grad_{p}"] = ("grad", "", "")
        kinds[f"new_{p}"] = ("new", "", "")
    return kinds


def _kind(model: Model, key: str) -> tuple[str, str, str]:
    return _kinds(model)[key]


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
    p: Values,
    config: Config,
    rel_tol: float,
) -> float:
    """|value| plus the propagated magnitudes of what it is computed from."""
    model = p.model
    act, loss = get_activation(config.activation), get_loss(config.loss)
    smooth = config.activation not in _PIECEWISE_LINEAR
    kind, net, out = _kind(model, key)
    if kind == "net":
        s = 0.0
        for term in _net_terms(model, key):
            s += abs(math.prod(_value(x, vals, p) for x in term))
            if len(term) == 2 and term[0] in vals:  # a hidden unit's output times a weight
                s += abs(p[term[1]]) * scales[term[0]]
    elif kind == "out":
        n, o = vals[net], vals[out]
        s = abs(o) + abs(act.derivative(n, o)) * scales[net]
        if smooth:
            s = abs(o) + _propagated(act.f, n, scales[net], rel_tol)
    elif kind == "error":
        s = abs(vals["error"])
        for o, t in model.outputs:
            s += _propagated(lambda x, t=p[t]: loss.f(t, x), vals[o], scales[o], rel_tol)
    elif kind == "delta":
        t = p[net]
        s = abs(vals[key]) + _propagated(
            lambda o: loss.derivative(t, o), vals[out], scales[out], rel_tol
        )
    elif kind == "slope":
        n = vals[net]
        s = abs(vals[key])
        if smooth:
            s += _propagated(lambda o: act.derivative(n, o), vals[out], scales[out], rel_tol)
    elif kind == "grad":
        expr = chain(model, _Lookup(vals, p), key.removeprefix("grad_"))
        s = max(_expr_scale(expr, scales, rel_tol), abs(vals[key]))
    else:
        name = key.removeprefix("new_")
        s = abs(p[name])
        if name in config.trainable:
            s += abs(p.eta) * scales[f"grad_{name}"]
        s = max(s, abs(vals[key]))
    return s if math.isfinite(s) else math.inf


def _expr_scale(expr: Product | Sum | Factor, scales: Mapping[str, float], rel_tol: float):
    """How much a chain can move, over ``rel_tol``, when its factors move by their scales:
    (Π(|f| + rel_tol·s) − Π|f|) / rel_tol for a product, the sum of the terms' for a sum."""
    if isinstance(expr, Factor):
        return scales.get(expr.source, 0.0)
    if isinstance(expr, Sum):
        return sum(_expr_scale(t, scales, rel_tol) for t in expr.terms)
    exact = math.prod(abs(item.value) for item in expr.items)
    moved = math.prod(
        abs(item.value) + rel_tol * _expr_scale(item, scales, rel_tol) for item in expr.items
    )
    return (moved - exact) / rel_tol


def _all_scales(vals: Mapping[str, float], p: Values, config: Config, rel_tol: float):
    scales: dict[str, float] = {}
    for q in quantities(p.model):
        scales[q.key] = _scale(q.key, vals, scales, p, config, rel_tol)
    return scales


def _close(a: float, b: float, tol: float) -> bool:
    if not (math.isfinite(a) and math.isfinite(b)):
        return False
    # A scale that overflowed (a learner's 1e300) gives no tolerance, not an infinite one.
    return abs(a - b) <= tol if math.isfinite(tol) else a == b


def _num(x: float) -> str:
    """About 8 significant digits, as every view shows numbers."""
    return display_number(x, 8)


def _arg(x: float) -> str:
    """A number after an operator (a negative one in parentheses)."""
    return operand(x, 8)


@cache
def _symbols(model: Model) -> dict[str, str]:
    """The placeholders of :func:`_expression` as symbols."""
    return {**_labels(model), "target": "target"} if "target" in model.fields else _labels(model)


def _numbers(vals: Mapping[str, float], p: Values) -> dict[str, str]:
    """The placeholders of :func:`_expression` filled with numbers."""
    names = {k: _arg(v) for k, v in vals.items()}
    names.update({k: _arg(v) for k, v in p.as_dict().items()})
    return names


def _chain_text(expr: Product | Sum | Factor, names: Mapping[str, str], top: bool = True):
    if isinstance(expr, Factor):
        return names.get(expr.source, expr.source) if expr.source else "1"
    if isinstance(expr, Sum):
        text = " + ".join(_chain_text(t, names, False) for t in expr.terms)
        return text if top else f"({text})"
    return " × ".join(_chain_text(item, names, False) for item in expr.items)


def _expression(model: Model, key: str, names: Mapping[str, str], config: Config) -> str:
    """How ``key`` is computed, with ``names`` (symbols or numbers) substituted."""
    n = names
    kind, net, out = _kind(model, key)
    if kind == "net":
        return " + ".join(" × ".join(n[x] for x in term) for term in _net_terms(model, key))
    # The formulas are the activation's and the loss's own (engine.activations/losses).
    if kind == "out":
        return get_activation(config.activation).expression_for(n[net])
    if kind == "error":
        pairs = [(n[t], n[o]) for o, t in model.outputs]
        return get_loss(config.loss).formula_for(pairs, note=False).removeprefix("E = ")
    if kind == "delta":  # here ``net`` is the output's target
        return get_loss(config.loss).derivative_formula_for(n[net], n[out], len(model.outputs))
    if kind == "slope":
        return get_activation(config.activation).derivative_formula_for(n[out], n[net])
    if kind == "grad":
        return _chain_text(chain(model, _Zeros(), key.removeprefix("grad_")), n)
    name = key.removeprefix("new_")
    if name in config.trainable:
        return f"{n[name]} − {n['eta']} × {n['grad_' + name]}"
    return f"{n[name]} (frozen)"


# --- Recognising slips ------------------------------------------------------------------


def _factor_label(factor: Factor) -> str:
    return f"∂{_sym(factor.numerator)}/∂{_sym(factor.denominator)}"


def _first_output(term: Product) -> str:
    first = term.items[0]
    while isinstance(first, Sum):
        first = first.terms[0].items[0]
    return first.denominator


def _other_convention(p: Values, config: Config):
    """The config with the other sigmoid sign and its correct values, if it applies."""
    other = {"sigmoid": "sigmoid-flipped", "sigmoid-flipped": "sigmoid"}.get(config.activation)
    if other is None:
        return None
    alt = replace(config, activation=other)
    try:
        return alt, correct_values(p.model.evaluate(p, alt), alt)
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


def _digit_slip(c: float, x: float) -> Message | None:
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
        return _msg("check.digit")
    if (
        len(diffs) == 2
        and diffs[1] == diffs[0] + 1
        and mine[diffs[0]] == right[diffs[1]]
        and mine[diffs[1]] == right[diffs[0]]
    ):
        return _msg("check.swapped")
    return None


@dataclass(frozen=True, slots=True)
class _Checker:
    params: Values
    config: Config
    rel_tol: float
    other: tuple[Config, dict[str, float] | None] | None

    def kind(self, key: str) -> str:
        return _kind(self.params.model, key)[0]

    def explain(
        self, key: str, c: float, x: float, tol: float, vals: Mapping[str, float]
    ) -> Message | None:
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
                    size = "large" if k > 0 else "small"
                    code = "check.factor_ten_" if sign > 0 else "check.factor_ten_sign_"
                    return _msg(code + size, factor=10 ** abs(k))
        return None

    def _sign(self, key, c, x, tol, vals):
        negated = abs(x) > 2.0 * tol and _close(-c, x, tol)

        def because(reason: Message) -> Message:
            return _msg("check.wrong_sign_because", reason=reason) if negated else reason

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
                    return because(self._convention(key))
        if not negated:
            return None
        if self.kind(key) == "delta" and self.config.loss in _DELTA_SIGN:
            return because(_msg(_DELTA_SIGN[self.config.loss]))
        return _msg("check.wrong_sign")

    def _convention(self, key: str) -> Message:
        standard = self.config.activation == "sigmoid"
        kind = self.kind(key)
        if kind == "out" and not standard:
            return _msg("check.out_standard")
        if kind == "slope":
            return _msg("check.slope_flipped" if standard else "check.slope_standard")
        return _msg("check.value_flipped" if standard else "check.value_standard")

    def _factor_of_two(self, key, c, x, tol, vals):
        what = {"error": "error", "delta": "dE_dout"}.get(self.kind(key))
        if what is None or abs(x) <= 2.0 * tol:
            return None
        if _close(c / 2.0, x, tol):
            return self._factor_two_hint("twice", what)
        if _close(c * 2.0, x, tol):
            return self._factor_two_hint("half", what)
        return None

    def _factor_two_hint(self, size: str, what: str) -> Message:
        specific = _FACTOR_TWO.get((self.config.loss, size, what))
        return _msg(specific if specific is not None else f"check.{size}")

    def _forms(self, key, c, x, tol, vals):
        name = key.removeprefix("new_")
        if name != key and name not in self.config.trainable:
            # A frozen parameter keeps its value, whatever the gradient says.
            return _msg("check.frozen", param=_sym(name))
        for value, scale, hint in self._candidates(key, vals):
            if value is None or _close(value, x, tol):
                continue
            if _close(c, value, max(2.0 * self.rel_tol * scale, ABS_FLOOR)):
                return hint
        return None

    def _candidates(self, key: str, vals: Mapping[str, float]):
        """(value, magnitude of its terms, hint) for slips particular to ``key``."""
        p = self.params
        model = p.model
        kind = _kind(model, key)[0]
        squares = self.config.loss in ("half-sse", "mse")
        if kind == "net":
            yield from self._net_slips(key, vals)
        elif kind == "error" and squares and len(model.outputs) == 1:
            ((o, t),) = model.outputs
            d = p[t] - vals[o]
            names = {"target": _sym(t), "out": _sym(o)}
            square = "({target} − {out})²"
            if self.config.loss == "half-sse":
                square = "½" + square
            for value in (d, -d):
                hint = _msg("check.not_squared", formula=square.format(**names))
                yield value, abs(p[t]) + abs(vals[o]), hint
        elif kind == "grad":
            yield from self._gradient_slips(key, vals)
        elif kind == "new":
            name = key.removeprefix("new_")
            old, eta, sym = p[name], p.eta, _sym(name)
            g = vals[f"grad_{name}"]
            step = eta * g
            rule = f"{sym}′ = {sym} − η·∂E/∂{sym}"
            yield step, abs(step), _msg("check.update_not_subtracted", param=sym)
            yield -step, abs(step), _msg("check.update_no_parameter", param=sym, rule=rule)
            yield old - g, abs(old) + abs(g), _msg("check.update_no_eta", rule=rule)
            yield old + step, abs(old) + abs(step), _msg("check.update_uphill", rule=rule)
            yield old + g, abs(old) + abs(g), _msg("check.update_no_eta_uphill", rule=rule)
            yield old, abs(old), _msg("check.update_unchanged", param=sym, rule=rule)

    def _net_slips(self, key: str, vals: Mapping[str, float]):
        """A net with one or every bias left out."""
        p = self.params
        terms = _net_terms(p.model, key)
        products = [t for t in terms if len(t) == 2]
        biases = [t[0] for t in terms if len(t) == 1]
        parts = [math.prod(_value(x, vals, p) for x in t) for t in products]
        total = 0.0
        for k, part in enumerate(parts):
            total = part if k == 0 else total + part
        size = sum(abs(x) for x in parts) + sum(abs(p[b]) for b in biases)
        formula = f"{_sym(key)} = " + " + ".join("·".join(_sym(x) for x in t) for t in terms)
        if len(biases) > 1:
            yield total, size, _msg("check.no_biases", formula=formula)
        for left_out in biases:
            value = total
            for b in biases:
                if b != left_out:
                    value += p[b]
            yield value, size, _msg("check.no_bias", bias=_sym(left_out), formula=formula)

    def _gradient_slips(self, key: str, vals: Mapping[str, float]):
        """A factor of the chain left out, the wrong input, one path only, a factor 2."""
        p = self.params
        model = p.model
        name = key.removeprefix("grad_")
        expr = chain(model, _Lookup(vals, p), name)
        full = expr.value
        if isinstance(expr, Product):
            items = expr.items
            last = items[-1]
            rest = math.prod(item.value for item in items[:-1])
            sym = _sym(name)
            if isinstance(last, Factor) and last.numerator:
                local = f"∂{_sym(last.numerator)}/∂{sym}"
                sources = [t[0] for t in _net_terms(model, last.numerator) if len(t) == 2]
                if last.source:  # a weight: the input it multiplies
                    i = _sym(last.source)
                    yield rest, abs(rest), _msg("check.no_last_factor", local=local, input=i)
                    for other in sources:
                        if other != last.source:
                            value = rest * _value(other, vals, p)
                            hint = _msg(
                                "check.wrong_input", other=_sym(other), local=local, input=i
                            )
                            yield value, abs(value), hint
                else:  # a bias
                    for source in sources:
                        value = rest * _value(source, vals, p)
                        yield value, abs(value), _msg("check.bias_factor", local=local)
            for k in reversed(range(len(items) - 1)):
                item = items[k]
                if isinstance(item, Factor) and item.numerator:
                    value = math.prod(it.value for j, it in enumerate(items) if j != k)
                    hint = _msg("check.no_factor", factor=_factor_label(item))
                    yield value, abs(value), hint
                elif isinstance(item, Sum):
                    others = math.prod(it.value for j, it in enumerate(items) if j != k)
                    for term in item.terms:
                        value = term.value * others
                        via = _sym(_first_output(term))
                        yield value, abs(value), _msg("check.one_path", via=via, param=sym)
        # A factor 2 too many or too few: suspect the loss.
        for factor, size in ((2.0, "twice"), (0.5, "half")):
            value = factor * full
            yield value, abs(value), self._factor_two_hint(size, "grad")

    def _close_but_rounded(self, c: float, x: float, tol: float) -> Message | None:
        if abs(c - x) > 20.0 * tol:
            return None
        digits = _significant_digits(c)
        if 0 < digits < _MIN_DIGITS and _rounds_to(x, c):
            return _msg("check.rounded", digits=digits) if digits > 1 else _msg("check.rounded_one")
        return _msg("check.close")


#: The message for a ∂E/∂out with the wrong sign, per loss.
_DELTA_SIGN = {"half-sse": "check.delta_sign_half_sse", "mse": "check.delta_sign_mse"}

#: The message for a factor 2 too many or too few, by (loss, "twice"/"half", what).
_FACTOR_TWO = {
    ("half-sse", "twice", "error"): "check.twice_half_sse_error",
    ("half-sse", "twice", "dE_dout"): "check.twice_half_sse_delta",
    ("half-sse", "twice", "grad"): "check.twice_half_sse_grad",
    ("mse", "half", "error"): "check.half_mse_error",
    ("mse", "half", "dE_dout"): "check.half_mse_delta",
    ("mse", "half", "grad"): "check.half_mse_grad",
}
