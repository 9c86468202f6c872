"""Training loops: the regimes of gradient descent on x², divergence that stops cleanly,
stop rules, trainable subsets, and block boundaries that change nothing."""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pytest

import engine
from engine import parabola
from engine.models import NEURON
from engine.models.compiler import training_block
from engine.models.training import rows_per_block
from engine.neuron import DEFAULT_CONFIG
from engine.training import new_parabola_history

X2 = parabola.FUNCTIONS["x2"]


@contextmanager
def no_warnings() -> Iterator[None]:
    """Fail on any warning, and on any numpy floating-point error, inside the block."""
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="raise"):
        warnings.simplefilter("always")
        yield
    assert caught == [], [str(w.message) for w in caught]


def all_rows_finite(history: engine.History) -> bool:
    return all(bool(np.all(np.isfinite(history.column(name)))) for name in history.columns)


def parabola_run(eta: float, steps: int, x0: float = 10.0) -> tuple[engine.History, engine.Outcome]:
    history = new_parabola_history(X2, x0, eta)
    with no_warnings():
        outcome = engine.descend(history, X2, steps)
    return history, outcome


# --- the five regimes on f(x) = x² -----------------------------------------------------------


def first_overflow_step(x0: float, factor: float) -> int:
    """The first k at which (x0 * factor^k)² is no longer a finite float."""
    x, k = x0, 0
    while math.isfinite(x * x):
        x = x * factor
        k += 1
    return k


def test_eta_above_one_diverges_and_stops_cleanly() -> None:
    history, outcome = parabola_run(1.5, 10_000)
    # x(k) = 10 * (-2)^k exactly; x² overflows long before x does.
    k = first_overflow_step(10.0, -2.0)
    assert k == 509
    divergence = outcome.divergence
    assert divergence is not None
    assert divergence.step == k
    assert divergence.quantity == "f(x)"
    assert divergence.value == math.inf
    assert outcome.steps_done == k - 1
    assert outcome.stopped_by_rule is None
    message = str(divergence.message)
    assert f"diverged at step {k}" in message
    assert "f(x)" in message
    assert "inf" in message
    assert f"stopped at step {k - 1}" in message
    assert len(history) == k  # rows 0 .. k-1
    assert all_rows_finite(history)
    last = history.row(-1)
    assert last["step"] == k - 1
    assert last["x"] == 10.0 * (-2.0) ** (k - 1)
    assert all(math.isfinite(v) for v in last.values())
    # Continuing from a diverged run diverges again at once instead of appending garbage.
    again = engine.descend(history, X2, 5)
    assert again.steps_done == 0
    assert again.divergence is not None
    assert again.divergence.step == k
    assert len(history) == k


def test_divergence_message_is_data_and_uses_thousands_separators() -> None:
    divergence = engine.Divergence(12_345, "E", np.float64(math.inf))
    assert divergence.message.code == "run.diverged"
    assert divergence.message.values["step"] == 12_345
    assert str(divergence.message) == (
        "diverged at step 12,345: E is no longer a finite number (inf); "
        "the run stopped at step 12,344, the last finite state"
    )
    domain = engine.Divergence(3, "out", 1.0, out_of_domain=True)
    assert str(domain.message) == (
        "stopped at step 3: binary cross-entropy needs 0 < out < 1, but out = 1; "
        "the run stopped at step 2, the last finite state"
    )


def test_eta_one_bounces_forever() -> None:
    history, outcome = parabola_run(1.0, 100)
    assert outcome == engine.Outcome(100, None, None)
    x = history.column("x")
    expected = [10.0 if k % 2 == 0 else -10.0 for k in range(101)]
    assert x.tolist() == expected
    assert history.column("fx").tolist() == [100.0] * 101
    assert history.column("gradient").tolist() == [2 * v for v in expected]
    assert history.column("step").tolist() == list(range(101))
    assert history.column("eta").tolist() == [1.0] * 101


def test_eta_half_lands_on_the_minimum_in_one_step() -> None:
    history, outcome = parabola_run(0.5, 10)
    assert outcome.steps_done == 10
    assert history.row(1) == {"step": 1.0, "x": 0.0, "fx": 0.0, "gradient": 0.0, "eta": 0.5}
    assert history.column("x")[1:].tolist() == [0.0] * 10


