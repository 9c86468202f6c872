"""History.prefault: the memory of rows to come becomes resident, and no value changes."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from engine.history import History

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux madvise")


def _resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096


def test_prefault_makes_rows_resident_and_changes_no_value():
    history = History(("a", "b", "c"), 1)
    history.reserve(4_000_000, exact=True)  # an anonymous mmap: address space only
    rows = np.arange(3000.0).reshape(1000, 3)
    history.extend_block(rows, ("a", "b", "c"), {})
    before = _resident_bytes()
    if not history.prefault(500, 3_000_000):  # also over rows already written
        pytest.skip("this kernel has no MADV_POPULATE_WRITE")
    grown = _resident_bytes() - before
    assert grown >= 0.9 * 3 * (3_000_000 - 1000) * 8  # 72 MB now resident
    assert np.array_equal(history.data().T, rows)
    history.extend_block(rows, ("a", "b", "c"), {})
    assert np.array_equal(history.data().T[1000:], rows)


def test_prefault_outside_the_buffer_does_nothing():
    history = History(("a",), 256)
    assert not history.prefault(300, 400)
    assert not history.prefault(10, 10)
