"""The run history buffer and its CSV form: views, growth, memory, exact round trip,
atomic writes and the errors a malformed file gets."""

from __future__ import annotations

import csv
import io
import math
import os
import struct
import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import engine
from engine import csvio, parabola
from engine.history import History

# --- History -------------------------------------------------------------------------------


def filled(n: int, columns: tuple[str, ...] = ("step", "a", "b")) -> History:
    history = History(columns)
    for k in range(n):
        history.append([k, k + 0.5, -k * 0.25][: len(columns)])
    return history


def test_append_row_and_column_values() -> None:
    history = filled(5)
    assert len(history) == 5
    assert history.columns == ("step", "a", "b")
    assert history.row(0) == {"step": 0.0, "a": 0.5, "b": 0.0}
    assert history.row(4) == {"step": 4.0, "a": 4.5, "b": -1.0}
    assert history.row(-1) == history.row(4)
    assert history.row(-5) == history.row(0)
    assert list(history.column("a")) == [0.5, 1.5, 2.5, 3.5, 4.5]
    assert list(history.rows()) == [(k, k + 0.5, -k * 0.25) for k in range(5)]
    for bad in (5, -6, 100):
        with pytest.raises(IndexError, match="outside a history of 5 rows"):
            history.row(bad)
    with pytest.raises(IndexError):
        History(("x",)).row(-1)


def test_row_values_are_python_floats() -> None:
    row = filled(2).row(-1)
    assert all(type(v) is float for v in row.values())


def test_column_is_a_read_only_zero_copy_view() -> None:
    history = filled(300)
    column = history.column("a")
    assert column.dtype == np.float64
    assert column.shape == (300,)
    assert column.flags.c_contiguous
    assert not column.flags.writeable
    assert not column.flags.owndata
    assert np.shares_memory(column, history._data)
    with pytest.raises(ValueError, match="read-only"):
        column[0] = 99.0
    # The history itself stays writable: a read-only view does not freeze the buffer.
    history.append([300, 300.5, -75.0])
    assert history.column("a")[-1] == 300.5
    assert history.column("a")[0] == 0.5
    np.testing.assert_array_equal(history.column("step"), np.arange(301, dtype=float))
    with pytest.raises(KeyError):
        history.column("nope")


def test_column_of_an_empty_history_is_empty() -> None:
    history = History(engine.COLUMNS)
    assert len(history) == 0
    for name in engine.COLUMNS:
        assert history.column(name).shape == (0,)
    assert list(history.rows()) == []


