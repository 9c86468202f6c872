"""Benchmark of the engine's hot loop against a bare closed-form loop.

Run as a script (it is not part of the pytest run)::

    .venv/bin/python tests/benchmarks/bench_engine.py [--steps N] [--graph-steps N] [--repeats N]

It times, taking the best of several repeats:

* ``engine.train`` for ``--steps`` steps with the full history kept (a fresh history from
  ``engine.new_neuron_history`` each repeat, default configuration: sigmoid, half-sse, all four
  parameters trained, the notes' starting values);
* a bare hand-written loop with the same math on plain Python floats and no history;
* ``engine.evaluate_graph`` + ``engine.update`` per step (the computational-graph path that the
  chain-rule views use) against ``engine.evaluate`` + ``engine.update`` (the closed form), for
  ``--graph-steps`` steps.

* the 2-2-2 network (``--model`` ``2-2-2``, the classic example: sigmoid, half-sse, the eight
  weights trained) with the full history kept, against a bare closed-form 2-2-2 loop.

With ``--advance-steps N`` it also times the window's ``RunState.advance(2048)`` from a
fresh run to N steps, for the neuron and the 2-2-2 network, in alternation with the loop
that keeps every value (``replay=False``) or, with ``--against REV``, with the engine of a
git revision (its ``engine/models/training.py`` and ``compiler.py``), e.g. ``main``.

It also checks that each bare loop lands on exactly the numbers the engine produced, so the
comparison is between two loops doing the same work.
"""

from __future__ import annotations

import argparse
import functools
import math
import os
import statistics
import subprocess
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path

# Runnable from anywhere: put the project root (two levels up) first on the path.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # --advance-steps builds a RunState

import numpy as np

import engine
import engine.models.training as _training
from engine.models import TWO_TWO_TWO, Model
from engine.neuron import DEFAULT_CONFIG

TRAIN_TARGET_RATIO = 4.0
NETWORK_TARGET_RATIO = 5.0


def best_of(
    repeats: int, cases: dict[str, Callable[[], object]]
) -> dict[str, tuple[float, object]]:
    """The shortest wall-clock time of each case over ``repeats`` rounds, and its result.

    The rounds interleave the cases, so that a busy machine slows them all alike.
    """
    best: dict[str, tuple[float, object]] = {name: (math.inf, None) for name in cases}
    for _ in range(repeats):
        for name, run in cases.items():
            start = time.perf_counter()
            result = run()
            elapsed = time.perf_counter() - start
            if elapsed < best[name][0]:
                best[name] = (elapsed, result)
            del result
    return best


class _NoHistory:
    """Stands in for a History and throws the rows away (the replay writes them into one
    reused scratch block): what the loop and its replay cost by themselves."""

    def extend_flat(self, flat: object) -> None:
        pass

    def extend_block(self, block: object, names: object, fill: object) -> None:
        pass

    columns = engine.COLUMNS

    def __init__(self) -> None:
        self._scratch = np.zeros((len(self.columns), 4096))

    def reserve(self, size: int) -> None:
        pass

    def next_rows(self, rows: int) -> np.ndarray:
        if rows > self._scratch.shape[1]:
            self._scratch = np.zeros((len(self.columns), rows))
        return self._scratch[:, :rows]

    def commit(self, rows: int) -> None:
        pass

    def __len__(self) -> int:
        return 1

    def row(self, index: int) -> dict[str, float]:
        return dict(zip(engine.COLUMNS, engine.evaluate(engine.NOTES_PARAMS).row(0), strict=True))


def run_train(steps: int) -> tuple[engine.History, engine.Snapshot, engine.Outcome]:
    history, snap = engine.new_neuron_history(engine.NOTES_PARAMS)
    snap, outcome = engine.train(history, snap, 0, DEFAULT_CONFIG, steps)
    return history, snap, outcome


def run_train_no_history(steps: int) -> engine.Outcome:
    snap = engine.evaluate(engine.NOTES_PARAMS)
    return engine.train(_NoHistory(), snap, 0, DEFAULT_CONFIG, steps)[1]  # type: ignore[arg-type]


