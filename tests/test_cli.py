"""The headless CLI: golden runs against the worked example, divergence and bad input."""

from __future__ import annotations

import csv
import errno
import io
import math
import os
import re
import subprocess
import sys
import time
import types
from pathlib import Path

import pytest
from worked_example import PARABOLA_TABLE as PARABOLA  # k, x, gradient
from worked_example import PRINTED as AS_PRINTED_ROW0
from worked_example import PRINTED_UPDATED as AS_PRINTED_ROW1
from worked_example import STANDARD as NOTES_ROW0
from worked_example import STANDARD_UPDATED as NOTES_ROW1

import engine.csvio
from app.__main__ import main as entry_main
from app.cli import MAX_STEPS, main
from engine.models import get_model

ROOT = Path(__file__).resolve().parents[1]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def parse_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def run_module(*argv: str, **kwargs) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "app", *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
        **kwargs,
    )


def assert_close(row: dict[str, str], expected: dict[str, float], tol: float = 1e-12) -> None:
    for name, value in expected.items():
        assert abs(float(row[name]) - value) <= tol, (name, row[name], value)


# -- golden runs --------------------------------------------------------------------------


def test_train_defaults_reproduce_the_worked_example(capsys):
    status, out, err = run(capsys, "train", "--steps", "1", "--csv", "-")
    assert (status, err) == (0, "")
    assert out.splitlines()[0] == ",".join(engine.COLUMNS)
    rows = parse_csv(out)
    assert len(rows) == 2
    first, second = rows
    exact = {
        "step": "0",
        "i1": "0.05",
        "i2": "0.1",
        "w1": "0.15",
        "w2": "0.2",
        "b1": "0.35",
        "b2": "0.6",
        "target": "0.01",
        "eta": "0.2",
        "net": "0.9775",
    }
    assert {name: first[name] for name in exact} == exact
    assert_close(first, NOTES_ROW0)
    assert second["step"] == "1"
    assert_close(second, NOTES_ROW1)
    # Every cell round-trips exactly through the engine's reader.
    history = engine.csvio.read_history(io.StringIO(out), engine.COLUMNS)
    assert len(history) == 2


def test_train_default_is_one_step(capsys):
    status, out, _ = run(capsys, "train", "--csv", "-")
    assert status == 0
    assert [row["step"] for row in parse_csv(out)] == ["0", "1"]


def test_train_in_a_real_subprocess_prints_the_csv_alone():
    result = run_module("train", "--csv", "-")
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    rows = parse_csv(result.stdout.decode("utf-8"))
    assert [row["step"] for row in rows] == ["0", "1"]
    assert rows[0]["net"] == "0.9775"
    assert_close(rows[0], NOTES_ROW0)
    assert_close(rows[1], NOTES_ROW1)


def test_notes_as_printed(capsys):
    status, out, _ = run(
        capsys, "train", "--train", "w1,w2", "--activation", "sigmoid-flipped", "--csv", "-"
    )
    assert status == 0
    first, second = parse_csv(out)
    assert_close(first, AS_PRINTED_ROW0)
    assert_close(second, AS_PRINTED_ROW1)
    assert (second["b1"], second["b2"]) == ("0.35", "0.6")  # biases untouched


def test_train_summary_is_readable(capsys):
    status, out, err = run(capsys, "train")
    assert (status, err) == (0, "")
    assert "1 training step" in out
    assert re.search(r"^\s+w1\s+0\.15\s+0\.148576471599$", out, re.MULTILINE)
    assert re.search(r"^\s+error\s+0\.256766293386\s+\S+$", out, re.MULTILINE)
    assert out.splitlines()[-1] == "final error: 0.24857134479 after 1 step"


def test_train_none_keeps_every_parameter(capsys):
    status, out, _ = run(capsys, "train", "--train", "none", "--steps", "3", "--csv", "-")
    assert status == 0
    rows = parse_csv(out)
    assert {row["w1"] for row in rows} == {"0.15"}
    assert {row["b2"] for row in rows} == {"0.6"}


