"""The map of E over two parameters: colours, contour lines, the run's path and the ball.

The widget draws what it is given; the app computes the grid (for the range this widget
reports) and the path.  A click on the map, or dragging the ball, asks to move the ball.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Signal
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from engine.numbers import display_number
from widgets.axis import FittingAxis
from widgets.contours import contour_segments
from widgets.error_plot import (
    INK,
    LABEL_SCALE,
    MARKER_COLOUR,
    READOUT_SCALE,
    TICK_SCALE,
    label_axes,
    new_plot,
    plot_minimum_height,
    readout_label,
    scaled_font,
    view_minimum,
    whole_equations,
)
from widgets.fit_scroll_area import FitScrollArea
from widgets.quiet_box import QuietBox
from widgets.steady_range import steady_span
from widgets.wrap_label import WrapLabel

PATH_COLOUR = "#ffffff"
ARROW_COLOUR = "#ff7f0e"
CONTOUR_COLOUR = "#ffffff80"
CONTOUR_LEVELS = 10
#: While running, the colour scale is kept while it is at most this many times the range
#: of the values on the map.
COLOUR_SLACK = 2.0
#: Share of the path's extent added on each side when the view follows it.
MARGIN = 0.25
#: A next step shorter than this on screen is drawn magnified (×2, ×5, ×10 ...), labelled.
MIN_ARROW_PIXELS = 40.0
#: Following lets the view grow to this many times the path's fitted size before zooming in,
#: and when the path leaves the view, the new view is this many times its fitted size.
FOLLOW_SLACK = 3.0
FOLLOW_GROWTH = 1.8
#: Contour lines are traced on a grid of about this many cells a side (every other point of
#: a 201-point grid: 4x faster, and the lines stay smooth, as crossings are interpolated
#: along the cells' edges).
CONTOUR_CELLS = 100
#: E below this is drawn as this in the log colour scale (log10 of 0 is -inf).
LOG_FLOOR = 1e-300


def fit_range(
    xs: np.ndarray, ys: np.ndarray, minimum: tuple[float, float]
) -> tuple[tuple[float, float], tuple[float, float]]:
    """The x and y ranges around the finite points, with a margin, each at least ``minimum``."""
    ranges = []
    for values, least in ((xs, minimum[0]), (ys, minimum[1])):
        finite = values[np.isfinite(values)]
        lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (-1.0, 1.0)
        span = max((hi - lo) * (1.0 + 2.0 * MARGIN), least)
        centre = 0.5 * (lo + hi)
        ranges.append((centre - 0.5 * span, centre + 0.5 * span))
    return ranges[0], ranges[1]


def _magnification(pixels: float, least: float) -> float:
    """1, or the smallest of 2, 5, 10, 20, 50 ... that makes ``pixels`` at least ``least``."""
    if pixels >= least or pixels <= 0:
        return 1.0
    needed = least / pixels
    power = 10.0 ** math.floor(math.log10(needed))
    return next(k * power for k in (1.0, 2.0, 5.0, 10.0) if k * power >= needed)


def _widen(span: tuple[float, float], factor: float) -> tuple[float, float]:
    """The range ``factor`` times as wide, about the same centre."""
    centre, half = 0.5 * (span[0] + span[1]), 0.5 * (span[1] - span[0]) * factor
    return centre - half, centre + half


def _round_to(value: float, precision: float) -> float:
    """``value`` with as few decimals as keep it within ``precision`` (0.598695 -> 0.599)."""
    if not (precision > 0 and math.isfinite(precision) and math.isfinite(value)):
        return value
    decimals = -math.floor(math.log10(precision))
    return round(value, decimals)


class SurfaceMap(QWidget):
    """E over the plane of two parameters, with the path, the ball and the next step."""

    axesChosen = Signal(str, str)
    #: The learner asked to put the ball at (x, y).
    pointChosen = Signal(float, float)
    #: The visible range changed (zoom, pan or following): the grid needs recomputing.
    viewChanged = Signal()
    followChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("surface_map")
        self._names: tuple[str, ...] = ()
        self._ball: tuple[float, float] | None = None
        self._true_step = (0.0, 0.0)
        self._contour_cells = CONTOUR_CELLS
        self._scale = 1.0
        self._error_at: Callable[[float, float], float] | None = None
        self._grid: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._steady = False
        self._levels: tuple[float, float] | None = None  # the colour scale shown
        self._levels_log = False
        self._setting_range = False
        self._editable = True

        self.x_choice = QComboBox()
        self.x_choice.setObjectName("surface_x")
        self.x_choice.setAccessibleName("surface_x")
        self.y_choice = QComboBox()
        self.y_choice.setObjectName("surface_y")
        self.y_choice.setAccessibleName("surface_y")
        self.log_colours = QCheckBox()
        self.log_colours.setObjectName("surface_log")
        self.follow = QCheckBox()
        self.follow.setObjectName("surface_follow")
        self.follow.setChecked(True)
        self.x_label, self.y_label = QLabel(), QLabel()

        self.plot = new_plot()
        self.plot.setObjectName("surface_plot")
        self.plot.setAccessibleName("surface_plot")
        self.plot.setAspectLocked(True)  # so the step looks perpendicular to the contours
        self.image = pg.ImageItem(axisOrder="col-major")
        # Curve items, not PlotDataItems: those cost about a millisecond more per setData
        # (the map sets three every frame while running).  One item for all contour lines,
        # drawn as separate segments with a cosmetic 1-pixel pen.
        self.contours = pg.PlotCurveItem(
            pen=pg.mkPen(CONTOUR_COLOUR, width=1, cosmetic=True), connect="pairs"
        )
        # Not antialiased: with thousands of points that alone made the map paint 4x slower.
        self.path = pg.PlotCurveItem(pen=pg.mkPen(PATH_COLOUR, width=2))
        self.step_line = pg.PlotCurveItem(pen=pg.mkPen(ARROW_COLOUR, width=3), antialias=True)
        self.step_head = pg.ArrowItem(
            headLen=16, tipAngle=36, pen=pg.mkPen(INK, width=1), brush=pg.mkBrush(ARROW_COLOUR)
        )
        self.ball = pg.TargetItem(
            size=18,
            symbol="o",
            pen=pg.mkPen(INK, width=2),
            brush=pg.mkBrush(MARKER_COLOUR),
            hoverBrush=pg.mkBrush("#ff8a9a"),
        )
        for z, item in enumerate((self.image, self.contours, self.path, self.step_line)):
            self.plot.addItem(item, ignoreBounds=True)
            item.setZValue(z)
        # The colours and contours change far less often than the path and the ball drawn
        # over them: keep them as pixmaps, so a frame that moves the ball does not redraw them.
        for item in (self.image, self.contours):
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.plot.addItem(self.step_head, ignoreBounds=True)
        self.step_head.setZValue(7)  # above the ball: a short step must still show
        # When the true step is too short to see, the arrow is magnified and says so.
        self.step_label = pg.TextItem(color=INK, fill=pg.mkBrush("#ffffffc0"), anchor=(0, 1))
        self.plot.addItem(self.step_label, ignoreBounds=True)
        self.step_label.setZValue(8)
        self.step_label.hide()
        self.plot.addItem(self.ball)
        self.ball.setZValue(6)
        self.ball.hide()  # until set_ball
        self.step_head.hide()
        # Below the map, not beside it: in a narrow column (large text on a small screen)
        # a bar beside the map, with its labels, took the width the map needs.
        self.colour_bar = pg.ColorBarItem(
            colorMap=pg.colormap.get("viridis"),
            interactive=False,
            width=14,
            orientation="horizontal",
        )
        # Its labels spaced by their measured size, like the plots' (pyqtgraph's own ran
        # together at large text).
        bar_axis = FittingAxis("bottom")
        self.colour_bar.setAxisItems({"bottom": bar_axis})
        self.colour_bar.axis = bar_axis  # the one ColorBarItem ranges to its levels
        bar_axis.setZValue(0.5)
        bar_axis.unlinkFromView()
        bar_axis.setRange(*self.colour_bar.values)
        self.colour_bar.setImageItem(self.image, insert_in=self.plot.getPlotItem())
        self.colour_bar.axis.setPen(pg.mkPen(INK))
        self.colour_bar.axis.setTextPen(pg.mkPen(INK))
        self.colour_bar.axis.enableAutoSIPrefix(False)

        # Room for two lines from the start (long numbers wrap the read-out), growing only
        # while the width stays: a read-out that grew made the map smaller, re-ranged and
        # redrew it all, on the first running frame.
        self.readout = readout_label("surface_readout", lines=2, steady=True)
        self.note = WrapLabel(lines=1)
        self.note.setObjectName("surface_note")
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.note.setStyleSheet("color: #505050;")

        # The controls flow onto more rows when the page is narrow (see _flow_controls).
        self._control_groups = (
            (self.x_label, self.x_choice),
            (self.y_label, self.y_choice),
            (self.log_colours,),
            (self.follow,),
        )
        self._control_rows: tuple[tuple[int, ...], ...] = ()
        self.controls = QWidget()
        self._controls_layout = QVBoxLayout(self.controls)
        self._controls_layout.setContentsMargins(0, 0, 0, 0)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.controls)
        self._readout_box = QuietBox(self.readout)  # its numbers change every frame
        layout.addWidget(self._readout_box)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.note)
        # A short tab (large text on a small screen) scrolls down rather than crush the map.
        # (Not a column: its least width would widen the window's centre on every tab.)
        self.page_area = FitScrollArea(page)
        self.page_area.setObjectName("page_scroll")
        page.installEventFilter(self)  # its width decides the controls' rows
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.page_area)

        self.x_choice.currentIndexChanged.connect(self._on_axis_chosen)
        self.y_choice.currentIndexChanged.connect(self._on_axis_chosen)
        self.log_colours.toggled.connect(self._redraw_image)
        self.follow.toggled.connect(self.followChanged)
        view = self.plot.getViewBox()
        view.sigRangeChanged.connect(self._on_range_changed)
        view.sigRangeChangedManually.connect(lambda *_: self.follow.setChecked(False))
        self.ball.sigPositionChangeFinished.connect(self._on_ball_dropped)
        self.plot.scene().sigMouseClicked.connect(self._on_clicked)
        self._mouse_proxy = pg.SignalProxy(
            self.plot.scene().sigMouseMoved, rateLimit=30, slot=self._on_mouse_moved
        )
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language (also called on a language change)."""
        self.x_label.setText(self.tr("Across"))
        self.y_label.setText(self.tr("Up"))
        self.log_colours.setText(self.tr("Log colours"))
        self.follow.setText(self.tr("Follow the path"))
        self.follow.setToolTip(self.tr("Zooming or panning stops following; tick to follow again"))
        self.plot.setAccessibleDescription(
            self.tr("The error E over two parameters, with the run's path and the ball")
        )
        self.note.setText(
            self.tr(
                "A slice of E: the other parameters stay at their current values, so the path "
                "need not run straight downhill on this map."
            )
        )
        self._label_colour_bar()
        self._show_readout(None)
        self._apply_font()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:
            self._apply_font()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.page_area.widget() and event.type() == QEvent.Type.Resize:
            self._flow_controls()
        return super().eventFilter(watched, event)

    def _flow_controls(self) -> None:
        """Put the controls on as few rows as fit the page's width (each box beside its
        name), and lay them out again only when that changes: on a resize or a new text
        size or language, never while running."""
        width = self.page_area.widget().width()
        spacing = self._controls_layout.spacing()
        rows: list[list[int]] = [[]]
        used = 0
        for index, group in enumerate(self._control_groups):
            needed = sum(w.sizeHint().width() + spacing for w in group)
            if rows[-1] and used + needed > width:
                rows.append([])
                used = 0
            rows[-1].append(index)
            used += needed
        shape = tuple(tuple(row) for row in rows)
        if shape == self._control_rows:
            return
        self._control_rows = shape
        while (item := self._controls_layout.takeAt(0)) is not None:
            line = item.layout()
            while line.takeAt(0) is not None:  # out of the old row before into a new one
                pass
            line.deleteLater()
        for row in shape:
            line = QHBoxLayout()
            for index in row:
                for widget in self._control_groups[index]:
                    line.addWidget(widget)
            line.addStretch(1)
            self._controls_layout.addLayout(line)

    def _apply_font(self) -> None:
        """Axis texts and the read-out follow the widget's (zoomable) font."""
        x, y = self.axes()
        font = self.font()
        label_axes(self.plot, font, x, y)
        self.readout.setFont(scaled_font(font, READOUT_SCALE))
        self._label_colour_bar()
        # The colour bar's ticks at the axes' size, with room for the longest (else dropped).
        ticks = scaled_font(font, TICK_SCALE)
        name = QFontMetricsF(scaled_font(font, LABEL_SCALE)).height()
        bar = self.colour_bar.axis
        if bar.style.get("tickFont") != ticks:
            bar.setTickFont(ticks)
            bar.setHeight(round(QFontMetricsF(ticks).height() + name + 12))
        # The plane's ticks are the parameters' values: a narrower axis than the error
        # plots' (room for "−2.5e+29"), so that the map keeps some width in a narrow column.
        left = round(QFontMetricsF(ticks).horizontalAdvance("−0.0000") + name + 12)
        self.plot.getAxis("left").setWidth(left)
        # Room for a few ticks each way: a short tab scrolls rather than crush the map.
        self._control_rows = ()  # measured afresh at this size
        self._flow_controls()
        self.plot.setMinimumSize(
            left + 24 + view_minimum(font), round(1.9 * plot_minimum_height(font))
        )

    # -- choosing --------------------------------------------------------------------------
    def set_parameters(self, names: Sequence[str], x: str, y: str) -> None:
        """Offer ``names`` in both boxes and choose x and y (no signal)."""
        names = tuple(names)
        for box, chosen in ((self.x_choice, x), (self.y_choice, y)):
            box.blockSignals(True)
            if names != self._names:
                box.clear()
                box.addItems(list(names))
            box.setCurrentIndex(names.index(chosen))
            box.blockSignals(False)
        self._names = names
        self._apply_font()

    def axes(self) -> tuple[str, str]:
        return self.x_choice.currentText(), self.y_choice.currentText()

    def set_editable(self, editable: bool) -> None:
        """Whether clicks and drags may move the ball (not while running)."""
        self._editable = editable
        self.ball.movable = editable  # TargetItem reads this when a drag starts

    def set_error_function(self, error_at: Callable[[float, float], float] | None) -> None:
        """What the hover read-out uses to give E at a point of the plane."""
        self._error_at = error_at

    # -- drawing ---------------------------------------------------------------------------
    def view_range(self) -> tuple[tuple[float, float], tuple[float, float]]:
        (x0, x1), (y0, y1) = self.plot.getViewBox().viewRange()
        return (x0, x1), (y0, y1)

    def show_range(self, x_range: tuple[float, float], y_range: tuple[float, float]) -> None:
        """Show at least these ranges (the locked aspect may widen one)."""
        self._setting_range = True
        try:
            self.plot.getViewBox().setRange(xRange=x_range, yRange=y_range, padding=0)
        finally:
            self._setting_range = False

    def follow_range(self, x_range: tuple[float, float], y_range: tuple[float, float]) -> None:
        """Show these ranges if what is shown does not contain them or is far too large.

        Not every frame: moving the view costs as much as drawing the map, so a path that
        grows a little stays in the same view until it reaches an edge.
        """
        x_range, y_range = self._room_for_arrow(x_range, y_range)
        (x0, x1), (y0, y1) = self.view_range()
        inside = x0 <= x_range[0] and x_range[1] <= x1 and y0 <= y_range[0] and y_range[1] <= y1
        # With the aspect locked one axis shows more than asked: the tighter one counts.
        ratio = min((x1 - x0) / (x_range[1] - x_range[0]), (y1 - y0) / (y_range[1] - y_range[0]))
        if ratio > FOLLOW_SLACK:
            self.show_range(x_range, y_range)
        elif not inside:
            # A growing path: leave it room to grow before the view must move again.
            self.show_range(_widen(x_range, FOLLOW_GROWTH), _widen(y_range, FOLLOW_GROWTH))

    def _room_for_arrow(
        self, x_range: tuple[float, float], y_range: tuple[float, float]
    ) -> tuple[tuple[float, float], tuple[float, float]]:
        """The ranges grown so that the ball has room for its arrow on every side."""
        if self._ball is None:
            return x_range, y_range
        box = self.plot.getViewBox().boundingRect()
        if box.width() <= 0 or box.height() <= 0:
            return x_range, y_range
        room = 1.5 * MIN_ARROW_PIXELS
        grown = []
        for (lo, hi), centre, pixels in (
            (x_range, self._ball[0], box.width()),
            (y_range, self._ball[1], box.height()),
        ):
            # With the margin m on both sides the unit per pixel is (span + 2m) / pixels; on
            # a small map at most a quarter of it each side (else the range blew up a
            # hundredfold once the map was less than two margins tall).
            span = hi - lo
            side = min(room, pixels / 4)
            per_pixel = span / (pixels - 2 * side)
            margin = side * per_pixel
            grown.append((min(lo, centre - margin), max(hi, centre + margin)))
        return grown[0], grown[1]

    def set_surface(
        self,
        xs: np.ndarray,
        ys: np.ndarray,
        error: np.ndarray,
        contour_cells: int = CONTOUR_CELLS,
        steady: bool = False,
    ) -> None:
        """Colour the grid ``error[i, j]`` at ``(xs[i], ys[j])`` and draw its contours,
        traced on about ``contour_cells`` cells a side (fewer is faster and coarser).

        ``steady`` (while running): keep the colour scale, and so the contour levels, while
        the grid's values still fill enough of it; a scale fitted afresh to every grid
        redrew the colour bar's axis every frame, and its contours jumped about.
        """
        self._grid = (xs, ys, error)
        self._contour_cells = contour_cells
        self._steady = steady
        self._redraw_image()

    def set_path(self, xs: np.ndarray, ys: np.ndarray) -> None:
        """The visited points, in order (already downsampled; non-finite ones are skipped)."""
        keep = np.isfinite(xs) & np.isfinite(ys)
        if not keep.all():
            xs, ys = xs[keep], ys[keep]
        self.path.setData(xs, ys)

    def set_ball(self, x: float, y: float, step_x: float, step_y: float) -> None:
        """The ball at (x, y) and the next step's arrow to (x + step_x, y + step_y)."""
        self._ball = (x, y)
        self._true_step = (step_x, step_y)
        self.ball.blockSignals(True)
        self.ball.setPos(x, y)
        self.ball.blockSignals(False)
        self.ball.show()
        self._draw_step()
        self._show_readout(None)

    def step_scale(self) -> float:
        """How many times longer than the true step the arrow is drawn (1 if it is not)."""
        return self._scale

    def _draw_step(self) -> None:
        """The arrow, at its true length if that is visible, else magnified and marked ×k."""
        if self._ball is None:
            return
        (x, y), (step_x, step_y) = self._ball, self._true_step
        pixels = math.hypot(self._screen_dx(step_x), self._screen_dy(step_y))
        finite = all(math.isfinite(v) for v in (x + step_x, y + step_y, pixels))
        if not finite or not (step_x or step_y):
            self.step_line.clear()
            self.step_head.hide()
            self.step_label.hide()
            return
        self._scale = _magnification(pixels, MIN_ARROW_PIXELS)
        tip_x, tip_y = x + self._scale * step_x, y + self._scale * step_y
        self.step_line.setData([x, tip_x], [y, tip_y])
        self._aim_head()
        self.step_head.setPos(tip_x, tip_y)
        self.step_head.show()
        if self._scale > 1:
            self.step_label.setText(self.tr("next step × %1").replace("%1", f"{self._scale:g}"))
            # Beyond the tip, on the side the arrow points to, clear of the head; on the
            # other side if the plot's edge would cut it off there.
            left = step_x < 0
            room_left, room_right = self._room_beside(tip_x, tip_y)
            width = 1.15 * self.step_label.textItem.boundingRect().width()
            if left and room_left < width <= room_right:
                left = False
            elif not left and room_right < width <= room_left:
                left = True
            anchor = (1.15, 0.5) if left else (-0.15, 0.5)
            if tuple(self.step_label.anchor) != anchor:
                self.step_label.setAnchor(anchor)
            self.step_label.setPos(tip_x, tip_y)
            self.step_label.show()
        else:
            self.step_label.hide()

    def _room_beside(self, x: float, y: float) -> tuple[float, float]:
        """Pixels from the point (x, y) to the plot's left and right edges."""
        box = self.plot.getViewBox()
        point = box.mapViewToScene(QPointF(x, y))
        edges = box.sceneBoundingRect()
        return point.x() - edges.left(), edges.right() - point.x()

    def _screen_dx(self, dx: float) -> float:
        return dx / max(self.plot.getViewBox().viewPixelSize()[0], 1e-300)

    def _screen_dy(self, dy: float) -> float:
        return dy / max(self.plot.getViewBox().viewPixelSize()[1], 1e-300)

    def _redraw_image(self) -> None:
        if self._grid is None:
            return
        xs, ys, error = self._grid
        shown = error
        log = self.log_colours.isChecked()
        if log:
            with np.errstate(all="ignore"):
                shown = np.log10(np.maximum(error, LOG_FLOOR))
        finite = np.isfinite(shown)
        if finite.any():
            low, high = float(shown[finite].min()), float(shown[finite].max())
        else:
            low, high = 0.0, 1.0
        if not high > low:
            high = low + max(abs(low) * 1e-9, 1e-300)
        if self._steady and self._levels is not None and self._levels_log == log:
            # Kept while the map's values span at least half of it: fewer colours (and
            # contour lines) than that would hide the map's shape.
            low, high = steady_span(self._levels, low, high, pad=0.0, slack=COLOUR_SLACK)
        self.image.setImage(shown, autoLevels=False)
        if (low, high) != self._levels or log != self._levels_log:
            self._levels, self._levels_log = (low, high), log
            self.colour_bar.setLevels((low, high))
            self._label_colour_bar()
        # The image's pixels are centred on the grid points.
        dx = (xs[-1] - xs[0]) / max(len(xs) - 1, 1)
        dy = (ys[-1] - ys[0]) / max(len(ys) - 1, 1)
        self.image.setRect(
            QRectF(xs[0] - dx / 2, ys[0] - dy / 2, xs[-1] - xs[0] + dx, ys[-1] - ys[0] + dy)
        )
        k = max(1, (len(xs) - 1) // self._contour_cells)
        # Evenly spaced over the colour scale: steady while running, like the colours.
        levels = np.linspace(low, high, CONTOUR_LEVELS + 2)[1:-1]
        cx, cy = contour_segments(xs[::k], ys[::k], shown[::k, ::k], levels)
        self.contours.setData(cx, cy)

    def _label_colour_bar(self) -> None:
        log = self.log_colours.isChecked()
        text = self.tr("log₁₀ E") if log else "E"
        size = f"{self.font().pointSizeF() * LABEL_SCALE:.1f}pt"  # as the axes' names
        axis = self.colour_bar.axis
        if (axis.labelText, axis.labelStyle.get("font-size")) != (text, size):
            axis.setLabel(text, color=INK, **{"font-size": size})  # lays the plot out again
            axis.resizeEvent()  # and places the name under the new size's ticks

    # -- the mouse -------------------------------------------------------------------------
    def _on_axis_chosen(self) -> None:
        x, y = self.axes()
        if x and y:
            self.axesChosen.emit(x, y)

    def _on_range_changed(self) -> None:
        self._draw_step()  # drawn partly in pixels: its angle and magnification follow
        if not self._setting_range:
            self.viewChanged.emit()

    def _aim_head(self) -> None:
        step_x, step_y = self._true_step
        if step_x or step_y:
            # ArrowItem's angle 0 points left and turns clockwise on screen (y down).
            angle = math.atan2(self._screen_dy(step_y), -self._screen_dx(step_x))
            self.step_head.setStyle(angle=math.degrees(angle))

    def _choose(self, x: float, y: float) -> None:
        """Ask for (x, y), rounded to the screen's precision (a pixel's size, at most)."""
        width, height = self.plot.getViewBox().viewPixelSize()
        self.pointChosen.emit(_round_to(x, width), _round_to(y, height))

    def _on_ball_dropped(self) -> None:
        pos = self.ball.pos()
        if self._editable:
            self._choose(pos.x(), pos.y())
        elif self._ball is not None:
            self.set_ball(*self._ball, *self._true_step)

    def _on_clicked(self, event) -> None:
        if not self._editable or event.double() or event.button() != pg.QtCore.Qt.LeftButton:
            return
        box = self.plot.getViewBox()
        pos = event.scenePos()
        if not box.sceneBoundingRect().contains(pos):
            return
        point = box.mapSceneToView(pos)
        event.accept()
        self._choose(point.x(), point.y())

    def _on_mouse_moved(self, args: tuple[QPointF]) -> None:
        pos = args[0]
        box = self.plot.getViewBox()
        if not box.sceneBoundingRect().contains(pos):
            self._show_readout(None)
            return
        point = box.mapSceneToView(pos)
        self._show_readout((point.x(), point.y()))

    def _show_readout(self, point: tuple[float, float] | None) -> None:
        x_name, y_name = self.axes()
        if point is None:
            point = self._ball
            if point is None or not x_name:
                self._readout_box.set_text(self.tr("Hover over the map to read E there."))
                return
        x, y = point
        error = self._error_at(x, y) if self._error_at is not None else math.nan
        self._readout_box.set_text(
            whole_equations(
                self.tr("{x} = {xv}    {y} = {yv}    E = {e}").format(
                    x=x_name,
                    xv=display_number(x),
                    y=y_name,
                    yv=display_number(y),
                    e=display_number(error),
                )
            )
        )
