"""Append-only run history: named float64 columns in one buffer that doubles when full.

The buffer is column-major, ``(n_columns, capacity)``, so every column is a contiguous,
zero-copy view that a plot can take as it is.  Appends are amortised O(1).
"""

from __future__ import annotations

import ctypes
import mmap
import sys
import weakref
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

_MIN_CAPACITY = 256
#: Buffers at least this large come straight from the kernel (an anonymous mmap): their
#: pages become resident only when rows are written, so reserving a long run's worth costs
#: nothing up front, and without huge pages a page fault never stalls for a large
#: zero-fill or a compaction (numpy asks for huge pages on its large allocations).
_MAPPED_BYTES = 16 << 20


def _allocate(columns: int, capacity: int) -> np.ndarray:
    """An uninitialised ``(columns, capacity)`` float64 buffer."""
    nbytes = columns * capacity * 8
    if nbytes < _MAPPED_BYTES:
        return np.empty((columns, capacity), dtype=np.float64)
    mapped = mmap.mmap(-1, nbytes)
    if hasattr(mmap, "MADV_NOHUGEPAGE"):
        mapped.madvise(mmap.MADV_NOHUGEPAGE)
    return np.ndarray((columns, capacity), dtype=np.float64, buffer=mapped)


#: Linux's madvise(MADV_POPULATE_WRITE) (kernel 5.14+): make pages resident and writable
#: as a write would, without writing.  Python's mmap.madvise holds the GIL; a ctypes call
#: releases it, so another thread can take a run's page faults off the one that writes.
_MADV_POPULATE_WRITE = 23


def _libc_madvise() -> ctypes._CFuncPtr | None:  # type: ignore[name-defined]
    if not sys.platform.startswith("linux"):
        return None
    try:
        madvise = ctypes.CDLL(None, use_errno=True).madvise
    except (OSError, AttributeError):
        return None
    madvise.argtypes = (ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int)
    madvise.restype = ctypes.c_int
    return madvise


_madvise = _libc_madvise()
_PAGE = mmap.PAGESIZE


