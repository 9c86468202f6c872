"""Analytic gradients against finite differences, the graph against the closed form,
``train`` against ``update`` + ``evaluate``, and numerical stability at the extremes.

Property tests run for every activation and every loss the engine offers.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import engine
from engine import parabola

ACTIVATION_NAMES = list(engine.ACTIVATIONS)
LOSS_NAMES = list(engine.LOSSES)
EPS = 2.0**-52

H = 1e-6
RTOL = 1e-5
ATOL = 1e-8
# Rounding in a central difference is about eps * |value| / h; allow 50 times that.
NOISE = 50 * EPS / H

moderate = st.floats(min_value=-5.0, max_value=5.0, allow_nan=False, allow_infinity=False)


def test_every_activation_and_loss_is_covered() -> None:
    # If someone adds an activation or a loss, these tests pick it up; make sure the list of
    # net ranges below knows it too.
    assert set(ACTIVATION_NAMES) == {"sigmoid", "sigmoid-flipped", "tanh", "relu", "linear"}
    assert set(LOSS_NAMES) == {"half-sse", "mse", "bce"}


def net_range(activation: str, loss: str) -> tuple[float, float]:
    """Where to put net so that out is a sensible input for the loss.

    For binary cross-entropy out must stay well inside (0, 1): near the edges ln(out) has
    huge higher derivatives, so a finite difference with h = 1e-6 would measure truncation
    error rather than the gradient.
    """
    if loss != "bce":
        return (-20.0, 20.0)
    return {
        "sigmoid": (-6.9, 6.9),  # out in (0.001, 0.999)
        "sigmoid-flipped": (-6.9, 6.9),
        "tanh": (0.01, 2.6),  # out in (0.01, 0.989)
        "relu": (0.01, 0.99),
        "linear": (0.01, 0.99),
    }[activation]


@st.composite
def neuron_params(draw: st.DrawFn, activation: str, loss: str) -> engine.NeuronParams:
    """Moderate inputs, weights and biases, with b2 chosen to put net in ``net_range``."""
    i1, i2, w1, w2, b1 = (draw(moderate) for _ in range(5))
    lo, hi = net_range(activation, loss)
    net = draw(st.floats(min_value=lo, max_value=hi))
    if activation == "relu":
        assume(abs(net) > 1e-3)  # keep clear of the kink
    b2 = net - (i1 * w1 + b1 + i2 * w2)
    target = draw(st.floats(min_value=0.0, max_value=1.0) if loss == "bce" else moderate)
    eta = draw(st.floats(min_value=0.0, max_value=2.0))
    params = engine.NeuronParams(i1, i2, w1, w2, b1, b2, target, eta)
    # The rounding in b2 moves net by a few ulps; re-check the conditions on the real net.
    real_net = i1 * w1 + b1 + i2 * w2 + b2
    if activation == "relu":
        assume(abs(real_net) > 1e-3)
    if loss == "bce":
        out = engine.ACTIVATIONS[activation].f(real_net)
        assume(1e-3 < out < 1.0 - 1e-3)
    return params


combos = pytest.mark.parametrize(
    ("activation", "loss"), [(a, loss) for a in ACTIVATION_NAMES for loss in LOSS_NAMES]
)


def central_difference(fn: Callable[[float], float], x: float, h: float = H) -> float:
    """Central difference with one Richardson step: the h² truncation error cancels.

    What is left is O(h⁴), which matters only where the function curves violently (ln(out)
    for out near 0), and rounding of about eps * |f| / h.
    """
    d1 = (fn(x + h) - fn(x - h)) / (2.0 * h)
    d2 = (fn(x + 2.0 * h) - fn(x - 2.0 * h)) / (4.0 * h)
    return (4.0 * d1 - d2) / 3.0


@combos
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_gradients_match_finite_differences(activation: str, loss: str, data: st.DataObject):
    config = engine.NeuronConfig(activation, loss)
    params = data.draw(neuron_params(activation, loss))
    snap = engine.evaluate(params, config)
    p = params
    # How much rounding there is in net, which every perturbation goes through.
    net_scale = abs(p.i1 * p.w1) + abs(p.b1) + abs(p.i2 * p.w2) + abs(p.b2)
    delta = snap.dE_dout * snap.dout_dnet
    for name in engine.PARAMETERS:

        def error_at(value: float, name: str = name) -> float:
            return engine.evaluate(params.with_value(name, value), config).error

        numeric = central_difference(error_at, getattr(params, name))
        analytic = snap.gradient(name)
        tol = RTOL * abs(analytic) + ATOL + NOISE * (abs(snap.error) + abs(delta) * net_scale)
        assert abs(numeric - analytic) <= tol, (name, params, numeric, analytic, tol)


@combos
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_chain_rule_factors_match_finite_differences(
    activation: str, loss: str, data: st.DataObject
) -> None:
    config = engine.NeuronConfig(activation, loss)
    params = data.draw(neuron_params(activation, loss))
    snap = engine.evaluate(params, config)
    act, lss = engine.get_activation(activation), engine.get_loss(loss)
    assert snap.net == params.i1 * params.w1 + params.b1 + params.i2 * params.w2 + params.b2
    assert snap.out == act.f(snap.net)
    assert snap.error == lss.f(params.target, snap.out)
    # dE/dout against a difference of the loss, dout/dnet against a difference of f.
    d_out = central_difference(lambda o: lss.f(params.target, o), snap.out)
    tol = RTOL * abs(snap.dE_dout) + ATOL + NOISE * abs(snap.error)
    assert abs(d_out - snap.dE_dout) <= tol
    slope = central_difference(act.f, snap.net)
    tol = RTOL * abs(snap.dout_dnet) + ATOL + NOISE * (abs(snap.out) + abs(snap.net))
    assert abs(slope - snap.dout_dnet) <= tol
    # The four gradients are exactly the product of the factors.
    delta = snap.dE_dout * snap.dout_dnet
    assert snap.grad_w1 == delta * params.i1
    assert snap.grad_w2 == delta * params.i2
    assert snap.grad_b1 == snap.grad_b2 == delta


@combos
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_graph_equals_closed_form(activation: str, loss: str, data: st.DataObject) -> None:
    config = engine.NeuronConfig(activation, loss)
    params = data.draw(neuron_params(activation, loss))
    fast = engine.evaluate(params, config)
    graph = engine.evaluate_graph(params, config)
    # Same operations in the same order: the two agree to the last bit.
    assert graph == fast


@combos
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_one_train_step_equals_update_then_evaluate(
    activation: str, loss: str, data: st.DataObject
) -> None:
    trainable = data.draw(st.frozensets(st.sampled_from(engine.PARAMETERS)))
    config = engine.NeuronConfig(activation, loss, trainable)
    params = data.draw(neuron_params(activation, loss))
    history, start = engine.new_neuron_history(params, config, step=5)
    assert history.row(0)["step"] == 5
    snap, outcome = engine.train(history, start, 5, config, 1)
    new_params = engine.update(start, config)
    try:
        expected = engine.evaluate(new_params, config)
    except engine.LossDomainError:
        # bce and an out that left (0, 1): train reports it instead of raising.
        assert outcome.steps_done == 0
        assert outcome.divergence is not None
        assert "binary cross-entropy" in str(outcome.divergence.message)
        assert snap == start
        assert len(history) == 1
        return
    values = expected.row(6)
    if not all(math.isfinite(v) for v in values):
        assert outcome.divergence is not None
        assert len(history) == 1
        return
    assert outcome == engine.Outcome(1, None, None)
    assert snap == expected
    assert len(history) == 2
    assert tuple(history.row(1).values()) == values
    for name in set(engine.PARAMETERS) - trainable:
        assert getattr(snap.params, name) == getattr(params, name)


@pytest.mark.parametrize("activation", ACTIVATION_NAMES)
@settings(max_examples=200, deadline=None)
@given(net=st.floats(min_value=-20.0, max_value=20.0))
def test_activation_derivative_matches_finite_differences(activation: str, net: float) -> None:
    act = engine.get_activation(activation)
    if activation == "relu":
        assume(abs(net) > 1e-3)
    out = act.f(net)
    analytic = act.derivative(net, out)
    numeric = central_difference(act.f, net)
    tol = RTOL * abs(analytic) + ATOL + NOISE * (abs(out) + abs(net))
    assert abs(numeric - analytic) <= tol, (net, numeric, analytic)


@pytest.mark.parametrize("loss", LOSS_NAMES)
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_loss_derivative_matches_finite_differences(loss: str, data: st.DataObject) -> None:
    lss = engine.get_loss(loss)
    if loss == "bce":
        target = data.draw(st.floats(min_value=0.0, max_value=1.0))
        out = data.draw(st.floats(min_value=0.01, max_value=0.99))
    else:
        target = data.draw(moderate)
        out = data.draw(st.floats(min_value=-20.0, max_value=20.0))
    analytic = lss.derivative(target, out)
    numeric = central_difference(lambda o: lss.f(target, o), out)
    tol = RTOL * abs(analytic) + ATOL + NOISE * (abs(lss.f(target, out)) + abs(out))
    assert abs(numeric - analytic) <= tol, (target, out, numeric, analytic)


@pytest.mark.parametrize("name", list(parabola.FUNCTIONS))
@settings(max_examples=200, deadline=None)
@given(x=st.floats(min_value=-5.0, max_value=5.0))
def test_parabola_derivative_matches_finite_differences(name: str, x: float) -> None:
    fn = parabola.FUNCTIONS[name]
    analytic = fn.df(x)
    numeric = central_difference(fn.f, x)
    tol = RTOL * abs(analytic) + ATOL + NOISE * (abs(fn.f(x)) + abs(x))
    assert abs(numeric - analytic) <= tol, (x, numeric, analytic)


def test_derivative_formulas_at_known_points() -> None:
    # Values that a finite difference cannot pin down exactly.
    sig = engine.get_activation("sigmoid")
    assert sig.f(0.0) == 0.5
    assert sig.derivative(0.0, 0.5) == 0.25
    flipped = engine.get_activation("sigmoid-flipped")
    assert flipped.f(0.0) == 0.5
    assert flipped.derivative(0.0, 0.5) == -0.25
    relu = engine.get_activation("relu")
    assert (relu.f(-2.0), relu.derivative(-2.0, 0.0)) == (0.0, 0.0)
    assert (relu.f(3.0), relu.derivative(3.0, 3.0)) == (3.0, 1.0)
    assert engine.get_activation("linear").derivative(7.0, 7.0) == 1.0
    assert engine.get_activation("tanh").derivative(0.0, 0.0) == 1.0
    assert engine.get_loss("half-sse").derivative(1.0, 3.0) == 2.0
    assert engine.get_loss("mse").derivative(1.0, 3.0) == 4.0
    assert engine.get_loss("mse").f(1.0, 3.0) == 4.0
    assert engine.get_loss("half-sse").f(1.0, 3.0) == 2.0
    assert engine.get_loss("bce").f(1.0, 0.5) == pytest.approx(math.log(2.0), rel=1e-15)
    assert engine.get_loss("bce").derivative(1.0, 0.5) == -2.0


def test_unknown_names_are_rejected_with_the_choices() -> None:
    with pytest.raises(ValueError, match=r"unknown activation 'softmax'.*sigmoid"):
        engine.get_activation("softmax")
    with pytest.raises(ValueError, match=r"unknown loss 'l1'.*half-sse"):
        engine.get_loss("l1")
    with pytest.raises(ValueError, match="unknown activation"):
        engine.NeuronConfig("softmax")
    with pytest.raises(ValueError, match="unknown parameter 'w3'"):
        engine.NeuronConfig(trainable=frozenset({"w1", "w3"}))


# --- numerical stability -------------------------------------------------------------------

EXTREME_NETS = [
    1.7976931348623157e308,
    -1.7976931348623157e308,
    1e308,
    -1e308,
    1e300,
    -1e300,
    710.0,
    -710.0,
    1e3,
    -1e3,
    5e-324,
    -5e-324,
    0.0,
    -0.0,
]


@pytest.mark.parametrize("net", EXTREME_NETS)
@pytest.mark.parametrize("activation", ACTIVATION_NAMES)
def test_activations_are_finite_and_silent_at_the_extremes(activation: str, net: float) -> None:
    act = engine.get_activation(activation)
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        out = act.f(net)
        slope = act.derivative(net, out)
    assert isinstance(out, float)
    assert math.isfinite(out)
    assert math.isfinite(slope)
    if activation in ("sigmoid", "sigmoid-flipped"):
        assert 0.0 <= out <= 1.0
        assert abs(slope) <= 0.25
    elif activation == "tanh":
        assert -1.0 <= out <= 1.0
        assert 0.0 <= slope <= 1.0


def test_sigmoid_limits() -> None:
    sig = engine.get_activation("sigmoid").f
    flipped = engine.get_activation("sigmoid-flipped").f
    assert sig(1e308) == 1.0
    assert sig(-1e308) == 0.0
    assert flipped(1e308) == 0.0
    assert flipped(-1e308) == 1.0
    # Deep in the tail the value is tiny but still correct, not rounded to 0 by 1 - 1.
    assert sig(-700.0) == pytest.approx(math.exp(-700.0), rel=1e-15)
    assert sig(-710.0) > 0.0
    for net in (-30.0, -5.0, -0.5, 0.5, 5.0, 30.0):
        assert flipped(net) == sig(-net)
        assert sig(net) + sig(-net) == pytest.approx(1.0, rel=1e-15)


@pytest.mark.parametrize("activation", ACTIVATION_NAMES)
def test_saturates_at_0_1_says_whether_out_is_within_0_1_and_rounds_to_its_ends(
    activation: str,
) -> None:
    """The window's advice for a saturated sigmoid asks this flag, not the name."""
    f = engine.get_activation(activation).f
    inside = all(0.0 < f(net) < 1.0 for net in (-30.0, -5.0, -0.5, 0.0, 0.5, 5.0, 30.0))
    ends = {f(-1e3), f(1e3)} == {0.0, 1.0}
    assert engine.get_activation(activation).saturates_at_0_1 == (inside and ends)


