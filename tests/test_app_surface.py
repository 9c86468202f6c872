"""The Surface and Slopes tabs in the window: live path, click to move, slopes = chain rule."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QObject, QPointF, Qt

from engine import NeuronConfig


def show_tab(qtbot, window, widget):
    window.explain_tabs.setCurrentWidget(widget)
    qtbot.waitUntil(lambda: widget.isVisible())
    qtbot.wait(30)


def test_tabs_and_named_objects(qtbot, window):
    titles = [window.explain_tabs.tabText(i) for i in range(window.explain_tabs.count())]
    assert "Surface" in titles and "Slopes" in titles
    # Built when first shown (they are not needed for the window's first frame).
    assert window.findChild(QObject, "surface_plot") is None
    window.explain_tabs.setCurrentIndex(titles.index("Surface"))
    qtbot.waitUntil(lambda: window.surface.map.isVisible())
    assert [window.explain_tabs.tabText(i) for i in range(len(titles))] == titles
    assert window.explain_tabs.currentWidget() is window.surface.map
    for name in ("surface_plot", "surface_x", "surface_y", "slopes_view"):
        assert window.findChild(QObject, name) is not None, name
    assert window.surface.map.axes() == ("w1", "w2")  # the first two parameters


def test_path_follows_every_step_and_ends_at_the_ball(qtbot, window):
    show_tab(qtbot, window, window.surface.map)
    for _ in range(50):
        window.step_once()
    qtbot.wait(50)
    view, params = window.surface.map, window.state.params
    xs, ys = view.path.getData()
    assert len(xs) == 51
    assert (xs[-1], ys[-1]) == (params.w1, params.w2)
    assert (xs[0], ys[0]) == (0.15, 0.2)
    pos = view.ball.pos()
    assert (pos.x(), pos.y()) == pytest.approx((params.w1, params.w2))
    snap = window.state.current
    line_x, line_y = view.step_line.getData()
    k = view.step_scale()  # one step is short beside 50 of them: magnified, labelled
    assert line_x[1] - line_x[0] == pytest.approx(-params.eta * snap.grad_w1 * k)
    assert line_y[1] - line_y[0] == pytest.approx(-params.eta * snap.grad_w2 * k)
    (x0, x1), (y0, y1) = view.view_range()
    assert x0 < xs.min() and xs.max() < x1 and y0 < ys.min() and ys.max() < y1


def test_long_runs_are_downsampled_but_end_at_the_current_point(qtbot, window):
    from app.surface_panel import PATH_POINTS

    window.state.advance(20_001)
    show_tab(qtbot, window, window.surface.map)
    xs, ys = window.surface.map.path.getData()
    assert len(xs) <= PATH_POINTS + 1
    assert (xs[-1], ys[-1]) == (window.state.params.w1, window.state.params.w2)


def test_clicking_the_map_moves_the_ball_as_one_edit(qtbot, window):
    show_tab(qtbot, window, window.surface.map)
    window.step_once()
    view = window.surface.map
    view.follow.setChecked(False)
    qtbot.wait(30)
    view.show_range((0.0, 1.0), (0.0, 1.0))
    qtbot.wait(30)
    rows = len(window.state.history)
    point = view.plot.mapFromScene(view.plot.getViewBox().mapViewToScene(QPointF(0.6, 0.3)))
    qtbot.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, pos=point)
    params = window.state.params
    assert params.w1 == pytest.approx(0.6, abs=0.005)
    assert params.w2 == pytest.approx(0.3, abs=0.005)
    # Rounded to the screen's precision (about 0.002 a pixel here): 0.599, not 0.598695271.
    assert (round(params.w1, 3), round(params.w2, 3)) == (params.w1, params.w2)
    assert len(window.state.history) == rows + 1  # one edit row, at the same step
    assert window.state.history.row(-1)["step"] == 1
    qtbot.wait(30)
    assert window.param_panel.field("w1").value() == params.w1
    # Undo puts the ball back where it was, and Redo moves it again.
    assert (
        window.undo_stack.undoText() == f"Move the ball to w1 = {params.w1:g}, w2 = {params.w2:g}"
    )
    window.undo_action.trigger()
    assert len(window.state.history) == rows
    assert window.state.params.w1 == window.state.history.column("w1")[-1] != params.w1
    window.redo_action.trigger()
    assert window.state.params == params and len(window.state.history) == rows + 1


def test_clicking_the_map_while_looking_back_changes_nothing(qtbot, window):
    show_tab(qtbot, window, window.surface.map)
    for _ in range(5):
        window.step_once()
    window.state.set_view(2)
    view = window.surface.map
    view.follow.setChecked(False)
    qtbot.wait(30)
    view.show_range((0.0, 1.0), (0.0, 1.0))
    qtbot.wait(30)
    rows, params = len(window.state.history), window.state.params
    point = view.plot.mapFromScene(view.plot.getViewBox().mapViewToScene(QPointF(0.6, 0.3)))
    qtbot.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert len(window.state.history) == rows
    assert window.state.params == params
    assert window.state.viewing == 2
    assert window.undo_stack.count() == 0


def test_the_grid_is_recomputed_only_when_held_values_change(qtbot, window):
    window.state.set_config(NeuronConfig(trainable=frozenset({"w1", "w2"})))
    show_tab(qtbot, window, window.surface.map)
    window.surface.map.follow.setChecked(False)  # a fixed view: only the values matter
    qtbot.wait(30)
    before = window.surface.grids_computed
    for _ in range(5):
        window.step_once()
        qtbot.wait(20)
    assert window.surface.grids_computed == before  # b1, b2 stayed: same grid
    window.state.set_param("b1", 0.5)
    qtbot.wait(30)
    assert window.surface.grids_computed == before + 1


def test_hidden_views_are_not_computed(qtbot, window):
    before = window.surface.grids_computed
    for _ in range(3):
        window.step_once()
    qtbot.wait(30)
    assert window.surface.grids_computed == before


def test_choosing_axes_redraws_for_them(qtbot, window):
    show_tab(qtbot, window, window.surface.map)
    window.step_once()
    view = window.surface.map
    view.x_choice.setCurrentText("b1")
    view.y_choice.setCurrentText("b2")
    qtbot.wait(30)
    xs, ys = view.path.getData()
    assert xs.tolist() == window.state.history.column("b1").tolist()
    assert ys.tolist() == window.state.history.column("b2").tolist()
    assert window.surface.slopes.parameter() == "b1"  # the slopes follow the map's x
    view.x_choice.setCurrentText("b2")  # the same as y: the two swap
    assert view.axes() == ("b2", "b1")


def test_slopes_tab_shows_the_chain_rule_numbers_and_the_slice(qtbot, window):
    show_tab(qtbot, window, window.surface.slopes)
    slopes = window.surface.slopes
    assert slopes.plot_titles()[0] == "E(out): ∂E/∂out<br>= 0.716611880149"
    assert "0.00711764200626" in slopes.formula()
    assert "0.00711764200626" in window.chain_rule_view.toPlainText()
    tx, ty = slopes.slice.tangent.getData()
    assert (ty[1] - ty[0]) / (tx[1] - tx[0]) == pytest.approx(0.00711764200626)
    ghost_x, _ = slopes.slice.ghost.getData()
    assert ghost_x[0] == pytest.approx(0.15 - 0.2 * 0.00711764200626)


def test_a_large_learning_rate_overshoots_in_the_slice(qtbot, window):
    # With a linear activation E(b1) is a parabola of curvature 1: like x² in the notes.
    window.state.set_config(NeuronConfig(activation="linear"))
    show_tab(qtbot, window, window.surface.slopes)
    window.surface.slopes.choice.setCurrentText("b1")
    slice_ = window.surface.slopes.slice
    verdicts = ((0.5, "E lower ("), (1.9, "past the bottom"), (2.5, "E higher: it overshoots!"))
    for eta, verdict in verdicts:
        window.state.set_param("eta", eta)
        qtbot.wait(30)
        assert verdict in slice_.readout.text(), eta
    ghost_x, ghost_e = slice_.ghost.getData()
    d = 0.9675  # net − target at the notes' values: dE/db1
    assert ghost_x[0] == pytest.approx(0.35 - 2.5 * d)
    assert ghost_e[0] == pytest.approx(0.5 * (1.5 * d) ** 2)
    xs, es = slice_.curve.getData()
    assert xs.min() < ghost_x[0] < xs.max()  # the landing point is on the curve shown
    assert np.all(np.isfinite(es))


def test_the_map_shows_the_row_the_timeline_shows(qtbot, window):
    show_tab(qtbot, window, window.surface.map)
    for _ in range(10):
        window.step_once()
    window.state.set_view(4)
    qtbot.wait(50)
    row = window.state.history.row(4)
    xs, ys = window.surface.map.path.getData()
    assert len(xs) == 5 and (xs[-1], ys[-1]) == (row["w1"], row["w2"])
    pos = window.surface.map.ball.pos()
    assert (pos.x(), pos.y()) == pytest.approx((row["w1"], row["w2"]))


def test_the_two_two_two_network_on_the_map_and_the_slopes(qtbot, window):
    from engine.models import TWO_TWO_TWO

    window.state.set_model(TWO_TWO_TWO)
    show_tab(qtbot, window, window.surface.map)
    for _ in range(5):
        window.step_once()
    qtbot.wait(50)
    view = window.surface.map
    assert [view.x_choice.itemText(i) for i in range(view.x_choice.count())] == list(
        TWO_TWO_TWO.parameters
    )
    view.x_choice.setCurrentText("w5")
    qtbot.wait(50)
    xs, ys = view.path.getData()
    values = window.state.params.as_dict()
    assert len(xs) == 6 and (xs[-1], ys[-1]) == (values["w5"], values["w2"])
    show_tab(qtbot, window, window.surface.slopes)
    assert window.surface.slopes.parameter() == "w5"
    titles = window.surface.slopes.plot_titles()
    assert len(titles) == 3 and titles[0].startswith("E(out_o1)")
    window.surface.slopes.choice.setCurrentText("w1")
    qtbot.wait(50)
    assert len(window.surface.slopes.plot_titles()) == 10  # two paths to E


def test_the_map_takes_no_click_while_the_timeline_looks_back(qtbot, window):
    """Looking back at step 3 of 30, a click on the map must not edit the live run with
    step 30's other values (the fields are read-only then too); back at the live run it may."""
    window.state.advance(30)
    show_tab(qtbot, window, window.surface.map)
    view = window.surface.map
    view.follow.setChecked(False)
    qtbot.wait(30)
    view.show_range((0.0, 1.0), (0.0, 1.0))
    qtbot.wait(30)
    window.state.set_view(3)
    live, rows = window.state.params, len(window.state.history)
    point = view.plot.mapFromScene(view.plot.getViewBox().mapViewToScene(QPointF(0.6, 0.3)))
    qtbot.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.state.params == live and len(window.state.history) == rows
    assert window.state.viewing == 3  # still looking back
    assert not window.undo_stack.canUndo()
    window.state.set_view(None)
    qtbot.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.state.params.w1 == pytest.approx(0.6, abs=0.005)
    assert len(window.state.history) == rows + 1


