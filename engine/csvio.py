"""Run history as CSV: exact round trip, UTF-8, written atomically.

Every float is written as Python's shortest repr, so ``float(cell) == value`` for every
cell.  The ``step`` column is written as a whole number.
"""

from __future__ import annotations

import csv
import io
import math
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from .history import History

INTEGER_COLUMNS = frozenset({"step"})
_WRITE_BLOCK = 16_384


class CsvFormatError(ValueError):
    """A history CSV that cannot be read, with the line number and the reason."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


def write_history(history: History, stream: TextIO) -> None:
    """Write the header and every row to an open text stream."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(history.columns)
    views = [history.column(name) for name in history.columns]
    integer = [name in INTEGER_COLUMNS for name in history.columns]
    # In blocks, so a million-row history never becomes one huge list of Python floats.
    for start in range(0, len(history), _WRITE_BLOCK):
        columns = [
            [int(v) for v in view[start : start + _WRITE_BLOCK].tolist()]
            if whole
            else view[start : start + _WRITE_BLOCK].tolist()
            for view, whole in zip(views, integer, strict=True)
        ]
        # csv writes floats with str(), which is the shortest round-tripping repr.
        writer.writerows(zip(*columns, strict=True))


def history_to_csv_text(history: History) -> str:
    """The CSV as a string (what ``--csv -`` prints)."""
    buffer = io.StringIO()
    write_history(history, buffer)
    return buffer.getvalue()


def save_history(history: History, path: str | os.PathLike[str]) -> None:
    """Write the CSV atomically: a temporary file beside the target, then a replace.

    A failure leaves no partial file and never damages an existing one; the OSError
    propagates for the caller to report.
    """
    if str(path) == "-":
        write_history(history, sys.stdout)
        return
    target = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            write_history(history, stream)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private (0600); give it the usual permissions.
        os.chmod(tmp_name, 0o666 & ~_umask())
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def load_history(
    path: str | os.PathLike[str], expected_columns: Sequence[str] | None = None
) -> History:
    """Read a history CSV back, rejecting a malformed file with the line and the reason."""
    # utf-8-sig also reads files saved by spreadsheet programs, which start with a BOM.
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return read_history(stream, expected_columns)


def read_history(stream: TextIO, expected_columns: Sequence[str] | None = None) -> History:
    """Parse a history CSV from an open text stream."""
    reader = csv.reader(stream)
    try:
        header = next(reader)
    except StopIteration:
        raise CsvFormatError(1, "the file is empty; expected a header row") from None
    except csv.Error as exc:
        raise CsvFormatError(1, str(exc)) from None
    if expected_columns is not None and tuple(header) != tuple(expected_columns):
        raise CsvFormatError(
            1, f"expected the columns {','.join(expected_columns)} but found {','.join(header)}"
        )
    if not header or len(set(header)) != len(header) or any(not h for h in header):
        raise CsvFormatError(1, "the header must name every column once")
    history = History(header)
    integer_positions = [i for i, name in enumerate(header) if name in INTEGER_COLUMNS]
    try:
        for row in reader:
            line = reader.line_num
            if len(row) != len(header):
                raise CsvFormatError(line, f"expected {len(header)} values, found {len(row)}")
            values = []
            for name, cell in zip(header, row, strict=True):
                try:
                    value = float(cell)
                except ValueError:
                    raise CsvFormatError(line, f"{name} is not a number: {cell!r}") from None
                if not math.isfinite(value):
                    raise CsvFormatError(line, f"{name} is not finite: {cell!r}")
                values.append(value)
            for i in integer_positions:
                if not values[i].is_integer() or values[i] < 0:
                    raise CsvFormatError(line, f"{header[i]} must be a whole number: {row[i]!r}")
            history.append(values)
    except csv.Error as exc:
        raise CsvFormatError(reader.line_num, str(exc)) from None
    return history