def test_train_options_reach_the_engine(capsys):
    args = ["--i1", "1", "--i2", "-2", "--w1", "0.5", "--w2", "−0.25"]  # a real minus sign
    args += ["--b1", "0", "--b2", "0.1", "--target", "0.9", "--eta", "0.5"]
    status, out, _ = run(
        capsys, "train", *args, "--activation", "tanh", "--loss", "mse", "--csv", "-"
    )
    assert status == 0
    first = parse_csv(out)[0]
    params = engine.NeuronParams(1, -2, 0.5, -0.25, 0, 0.1, 0.9, 0.5)
    snap = engine.evaluate(params, engine.NeuronConfig("tanh", "mse"))
    assert float(first["w2"]) == -0.25
    assert float(first["net"]) == snap.net
    assert float(first["error"]) == snap.error
    assert float(first["grad_w2"]) == snap.grad_w2


def test_parabola_default_table_matches_the_worked_example(capsys):
    status, out, err = run(capsys, "parabola")
    assert (status, err) == (0, "")
    table = [
        tuple(float(cell) for cell in match.groups())
        for match in re.finditer(r"^\s*(\d+)\s+(\S+)\s+(\S+)\s*$", out, re.MULTILINE)
    ]
    assert len(table) == len(PARABOLA)
    for (k, x, grad), (ek, ex, egrad) in zip(table, PARABOLA, strict=True):
        assert k == ek
        assert abs(x - ex) <= 1e-12
        assert abs(grad - egrad) <= 1e-12


def test_parabola_default_csv_matches_the_worked_example(capsys):
    status, out, _ = run(capsys, "parabola", "--csv", "-")
    assert status == 0
    assert out.splitlines()[0] == "step,x,fx,gradient,eta"
    rows = parse_csv(out)
    assert len(rows) == 11
    for row, (k, x, grad) in zip(rows, PARABOLA, strict=True):
        assert int(row["step"]) == k
        assert abs(float(row["x"]) - x) <= 1e-12
        assert abs(float(row["gradient"]) - grad) <= 1e-12
        assert abs(float(row["fx"]) - x * x) <= 1e-12
        assert row["eta"] == "0.2"


def test_parabola_long_table_is_shortened(capsys):
    status, out, _ = run(capsys, "parabola", "--steps", "100")
    assert status == 0
    assert "rows not shown" in out
    assert re.search(r"^\s+100\s", out, re.MULTILINE)


def test_parabola_other_functions_use_their_own_defaults(capsys):
    status, out, _ = run(capsys, "parabola", "--function", "x4", "--steps", "2", "--csv", "-")
    assert status == 0
    rows = parse_csv(out)
    assert (rows[0]["x"], rows[0]["eta"]) == ("2.0", "0.05")
    assert float(rows[1]["x"]) == 2.0 - 0.05 * 32.0


@pytest.mark.parametrize("command", ["train", "parabola"])
@pytest.mark.parametrize("steps", [0, 1, 7, 250])
def test_steps_n_gives_n_plus_one_rows(capsys, command, steps):
    status, out, _ = run(capsys, command, "--steps", str(steps), "--csv", "-")
    assert status == 0
    rows = parse_csv(out)
    assert [int(row["step"]) for row in rows] == list(range(steps + 1))


def test_a_million_steps_run_fast(capsys):
    start = time.perf_counter()
    status, out, _ = run(capsys, "train", "--steps", "1000000")
    assert status == 0
    assert "after 1,000,000 steps" in out
    assert time.perf_counter() - start < 30


# -- divergence ---------------------------------------------------------------------------


def test_parabola_divergence_keeps_the_finite_rows(capsys, tmp_path):
    path = tmp_path / "run.csv"
    status, _, err = run(capsys, "parabola", "--eta", "1.5", "--steps", "5000", "--csv", str(path))
    assert status == 3
    rows = parse_csv(path.read_text(encoding="utf-8"))
    assert 1 < len(rows) < 5001
    assert [int(row["step"]) for row in rows] == list(range(len(rows)))
    for row in rows:
        assert all(math.isfinite(float(value)) for value in row.values())
    # x(k+1) = (1 - 2 * 1.5) x(k) = -2 x(k): exact in binary floating point.
    assert all(float(row["x"]) == 10.0 * (-2.0) ** k for k, row in enumerate(rows))
    lines = err.splitlines()
    assert len(lines) == 1
    assert f"step {len(rows):,}" in lines[0]
    assert "Traceback" not in err