def test_extend_flat_adds_rows_in_order() -> None:
    history = History(("step", "x"))
    history.extend_flat([0, 1.0, 1, 2.0, 2, 4.0])
    history.extend_flat([])
    history.extend_flat(np.array([3, 8.0, 4, 16.0]))
    assert len(history) == 5
    np.testing.assert_array_equal(history.column("step"), [0, 1, 2, 3, 4])
    np.testing.assert_array_equal(history.column("x"), [1, 2, 4, 8, 16])
    with pytest.raises(ValueError, match="do not make whole rows of 2"):
        history.extend_flat([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="a row needs 2 values, got 3"):
        history.append([1.0, 2.0, 3.0])
    assert len(history) == 5


def test_columns_must_be_unique() -> None:
    with pytest.raises(ValueError, match="unique"):
        History(("a", "b", "a"))


def test_capacity_doubles_only_when_full() -> None:
    history = History(engine.COLUMNS)
    start = history.capacity
    assert start == 256
    previous = start
    row = list(range(len(engine.COLUMNS)))
    for n in range(1, 5000):
        history.append(row)
        capacity = history.capacity
        if n <= previous:
            assert capacity == previous, f"grew at {n} rows before it was full"
        else:
            assert capacity == 2 * previous, f"did not double at {n} rows"
        # Always a power-of-two multiple of the starting capacity, never more than twice
        # what is used (beyond the minimum).
        ratio = capacity // start
        assert capacity == start * ratio
        assert ratio & (ratio - 1) == 0
        assert capacity < 2 * max(n, start)
        previous = capacity
    assert len(history) == 4999
    assert history.nbytes == len(engine.COLUMNS) * 8 * history.capacity


def test_extend_flat_grows_to_the_next_power_of_two() -> None:
    history = History(("a", "b"))
    history.extend_flat(np.zeros(2 * 10_000))
    assert history.capacity == 256 * 64  # 16384 >= 10000
    history.extend_flat(np.zeros(2 * 6_384))
    assert len(history) == 16_384
    assert history.capacity == 16_384  # exactly full: no growth yet
    history.append([1.0, 2.0])
    assert history.capacity == 32_768


def test_growth_keeps_every_value() -> None:
    history = History(("step", "x"))
    expected = []
    for k in range(1000):
        history.append([k, k / 7])
        expected.append(k / 7)
    np.testing.assert_array_equal(history.column("x"), expected)
    np.testing.assert_array_equal(history.column("step"), np.arange(1000))


def test_memory_for_a_million_rows() -> None:
    columns = engine.COLUMNS
    assert len(columns) == 18
    history = History(columns)
    chunk_rows = 100_000
    chunk = np.arange(chunk_rows * 18, dtype=np.float64)
    for _ in range(10):
        history.extend_flat(chunk)
    history.append([float(v) for v in range(18)])
    n = 1_000_001
    assert len(history) == n
    assert history.nbytes / n <= 160
    assert history.capacity == 2**20
    assert history.row(-1) == dict(zip(columns, map(float, range(18)), strict=True))
    assert history.row(n - 2)["step"] == (chunk_rows - 1) * 18
    assert history.column("w1")[chunk_rows] == 3.0


def test_truncate() -> None:
    history = filled(10)
    capacity = history.capacity
    history.truncate(20)  # never grows
    assert len(history) == 10
    history.truncate(4)
    assert len(history) == 4
    assert history.row(-1)["step"] == 3
    assert list(history.column("step")) == [0, 1, 2, 3]
    history.append([99, 1.0, 2.0])
    assert history.row(4) == {"step": 99.0, "a": 1.0, "b": 2.0}
    assert history.capacity == capacity
    history.truncate(-3)
    assert len(history) == 0
    history.truncate(0)
    assert len(history) == 0


def test_copy_is_independent() -> None:
    history = filled(300)
    copy = history.copy()
    assert copy.columns == history.columns
    assert list(copy.rows()) == list(history.rows())
    assert not np.shares_memory(copy.column("a"), history.column("a"))
    before = list(copy.rows())
    history.truncate(2)
    history.append([7, 7.0, 7.0])
    history.extend_flat([8, 8.0, 8.0] * 500)
    assert list(copy.rows()) == before
    copy.append([1000, 1.0, 1.0])
    assert len(history) == 503
    assert history.row(2)["step"] == 7
    assert len(copy) == 301
    assert copy.row(-1)["step"] == 1000
    small = filled(3).copy()
    assert small.capacity >= 256
    assert len(small) == 3


# --- CSV -----------------------------------------------------------------------------------

SPECIAL = [
    0.1 + 0.2,
    5e-324,
    1.7976931348623157e308,
    -0.0,
    1e-300,
    -1.7976931348623157e308,
    2.2250738585072014e-308,
    1 / 3,
    -123456789.123456789,
]


def bits(value: float) -> bytes:
    return struct.pack("<d", value)


def same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and bool(np.all(a.view(np.int64) == b.view(np.int64)))


def special_history() -> History:
    columns = ("step", *(f"v{i}" for i in range(len(SPECIAL))))
    history = History(columns)
    history.append([0, *SPECIAL])
    history.append([3, *(-v for v in SPECIAL)])
    history.append([2**53, *SPECIAL[::-1]])
    return history


def read_cells(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream))


def test_exact_round_trip_of_special_values(tmp_path: Path) -> None:
    history = special_history()
    path = tmp_path / "run.csv"
    engine.save_history(history, path)
    cells = read_cells(path)
    assert cells[0] == list(history.columns)
    for row_cells, row in zip(cells[1:], history.rows(), strict=True):
        for cell, value in zip(row_cells, row, strict=True):
            assert bits(float(cell)) == bits(value), (cell, value)
    loaded = engine.load_history(path, expected_columns=history.columns)
    assert loaded.columns == history.columns
    assert len(loaded) == len(history)
    for name in history.columns:
        assert same_bits(loaded.column(name), history.column(name)), name
    assert math.copysign(1.0, loaded.row(0)["v3"]) == -1.0  # -0.0 kept its sign
    assert loaded.row(0)["v0"] == 0.30000000000000004
    # Writing what was read gives the same bytes.
    again = tmp_path / "again.csv"
    engine.save_history(loaded, again)
    assert again.read_bytes() == path.read_bytes()


def test_step_is_written_as_an_integer(tmp_path: Path) -> None:
    history = special_history()
    text = engine.history_to_csv_text(history)
    lines = text.split("\n")
    assert lines[1].startswith("0,")
    assert lines[2].startswith("3,")
    assert lines[3].startswith("9007199254740992,")
    assert "3.0," not in lines[2]
    # Other columns keep their float repr even when whole.
    whole = History(("step", "x"))
    whole.append([1, 2.0])
    assert engine.history_to_csv_text(whole) == "step,x\n1,2.0\n"