@pytest.mark.parametrize("eta", [0.6, 0.75, 0.9, 0.99])
def test_eta_between_half_and_one_oscillates_and_shrinks(eta: float) -> None:
    history, outcome = parabola_run(eta, 50)
    assert outcome == engine.Outcome(50, None, None)
    x = history.column("x")
    for k in range(1, len(x)):
        assert x[k] * x[k - 1] < 0, f"no sign change at step {k}"
        assert abs(x[k]) < abs(x[k - 1]), f"|x| did not shrink at step {k}"
        assert x[k] == pytest.approx((1 - 2 * eta) * x[k - 1], rel=1e-15)


@pytest.mark.parametrize("eta", [0.01, 0.2, 0.45])
def test_eta_below_half_converges_monotonically(eta: float) -> None:
    history, _ = parabola_run(eta, 50)
    x = history.column("x")
    assert bool(np.all(x > 0))
    assert bool(np.all(np.diff(x) < 0))


@pytest.mark.parametrize(
    ("eta", "words"),
    [
        (-0.1, "gradient ascent"),
        (0.0, "never moves"),
        (0.2, "shrinks steadily"),
        (0.5, "first step lands exactly"),
        (0.7, "jumps across 0"),
        (1.0, "bounces"),
        (1.5, "diverges"),
    ],
)
def test_regime_descriptions(eta: float, words: str) -> None:
    assert words in parabola.describe_x2_regime(eta)


@pytest.mark.parametrize("name", list(parabola.FUNCTIONS))
def test_every_function_diverges_cleanly_with_a_huge_step(name: str) -> None:
    fn = parabola.FUNCTIONS[name]
    history = new_parabola_history(fn, fn.x0, 1e3)
    with no_warnings():
        outcome = engine.descend(history, fn, 100_000)
    assert outcome.divergence is not None
    assert outcome.divergence.quantity in ("x", "f(x)", "f′(x)")
    assert outcome.steps_done == len(history) - 1
    assert all_rows_finite(history)


def test_descend_can_change_eta_and_continue() -> None:
    history = new_parabola_history(X2, 10.0, 0.2)
    engine.descend(history, X2, 2)
    engine.descend(history, X2, 1, eta=0.5)
    assert history.row(-1) == {"step": 3.0, "x": 0.0, "fx": 0.0, "gradient": 0.0, "eta": 0.5}
    engine.descend(history, X2, 1)  # eta now read from the last row
    assert history.row(-1)["eta"] == 0.5


def test_parabola_start_must_be_finite() -> None:
    with pytest.raises(ValueError, match=r"f\(x\) is not a finite number at x0 = 1e\+200"):
        new_parabola_history(X2, 1e200, 0.1)


# --- the neuron ----------------------------------------------------------------------------


def neuron_run(
    config: engine.NeuronConfig,
    steps: int,
    params: engine.NeuronParams = engine.NOTES_PARAMS,
    rule: engine.StopRule | None = None,
) -> tuple[engine.History, engine.Snapshot, engine.Outcome]:
    history, snap = engine.new_neuron_history(params, config)
    with no_warnings():
        snap, outcome = engine.train(history, snap, 0, config, steps, rule)
    return history, snap, outcome


def reference_snapshots(
    config: engine.NeuronConfig, steps: int, params: engine.NeuronParams = engine.NOTES_PARAMS
) -> list[engine.Snapshot]:
    """The run computed the slow, obvious way: update, then evaluate, step after step."""
    snaps = [engine.evaluate(params, config)]
    for _ in range(steps):
        snaps.append(engine.evaluate(engine.update(snaps[-1], config), config))
    return snaps


def test_train_matches_update_and_evaluate_step_by_step() -> None:
    config = engine.NeuronConfig("tanh", "mse")
    history, snap, outcome = neuron_run(config, 200)
    assert outcome == engine.Outcome(200, None, None)
    snaps = reference_snapshots(config, 200)
    assert snap == snaps[-1]
    for k, expected in enumerate(snaps):
        assert tuple(history.row(k).values()) == expected.row(k)