def test_running_slopes_draw_their_factor_plots_in_turn_and_all_when_paused(qtbot, window):
    """While running, one repaint must not hold every factor plot (ten for the 2-2-2's
    first layer): a few are drawn per frame, in turn; paused, all show the step at once."""
    from app.surface_panel import FACTOR_PLOTS_PER_FRAME, SLICE_SAMPLES, SLICE_SAMPLES_RUNNING
    from engine.numbers import display_number
    from engine.slopes import chain_factors

    show_tab(qtbot, window, window.surface.slopes)
    slopes = window.surface.slopes
    drawn: list[str] = []
    draw = slopes._draw

    def counting(factor, *rest):
        drawn.append(factor.target)
        draw(factor, *rest)

    slopes._draw = counting
    per_frame = []
    window.state.set_running(True)
    try:
        for _ in range(6):
            window.state.advance(50)
            drawn.clear()
            window.surface.render()
            per_frame.append(list(drawn))
    finally:
        window.state.set_running(False)
    assert [len(d) for d in per_frame] == [FACTOR_PLOTS_PER_FRAME] * 6
    assert len(slopes.slice.curve.getData()[0]) == SLICE_SAMPLES_RUNNING  # fewer points
    assert {t for d in per_frame[:3] for t in d} == {"E", "out", "net"}  # all, in turn
    # The product of the slopes follows every frame.
    assert display_number(window.state.current.grad_w1) in slopes.formula()
    drawn.clear()
    window.surface.render()
    assert drawn == ["E", "out", "net"]
    assert len(slopes.slice.curve.getData()[0]) == SLICE_SAMPLES  # paused: every point
    factors = [f for path in chain_factors(window.surface._graph(), "w1") for f in path]
    shown = [title.split("<br>= ")[1].split("<br>")[0] for title in slopes.plot_titles()]
    assert shown == [display_number(f.slope) for f in factors]


