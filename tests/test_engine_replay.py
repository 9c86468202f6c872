"""The training loop keeps only what numpy cannot recompute exactly and replays the rest:
the history must be the one the loop that keeps every value writes, bit for bit."""

from __future__ import annotations

import ast
import math

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_third_model import LINEAR_UNIT

from engine import ACTIVATIONS, LOSSES, StopRule
from engine.models import MODELS, NEURON, TWO_TWO_TWO, Config
from engine.models.compiler import _replayable, training_block
from engine.models.training import new_history, rows_per_block, train

ALL_MODELS = {**MODELS, LINEAR_UNIT.name: LINEAR_UNIT}


def bits(values: np.ndarray) -> np.ndarray:
    """The float64 bit patterns: equal only if the values are, signs of zero included."""
    return np.ascontiguousarray(values).view(np.int64)


def same_outcome(a, b) -> bool:
    """Outcomes equal, a divergence's NaN value equal to NaN."""
    if (a.divergence is None) != (b.divergence is None):
        return False
    if a.divergence is not None:
        x, y = a.divergence, b.divergence
        same_value = x.value == y.value or (math.isnan(x.value) and math.isnan(y.value))
        if not same_value or (x.step, x.quantity, x.out_of_domain) != (
            y.step,
            y.quantity,
            y.out_of_domain,
        ):
            return False
    return (a.steps_done, a.stopped_by_rule) == (b.steps_done, b.stopped_by_rule)


def run_both(model, values, config, steps, rule=None, chunks=1):
    """The same run with the replay and with every value kept; ``chunks`` calls of train."""
    runs = []
    for replay in (True, False):
        history, state = new_history(model, values, config)
        step, outcomes = 0, []
        for _ in range(chunks):
            state, outcome = train(model, history, state, step, config, steps, rule, replay)
            step += outcome.steps_done
            outcomes.append(outcome)
        runs.append((history, state, outcomes))
    return runs


def assert_identical(runs) -> None:
    (fast, fast_state, fast_outcomes), (kept, kept_state, kept_outcomes) = runs
    assert len(fast) == len(kept)
    for name in fast.columns:
        assert np.array_equal(bits(fast.column(name)), bits(kept.column(name))), name
    for a, b in zip(fast_outcomes, kept_outcomes, strict=True):
        assert same_outcome(a, b), (a, b)
    assert fast_state == kept_state


finite = st.floats(-3.0, 3.0, allow_nan=False) | st.sampled_from([0.0, -0.0, 1.0, -1.0])


@st.composite
def runs(draw):
    model = draw(st.sampled_from(list(ALL_MODELS.values())))
    activation = draw(st.sampled_from(list(ACTIVATIONS)))
    loss = draw(st.sampled_from(list(LOSSES)))
    trained = draw(st.sets(st.sampled_from(model.parameters)))
    values = {name: draw(finite) for name in model.fields}
    for t in model.targets:
        values[t] = draw(st.sampled_from([0.0, 1.0, 0.25]) | st.floats(0.0, 1.0))
    # Small steps converge, large ones oscillate, huge ones overflow or leave bce's domain.
    values["eta"] = draw(st.sampled_from([0.05, 0.5, 2.0, 40.0, 1e6, 1e150]) | st.floats(0, 5))
    steps = draw(st.sampled_from([1, 7, 300, 9000]) | st.integers(1, 3000))
    error_below = draw(st.none() | st.sampled_from([1e-3, 0.05, 0.2]))
    norm_below = draw(st.none() | st.sampled_from([1e-4, 1e-2, 0.1]))
    max_step = draw(st.none() | st.integers(0, 4000))
    rule = StopRule(max_step=max_step, error_below=error_below, gradient_norm_below=norm_below)
    chunks = draw(st.integers(1, 3))
    return model, values, Config(activation, loss, trained), steps, rule, chunks