class History:
    """Rows of floats under fixed column names."""

    def __init__(self, columns: Sequence[str], capacity: int = _MIN_CAPACITY) -> None:
        if len(set(columns)) != len(columns):
            raise ValueError("column names must be unique")
        self.columns: tuple[str, ...] = tuple(columns)
        self._index = {name: i for i, name in enumerate(self.columns)}
        self._data = _allocate(len(self.columns), max(capacity, 1))
        self._size = 0
        # Frozen views handed out by snapshot(); truncating under one copies first.
        self._snapshots: weakref.WeakSet[History] = weakref.WeakSet()
        self._frozen = False

    def __len__(self) -> int:
        return self._size

    @property
    def capacity(self) -> int:
        return self._data.shape[1]

    @property
    def nbytes(self) -> int:
        """Bytes held by the buffer, used or not."""
        return self._data.nbytes

    def reserve(self, size: int, prefault: bool = False, exact: bool = False) -> None:
        """Make room for ``size`` rows in one step (the capacity stays a doubling of the
        current one, or exactly ``size`` with ``exact``), so a long run is not copied
        through every intermediate size.

        Large buffers are only address space until rows are written (see ``_allocate``),
        so reserving a long run's worth up front costs no memory.  ``prefault`` also
        writes the unused part once, so that the kernel hands out its memory now (in the
        calling thread) rather than page by page as rows arrive.
        """
        grew = self._reserve(size, exact)
        if grew and prefault:
            self._data[:, self._size :] = 0.0

    def prefault(self, start: int, stop: int) -> bool:
        """Make the memory of rows ``start`` to ``stop`` resident without writing it, so
        that storing those rows later does not stop for the kernel page by page (about
        5 us a 4 KiB page, 512 rows of a column).  Safe while another thread appends: no
        value changes.  Returns False where the system cannot (then nothing happened).
        """
        data = self._data
        start, stop = max(start, 0), min(stop, data.shape[1])
        if _madvise is None or stop <= start or not data.flags.c_contiguous:
            return False
        base, capacity = data.ctypes.data, data.shape[1]
        for column in range(data.shape[0]):
            first = base + (column * capacity + start) * 8
            last = base + (column * capacity + stop) * 8
            first -= first % _PAGE  # whole pages; their other rows are unchanged too
            if _madvise(first, last - first, _MADV_POPULATE_WRITE) != 0:
                return False  # an older kernel (EINVAL): no use trying again
        return True

    def _reserve(self, size: int, exact: bool = False) -> bool:
        if size <= self.capacity:
            return False
        self._check_writable()
        capacity = self.capacity
        while capacity < size:
            capacity *= 2
        self._move(size if exact else capacity)
        return True

    def _move(self, capacity: int) -> None:
        """Copy the rows into a new buffer of ``capacity`` rows."""
        grown = _allocate(len(self.columns), capacity)
        grown[:, : self._size] = self._data[:, : self._size]
        self._data = grown

    def snapshot(self) -> History:
        """A frozen, zero-copy view of the rows there are now.

        Rows added later are not in it, and truncating this history later copies the
        buffer first, so the view keeps exactly these rows (a background export reads it
        while the run goes on).
        """
        view = History.__new__(History)
        view.columns, view._index = self.columns, self._index
        view._data, view._size = self._data, self._size
        view._snapshots, view._frozen = weakref.WeakSet(), True
        self._snapshots.add(view)
        return view

    def _check_writable(self) -> None:
        if self._frozen:
            raise ValueError("a history snapshot cannot be changed")

    def append(self, row: Sequence[float]) -> None:
        """Add one row, in column order."""
        if len(row) != len(self.columns):
            raise ValueError(f"a row needs {len(self.columns)} values, got {len(row)}")
        self._check_writable()
        self._reserve(self._size + 1)
        self._data[:, self._size] = row
        self._size += 1

    def extend_flat(self, flat: Sequence[float]) -> None:
        """Add many rows given as one flat sequence, row after row (the hot-loop format)."""
        width = len(self.columns)
        if len(flat) % width:
            raise ValueError(f"{len(flat)} values do not make whole rows of {width}")
        rows = len(flat) // width
        if not rows:
            return
        self._check_writable()
        block = np.asarray(flat, dtype=np.float64).reshape(rows, width)
        self._reserve(self._size + rows)
        self._data[:, self._size : self._size + rows] = block.T
        self._size += rows

    def extend_block(
        self,
        block: np.ndarray,
        names: Sequence[str],
        fill: Mapping[str, np.ndarray | float],
    ) -> None:
        """Add ``len(block)`` rows: ``block[:, j]`` is column ``names[j]``, ``fill`` the rest.

        A ``fill`` value may be a scalar (repeated) or one value per row.  Columns that are
        neighbours in both ``names`` and the history are copied as one 2-D slice, which is
        far faster than a strided copy per column.
        """
        rows = len(block)
        if set(names) | set(fill) != set(self.columns) or set(names) & set(fill):
            raise ValueError("extend_block needs every column exactly once")
        if rows == 0:
            return
        self._check_writable()
        self._reserve(self._size + rows)
        start, stop = self._size, self._size + rows
        positions = [self._index[name] for name in names]
        j = 0
        while j < len(positions):
            k = j + 1
            while k < len(positions) and positions[k] == positions[k - 1] + 1:
                k += 1
            self._data[positions[j] : positions[j] + (k - j), start:stop] = block[:, j:k].T
            j = k
        for name, value in fill.items():
            self._data[self._index[name], start:stop] = value
        self._size = stop

    def next_rows(self, rows: int) -> np.ndarray:
        """A writable ``(columns, rows)`` view of the ``rows`` rows after the last, which are
        not in the history until :meth:`commit` takes them (nothing else may change the
        history in between).  Lets a producer write each column in place."""
        self._check_writable()
        self._reserve(self._size + rows)
        return self._data[:, self._size : self._size + rows]

    def commit(self, rows: int) -> None:
        """Take in the first ``rows`` rows written through :meth:`next_rows`."""
        self._check_writable()
        if not 0 <= rows <= self.capacity - self._size:
            raise ValueError(f"{rows} rows do not fit after row {self._size}")
        self._size += rows

    def truncate(self, size: int) -> None:
        """Forget every row from ``size`` on."""
        size = min(self._size, max(size, 0))
        if size == self._size:
            return
        self._check_writable()
        shared = any(view._data is self._data and view._size > size for view in self._snapshots)
        self._size = size
        if shared:
            self._move(self.capacity)  # a snapshot still reads rows that would be rewritten

    def data(self) -> np.ndarray:
        """A read-only, zero-copy view of every row: ``data()[j]`` is column ``j``."""
        view = self._data[:, : self._size]
        view.flags.writeable = False
        return view

    def column(self, name: str) -> np.ndarray:
        """A read-only, zero-copy view of one column's rows."""
        view = self._data[self._index[name], : self._size]
        view.flags.writeable = False
        return view

    def row(self, index: int) -> dict[str, float]:
        """One row as a mapping from column name to value (negative indices count back)."""
        if not -self._size <= index < self._size:
            raise IndexError(f"row {index} is outside a history of {self._size} rows")
        values = self._data[:, index % self._size].tolist()
        return dict(zip(self.columns, values, strict=True))

    def rows(self) -> Iterable[tuple[float, ...]]:
        """Every row as a tuple of Python floats."""
        return zip(*self._data[:, : self._size].tolist(), strict=True)

    def copy(self) -> History:
        """An independent copy with just enough room."""
        other = History(self.columns, max(self._size, _MIN_CAPACITY))
        other._data[:, : self._size] = self._data[:, : self._size]
        other._size = self._size
        return other