def test_file_and_text_and_stdout_agree(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    history, snap = engine.new_neuron_history(engine.NOTES_PARAMS)
    engine.train(history, snap, 0, engine.NeuronConfig(), 20)
    path = tmp_path / "neuron.csv"
    engine.save_history(history, path)
    text = engine.history_to_csv_text(history)
    assert path.read_bytes() == text.encode("utf-8")
    assert text.startswith(",".join(engine.COLUMNS) + "\n")
    assert text.count("\n") == 22
    assert "\r" not in text
    engine.save_history(history, "-")
    assert capsys.readouterr().out == text
    loaded = engine.load_history(path, expected_columns=engine.COLUMNS)
    assert list(loaded.rows()) == list(history.rows())


def test_csv_is_utf8_without_bom(tmp_path: Path) -> None:
    history = History(("step", "η", "E²", "out−target"))
    history.append([0, 0.2, 0.25, -0.5])
    path = tmp_path / "ünïcode.csv"
    engine.save_history(history, path)
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.startswith("step,η,E²,out−target\n".encode())
    assert "η".encode() in data
    loaded = engine.load_history(path)
    assert loaded.columns == ("step", "η", "E²", "out−target")
    assert loaded.row(0) == {"step": 0.0, "η": 0.2, "E²": 0.25, "out−target": -0.5}


def test_header_only_file_is_an_empty_history(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    engine.save_history(History(parabola.COLUMNS), path)
    assert path.read_text(encoding="utf-8") == "step,x,fx,gradient,eta\n"
    loaded = engine.load_history(path, expected_columns=parabola.COLUMNS)
    assert len(loaded) == 0
    assert loaded.columns == parabola.COLUMNS


def test_saved_file_has_ordinary_permissions(tmp_path: Path) -> None:
    path = tmp_path / "perm.csv"
    engine.save_history(filled(2), path)
    mask = os.umask(0)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask


finite = st.floats(allow_nan=False, allow_infinity=False)


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(
        st.tuples(st.integers(min_value=0, max_value=2**53), finite, finite, finite),
        max_size=8,
    )
)
def test_round_trip_of_any_finite_floats(rows: list[tuple[int, float, float, float]]) -> None:
    history = History(("step", "a", "b", "c"))
    for row in rows:
        history.append(row)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "h.csv"
        engine.save_history(history, path)
        cells = read_cells(path)
        assert cells[0] == ["step", "a", "b", "c"]
        assert len(cells) == len(rows) + 1
        for row_cells, row in zip(cells[1:], rows, strict=True):
            assert row_cells[0] == str(row[0])
            for cell, value in zip(row_cells, row, strict=True):
                assert bits(float(cell)) == bits(float(value))
        loaded = engine.load_history(path, expected_columns=history.columns)
        for name in history.columns:
            assert same_bits(loaded.column(name), history.column(name))
        second = Path(tmp) / "h2.csv"
        engine.save_history(loaded, second)
        assert second.read_bytes() == path.read_bytes()
        assert sorted(os.listdir(tmp)) == ["h.csv", "h2.csv"]  # no temporaries left behind


# --- atomic writes -------------------------------------------------------------------------


def test_a_failing_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "run.csv"
    target.write_text("old contents\n", encoding="utf-8")
    real_chunks = csvio.csv_chunks

    def half_then_fail(history: History, *args: object) -> Iterator[tuple[bytes, int]]:
        chunks = real_chunks(history, 10)
        yield next(chunks)
        yield next(chunks)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(csvio, "csv_chunks", half_then_fail)
    with pytest.raises(OSError, match="No space left"):
        engine.save_history(filled(100), target)
    assert target.read_text(encoding="utf-8") == "old contents\n"
    assert sorted(os.listdir(tmp_path)) == ["run.csv"]


def test_an_interrupted_write_of_a_new_file_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(history: History, *args: object) -> Iterator[tuple[bytes, int]]:
        yield b"step,a,b\n0,", 0
        raise KeyboardInterrupt

    monkeypatch.setattr(csvio, "csv_chunks", interrupted)
    with pytest.raises(KeyboardInterrupt):
        engine.save_history(filled(3), tmp_path / "new.csv")
    assert os.listdir(tmp_path) == []


def test_progress_is_reported_and_cancel_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csvio, "_WRITE_BLOCK", 1000)
    history = filled(2500)
    target = tmp_path / "run.csv"
    seen: list[tuple[int, int]] = []

    def record(done: int, total: int) -> bool:
        seen.append((done, total))
        return True

    engine.save_history(history, target, record)
    assert seen == [(0, 2500), (1000, 2500), (2000, 2500), (2500, 2500)]
    before = target.read_bytes()
    assert before.count(b"\n") == 2501

    def cancel_after_two(done: int, total: int) -> bool:
        return done < 1000

    with pytest.raises(csvio.WriteCancelled):
        engine.save_history(filled(3000), target, cancel_after_two)
    assert target.read_bytes() == before
    with pytest.raises(csvio.WriteCancelled):
        engine.save_history(history, tmp_path / "new.csv", cancel_after_two)
    assert sorted(os.listdir(tmp_path)) == ["run.csv"]