def test_while_running_the_grid_follows_the_held_values_a_few_times_a_second(qtbot, window):
    """A new grid every frame repainted the whole map every frame; while running it is
    refreshed every GRID_REFRESH_S, paused it is exact at once."""
    from app.surface_panel import GRID, GRID_REFRESH_S, GRID_RUNNING

    panel = window.surface
    now = [100.0]
    panel.clock = lambda: now[0]
    show_tab(qtbot, window, window.surface.map)
    panel.map.follow.setChecked(False)  # a fixed view: only the values matter
    qtbot.wait(30)
    paused = panel.grids_computed
    window.state.set_running(True)
    try:
        # The paused grid is finer than a running one: kept until it is refreshed.
        counts = []
        for _ in range(4):
            window.state.advance(20)  # b1 and b2 move: the map's held values
            now[0] += GRID_REFRESH_S / 5
            panel.render()
            counts.append(panel.grids_computed - paused)
        assert counts == [0, 0, 0, 0]
        now[0] += GRID_REFRESH_S
        panel.render()
        assert panel.grids_computed == paused + 1
        assert len(panel.map._grid[0]) == GRID_RUNNING
    finally:
        window.state.set_running(False)
    panel.render()  # paused: the exact map of the step shown, at full detail
    assert panel.grids_computed == paused + 2
    xs, ys, error = panel.map._grid
    assert len(xs) == GRID
    values = window.state.params.as_dict()
    i, j = GRID // 3, GRID // 2
    exact = panel._evaluate()({**values, "w1": xs[i], "w2": ys[j]})["error"]
    assert error[i, j] == pytest.approx(float(exact), rel=1e-12)


