"""The function being descended, the ball on it, its trail and the tangent at the ball."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from engine.numbers import display_number
from engine.parabola import Function1D
from widgets.error_plot import (
    CURVE_COLOUR,
    INK,
    MARKER_COLOUR,
    READOUT_SCALE,
    TITLE_SCALE,
    as_read,
    label_axes,
    new_plot,
    plot_minimum_height,
    readout_label,
    scaled_font,
    whole_equations,
)

TRAIL_POINTS = 2000
# Anything larger is off the chart: Qt and pyqtgraph draw paths partly in float32 (max
# 3.4e38), and a point beyond that turns into a stray straight line.
DISPLAY_LIMIT = 1e30
_SAMPLES = 801
TANGENT_COLOUR = "#8e24aa"  # purple: apart from the blue curve and the red ball
_TANGENT_FRACTION = 0.2  # half-length of the tangent, as a share of the view


def _drawable(xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The points that are finite and on the chart (the views themselves if all are)."""
    with np.errstate(invalid="ignore"):
        keep = (np.abs(xs) <= DISPLAY_LIMIT) & (np.abs(ys) <= DISPLAY_LIMIT)
    return (xs, ys) if keep.all() else (xs[keep], ys[keep])


class ParabolaPlot(QWidget):
    """f(x) with the ball at the current x, the visited points and the tangent line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("parabola_plot")
        self.setAccessibleName("parabola_plot")
        self._fn: Function1D | None = None
        self._x_range: tuple[float, float] = (-1.0, 1.0)
        self._ball: tuple[float, float, float] | None = None

        self.plot = new_plot()
        # The title spans the axis columns too: over the view box alone (narrow beside the
        # wide left axis in a narrow dock at large text) "f(x) = x²" ran off the right edge.
        item = self.plot.getPlotItem()
        item.layout.removeItem(item.titleLabel)
        item.layout.addItem(item.titleLabel, 0, 0, 1, 3)
        # dynamicRangeLimit=None: the data is already bounded by DISPLAY_LIMIT, and
        # pyqtgraph's clipping (to ~1e6 view heights) can make autorange settle on too
        # small a range when the ball suddenly jumps far away.
        self.curve = pg.PlotDataItem(
            pen=pg.mkPen(CURVE_COLOUR, width=3), antialias=True, dynamicRangeLimit=None
        )
        self.trail = pg.PlotDataItem(
            pen=pg.mkPen("#6c757d", width=1),
            symbol="o",
            symbolSize=8,
            symbolBrush=pg.mkBrush("#f4a261"),
            symbolPen=pg.mkPen(INK, width=1),
            antialias=True,
            dynamicRangeLimit=None,
        )
        self.tangent = pg.PlotDataItem(pen=pg.mkPen(TANGENT_COLOUR, width=3), antialias=True)
        self.ball = pg.PlotDataItem(
            pen=None,
            symbol="o",
            symbolSize=26,
            symbolBrush=pg.mkBrush(MARKER_COLOUR),
            symbolPen=pg.mkPen(INK, width=2),
            antialias=True,
        )
        self.plot.addItem(self.curve)
        self.plot.addItem(self.trail)
        self.plot.addItem(self.tangent, ignoreBounds=True)  # its length follows the view
        self.plot.addItem(self.ball)
        for z, item in enumerate((self.curve, self.trail, self.tangent, self.ball)):
            item.setZValue(z)
        self.plot.getViewBox().sigRangeChanged.connect(self._draw_tangent)

        self.readout = readout_label("parabola_readout")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.readout)
        layout.addWidget(self.plot, 1)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language (also on LanguageChange)."""
        self.setAccessibleDescription(
            self.tr("The function, the ball at the current x and the tangent whose slope is f′(x)")
        )
        self._show_readout()
        self._apply_font()

    def _apply_font(self) -> None:
        """Axis texts, the title and the read-out follow the widget's (zoomable) font."""
        label_axes(self.plot, self.font(), self.tr("x"), self.tr("f(x)"))
        self.readout.setFont(scaled_font(self.font(), READOUT_SCALE))
        # The title is a line of text in the plot, so it needs its height more.
        self.plot.setMinimumHeight(round(plot_minimum_height(self.font()) * 1.4))
        self._show_title()

    def _show_title(self) -> None:
        if self._fn is not None:
            size = f"{self.font().pointSizeF() * TITLE_SCALE:.1f}pt"
            self.plot.setTitle(self._fn.formula, color=INK, size=size)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:
            self._apply_font()
        super().changeEvent(event)

    def set_function(self, fn: Function1D, x_range: tuple[float, float] | None = None) -> None:
        """Draw fn over x_range (default ±1.2·|x0|); the range grows if the trail leaves it."""
        self._fn = fn
        if x_range is None:
            half = max(abs(fn.x0) * 1.2, 1.0)
            x_range = (-half, half)
        self._show_title()
        self._set_x_range(*x_range)

    def set_trail(self, xs: np.ndarray, fxs: np.ndarray) -> None:
        """Show the last TRAIL_POINTS visited points (views welcome; not kept)."""
        if len(xs) != len(fxs):
            raise ValueError("xs and fxs must have the same length")
        xs, fxs = _drawable(xs[-TRAIL_POINTS:], fxs[-TRAIL_POINTS:])
        if not len(xs):
            self.trail.clear()
            return
        self._include(float(xs.min()), float(xs.max()))
        self.trail.setData(xs, fxs)

    def set_ball(self, x: float, fx: float, gradient: float) -> None:
        """Put the ball at (x, f(x)) with the tangent of slope f′(x) through it."""
        self._ball = (float(x), float(fx), float(gradient))
        if abs(x) <= DISPLAY_LIMIT and abs(fx) <= DISPLAY_LIMIT:
            self._include(float(x), float(x))
            self.ball.setData([x], [fx])
        else:
            self.ball.clear()
        self._draw_tangent()
        self._show_readout()

    def clear(self) -> None:
        """Remove the trail, the ball and the tangent (the function stays)."""
        self._ball = None
        for item in (self.trail, self.ball, self.tangent):
            item.clear()
        self._show_readout()

    def _include(self, lo: float, hi: float) -> None:
        """Widen the curve's x-range to cover [lo, hi] with a margin, if needed."""
        a, b = self._x_range
        if a <= lo and hi <= b:
            return
        lo, hi = min(a, lo), max(b, hi)
        margin = 0.1 * (hi - lo)
        self._set_x_range(lo - margin, hi + margin)

    def _set_x_range(self, lo: float, hi: float) -> None:
        lo, hi = max(lo, -DISPLAY_LIMIT), min(hi, DISPLAY_LIMIT)
        if not lo < hi:
            lo, hi = lo - 1.0, hi + 1.0
        self._x_range = (lo, hi)
        if self._fn is None:
            return
        xs = np.linspace(lo, hi, _SAMPLES)
        with np.errstate(all="ignore"):
            ys = np.asarray(self._fn.f(xs), dtype=np.float64)
        self.curve.setData(*_drawable(xs, ys))

    def _draw_tangent(self) -> None:
        ball = self._ball
        if ball is None or not all(abs(v) <= DISPLAY_LIMIT for v in ball):
            self.tangent.clear()
            return
        x, fx, slope = ball
        (x_lo, x_hi), (y_lo, y_hi) = self.plot.getViewBox().viewRange()
        half = _TANGENT_FRACTION * (x_hi - x_lo)
        if slope:
            half = min(half, _TANGENT_FRACTION * (y_hi - y_lo) / abs(slope))
        if not half > 0 or not math.isfinite(half):
            self.tangent.clear()
            return
        self.tangent.setData([x - half, x + half], [fx - slope * half, fx + slope * half])

    def readout_text(self) -> str:
        """The read-out line above the plot, as it reads (plain spaces)."""
        return as_read(self.readout.text())

    def _show_readout(self) -> None:
        if self._ball is None:
            self.readout.setText(self.tr("Press Step to roll the ball downhill."))
            return
        x, fx, gradient = (display_number(v) for v in self._ball)
        self.readout.setText(
            whole_equations(
                self.tr("x = {x}    f(x) = {fx}    f′(x) = {gradient}").format(
                    x=x, fx=fx, gradient=gradient
                )
            )
        )