def test_small_and_large_numbers_are_spelled_by_orjson_and_read_back() -> None:
    # Deliberate: orjson spells numbers below 1e-4 differently from Python's repr
    # (0.00001 for 1e-05, 2.5e-7 for 2.5e-07); both read back to the same float.
    history = History(("step", "x"))
    for k, x in enumerate((1e-05, 2.5e-07, 1e16, 10.0, -0.0, 1 / 3, 5e-324, 0.0001)):
        history.append([k, x])
    text = engine.history_to_csv_text(history)
    assert text.splitlines()[1:] == [
        "0,0.00001",
        "1,2.5e-7",
        "2,1e+16",
        "3,10.0",
        "4,-0.0",
        "5,0.3333333333333333",
        "6,5e-324",
        "7,0.0001",
    ]
    read = csvio.read_history(io.StringIO(text))
    assert same_bits(read.column("x"), history.column("x"))


def test_a_non_finite_value_is_written_as_python_spells_it() -> None:
    history = History(("step", "x", "y"))
    history.append([0, 1.5, 2.0])
    history.append([1, math.inf, math.nan])
    assert engine.history_to_csv_text(history) == "step,x,y\n0,1.5,2.0\n1,inf,nan\n"


def test_integer_columns_anywhere_and_blocks_give_the_same_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    history = History(("a", "step", "b", "c"))
    for k in range(7):
        history.append([k / 7, k, -k * 1e-9, k * 1e20])
    whole = engine.history_to_csv_text(history)
    assert whole.splitlines()[2] == "0.14285714285714285,1,-1e-9,1e+20"
    monkeypatch.setattr(csvio, "_WRITE_BLOCK", 3)
    assert engine.history_to_csv_text(history) == whole
    for row, line in zip(history.rows(), whole.splitlines()[1:], strict=True):
        assert [float(c) for c in line.split(",")] == list(row)


def test_a_failing_replace_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "run.csv"
    target.write_text("old\n", encoding="utf-8")

    def refuse(src: str, dst: object) -> None:
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(csvio.os, "replace", refuse)
    with pytest.raises(PermissionError):
        engine.save_history(filled(3), target)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(os.listdir(tmp_path)) == ["run.csv"]


def test_missing_directory_raises_oserror_and_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        engine.save_history(filled(3), tmp_path / "no" / "such" / "dir" / "run.csv")
    assert os.listdir(tmp_path) == []


def test_target_that_is_a_directory_raises_oserror_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "run.csv"
    target.mkdir()
    (target / "inside.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(OSError):
        engine.save_history(filled(3), target)
    assert sorted(os.listdir(tmp_path)) == ["run.csv"]
    assert target.is_dir()
    assert os.listdir(target) == ["inside.txt"]


def test_a_successful_save_replaces_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "run.csv"
    target.write_text("old\n", encoding="utf-8")
    engine.save_history(filled(2), target)
    assert target.read_text(encoding="utf-8") == "step,a,b\n0,0.5,0.0\n1,1.5,-0.25\n"
    assert os.listdir(tmp_path) == ["run.csv"]


# --- malformed files -----------------------------------------------------------------------


def load_text(tmp_path: Path, text: str, expected: tuple[str, ...] | None = None) -> History:
    path = tmp_path / "in.csv"
    path.write_text(text, encoding="utf-8")
    return engine.load_history(path, expected_columns=expected)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("", 1, "empty"),
        ("step,a,b\n0,1,2\n1,2\n", 3, "expected 3 values, found 2"),
        ("step,a,b\n0,1,2\n1,2,3,4\n", 3, "expected 3 values, found 4"),
        ("step,a,b\n0,1,abc\n", 2, "b is not a number: 'abc'"),
        ("step,a,b\n0,1,\n", 2, "b is not a number: ''"),
        ("step,a,b\n0,1,2\n1,2,3\n2,nan,4\n", 4, "a is not finite: 'nan'"),
        ("step,a,b\n0,inf,2\n", 2, "a is not finite: 'inf'"),
        ("step,a,b\n0,1,-Infinity\n", 2, "b is not finite"),
        ("step,a,b\n0,1,1e999\n", 2, "b is not finite"),
        ("step,a,b\n1.5,1,2\n", 2, "step must be a whole number: '1.5'"),
        ("step,a,b\n-1,1,2\n", 2, "step must be a whole number: '-1'"),
        ("step,a,a\n0,1,2\n", 1, "every column once"),
        ("step,,b\n0,1,2\n", 1, "every column once"),
    ],
)
def test_malformed_files_name_the_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    with pytest.raises(engine.CsvFormatError) as info:
        load_text(tmp_path, text)
    error = info.value
    assert error.line == line
    assert str(error).startswith(f"line {line}: ")
    assert words in str(error)
    assert isinstance(error, ValueError)