@pytest.mark.parametrize("eta", [1e10, 1e100, 1e300])
def test_linear_neuron_with_a_huge_step_diverges_cleanly(eta: float) -> None:
    config = engine.NeuronConfig("linear", "half-sse")
    params = engine.NOTES_PARAMS.with_value("eta", eta)
    history, snap, outcome = neuron_run(config, 1000, params)
    divergence = outcome.divergence
    assert divergence is not None
    assert outcome.steps_done < 1000
    assert outcome.steps_done == len(history) - 1
    assert divergence.step == outcome.steps_done + 1
    assert divergence.quantity in (
        "w1",
        "w2",
        "b1",
        "b2",
        "net",
        "out",
        "E",
        "dE/dout",
        "dout/dnet",
        "dE/dw1",
        "dE/dw2",
        "dE/db",
    )
    assert divergence.value is not None and not math.isfinite(divergence.value)
    message = str(divergence.message)
    assert f"diverged at step {divergence.step:,}" in message
    assert "np." not in message and "float64" not in message
    assert divergence.quantity in message
    assert all_rows_finite(history)
    # The returned snapshot is the last finite row.
    assert snap.row(outcome.steps_done) == tuple(history.row(-1).values())
    assert all(math.isfinite(v) for v in snap.row(0))


def test_linear_neuron_divergence_step_is_exact() -> None:
    config = engine.NeuronConfig("linear", "half-sse")
    params = engine.NOTES_PARAMS.with_value("eta", 1e10)
    history, _, outcome = neuron_run(config, 1000, params)
    # The reference run: the first snapshot with a non-finite value is where it diverged.
    snaps = [engine.evaluate(params, config)]
    while all(math.isfinite(v) for v in snaps[-1].row(0)):
        snaps.append(engine.evaluate(engine.update(snaps[-1], config), config))
    bad_step = len(snaps) - 1
    assert outcome.divergence is not None
    assert outcome.divergence.step == bad_step
    assert len(history) == bad_step
    for k in range(bad_step):
        assert tuple(history.row(k).values()) == snaps[k].row(k)


def test_bce_with_a_saturating_sigmoid_stops_with_a_clear_message() -> None:
    config = engine.NeuronConfig("sigmoid", "bce")
    params = engine.NOTES_PARAMS.with_value("eta", 1e6)
    history, snap, outcome = neuron_run(config, 1000, params)
    divergence = outcome.divergence
    assert divergence is not None
    assert divergence.quantity == "out" and divergence.out_of_domain
    message = str(divergence.message)
    assert "binary cross-entropy" in message
    assert "0 < out < 1" in message
    assert f"stopped at step {divergence.step}" in message
    assert outcome.steps_done == divergence.step - 1 == len(history) - 1
    assert all_rows_finite(history)
    assert 0.0 < snap.out < 1.0


def test_huge_but_finite_values_are_not_divergence() -> None:
    # One step makes b1, b2 and net about -5e307 each: all finite, though their sum is not.
    config = engine.NeuronConfig("relu", "half-sse")
    params = engine.NOTES_PARAMS.with_value("eta", 5e307)
    history, snap, outcome = neuron_run(config, 10, params)
    assert outcome == engine.Outcome(10, None, None)
    snaps = reference_snapshots(config, 10, params)
    assert snap == snaps[-1]
    assert snap.params.b1 == pytest.approx(-4.8375e307)
    assert snap.net == pytest.approx(-9.73546875e307)
    assert all_rows_finite(history)


def test_huge_eta_with_a_bounded_activation_never_warns() -> None:
    for activation in ("sigmoid", "sigmoid-flipped", "tanh", "relu"):
        config = engine.NeuronConfig(activation, "mse")
        params = engine.NOTES_PARAMS.with_value("eta", 1e308)
        history, _, outcome = neuron_run(config, 100, params)
        assert all_rows_finite(history)
        assert outcome.steps_done == len(history) - 1


def test_new_neuron_history_rejects_a_non_finite_start() -> None:
    params = engine.NOTES_PARAMS.with_value("b1", 1e200)
    with pytest.raises(ValueError, match="E is not a finite number"):
        engine.new_neuron_history(params, engine.NeuronConfig("linear", "half-sse"))


# --- stop rules ----------------------------------------------------------------------------


