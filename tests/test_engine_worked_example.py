"""The numbers of docs/worked-example.md, reproduced by every path through the engine.

Each value is checked to 1e-12 (absolute) through the closed form (:func:`engine.evaluate`),
the computational graph (:func:`engine.evaluate_graph`), one :func:`engine.update` and one step
of :func:`engine.train`, for both the correct sigmoid and the notes' flipped one.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from worked_example import (
    PARABOLA_TABLE,
    PRINTED,
    PRINTED_UPDATED,
    STANDARD,
    STANDARD_UPDATED,
    START,
)

import engine
from engine import parabola
from engine.models.chain import chain
from engine.neuron import DEFAULT_CONFIG
from engine.training import new_parabola_history

ABS = 1e-12


CASES = {
    "standard": (DEFAULT_CONFIG, STANDARD, STANDARD_UPDATED),
    "notes-as-printed": (engine.NOTES_AS_PRINTED, PRINTED, PRINTED_UPDATED),
}
EVALUATORS: dict[str, Callable[..., engine.Snapshot]] = {
    "closed-form": engine.evaluate,
    "graph": engine.evaluate_graph,
}


def assert_close(name: str, actual: float, expected: float, tol: float = ABS) -> None:
    assert abs(actual - expected) <= tol, f"{name}: {actual!r} != {expected!r} (tol {tol})"


def test_notes_params_are_the_documented_start_values() -> None:
    assert engine.NOTES_PARAMS.as_dict() == START
    assert engine.NeuronParams() == engine.NOTES_PARAMS


def test_configs_match_the_two_conventions() -> None:
    assert DEFAULT_CONFIG.activation == "sigmoid"
    assert DEFAULT_CONFIG.loss == "half-sse"
    assert DEFAULT_CONFIG.trainable == frozenset({"w1", "w2", "b1", "b2"})
    printed = engine.NOTES_AS_PRINTED
    assert printed.activation == "sigmoid-flipped"
    assert printed.loss == "half-sse"
    assert printed.trainable == frozenset({"w1", "w2"})


@pytest.mark.parametrize("evaluator", EVALUATORS)
@pytest.mark.parametrize("case", CASES)
def test_forward_and_backward_pass(case: str, evaluator: str) -> None:
    config, expected, _ = CASES[case]
    snap = EVALUATORS[evaluator](engine.NOTES_PARAMS, config)
    assert snap.params == engine.NOTES_PARAMS
    for name, value in expected.items():
        assert_close(name, getattr(snap, name), value)
    # The chain rule, factor by factor: dE/dw = dE/dout * dout/dnet * dnet/dw.
    for name, local in (("w1", 0.05), ("w2", 0.10), ("b1", 1.0), ("b2", 1.0)):
        expr = chain(snap.model, snap, name)  # the chain the views show
        assert [f.text for f in expr.items] == ["∂E/∂out", "∂out/∂net", f"∂net/∂{name}"]
        assert [f.value for f in expr.items] == [snap.dE_dout, snap.dout_dnet, local]
        assert_close(
            f"chain rule for {name}", snap.gradient(name), snap.dE_dout * snap.dout_dnet * local
        )


def test_standard_sigmoid_error_is_half_squared_error() -> None:
    snap = engine.evaluate(engine.NOTES_PARAMS)
    assert_close("E", snap.error, 0.5 * (0.01 - snap.out) ** 2)
    assert_close("dE/dout", snap.dE_dout, snap.out - 0.01)
    assert_close("dout/dnet", snap.dout_dnet, snap.out * (1 - snap.out))
    # The flipped sigmoid is 1 - sigmoid: the notes' 0.2734 is the complement of 0.7266.
    flipped = engine.evaluate(engine.NOTES_PARAMS, engine.NOTES_AS_PRINTED)
    assert_close("1 - out", flipped.out, 1.0 - snap.out)


@pytest.mark.parametrize("evaluator", EVALUATORS)
@pytest.mark.parametrize("case", CASES)
def test_one_update(case: str, evaluator: str) -> None:
    config, _, updated = CASES[case]
    params = engine.update(EVALUATORS[evaluator](engine.NOTES_PARAMS, config), config)
    for name, value in updated.items():
        assert_close(name, getattr(params, name), value)
    # Inputs, target and learning rate never change.
    for name in ("i1", "i2", "target", "eta"):
        assert getattr(params, name) == START[name]
    # Untrained parameters are carried over exactly, not just approximately.
    for name in set(engine.PARAMETERS) - config.trainable:
        assert getattr(params, name) == START[name]


@pytest.mark.parametrize("case", CASES)
def test_one_step_of_train(case: str) -> None:
    config, _, updated = CASES[case]
    history, start = engine.new_neuron_history(engine.NOTES_PARAMS, config)
    assert len(history) == 1
    assert history.columns == engine.COLUMNS
    snap, outcome = engine.train(history, start, 0, config, 1)
    assert outcome == engine.Outcome(1, None, None)
    assert len(history) == 2
    row = history.row(1)
    assert row["step"] == 1
    for name, value in updated.items():
        assert_close(name, getattr(snap.params, name), value)
        assert_close(f"row {name}", row[name], value)
    # The new row is the forward/backward pass at the updated parameters.
    assert snap == engine.evaluate(engine.update(start, config), config)
    assert history.row(1) == dict(zip(engine.COLUMNS, snap.row(1), strict=True))


@pytest.mark.parametrize("case", CASES)
def test_row_zero_of_the_history_is_the_start(case: str) -> None:
    config, expected, _ = CASES[case]
    history, _ = engine.new_neuron_history(engine.NOTES_PARAMS, config)
    row = history.row(0)
    assert row["step"] == 0
    for name, value in START.items():
        assert row[name] == value
    for name, value in expected.items():
        assert_close(name, row[name], value)


def test_graph_nodes_show_the_chain_rule_factors() -> None:
    from engine.neuron import build_graph

    graph = build_graph(engine.get_activation("sigmoid"), engine.get_loss("half-sse"))
    graph.forward(engine.NOTES_PARAMS.as_dict())
    graph.backward("E")
    assert_close("net", graph["net"].value, STANDARD["net"])
    assert_close("out", graph["out"].value, STANDARD["out"])
    assert_close("E", graph["E"].value, STANDARD["error"])
    assert_close("dE/dout", graph["E"].local[0], STANDARD["dE_dout"])
    assert_close("dout/dnet", graph["out"].local[0], STANDARD["dout_dnet"])
    for name in engine.PARAMETERS:
        assert_close(f"dE/d{name}", graph[name].grad, STANDARD[f"grad_{name}"])
    assert graph["E"].grad == 1.0
    # d(i1*w1)/dw1 = i1 on the edge from w1 into the product.
    locals_ = {(src.name, dst.name): d for src, dst, d in graph.edges()}
    assert locals_[("w1", "i1·w1")] == 0.05
    assert locals_[("w2", "i2·w2")] == 0.10
    assert locals_[("b1", "net")] == 1.0


def test_parabola_table() -> None:
    fn = parabola.FUNCTIONS["x2"]
    history = new_parabola_history(fn, 10.0, 0.2)
    outcome = engine.descend(history, fn, 10)
    assert outcome == engine.Outcome(10, None, None)
    assert len(history) == len(PARABOLA_TABLE)
    assert history.columns == parabola.COLUMNS
    for k, x, gradient in PARABOLA_TABLE:
        row = history.row(k)
        assert row["step"] == k
        assert row["x"] == pytest.approx(x, rel=1e-12, abs=0)
        assert row["gradient"] == pytest.approx(gradient, rel=1e-12, abs=0)
        assert row["fx"] == pytest.approx(x * x, rel=1e-12, abs=0)
        assert row["eta"] == 0.2


def test_parabola_steps_multiply_by_one_minus_two_eta() -> None:
    fn = parabola.FUNCTIONS["x2"]
    history = new_parabola_history(fn, 10.0, 0.2)
    engine.descend(history, fn, 10)
    x = history.column("x")
    for k in range(1, len(x)):
        assert x[k] == pytest.approx(0.6 * x[k - 1], rel=1e-15, abs=0)