def test_parabola_divergence_with_csv_on_stdout(capsys):
    status, out, err = run(capsys, "parabola", "--eta", "1.5", "--steps", "5000", "--csv", "-")
    assert status == 3
    rows = parse_csv(out)
    assert len(err.splitlines()) == 1
    assert f"diverged at step {len(rows):,}" in err


def test_parabola_divergence_without_csv_still_shows_the_table(capsys):
    status, out, err = run(capsys, "parabola", "--eta", "1.5", "--steps", "5000")
    assert status == 3
    assert "x0 = 10" in out
    assert len(err.splitlines()) == 1


def test_train_divergence(capsys):
    argv = ["train", "--activation", "linear", "--eta", "100", "--steps", "1000", "--csv", "-"]
    status, out, err = run(capsys, *argv)
    assert status == 3
    rows = parse_csv(out)
    assert 1 < len(rows) < 1001
    for row in rows:
        assert all(math.isfinite(float(value)) for value in row.values())
    assert len(err.splitlines()) == 1
    assert f"step {len(rows):,}" in err


# -- bad input ----------------------------------------------------------------------------

BAD_INPUT = [
    (["train", "--eta", "abc"], "--eta", "not a number"),
    (["train", "--w1", ""], "--w1", "empty"),
    (["train", "--i1", "nan"], "--i1", "nan"),
    (["train", "--target", "inf"], "--target", "inf"),
    (["train", "--b2", "1e999"], "--b2", "too large"),
    (["train", "--i2", "0,5"], "--i2", "comma"),
    (["train", "--eta"], "--eta", "expected one argument"),
    (["train", "--steps", "-3"], "--steps", "whole number"),
    (["train", "--steps", "2.5"], "--steps", "whole number"),
    (["train", "--steps", ""], "--steps", "empty"),
    (["train", "--steps", str(MAX_STEPS + 1)], "--steps", "too many"),
    (["train", "--activation", "softmax"], "--activation", "sigmoid-flipped"),
    (["train", "--loss", "hinge"], "--loss", "half-sse"),
    (["train", "--train", "w1,w9"], "--train", "b2"),
    (["train", "--train", ""], "--train", "empty"),
    (["train", "--loss", "bce", "--b1", "100"], "--loss", "0 < out < 1"),
    (["train", "--loss", "bce", "--activation", "linear", "--b1", "1"], "--loss", "0 < out"),
    (["train", "--i1", "1e300", "--w1", "1e300"], "--w1", "not a finite number"),
    (["train", "--csv", ""], "--csv", "empty"),
    (["train", "--csv", "/nonexistent-folder/x.csv"], "--csv", "the folder does not exist"),
    (["train", "--frobnicate"], "--frobnicate", "unrecognized"),
    (["parabola", "--function", "cubic"], "--function", "double-well"),
    (["parabola", "--x0", "abc"], "--x0", "not a number"),
    (["parabola", "--x0", "1e200"], "--x0", "not a finite number"),
    (["parabola", "--eta=-inf"], "--eta", "inf"),
    (["parabola", "--steps", "1.5"], "--steps", "whole number"),
    (["parabola", "--csv", "/nonexistent-folder/x.csv"], "--csv", "the folder does not exist"),
    (["tarin"], "tarin", "invalid choice"),
]


@pytest.mark.parametrize(("argv", "option", "words"), BAD_INPUT, ids=lambda v: repr(v))
def test_bad_input_is_one_line_naming_the_option(capsys, argv, option, words):
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("backprop-lab: error: ")
    assert option in lines[0]
    assert words in lines[0]
    assert "Traceback" not in err
    assert "usage:" not in err