def test_the_slopes_formula_has_room_for_both_lines_when_first_shown(qtbot, window):
    """Its text arrives after the tab is shown; the room for its two lines must follow
    (the read-outs' holder once kept the height of the empty label, and a short page
    gave it no more)."""
    window.resize(1280, 800)
    show_tab(qtbot, window, window.surface.map)
    qtbot.wait(200)
    show_tab(qtbot, window, window.surface.slopes)
    label = window.surface.slopes.formula_label
    qtbot.waitUntil(lambda: "<br>" in label.text())
    qtbot.wait(200)
    assert label.height() >= label.heightForWidth(label.width()) >= 2 * label.fontMetrics().height()


def test_at_a_readable_speed_every_running_frame_draws_every_factor_plot(qtbot, window):
    """Drawing the factor plots in turn is for top speed: at a set speed each frame shows
    one step, and a factor plot left a few steps behind the product above it would show
    the learner numbers of another step."""
    from engine.numbers import display_number
    from engine.slopes import chain_factors

    show_tab(qtbot, window, window.surface.slopes)
    slopes = window.surface.slopes
    window.surface.render()
    window.state.set_running(True)
    try:
        for _ in range(4):
            window.state.advance(1)
            window.surface.render()
            factors = [f for path in chain_factors(window.surface._graph(), "w1") for f in path]
            shown = [title.split("<br>= ")[1].split("<br>")[0] for title in slopes.plot_titles()]
            assert shown == [display_number(f.slope) for f in factors]
    finally:
        window.state.set_running(False)
