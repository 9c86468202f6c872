"""The surface map, the contour lines, the slice E(p) and the slopes view, offscreen."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from engine import NOTES_PARAMS, NeuronConfig, evaluate
from engine.activations import get_activation
from engine.losses import get_loss
from engine.neuron import build_graph
from engine.slopes import chain_factors
from widgets.contours import contour_segments, nice_levels
from widgets.error_plot import as_read
from widgets.slopes_view import SlopesView
from widgets.surface_map import SurfaceMap, fit_range


def shown(qtbot, widget, size=(700, 560)):
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


# -- contour lines ---------------------------------------------------------------------------


def test_contours_of_a_bowl_are_circles():
    xs = np.linspace(-1.0, 1.0, 81)
    z = xs[:, np.newaxis] ** 2 + xs[np.newaxis, :] ** 2
    levels = nice_levels(z, 4)
    assert levels == pytest.approx([0.4, 0.8, 1.2, 1.6])
    cx, cy = contour_segments(xs, xs, z, levels)
    assert len(cx) == len(cy) and len(cx) % 2 == 0 and len(cx) > 100
    radius2 = cx**2 + cy**2
    nearest = np.min(np.abs(radius2[:, np.newaxis] - levels[np.newaxis, :]), axis=1)
    assert nearest.max() < 1e-3  # every end point lies on one of the circles


def test_contours_skip_cells_with_a_gap_and_a_saddle_gives_two_segments():
    xs = np.array([0.0, 1.0])
    saddle = np.array([[1.0, -1.0], [-1.0, 1.0]])
    cx, _ = contour_segments(xs, xs, saddle, np.array([0.5]))
    assert len(cx) == 4
    gap = saddle.copy()
    gap[0, 0] = np.nan
    cx, cy = contour_segments(xs, xs, gap, np.array([0.5]))
    # Only the two edges away from the gap are crossed.
    assert cx.tolist() == [1.0, 0.75] and cy.tolist() == [0.75, 1.0]
    assert len(nice_levels(np.full((3, 3), 2.0))) == 0  # a flat grid has no levels


def test_clicked_values_are_rounded_to_a_pixel():
    from widgets.surface_map import _round_to

    assert _round_to(0.598695271, 0.0031) == 0.599
    assert _round_to(-0.3000731, 0.004) == -0.3
    assert _round_to(1234.5678, 30.0) == 1230.0
    assert _round_to(0.25, 0.0) == 0.25  # no precision known: unchanged


def test_fit_range_adds_a_margin_and_a_minimum_span():
    (x0, x1), (y0, y1) = fit_range(np.array([0.0, 1.0]), np.array([5.0, 5.0]), (0.1, 0.2))
    assert (x0, x1) == pytest.approx((-0.25, 1.25))
    assert (y0, y1) == pytest.approx((4.9, 5.1))


# -- the map ---------------------------------------------------------------------------------


def test_map_names_and_parameters(qtbot):
    view = shown(qtbot, SurfaceMap())
    view.set_parameters(["w1", "w2", "b1", "b2"], "w1", "w2")
    assert view.plot.objectName() == "surface_plot"
    assert view.x_choice.objectName() == "surface_x"
    assert view.y_choice.objectName() == "surface_y"
    assert [view.x_choice.itemText(i) for i in range(4)] == ["w1", "w2", "b1", "b2"]
    assert view.axes() == ("w1", "w2")
    with qtbot.waitSignal(view.axesChosen) as blocker:
        view.y_choice.setCurrentIndex(2)
    assert blocker.args == ["w1", "b1"]


def test_map_draws_colours_contours_path_and_the_step_arrow(qtbot):
    view = shown(qtbot, SurfaceMap())
    view.set_parameters(["w1", "w2"], "w1", "w2")
    xs, ys = np.linspace(-1, 1, 50), np.linspace(-2, 2, 60)
    error = xs[:, np.newaxis] ** 2 + ys[np.newaxis, :] ** 2
    view.show_range((-1, 1), (-2, 2))
    view.set_surface(xs, ys, error)
    assert view.image.image.shape == (50, 60)
    assert view.colour_bar.levels() == pytest.approx((0.0, 5.0), abs=0.01)
    assert len(view.contours.getData()[0]) > 0
    view.set_path(np.array([0.5, 0.4, np.nan, 0.3]), np.array([1.0, 0.8, 0.0, 0.6]))
    assert view.path.getData()[0].tolist() == [0.5, 0.4, 0.3]  # the NaN point is skipped
    view.set_ball(0.3, 0.6, -0.3, -0.6)  # long enough to see: drawn at its true length
    line_x, line_y = view.step_line.getData()
    assert view.step_scale() == 1.0
    assert line_x.tolist() == pytest.approx([0.3, 0.0])
    assert line_y.tolist() == pytest.approx([0.6, 0.0])
    assert view.step_head.isVisible() and not view.step_label.isVisible()
    view.set_ball(0.3, 0.6, -0.003, -0.006)  # a few pixels: magnified, and it says so
    k = view.step_scale()
    assert k in (10.0, 20.0, 50.0, 100.0)
    line_x, line_y = view.step_line.getData()
    assert line_x[1] - line_x[0] == pytest.approx(-0.003 * k)
    assert line_y[1] - line_y[0] == pytest.approx(-0.006 * k)
    assert view.step_label.isVisible() and view.step_label.textItem.toPlainText() == (
        f"next step × {k:g}"
    )
    view.log_colours.setChecked(True)
    assert view.image.image[0, 0] == pytest.approx(np.log10(error[0, 0]))


def test_hover_reads_x_y_and_e(qtbot):
    view = shown(qtbot, SurfaceMap())
    view.set_parameters(["w1", "w2"], "w1", "w2")
    view.set_error_function(lambda x, y: x + 10 * y)
    view.show_range((0, 1), (0, 1))
    view.set_ball(0.25, 0.5, 0.0, 0.0)
    assert as_read(view.readout.text()) == "w1 = 0.25    w2 = 0.5    E = 5.25"


def test_a_click_on_the_map_asks_to_move_the_ball_there(qtbot):
    view = shown(qtbot, SurfaceMap())
    view.set_parameters(["w1", "w2"], "w1", "w2")
    view.show_range((0.0, 1.0), (0.0, 1.0))
    qtbot.wait(20)
    box = view.plot.getViewBox()
    scene_point = box.mapViewToScene(QPointF(0.75, 0.25))
    pos = view.plot.mapFromScene(scene_point)
    with qtbot.waitSignal(view.pointChosen) as blocker:
        qtbot.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    x, y = blocker.args
    assert x == pytest.approx(0.75, abs=0.01)
    assert y == pytest.approx(0.25, abs=0.01)
    view.set_editable(False)
    with qtbot.assertNotEmitted(view.pointChosen):
        qtbot.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)


# -- the slopes ------------------------------------------------------------------------------


def graph_for(config: NeuronConfig, params=NOTES_PARAMS):
    graph = build_graph(get_activation(config.activation), get_loss(config.loss))
    graph.forward(params.as_dict())
    graph.backward("E")
    return graph


def test_slopes_view_labels_each_factor_with_the_chain_rule_number(qtbot):
    view = shown(qtbot, SlopesView())
    assert view.objectName() == "slopes_view"
    graph = graph_for(NeuronConfig())
    view.show_factors("w1", graph["w1"].grad, chain_factors(graph, "w1"))
    assert view.plot_titles() == [
        "E(out): ∂E/∂out<br>= 0.716611880149",
        "out(net): ∂out/∂net<br>= 0.198647055775",
        "net(w1): ∂net/∂w1<br>= 0.05",
    ]
    assert view.formula() == "0.716611880149 × 0.198647055775 × 0.05 = 0.00711764200626"


def test_a_relu_that_is_off_is_called_flat(qtbot):
    view = shown(qtbot, SlopesView())
    params = NOTES_PARAMS.with_value("b1", -5.0)
    graph = graph_for(NeuronConfig("relu"), params)
    view.show_factors("w2", graph["w2"].grad, chain_factors(graph, "w2"))
    assert "flat" in view.plot_titles()[1]
    assert "flat" not in view.plot_titles()[2]


def test_slice_shows_the_slope_and_an_overshooting_ghost(qtbot):
    view = shown(qtbot, SlopesView())
    slice_ = view.slice
    ps = np.linspace(-2, 2, 41)
    # E = p², ball at p = 1 (slope 2); η = 1.5 lands at 1 − 3 = −2, where E = 4 > 1.
    slice_.show_slice("b1", ps, ps**2, (1.0, 1.0, 2.0), (-2.0, 4.0, -4.0))
    text = as_read(slice_.readout.text())
    assert text.startswith("∂E/∂b1 = 2: the slope of the tangent<br>")
    assert "overshoots" in text
    assert slice_.ghost.getData()[0].tolist() == [-2.0]
    tx, ty = slice_.tangent.getData()
    assert (ty[1] - ty[0]) / (tx[1] - tx[0]) == pytest.approx(2.0)
    slice_.show_slice("b1", ps, ps**2, (1.0, 1.0, 2.0), (0.6, 0.36, 1.2))
    assert as_read(slice_.readout.text()).endswith("E lower (0.36)")
    slice_.show_slice("b1", ps, ps**2, (1.0, 1.0, 2.0), (-0.8, 0.64, -1.6))
    assert "E lower, but past the bottom" in slice_.readout.text()


def test_slope_view_numbers_match_the_snapshot(qtbot):
    snap = evaluate(NOTES_PARAMS)
    graph = graph_for(NeuronConfig())
    paths = chain_factors(graph, "b2")
    assert [f.slope for f in paths[0]] == [snap.dE_dout, snap.dout_dnet, 1.0]


def test_slopes_view_shows_both_paths_of_a_two_two_two_hidden_weight(qtbot):
    from engine.models import TWO_TWO_TWO
    from engine.models import build_graph as model_graph

    view = shown(qtbot, SlopesView(), size=(1000, 700))
    graph = model_graph(TWO_TWO_TWO, get_activation("sigmoid"), get_loss("half-sse"))
    graph.forward(TWO_TWO_TWO.values())
    graph.backward("E")
    view.set_parameters(TWO_TWO_TWO.parameters, "w1")
    view.show_factors("w1", graph["w1"].grad, chain_factors(graph, "w1"))
    titles = view.plot_titles()
    assert len(titles) == 10  # two paths (through o1 and o2) of five factors each
    assert titles[0].startswith("E(out_o1): ∂E/∂out_o1") and titles[5].startswith("E(out_o2)")
    assert titles[4] == "net_h1(w1)<br>∂net_h1/∂w1<br>= 0.05"  # long names: own lines
    first, second = view.formula().split(" + ")
    assert first.startswith("(") and second.startswith("(")
    assert view.formula().endswith(f"= {graph['w1'].grad:.12g}")


def test_zooming_stops_following_and_hover_reads_the_point(qtbot):
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    view = shown(qtbot, SurfaceMap())
    view.set_parameters(["w1", "w2"], "w1", "w2")
    view.set_error_function(lambda x, y: 2 * x + y)
    view.show_range((0.0, 1.0), (0.0, 1.0))
    qtbot.wait(20)
    assert view.follow.isChecked()
    centre = view.plot.viewport().rect().center()
    wheel = QWheelEvent(
        centre, view.plot.viewport().mapToGlobal(centre), QPoint(0, 0), QPoint(0, 120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
        False,
    )  # fmt: skip
    QApplication.sendEvent(view.plot.viewport(), wheel)
    assert not view.follow.isChecked()  # the learner zoomed: the view stays put
    box = view.plot.getViewBox()
    pos = view.plot.mapFromScene(box.mapViewToScene(QPointF(0.25, 0.5)))
    qtbot.mouseMove(view.plot.viewport(), pos)
    qtbot.waitUntil(lambda: as_read(view.readout.text()).startswith("w1 = "), timeout=2000)
    x, y = (float(part.split(" = ")[1].replace("\u2212", "-")) for part in
            as_read(view.readout.text()).split("    ")[:2])  # fmt: skip
    assert (x, y) == pytest.approx((0.25, 0.5), abs=0.01)
    assert as_read(view.readout.text()).endswith(f"E = {2 * x + y:.12g}")


def test_dragging_the_ball_asks_to_move_it_once_on_release(qtbot):
    view = shown(qtbot, SurfaceMap())
    view.set_parameters(["w1", "w2"], "w1", "w2")
    view.show_range((0.0, 1.0), (0.0, 1.0))
    view.set_ball(0.5, 0.5, 0.0, 0.0)
    qtbot.wait(20)
    box = view.plot.getViewBox()

    def pixel(x: float, y: float):
        return view.plot.mapFromScene(box.mapViewToScene(QPointF(x, y)))

    port = view.plot.viewport()
    chosen = []
    view.pointChosen.connect(lambda x, y: chosen.append((x, y)))
    qtbot.mousePress(port, Qt.MouseButton.LeftButton, pos=pixel(0.5, 0.5))
    for t in (0.55, 0.6, 0.65, 0.7):
        qtbot.mouseMove(port, pixel(t, 1.0 - t))
    qtbot.mouseRelease(port, Qt.MouseButton.LeftButton, pos=pixel(0.7, 0.3))
    assert len(chosen) == 1
    assert chosen[0] == pytest.approx((0.7, 0.3), abs=0.01)
