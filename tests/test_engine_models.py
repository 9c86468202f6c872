"""Models as data: the registry, the compiled step against the graph and an independent
calculation, the 2-2-2 network's published numbers, numpy evaluation and presets."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import ACTIVATIONS, LOSSES, History, StopRule
from engine.models import DEFAULT_MODEL, MODELS, NEURON, TWO_TWO_TWO, Config, get_model
from engine.models.compiler import evaluator
from engine.models.presets import PresetError, load_preset

# The classic example's published numbers (rounded to 9 significant digits there).
PUBLISHED = {
    "net_h1": 0.3775,
    "out_h1": 0.593269992,
    "out_h2": 0.596884378,
    "out_o1": 0.75136507,
    "out_o2": 0.772928465,
    "error": 0.298371109,
}
UPDATED = {
    "w5": 0.35891648,
    "w6": 0.408666186,
    "w7": 0.511301270,
    "w8": 0.561370121,
    "w1": 0.149780716,
    "w2": 0.19956143,
    "w3": 0.24975114,
    "w4": 0.29950229,
}
# The issue's column list, written as it is there.
ISSUE_COLUMNS = (
    "step,i1,i2,w1,w2,w3,w4,w5,w6,w7,w8,b1,b2,t1,t2,eta,net_h1,out_h1,net_h2,out_h2,net_o1,"
    "out_o1,net_o2,out_o2,error,grad_w1,grad_w2,grad_w3,grad_w4,grad_w5,grad_w6,grad_w7,"
    "grad_w8,grad_b1,grad_b2"
)
TWO_TWO_TWO_COLUMNS = ISSUE_COLUMNS.split(",")


# --- the registry ------------------------------------------------------------------------


def test_registry_names_titles_and_default() -> None:
    assert DEFAULT_MODEL == "neuron"
    assert list(MODELS) == ["neuron", "2-2-2"]
    assert get_model("2-2-2") is TWO_TWO_TWO
    assert NEURON.title == "one neuron (the notes)"
    assert TWO_TWO_TWO.title == "2-2-2 network"
    with pytest.raises(ValueError, match=r"unknown model 'three'; choose one of neuron, 2-2-2"):
        get_model("three")


def test_model_descriptions() -> None:
    assert TWO_TWO_TWO.inputs == ("i1", "i2")
    assert TWO_TWO_TWO.parameters == ("w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "b1", "b2")
    assert TWO_TWO_TWO.targets == ("t1", "t2")
    assert TWO_TWO_TWO.default_trained == frozenset(f"w{k}" for k in range(1, 9))
    assert list(TWO_TWO_TWO.columns) == TWO_TWO_TWO_COLUMNS
    assert TWO_TWO_TWO.outputs == (("out_o1", "t1"), ("out_o2", "t2"))
    assert NEURON.columns == (
        "step", "i1", "i2", "w1", "w2", "b1", "b2", "target", "eta",
        "net", "out", "error", "dE_dout", "dout_dnet",
        "grad_w1", "grad_w2", "grad_b1", "grad_b2",
    )  # fmt: skip
    assert NEURON.fields == ("i1", "i2", "w1", "w2", "b1", "b2", "target", "eta")


def test_unknown_names_are_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match=r"unknown parameter 'w5'; choose from w1, w2, b1, b2"):
        NEURON.config(trainable={"w5"})
    with pytest.raises(ValueError, match=r"has no 'w5'; its numbers are i1, i2, w1"):
        NEURON.values({"w5": 1.0})


# --- the classic example ------------------------------------------------------------------


def test_the_classic_example_reproduces_the_published_numbers() -> None:
    config = TWO_TWO_TWO.default_config
    assert config == Config("sigmoid", "half-sse", TWO_TWO_TWO.default_trained)
    state = TWO_TWO_TWO.evaluate(TWO_TWO_TWO.defaults, config)
    for name, value in PUBLISHED.items():
        assert state[name] == pytest.approx(value, abs=5e-9), name
    history, start = TWO_TWO_TWO.new_history(TWO_TWO_TWO.defaults, config)
    after, outcome = TWO_TWO_TWO.train(history, start, 0, config, 1)
    assert outcome.steps_done == 1 and outcome.divergence is None
    for name, value in UPDATED.items():
        assert after[name] == pytest.approx(value, abs=5e-9), name
        assert history.row(1)[name] == after[name]
    assert after["b1"] == 0.35 and after["b2"] == 0.60  # biases fixed by default


def test_a_hidden_weight_gathers_both_output_paths() -> None:
    s = TWO_TWO_TWO.evaluate(TWO_TWO_TWO.defaults, TWO_TWO_TWO.default_config)
    delta_o1 = s["dE_dout_o1"] * s["dout_o1_dnet_o1"]
    delta_o2 = s["dE_dout_o2"] * s["dout_o2_dnet_o2"]
    through = (delta_o1 * s["w5"] + delta_o2 * s["w7"]) * s["dout_h1_dnet_h1"] * s["i1"]
    assert s.gradient("w1") == pytest.approx(through, rel=1e-15)
    assert s.gradient("b1") == pytest.approx(s["grad_net_h1"] + s["grad_net_h2"], rel=1e-15)


# --- the compiled step is the graph --------------------------------------------------------

CONFIGS = [(a, lo) for a in ACTIVATIONS for lo in LOSSES]


def random_values(model, rng: random.Random, scale: float = 1.0) -> dict[str, float]:
    values = {name: rng.uniform(-scale, scale) for name in model.fields}
    values["eta"] = rng.uniform(0.01, 1.0)
    for t in model.targets:
        values[t] = rng.uniform(0.05, 0.95)
    return values


@pytest.mark.parametrize("model", list(MODELS.values()), ids=list(MODELS))
@pytest.mark.parametrize(("activation", "loss"), CONFIGS)
def test_compiled_step_equals_the_graph_exactly(model, activation: str, loss: str) -> None:
    rng = random.Random(f"{model.name}{activation}{loss}")
    config = model.config(activation, loss)
    for _ in range(40):
        values = random_values(model, rng, 2.0)
        try:
            graph = model.evaluate_graph(values, config)
        except ValueError:  # bce outside (0, 1): both must refuse
            with pytest.raises(ValueError, match="binary cross-entropy"):
                model.evaluate(values, config)
            continue
        fast = model.evaluate(values, config)
        assert set(fast.derived) == set(model.keys)
        for key in model.keys:
            assert fast.derived[key] == graph.derived[key], key


def test_the_generated_code_is_written_out() -> None:
    source = evaluator(TWO_TWO_TWO, "sigmoid", "half-sse").source
    assert "exp(" in source and "def evaluate(values)" in source
    assert "f(" not in source.replace("def evaluate", "")  # no calls for the sigmoid


# --- an independent calculation: the 2-2-2 network with numpy matrices --------------------


def independent_step(v: dict[str, float], activation: str) -> dict[str, tuple[float, float]]:
    """One forward and backward pass written with matrices, knowing nothing of the engine's
    graph: every value with the size it is computed from (see below)."""
    if activation == "sigmoid":

        def f(x: np.ndarray) -> np.ndarray:
            return 1.0 / (1.0 + np.exp(-x))

        def df(y: np.ndarray) -> np.ndarray:
            return y * (1.0 - y)
    else:
        f, df = np.tanh, lambda y: 1.0 - y * y
    x = np.array([v["i1"], v["i2"]])
    t = np.array([v["t1"], v["t2"]])
    names_h, names_o = [["w1", "w2"], ["w3", "w4"]], [["w5", "w6"], ["w7", "w8"]]
    w_h = np.array([[v[n] for n in r] for r in names_h])
    w_o = np.array([[v[n] for n in r] for r in names_o])
    h = f(w_h @ x + v["b1"])
    o = f(w_o @ h + v["b2"])
    error = 0.5 * float(np.sum((t - o) ** 2))
    delta_o = (o - t) * df(o)
    delta_h = (w_o.T @ delta_o) * df(h)
    grads = {"b1": float(delta_h.sum()), "b2": float(delta_o.sum())}
    for r in range(2):
        for c in range(2):
            grads[names_o[r][c]] = delta_o[r] * h[c]
            grads[names_h[r][c]] = delta_h[r] * x[c]
    # Each value is checked to 1e-9 of the size of what it is computed from, not of its own
    # size: o − t cancels when o is close to t, and the hidden deltas and a bias's gradient
    # are sums that can cancel, so their digits are only as good as the terms' magnitudes.
    size_o = (np.abs(o) + np.abs(t)) * np.abs(df(o))
    size_h = (np.abs(w_o).T @ size_o) * np.abs(df(h))
    sizes = {"b1": float(size_h.sum()), "b2": float(size_o.sum())}
    for r in range(2):
        for c in range(2):
            sizes[names_o[r][c]] = size_o[r] * abs(h[c])
            sizes[names_h[r][c]] = size_h[r] * abs(x[c])
    reach = np.abs(o) + np.abs(t)
    row = {"out_o1": (o[0], abs(o[0])), "out_h2": (h[1], abs(h[1]))}
    row["error"] = (error, float(np.sum(reach * np.abs(t - o) + 1e-12 * reach**2)))
    for k, g in grads.items():
        row[f"grad_{k}"] = (g, sizes[k])
    return row


@settings(max_examples=30, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    activation=st.sampled_from(["sigmoid", "tanh"]),
    trained=st.sets(st.sampled_from(TWO_TWO_TWO.parameters)),
)
def test_random_runs_agree_with_an_independent_calculation(
    seed: int, activation: str, trained: set[str]
) -> None:
    """Every row of a 25-step run against the matrix calculation from that row's values,
    and every update against the matrix gradients of the row before.  (Comparing whole
    trajectories instead compares the dynamics: a run can amplify a last-digit difference
    far beyond 1e-9 in 25 steps, with both calculations right.)"""
    rng = random.Random(seed)
    values = random_values(TWO_TWO_TWO, rng)
    config = TWO_TWO_TWO.config(activation, "half-sse", trained)
    history, state = TWO_TWO_TWO.new_history(values, config)
    TWO_TWO_TWO.train(history, state, 0, config, 25)
    assert len(history) == 26
    for k in range(26):
        got = history.row(k)
        for name, (value, size) in independent_step(got, activation).items():
            assert abs(got[name] - value) <= 1e-9 * size, (k, name, got[name], value)
        if k:  # the update from the row before, with the independent gradients
            before = history.row(k - 1)
            grads = independent_step(before, activation)
            for p in TWO_TWO_TWO.parameters:
                g, size = grads[f"grad_{p}"]
                step = before["eta"] * g if p in trained else 0.0
                tol = 1e-9 * abs(before["eta"]) * size + 1e-15 * abs(got[p])
                assert abs(got[p] - (before[p] - step)) <= tol, (k, p)


def test_the_independent_check_catches_a_small_slip() -> None:
    """A gradient off by 1e-8 of its size fails the check above."""
    values = dict(TWO_TWO_TWO.defaults)
    state = TWO_TWO_TWO.evaluate(values, TWO_TWO_TWO.default_config)
    expected = independent_step(values, "sigmoid")
    value, size = expected["grad_w1"]
    assert abs(state.gradient("w1") - value) <= 1e-9 * size
    assert abs(state.gradient("w1") * (1 + 1e-8) - value) > 1e-9 * size


@pytest.mark.parametrize(("activation", "loss"), CONFIGS)
def test_2_2_2_gradients_match_central_differences(activation: str, loss: str) -> None:
    rng = random.Random(activation + loss)
    config = TWO_TWO_TWO.config(activation, loss)
    h = 1e-6
    checked = 0
    while checked < 5:
        values = random_values(TWO_TWO_TWO, rng, 0.8)
        values["i1"], values["i2"] = 0.7, -0.4  # away from relu's kink is likely
        try:
            state = TWO_TWO_TWO.evaluate(values, config)
        except ValueError:
            continue
        if activation == "relu" and any(abs(state[net]) < 1e-3 for net, _ in TWO_TWO_TWO.units):
            continue
        for p in TWO_TWO_TWO.parameters:

            def error(x: float, p: str = p, values: dict[str, float] = values) -> float:
                return TWO_TWO_TWO.evaluate({**values, p: x}, config).error

            numeric = (error(values[p] + h) - error(values[p] - h)) / (2 * h)
            assert state.gradient(p) == pytest.approx(numeric, rel=1e-5, abs=1e-9), p
        checked += 1


# --- training --------------------------------------------------------------------------------


def test_2_2_2_long_run_equals_single_steps_and_evaluate() -> None:
    model = TWO_TWO_TWO
    config = model.config("tanh", "mse", {"w1", "w6", "b1", "b2"})
    long, start = model.new_history(model.defaults, config)
    end, outcome = model.train(long, start, 0, config, 2500)
    assert outcome.steps_done == 2500
    short, state = model.new_history(model.defaults, config)
    for step in range(2500):
        state, _ = model.train(short, state, step, config, 1)
    for name in model.columns:
        assert np.array_equal(long.column(name), short.column(name)), name
    # Every row is what evaluate gives for its values.
    for k in (1, 493, 494, 2500):
        row = long.row(k)
        again = model.evaluate({f: row[f] for f in model.fields}, config)
        assert again.row(k) == tuple(row.values()), k
    assert end.row(2500) == tuple(long.row(-1).values())


def test_2_2_2_divergence_stops_at_the_last_finite_step() -> None:
    model = TWO_TWO_TWO
    values = {**model.defaults, "eta": 1e200}
    config = model.config("linear", "half-sse", set(model.parameters))
    history, start = model.new_history(values, config)
    end, outcome = model.train(history, start, 0, config, 100)
    assert outcome.divergence is not None
    assert outcome.divergence.step == len(history)
    assert "no longer a finite number" in str(outcome.divergence.message)
    assert all(math.isfinite(v) for v in history.row(-1).values())
    assert end.row(len(history) - 1) == tuple(history.row(-1).values())


def test_2_2_2_stop_rules() -> None:
    model = TWO_TWO_TWO
    config = model.default_config
    history, start = model.new_history(model.defaults, config)
    _, outcome = model.train(history, start, 0, config, 10**6, StopRule(error_below=0.25))
    assert outcome.stopped_by_rule == "error_below"
    assert history.row(-1)["error"] < 0.25 <= history.row(-2)["error"]
    history, start = model.new_history(model.defaults, config)
    _, outcome = model.train(history, start, 0, config, 10**6, StopRule(max_step=7))
    assert outcome == outcome.__class__(7, None, "max_step")
    history, start = model.new_history(model.defaults, config)
    _, outcome = model.train(history, start, 0, config, 10**6, StopRule(gradient_norm_below=0.1))
    assert outcome.stopped_by_rule == "gradient_norm_below"
    last = history.row(-1)
    norm = math.sqrt(sum(last[f"grad_{p}"] ** 2 for p in config.trainable))
    assert norm < 0.1


def test_a_history_has_the_models_columns() -> None:
    history, _ = TWO_TWO_TWO.new_history(TWO_TWO_TWO.defaults, TWO_TWO_TWO.default_config)
    assert isinstance(history, History)
    assert list(history.columns) == TWO_TWO_TWO_COLUMNS


# --- numpy evaluation ------------------------------------------------------------------------


@pytest.mark.parametrize("model", list(MODELS.values()), ids=list(MODELS))
@pytest.mark.parametrize(("activation", "loss"), CONFIGS)
def test_evaluate_arrays_broadcasts_and_matches_scalars(model, activation: str, loss: str) -> None:
    rng = random.Random(activation + loss)
    values: dict[str, float | np.ndarray] = dict(model.defaults)
    p, q = model.parameters[0], model.parameters[-1]
    xs, ys = np.linspace(-3, 3, 200), np.linspace(-2, 2, 200)
    values[p], values[q] = xs[np.newaxis, :], ys[:, np.newaxis]
    result = model.evaluate_arrays(values, activation, loss)
    assert np.shape(result["error"]) == (200, 200)
    assert np.shape(result[f"grad_{p}"]) == (200, 200)
    config = model.config(activation, loss)
    for _ in range(20):
        r, c = rng.randrange(200), rng.randrange(200)
        point = {**model.defaults, p: float(xs[c]), q: float(ys[r])}
        try:
            state = model.evaluate(point, config)
        except ValueError:
            assert math.isnan(result["error"][r, c])
            continue
        for key in ("error", f"grad_{p}", f"grad_{q}", model.units[-1][1]):
            assert float(np.broadcast_to(result[key], (200, 200))[r, c]) == pytest.approx(
                state[key], rel=1e-9, abs=1e-15
            ), key


def test_evaluate_arrays_is_silent_for_huge_values() -> None:
    values: dict[str, float | np.ndarray] = dict(TWO_TWO_TWO.defaults)
    values["w5"] = np.array([-1e308, -1e10, 0.0, 1e10, 1e308])
    values["b2"] = np.array([[1e308], [-1e308]])
    for activation in ACTIVATIONS:
        for loss in LOSSES:
            result = TWO_TWO_TWO.evaluate_arrays(values, activation, loss)  # warnings = errors
            assert np.shape(result["error"]) == (2, 5)


# --- presets -----------------------------------------------------------------------------------


def test_shipped_presets() -> None:
    titles = [p.title for p in NEURON.presets]
    assert titles == ["Notes example", "Notes as printed"]
    example, printed = NEURON.presets
    assert example.values == NEURON.defaults and example.config == NEURON.default_config
    assert printed.config == Config("sigmoid-flipped", "half-sse", frozenset({"w1", "w2"}))
    (classic,) = TWO_TWO_TWO.presets
    assert classic.values == TWO_TWO_TWO.defaults
    assert classic.config == TWO_TWO_TWO.default_config


GOOD = (
    '{"model": "neuron", "title": "T", "order": 1, "values": {"i1": 0.05, "i2": 0.1, '
    '"w1": 0.15, "w2": 0.2, "b1": 0.35, "b2": 0.6, "target": 0.01, "eta": 0.2}, '
    '"activation": "sigmoid", "loss": "half-sse", "trained": ["w1"]}'
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not valid JSON"),
        ("[]", "expected an object"),
        (GOOD.replace('"order": 1, ', ""), "expected the keys"),
        (GOOD.replace('"neuron"', '"three"'), "unknown model 'three'"),
        (GOOD.replace('"i1": 0.05, ', ""), "values must give exactly i1, i2"),
        (GOOD.replace("0.05", '"x"'), "i1 must be a finite number"),
        (GOOD.replace("0.05", "NaN"), "i1 must be a finite number"),
        (GOOD.replace('"sigmoid"', '"soft"'), "unknown activation 'soft'"),
        (GOOD.replace('["w1"]', '["w5"]'), "unknown parameter 'w5'"),
    ],
)
def test_bad_presets_are_refused_with_the_reason(text: str, message: str) -> None:
    assert load_preset("good", GOOD, MODELS).config.trainable == {"w1"}
    with pytest.raises(PresetError, match=f"preset bad: .*{message}"):
        load_preset("bad", text, MODELS)
