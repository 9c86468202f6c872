"""The Surface and Slopes views stay cheap while running: steady ranges, steady colour
scale, array curves, light markers, contour lines of all levels at once (values, not
timings)."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from engine import NOTES_PARAMS, NeuronConfig
from engine.activations import ACTIVATIONS, get_activation
from engine.graph import Graph, add
from engine.losses import LOSSES, get_loss
from engine.models import NEURON, TWO_TWO_TWO, build_graph
from engine.slopes import _follow, _follow_arrays, chain_factors, chain_paths
from widgets.contours import contour_segments
from widgets.steady_range import GROWTH, extent, steady_span


def shown(qtbot, widget, size=(700, 560)):
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


# -- steady ranges ---------------------------------------------------------------------------


def test_a_steady_span_stays_while_the_data_moves_inside_it():
    first = steady_span(None, 0.0, 1.0, pad=0.1)
    assert first == pytest.approx((-0.1, 1.1))
    assert steady_span(first, 0.05, 1.05, pad=0.1) == first  # still inside: unchanged
    assert steady_span(first, 0.3, 0.8, pad=0.1) == first  # half as wide: kept
    # Much smaller than the span: fitted afresh (E falling by orders of magnitude).
    assert steady_span(first, 0.4, 0.5, pad=0.1) == pytest.approx((0.39, 0.51))
    # Leaving it: a new span with room to keep moving.
    moved = steady_span(first, 0.5, 1.5, pad=0.1)
    assert moved == pytest.approx((0.5 - GROWTH, 1.5 + GROWTH))
    assert steady_span(None, 2.0, 2.0) == pytest.approx((1.9998, 2.0002))  # one value


def test_extent_ignores_non_finite_values():
    assert extent(np.array([1.0, np.nan, -2.0]), np.inf, 0.5) == (-2.0, 1.0)
    assert extent(np.array([np.nan])) is None


# -- the slice window ------------------------------------------------------------------------


def test_the_slice_window_moves_in_steps():
    from app.surface_panel import slice_window

    window = slice_window(None, 0.15, 0.1486)
    assert window == pytest.approx((0.1486 - 0.5, 0.15 + 0.5))
    # A few steps on, the ball and the ghost are still well inside: the same window.
    assert slice_window(window, 0.2, 0.198) == window
    # Near an edge: a new window around them.
    assert slice_window(window, 0.6, 0.59) == pytest.approx((0.09, 1.1))
    # A large step (a large η) widens it, so the landing point stays on the curve shown.
    lo, hi = slice_window(window, 0.15, -3.0)
    assert lo < -3.0 and hi > 0.15


def test_the_slice_plot_keeps_its_range_while_the_ball_moves_a_little(qtbot):
    from widgets.slice_plot import SlicePlot

    plot = shown(qtbot, SlicePlot())
    ps = np.linspace(-2, 2, 41)
    plot.show_slice("b1", ps, ps**2, (1.0, 1.0, 2.0), (0.6, 0.36, 1.2))
    first = plot.plot.getViewBox().viewRange()
    assert first[0] == pytest.approx([-2.4, 2.4])
    assert first[1] == pytest.approx([-0.4, 4.4])
    # The curve sinks a little (training moves the other parameters): the range stays.
    plot.show_slice("b1", ps, ps**2 + 0.1, (0.9, 0.91, 1.8), (0.5, 0.35, 1.0))
    assert plot.plot.getViewBox().viewRange() == first
    assert plot.curve.getData()[1].tolist() == (ps**2 + 0.1).tolist()
    assert plot.ball.getData()[0].tolist() == [0.9]
    # Another parameter: fitted afresh.
    plot.show_slice("w1", ps * 10, ps**2, (10.0, 1.0, 0.2), (8.0, 0.64, 0.16))
    assert plot.plot.getViewBox().viewRange()[0] == pytest.approx([-24.0, 24.0])


# -- the factor plots ------------------------------------------------------------------------


def test_factor_plots_range_themselves_only_when_their_curve_leaves_the_range(qtbot):
    from widgets.slopes_view import SlopesView

    view = shown(qtbot, SlopesView())
    graph = build_graph(NEURON, get_activation("sigmoid"), get_loss("half-sse"))
    values = dict(NOTES_PARAMS.as_dict())
    graph.forward(values)
    graph.backward("E")
    view.show_factors("w1", graph["w1"].grad, chain_factors(graph, "w1"))
    plots = [plot for row in view._plots for plot, _, _ in row]
    assert all(not any(p.getViewBox().autoRangeEnabled()) for p in plots)
    before = [p.getViewBox().viewRange() for p in plots]
    # One small step: the points move, the curves hardly; no range changes.
    values["w1"] -= 0.001
    graph.forward(values)
    graph.backward("E")
    view.show_factors("w1", graph["w1"].grad, chain_factors(graph, "w1"))
    assert [p.getViewBox().viewRange() for p in plots] == before
    # Every point still on show, at the graph's values.
    for (plot, _, (_, _, point)), factor in zip(
        view._plots[0], chain_factors(graph, "w1")[0], strict=True
    ):
        (x0, x1), (y0, y1) = plot.getViewBox().viewRange()
        xs, ys = point.getData()
        assert (xs[0], ys[0]) == (factor.at, factor.value)
        assert x0 <= xs[0] <= x1 and y0 <= ys[0] <= y1


def test_markers_speak_like_a_one_point_plot(qtbot):
    import pyqtgraph as pg

    from widgets.marker import Marker

    dot = Marker(12, pg.mkBrush("r"), pg.mkPen("k"))
    assert dot.getData() == (None, None) and not dot.isVisible()
    dot.setData([0.25], [-3.0])
    xs, ys = dot.getData()
    assert (xs.tolist(), ys.tolist()) == ([0.25], [-3.0])
    assert (dot.pos().x(), dot.pos().y()) == (0.25, -3.0)
    dot.setData([math.nan], [1.0])  # not a point: hidden, no data
    assert dot.getData() == (None, None)
    dot.setData([1.0], [2.0])
    dot.clear()
    assert dot.getData() == (None, None)


# -- factor curves over arrays ---------------------------------------------------------------


@pytest.mark.parametrize("model", [NEURON, TWO_TWO_TWO], ids=lambda m: m.name)
@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
@pytest.mark.parametrize("loss", sorted(LOSSES))
def test_array_curves_equal_the_scalar_ones(model, activation, loss):
    graph = build_graph(model, get_activation(activation), get_loss(loss))
    values = dict(model.values())
    if loss == "bce":
        values = {k: (0.3 if k.startswith(("w", "b")) else v) for k, v in values.items()}
    graph.forward(values)
    graph.backward("E")
    for name in model.parameters:
        for path in chain_paths(graph, name):
            for before, after in itertools.pairwise(path):
                segment = [before, after]
                # Across the loss's domain edges (0 and 1) for bce: NaN gaps at the same places.
                xs = np.linspace(-0.5, 1.5, 81) if after.kind == "loss" else np.linspace(-4, 4, 81)
                arrays = _follow_arrays(segment, xs)
                scalars = np.array([_follow(segment, float(x)) for x in xs])
                assert np.array_equal(np.isnan(arrays), np.isnan(scalars))
                ok = ~np.isnan(scalars)
                assert arrays[ok] == pytest.approx(scalars[ok], rel=1e-14, abs=1e-300)


def test_a_node_without_an_array_form_is_followed_point_by_point():
    graph = Graph()
    graph.leaf("x", "parameter")
    graph.leaf("c", "input")
    graph.operation("y", "sum", [graph["x"], graph["c"]], add)  # no array_op given
    graph.forward({"x": 1.0, "c": 2.0})
    graph.backward("y")
    (path,) = chain_factors(graph, "x", root="y")
    (factor,) = path
    assert factor.slope == 1.0
    assert factor.ys == pytest.approx(factor.xs + 2.0)


def test_relu_curve_in_the_slopes_is_flat_where_it_is_off():
    graph = build_graph(NEURON, get_activation("relu"), get_loss("half-sse"))
    graph.forward(dict(NOTES_PARAMS.with_value("b1", -5.0).as_dict()))
    graph.backward("E")
    (path,) = chain_factors(graph, "b1")
    out_net = path[1]
    assert out_net.ys == pytest.approx(np.maximum(out_net.xs, 0.0))
    assert NeuronConfig("relu").activation == "relu"


# -- contour lines and the colour scale ------------------------------------------------------


def test_contours_of_several_levels_are_those_of_each_level():
    rng = np.random.default_rng(3)
    xs, ys = np.linspace(0, 1, 12), np.linspace(-1, 1, 9)
    z = rng.normal(size=(12, 9))
    z[3, 4] = np.nan
    levels = np.array([-0.5, 0.0, 0.7])
    cx, cy = contour_segments(xs, ys, z, levels)

    def segments(x, y):
        return sorted(zip(x[::2], y[::2], x[1::2], y[1::2], strict=True))

    each = [contour_segments(xs, ys, z, levels[k : k + 1]) for k in range(len(levels))]
    expected = sorted(s for x, y in each for s in segments(x, y))
    assert segments(cx, cy) == expected
    assert len(expected) > 20


def test_the_colour_scale_is_steady_while_running_and_fitted_when_not(qtbot):
    from widgets.surface_map import CONTOUR_LEVELS, SurfaceMap

    view = shown(qtbot, SurfaceMap())
    view.set_parameters(["w1", "w2"], "w1", "w2")
    xs = np.linspace(0, 1, 21)
    bowl = xs[:, np.newaxis] ** 2 + xs[np.newaxis, :] ** 2  # 0 .. 2
    view.set_surface(xs, xs, bowl, steady=True)
    assert view.colour_bar.levels() == pytest.approx((0.0, 2.0))
    # Training lowers E a little: the same colours, the same contour levels.
    view.set_surface(xs, xs, bowl * 0.8 + 0.1, steady=True)
    assert view.colour_bar.levels() == pytest.approx((0.0, 2.0))
    cx, cy = view.contours.getData()
    levels = np.linspace(0.0, 2.0, CONTOUR_LEVELS + 2)[1:-1]
    on_line = (cx**2 + cy**2) * 0.8 + 0.1
    nearest = np.min(np.abs(on_line[:, np.newaxis] - levels[np.newaxis, :]), axis=1)
    assert nearest.max() < 0.01  # every end point lies on one of the steady levels
    # Kept while the values span at least half of it, then fitted to them.
    view.set_surface(xs, xs, bowl * 0.55, steady=True)
    assert view.colour_bar.levels() == pytest.approx((0.0, 2.0))
    view.set_surface(xs, xs, bowl * 0.45, steady=True)
    assert view.colour_bar.levels() == pytest.approx((0.0, 0.9))
    # Ten times lower: fitted afresh, and when not running always fitted.
    view.set_surface(xs, xs, bowl * 0.1, steady=True)
    assert view.colour_bar.levels() == pytest.approx((0.0, 0.2))
    view.set_surface(xs, xs, bowl * 0.08, steady=False)
    assert view.colour_bar.levels() == pytest.approx((0.0, 0.16))
    view.log_colours.setChecked(True)  # another scale: fitted afresh
    assert view.colour_bar.levels()[1] == pytest.approx(math.log10(0.16))


def test_the_factor_plots_are_reused_when_the_factors_change(qtbot):
    from widgets.slopes_view import SlopesView

    view = shown(qtbot, SlopesView())
    graph = build_graph(TWO_TWO_TWO, get_activation("sigmoid"), get_loss("half-sse"))
    graph.forward(TWO_TWO_TWO.values())
    graph.backward("E")

    def show(name):
        view.show_factors(name, graph[name].grad, chain_factors(graph, name))
        return [plot for row in view._plots for plot, _, _ in row]

    first = show("w1")  # two paths of five factors
    assert len(first) == 10
    assert len(show("w5")) == 3  # one path: E(out_o1), out_o1(net_o1), net_o1(w5)
    again = show("w1")
    assert again == first  # the same plot objects, laid out again
    assert len(view.plot_titles()) == 10
    assert view.plot_titles()[0].startswith("E(out_o1): ∂E/∂out_o1")
    assert all(plot.scene() is view.plots.scene() for plot in again)


def test_a_title_has_room_for_the_flat_note_before_and_after_it_shows(qtbot):
    """Gaining the note's line while running (E(out) as E nears 0) laid every factor plot
    out and repainted them all in one frame."""
    from widgets.slopes_view import SlopesView

    view = shown(qtbot, SlopesView())
    graph = build_graph(NEURON, get_activation("relu"), get_loss("half-sse"))

    def show(b1):
        graph.forward(dict(NOTES_PARAMS.with_value("b1", b1).as_dict()))
        graph.backward("E")
        view.show_factors("w1", graph["w1"].grad, chain_factors(graph, "w1"))
        qtbot.wait(10)
        return [plot.geometry() for row in view._plots for plot, _, _ in row]

    on = show(0.35)
    height = view.plots.minimumHeight()
    flat = show(-5.0)  # the ReLU is off: out(net)'s title shows the note
    assert "flat" in view.plot_titles()[1]
    back_on = show(0.35)
    assert "flat" not in view.plot_titles()[1]
    assert view.plot_titles()[1] == "out(net): ∂out/∂net<br>= 1"
    assert on == flat == back_on  # the line is reserved: the plots never moved
    assert view.plots.minimumHeight() == height
    label = view._plots[0][1][1]
    assert label.item.toPlainText().count("\n") == 2  # two lines of text and a blank one


def test_the_map_keeps_its_size_when_the_read_out_wraps(qtbot):
    from widgets.surface_map import SurfaceMap

    view = shown(qtbot, SurfaceMap(), size=(560, 500))
    view.set_parameters(["w1", "w2"], "w1", "w2")
    view.set_error_function(lambda x, y: 0.25)
    view.set_ball(0.5, 0.5, 0.0, 0.0)
    qtbot.wait(20)
    before = view.plot.height()
    assert view.readout.minimumSizeHint().height() >= 2 * view.readout.fontMetrics().lineSpacing()
    view.set_error_function(lambda x, y: -1.23456789012e-107)
    view.set_ball(-0.0123456789012, -0.0745771310231, 0.0, 0.0)  # long: two lines
    qtbot.wait(20)
    assert (
        view.readout.heightForWidth(view.readout.width())
        > view.readout.fontMetrics().height() * 1.5
    )
    assert view.plot.height() == before


def test_the_magnified_arrow_label_stays_inside_the_map(qtbot):
    from widgets.surface_map import SurfaceMap

    view = shown(qtbot, SurfaceMap())
    view.set_parameters(["w1", "w2"], "w1", "w2")
    view.follow.setChecked(False)
    view.show_range((0.0, 1.0), (0.0, 1.0))
    qtbot.wait(20)
    # A tiny step to the left, its tip near the left edge: magnified, and labelled on the
    # right of the tip (there is no room for the label on its left).
    (x0, x1), _ = view.view_range()  # wider than asked: the aspect is locked
    view.set_ball(x0 + 0.2 * (x1 - x0), 0.5, -0.00001, 0.0)
    qtbot.wait(20)
    assert view.step_scale() > 1 and view.step_label.isVisible()
    tip_x = view.step_line.getData()[0][1]
    room_left, room_right = view._room_beside(tip_x, 0.5)
    width = view.step_label.textItem.boundingRect().width()
    assert 0 < room_left < width < room_right
    assert tuple(view.step_label.anchor) == (-0.15, 0.5)
    # Far from the edge, it stays on the side the arrow points to.
    view.set_ball(x0 + 0.7 * (x1 - x0), 0.5, -0.00001, 0.0)
    assert tuple(view.step_label.anchor) == (1.15, 0.5)


# -- read-outs that change every frame ---------------------------------------------------------


class _LayoutRequests(QObject):
    """Counts the LayoutRequests that reach a widget (its layout runs again on each)."""

    def __init__(self, widget):
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def _slice_numbers(plot, k):
    ps = np.linspace(-2, 2, 41)
    p = 1.0 + 0.001 * k
    plot.show_slice("b1", ps, ps**2, (p, p * p, 2 * p), (0.9 * p, 0.8 * p * p, 1.8 * p))


def test_read_outs_whose_numbers_change_do_not_lay_their_page_out_again(qtbot):
    """QLabel.setText invalidates its parent's layout; a layout run again tells its own
    parent, up to the window: every frame while running, though nothing moved."""
    from widgets.slice_plot import SlicePlot
    from widgets.surface_map import SurfaceMap

    plot = shown(qtbot, SlicePlot())
    for k in range(-2, 1):
        _slice_numbers(plot, k)
        qtbot.wait(20)
    requests = _LayoutRequests(plot)
    for k in range(1, 6):
        _slice_numbers(plot, k)
        QApplication.processEvents()
    assert "2.01:" in plot.readout.text()  # the numbers did change (slope 2 × 1.005)
    assert requests.count == 0

    view = shown(qtbot, SurfaceMap(), size=(560, 500))
    view.set_parameters(["w1", "w2"], "w1", "w2")
    view.set_error_function(lambda x, y: 0.25)
    for k in range(-2, 1):
        view.set_ball(0.5 + 0.01 * k, 0.5, 0.0, 0.0)
        qtbot.wait(20)
    page = view.page_area.widget()
    requests = _LayoutRequests(page)
    for k in range(1, 6):
        view.set_ball(0.5 + 0.01 * k, 0.5, 0.0, 0.0)
        QApplication.processEvents()
    assert "0.55" in view.readout.text()
    assert requests.count == 0


def test_the_slopes_formula_changes_without_laying_the_page_out_again(qtbot):
    from engine.slopes import chain_factors
    from widgets.slopes_view import SlopesView

    view = shown(qtbot, SlopesView())
    graph = build_graph(NEURON, get_activation("sigmoid"), get_loss("half-sse"))
    values = dict(NOTES_PARAMS.as_dict())

    def draw(k):
        values["w1"] = 0.15 + 0.001 * k
        graph.forward(values)
        graph.backward("E")
        view.show_factors("w1", graph["w1"].grad, chain_factors(graph, "w1"))

    for k in range(3):  # laid out for these numbers (a steady label only grows)
        draw(k)
        qtbot.wait(20)
    requests = _LayoutRequests(view.page_area.widget())
    before = view.formula_label.text()
    for k in range(3, 8):
        draw(k)
        QApplication.processEvents()
    assert view.formula_label.text() != before
    assert requests.count == 0
