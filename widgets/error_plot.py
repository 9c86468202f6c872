"""The error curve E(step): downsampled for millions of points, log scale, hover read-out."""

from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import (
    QCheckBox,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from engine.numbers import display_number
from widgets.axis import FittingAxis
from widgets.envelope import Envelope
from widgets.history_table import display_count
from widgets.marker import Marker
from widgets.quiet_box import QuietBox
from widgets.wrap_label import WrapLabel

INK = "#202020"
CURVE_COLOUR = "#1f4e9c"
MARKER_COLOUR = "#d1495b"
#: The curve's pen: 2 px when paused; 1 px while a run grows it, because a wider line
#: costs about ten times as much to paint, 30 times a second.
PEN_WIDTH = 2
LIVE_PEN_WIDTH = 1
#: While live, the step axis grows in steps (to the next 1, 2 or 5 × 10^k past this
#: many times the steps shown) and the E axis only widens: the axes (whose ticks take
#: several milliseconds to lay out) are redrawn only when they change.
LIVE_GROWTH = 1.25
#: Room added on the side where a live E axis widens, as a share of its span.
LIVE_MARGIN = 0.1


#: Text sizes relative to the widget's font, which View ▸ Larger text scales (with Qt's
#: usual 9 pt: ticks 11 pt, axis names and read-outs 12 pt, a plot's title 13 pt).
TICK_SCALE = 11 / 9
LABEL_SCALE = 12 / 9
READOUT_SCALE = 12 / 9
TITLE_SCALE = 13 / 9


#: The widest E the read-out shows (display_number: 12 significant digits, an exponent).
LONGEST_E = "8.88888888888e−88"


def scaled_font(font: QFont, factor: float) -> QFont:
    """``font`` at ``factor`` times its size."""
    scaled = QFont(font)
    scaled.setPointSizeF(font.pointSizeF() * factor)
    return scaled


def new_plot(kind: type[pg.PlotWidget] = pg.PlotWidget) -> pg.PlotWidget:
    """A white plot with dark, readable axes (for projection; no grid: it is slow) whose
    tick labels keep apart at any text size (:class:`widgets.axis.FittingAxis`)."""
    axes = {name: FittingAxis(name) for name in ("bottom", "left")}
    plot = kind(background="w", axisItems=axes)
    for name in ("bottom", "left"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(INK))
        axis.setTextPen(pg.mkPen(INK))
        axis.enableAutoSIPrefix(False)  # "E (x0.001)" with ticks of 250 misleads a learner
    plot.setMenuEnabled(False)
    return plot


def label_axes(plot: pg.PlotWidget, font: QFont, bottom: str, left: str) -> None:
    """Name the axes and size their texts from ``font`` (again after a switch or a zoom)."""
    ticks = scaled_font(font, TICK_SCALE)
    size = f"{font.pointSizeF() * LABEL_SCALE:.1f}pt"
    for name, text in (("bottom", bottom), ("left", left)):
        axis = plot.getAxis(name)
        axis.setTickFont(ticks)
        axis.setLabel(text, color=INK, **{"font-size": size})
    # Fixed room for a long tick ("−2.5e+29" once a run diverges; pyqtgraph writes large
    # and tiny numbers that way) and the axis name: left to itself, pyqtgraph drew such
    # ticks over the axis name.
    tick = QFontMetricsF(ticks)
    name = QFontMetricsF(scaled_font(font, LABEL_SCALE)).height()
    plot.getAxis("left").setWidth(round(tick.horizontalAdvance("−2.5e+29") + name + 12))
    plot.getAxis("bottom").setHeight(round(tick.height() + name + 12))
    # A tick label is centred on its tick, so the topmost one reaches half a line above
    # the plot's top edge: without this room it was cut in half (the right end likewise
    # for the last step's label).
    half = math.ceil(tick.height() / 2)
    plot.getPlotItem().layout.setContentsMargins(1, half, half, 1)
    for name in ("bottom", "left"):
        # pyqtgraph places an axis's name on a resize only: a name set later (the slice's
        # parameter, after the plot was laid out) stayed where an empty one had been, cut.
        plot.getAxis(name).resizeEvent()


def whole_equations(text: str) -> str:
    """``text`` with a non-breaking space before each " = " (and a word joiner after a
    prime, where Qt would break "f′(x)"), so that a read-out wraps between "x = 2.16" and
    "f(x) = 4.6656", or after an "=", never before one ("f(x)" on one line, "= 4.66" on
    the next). The longest piece that cannot wrap stays one number."""
    return text.replace(" = ", "\u00a0= ").replace("′(", "′\u2060(")


def as_read(text: str) -> str:
    """A read-out's text with :func:`whole_equations`' spaces and joiners plain again."""
    return text.replace("\u00a0", " ").replace("\u2060", "")


def plot_minimum_height(font: QFont) -> int:
    """Room for a few ticks and the axis name at this text size (less would overlap)."""
    return round(QFontMetricsF(scaled_font(font, TICK_SCALE)).height() * 6)


def view_minimum(font: QFont) -> int:
    """The least width and height of a plot's inside (its view box): three tick labels'
    lines, so that ticks keep apart and the curve still reads."""
    return round(QFontMetricsF(scaled_font(font, TICK_SCALE)).height() * 3)


def readout_label(name: str, *, lines: int = 0, steady: bool = False) -> QLabel:
    """A large, selectable read-out shown above a plot (its owner sets its font size);
    ``lines`` and ``steady`` as in :class:`widgets.wrap_label.WrapLabel`."""
    label = WrapLabel(lines=lines, steady=steady)
    label.setObjectName(name)
    label.setContentsMargins(6, 2, 6, 2)
    # Long read-outs wrap onto a second line rather than forcing the window wider.
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2 or 5 × 10^k at least ``value`` (> 0)."""
    power = 10.0 ** math.floor(math.log10(value))
    for factor in (1.0, 2.0, 5.0, 10.0):
        if factor * power >= value:
            return factor * power
    return 10.0 * power


def widened(old: tuple[float, float] | None, low: float, high: float, log: bool):
    """An axis range that holds ``old`` (if any) and [low, high]: whole decades on a log
    axis (given in log10), else ``LIVE_MARGIN`` more on each side that grew."""
    if log:
        low, high = math.floor(low), math.ceil(high)
        if high <= low:
            high = low + 1
        return (low, high) if old is None else (min(old[0], low), max(old[1], high))
    if old is not None and old[0] <= low and high <= old[1]:
        return old
    lo = low if old is None else min(old[0], low)
    hi = high if old is None else max(old[1], high)
    margin = LIVE_MARGIN * ((hi - lo) or abs(hi) or 1.0)
    grew_low = old is None or low < old[0]
    grew_high = old is None or high > old[1]
    return (lo - margin if grew_low else lo, hi + margin if grew_high else hi)


class TimedPlotWidget(pg.PlotWidget):
    """A PlotWidget that adds up how long it paints (to pace live updates)."""

    paint_seconds = 0.0  # since the owner last set it to 0

    def paintEvent(self, event) -> None:
        began = time.perf_counter()
        super().paintEvent(event)
        self.paint_seconds += time.perf_counter() - began


class ErrorPlot(QWidget):
    """E against step, with a marker at the current step and a hover read-out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("error_plot")
        self.setAccessibleName("error_plot")
        self._steps = np.empty(0)
        self._errors = np.empty(0)
        self._current: tuple[float, float] | None = None
        self._envelope = Envelope()
        self._source: object = None
        self._update_seconds = 0.0

        self.plot = new_plot(TimedPlotWidget)
        self.curve = pg.PlotDataItem(pen=pg.mkPen(CURVE_COLOUR, width=PEN_WIDTH))
        # A plain dot moved with setPos: a one-point PlotDataItem cost about a
        # millisecond a frame to move (it rebuilds its spot tables and bounds).
        self.marker = Marker(14, pg.mkBrush(MARKER_COLOUR), pg.mkPen(INK, width=1.5))
        self.hover_line = pg.InfiniteLine(
            angle=90, movable=False, pen=pg.mkPen("#808080", style=Qt.PenStyle.DashLine)
        )
        self.hover_dot = pg.PlotDataItem(
            pen=None, symbol="o", symbolSize=9, symbolBrush=None, symbolPen=pg.mkPen(INK, width=2)
        )
        self.plot.addItem(self.curve)
        # The marker is always on the curve: it must not make the view recompute its
        # range (and so redraw the whole curve) every time it moves.
        self.plot.addItem(self.marker, ignoreBounds=True)
        self.plot.addItem(self.hover_line, ignoreBounds=True)
        self.plot.addItem(self.hover_dot, ignoreBounds=True)
        self.marker.setZValue(10)
        # After addItem: PlotItem.addItem resets these to its own (context-menu) settings.
        self.curve.setDownsampling(auto=True, method="peak")
        self.curve.setClipToView(True)
        self.hover_line.hide()

        self.readout = readout_label("error_readout")
        self.log_scale = QCheckBox()
        self.log_scale.setObjectName("error_log_scale")
        self.log_scale.toggled.connect(self.set_log_scale)
        # The read-out gets the whole width (with large text "E = 0.172659353256" alone
        # needs most of it); the switch sits under the plot.
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.log_scale)
        self._bottom = bottom
        self._footer: QWidget | None = None
        # With large text in a narrow column the switch goes on a row of its own, under
        # the footer, rather than making the column (and so the window) wider.
        self._under = QHBoxLayout()
        self._under.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        # Its numbers change every frame while running: laid out again only when its
        # lines do; it paints its own background (not the plot's column behind it).
        self._readout_box = QuietBox(self.readout, opaque=True)
        layout.addWidget(self._readout_box)
        layout.addWidget(self.plot, 1)
        layout.addLayout(bottom)
        layout.addLayout(self._under)

        self._mouse_proxy = pg.SignalProxy(
            self.plot.scene().sigMouseMoved,
            rateLimit=60,
            slot=self._on_mouse_moved,
            threadSafe=False,
        )
        self._pinned_x = False
        # While live the plot sets its own ranges (see LIVE_GROWTH), until a person pans
        # or zooms; paused, pyqtgraph fits the view to all the rows again.
        self._live = False
        self._cache_curve(True)
        self._live_x: tuple[float, float] | None = None
        self._live_y: tuple[float, float] | None = None
        self._owns_range = True
        self.plot.getViewBox().sigRangeChangedManually.connect(self._on_range_moved)
        self.retranslate()

    def set_footer(self, widget: QWidget) -> None:
        """Put ``widget`` (the timeline) under the plot, beside the log switch: one row
        for both, so the plot keeps its height."""
        spacer = self._bottom.takeAt(0)  # the stretch that kept the switch to the right
        del spacer
        self._bottom.insertWidget(0, widget, 1)
        self._footer = widget

    def _footer_widths(self) -> tuple[int, int]:
        """The footer row's narrowest width with the switch beside it, and under it."""
        switch = self.log_scale.minimumSizeHint().width()
        if self._footer is None:
            return switch, switch
        footer = self._footer.minimumSizeHint().width()
        return footer + self._bottom.spacing() + switch, max(footer, switch)

    def _place_switch(self) -> None:
        beside = self.width() >= self._footer_widths()[0]
        if beside == (self._bottom.indexOf(self.log_scale) >= 0):
            return
        (self._under if beside else self._bottom).removeWidget(self.log_scale)
        (self._bottom if beside else self._under).addWidget(self.log_scale)

    def minimumSizeHint(self) -> QSize:
        """As narrow as the switch under the footer allows (see :meth:`_place_switch`)."""
        hint = super().minimumSizeHint()
        layout = self.layout()
        rows = [layout.itemAt(i) for i in range(layout.count())]
        others = [
            r.minimumSize().width() for r in rows if r.layout() not in (self._bottom, self._under)
        ]
        hint.setWidth(max([*others, self._footer_widths()[1]]))
        return hint

    def resizeEvent(self, event) -> None:
        self._place_switch()
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # the footer's text grew or shrank
            self._place_switch()
        return super().event(event)

    def retranslate(self) -> None:
        """Set every text in the current language (also on LanguageChange)."""
        self.setAccessibleDescription(self.tr("The error E after each training step"))
        self.log_scale.setText(self.tr("Log scale"))
        self._show_readout(None)
        self._apply_font()

    def _apply_font(self) -> None:
        """Axis texts and the read-out follow the widget's (zoomable) font."""
        label_axes(self.plot, self.font(), self.tr("step"), self.tr("error E"))
        font = scaled_font(self.font(), READOUT_SCALE)
        self.readout.setFont(font)
        # The read-out wraps between words but must never cut its number, as wide as E's
        # longest (12 significant digits and an exponent): the column keeps that much.
        margins = self.readout.contentsMargins()
        number = QFontMetricsF(font).horizontalAdvance(LONGEST_E)
        self.readout.setMinimumWidth(math.ceil(number) + margins.left() + margins.right() + 4)
        self.plot.setMinimumHeight(plot_minimum_height(self.font()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:
            self._apply_font()
        super().changeEvent(event)

    @property
    def cost(self) -> float:
        """Seconds the last update and the paints since took: what one more update costs."""
        return self._update_seconds + self.plot.paint_seconds

    def set_history(
        self, steps: np.ndarray, errors: np.ndarray, live: bool = False, source: object = None
    ) -> None:
        """Plot E against step; takes (zero-copy) views and keeps no copy of them.

        ``live`` (while a run grows it, frame after frame) draws a min/max envelope that
        is updated from the new rows only, so an update costs the same at 10 or 10 million
        rows; otherwise every row is given to the plot, for full detail when zoomed in.
        ``source`` (the history the rows come from) tells a new run from a longer one.
        """
        began = time.perf_counter()
        self.plot.paint_seconds = 0.0
        self._set_history(steps, errors, live, source)
        self._update_seconds = time.perf_counter() - began

    def _set_history(
        self, steps: np.ndarray, errors: np.ndarray, live: bool, source: object
    ) -> None:
        if len(steps) != len(errors):
            raise ValueError("steps and errors must have the same length")
        if not len(steps):
            self.clear()
            return
        view = self.plot.getViewBox()
        if source is not self._source or len(steps) < len(self._steps):
            self._live_x = self._live_y = None  # a new or reset run
            self._owns_range = True
        if live != self._live:
            self._live = live
            width = LIVE_PEN_WIDTH if live else PEN_WIDTH
            self.curve.setPen(pg.mkPen(CURVE_COLOUR, width=width))
            self._cache_curve(not live)
            if not live and self._owns_range:
                self._live_x = self._live_y = None
                view.enableAutoRange()  # paused: fit all the rows again
                self._pinned_x = False
        if live:
            pass  # _follow sets the ranges below
        elif len(steps) == 1:
            # One point has no width to autorange over: show the first ten steps.
            view.setXRange(float(steps[0]), float(steps[0]) + 10.0, padding=0.02)
            self._pinned_x = True
        elif self._pinned_x or len(steps) < len(self._steps):
            view.enableAutoRange(axis=pg.ViewBox.XAxis)  # a new or reset run: follow it
            self._pinned_x = False
        self._steps, self._errors = steps, errors
        if source is not self._source:
            self._envelope.clear()
            self._source = source
        if live:
            xs, ys = self._envelope.update(steps, errors)
            self.curve.setData(xs, ys)
            if self._owns_range:
                self._follow(float(steps[0]), float(steps[-1]), ys)
        else:
            self.curve.setData(steps, errors)

    def _cache_curve(self, cached: bool) -> None:
        """Paused, the curve stays as it is while the marker moves along it (scrubbing the
        timeline): drawn once into a picture, a move of the marker repaints part of the
        picture, not the curve's millions of points (5-7 ms each).  Live, the curve
        changes at every frame: no picture."""
        mode = QGraphicsItem.CacheMode
        self.curve.curve.setCacheMode(mode.DeviceCoordinateCache if cached else mode.NoCache)

    def _follow(self, first: float, last: float, ys: np.ndarray) -> None:
        """Set a live view's ranges, changing them only when the curve outgrows them."""
        view = self.plot.getViewBox()
        if self._live_x is None or self._live_x[0] != first or last > self._live_x[1]:
            self._live_x = (first, first + nice_ceiling(max((last - first) * LIVE_GROWTH, 10.0)))
            view.setXRange(*self._live_x, padding=0.02)
        log = self.log_scale.isChecked()
        low, high = float(ys.min()), float(ys.max())  # fast; the usual case is finite
        if log or not (math.isfinite(low) and math.isfinite(high)):
            with np.errstate(all="ignore"):
                values = np.log10(ys[ys > 0]) if log else ys
                values = values[np.isfinite(values)]
            if not len(values):
                return
            low, high = float(values.min()), float(values.max())
        y = widened(self._live_y, low, high, log)
        if y != self._live_y:
            self._live_y = y
            view.setYRange(*y, padding=0.02)

    def _on_range_moved(self, *_args) -> None:
        """A person panned or zoomed: leave the live view where they put it."""
        self._owns_range = False

    def set_current(self, step: float, error: float) -> None:
        """Move the marker to the current (step, E)."""
        self._current = (float(step), float(error))
        self._place(self.marker, self._current)
        if not self.hover_line.isVisible():
            self._show_readout(None)

    def clear(self) -> None:
        """Forget the history and the marker."""
        self._steps = self._errors = np.empty(0)
        self._current = None
        self._envelope.clear()
        self.curve.clear()
        self.marker.clear()
        self._hide_hover()

    def set_log_scale(self, on: bool) -> None:
        """Show E on a logarithmic axis (E = 0 is simply not drawn there)."""
        if self.log_scale.isChecked() != on:
            self.log_scale.setChecked(on)  # comes back here through toggled
            return
        self.plot.setLogMode(x=False, y=on)
        self._live_y = None  # a live E axis starts over in the new units
        self._place(self.marker, self._current)
        self.hover_dot.clear()

    def readout_text(self) -> str:
        """The read-out line above the plot, as it reads (plain spaces)."""
        return as_read(self.readout.text())

    def _on_mouse_moved(self, args: tuple[QPointF]) -> None:
        pos = args[0]
        box = self.plot.getViewBox()
        if not len(self._steps) or not box.sceneBoundingRect().contains(pos):
            self._hide_hover()
            return
        x = box.mapSceneToView(pos).x()
        row = self._nearest_row(x) if math.isfinite(x) else None
        if row is None:
            self._hide_hover()
            return
        step, error = float(self._steps[row]), float(self._errors[row])
        self.hover_line.setPos(step)
        self.hover_line.show()
        self._place(self.hover_dot, (step, error))
        self._show_readout((step, error))

    def _place(self, item: pg.PlotDataItem | Marker, point: tuple[float, float] | None) -> None:
        """Show a one-point symbol, unless it cannot be drawn (non-finite, or E <= 0 in log)."""
        drawable = point is not None and math.isfinite(point[0]) and math.isfinite(point[1])
        log = self.log_scale.isChecked()
        if drawable and log:
            drawable = point[1] > 0.0  # log10 would give NaN, which pyqtgraph's symbols warn on
        if not drawable:
            item.clear()
        elif isinstance(item, Marker) and log:
            item.setData([point[0]], [math.log10(point[1])])  # a plain item: view coordinates
        else:
            item.setData([point[0]], [point[1]])

    def _nearest_row(self, x: float) -> int | None:
        """The row whose step is nearest to x (the last such row if the step repeats)."""
        steps = self._steps
        n = len(steps)
        if not n:
            return None
        after = int(np.searchsorted(steps, x, side="right"))
        if after == 0:
            nearest = steps[0]
        elif after == n or x - steps[after - 1] <= steps[after] - x:
            nearest = steps[after - 1]
        else:
            nearest = steps[after]
        return int(np.searchsorted(steps, nearest, side="right")) - 1

    def _hide_hover(self) -> None:
        self.hover_line.hide()
        self.hover_dot.clear()
        self._show_readout(None)

    def _show_readout(self, point: tuple[float, float] | None) -> None:
        if point is None:
            point = self._current
        if point is None:
            self._readout_box.set_text(self.tr("Hover over the curve to read step and E."))
            return
        self._readout_box.set_text(
            whole_equations(
                self.tr("step {step}    E = {error}").format(
                    step=display_count(point[0]), error=display_number(point[1])
                )
            )
        )
