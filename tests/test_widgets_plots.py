"""ErrorPlot, ParabolaPlot and the history table, offscreen with pytest-qt."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from engine.history import History
from engine.parabola import FUNCTIONS
from engine.training import descend, new_parabola_history
from widgets.error_plot import ErrorPlot
from widgets.history_table import HistoryTable, HistoryTableModel
from widgets.parabola_plot import TRAIL_POINTS, ParabolaPlot


@contextmanager
def no_warnings() -> Iterator[None]:
    """Fail if anything warns, even inside a Qt paint callback (where it would not raise)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    assert [str(w.message) for w in caught] == []


def shown(qtbot, widget):
    """Add, size and show a widget the way a window would."""
    qtbot.addWidget(widget)
    widget.resize(800, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def error_history(size: int) -> History:
    history = History(("step", "error"), capacity=size)
    steps = np.arange(size, dtype=np.float64)
    errors = 0.25 * np.exp(-steps / (size / 8)) + 1e-3 * np.abs(np.sin(steps))
    history.extend_flat(np.column_stack((steps, errors)).ravel())
    return history


# ---------------------------------------------------------------- ErrorPlot


def test_error_plot_names(qtbot):
    plot = shown(qtbot, ErrorPlot())
    assert plot.objectName() == "error_plot"
    assert plot.accessibleName() == "error_plot"
    assert plot.log_scale.objectName() == "error_log_scale"
    assert plot.log_scale.text() == "Log scale"


def test_a_million_points_are_downsampled_without_copies(qtbot):
    plot = shown(qtbot, ErrorPlot())
    history = error_history(1_000_000)
    steps, errors = history.column("step"), history.column("error")
    with no_warnings():
        plot.set_history(steps, errors)
        plot.grab()
    xs, ys = plot.curve.getData()
    assert 100 < len(xs) < 50_000
    assert ys.max() == errors.max()  # "peak" keeps the extremes
    original_x, original_y = plot.curve.getOriginalDataset()
    assert np.shares_memory(original_x, steps)
    assert np.shares_memory(original_y, errors)
    assert plot.curve.opts["autoDownsample"]
    assert plot.curve.opts["downsampleMethod"] == "peak"
    assert plot.curve.opts["clipToView"]
    (x_lo, x_hi), _ = plot.plot.getViewBox().viewRange()
    assert x_lo <= 0 and x_hi >= 999_999  # the view follows the data


def test_view_follows_a_growing_history(qtbot):
    plot = shown(qtbot, ErrorPlot())
    history = error_history(10_000)
    steps, errors = history.column("step"), history.column("error")
    plot.set_history(steps[:100], errors[:100])
    plot.grab()
    plot.set_history(steps, errors)
    plot.grab()
    assert plot.plot.getViewBox().viewRange()[0][1] >= 9_999


def test_log_scale_with_zero_errors_does_not_warn(qtbot):
    plot = shown(qtbot, ErrorPlot())
    steps = np.arange(6, dtype=np.float64)
    errors = np.array([100.0, 0.0, 0.0, 1e-3, 0.0, 0.0])  # x² with η = 0.5 lands on 0
    with no_warnings():
        plot.set_history(steps, errors)
        plot.set_current(5.0, 0.0)
        plot.log_scale.setChecked(True)
        plot.grab()
        plot.set_current(3.0, 1e-3)
        plot.grab()
        plot.set_history(np.zeros(1), np.zeros(1))  # nothing drawable at all
        plot.set_current(0.0, 0.0)
        plot.grab()
    assert plot.curve.opts["logMode"] == [False, True]
    assert plot.plot.getAxis("left").logMode
    plot.log_scale.setChecked(False)
    assert plot.curve.opts["logMode"] == [False, False]
    assert list(plot.marker.getData()[1]) == [0.0]  # back on the linear axis


def test_marker_sits_at_the_current_point(qtbot):
    plot = shown(qtbot, ErrorPlot())
    plot.set_history(np.arange(10.0), np.linspace(1.0, 0.1, 10))
    plot.set_current(7.0, 0.3)
    xs, ys = plot.marker.getData()
    assert list(xs) == [7.0] and list(ys) == [0.3]
    assert plot.readout_text() == "step 7    E = 0.3"
    plot.clear()
    assert plot.marker.getData() == (None, None)
    assert plot.curve.getData() == (None, None)


def test_hover_snaps_to_the_nearest_step_even_with_repeats(qtbot):
    plot = shown(qtbot, ErrorPlot())
    steps = np.array([0.0, 1.0, 2.0, 3.0, 3.0, 4.0])  # a user edit repeated step 3
    errors = np.array([0.5, 0.4, 0.3, 0.2, 0.125, 0.1])
    plot.set_history(steps, errors)
    plot.set_current(4.0, 0.1)
    plot.grab()
    box = plot.plot.getViewBox()

    plot._on_mouse_moved((box.mapViewToScene(QPointF(2.8, 0.3)),))
    assert plot.readout_text() == "step 3    E = 0.125"  # the latest row for step 3
    assert plot.hover_line.value() == 3.0
    assert list(plot.hover_dot.getData()[1]) == [0.125]

    plot._on_mouse_moved((box.mapViewToScene(QPointF(1.2, 0.3)),))
    assert plot.readout_text() == "step 1    E = 0.4"

    plot._on_mouse_moved((box.mapViewToScene(QPointF(0.3, 0.3)),))
    assert plot.readout_text() == "step 0    E = 0.5"

    plot._on_mouse_moved((QPointF(-50.0, -50.0),))  # outside the plot area
    assert plot.readout_text() == "step 4    E = 0.1"
    assert not plot.hover_line.isVisible()


def test_set_history_rejects_mismatched_lengths(qtbot):
    plot = ErrorPlot()
    qtbot.addWidget(plot)
    with pytest.raises(ValueError):
        plot.set_history(np.arange(3.0), np.arange(2.0))


# ---------------------------------------------------------------- ParabolaPlot


def worked_example_history() -> History:
    fn = FUNCTIONS["x2"]
    history = new_parabola_history(fn, fn.x0, fn.eta)
    descend(history, fn, 10)
    return history


def show_history(plot: ParabolaPlot, history: History) -> None:
    xs, fxs, grads = history.column("x"), history.column("fx"), history.column("gradient")
    plot.set_trail(xs, fxs)
    plot.set_ball(float(xs[-1]), float(fxs[-1]), float(grads[-1]))


def tangent_slope(plot: ParabolaPlot) -> float:
    (x1, x2), (y1, y2) = plot.tangent.getData()
    return (y2 - y1) / (x2 - x1)


def test_parabola_names(qtbot):
    plot = shown(qtbot, ParabolaPlot())
    assert plot.objectName() == "parabola_plot"
    assert plot.accessibleName() == "parabola_plot"


def test_worked_example_ball_trail_and_tangent(qtbot):
    plot = shown(qtbot, ParabolaPlot())
    history = worked_example_history()
    plot.set_function(FUNCTIONS["x2"])
    with no_warnings():
        show_history(plot, history)
        plot.grab()
    xs, fxs = history.column("x"), history.column("fx")
    assert xs[:3].tolist() == pytest.approx([10.0, 6.0, 3.6])
    ball_x, ball_y = plot.ball.getData()
    assert (ball_x[0], ball_y[0]) == (xs[-1], fxs[-1])
    trail_x, trail_y = plot.trail.getData()
    np.testing.assert_array_equal(trail_x, xs)
    np.testing.assert_array_equal(trail_y, fxs)
    gradient = history.column("gradient")[-1]
    assert tangent_slope(plot) == pytest.approx(gradient, abs=1e-9)
    tx, ty = plot.tangent.getData()
    assert np.mean(tx) == pytest.approx(xs[-1]) and np.mean(ty) == pytest.approx(fxs[-1])
    assert (
        plot.readout_text() == "x = 0.060466176    f(x) = 0.00365615844006    f′(x) = 0.120932352"
    )


def test_tangent_follows_zoom_and_keeps_its_slope(qtbot):
    plot = shown(qtbot, ParabolaPlot())
    plot.set_function(FUNCTIONS["x2"])
    plot.set_ball(6.0, 36.0, 12.0)
    plot.grab()
    length = np.ptp(plot.tangent.getData()[0])
    plot.plot.getViewBox().setRange(xRange=(5.0, 7.0), yRange=(30.0, 42.0), padding=0)
    plot.grab()
    assert np.ptp(plot.tangent.getData()[0]) < length / 4
    assert tangent_slope(plot) == pytest.approx(12.0, abs=1e-9)


def test_default_range_and_growth_when_the_trail_leaves_it(qtbot):
    plot = shown(qtbot, ParabolaPlot())
    plot.set_function(FUNCTIONS["x2"])
    curve_x, curve_y = plot.curve.getData()
    assert curve_x[0] == pytest.approx(-12.0) and curve_x[-1] == pytest.approx(12.0)
    np.testing.assert_allclose(curve_y, curve_x * curve_x)
    plot.set_trail(np.array([10.0, -30.0, 90.0]), np.array([100.0, 900.0, 8100.0]))
    curve_x, _ = plot.curve.getData()
    assert curve_x[0] <= -30.0 and curve_x[-1] >= 90.0
    plot.set_function(FUNCTIONS["x2"], x_range=(-2.0, 3.0))
    assert plot.curve.getData()[0][[0, -1]].tolist() == [-2.0, 3.0]


def test_huge_and_infinite_values_neither_raise_nor_warn(qtbot):
    plot = shown(qtbot, ParabolaPlot())
    plot.set_function(FUNCTIONS["x2"])
    xs = np.array([10.0, -30.0, 1e100, 1e200, np.inf, np.nan, -1e154])
    with np.errstate(over="ignore", invalid="ignore"):
        fxs = xs * xs
    with no_warnings():
        plot.set_trail(xs, fxs)
        plot.set_ball(1e200, float("inf"), 2e200)
        plot.grab()
        plot.set_ball(1e74, 1e148, 2e74)  # huge but drawable
        plot.grab()
        plot.set_ball(float("nan"), float("nan"), float("nan"))
        plot.set_function(FUNCTIONS["x4"], x_range=(-1e300, 1e300))
        plot.grab()
    for item in (plot.trail, plot.curve):
        data_x, data_y = item.getData()
        assert np.isfinite(data_x).all() and np.isfinite(data_y).all()
    assert plot.ball.getData() == (None, None)
    assert plot.tangent.getData() == (None, None)
    plot.set_ball(1e200, float("inf"), 2e200)
    assert plot.readout.text() == "x\u00a0= 1e+200    f(x)\u00a0= ∞    f′\u2060(x)\u00a0= 2e+200"
    # It wraps between the equations at large text, never inside one.
    (x_lo, x_hi), (y_lo, y_hi) = plot.plot.getViewBox().viewRange()
    assert all(np.isfinite([x_lo, x_hi, y_lo, y_hi]))


def test_trail_keeps_only_the_last_points(qtbot):
    plot = ParabolaPlot()
    qtbot.addWidget(plot)
    plot.set_function(FUNCTIONS["x2"])
    xs = np.linspace(-5.0, 5.0, TRAIL_POINTS * 3)
    plot.set_trail(xs, xs * xs)
    trail_x, _ = plot.trail.getData()
    assert len(trail_x) == TRAIL_POINTS and trail_x[-1] == 5.0
    plot.clear()
    assert plot.trail.getData() == (None, None)


# ---------------------------------------------------------------- history table


def parabola_model(rows: dict[str, list[float]]) -> HistoryTableModel:
    model = HistoryTableModel(("step", "x", "fx", "gradient"), ("k", "x", "f(x)", "f′(x)"))
    model.set_columns({name: np.asarray(values, dtype=np.float64) for name, values in rows.items()})
    return model


def test_model_formats_numbers(qtbot):
    model = parabola_model(
        {
            "step": [0.0, 1_234_567.0],
            "x": [-0.5, 1.0 / 3.0],
            "fx": [0.25, -2.5e-20],
            "gradient": [-1.0, float("-inf")],
        }
    )
    text = [[model.data(model.index(r, c)) for c in range(4)] for r in range(2)]
    assert text == [
        ["0", "\u22120.5", "0.25", "\u22121"],
        ["1,234,567", "0.333333333333", "\u22122.5e\u221220", "\u2212∞"],
    ]
    assert model.rowCount() == 2 and model.columnCount() == 4
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["k", "x", "f(x)", "f′(x)"]
    alignment = model.data(model.index(0, 1), Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & int(Qt.AlignmentFlag.AlignRight.value)
    assert model.data(model.index(2, 0)) is None


def test_model_refresh_inserts_appended_rows_and_resets_on_shrink(qtbot):
    history = worked_example_history()
    names = ("step", "x", "fx", "gradient")
    model = HistoryTableModel(names, names)
    model.set_columns({name: history.column(name)[:4] for name in names})
    assert model.rowCount() == 4
    with qtbot.waitSignal(model.rowsInserted, timeout=1000) as inserted:
        model.set_columns({name: history.column(name) for name in names})
    assert inserted.args[1:] == [4, 10]
    assert model.rowCount() == 11
    assert model.data(model.index(2, 1)) == "3.6"
    with qtbot.waitSignal(model.modelReset, timeout=1000):
        model.set_columns({name: history.column(name)[:5] for name in names})
    assert model.rowCount() == 5
    with qtbot.assertNotEmitted(model.rowsInserted), qtbot.assertNotEmitted(model.modelReset):
        model.refresh(11)  # the arrays hold only 5 rows: asking for more is clamped
    assert model.rowCount() == 5
    with qtbot.waitSignal(model.modelReset, timeout=1000):
        model.refresh(2)
    assert model.rowCount() == 2
    with qtbot.waitSignal(model.rowsInserted, timeout=1000) as inserted:
        model.refresh(5)
    assert inserted.args[1:] == [2, 4]


def test_model_handles_a_million_rows(qtbot):
    history = error_history(1_000_000)
    model = HistoryTableModel(("step", "error"), ("k", "E"))
    model.set_columns({"step": history.column("step"), "error": history.column("error")})
    assert model.rowCount() == 1_000_000
    assert model.data(model.index(999_999, 0)) == "999,999"


def test_table_follows_new_rows_only_when_at_the_bottom(qtbot):
    history = error_history(5_000)
    columns = {"step": history.column("step"), "error": history.column("error")}
    table = HistoryTable(("step", "error"), ("k", "E"), object_name="error_table")
    shown(qtbot, table)
    assert table.objectName() == "error_table"
    table.set_columns({name: view[:100] for name, view in columns.items()})
    bar = table.verticalScrollBar()
    table.scrollToBottom()
    table.set_columns({name: view[:2_000] for name, view in columns.items()})
    assert bar.value() == bar.maximum() > 0
    table.scrollToTop()
    table.set_columns(columns)
    assert bar.value() == 0
    assert table.model().rowCount() == 5_000


def test_long_readouts_do_not_force_the_window_wider(qtbot):
    error_plot, parabola_plot = ErrorPlot(), ParabolaPlot()
    for widget in (error_plot, parabola_plot):
        qtbot.addWidget(widget)
    parabola_plot.set_ball(-0.123456789012, 0.0152415787532, -0.246913578024)
    assert error_plot.minimumSizeHint().width() < 200
    assert parabola_plot.minimumSizeHint().width() < 200


def test_error_plot_shows_a_reset_run_from_its_first_step(qtbot):
    plot = ErrorPlot()
    qtbot.addWidget(plot)
    plot.resize(600, 400)
    plot.show()
    steps = np.arange(1_000_000, dtype=float)
    plot.set_history(steps, np.linspace(1.0, 0.0, len(steps)))
    qtbot.wait(10)
    plot.set_history(np.array([0.0]), np.array([0.25]))  # Reset: one row again
    low, high = plot.plot.getViewBox().viewRange()[0]
    assert -1 < low <= 0 and 10 <= high < 11
    plot.set_history(np.arange(50.0), np.linspace(0.25, 0.1, 50))  # and it follows again
    qtbot.waitUntil(lambda: plot.plot.getViewBox().viewRange()[0][1] >= 49)


def test_a_diverging_trail_keeps_the_chart_consistent(qtbot):
    plot = ParabolaPlot()
    qtbot.addWidget(plot)
    plot.resize(500, 400)
    plot.show()
    fn = FUNCTIONS["x2"]
    history = new_parabola_history(fn, 10.0, 1.5)
    descend(history, fn, 200)  # |x| reaches 10 * 2**200
    plot.set_function(fn)
    plot.set_trail(history.column("x"), history.column("fx"))
    plot.set_ball(*(history.row(-1)[k] for k in ("x", "fx", "gradient")))
    qtbot.wait(20)
    _, ys = plot.curve.getData()
    assert np.abs(ys).max() <= 1e30  # beyond float32 range Qt draws stray lines
    (_, _), (_, y_top) = plot.plot.getViewBox().viewRange()
    assert y_top >= ys.max()  # the view really contains the curve (no clipped autorange)


def test_a_live_plot_grows_its_axes_in_steps_and_fits_all_rows_when_paused(qtbot):
    plot = shown(qtbot, ErrorPlot())
    history = error_history(200_000)
    steps, errors = history.column("step"), history.column("error")
    view = plot.plot.getViewBox()
    plot.set_history(steps[:1000], errors[:1000], live=True, source=history)
    x_range, y_range = view.viewRange()
    assert x_range[1] >= 999
    assert plot.curve.opts["pen"].widthF() == 1  # thin while live: ten times cheaper
    # More rows that still fit: the axes (and their ticks) stay as they are.
    plot.set_history(steps[:1100], errors[:1100], live=True, source=history)
    assert view.viewRange() == [x_range, y_range]
    # Past the end: the step axis grows to a round number, with room to spare.
    plot.set_history(steps[:5000], errors[:5000], live=True, source=history)
    new_x = view.viewRange()[0]
    assert new_x[1] > 5000 and new_x != x_range
    # E only ever widens while live: the falling curve stays inside.
    low, high = view.viewRange()[1]
    assert low <= errors[:5000].min() and high >= errors[:5000].max()
    # Paused: every row, the 2 px pen, the view fitted to the data again.
    plot.set_history(steps, errors, live=False, source=history)
    plot.grab()
    assert plot.curve.opts["pen"].widthF() == 2
    assert all(view.autoRangeEnabled())
    assert view.viewRange()[0][1] >= 199_999


def test_a_live_plot_leaves_a_panned_view_alone(qtbot):
    plot = shown(qtbot, ErrorPlot())
    history = error_history(10_000)
    steps, errors = history.column("step"), history.column("error")
    view = plot.plot.getViewBox()
    plot.set_history(steps[:100], errors[:100], live=True, source=history)
    view.setXRange(10, 20, padding=0)
    view.sigRangeChangedManually.emit(view.state["mouseEnabled"])  # as a drag would
    plot.set_history(steps, errors, live=True, source=history)
    assert view.viewRange()[0] == [10, 20]


def test_a_live_log_plot_grows_by_whole_decades(qtbot):
    plot = shown(qtbot, ErrorPlot())
    steps = np.arange(3000, dtype=float)
    errors = 10.0 ** (-steps / 1000)  # 1 down to 1e-3
    plot.log_scale.setChecked(True)
    view = plot.plot.getViewBox()
    plot.set_history(steps[:500], errors[:500], live=True, source=steps)
    low = view.viewRange()[1][0]
    assert low <= -1  # log10 of the lowest E so far (0.3), rounded down to a decade
    plot.set_history(steps, errors, live=True, source=steps)
    assert view.viewRange()[1][0] <= -3


def test_a_live_plot_of_a_diverging_run_keeps_a_finite_range(qtbot):
    plot = shown(qtbot, ErrorPlot())
    steps = np.arange(6, dtype=float)
    errors = np.array([0.3, 2.0, 50.0, 1e200, np.inf, np.nan])
    with no_warnings():
        plot.set_history(steps, errors, live=True, source=steps)
        plot.grab()
    low, high = plot.plot.getViewBox().viewRange()[1]
    assert low <= 0.3 and 1e200 <= high < np.inf


def test_the_marker_sits_on_the_curve_on_a_log_axis(qtbot):
    plot = shown(qtbot, ErrorPlot())
    plot.set_history(np.arange(10.0), np.logspace(0, -9, 10))
    plot.log_scale.setChecked(True)
    plot.set_current(3.0, 1e-3)
    assert (plot.marker.pos().x(), plot.marker.pos().y()) == (3.0, -3.0)  # log10 of E
    plot.log_scale.setChecked(False)
    assert (plot.marker.pos().x(), plot.marker.pos().y()) == (3.0, 1e-3)


def test_moving_the_marker_does_not_redraw_a_paused_curve(qtbot, monkeypatch):
    """Scrubbing the timeline moves the marker along a curve that stays as it is: the
    curve was drawn again (all its points, 5-7 ms at two million rows) under every move."""
    plot = shown(qtbot, ErrorPlot())
    history = error_history(200_000)
    steps, errors = history.column("step"), history.column("error")
    drawn = []
    curve = plot.curve.curve
    real_paint = type(curve).paint
    monkeypatch.setattr(
        type(curve), "paint", lambda item, *a: drawn.append(item) or real_paint(item, *a)
    )
    plot.set_history(steps, errors, live=False)
    plot.set_current(steps[10], errors[10])
    qtbot.waitUntil(lambda: drawn.count(curve) >= 1)
    plot.plot.viewport().update()  # all of it painted once (the picture is complete)
    qtbot.wait(100)
    before = drawn.count(curve)
    for row in (5_000, 90_000, 150_000, 199_000):
        plot.set_current(steps[row], errors[row])
        qtbot.wait(20)  # the repaint
    assert plot.marker.pos().x() == 199_000
    assert drawn.count(curve) == before
    # Live, the curve changes at every frame: drawn anew each time, no picture to keep.
    plot.set_history(steps[:150_000], errors[:150_000], live=True)
    qtbot.waitUntil(lambda: drawn.count(curve) > before)
    before = drawn.count(curve)
    plot.set_current(steps[100], errors[100])
    qtbot.waitUntil(lambda: drawn.count(curve) > before)


def test_the_curves_title_stays_whole_in_a_narrow_plot_at_large_text(qtbot):
    # Regression: the title sat over the view box alone, so in a narrow dock at the
    # largest text "f(x) = x²" ran off the plot's right edge (seen at 1000x700).
    from engine.parabola import FUNCTIONS
    from widgets.error_plot import scaled_font
    from widgets.parabola_plot import ParabolaPlot

    plot = ParabolaPlot()
    qtbot.addWidget(plot)
    plot.setFont(scaled_font(plot.font(), 2.0))
    plot.set_function(next(iter(FUNCTIONS.values())))
    plot.resize(280, 400)
    plot.show()
    qtbot.waitExposed(plot)
    qtbot.wait(20)
    title = plot.plot.getPlotItem().titleLabel
    shown = plot.plot.mapFromScene(title.item.mapRectToScene(title.item.boundingRect()))
    assert plot.plot.rect().contains(shown.boundingRect()), shown.boundingRect()
