"""engine.diagnose: checking a hand calculation and finding where it first goes wrong.

The notes' own numbers (docs/worked-example.md) are checked against both conventions:
the standard sigmoid, where the calculation first goes wrong at ``out`` (the flipped
sign), and the notes as printed (``1/(1+e^net)``), where it first goes wrong at
``∂out/∂net`` (the derivative of the standard sigmoid used for the flipped one).
"""

from __future__ import annotations

import math
import subprocess
import sys
from dataclasses import FrozenInstanceError, replace
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from engine.activations import get_activation
from engine.diagnose import (
    NOTES_CLAIMS,
    QUANTITIES,
    REL_TOL,
    Finding,
    correct_values,
    diagnose,
    first_wrong,
    quantity,
    tolerance,
)
from engine.losses import get_loss
from engine.neuron import (
    DEFAULT_CONFIG,
    NOTES_AS_PRINTED,
    NOTES_PARAMS,
    PARAMETERS,
    NeuronConfig,
    NeuronParams,
    evaluate,
)

KEYS = [
    "net",
    "out",
    "error",
    "dE_dout",
    "dout_dnet",
    "grad_w1",
    "grad_w2",
    "grad_b1",
    "grad_b2",
    "new_w1",
    "new_w2",
    "new_b1",
    "new_b2",
]


def check(claims, config=DEFAULT_CONFIG, params=NOTES_PARAMS, **kwargs) -> dict[str, Finding]:
    findings = diagnose(evaluate(params, config), config, claims, **kwargs)
    return {f.key: f for f in findings}


# --- The table of quantities -------------------------------------------------------------


def test_quantities_are_in_chain_order_with_symbols():
    assert [q.key for q in QUANTITIES] == KEYS
    assert [q.label for q in QUANTITIES] == [
        "net",
        "out",
        "E",
        "∂E/∂out",
        "∂out/∂net",
        "∂E/∂w₁",
        "∂E/∂w₂",
        "∂E/∂b₁",
        "∂E/∂b₂",
        "w₁′",
        "w₂′",
        "b₁′",
        "b₂′",
    ]
    assert quantity("grad_w1").inputs == ("dE_dout", "dout_dnet")
    with pytest.raises(ValueError, match="unknown quantity 'dw1'"):
        quantity("dw1")


def test_correct_values_come_from_the_snapshot_and_update():
    snapshot = evaluate(NOTES_PARAMS, NOTES_AS_PRINTED)
    values = correct_values(snapshot, NOTES_AS_PRINTED)
    assert list(values) == KEYS
    assert values["out"] == snapshot.out
    assert values["grad_w1"] == pytest.approx(-0.002616063727, abs=1e-12)
    assert values["new_w1"] == pytest.approx(0.150523212745, abs=1e-12)
    assert values["new_b1"] == NOTES_PARAMS.b1  # frozen in the notes
    for q in QUANTITIES:
        assert q.value(snapshot, NOTES_AS_PRINTED) == values[q.key]


def test_formulas_follow_the_config():
    assert quantity("out").formula(DEFAULT_CONFIG) == "1 / (1 + e^(−net))"
    assert quantity("out").formula(NOTES_AS_PRINTED) == "1 / (1 + e^(+net))"
    assert quantity("dout_dnet").formula(NOTES_AS_PRINTED) == "−out·(1 − out)"
    assert quantity("error").formula(DEFAULT_CONFIG) == "½ (target − out)²"
    assert quantity("grad_w1").formula(DEFAULT_CONFIG) == "∂E/∂out × ∂out/∂net × i₁"
    assert quantity("new_w1").formula(DEFAULT_CONFIG) == "w₁ − η × ∂E/∂w₁"
    assert quantity("new_b1").formula(NOTES_AS_PRINTED) == "b₁ (frozen)"


