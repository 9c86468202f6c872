"""A growing curve's min/max envelope, kept up to date in time proportional to new rows.

Redrawing a live plot of millions of points from scratch (bounds, downsampling) costs
tens of milliseconds a frame.  The envelope remembers, for buckets of consecutive rows,
the lowest and highest value; new rows only fill new buckets, and when there are too many
buckets, neighbours merge (so a bucket always holds a power of two rows).  Drawn as a
vertical stroke per bucket, it looks exactly like pyqtgraph's "peak" downsampling.
"""

from __future__ import annotations

import numpy as np


class Envelope:
    """Min/max per bucket of ``x``-ordered rows; ``update`` takes only the appended rows."""

    def __init__(self, max_buckets: int = 2048) -> None:
        self.max_buckets = max_buckets
        self.clear()

    def clear(self) -> None:
        self.bucket = 1  # rows per bucket, a power of two
        self.done = 0  # rows folded into complete buckets
        self._x = np.empty(0)
        self._low = np.empty(0)
        self._high = np.empty(0)
        self._last: tuple[float, float] | None = None  # row done - 1, to spot a new run

    def update(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The curve to draw for rows ``x``, ``y``: two points per bucket, then the rows
        that do not fill a bucket yet, ending exactly at the last row.

        Rows before ``done`` must be the ones seen before; if the first ``done`` rows are
        not (fewer rows, or a different row where the last bucket ended), it starts over.
        """
        n = len(x)
        if n < self.done or (
            self.done and self._last != (float(x[self.done - 1]), float(y[self.done - 1]))
        ):
            self.clear()
        # The last row always stays out of the buckets, so the curve ends exactly there.
        complete = max(n - 1 - self.done, 0) // self.bucket
        if complete:
            self._append(x, y, complete)
        while len(self._x) > self.max_buckets:
            self._merge()
        if self.done:
            self._last = (float(x[self.done - 1]), float(y[self.done - 1]))
        # Interleave (x, low), (x, high) per bucket, then the unfinished rows as they are.
        xs = np.concatenate((np.repeat(self._x, 2), x[self.done :]))
        ys = np.concatenate((np.column_stack((self._low, self._high)).ravel(), y[self.done :]))
        return xs, ys

    def _append(self, x: np.ndarray, y: np.ndarray, complete: int) -> None:
        stop = self.done + complete * self.bucket
        values = y[self.done : stop].reshape(complete, self.bucket)
        self._x = np.concatenate((self._x, x[self.done : stop : self.bucket]))
        self._low = np.concatenate((self._low, values.min(axis=1)))
        self._high = np.concatenate((self._high, values.max(axis=1)))
        self.done = stop

    def _merge(self) -> None:
        """Halve the number of buckets; an odd last bucket goes back to unfinished rows."""
        pairs = len(self._x) // 2
        if len(self._x) % 2:
            self.done -= self.bucket
        self._x = self._x[: 2 * pairs : 2].copy()
        self._low = np.minimum(self._low[: 2 * pairs : 2], self._low[1 : 2 * pairs : 2])
        self._high = np.maximum(self._high[: 2 * pairs : 2], self._high[1 : 2 * pairs : 2])
        self.bucket *= 2