def test_max_step_stops_at_that_step() -> None:
    rule = engine.StopRule(max_step=7)
    history, snap, outcome = neuron_run(DEFAULT_CONFIG, 100, rule=rule)
    assert outcome == engine.Outcome(7, None, "max_step")
    assert history.row(-1)["step"] == 7
    assert len(history) == 8
    assert snap == reference_snapshots(DEFAULT_CONFIG, 7)[-1]
    # Continuing with the same rule does nothing; a later max_step goes on from step 7.
    with no_warnings():
        same, again = engine.train(history, snap, 7, DEFAULT_CONFIG, 100, rule)
    assert again == engine.Outcome(0, None, "max_step")
    assert same == snap
    assert len(history) == 8
    with no_warnings():
        snap, more = engine.train(history, snap, 7, DEFAULT_CONFIG, 100, engine.StopRule(10))
    assert more == engine.Outcome(3, None, "max_step")
    assert history.column("step").tolist() == list(range(11))
    assert snap == reference_snapshots(DEFAULT_CONFIG, 10)[-1]


def test_steps_limit_comes_before_max_step() -> None:
    _, _, outcome = neuron_run(DEFAULT_CONFIG, 5, rule=engine.StopRule(max_step=7))
    assert outcome == engine.Outcome(5, None, None)


def test_zero_steps_does_nothing() -> None:
    history, snap, outcome = neuron_run(DEFAULT_CONFIG, 0)
    assert outcome == engine.Outcome(0, None, None)
    assert len(history) == 1
    assert snap == engine.evaluate(engine.NOTES_PARAMS)


def test_error_below_stops_at_the_first_step_under_the_tolerance() -> None:
    snaps = reference_snapshots(DEFAULT_CONFIG, 200)
    tol = 0.05
    k = next(i for i, s in enumerate(snaps) if i > 0 and s.error < tol)
    assert 1 < k < 200
    assert snaps[k].error < tol <= snaps[k - 1].error
    history, snap, outcome = neuron_run(DEFAULT_CONFIG, 200, rule=engine.StopRule(error_below=tol))
    assert outcome == engine.Outcome(k, None, "error_below")
    assert snap == snaps[k]
    assert history.row(-1)["error"] < tol
    assert history.row(-2)["error"] >= tol
    assert len(history) == k + 1


@pytest.mark.parametrize(
    "trainable",
    [frozenset(engine.PARAMETERS), frozenset({"w1", "w2"}), frozenset({"b2"})],
    ids=["all", "weights", "b2"],
)
def test_gradient_norm_below_stops_at_the_first_step_under_the_tolerance(
    trainable: frozenset[str],
) -> None:
    config = engine.NeuronConfig("sigmoid", "half-sse", trainable)
    # A target out can reach, so the gradient keeps shrinking whatever is trained.
    params = engine.NOTES_PARAMS.with_value("target", 0.6).with_value("eta", 2.0)
    snaps = reference_snapshots(config, 400, params)

    def norm(s: engine.Snapshot) -> float:
        return math.sqrt(sum(s.gradient(name) ** 2 for name in trainable))

    norms = [norm(s) for s in snaps]
    # The norm need not fall monotonically; the rule stops at the first step (after the start)
    # under the tolerance.  Take a tolerance just above the norm at step 60, far (relative to
    # rounding) from every norm before the stopping step.
    tol = norms[60] * (1 + 1e-9)
    k = next(i for i in range(1, len(norms)) if norms[i] < tol)
    assert k == 60
    assert all(abs(n - tol) > 1e-12 * tol for n in norms[1 : k + 1])
    history, snap, outcome = neuron_run(
        config, 400, params, rule=engine.StopRule(gradient_norm_below=tol)
    )
    assert outcome == engine.Outcome(k, None, "gradient_norm_below")
    assert snap == snaps[k]
    assert len(history) == k + 1


@pytest.mark.parametrize(
    ("rule", "why"),
    [
        (engine.StopRule(gradient_norm_below=1e200), "gradient_norm_below"),
        (engine.StopRule(error_below=1.0), "error_below"),
    ],
)
def test_a_condition_met_at_the_start_stops_before_any_step(rule, why) -> None:
    history, _, outcome = neuron_run(DEFAULT_CONFIG, 10, rule=rule)
    assert outcome == engine.Outcome(0, None, why)
    assert len(history) == 1