def run_bare(steps: int) -> tuple[float, ...]:
    """The same steps as ``engine.train`` by hand: sigmoid, half-sse, all four trained."""
    exp = math.exp
    p = engine.NOTES_PARAMS
    i1, i2, w1, w2, b1, b2, t, eta = p.i1, p.i2, p.w1, p.w2, p.b1, p.b2, p.target, p.eta
    net = i1 * w1 + b1 + i2 * w2 + b2
    if net >= 0.0:
        out = 1.0 / (1.0 + exp(-net))
    else:
        z = exp(net)
        out = z / (1.0 + z)
    delta = (out - t) * (out * (1.0 - out))
    g1, g2 = delta * i1, delta * i2
    err = 0.5 * (t - out) * (t - out)
    for _ in range(steps):
        w1 = w1 - eta * g1
        w2 = w2 - eta * g2
        b1 = b1 - eta * delta
        b2 = b2 - eta * delta
        net = i1 * w1 + b1 + i2 * w2 + b2
        if net >= 0.0:
            out = 1.0 / (1.0 + exp(-net))
        else:
            z = exp(net)
            out = z / (1.0 + z)
        err = 0.5 * (t - out) * (t - out)
        delta = (out - t) * (out * (1.0 - out))
        g1 = delta * i1
        g2 = delta * i2
    return w1, w2, b1, b2, net, out, err, delta, g1, g2


def run_train_2_2_2(steps: int) -> engine.History:
    model = TWO_TWO_TWO
    config = model.default_config
    history, state = model.new_history(model.defaults, config)
    _, outcome = model.train(history, state, 0, config, steps)
    assert outcome.steps_done == steps
    return history


def run_bare_2_2_2(steps: int) -> tuple[float, ...]:
    """The classic 2-2-2 example by hand: sigmoid, half-sse, the eight weights trained."""
    exp = math.exp
    v = TWO_TWO_TWO.defaults
    i1, i2, b1, b2, t1, t2, eta = (v[k] for k in ("i1", "i2", "b1", "b2", "t1", "t2", "eta"))
    w1, w2, w3, w4, w5, w6, w7, w8 = (v[f"w{k}"] for k in range(1, 9))

    def sig(x: float) -> float:
        if x >= 0.0:
            return 1.0 / (1.0 + exp(-x))
        z = exp(x)
        return z / (1.0 + z)

    def step() -> tuple[float, ...]:
        h1 = sig(i1 * w1 + i2 * w2 + b1)
        h2 = sig(i1 * w3 + i2 * w4 + b1)
        o1 = sig(h1 * w5 + h2 * w6 + b2)
        o2 = sig(h1 * w7 + h2 * w8 + b2)
        d1 = (o1 - t1) * (o1 * (1.0 - o1))
        d2 = (o2 - t2) * (o2 * (1.0 - o2))
        e1 = (d2 * w7 + d1 * w5) * (h1 * (1.0 - h1))
        e2 = (d2 * w8 + d1 * w6) * (h2 * (1.0 - h2))
        return (e1 * i1, e1 * i2, e2 * i1, e2 * i2, d1 * h1, d1 * h2, d2 * h1, d2 * h2)

    # The loop body written out: the same work as the engine's step, without the history.
    g1, g2, g3, g4, g5, g6, g7, g8 = step()
    for _ in range(steps):
        w1 -= eta * g1
        w2 -= eta * g2
        w3 -= eta * g3
        w4 -= eta * g4
        w5 -= eta * g5
        w6 -= eta * g6
        w7 -= eta * g7
        w8 -= eta * g8
        net_h1 = i1 * w1 + i2 * w2 + b1
        if net_h1 >= 0.0:
            h1 = 1.0 / (1.0 + exp(-net_h1))
        else:
            h1 = exp(net_h1)
            h1 = h1 / (1.0 + h1)
        net_h2 = i1 * w3 + i2 * w4 + b1
        if net_h2 >= 0.0:
            h2 = 1.0 / (1.0 + exp(-net_h2))
        else:
            h2 = exp(net_h2)
            h2 = h2 / (1.0 + h2)
        net_o1 = h1 * w5 + h2 * w6 + b2
        if net_o1 >= 0.0:
            o1 = 1.0 / (1.0 + exp(-net_o1))
        else:
            o1 = exp(net_o1)
            o1 = o1 / (1.0 + o1)
        net_o2 = h1 * w7 + h2 * w8 + b2
        if net_o2 >= 0.0:
            o2 = 1.0 / (1.0 + exp(-net_o2))
        else:
            o2 = exp(net_o2)
            o2 = o2 / (1.0 + o2)
        error = 0.5 * (t1 - o1) * (t1 - o1) + 0.5 * (t2 - o2) * (t2 - o2)
        d1 = (o1 - t1) * (o1 * (1.0 - o1))
        d2 = (o2 - t2) * (o2 * (1.0 - o2))
        e1 = (d2 * w7 + d1 * w5) * (h1 * (1.0 - h1))
        e2 = (d2 * w8 + d1 * w6) * (h2 * (1.0 - h2))
        g1, g2, g3, g4 = e1 * i1, e1 * i2, e2 * i1, e2 * i2
        g5, g6, g7, g8 = d1 * h1, d1 * h2, d2 * h1, d2 * h2
    return (w1, w2, w3, w4, w5, w6, w7, w8, error)


