"""``backprop-lab surface``: the grid as CSV, exact to the engine, and one-line errors."""

from __future__ import annotations

import csv
import io

import pytest

from app.cli import main
from engine import NOTES_PARAMS, NeuronConfig, evaluate


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_csv_has_n_squared_rows_x_slowest_and_engine_values(capsys):
    status, out, err = run(
        capsys, "surface", "--x", "b1", "--y", "w2", "--x-range", "-1", "1",
        "--y-range", "0", "2", "--grid", "5", "--i1", "0.5", "--activation", "tanh", "--csv", "-",
    )  # fmt: skip
    assert status == 0 and err == ""
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["b1", "w2", "error", "grad_b1", "grad_w2"]
    body = [[float(v) for v in row] for row in rows[1:]]
    assert len(body) == 25
    assert [r[0] for r in body[:6]] == [-1.0] * 5 + [-0.5]  # x varies slowest
    assert [r[1] for r in body[:5]] == [0.0, 0.5, 1.0, 1.5, 2.0]
    config = NeuronConfig("tanh")
    for b1, w2, error, g_b1, g_w2 in body:
        params = NOTES_PARAMS.with_value("i1", 0.5).with_value("b1", b1).with_value("w2", w2)
        snap = evaluate(params, config)
        assert abs(error - snap.error) <= 1e-9
        assert abs(g_b1 - snap.grad_b1) <= 1e-9
        assert abs(g_w2 - snap.grad_w2) <= 1e-9


def test_default_grid_is_101_squared_around_the_values(tmp_path, capsys):
    target = tmp_path / "grid.csv"
    status, out, _ = run(capsys, "surface", "--csv", str(target))
    assert status == 0
    assert out == f"wrote 10,201 points (101 x 101) to {target}\n"
    with target.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == 101 * 101
    assert float(rows[0]["w1"]) == pytest.approx(0.15 - 1.0)
    assert float(rows[-1]["w2"]) == pytest.approx(0.2 + 1.0)
    middle = rows[50 * 101 + 50]  # the notes' own point is the grid's centre
    assert float(middle["error"]) == pytest.approx(evaluate(NOTES_PARAMS).error, abs=1e-9)


def test_the_two_two_two_network_has_its_own_parameters(capsys):
    from engine.models import TWO_TWO_TWO

    status, out, _ = run(
        capsys, "surface", "--model", "2-2-2", "--x", "w5", "--y", "w1", "--grid", "2",
        "--x-range", "0", "1", "--y-range", "0", "1", "--t1", "0.5", "--csv", "-",
    )  # fmt: skip
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["w5", "w1", "error", "grad_w5", "grad_w1"]
    last = rows[-1]
    values = TWO_TWO_TWO.values({"t1": 0.5, "w5": 1.0, "w1": 1.0})
    state = TWO_TWO_TWO.evaluate_graph(values, TWO_TWO_TWO.default_config)
    assert abs(float(last["error"]) - state.error) <= 1e-9
    assert abs(float(last["grad_w1"]) - state.gradient("w1")) <= 1e-9


def test_summary_without_csv(capsys):
    status, out, _ = run(capsys, "surface", "--grid", "3")
    assert status == 0
    assert out.startswith("E over w1 from -0.85 to 1.15 and w2 from -0.8 to 1.2: 3 x 3 points")
    assert "lowest E on the grid:  0.235178691347 at w1 = -0.85, w2 = -0.8" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--x", "w9"], "--x: unknown parameter 'w9'; choose from w1, w2, b1, b2"),
        (["--x", "b1", "--y", "b1"], "--y: b1 is named twice"),
        (["--y", "w1"], "--y: w1 is named twice"),
        (["--x-range", "1", "1"], "--x-range is empty: the low end 1 must be below the high end 1"),
        (["--y-range", "2", "abc"], "--y-range: 'abc' is not a number"),
        (["--grid", "1"], "--grid must be a whole number of points per side from 2 to 1,000"),
        (["--grid", "1001"], "not '1001'"),
        (["--b2", "x"], "--b2: 'x' is not a number"),
        (["--t1", "0.5"], "--t1: the neuron model has no t1; it takes --i1"),
        (["--model", "3-3"], "--model: unknown model '3-3'; choose one of neuron, 2-2-2"),
        (["--model", "2-2-2", "--x", "target"], "--x: unknown parameter 'target'"),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_option(capsys, argv, message):
    status, out, err = run(capsys, "surface", *argv)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and message in err, err
