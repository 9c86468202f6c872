"""Plot ranges that stay put while what they show moves a little.

A pyqtgraph plot that ranges itself to its data changes its range with every update of a
moving curve, and each change makes its axes compute and draw their ticks again: several
milliseconds per axis, every frame while training.  A steady range changes only when the
data leaves it or has become much smaller than it, so most frames redraw just the curves.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg

#: A new range has this share of the data's extent as room on each side.
PAD = 0.1
#: A range is kept while the data's extent is more than 1/SLACK of it.
SLACK = 3.0
#: When moving data leaves the range, the new range has this much room on each side (so a
#: curve drifting one way crosses it in several frames rather than in one).
GROWTH = 0.3

Span = tuple[float, float]


def extent(*arrays: np.ndarray | float) -> Span | None:
    """The smallest and largest finite value of all ``arrays`` (None if there is none)."""
    values = np.concatenate([np.ravel(np.asarray(a, dtype=float)) for a in arrays])
    values = values[np.isfinite(values)]
    if not values.size:
        return None
    return float(values.min()), float(values.max())


def steady_span(
    current: Span | None, low: float, high: float, pad: float = PAD, slack: float = SLACK
) -> Span:
    """A span showing [low, high]: ``current`` while it holds it and is at most ``slack``
    times as wide as it needs to be."""
    width = high - low
    if not width > 0:
        width = max(abs(low), 1.0) * 1e-3  # one value: some room around it
    margin = pad * width
    if current is not None:
        c0, c1 = current
        if c0 <= low and high <= c1:
            if (c1 - c0) <= slack * (1.0 + 2.0 * pad) * width:
                return current
        else:
            margin = max(margin, GROWTH * width)
    return low - margin, high + margin


class SteadyRange:
    """Keeps a plot's range steady (no auto-range); sets it only when it must change."""

    def __init__(self, plot: pg.PlotItem | pg.PlotWidget) -> None:
        self.view: pg.ViewBox = plot.getViewBox()
        self.view.disableAutoRange()
        self.x: Span | None = None
        self.y: Span | None = None

    def show(self, x: Span | None, y: Span | None, pad: float = PAD) -> bool:
        """Show at least ``x`` and ``y`` (data extents); True if the range changed."""
        new_x = self.x if x is None else steady_span(self.x, *x, pad=pad)
        new_y = self.y if y is None else steady_span(self.y, *y, pad=pad)
        if (new_x, new_y) == (self.x, self.y) or new_x is None or new_y is None:
            return False
        if not all(math.isfinite(v) for v in (*new_x, *new_y)):
            return False
        self.x, self.y = new_x, new_y
        self.view.setRange(xRange=new_x, yRange=new_y, padding=0)
        return True

    def forget(self) -> None:
        """Fit afresh at the next :meth:`show` (another parameter, another curve)."""
        self.x = self.y = None
