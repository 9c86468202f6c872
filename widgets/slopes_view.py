"""Each chain-rule factor as a slope: one small plot per factor, with its tangent.

``E(out)`` has slope ∂E/∂out, ``out(net)`` slope ∂out/∂net (flat where a sigmoid saturates
or a ReLU is off), ``net(w)`` is a line of slope i.  The slopes are labelled with the same
numbers as the chain rule tab, so their product is the gradient the learner just read.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from engine.numbers import display_number as num
from engine.numbers import operand
from engine.slopes import Factor
from widgets.error_plot import (
    CURVE_COLOUR,
    INK,
    MARKER_COLOUR,
    view_minimum,
    whole_equations,
)
from widgets.fit_scroll_area import FitScrollArea
from widgets.marker import Marker
from widgets.parabola_plot import TANGENT_COLOUR
from widgets.quiet_box import QuietBox
from widgets.slice_plot import SlicePlot
from widgets.steady_range import SteadyRange, extent
from widgets.wrap_label import WrapLabel

#: A factor's curve and slope names share a line up to this many characters.
SHORT_TITLE = 20
#: A slope smaller than this is called flat in the plot's title.
FLAT = 1e-3
_TANGENT_FRACTION = 0.25
#: The widest slope a title shows (the columns are as wide as a title with it).
_LONG_SLOPE = "= −8.88888888888e−88"


class SlopesView(QWidget):
    """For the chosen parameter p: the slice E(p) with its slope, then one plot per factor."""

    parameterChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("slopes_view")
        self.setAccessibleName("slopes_view")
        self._names: tuple[str, ...] = ()
        self._shape: tuple[int, ...] = ()
        self._plots: list[list[tuple[pg.PlotItem, pg.LabelItem, list]]] = []
        self._ranges: list[list[SteadyRange]] = []
        # Every plot and label built so far, laid out again when the factors change.
        self._plot_pool: list[tuple[pg.PlotItem, list, SteadyRange]] = []
        self._label_pool: list[pg.LabelItem] = []
        self._label_lines: dict[pg.LabelItem, int] = {}  # lines each label has room for

        self.choice = QComboBox()
        self.choice.setObjectName("slopes_parameter")
        self.choice.setAccessibleName(self.tr("Parameter"))
        self.plots = pg.GraphicsLayoutWidget()
        self.plots.setObjectName("slopes_plots")
        self.plots.setBackground("w")
        self.plots.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        self.plots.installEventFilter(self)  # the plots flow into as many columns as fit
        self._columns = 0  # factor plots side by side (0: not laid out yet)
        self._cell = 1  # the width one factor's plot and title need
        self.slice = SlicePlot()
        # The product of the slopes: wraps after an "=" or a "×" when narrow, and keeps the
        # room it has had while its width stays (steady while running).
        self.formula_label = WrapLabel(steady=True)
        self.formula_label.setObjectName("slopes_formula")
        self.formula_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.formula_label.setContentsMargins(6, 2, 6, 2)
        self.formula_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        top = QHBoxLayout()
        self.choice_label = QLabel()
        top.addWidget(self.choice_label)
        top.addWidget(self.choice)
        top.addStretch(1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.slice, 1)
        self._formula_box = QuietBox(self.formula_label)  # its numbers change every frame
        layout.addWidget(self._formula_box)
        layout.addWidget(self.plots, 1)
        # A short tab (large text on a small screen) scrolls down rather than crush plots.
        # (Not a column: its least width would widen the window's centre on every tab.)
        self.page_area = FitScrollArea(page)
        self.page_area.setObjectName("page_scroll")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.page_area)
        self.choice.currentIndexChanged.connect(
            lambda: self.parameterChosen.emit(self.choice.currentText())
        )
        self._shown: tuple[str, float, list[list[Factor]]] | None = None
        self._formula = ""
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language (also called on a language change)."""
        self.choice_label.setText(self.tr("Parameter"))
        if self._shown is not None:
            self.show_factors(*self._shown)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fit_plots()
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.FontChange):
            self.retranslate()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.plots and event.type() == QEvent.Type.Resize:
            self._reflow()
        return super().eventFilter(watched, event)

    def set_parameters(self, names: Sequence[str], chosen: str) -> None:
        """Offer ``names`` and choose one (no signal)."""
        names = tuple(names)
        self.choice.blockSignals(True)
        if names != self._names:
            self.choice.clear()
            self.choice.addItems(list(names))
            self._names = names
        self.choice.setCurrentIndex(names.index(chosen))
        self.choice.blockSignals(False)

    def parameter(self) -> str:
        return self.choice.currentText()

    def show_factors(
        self,
        parameter: str,
        gradient: float,
        paths: list[list[Factor]],
        plots: Collection[int] | None = None,
    ) -> None:
        """Draw every factor of every path from ``parameter`` to E (nearest E first).

        ``plots``: only the factor plots of these indices (counted row by row, as in
        :meth:`factor_plots`) are drawn now, the others keep what they show (while running,
        a few per frame in turn); all are drawn when the factors are new to the view.
        """
        fresh = self._shown is None or self._shown[0] != parameter
        self._shown = (parameter, gradient, paths)
        shape = tuple(len(path) for path in paths)
        if shape != self._shape:
            self._cell = self._cell_width(paths)
            self._columns = self._fitting_columns(shape)
            self._build(shape)
            fresh = True
        index = 0
        for path, row, ranges in zip(paths, self._plots, self._ranges, strict=True):
            for factor, (plot, label, items), steady in zip(path, row, ranges, strict=True):
                if fresh or plots is None or index in plots:
                    self._draw(factor, plot, label, items, steady)
                index += 1
        terms = [" × ".join(operand(f.slope) for f in path) for path in paths]
        product = " + ".join(f"({t})" if len(terms) > 1 else t for t in terms)
        self._formula = f"{product} = {num(gradient)}"
        # One line per path (the 2-2-2 network's hidden weights have two).
        lines = "<br>+ ".join(f"({t})" if len(terms) > 1 else t for t in terms)
        text = self.tr(
            "The slopes multiply to the slope of E:<br>∂E/∂{p} = {lines} = {total}"
        ).format(p=parameter, lines=lines, total=num(gradient))
        # Narrow, it wraps after an "=" or a "×", never before one.
        text = whole_equations(text).replace(" × ", "\u00a0× ")
        self._formula_box.set_text(text)

    def formula(self) -> str:
        """The chain rule with the slopes' numbers, as shown above the plots."""
        return self._formula

    def _set_label(self, label: pg.LabelItem, text: str, room: int = 0) -> None:
        """Show ``text`` in a plot's label, at the widget's text size, with room for at
        least ``room`` + 1 lines."""
        size = f"{self.font().pointSizeF():.1f}pt"
        if (label.text, label.opts.get("size")) == (text, size):
            return
        # A label keeps the most lines it has had since the plots were laid out: fewer
        # lines would change the layout.
        lines = max(text.count("<br>"), room, self._label_lines.get(label, 0))
        shown = text + "<br>&nbsp;" * (lines - text.count("<br>"))
        if self._label_lines.get(label) == lines and label.opts.get("size") == size:
            # Only the numbers changed: replace the text in place.  LabelItem.setText would
            # lay the whole grid of plots out again, every frame while running.
            label.item.setHtml(f"<span style='color: {INK}; font-size: {size}'>{shown}</span>")
        else:
            label.setText(shown, size=size)
            self._label_lines[label] = lines
            self._fit_height()  # a title's lines changed the rows' height
        label.text = text  # what it says, without the padding

    def plot_titles(self) -> list[str]:
        """Every plot's title text, row by row (for tests and screen readers)."""
        return [label.text for row in self._plots for _, label, _ in row]

    def factor_plots(self) -> list[tuple[pg.PlotItem, pg.LabelItem]]:
        """Every factor's plot and title, row by row (for tests)."""
        return [(plot, label) for row in self._plots for plot, label, _ in row]

    def _cell_width(self, paths: list[list[Factor]]) -> int:
        """The width a factor's title (with the longest slope) and a readable plot need."""
        metrics = QFontMetricsF(self.font())
        lines = [_LONG_SLOPE, self.tr("flat: almost no signal passes")]
        for path in paths:
            for factor in path:
                lines += [
                    f"{factor.target}({factor.source}): ",
                    f"∂{factor.target}/∂{factor.source}",
                ]
        title = max(metrics.horizontalAdvance(line) for line in lines)
        return math.ceil(max(title, self._plot_width()) + 12)

    def _plot_width(self) -> int:
        """A factor plot's least width: a few tick labels' room beside its left axis."""
        axis = QFontMetricsF(self.font()).horizontalAdvance("−0.000") + 12
        return round(axis + view_minimum(self.font()) + 8)

    def _plot_height(self) -> int:
        """A factor plot's least height: a few tick labels' room above its bottom axis."""
        return round(view_minimum(self.font()) + 2.5 * QFontMetricsF(self.font()).height())

    def _fitting_columns(self, shape: tuple[int, ...]) -> int:
        """How many factor plots fit side by side in the plots' width."""
        width = self.plots.viewport().width() if self.plots.width() > 0 else 0
        most = max(shape, default=1)
        if width <= 0:
            return most
        return max(1, min(most, width // max(self._cell, 1)))

    def _reflow(self) -> None:
        """Lay the factor plots out again if another number of columns fits now (on a
        resize only: never while running at a steady size)."""
        if not self._shape:
            return
        columns = self._fitting_columns(self._shape)
        if columns != self._columns:
            self._columns = columns
            self._build(self._shape)
            if self._shown is not None:
                self.show_factors(*self._shown)

    def _fit_plots(self) -> None:
        """Sizes that follow the text size: each plot's least size, the columns."""
        for plot, _, _ in self._plot_pool:
            plot.setMinimumSize(self._plot_width(), self._plot_height())
        if self._shown is not None:
            self._cell = self._cell_width(self._shown[2])
        self._columns = 0
        self._reflow()

    def _fit_height(self) -> None:
        """The plots' widget as tall as its rows need: the page scrolls rather than crush
        them (changes only with the layout or a title's lines, never every frame)."""
        layout = self.plots.ci.layout
        needed = layout.effectiveSizeHint(Qt.SizeHint.MinimumSize).height()
        self.plots.setMinimumHeight(math.ceil(needed) + 2 * self.plots.frameWidth() + 4)

    def _build(self, shape: tuple[int, ...]) -> None:
        """Lay out one labelled plot per factor (reusing the plots built before: a plot
        costs tens of milliseconds to build, and the 2-2-2 network needs ten), as many
        side by side as fit; each path to E starts a new row."""
        self.plots.clear()
        self._plots = []
        self._ranges = []
        self._label_lines.clear()  # laid out afresh: as many lines as each label needs
        columns = self._columns or max(shape, default=1)
        labels = iter(self._label_pool)
        plots = iter(self._plot_pool)
        first = 0  # the grid row where this path starts
        for count in shape:
            row = []
            ranges = []
            for c in range(count):
                at = first + 2 * (c // columns)
                # A label above the plot (a PlotItem's title has room for one line only).
                label = self._place_label(labels, at, c % columns, 1)
                plot, items, steady = next(plots, None) or self._new_plot()
                self.plots.addItem(plot, row=at + 1, col=c % columns)
                steady.forget()  # another factor: fitted afresh
                row.append((plot, label, items))
                ranges.append(steady)
            self._plots.append(row)
            self._ranges.append(ranges)
            first += 2 * math.ceil(count / columns)
        self._shape = shape
        self._fit_height()

    def _place_label(self, pool, row: int, col: int, colspan: int) -> pg.LabelItem:
        label = next(pool, None)
        if label is None:
            label = pg.LabelItem(color=INK)
            self._label_pool.append(label)
        self.plots.addItem(label, row=row, col=col, colspan=colspan)
        return label

    def _new_plot(self) -> tuple[pg.PlotItem, list, SteadyRange]:
        """A small plot with a curve, a tangent and a point (kept for reuse)."""
        plot = pg.PlotItem(enableMenu=False)  # no menus: a third of the cost of building
        plot.hideButtons()
        plot.setMinimumSize(self._plot_width(), self._plot_height())
        for axis in ("bottom", "left"):
            plot.getAxis(axis).setPen(pg.mkPen(INK))
            plot.getAxis(axis).setTextPen(pg.mkPen(INK))
            plot.getAxis(axis).enableAutoSIPrefix(False)
        # The tick labels' room only grows: shrinking it when the labels got shorter
        # laid the whole grid out again, and redrew every axis, often.
        plot.getAxis("left").setStyle(autoReduceTextSpace=False)
        # Curve items and a dot, not PlotDataItems (a millisecond per setData).
        curve = pg.PlotCurveItem(pen=pg.mkPen(CURVE_COLOUR, width=2), antialias=True)
        tangent = pg.PlotCurveItem(pen=pg.mkPen(TANGENT_COLOUR, width=3), antialias=True)
        point = Marker(12, pg.mkBrush(MARKER_COLOUR), pg.mkPen(INK, width=1.5))
        for z, item in enumerate((curve, tangent, point)):
            plot.addItem(item, ignoreBounds=True)  # the range is set by hand
            item.setZValue(z)
        # The curves seldom change while the tangent and the point move every redraw:
        # keep each curve as a pixmap rather than stroking it again.
        curve.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        # Not ranged to the data: the point moves every frame, the range seldom.
        built = (plot, [curve, tangent, point], SteadyRange(plot))
        self._plot_pool.append(built)
        return built

    def _draw(
        self,
        factor: Factor,
        plot: pg.PlotItem,
        label: pg.LabelItem,
        items: list,
        steady: SteadyRange,
    ) -> None:
        curve, tangent, point = items
        finite = np.isfinite(factor.ys)
        xs, ys = factor.xs[finite], factor.ys[finite]
        old_xs, old_ys = curve.getData()
        if old_xs is None or not (np.array_equal(xs, old_xs) and np.array_equal(ys, old_ys)):
            curve.setData(xs, ys)
        point.setData([factor.at], [factor.value])
        steady.show(extent(xs, factor.at), extent(ys, factor.value))
        # The title names the curve (the axes are too small to carry names as well).
        curve = f"{factor.target}({factor.source})"
        slope = f"∂{factor.target}/∂{factor.source}"
        # Long names (the 2-2-2 network's out_h1 ...) go on their own lines, so that five
        # plots side by side still fit.
        joint = "<br>" if len(curve) + len(slope) > SHORT_TITLE else ": "
        title = f"{curve}{joint}{slope}<br>= {num(factor.slope)}"
        # Room for the flat note from the start: a title gaining it while running (E(out)
        # as the error nears 0) laid every plot out, and repainted them all, at once.
        room = title.count("<br>") + 1
        if abs(factor.slope) < FLAT:
            title += "<br>" + self.tr("flat: almost no signal passes")
        self._set_label(label, title, room)
        font = self.font()
        if plot.getAxis("bottom").style.get("tickFont") != font:
            for side in ("bottom", "left"):
                plot.getAxis(side).setTickFont(font)  # the widget's size, not a plot's larger
        # The tangent spans a share of the curve's width (or height, if steep).
        width = float(xs.max() - xs.min()) if len(xs) else 1.0
        height = float(ys.max() - ys.min()) if len(ys) else 1.0
        half = _TANGENT_FRACTION * width
        if factor.slope and height > 0:
            half = min(half, _TANGENT_FRACTION * 2.0 * height / abs(factor.slope))
        x, y, s = factor.at, factor.value, factor.slope
        tangent.setData([x - half, x + half], [y - s * half, y + s * half])