def run_graph(steps: int) -> engine.Snapshot:
    params = engine.NOTES_PARAMS
    snap = engine.evaluate_graph(params)
    for _ in range(steps):
        snap = engine.evaluate_graph(engine.update(snap))
    return snap


def run_fast(steps: int) -> engine.Snapshot:
    params = engine.NOTES_PARAMS
    snap = engine.evaluate(params)
    for _ in range(steps):
        snap = engine.evaluate(engine.update(snap))
    return snap


def training_module(against: str | None) -> types.ModuleType:
    """The training module to compare with: ``against`` (a git revision) loads that
    revision's engine/models/training.py and compiler.py under other names; without it, the
    current module with ``replay=False`` (the loop keeps every value, nothing replayed)."""
    if against is None:
        module = types.ModuleType("engine.models._kept_training")
        module.__dict__.update(vars(_training))
        module.train = functools.partial(_training.train, replay=False)  # type: ignore[attr-defined]
        return module
    root = Path(__file__).resolve().parents[2]

    def source(path: str) -> str:
        return subprocess.check_output(
            ["git", "-C", str(root), "show", f"{against}:{path}"], text=True
        )

    modules = {}
    for name, path in (
        ("compiler", "engine/models/compiler.py"),
        ("training", "engine/models/training.py"),
    ):
        module = types.ModuleType(f"engine.models._{name}_at_ref")
        module.__package__ = "engine.models"
        sys.modules[module.__name__] = module
        text = source(path).replace("from .compiler import", "from ._compiler_at_ref import")
        exec(compile(text, f"{against}:{path}", "exec"), module.__dict__)
        modules[name] = module
    return modules["training"]


def advance_rate(model: Model, steps: int) -> float:
    """Steps a second of the window's RunState.advance(2048), from a fresh run to ``steps``."""
    from app.run_state import RunState

    state = RunState()
    if state.model is not model:
        state.set_model(model)
    done = 0
    start = time.perf_counter()
    while done < steps:
        done += state.advance(2048).steps_done
    return done / (time.perf_counter() - start)


def compare_advance(steps: int, repeats: int, against: str | None) -> None:
    """RunState.advance(2048) with this engine and with the other, in alternation."""
    other = training_module(against)
    label = f"at {against}" if against else "keeping every value"
    for model in (engine.models.NEURON, TWO_TWO_TWO):
        rates: dict[str, list[float]] = {"this": [], "other": []}
        for _ in range(repeats):
            for name, module in (("other", other), ("this", _training)):
                sys.modules["engine.models.training"] = module  # what Model.train imports
                try:
                    rates[name].append(advance_rate(model, steps))
                finally:
                    sys.modules["engine.models.training"] = _training
        best, other_best = max(rates["this"]), max(rates["other"])
        median, other_median = statistics.median(rates["this"]), statistics.median(rates["other"])
        print(
            f"RunState.advance(2048), {model.name}, {steps:,} steps: {best:>10,.0f} steps/s "
            f"(median {median:,.0f}); {label}: {other_best:,.0f} (median {other_median:,.0f}); "
            f"ratio best {best / other_best:.2f}x, median {median / other_median:.2f}x"
        )