@pytest.mark.parametrize("activation", ACTIVATION_NAMES)
@pytest.mark.parametrize("loss", ["half-sse", "mse"])
@pytest.mark.parametrize("b1", [1e150, -1e150, 710.0, -710.0])
def test_evaluate_is_silent_for_huge_net(activation: str, loss: str, b1: float) -> None:
    config = engine.NeuronConfig(activation, loss)
    params = engine.NOTES_PARAMS.with_value("b1", b1)
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        snap = engine.evaluate(params, config)
        graph = engine.evaluate_graph(params, config)
    assert graph == snap
    assert all(math.isfinite(v) for v in snap.row(0))


@pytest.mark.parametrize("out", [0.0, 1.0, -0.5, 1.5, -1e308, 1e308])
@pytest.mark.parametrize("target", [0.0, 0.3, 1.0])
def test_bce_outside_the_unit_interval_raises_a_clear_error(out: float, target: float) -> None:
    bce = engine.get_loss("bce")
    for fn in (bce.f, bce.derivative):
        with pytest.raises(engine.LossDomainError) as info:
            fn(target, out)
        message = str(info.value)
        assert "binary cross-entropy" in message
        assert "0 < out < 1" in message
        assert f"out = {engine.format_number(out)}" in message
    assert issubclass(engine.LossDomainError, ValueError)