def test_notes_claims_are_exactly_what_the_notes_print():
    assert NOTES_CLAIMS == {
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
    assert list(NOTES_CLAIMS) == [k for k in KEYS if k in NOTES_CLAIMS]  # chain order


# --- The notes, checked ---------------------------------------------------------------


def test_notes_under_the_standard_sigmoid():
    found = check(NOTES_CLAIMS)
    assert list(found) == list(NOTES_CLAIMS)
    assert found["net"].ok and found["net"].hint == ""

    out = found["out"]
    assert not out.ok and not out.consequential
    assert out.hint == (
        "this is the value for 1/(1+e^net) (sigmoid with the sign flipped); "
        "the standard sigmoid is 1/(1+e^−net)"
    )
    assert out.correct == pytest.approx(0.726611880149, abs=1e-12)

    # E and ∂E/∂out are right *for the learner's out*: wrong only because out is.
    for key in ("error", "dE_dout"):
        assert not found[key].ok and found[key].consequential
        assert found[key].fix_first == ("out",)
        assert found[key].hint == "follows correctly from your earlier value of out; fix that first"

    # out(1 − out) is symmetric under out -> 1 − out, so the notes' 0.2734 × 0.7266 is also
    # the standard sigmoid's slope 0.198647 (to 4e-5 relative): right, not a slip.
    assert found["dout_dnet"].ok

    grad_w1 = found["grad_w1"]
    assert not grad_w1.ok and not grad_w1.consequential  # a new slip, not inherited
    assert grad_w1.hint == (
        "off by a factor of 10: check the decimal point (yours is 10 times too small); "
        "from your earlier values, 0.2634 × 0.19865244 × 0.05 = 0.0026162526 "
        "(and your ∂E/∂out is wrong too)"
    )
    assert found["grad_w2"].consequential
    assert found["grad_w2"].hint == (
        "follows correctly from your earlier value of ∂E/∂out; fix out first"
    )

    assert not found["new_w1"].ok and not found["new_w1"].consequential
    assert found["new_w1"].hint == (
        "differs from what your earlier values give: 0.15 − 0.2 × 0.0002616 = 0.14994768"
    )
    assert found["new_w2"].hint.startswith("one digit is off (a copying or arithmetic slip)")
    assert "0.2 − 0.2 × 0.0052325 = 0.1989535" in found["new_w2"].hint

    assert first_wrong(found.values()).key == "out"


def test_notes_as_printed():
    found = check(NOTES_CLAIMS, NOTES_AS_PRINTED)
    # The forward pass is right for 1/(1+e^net), to the notes' rounding.
    for key in ("net", "out", "error", "dE_dout"):
        assert found[key].ok, found[key]
    # The notes' E comes from the rounded out: 9e-5 relative, within rounding.
    assert found["error"].correct == pytest.approx(0.034686650839, abs=1e-12)
    assert abs(0.03468978 / found["error"].correct - 1) == pytest.approx(9.03e-5, abs=1e-7)

    slope = found["dout_dnet"]
    assert not slope.ok and not slope.consequential
    assert slope.hint == (
        "right size, wrong sign: out(1−out) is the derivative of the standard sigmoid; "
        "for 1/(1+e^net) it is −out(1−out)"
    )
    # ∂E/∂w₁ = 0.0002616 vs −0.0026160637: both a factor 10 and the sign. The sign is
    # inherited from ∂out/∂net; the new slip is the factor 10 in the learner's own product.
    assert found["grad_w1"].hint == (
        "off by a factor of 10: check the decimal point (yours is 10 times too small); "
        "from your earlier values, 0.2634 × 0.19865244 × 0.05 = 0.0026162526 "
        "(and your ∂out/∂net is wrong too)"
    )
    assert found["grad_w2"].consequential and found["grad_w2"].fix_first == ("dout_dnet",)
    assert not found["new_w1"].ok and found["new_w1"].hint
    assert first_wrong(found.values()).key == "dout_dnet"


# --- Tolerance -------------------------------------------------------------------------


def test_typical_hand_roundings_pass():
    found = check(
        {
            "out": 0.7266,
            "error": 0.2568,
            "dE_dout": 0.7166,
            "dout_dnet": 0.199,  # 3 significant digits, correctly rounded
            "grad_w1": 0.007118,
            "grad_b1": 0.1424,
            "new_w1": 0.1486,
            "new_b2": 0.5715,
        }
    )
    assert all(f.ok for f in found.values()), found
    assert first_wrong(found.values()) is None


def test_one_percent_off_is_wrong_but_close():
    found = check({"out": 0.7266 * 1.01, "grad_w1": 0.0071176 * 0.995})
    for finding in found.values():
        assert not finding.ok
        assert finding.hint.startswith("close, but not to 4 significant digits")


def test_too_few_digits():
    finding = check({"new_b1": 0.32})["new_b1"]  # 0.3215294 to 2 significant digits
    assert not finding.ok
    assert finding.hint == "right to the 2 significant digits you wrote; keep at least 4"


def test_rel_tol_is_a_parameter():
    claims = {"net": 0.9775 * (1 + 2e-3)}
    assert not check(claims)["net"].ok
    assert check(claims, rel_tol=1e-2)["net"].ok
    assert tolerance("net", evaluate(NOTES_PARAMS), DEFAULT_CONFIG) == pytest.approx(
        REL_TOL * 0.9775
    )


def test_small_because_of_cancellation_gets_the_tolerance_of_its_terms():
    # out ≈ target: ∂E/∂out = out − target is tiny, and a learner with out rounded to 4
    # digits cannot get it to 4 significant digits. Judged against out's size instead.
    params = NeuronParams(target=0.7266)  # out = 0.72661188
    snapshot = evaluate(params)
    assert abs(snapshot.dE_dout) < 2e-5
    assert check({"dE_dout": 0.0}, params=params)["dE_dout"].ok
    assert not check({"dE_dout": 0.001}, params=params)["dE_dout"].ok
    # ... and so is what is computed from it (∂E/∂w₁ = ∂E/∂out × ...).
    assert check({"grad_w1": 0.0}, params=params)["grad_w1"].ok
    # A gradient that is small on its own is still judged by its significant digits.
    small = NeuronParams(i1=1e-5)
    assert abs(evaluate(small).grad_w1) < 2e-6
    assert not check({"grad_w1": 0.0}, params=small)["grad_w1"].ok
    assert check({"grad_w1": 1.423e-6}, params=small)["grad_w1"].ok


# --- Recognised slips ------------------------------------------------------------------


CORRECT = correct_values(evaluate(NOTES_PARAMS), DEFAULT_CONFIG)
P = NOTES_PARAMS


@pytest.mark.parametrize(
    ("key", "claimed", "hint"),
    [
        ("new_w1", P.eta * CORRECT["grad_w1"], "you wrote η × ∂E/∂w₁ but forgot to subtract it"),
        ("new_w1", -P.eta * CORRECT["grad_w1"], "you wrote −η × ∂E/∂w₁ but forgot to add w₁"),
        ("new_w2", P.w2 - CORRECT["grad_w2"], "forgot η: w₂′ = w₂ − η·∂E/∂w₂"),
        ("new_b1", P.b1 + P.eta * CORRECT["grad_b1"], "moved uphill: b₁′ = b₁ − η·∂E/∂b₁, not +"),
        ("new_b2", P.b2, "unchanged, but b₂ is trained"),
        ("net", 0.0275, "left out the biases"),
        ("net", 0.6275, "left out b₁"),
        ("error", 2 * CORRECT["error"], "twice what it should be: that is (target − out)² (MSE)"),
        ("error", 0.01 - CORRECT["out"], "not squared: E = ½(target − out)²"),
        ("dE_dout", 2 * CORRECT["dE_dout"], "twice what it should be: 2(out − target)"),
        ("dE_dout", -CORRECT["dE_dout"], "right size, wrong sign: ∂E/∂out = out − target"),
        ("grad_w1", CORRECT["dE_dout"] * CORRECT["dout_dnet"], "left out the last factor"),
        ("grad_w1", CORRECT["grad_w2"], "used i₂, but ∂net/∂w₁ = i₁"),
        ("grad_b1", CORRECT["grad_w1"], "∂net/∂b₁ = 1: a bias has no input factor"),
        ("grad_b2", CORRECT["dE_dout"], "left out the factor ∂out/∂net"),
        ("out", 0.7626, "two neighbouring digits are swapped"),
        ("out", 0.7275, "close, but not to 4 significant digits"),
        ("dout_dnet", 0.1996471, "one digit is off"),
        ("grad_w1", -CORRECT["grad_w1"] / 100, "off by a factor of 100 and the sign is wrong"),
        ("new_w1", 0.31, "differs from the correct value"),
    ],
)
def test_slips_are_named(key, claimed, hint):
    finding = check({key: claimed})[key]
    assert not finding.ok
    assert finding.hint.startswith(hint), finding.hint


def test_mse_factor_two():
    config = NeuronConfig("sigmoid", "mse")
    right = correct_values(evaluate(NOTES_PARAMS, config), config)
    found = check({"error": right["error"] / 2, "dE_dout": right["dE_dout"] / 2}, config)
    assert found["error"].hint == (
        "half what it should be: that is ½(target − out)² (half-SSE); "
        "here E = (target − out)² (MSE)"
    )
    assert found["dE_dout"].hint.startswith("half what it should be: out − target is the")


def test_frozen_parameter():
    found = check({"new_b1": 0.3213, "new_b2": 0.6}, NOTES_AS_PRINTED)
    assert found["new_b1"].hint == "b₁ is frozen (not trained) here, so b₁′ = b₁"
    assert found["new_b2"].ok


def test_standard_values_under_the_printed_convention():
    found = check({"out": 0.7266, "error": 0.2568}, NOTES_AS_PRINTED)
    assert found["out"].hint.startswith("this is the standard sigmoid 1/(1+e^−net)")
    assert found["error"].consequential
    alone = check({"error": 0.2568}, NOTES_AS_PRINTED)["error"]
    assert alone.hint == (
        "this is the value for the standard sigmoid 1/(1+e^−net); this neuron uses 1/(1+e^net)"
    )


def test_flipped_derivative_under_the_standard_sigmoid():
    finding = check({"dout_dnet": -0.1986}, DEFAULT_CONFIG)["dout_dnet"]
    assert finding.hint == (
        "right size, wrong sign: −out(1−out) is the derivative of 1/(1+e^net); "
        "for the standard sigmoid 1/(1+e^−net) it is out(1−out)"
    )


def test_consequences_point_at_the_root():
    # out 10 times too large; everything after it computed correctly from it.
    out = CORRECT["out"] * 10
    d = out - P.target
    s = out * (1 - out)
    claims = {"out": out, "dE_dout": d, "dout_dnet": s, "grad_w1": d * s * P.i1}
    claims["new_w1"] = P.w1 - P.eta * claims["grad_w1"]
    found = check(claims)
    assert found["out"].hint.startswith("off by a factor of 10")
    assert found["grad_w1"].hint == (
        "follows correctly from your earlier values of ∂E/∂out and ∂out/∂net; fix out first"
    )
    assert found["new_w1"].consequential and found["new_w1"].fix_first == ("out",)
    assert [f.key for f in found.values() if f.consequential] == [
        "dE_dout",
        "dout_dnet",
        "grad_w1",
        "new_w1",
    ]
    assert first_wrong(found.values()).key == "out"
    assert first_wrong(reversed(list(found.values()))).key == "out"  # chain order, not input


def test_empty_none_unknown_and_non_finite():
    assert check({}) == {}
    assert check({"out": None, "net": 0.9775}).keys() == {"net"}
    with pytest.raises(ValueError, match="unknown quantity"):
        check({"weight": 1.0})
    finding = check({"out": math.nan})["out"]
    assert not finding.ok and finding.hint == "is not a finite number"
    assert first_wrong([]) is None


def test_finding_is_frozen():
    finding = check({"net": 0.9775})["net"]
    with pytest.raises(FrozenInstanceError):
        finding.ok = False  # type: ignore[misc]


def test_extreme_and_undefined_values_do_not_raise():
    claims = [dict.fromkeys(KEYS, v) for v in (0.0, 1e300, -1e300, 5e-324, 1.7e308)]
    for params in (NeuronParams(w1=1e308, i1=10), NeuronParams(eta=1e308), NOTES_PARAMS):
        for config in (DEFAULT_CONFIG, NOTES_AS_PRINTED, NeuronConfig("linear", "mse")):
            snapshot = evaluate(params, config)
            for claim in claims:
                findings = diagnose(snapshot, config, claim)
                assert len(findings) == len(KEYS)
                first_wrong(findings)
            derived = {**snapshot.derived, "out": math.nan, "grad_w1": math.inf}
            broken = replace(snapshot, derived=derived)
            (finding,) = diagnose(broken, config, {"out": 0.5})
            assert not finding.ok


def test_engine_module_has_no_gui_imports():
    code = (
        "import sys, engine.diagnose\n"
        "bad = ('PySide6', 'shiboken6', 'pyqtgraph', 'app', 'widgets')\n"
        "sys.exit(any(m.split('.')[0] in bad for m in sys.modules))"
    )
    root = Path(__file__).resolve().parents[1]
    assert subprocess.run([sys.executable, "-c", code], cwd=root, check=False).returncode == 0


# --- Properties --------------------------------------------------------------------------

ALL_TRAINED = frozenset(PARAMETERS)
CONFIGS = [
    NeuronConfig(activation, loss, trainable)
    for activation in ("sigmoid", "sigmoid-flipped", "tanh", "relu", "linear")
    for loss in ("half-sse", "mse", "bce")
    for trainable in (ALL_TRAINED, frozenset({"w1", "w2"}))
    if loss != "bce" or activation.startswith("sigmoid")
]

params_strategy = st.builds(
    NeuronParams,
    i1=st.floats(-1, 1),
    i2=st.floats(-1, 1),
    w1=st.floats(-2, 2),
    w2=st.floats(-2, 2),
    b1=st.floats(-2, 2),
    b2=st.floats(-2, 2),
    target=st.floats(0.01, 0.99),
    eta=st.floats(0.01, 1),
)


def round4(x: float) -> float:
    return float(f"{x:.4g}")


@settings(max_examples=150, deadline=None)
@given(params=params_strategy, config=st.sampled_from(CONFIGS))
def test_correct_and_rounded_values_pass(params, config):
    snapshot = evaluate(params, config)
    values = correct_values(snapshot, config)
    for claims in (values, {k: round4(v) for k, v in values.items()}):
        findings = diagnose(snapshot, config, claims)
        assert [f.key for f in findings] == KEYS
        assert all(f.ok for f in findings), [f for f in findings if not f.ok]


@settings(max_examples=150, deadline=None)
@given(
    params=params_strategy,
    config=st.sampled_from([c for c in CONFIGS if c.activation != "relu"]),
)
def test_a_hand_calculation_rounding_every_step_to_4_digits_passes(params, config):
    """Each value computed from the learner's own rounded earlier values, then rounded."""
    act, loss = get_activation(config.activation), get_loss(config.loss)
    p = params
    net = round4(p.i1 * p.w1 + p.b1 + p.i2 * p.w2 + p.b2)
    out = round4(act.f(net))
    assume(0.0 < out < 1.0 or config.loss != "bce")
    claims = {
        "net": net,
        "out": out,
        "error": round4(loss.f(p.target, out)),
        "dE_dout": round4(loss.derivative(p.target, out)),
        "dout_dnet": round4(act.derivative(net, out)),
    }
    for name in PARAMETERS:
        local = {"w1": p.i1, "w2": p.i2}.get(name, 1.0)
        grad = round4(claims["dE_dout"] * claims["dout_dnet"] * local)
        claims[f"grad_{name}"] = grad
        old = getattr(p, name)
        new = old - p.eta * grad if name in config.trainable else old
        claims[f"new_{name}"] = round4(new)
    findings = diagnose(evaluate(params, config), config, claims)
    assert all(f.ok for f in findings), [f for f in findings if not f.ok]


@settings(max_examples=200, deadline=None)
@given(
    params=params_strategy,
    config=st.sampled_from(CONFIGS),
    key=st.sampled_from(KEYS),
    power=st.sampled_from([1, -1, 2, -2, 3, -3]),
)
def test_a_value_off_by_a_power_of_ten_is_called_that(params, config, key, power):
    snapshot = evaluate(params, config)
    right = correct_values(snapshot, config)[key]
    assume(abs(right) > 2 * tolerance(key, snapshot, config))
    (finding,) = diagnose(snapshot, config, {key: right * 10.0**power})
    assert not finding.ok
    assert finding.hint.startswith(f"off by a factor of {10 ** abs(power):,}: check the decimal")


@settings(max_examples=200, deadline=None)
@given(params=params_strategy, config=st.sampled_from(CONFIGS), key=st.sampled_from(KEYS))
def test_a_negated_value_is_called_the_wrong_sign(params, config, key):
    snapshot = evaluate(params, config)
    right = correct_values(snapshot, config)[key]
    assume(abs(right) > 2 * tolerance(key, snapshot, config))
    (finding,) = diagnose(snapshot, config, {key: -right})
    assert not finding.ok
    assert finding.hint.startswith("right size, wrong sign"), finding.hint


def _formula_configs():
    from engine.activations import ACTIVATIONS
    from engine.losses import LOSSES

    return [(a, loss) for a in sorted(ACTIVATIONS) for loss in sorted(LOSSES)]


@pytest.mark.parametrize(("activation", "loss"), _formula_configs())
def test_hand_check_formulas_are_the_activations_and_losses_own(activation, loss):
    """Formulas as text live once, with the activations and losses: what Check my numbers
    shows is theirs, for the neuron and for the 2-2-2 network."""
    from engine.diagnose import quantities
    from engine.models import TWO_TWO_TWO, Config

    config = Config(activation, loss)
    act, los = get_activation(activation), get_loss(loss)
    assert quantity("out").formula(config) == act.expression_for("net")
    assert quantity("dout_dnet").formula(config) == act.derivative_formula_for("out", "net")
    error = los.formula_for([("target", "out")], note=False).removeprefix("E = ")
    assert quantity("error").formula(config) == error
    assert quantity("dE_dout").formula(config) == los.derivative_formula_for("target", "out")
    found = {q.key: q for q in quantities(TWO_TWO_TWO)}
    assert found["out_h1"].formula(config) == act.expression_for("net_h1")
    pairs = [("t₁", "out_o1"), ("t₂", "out_o2")]
    error = los.formula_for(pairs, note=False).removeprefix("E = ")
    assert found["error"].formula(config) == error
    assert found["dE_dout_o2"].formula(config) == los.derivative_formula_for("t₂", "out_o2", 2)