def per_step(label: str, seconds: float, steps: int) -> str:
    return (
        f"{label:<37} {steps:>9,} steps  {seconds:8.3f} s  "
        f"{steps / seconds:>12,.0f} steps/s  {seconds / steps * 1e6:8.3f} µs/step"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=1_000_000)
    parser.add_argument("--graph-steps", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--network-steps", type=int, default=1_000_000)
    parser.add_argument(
        "--advance-steps",
        type=int,
        default=0,
        help="also time the window's RunState.advance(2048) to this many steps (0: skip)",
    )
    parser.add_argument(
        "--against",
        metavar="REV",
        help="compare --advance-steps with the engine at this git revision (e.g. main) "
        "instead of with the loop that keeps every value",
    )
    args = parser.parse_args(argv)
    steps, graph_steps, repeats = args.steps, args.graph_steps, args.repeats
    network_steps = args.network_steps

    print(f"Python {sys.version.split()[0]}, numpy {np.__version__}, best of {repeats} repeats")

    timed = best_of(
        repeats,
        {
            "train": lambda: run_train(steps),
            "bare": lambda: run_bare(steps),
            "loop": lambda: run_train_no_history(steps),
        },
    )
    timed.update(
        best_of(
            repeats,
            {"graph": lambda: run_graph(graph_steps), "fast": lambda: run_fast(graph_steps)},
        )
    )
    timed.update(
        best_of(
            repeats,
            {
                "train 2-2-2": lambda: run_train_2_2_2(network_steps),
                "bare 2-2-2": lambda: run_bare_2_2_2(network_steps),
            },
        )
    )
    t_net, net_history = timed["train 2-2-2"]
    t_net_bare, net_bare = timed["bare 2-2-2"]
    last = net_history.row(-1)
    engine_end = tuple(last[k] for k in (*(f"w{k}" for k in range(1, 9)), "error"))
    assert engine_end == net_bare, (engine_end, net_bare)
    t_train, (history, snap, outcome) = timed["train"]
    t_bare, bare = timed["bare"]
    t_loop, loop_outcome = timed["loop"]
    t_graph, graph_snap = timed["graph"]
    t_fast, fast_snap = timed["fast"]
    assert loop_outcome == engine.Outcome(steps), loop_outcome

    # The comparison is only fair if both loops computed the same thing.
    assert outcome.steps_done == steps and outcome.divergence is None, outcome
    assert len(history) == steps + 1
    p = snap.params
    trained = (p.w1, p.w2, p.b1, p.b2, snap.net, snap.out, snap.error, snap.grad_b1)
    trained += (snap.grad_w1, snap.grad_w2)
    assert trained == bare, (trained, bare)
    assert graph_snap == fast_snap, (graph_snap, fast_snap)

    print(per_step("engine.train, full history kept", t_train, steps))
    print(per_step("  the same loop, rows dropped", t_loop, steps))
    print(per_step("bare closed-form loop, no history", t_bare, steps))
    print(per_step("evaluate_graph + update (graph path)", t_graph, graph_steps))
    print(per_step("evaluate + update (closed form)", t_fast, graph_steps))

    print(per_step("2-2-2 train, full history kept", t_net, network_steps))
    print(per_step("bare closed-form 2-2-2 loop", t_net_bare, network_steps))

    ratio = t_train / t_bare
    graph_ratio = (t_graph / graph_steps) / (t_fast / graph_steps)
    graph_vs_train = (t_graph / graph_steps) / (t_train / steps)
    verdict = "OK" if ratio <= TRAIN_TARGET_RATIO else "SLOWER THAN TARGET"
    print(f"train / bare loop:                     {ratio:6.2f}x  (target <= 4x: {verdict})")
    print(f"train loop alone (rows dropped) / bare: {t_loop / t_bare:6.2f}x")
    net_ratio = t_net / t_net_bare
    verdict = "OK" if net_ratio <= NETWORK_TARGET_RATIO else "SLOWER THAN TARGET"
    print(f"2-2-2 train / bare 2-2-2 loop:          {net_ratio:6.2f}x  (target <= 5x: {verdict})")
    print(f"graph / closed-form evaluate:          {graph_ratio:6.2f}x")
    print(f"graph / train (per step):              {graph_vs_train:6.2f}x")
    print(
        f"history: {len(history):,} rows x {len(history.columns)} columns, "
        f"capacity {history.capacity:,}, {history.nbytes:,} bytes, "
        f"{history.nbytes / len(history):.1f} bytes/step "
        f"(used {len(history.columns) * 8} bytes/step)"
    )
    if args.advance_steps:
        compare_advance(args.advance_steps, repeats, args.against)
    # Timing on a shared machine is noisy: report the verdict, do not fail the run on it.
    return 0


if __name__ == "__main__":
    sys.exit(main())
