"""Straight-line Python generated from a model's graph, once per configuration.

The generated code walks :attr:`Model.nodes` exactly as :class:`engine.graph.Graph` does
(forward in order, backward in reverse, each gradient the sum of its contributions in the
order the graph adds them), writing every operation out with no function calls for the
common activations and losses.  So it gives the graph's numbers, bit for bit up to the sign
of a zero, at the speed of a hand-written loop.

Only the engine writes this code, from node names it has checked and templates in
:mod:`engine.activations` and :mod:`engine.losses`; no text a user types ever reaches it.
Variables are numbered (``v3``, ``g3``, ``d3``), so node names need not be identifiers.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..activations import Activation, get_activation
from ..losses import Loss, LossDomainError, get_loss
from .model import ETA, LEAF_KINDS, Model, NodeSpec, local_key


@dataclass(frozen=True, slots=True)
class Code:
    """The generated statements of one forward and backward pass, and where each key lives."""

    fields: dict[str, str]  # field name -> variable
    forward: list[str]
    backward: list[str]
    keys: dict[str, str]  # evaluation key -> variable (or expression)


def generate(model: Model, activation: Activation, loss: Loss, inline: bool) -> Code:
    """Statements for one pass; ``inline`` writes the activation and loss out, else calls
    ``f``, ``df``, ``lf`` and ``ldf`` (the numpy forms, for arrays)."""
    index = {n.name: i for i, n in enumerate(model.nodes)}
    var = {n.name: f"v{i}" for i, n in enumerate(model.nodes)}
    var[ETA] = "eta"
    forward: list[str] = []
    keys: dict[str, str] = {}
    act_code = activation.code if inline else "{y} = f({x})"
    act_derivative = activation.derivative_code if inline else "df({x}, {y})"
    loss_code = loss.code if inline else "lf({t}, {o})"
    loss_derivative = loss.derivative_code if inline else "ldf({t}, {o})"

    # Forward, in node order; the local derivatives of activations and the loss with it.
    local: dict[tuple[str, str], str] = {}  # (node, input) -> variable of d node / d input
    for i, n in enumerate(model.nodes):
        v = var[n.name]
        if n.kind in LEAF_KINDS:
            continue
        ins = [var[x] for x in n.inputs]
        if n.kind == "product":
            forward.append(f"{v} = {ins[0]} * {ins[1]}")
        elif n.kind == "sum":
            forward.append(f"{v} = {' + '.join(ins)}")
        elif n.kind == "activation":
            forward += act_code.format(x=ins[0], y=v).splitlines()
            forward.append(f"d{i} = {act_derivative.format(x=ins[0], y=v)}")
            local[(n.name, n.inputs[0])] = f"d{i}"
            keys[local_key(n.name, n.inputs[0])] = f"d{i}"
        else:
            forward += _loss_lines(i, n, var, loss, loss_code, loss_derivative)
            for k, o in enumerate(n.inputs):
                local[(n.name, o)] = f"d{i}_{k}"
                keys[local_key("E", o)] = f"d{i}_{k}"
        keys["error" if n.kind == "loss" else n.name] = v

    # Backward, in reverse node order, as Graph.backward: every node hands each input its
    # contribution grad(node) × local derivative.  A gradient with one plain contribution is
    # the same number, so it is not copied to a variable of its own.
    contributions: dict[str, list[str]] = {n.name: [] for n in model.nodes}
    grad: dict[str, str] = {}
    backward: list[str] = []
    root = model.loss_node
    for k, o in enumerate(root.inputs):
        contributions[o].append(f"d{index[root.name]}_{k}")  # 1.0 × local
    for n in reversed(model.nodes[:-1]):
        if n.kind in ("input", "target"):
            continue
        terms = contributions[n.name]
        g = f"g{index[n.name]}"
        if not terms:
            backward.append(f"{g} = 0.0")  # E does not depend on this node
        elif len(terms) == 1 and terms[0].isidentifier():
            g = terms[0]
        else:
            backward.append(f"{g} = {' + '.join(terms)}")
        grad[n.name] = g
        keys[f"grad_{n.name}"] = g
        if n.kind == "product":
            a, b = n.inputs
            contributions[a].append(f"{g} * {var[b]}")
            contributions[b].append(f"{g} * {var[a]}")
        elif n.kind == "sum":
            for x in n.inputs:
                contributions[x].append(g)  # × 1.0
        elif n.kind == "activation":
            contributions[n.inputs[0]].append(f"{g} * {local[(n.name, n.inputs[0])]}")
    # Inputs and targets receive contributions the code never needs; drop them.
    fields = {name: var[name] for name in model.fields}
    return Code(fields, forward, backward, {key: keys[key] for key in model.keys})


def _loss_lines(
    i: int, n: NodeSpec, var: dict[str, str], loss: Loss, code: str, derivative: str
) -> list[str]:
    lines = []
    count = len(n.inputs)
    mean = loss.mean and count > 1
    for k, (o, t) in enumerate(zip(n.inputs, n.targets, strict=True)):
        o_var, t_var = var[o], var[t]
        value = code.format(t=t_var, o=o_var)
        slope = derivative.format(t=t_var, o=o_var)
        lines.append(f"e{i}_{k} = {value}")
        lines.append(f"d{i}_{k} = ({slope}) / {count}.0" if mean else f"d{i}_{k} = {slope}")
    total = " + ".join(f"e{i}_{k}" for k in range(count))
    lines.append(f"v{i} = ({total}) / {count}.0" if mean else f"v{i} = {total}")
    return lines


def _namespace(activation: Activation, loss: Loss, arrays: bool) -> dict[str, object]:
    if arrays:
        return {
            "f": activation.np_f,
            "df": activation.np_derivative,
            "lf": loss.np_f,
            "ldf": loss.np_derivative,
        }
    return {
        "exp": math.exp,
        "tanh": math.tanh,
        "lf": loss.f,
        "ldf": loss.derivative,
        "LossDomainError": LossDomainError,
    }


def _compile(source: str, namespace: dict[str, object], name: str, model: Model) -> Callable:
    # compile() with a file name that says where the code came from, for tracebacks.
    exec(compile(source, f"<backprop-lab {model.name} {name}>", "exec"), namespace)
    function = namespace[name]
    function.source = source  # type: ignore[attr-defined]  # for tests and curious readers
    return function  # type: ignore[return-value]


def _indent(lines: list[str], depth: int) -> str:
    pad = "    " * depth
    return "".join(f"{pad}{line}\n" for line in lines)


@lru_cache(maxsize=64)
def evaluator(
    model: Model, activation: str, loss: str
) -> Callable[[Mapping[str, float]], dict[str, float]]:
    """A function from the field values to every key, with inlined operations."""
    act, los = get_activation(activation), get_loss(loss)
    code = generate(model, act, los, inline=True)
    source = (
        "def evaluate(values):\n"
        + _indent([f"{v} = values[{name!r}]" for name, v in code.fields.items()], 1)
        + _indent(code.forward + code.backward, 1)
        + "    return {"
        + ", ".join(f"{key!r}: {v}" for key, v in code.keys.items())
        + "}\n"
    )
    return _compile(source, _namespace(act, los, False), "evaluate", model)


@lru_cache(maxsize=64)
def array_evaluator(
    model: Model, activation: str, loss: str
) -> Callable[[Mapping[str, object]], dict[str, object]]:
    """The same pass on numpy arrays (or floats), calling the numpy forms of f and E."""
    act, los = get_activation(activation), get_loss(loss)
    code = generate(model, act, los, inline=False)
    needed = [name for name in code.fields if name != ETA]
    source = (
        "def evaluate(values):\n"
        + _indent([f"{code.fields[name]} = values[{name!r}]" for name in needed], 1)
        + _indent(code.forward + code.backward, 1)
        + "    return {"
        + ", ".join(f"{key!r}: {v}" for key, v in code.keys.items())
        + "}\n"
    )
    return _compile(source, _namespace(act, los, True), "evaluate", model)


@dataclass(frozen=True, slots=True)
class Block:
    """A compiled training loop for one configuration, and its numpy replay.

    ``run(n, err_tol, grad_tol2, *state)`` does up to ``n`` steps from ``state`` (the values
    of :attr:`state_keys`) and returns ``(rows, stop, state)``: ``rows`` the :attr:`stored`
    values of each step, one flat list; ``stop`` None, ``"error_below"``,
    ``"gradient_norm_below"`` or the LossDomainError that ended the run.

    ``replay(stored, outs, start)`` fills the arrays ``outs`` (one per :attr:`changing`
    column, each as long as the block) from ``stored`` (the block's rows as a
    ``(rows, len(stored))`` array) and ``start`` (the state tuple the block started from):
    it copies the stored columns and recomputes the others with the loop's own arithmetic,
    on arrays, walking each trained parameter's steps from its gradients.
    """

    run: Callable[..., tuple[list[float], object, tuple[float, ...]]]
    state_keys: tuple[str, ...]  # fields, then evaluation keys (gradients) the loop carries
    changing: tuple[str, ...]  # the columns a step changes, in history order
    stored: tuple[str, ...]  # the loop's variables it keeps each step
    replay: Callable[..., None]
    fixed: tuple[str, ...]  # the fields a step does not change
    direct: bool = False  # the loop keeps every changing column, in order: nothing to replay


# -- which lines numpy can replay ------------------------------------------------------------
#
# The loop keeps a step's numbers as Python floats, which costs more than the arithmetic.  A
# line that is plain arithmetic (+, −, ×, unary minus, division by a non-zero constant) gives
# the same bits on float64 arrays: numpy and Python floats both round each operation to
# nearest, one at a time, in the order the expression is written.  Such lines are evaluated
# again on whole blocks, after the loop, which keeps only what the other lines compute (exp,
# tanh, the losses' functions: their numpy forms may differ in the last bit).  A trained
# parameter's column is walked from its gradient's column (see _walk) when that gradient
# does not need the parameter itself; where it does (a linear or ReLU network), the loop
# also keeps a value that breaks the recurrence.  The loop still runs every line it needs;
# none of the replayed lines can raise there (no division by a variable), so replaying them
# changes nothing the loop does.

_ARITHMETIC = (ast.Add, ast.Sub, ast.Mult)
_COMPARISONS = (ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Eq, ast.NotEq)


def _is_number(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) in (int, float)


def _replayable(node: ast.expr) -> bool:
    """Whether numpy evaluates ``node`` to the same bits as Python floats, never raising."""
    if isinstance(node, ast.Name) or _is_number(node):
        return True
    if isinstance(node, ast.UnaryOp):
        return isinstance(node.op, (ast.USub, ast.UAdd)) and _replayable(node.operand)
    if isinstance(node, ast.BinOp):
        if isinstance(node.op, _ARITHMETIC):
            return _replayable(node.left) and _replayable(node.right)
        if isinstance(node.op, ast.Div):  # x / 0.0 raises in Python: constants only
            return _replayable(node.left) and _is_number(node.right) and node.right.value != 0
        return False
    if isinstance(node, ast.IfExp):  # a choice between exact values: numpy.where
        test = node.test
        return (
            isinstance(test, ast.Compare)
            and len(test.ops) == 1
            and isinstance(test.ops[0], _COMPARISONS)
            and _replayable(test.left)
            and _replayable(test.comparators[0])
            and _replayable(node.body)
            and _replayable(node.orelse)
        )
    return False


class _ToWhere(ast.NodeTransformer):
    """``a if test else b`` → ``where(test, a, b)`` (both sides are plain arithmetic)."""

    def visit_IfExp(self, node: ast.IfExp) -> ast.expr:
        self.generic_visit(node)
        call = ast.Call(ast.Name("where", ast.Load()), [node.test, node.body, node.orelse], [])
        return ast.copy_location(call, node)


@dataclass(frozen=True, slots=True)
class _Line:
    """One statement of a step (an if/else block is one): what it assigns and reads."""

    text: list[str]
    targets: frozenset[str]
    loads: frozenset[str]
    expression: ast.expr | None  # the right-hand side of a replayable assignment


def _lines(statements: list[str]) -> list[_Line]:
    tree = ast.parse("\n".join(statements))
    source = "\n".join(statements).splitlines()
    lines = []
    for node in tree.body:
        names = [n for n in ast.walk(node) if isinstance(n, ast.Name)]
        targets = frozenset(n.id for n in names if isinstance(n.ctx, ast.Store))
        loads = frozenset(n.id for n in names if isinstance(n.ctx, ast.Load))
        expression = None
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and _replayable(node.value)
        ):
            expression = node.value
        text = source[node.lineno - 1 : node.end_lineno]
        lines.append(_Line(text, targets, loads, expression))
    assigned = [t for line in lines for t in line.targets]
    if len(assigned) != len(set(assigned)):
        raise ValueError("the generated step assigns a variable twice")  # the replay needs SSA
    return lines


def _walk(start: float, first: float, eta: float, grads: object, n: int) -> np.ndarray:
    """A trained parameter over ``n`` steps: ``start − first``, then ``− eta·G`` with the
    gradient of each step before (``first`` = eta·G of the step before the block).

    numpy.subtract.accumulate subtracts one term at a time, in order, rounding each
    difference: exactly the loop's ``p = p - eta * g``.
    """
    terms = np.empty(n + 1)
    terms[0] = start
    terms[1] = first
    if np.ndim(grads):
        np.multiply(eta, grads[:-1], out=terms[2:])
    else:  # a gradient that no step changes (a float, or numpy.where of floats)
        terms[2:] = eta * grads
    return np.subtract.accumulate(terms)[1:]


@dataclass(frozen=True, slots=True)
class _Plan:
    """What the loop keeps, and the replay's work in order: ``("line", line)`` recomputes a
    line, ``("walk", p)`` a trained parameter's column from its gradient's."""

    stored: list[str]
    work: list[tuple[str, object]]


def _plan(lines: list[_Line], wanted: set[str], grads: dict[str, str], known: set[str]) -> _Plan:
    """Keep as little as the replay needs.

    ``wanted`` are the variables of the changing columns, ``grads`` maps each trained
    parameter's variable to its gradient's, ``known`` the fixed fields' variables.  A line
    that is not plain arithmetic is kept; a trained parameter is walked from its gradient's
    column when that does not need the parameter's own column (else the steps form a
    recurrence numpy cannot unroll, and the loop keeps something that breaks it).
    """
    needed = set(wanted)
    kept: list[str] = []
    pending: list[_Line] = []
    for line in reversed(lines):
        hit = line.targets & needed
        if not hit:
            continue
        if line.expression is not None:
            pending.append(line)
            needed |= line.loads
        else:
            kept += hit
    pending.reverse()
    params = [p for p in grads if p in needed]
    known = known | set(kept)
    work: list[tuple[str, object]] = []

    def resolve(known: set[str], lines: list[_Line], params: list[str], out: list) -> set[str]:
        known = set(known)
        progress = True
        while progress:
            progress = False
            for line in list(lines):
                if line.loads <= known:
                    lines.remove(line)
                    out.append(("line", line))
                    known |= line.targets
                    progress = True
            for p in list(params):
                if grads[p] in known:
                    params.remove(p)
                    out.append(("walk", p))
                    known.add(p)
                    progress = True
        return known

    known = resolve(known, pending, params, work)
    while pending or params:
        # Stuck on a recurrence: keep the variable that lets the replay do the most.
        candidates = [t for line in pending for t in sorted(line.targets)] + params
        best, best_done = candidates[0], -1
        for c in candidates:
            trial_lines = [line for line in pending if c not in line.targets]
            trial_params = [p for p in params if p != c]
            done: list = []
            resolve(known | {c}, trial_lines, trial_params, done)
            if len(done) > best_done:
                best, best_done = c, len(done)
        kept.append(best)
        pending = [line for line in pending if best not in line.targets]
        params = [p for p in params if p != best]
        known = resolve(known | {best}, pending, params, work)
    return _Plan(kept, work)


def _live(lines: list[_Line], roots: set[str]) -> list[_Line]:
    """The lines the loop must run: those ``roots`` need, and every line that is not plain
    arithmetic (it may raise, as bce outside its domain does)."""
    live = set(roots)
    kept = []
    for line in reversed(lines):
        if line.expression is None or line.targets & live:
            kept.append(line)
            live |= line.loads
    kept.reverse()
    return kept


@lru_cache(maxsize=64)
def training_block(
    model: Model,
    activation: str,
    loss: str,
    trainable: frozenset[str],
    stops: tuple[bool, bool],
    replay: bool = True,
) -> Block:
    """The training loop for this configuration; ``stops`` says which of the error and the
    gradient-norm conditions to test (a disabled one costs nothing).

    With ``replay`` the loop keeps only what numpy cannot recompute exactly; without it, it
    keeps every changing column as it computes it (the reference the tests compare with).
    """
    act, los = get_activation(activation), get_loss(loss)
    code = generate(model, act, los, inline=True)
    trained = [p for p in model.parameters if p in trainable]
    fixed = {"step", *model.inputs, *model.targets, ETA}
    fixed |= {p for p in model.parameters if p not in trainable}
    changing = tuple(c for c in model.columns if c not in fixed)
    fixed_fields = tuple(f for f in model.fields if f in fixed)
    # The loop needs the trained parameters' gradients from the step before.
    first_key = {code.keys[f"grad_{p}"]: f"grad_{p}" for p in reversed(trained)}
    grad_vars = list(dict.fromkeys(code.keys[f"grad_{p}"] for p in trained))
    grad_keys = [first_key[g] for g in grad_vars]
    state_vars = [*code.fields.values(), *grad_vars]
    where = {**code.fields, **code.keys}
    column_vars = {c: where[c] for c in changing}
    if not all(v.isidentifier() for v in column_vars.values()):
        raise ValueError("every changing column must be a variable of the generated step")
    update = [f"{where[p]} = {where[p]} - eta * {where[f'grad_{p}']}" for p in trained]
    lines = _lines(code.forward + code.backward)

    # What the loop keeps, and what the replay computes from it.
    grads = {where[p]: where[f"grad_{p}"] for p in trained}
    wanted = set(column_vars.values())
    fixed_vars = {code.fields[f] for f in fixed_fields}
    if replay:
        plan = _plan(lines, wanted, grads, fixed_vars)
        if not plan.stored:  # nothing to keep: keep the error, so that the rows count the steps
            plan = _plan(lines, wanted - {where["error"]}, grads, fixed_vars | {where["error"]})
            plan = _Plan([where["error"]], plan.work)
    else:
        plan = _Plan([column_vars[c] for c in changing], [])  # rows as the history's
    stored = plan.stored

    # The loop: everything the next step, the stop tests, the kept values and the returned
    # state need, and every line that is not plain arithmetic.
    error_stop, grad_stop = stops
    grad_stop = grad_stop and bool(trained)
    roots = {*stored, *state_vars}
    if error_stop:
        roots.add(where["error"])
    body = update + [t for line in _live(lines, roots) for t in line.text]
    body.append("rows += (" + "".join(f"{v}, " for v in stored) + ")")
    if error_stop:
        body += [f"if {code.keys['error']} < err_tol:", "    stop = 'error_below'", "    break"]
    if grad_stop:
        norm = " + ".join(f"{g} * {g}" for g in (code.keys[f"grad_{p}"] for p in trained))
        body += [f"if {norm} < grad_tol2:", "    stop = 'gradient_norm_below'", "    break"]
    loop = ["for _ in range(n):", *(f"    {line}" for line in body)]
    if los.raises:
        loop = ["try:", *(f"    {line}" for line in loop)]
        loop += ["except LossDomainError as exc:", "    stop = exc"]
    source = (
        f"def train(n, err_tol, grad_tol2, {', '.join(state_vars)}):\n"
        "    rows = []\n"
        "    stop = None\n"
        + _indent(loop, 1)
        + f"    return rows, stop, ({', '.join(state_vars)},)\n"
    )
    run = _compile(source, _namespace(act, los, False), "train", model)
    replay_function = _replay(model, code, changing, column_vars, plan, grads, state_vars)
    return Block(
        run,
        (*code.fields, *grad_keys),
        changing,
        tuple(stored),
        replay_function,
        fixed_fields,
        direct=not replay,
    )


def _replay(
    model: Model,
    code: Code,
    changing: tuple[str, ...],
    column_vars: dict[str, str],
    plan: _Plan,
    grads: dict[str, str],
    state_vars: list[str],
) -> Callable[..., None]:
    """The numpy function that fills a block's columns from what the loop kept and the
    state before the block (``start``, the loop's state tuple)."""
    outs = {c: f"o{k}" for k, c in enumerate(changing)}
    columns_of: dict[str, list[str]] = {}
    for c in changing:
        columns_of.setdefault(column_vars[c], []).append(outs[c])
    # The start's trained parameters and gradients under other names: the replay's own
    # names are their columns.
    renamed = {v: f"start_{v}" if v in grads or v in grads.values() else v for v in state_vars}
    body = [
        f"({''.join(f'{o}, ' for o in outs.values())}) = outs",
        f"({''.join(f'{renamed[v]}, ' for v in state_vars)}) = start",
        "n = stored.shape[0]",
    ]

    def keep(v: str, value: str) -> None:
        targets = columns_of.get(v, [])
        for o in targets:
            body.append(f"{o}[:] = {value}")
        # A column's own contiguous copy is quicker to compute with than a strided view.
        body.append(f"{v} = {targets[0]}" if targets else f"{v} = {value}")

    for j, v in enumerate(plan.stored):
        keep(v, f"stored[:, {j}]")
    for kind, item in plan.work:
        if kind == "walk":
            p = str(item)
            g = grads[p]
            keep(p, f"walk(start_{p}, eta * start_{g}, eta, {g}, n)")
        else:
            assert isinstance(item, _Line) and item.expression is not None
            (v,) = item.targets
            # The lines are this call's own parse: rewriting them in place is safe.
            expression = ast.unparse(_ToWhere().visit(item.expression))
            body.append(f"{v} = {expression}")
            body += [f"{o}[:] = {v}" for o in columns_of.get(v, [])]
    source = "def replay(stored, outs, start):\n" + _indent(body, 1)
    return _compile(source, {"where": np.where, "walk": _walk}, "replay", model)