def test_first_rule_to_fire_wins() -> None:
    rule = engine.StopRule(max_step=3, error_below=1e-30, gradient_norm_below=1e-30)
    _, _, outcome = neuron_run(DEFAULT_CONFIG, 10, rule=rule)
    assert outcome == engine.Outcome(3, None, "max_step")
    rule = engine.StopRule(max_step=1000, error_below=0.2566)  # E(0) = 0.25677 > E(1)
    _, _, outcome = neuron_run(DEFAULT_CONFIG, 10, rule=rule)
    assert outcome == engine.Outcome(1, None, "error_below")


# --- trainable subsets ---------------------------------------------------------------------


def test_untrained_biases_stay_fixed() -> None:
    config = engine.NeuronConfig("sigmoid", "half-sse", frozenset({"w1", "w2"}))
    history, snap, _ = neuron_run(config, 500)
    assert history.column("b1").tolist() == [0.35] * 501
    assert history.column("b2").tolist() == [0.60] * 501
    assert snap.params.b1 == 0.35
    assert snap.params.b2 == 0.60
    assert bool(np.all(np.diff(history.column("w1")) != 0))
    assert snap.params.w1 != 0.15
    assert snap == reference_snapshots(config, 500)[-1]


def test_nothing_trainable_changes_nothing() -> None:
    config = engine.NeuronConfig("sigmoid", "half-sse", frozenset())
    history, snap, outcome = neuron_run(config, 10)
    assert outcome.steps_done == 10
    start = engine.evaluate(engine.NOTES_PARAMS, config)
    assert snap == start
    for k in range(11):
        assert tuple(history.row(k).values()) == start.row(k)


def test_notes_as_printed_training_grows_the_weights() -> None:
    config = engine.NOTES_AS_PRINTED
    history, snap, _ = neuron_run(config, 50)
    assert bool(np.all(np.diff(history.column("w1")) > 0))
    assert bool(np.all(np.diff(history.column("error")) < 0))
    assert snap == reference_snapshots(config, 50)[-1]


# --- blocks --------------------------------------------------------------------------------


# The neuron's loop with all four parameters trained keeps 5 values a step (it changes 13
# columns; numpy replays the other 8), so its blocks have this many rows.
BLOCK_ROWS = rows_per_block(
    len(
        training_block(NEURON, "sigmoid", "half-sse", NEURON.default_trained, (False, False)).stored
    )
)


@pytest.mark.parametrize(
    "config",
    [DEFAULT_CONFIG, engine.NeuronConfig("tanh", "bce", frozenset({"w2", "b1"}))],
    ids=["default", "tanh-bce"],
)
def test_one_long_run_equals_many_single_steps(config: engine.NeuronConfig) -> None:
    steps = 10_000
    assert steps > BLOCK_ROWS * 2  # crosses block boundaries
    params = engine.NOTES_PARAMS.with_value("target", 0.6)
    long_history, long_snap, long_outcome = neuron_run(config, steps, params)
    assert long_outcome == engine.Outcome(steps, None, None)

    short_history, snap = engine.new_neuron_history(params, config)
    with no_warnings():
        for step in range(steps):
            snap, outcome = engine.train(short_history, snap, step, config, 1)
            assert outcome.steps_done == 1
    assert snap == long_snap
    assert len(short_history) == len(long_history) == steps + 1
    for name in engine.COLUMNS:
        a, b = long_history.column(name), short_history.column(name)
        assert np.array_equal(a.view(np.int64), b.view(np.int64)), name
    assert long_history.column("step").tolist() == list(range(steps + 1))


def test_rows_around_the_block_boundary_match_the_reference() -> None:
    n = BLOCK_ROWS + 3
    history, _, _ = neuron_run(DEFAULT_CONFIG, n)
    snaps = reference_snapshots(DEFAULT_CONFIG, n)
    for k in (0, 1, n // 2, BLOCK_ROWS - 1, BLOCK_ROWS, n - 1, n):
        assert tuple(history.row(k).values()) == snaps[k].row(k), k