@settings(max_examples=400, deadline=None)
@given(case=runs())
@example(  # bce leaves its domain: a saturated sigmoid rounds out to exactly 1
    case=(
        NEURON,
        {**NEURON.defaults, "eta": 1e6, "target": 0.0},
        Config("sigmoid", "bce", NEURON.default_trained),
        50,
        StopRule(),
        1,
    )
)
@example(  # a linear network overflows to inf, then NaN
    case=(
        TWO_TWO_TWO,
        {**TWO_TWO_TWO.defaults, "eta": 40.0},
        Config("linear", "mse", TWO_TWO_TWO.parameters),
        3000,
        StopRule(),
        1,
    )
)
def test_the_replayed_history_equals_the_kept_one_bit_for_bit(case) -> None:
    model, values, config, steps, rule, chunks = case
    try:
        new_history(model, values, config)
    except ValueError:  # a start outside the loss's domain or not finite: no run at all
        return
    assert_identical(run_both(model, values, config, steps, rule, chunks))


@pytest.mark.parametrize("model", list(ALL_MODELS.values()), ids=list(ALL_MODELS))
@pytest.mark.parametrize("activation", list(ACTIVATIONS))
@pytest.mark.parametrize("loss", list(LOSSES))
def test_every_configuration_replays_exactly_across_blocks(model, activation, loss) -> None:
    """Every model × activation × loss, all parameters trained and a few alone, over more
    than two blocks, from the defaults and with a step large enough to diverge."""
    trained_sets = [frozenset(model.parameters), frozenset(model.parameters[:1]), frozenset()]
    for trained in trained_sets:
        config = Config(activation, loss, trained)
        block = training_block(model, activation, loss, trained, (False, False))
        steps = 2 * rows_per_block(len(block.stored)) + 5
        for eta in (0.3, 25.0):
            values = {**model.defaults, "eta": eta, **dict.fromkeys(model.targets, 0.25)}
            try:
                new_history(model, values, config)
            except ValueError:  # bce of a linear output outside (0, 1): no run
                continue
            assert_identical(run_both(model, values, config, steps))


def test_a_diverging_run_reports_the_same_row_and_column() -> None:
    values = {**NEURON.defaults, "eta": 1e3}
    config = Config("linear", "half-sse", NEURON.default_trained)
    runs_ = run_both(NEURON, values, config, 100)
    assert_identical(runs_)
    divergence = runs_[0][2][0].divergence
    assert divergence is not None and divergence.step > 1
    assert not math.isfinite(divergence.value)


def test_bce_leaving_its_domain_stops_both_loops_alike() -> None:
    values = {**NEURON.defaults, "eta": 1e6, "target": 0.0}
    config = Config("sigmoid", "bce", NEURON.default_trained)
    runs_ = run_both(NEURON, values, config, 50)
    assert_identical(runs_)
    assert runs_[0][2][0].divergence.out_of_domain


@pytest.mark.parametrize("model", list(ALL_MODELS.values()), ids=list(ALL_MODELS))
def test_every_row_equals_a_fresh_evaluation_of_its_fields(model) -> None:
    """Independently of the loop that keeps everything: each replayed row is what the
    compiled evaluator gives for that row's fields."""
    for activation in ACTIVATIONS:
        config = Config(activation, model.default_loss, frozenset(model.parameters))
        history, state = new_history(model, model.defaults, config)
        train(model, history, state, 0, config, 40)
        for k in range(len(history)):
            row = history.row(k)
            again = model.state_from_row(row, config).row(k)
            assert np.array_equal(bits(np.array(again)), bits(np.array(list(row.values())))), k


def test_the_loop_keeps_only_what_numpy_cannot_recompute() -> None:
    """The sigmoid's exp and bce's logarithms are kept from the loop; the sums, products,
    gradients and the parameters' steps are replayed.  The replay calls no function but
    numpy.where and its walk of a parameter's steps."""
    block = training_block(NEURON, "sigmoid", "half-sse", NEURON.default_trained, (False, False))
    assert block.stored == ("v10",)  # out alone, of 13 changing columns
    assert len(block.changing) == 13
    for model in ALL_MODELS.values():
        for activation in ACTIVATIONS:
            for loss in LOSSES:
                trained = frozenset(model.parameters)
                block = training_block(model, activation, loss, trained, (True, True))
                calls = [
                    node.func.id
                    for node in ast.walk(ast.parse(block.replay.source))
                    if isinstance(node, ast.Call)
                ]
                assert set(calls) <= {"where", "walk"}, (model.name, activation, loss)
    kept = training_block(
        NEURON, "sigmoid", "half-sse", NEURON.default_trained, (False, False), replay=False
    )
    assert len(kept.stored) == 13 and kept.direct  # every changing column, in order