def test_wrong_header_with_expected_columns(tmp_path: Path) -> None:
    text = "step,x,fx,gradient\n0,1,1,2\n"
    with pytest.raises(engine.CsvFormatError) as info:
        load_text(tmp_path, text, expected=parabola.COLUMNS)
    assert info.value.line == 1
    assert "expected the columns step,x,fx,gradient,eta but found step,x,fx,gradient" in str(
        info.value
    )
    # A neuron file is not a parabola file.
    history, _ = engine.new_neuron_history(engine.NOTES_PARAMS)
    with pytest.raises(engine.CsvFormatError, match="line 1: expected the columns"):
        load_text(tmp_path, engine.history_to_csv_text(history), expected=parabola.COLUMNS)
    # Without expected_columns any well-formed header is accepted.
    assert load_text(tmp_path, text).columns == ("step", "x", "fx", "gradient")


def test_whitespace_around_numbers_is_accepted(tmp_path: Path) -> None:
    loaded = load_text(tmp_path, "step,a\n 2 , 0.5 \n")
    assert loaded.row(0) == {"step": 2.0, "a": 0.5}


def test_missing_file_raises_oserror(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        engine.load_history(tmp_path / "absent.csv")


def test_a_file_saved_with_a_byte_order_mark_reads_back(tmp_path):
    from engine import load_history

    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffstep,x\n0,1.5\n1,2.5\n".encode())
    history = load_history(path)
    assert history.columns == ("step", "x")
    assert history.column("x").tolist() == [1.5, 2.5]


def test_reserve_grows_once_and_prefault_keeps_the_rows() -> None:
    from engine.history import History

    history = History(("step", "x"), capacity=4)
    for k in range(3):
        history.append((k, k * 1.5))
    history.reserve(1000, prefault=True)
    assert history.capacity == 1024  # one doubling sequence, not row by row
    assert history.column("x").tolist() == [0.0, 1.5, 3.0]
    history.reserve(10)  # already room: nothing changes
    assert history.capacity == 1024


def test_a_snapshot_keeps_its_rows_whatever_the_history_does() -> None:
    history = filled(300)
    frozen = history.snapshot()
    before = list(frozen.rows())
    assert len(frozen) == 300
    history.append([300, 1.0, 2.0])
    history.reserve(100_000)  # moves the live rows to a bigger buffer
    history.truncate(10)  # then rewrites rows the snapshot still shows
    history.extend_flat([7, 7.0, 7.0] * 400)
    assert list(frozen.rows()) == before
    assert len(history) == 410
    assert history.row(10)["step"] == 7
    with pytest.raises(ValueError, match="snapshot cannot be changed"):
        frozen.append([1, 1.0, 1.0])
    with pytest.raises(ValueError, match="snapshot cannot be changed"):
        frozen.truncate(3)
    assert engine.history_to_csv_text(frozen) == engine.history_to_csv_text(filled(300))


def test_truncating_without_a_live_snapshot_keeps_the_buffer() -> None:
    history = filled(300)
    buffer = history._data
    frozen = history.snapshot()
    history.truncate(300)  # nothing forgotten: no copy
    assert history._data is buffer
    del frozen
    history.truncate(5)
    assert history._data is buffer  # no snapshot left to protect
    history.snapshot()  # dropped at once
    history.truncate(2)
    assert history._data is buffer


def test_an_exact_reserve_allocates_exactly() -> None:
    history = filled(3)
    history.reserve(5_000_001, exact=True)
    assert history.capacity == 5_000_001
    assert list(history.rows()) == list(filled(3).rows())