@pytest.mark.parametrize(
    ("activation", "b1"),
    [("sigmoid", 40.0), ("sigmoid", -800.0), ("linear", 5.0), ("linear", -5.0), ("relu", -5.0)],
)
def test_evaluate_with_bce_outside_the_domain_raises_not_nan(activation: str, b1: float) -> None:
    config = engine.NeuronConfig(activation, "bce")
    params = engine.NOTES_PARAMS.with_value("b1", b1)
    with pytest.raises(engine.LossDomainError, match="binary cross-entropy"):
        engine.evaluate(params, config)
    with pytest.raises(engine.LossDomainError, match="binary cross-entropy"):
        engine.evaluate_graph(params, config)
    with pytest.raises(ValueError, match="binary cross-entropy"):
        engine.new_neuron_history(params, config)


def test_bce_near_the_edges_is_finite() -> None:
    bce = engine.get_loss("bce")
    for out in (1e-300, 0.5, 1.0 - 2.0**-53):
        for target in (0.0, 0.5, 1.0):
            assert math.isfinite(bce.f(target, out))
            assert math.isfinite(bce.derivative(target, out))
    # At the smallest subnormal the loss is still finite (about 744.4), though its derivative
    # -0.5 / 5e-324 is beyond the float range; training reports that as divergence.
    assert bce.f(0.5, 5e-324) == pytest.approx(-0.5 * math.log(5e-324), rel=1e-15)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert bce.derivative(0.5, 5e-324) == -math.inf
