"""The slice E(p) along one parameter: the ball, its tangent and where the next step lands.

The parabola lesson on the real network: the tangent's slope is dE/dp (the number in the
chain rule), and the ghost ball at p − η·dE/dp shows a too-large step overshooting.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from engine.numbers import display_number
from widgets.error_plot import (
    CURVE_COLOUR,
    INK,
    MARKER_COLOUR,
    READOUT_SCALE,
    label_axes,
    new_plot,
    plot_minimum_height,
    readout_label,
    scaled_font,
    view_minimum,
    whole_equations,
)
from widgets.marker import Marker
from widgets.parabola_plot import TANGENT_COLOUR
from widgets.quiet_box import QuietBox
from widgets.steady_range import SteadyRange, extent

GHOST_COLOUR = "#f4a261"
_TANGENT_FRACTION = 0.2  # half-length of the tangent, as a share of the view


class SlicePlot(QWidget):
    """E(p) with the other parameters fixed, the ball, the tangent and the ghost ball."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("slice_plot")
        self.setAccessibleName("slice_plot")
        self._ball: tuple[float, float, float] | None = None
        self._name = ""
        self._slope = 0.0
        self._next = (math.nan, math.nan, math.nan)  # the ghost: p, E, dE/dp

        self.plot = new_plot()
        # Curve items and dots rather than PlotDataItems: those cost about a millisecond
        # per setData, several times a frame while running.
        self.curve = pg.PlotCurveItem(pen=pg.mkPen(CURVE_COLOUR, width=3), antialias=True)
        self.tangent = pg.PlotCurveItem(pen=pg.mkPen(TANGENT_COLOUR, width=3), antialias=True)
        self.jump = pg.PlotCurveItem(
            pen=pg.mkPen(GHOST_COLOUR, width=2, style=Qt.PenStyle.DashLine), antialias=True
        )
        self.ghost = Marker(
            20,
            pg.mkBrush(GHOST_COLOUR + "90"),
            pg.mkPen(INK, width=1.5, style=Qt.PenStyle.DashLine),
        )
        self.ball = Marker(20, pg.mkBrush(MARKER_COLOUR), pg.mkPen(INK, width=2))
        # The range is set by hand (below), so no item needs to report its bounds.
        for z, item in enumerate((self.curve, self.tangent, self.jump, self.ghost, self.ball)):
            self.plot.addItem(item, ignoreBounds=True)
            item.setZValue(z)
        self.plot.getViewBox().sigRangeChanged.connect(self._draw_tangent)
        # Ranged by hand, and only when the curve leaves the range or shrinks well inside
        # it: a range following the curve every frame redrew the axes every frame.
        self._range = SteadyRange(self.plot)

        # Both lines always show, and more if the width wraps them (growing only: steady
        # while running).
        self.readout = readout_label("slice_readout", lines=2, steady=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._readout_box = QuietBox(self.readout)  # its numbers change every frame
        layout.addWidget(self._readout_box)
        layout.addWidget(self.plot, 1)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language (also called on a language change)."""
        self.setAccessibleDescription(
            self.tr("The error along one parameter, its tangent, and where the next step lands")
        )
        self._show_readout()
        self._apply_font()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:
            self._apply_font()
        super().changeEvent(event)

    def _apply_font(self) -> None:
        """Axis texts and the read-out follow the widget's (zoomable) font."""
        font = self.font()
        label_axes(self.plot, font, self._name, "E")
        self.readout.setFont(scaled_font(font, READOUT_SCALE))
        # Room for a few ticks each way: a short tab scrolls rather than crush the plot.
        left = self.plot.getAxis("left").minimumWidth()
        self.plot.setMinimumSize(left + view_minimum(font) + 12, plot_minimum_height(font))

    def show_slice(
        self,
        name: str,
        ps: np.ndarray,
        es: np.ndarray,
        ball: tuple[float, float, float],
        ghost: tuple[float, float, float],
    ) -> None:
        """E(name) sampled at ``ps``; ball and ghost (p − η·dE/dp) as (p, E, dE/dp)."""
        keep = np.isfinite(es)
        self.curve.setData(ps[keep], es[keep])
        p, e, slope = ball
        self._ball = ball
        self.ball.setData([p], [e])
        g_p, g_e, g_slope = ghost
        if math.isfinite(g_p) and math.isfinite(g_e):
            self.ghost.setData([g_p], [g_e])
            self.jump.setData([p, g_p], [e, g_e])
        else:
            self.ghost.clear()
            self.jump.clear()
        if name != self._name:
            self._name = name
            self._range.forget()
            self._apply_font()
        shown = np.isfinite(ps) & keep
        self._range.show(extent(ps[shown]), extent(es[shown], e, g_e))
        self._draw_tangent()
        self._name = name
        self._slope = slope
        self._next = (g_p, g_e, g_slope)
        self._show_readout()

    def _show_readout(self) -> None:
        if self._ball is None:
            return
        name, slope = self._name, self._slope
        g_p, g_e, g_slope = self._next
        e = self._ball[1]
        if not math.isfinite(g_e) or g_e == e:
            verdict = self.tr("E unchanged")
        elif g_e > e:
            verdict = self.tr("E higher: it overshoots!")
        elif g_slope * slope < 0:
            verdict = self.tr("E lower, but past the bottom")
        else:
            verdict = self.tr("E lower")
        self._readout_box.set_text(
            whole_equations(
                self.tr(
                    "∂E/∂{p} = {slope}: the slope of the tangent<br>"
                    "next step {p} − η·∂E/∂{p} = {ghost}: {verdict} ({ghost_e})"
                ).format(
                    p=name,
                    slope=display_number(slope),
                    ghost=display_number(g_p, 6),
                    ghost_e=display_number(g_e, 6),
                    verdict=verdict,
                )
            )
        )

    def _draw_tangent(self) -> None:
        if self._ball is None:
            return
        x, fx, slope = self._ball
        (x_lo, x_hi), (y_lo, y_hi) = self.plot.getViewBox().viewRange()
        half = _TANGENT_FRACTION * (x_hi - x_lo)
        if slope:
            half = min(half, _TANGENT_FRACTION * (y_hi - y_lo) / abs(slope))
        if not (half > 0 and math.isfinite(half) and math.isfinite(slope)):
            self.tangent.clear()
            return
        self.tangent.setData([x - half, x + half], [fx - slope * half, fx + slope * half])