def test_bad_input_in_a_real_subprocess():
    result = run_module("train", "--eta", "abc")
    assert result.returncode == 2
    assert result.stdout == b""
    err = result.stderr.decode("utf-8")
    assert err.count("\n") == 1
    assert err.startswith("backprop-lab: error: --eta: 'abc' is not a number")


def test_missing_folder_leaves_no_file(capsys, tmp_path):
    path = tmp_path / "missing" / "run.csv"
    status, _, err = run(capsys, "train", "--csv", str(path))
    assert status == 2
    assert f"--csv: cannot write {path}: the folder does not exist" in err
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_no_file_and_keeps_the_old_one(capsys, tmp_path, monkeypatch):
    path = tmp_path / "run.csv"
    path.write_text("keep me\n", encoding="utf-8")

    def refuse(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr(engine.csvio.os, "replace", refuse)
    status, _, err = run(capsys, "parabola", "--csv", str(path))
    assert status == 2
    assert err.splitlines() == [
        f"backprop-lab: error: --csv: cannot write {path}: permission denied"
    ]
    assert [p.name for p in tmp_path.iterdir()] == ["run.csv"]
    assert path.read_text(encoding="utf-8") == "keep me\n"


def test_a_folder_is_not_a_csv_file(capsys, tmp_path):
    status, _, err = run(capsys, "parabola", "--csv", str(tmp_path))
    assert status == 2
    assert "it is a folder" in err
    assert list(tmp_path.iterdir()) == []


# -- CSV to a file ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["train", "--steps", "25"],
        ["train", "--train", "w1,w2", "--activation", "sigmoid-flipped", "--steps", "3"],
        ["parabola", "--eta", "0.9", "--steps", "40"],
        ["parabola", "--eta", "1.5", "--steps", "5000"],
    ],
)
def test_csv_file_equals_csv_stdout_byte_for_byte(capsys, tmp_path, argv):
    status_out, out, _ = run(capsys, *argv, "--csv", "-")
    path = tmp_path / "run.csv"
    status_file, printed, _ = run(capsys, *argv, "--csv", str(path))
    assert status_out == status_file
    assert path.read_bytes() == out.encode("utf-8")
    if status_file == 0:
        assert printed.startswith("wrote ")


def test_csv_file_equals_subprocess_stdout(tmp_path):
    path = tmp_path / "run.csv"
    assert run_module("train", "--steps", "10", "--csv", str(path)).returncode == 0
    result = run_module("train", "--steps", "10", "--csv", "-")
    assert result.returncode == 0
    assert result.stdout == path.read_bytes()


def test_csv_overwrites_an_existing_file(capsys, tmp_path):
    path = tmp_path / "run.csv"
    path.write_text("old\n", encoding="utf-8")
    assert run(capsys, "parabola", "--steps", "2", "--csv", str(path))[0] == 0
    assert len(parse_csv(path.read_text(encoding="utf-8"))) == 3
    assert [p.name for p in tmp_path.iterdir()] == ["run.csv"]


# -- the entry point ----------------------------------------------------------------------


def test_help_and_version(capsys):
    status, out, _ = run(capsys, "--help")
    assert status == 0
    assert "train" in out and "parabola" in out
    status, out, _ = run(capsys, "train", "--help")
    assert status == 0
    assert "--activation" in out
    status, out, _ = run(capsys, "--version")
    assert status == 0
    assert out.startswith("backprop-lab ")


def test_no_arguments_open_the_window(monkeypatch):
    calls = []
    fake = types.ModuleType("app.gui")
    fake.launch = lambda: calls.append("launch") or 7
    monkeypatch.setitem(sys.modules, "app.gui", fake)
    assert entry_main([]) == 7
    assert calls == ["launch"]


def test_arguments_run_the_cli(capsys):
    assert entry_main(["parabola", "--steps", "2", "--csv", "-"]) == 0
    assert len(parse_csv(capsys.readouterr().out)) == 3