@pytest.mark.parametrize(
    ("expression", "replayable"),
    [
        ("a + b * c - d", True),
        ("-a * (1.0 - a)", True),
        ("(a - b) / 2.0", True),
        ("a / b", False),  # Python raises on b == 0.0 where numpy gives inf
        ("a / 0.0", False),
        ("a // 2.0", False),
        ("a ** 2", False),
        ("exp(a)", False),  # numpy's exp may differ from libm's in the last bit
        ("a if a > 0.0 else 0.0", True),
        ("1.0 if a > 0.0 else exp(a)", False),
        ("a if 0.0 < a < 1.0 else 0.0", False),
        ("True", False),
    ],
)
def test_which_lines_are_replayed(expression: str, replayable: bool) -> None:
    assert _replayable(ast.parse(expression, mode="eval").body) is replayable


def test_a_huge_finite_gradient_at_the_start_does_not_overflow_the_norm_test() -> None:
    """grad_w1 = 1e160 is finite; its square is inf, which the test must compare, not raise
    on (``g ** 2`` raised OverflowError)."""
    values = {**NEURON.defaults, "i1": 1e10, "w1": 1e140, "target": 0.0, "i2": 0.0}
    config = Config("linear", "half-sse", NEURON.default_trained)
    history, state = new_history(NEURON, values, config)
    assert math.isfinite(state.grad_w1) and state.grad_w1 > 1e155
    _, outcome = train(NEURON, history, state, 0, config, 5, StopRule(gradient_norm_below=1e-3))
    assert outcome.steps_done >= 1 or outcome.divergence is not None
    assert outcome.divergence is not None  # the next step overflows


def test_rows_written_in_place_count_only_once_committed() -> None:
    from engine import History

    history = History(("step", "x"))
    history.append((0.0, 1.0))
    view = history.snapshot()
    new = history.next_rows(3)
    new[0] = [1.0, 2.0, 3.0]
    new[1] = [4.0, 5.0, 6.0]
    assert len(history) == 1  # not yet taken in
    history.commit(2)
    assert history.column("x").tolist() == [1.0, 4.0, 5.0]
    assert len(view) == 1 and view.column("x").tolist() == [1.0]
    with pytest.raises(ValueError, match="do not fit"):
        history.commit(history.capacity)
    with pytest.raises(ValueError, match="snapshot"):
        view.next_rows(1)


@pytest.mark.parametrize("grads", [0.75, np.float64(0.75), np.array(0.75), np.full(5, 0.75)])
def test_a_walk_subtracts_each_step_as_the_loop_does(grads) -> None:
    """The parameter's steps from its gradients, the same bits as ``p = p - eta * g`` with
    the gradient of the step before, whatever form a constant gradient takes."""
    from engine.models.compiler import _walk

    start, eta, first_grad = 0.1, 0.3, -2.5
    expected, p, g = [], start, first_grad
    for _ in range(5):
        p = p - eta * g
        expected.append(p)
        g = 0.75
    got = _walk(start, eta * first_grad, eta, grads, 5)
    assert np.array_equal(bits(got), bits(np.array(expected)))


def test_short_calls_keep_every_value_and_long_ones_replay_to_the_same_history() -> None:
    """By default a call of a few steps keeps every value (numpy's per-call cost would
    outweigh the replay) and a long one replays: a run mixing them equals the reference."""
    for model in (NEURON, TWO_TWO_TWO, LINEAR_UNIT):
        for activation in ("sigmoid", "relu"):
            config = Config(activation, "half-sse", frozenset(model.parameters))
            mixed, state = new_history(model, model.defaults, config)
            step = 0
            for steps in (1, 3, 300, 2, 5000, 255, 256, 1):
                state, outcome = train(model, mixed, state, step, config, steps)
                step += outcome.steps_done
            reference, start = new_history(model, model.defaults, config)
            train(model, reference, start, 0, config, step, replay=False)
            assert len(mixed) == len(reference) == step + 1
            for name in model.columns:
                assert np.array_equal(bits(mixed.column(name)), bits(reference.column(name)))
