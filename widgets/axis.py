"""A plot axis whose tick labels never run together, at any text size or plot width.

pyqtgraph picks the tick spacing from the axis length alone (about 2-5 labels per 300
px), whatever the font: with the largest text on a small screen "10000" and "15000" were
drawn over each other. :class:`FittingAxis` measures its labels in its own tick font and
takes the closest spacing (1, 2 or 5 × 10ⁿ) at which every label keeps a gap to the next;
large whole numbers are written short (20k, 1.5M), so that more of them fit.
"""

from __future__ import annotations

import itertools
import math

import pyqtgraph as pg
from PySide6.QtGui import QFontMetricsF

from engine.numbers import display_number, format_number

#: Room between two labels, in widths of "0" (horizontal) or line heights (vertical).
GAP_DIGITS = 1.5
GAP_LINES = 1.0
#: Labels no closer than this (centre to centre), so that a wide axis is not crowded.
MIN_SPACING_DIGITS = 6.0
MIN_SPACING_LINES = 2.5
#: Never more labels than this, however much room there is.
MOST_LABELS = 12


def short_numbers(values: list[float]) -> list[str] | None:
    """Whole numbers up from 10,000 written with k, M or G (0, 5k, 10k; 1.5M), or None
    when that would not be exact (then the usual texts are shown)."""
    largest = max((abs(v) for v in values), default=0.0)
    if not 10_000 <= largest < 1e12:
        return None
    unit, suffix = next((u, x) for u, x in ((1e9, "G"), (1e6, "M"), (1e3, "k")) if largest >= u)
    texts = []
    for value in values:
        shown = float(format_number(value / unit, 3))  # 1.5M, never a rounded 1.23M
        if not math.isclose(shown * unit, value, rel_tol=1e-9, abs_tol=unit * 1e-9):
            return None
        texts.append("0" if abs(value) < unit * 1e-9 else display_number(shown, 3) + suffix)
    return texts


def _nice_spacings(smallest: float):
    """(spacing, minor spacing): 1, 2, 5 × 10ⁿ from just below ``smallest`` upwards."""
    power = 10.0 ** math.floor(math.log10(smallest))
    while True:
        for factor, parts in ((1.0, 5), (2.0, 4), (5.0, 5)):
            spacing = factor * power
            if spacing >= smallest * (1 - 1e-9):
                yield spacing, spacing / parts
        power *= 10.0


class FittingAxis(pg.AxisItem):
    """An axis that spaces its labels by their measured size (linear scale; the log scale
    keeps pyqtgraph's decades)."""

    def __init__(self, orientation: str, **kwargs) -> None:
        super().__init__(orientation, **kwargs)
        # Only the chosen level is labelled: a finer level's labels are what ran together.
        self.setStyle(maxTextLevel=0)

    def tickSpacing(self, minVal: float, maxVal: float, size: float):
        if self.logMode or self._tickSpacing is not None:
            return super().tickSpacing(minVal, maxVal, size)
        span = abs(maxVal - minVal)
        if not (span > 0 and math.isfinite(span) and size > 0):
            return super().tickSpacing(minVal, maxVal, size)
        low, high = min(minVal, maxVal), max(minVal, maxVal)
        font = self.style["tickFont"] or self.font()
        metrics = QFontMetricsF(font)
        vertical = self.orientation in ("left", "right")
        digit, line = metrics.horizontalAdvance("0"), metrics.height()
        gap = line * GAP_LINES if vertical else digit * GAP_DIGITS
        least = line * MIN_SPACING_LINES if vertical else digit * MIN_SPACING_DIGITS
        scale = self.autoSIPrefixScale * self.scale
        readable = None  # the closest spacing whose labels keep apart, however crowded
        for levels in _nice_spacings(span / MOST_LABELS):
            spacing = levels[0]
            first = math.ceil(low / spacing) * spacing
            values = [first + k * spacing for k in range(int((high - first) / spacing) + 1)]
            strings = self.tickStrings(values, scale, spacing) if values else []
            sizes = [line if vertical else metrics.horizontalAdvance(s) for s in strings]
            # pyqtgraph leaves out a label that would stick out of the axis.
            shown = [
                extent
                for value, extent in zip(values, sizes, strict=True)
                if extent / 2 <= (value - low) / span * size <= size - extent / 2
            ]
            if len(shown) < 2:  # one label left: rather two that are a little crowded
                levels = readable or levels
                break
            room = spacing / span * size
            # Labels are centred on their ticks: two neighbours need half of each.
            needed = max((a + b) / 2 for a, b in itertools.pairwise(shown)) + gap
            if room >= needed and readable is None:
                readable = levels
            if room >= max(needed, least):
                break
        return [(spacing, 0.0) for spacing in levels]

    def tickStrings(self, values, scale, spacing):
        if not self.logMode and values:
            short = short_numbers([v * scale for v in values])
            if short is not None:
                return short
        return super().tickStrings(values, scale, spacing)