def test_the_cli_never_imports_qt():
    code = (
        "import sys, app.__main__ as m\n"
        "status = m.main(['train', '--steps', '5'])\n"
        "qt = sorted(n for n in sys.modules if n.startswith(('PySide6', 'pyqtgraph', 'app.gui')))\n"
        "print(status, qt)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "0 []"


def test_a_closed_pipe_is_not_an_error():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app",
            "parabola",
            "--steps",
            "200000",
            "--eta",
            "0.1",
            "--csv",
            "-",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.readline() == b"step,x,fx,gradient,eta\n"
        proc.stdout.close()
        err = proc.stderr.read()
        status = proc.wait(timeout=60)
    assert status == 0
    assert b"Traceback" not in err
    assert b"BrokenPipe" not in err


# -- the 2-2-2 network --------------------------------------------------------------------


def test_2_2_2_defaults_reproduce_the_published_step(capsys):
    status, out, err = run(capsys, "train", "--model", "2-2-2", "--csv", "-")
    assert (status, err) == (0, "")
    header = out.splitlines()[0].split(",")
    assert header == list(get_model("2-2-2").columns)
    first, second = parse_csv(out)
    assert abs(float(first["error"]) - 0.298371109) < 5e-10
    assert abs(float(second["w5"]) - 0.35891648) < 5e-9
    assert abs(float(second["w1"]) - 0.149780716) < 5e-10
    assert (second["b1"], second["b2"], second["eta"]) == ("0.35", "0.6", "0.5")


def test_2_2_2_options_reach_the_engine(capsys):
    argv = ["train", "--model", "2-2-2", "--w5", "−0.3", "--t2", "0.5", "--b1", "0.1"]
    argv += ["--activation", "tanh", "--loss", "mse", "--train", "w5,b1", "--csv", "-"]
    status, out, _ = run(capsys, *argv)
    assert status == 0
    first, second = parse_csv(out)
    model = get_model("2-2-2")
    config = model.config("tanh", "mse", {"w5", "b1"})
    state = model.evaluate(model.values({"w5": -0.3, "t2": 0.5, "b1": 0.1}), config)
    assert float(first["error"]) == state.error
    assert float(first["grad_w1"]) == state.gradient("w1")
    assert float(second["w5"]) == -0.3 - 0.5 * state.gradient("w5")
    assert second["w1"] == first["w1"] == "0.15"  # not trained


def test_2_2_2_summary_names_the_network(capsys):
    status, out, _ = run(capsys, "train", "--model", "2-2-2")
    assert status == 0
    assert "training w1, w2, w3, w4, w5, w6, w7, w8" in out
    assert "inputs i1 = 0.05, i2 = 0.1, t1 = 0.01, t2 = 0.99" in out
    assert re.search(r"^\s+w5\s+0\.4\s+0\.358916479718$", out, re.MULTILINE)
    assert re.search(r"^\s+error\s+0\.29837110876\s", out, re.MULTILINE)


@pytest.mark.parametrize(
    ("argv", "option", "words"),
    [
        (["train", "--w5", "1"], "--w5", "the neuron model has no w5; it takes --i1"),
        (["train", "--model", "2-2-2", "--target", "1"], "--target", "2-2-2 model has no"),
        (["train", "--model", "2-2-2", "--train", "w9"], "--train", "w8, b1, b2"),
        (["train", "--model", "three"], "--model", "choose one of neuron, 2-2-2"),
        (
            ["train", "--model", "2-2-2", "--w1", "1e300", "--i1", "1e300"],
            "--t2",
            "net_h1 is not a finite",
        ),
    ],
)
def test_2_2_2_bad_input(capsys, argv, option, words):
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert len(err.splitlines()) == 1
    assert option in err and words in err


def test_help_lists_the_models_and_their_defaults(capsys):
    status, out, _ = run(capsys, "--help")
    assert status == 0
    assert "neuron  one neuron (the notes)" in out and "2-2-2   2-2-2 network" in out
    status, out, _ = run(capsys, "train", "--help")
    assert status == 0
    assert "--model 2-2-2: 2-2-2 network" in out
    assert "--w5 0.4" in out and "--eta 0.5" in out and "--train w1,w2,w3,w4,w5,w6,w7,w8" in out
    assert "--target 0.01" in out and "--train w1,w2,b1,b2" in out
