"""The error surface over two parameters and the chain's slopes, against independent sums."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import ACTIVATIONS, NOTES_PARAMS, NeuronConfig, evaluate
from engine.activations import get_activation
from engine.losses import get_loss
from engine.messages import EngineError
from engine.models import NEURON, TWO_TWO_TWO
from engine.models import build_graph as model_graph
from engine.neuron import DEFAULT_CONFIG, PARAMETERS, build_graph
from engine.slopes import chain_factors, chain_paths
from engine.surface import (
    check_axes,
    check_grid,
    check_range,
    default_range,
    evaluator,
    surface,
)

# An independent calculation: the neuron's formulas written out by hand, point by point.
ACTS = {
    "sigmoid": (lambda n: 1 / (1 + math.exp(-n)), lambda n, o: o * (1 - o)),
    "sigmoid-flipped": (lambda n: 1 / (1 + math.exp(n)), lambda n, o: -o * (1 - o)),
    "tanh": (math.tanh, lambda n, o: 1 - o * o),
    "relu": (lambda n: max(n, 0.0), lambda n, o: 1.0 if n > 0 else 0.0),
    "linear": (lambda n: n, lambda n, o: 1.0),
}
LOSS = {
    "half-sse": (lambda t, o: 0.5 * (t - o) ** 2, lambda t, o: o - t),
    "mse": (lambda t, o: (t - o) ** 2, lambda t, o: 2 * (o - t)),
    "bce": (
        lambda t, o: -(t * math.log(o) + (1 - t) * math.log(1 - o)),
        lambda t, o: (o - t) / (o * (1 - o)),
    ),
}


def by_hand(v: dict[str, float], activation: str, loss: str) -> dict[str, float]:
    f, df = ACTS[activation]
    e, de = LOSS[loss]
    net = v["i1"] * v["w1"] + v["b1"] + v["i2"] * v["w2"] + v["b2"]
    out = f(net)
    delta = de(v["target"], out) * df(net, out)
    grads = {"w1": delta * v["i1"], "w2": delta * v["i2"], "b1": delta, "b2": delta}
    return {"error": e(v["target"], out), **{f"grad_{k}": g for k, g in grads.items()}}


def scalar_grid(values, activation, loss, x, y, xs, ys):
    """E, dE/dx, dE/dy point by point, by hand (no broadcasting, no engine code)."""
    shape = (len(xs), len(ys))
    error, gx, gy = np.empty(shape), np.empty(shape), np.empty(shape)
    for i, xv in enumerate(xs):
        for j, yv in enumerate(ys):
            r = by_hand({**values, x: float(xv), y: float(yv)}, activation, loss)
            error[i, j], gx[i, j], gy[i, j] = r["error"], r[f"grad_{x}"], r[f"grad_{y}"]
    return error, gx, gy


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
@pytest.mark.parametrize("loss", ["half-sse", "mse"])
@pytest.mark.parametrize(("x", "y"), [("w1", "w2"), ("b1", "w2"), ("w1", "b2")])
def test_grid_matches_the_scalar_closed_form(activation, loss, x, y):
    values = NOTES_PARAMS.as_dict()
    xs, ys = np.linspace(-3.0, 2.0, 13), np.linspace(-1.5, 4.0, 11)
    grid = surface(evaluator(NEURON, activation, loss), values, x, y, xs, ys)
    error, gx, gy = scalar_grid(values, activation, loss, x, y, xs, ys)
    assert grid.error.shape == (13, 11)
    np.testing.assert_allclose(grid.error, error, rtol=0, atol=1e-9)
    np.testing.assert_allclose(grid.grad_x, gx, rtol=0, atol=1e-9)
    np.testing.assert_allclose(grid.grad_y, gy, rtol=0, atol=1e-9)


def test_bce_grid_matches_where_defined_and_is_nan_where_not():
    values = NOTES_PARAMS.as_dict()
    xs = np.array([-2.0, 0.15, 3.0])
    ys = np.array([0.2, 1e4])  # w2 = 1e4 saturates the sigmoid: out rounds to 1
    grid = surface(evaluator(NEURON, "sigmoid", "bce"), values, "w1", "w2", xs, ys)
    error, gx, _ = scalar_grid(values, "sigmoid", "bce", "w1", "w2", xs, ys[:1])
    np.testing.assert_allclose(grid.error[:, :1], error, rtol=0, atol=1e-9)
    np.testing.assert_allclose(grid.grad_x[:, :1], gx, rtol=0, atol=1e-9)
    assert np.isnan(grid.error[:, 1]).all()


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(sorted(ACTIVATIONS)),
    st.sampled_from(["half-sse", "mse"]),
    st.lists(st.floats(-5, 5), min_size=6, max_size=6),
)
def test_any_point_matches_the_scalar_closed_form(activation, loss, numbers):
    values = dict(zip(("i1", "i2", "w1", "w2", "b1", "b2"), numbers, strict=True))
    values.update(target=0.3, eta=0.5)
    grid = surface(
        evaluator(NEURON, activation, loss), values, "w2", "b1",
        np.array([values["w2"]]), np.array([values["b1"]]),
    )  # fmt: skip
    expected = by_hand(values, activation, loss)
    assert grid.error[0, 0] == pytest.approx(expected["error"], rel=1e-12, abs=1e-12)
    assert grid.grad_x[0, 0] == pytest.approx(expected["grad_w2"], rel=1e-12, abs=1e-12)
    assert grid.grad_y[0, 0] == pytest.approx(expected["grad_b1"], rel=1e-12, abs=1e-12)


def two_two_two_by_matrices(v: dict[str, float]) -> dict[str, float]:
    """The 2-2-2 network as matrices (an independent calculation of E and every dE/dw)."""
    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    i = np.array([v["i1"], v["i2"]])
    w_hidden = np.array([[v["w1"], v["w2"]], [v["w3"], v["w4"]]])
    w_out = np.array([[v["w5"], v["w6"]], [v["w7"], v["w8"]]])
    t = np.array([v["t1"], v["t2"]])
    h = sig(w_hidden @ i + v["b1"])
    o = sig(w_out @ h + v["b2"])
    delta_o = (o - t) * o * (1 - o)
    delta_h = (w_out.T @ delta_o) * h * (1 - h)
    g_out, g_hidden = np.outer(delta_o, h), np.outer(delta_h, i)
    grads = dict(zip(("w1", "w2", "w3", "w4"), g_hidden.ravel(), strict=True))
    grads |= dict(zip(("w5", "w6", "w7", "w8"), g_out.ravel(), strict=True))
    grads |= {"b1": delta_h.sum(), "b2": delta_o.sum()}
    error = 0.5 * float(((t - o) ** 2).sum())
    return {"error": error, **{f"grad_{k}": float(g) for k, g in grads.items()}}


@pytest.mark.parametrize(("x", "y"), [("w1", "w2"), ("w5", "w1"), ("b1", "w8"), ("w4", "b2")])
def test_two_two_two_grid_matches_a_matrix_calculation(x, y):
    values = TWO_TWO_TWO.values()
    xs, ys = np.linspace(-4.0, 3.0, 9), np.linspace(-2.0, 5.0, 7)
    grid = surface(evaluator(TWO_TWO_TWO, "sigmoid", "half-sse"), values, x, y, xs, ys)
    for i, xv in enumerate(xs):
        for j, yv in enumerate(ys):
            expected = two_two_two_by_matrices({**values, x: xv, y: yv})
            assert abs(grid.error[i, j] - expected["error"]) <= 1e-9
            assert abs(grid.grad_x[i, j] - expected[f"grad_{x}"]) <= 1e-9
            assert abs(grid.grad_y[i, j] - expected[f"grad_{y}"]) <= 1e-9


def test_rows_run_with_x_slowest_and_name_their_columns():
    grid = surface(
        evaluator(NEURON, "sigmoid", "half-sse"), NOTES_PARAMS.as_dict(), "b2", "w1",
        np.array([0.0, 1.0]), np.array([5.0, 6.0, 7.0]),
    )  # fmt: skip
    rows = grid.rows()
    assert grid.columns() == ("b2", "w1", "error", "grad_b2", "grad_w1")
    assert rows[:, 0].tolist() == [0.0, 0.0, 0.0, 1.0, 1.0, 1.0]
    assert rows[:, 1].tolist() == [5.0, 6.0, 7.0, 5.0, 6.0, 7.0]
    assert rows[4, 2] == grid.error[1, 1]
    history = grid.to_history()
    assert len(history) == 6 and history.columns == grid.columns()


def test_checks_name_the_problem():
    with pytest.raises(EngineError, match="unknown parameter 'w9'") as caught:
        check_axes(PARAMETERS, "w9", "w1")
    assert caught.value.message.code == "choice.parameter"
    with pytest.raises(EngineError, match="w1 is named twice"):
        check_axes(PARAMETERS, "w1", "w1")
    with pytest.raises(EngineError, match="the low end 1 must be below the high end 1"):
        check_range(1.0, 1.0)
    for n in (1, 1001):
        with pytest.raises(EngineError, match="from 2 to 1,000"):
            check_grid(n)
    check_grid(2)
    check_grid(1000)
    assert default_range(0.15) == (-0.85, 1.15)
    assert default_range(-30.0) == (-60.0, 0.0)


# -- the chain's slopes ---------------------------------------------------------------------


def neuron_graph(config: NeuronConfig = DEFAULT_CONFIG, params=NOTES_PARAMS):
    graph = build_graph(get_activation(config.activation), get_loss(config.loss))
    graph.forward(params.as_dict())
    graph.backward("E")
    return graph


def test_neuron_factors_are_the_chain_rule_numbers():
    snap = evaluate(NOTES_PARAMS)
    (path,) = chain_factors(neuron_graph(), "w1")
    assert [(f.target, f.source) for f in path] == [("E", "out"), ("out", "net"), ("net", "w1")]
    assert [f.slope for f in path] == [snap.dE_dout, snap.dout_dnet, NOTES_PARAMS.i1]
    assert math.prod(f.slope for f in path) == pytest.approx(snap.grad_w1, rel=1e-15)
    e_out, out_net, net_w = path
    # Each curve passes through the current point and is the function it names.
    assert np.interp(e_out.at, e_out.xs, e_out.ys) == pytest.approx(snap.error, rel=1e-3)
    assert out_net.ys == pytest.approx(1 / (1 + np.exp(-out_net.xs)))
    assert np.diff(net_w.ys) / np.diff(net_w.xs) == pytest.approx(0.05)


def test_relu_off_gives_a_flat_factor():
    params = NOTES_PARAMS.with_value("b1", -5.0)
    (path,) = chain_factors(neuron_graph(NeuronConfig("relu"), params), "b1")
    assert path[1].slope == 0.0
    assert path[2].slope == 1.0  # net(b1) has slope 1


def test_two_two_two_paths_add_up_to_the_gradient():
    graph = model_graph(TWO_TWO_TWO, get_activation("sigmoid"), get_loss("half-sse"))
    graph.forward(TWO_TWO_TWO.values())
    graph.backward("E")
    for name in TWO_TWO_TWO.parameters:
        paths = chain_factors(graph, name)
        total = sum(math.prod(f.slope for f in path) for path in paths)
        assert total == pytest.approx(graph[name].grad, rel=1e-12, abs=1e-18)
    assert len(chain_paths(graph, "w1")) == 2  # through o1 and through o2
    assert len(chain_paths(graph, "w5")) == 1
    assert [f.source for f in chain_factors(graph, "w1")[0]] == [
        "out_o1", "net_o1", "out_h1", "net_h1", "w1",
    ]  # fmt: skip
