"""The 2-2-2 network on the same graph machinery: its published numbers, and gradients
that agree with central finite differences."""

import pytest

from engine.two_two_two import START, WEIGHTS, build_graph, step

# The published step-by-step example (rounded to 9 significant digits there).
PUBLISHED = {
    "net_h1": 0.3775,
    "out_h1": 0.593269992,
    "out_h2": 0.596884378,
    "out_o1": 0.75136507,
    "out_o2": 0.772928465,
    "E": 0.298371109,
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


def test_forward_pass_matches_the_published_example():
    g, _ = step(START)
    for name, value in PUBLISHED.items():
        assert g[name].value == pytest.approx(value, abs=5e-9), name


def test_one_update_matches_the_published_weights():
    _, updated = step(START, eta=0.5)
    for name, value in UPDATED.items():
        assert updated[name] == pytest.approx(value, abs=5e-9), name
    assert updated["b1"] == START["b1"] and updated["b2"] == START["b2"]


def test_every_gradient_matches_central_differences():
    g, _ = step(START)
    h = 1e-6

    def error(values: dict[str, float]) -> float:
        probe = build_graph()
        probe.forward(values)
        return probe["E"].value

    for name in (*WEIGHTS, "b1", "b2"):
        plus = dict(START, **{name: START[name] + h})
        minus = dict(START, **{name: START[name] - h})
        numeric = (error(plus) - error(minus)) / (2 * h)
        assert g[name].grad == pytest.approx(numeric, rel=1e-6, abs=1e-10), name


def test_a_shared_bias_collects_gradient_from_both_units():
    g, _ = step(START)
    net_h1, net_h2 = g["net_h1"], g["net_h2"]
    assert g["b1"].grad == pytest.approx(net_h1.grad + net_h2.grad, rel=1e-15)
