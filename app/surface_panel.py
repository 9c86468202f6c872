"""Wires the run's state to the surface map, the slice E(p) and the slopes view.

The views only draw; this module evaluates the grid, the slice and the chain's curves
for the model the window shows.  Work happens only for a view that is on screen, at most
once per pass of the event loop, and the grid is recomputed only when something it
depends on changed (the values held fixed, the axes, the visible range or the formulas).
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from app.pacer import Pacer
from app.run_state import RunState
from engine.activations import get_activation
from engine.graph import Graph
from engine.losses import get_loss
from engine.messages import EngineError
from engine.models import Config, Model, build_graph
from engine.numbers import display_number
from engine.slopes import chain_factors
from engine.surface import Evaluate, evaluator, surface
from widgets.messages import phrase
from widgets.slopes_view import SlopesView
from widgets.surface_map import CONTOUR_CELLS, SurfaceMap, fit_range

#: Points per side of the map's grid (the engine does 200 x 200 in a few ms; the contour
#: lines cost about as much again, and this is redrawn every frame while training).
GRID = 201  # odd, so the contours' every-other-point grid keeps both edges
#: While running the map is redrawn often: a coarser grid (a quarter of the work), and
#: contour lines traced on half as many cells a side.
GRID_RUNNING = 101
CONTOUR_CELLS_RUNNING = 50
#: The path is drawn through at most this many points (always ending at the ball).
PATH_POINTS = 1000
#: While running, a new grid is computed when the time since the last one is at least this
#: many times what it cost.
GRID_SHARE = 3.0
#: While running, a grid whose held values (the parameters not on the axes) have moved on
#: is refreshed at most this often: a new grid every frame repainted the whole map (its
#: colours and contour lines) every frame.  The path, the ball and the numbers still move
#: every frame; a grid the view has left, other axes or another formula are drawn at once,
#: and a paused map is always exact.
GRID_REFRESH_S = 0.25
#: The grid reaches this share of the view's size beyond each edge.
GRID_MARGIN = 0.3
SLICE_SAMPLES = 241
#: While running, the slice is redrawn every frame: a third of the points (its curve is
#: stroked, antialiased, across the whole plot each time), smooth enough at that pace.
SLICE_SAMPLES_RUNNING = 81
#: While running, this many factor plots of the Slopes tab are drawn per frame, in turn
#: (each shows the numbers of the step it was drawn at): a repaint of all of them (ten
#: for the 2-2-2 network's first-layer weights) took longer than a frame's share.  The
#: slice above them and the product of the slopes move every frame; a paused view draws
#: every plot at once.
FACTOR_PLOTS_PER_FRAME = 1
#: The slice's window stays while the ball and the ghost are this share of its width away
#: from its ends, and it is at most this many times the width they need.
SLICE_INNER = 0.15
SLICE_SLACK = 3.0
#: Smallest view while following, in arrow lengths and relative to the values' size.
MIN_VIEW_ARROWS = 12.0
MIN_VIEW_RELATIVE = 1e-3


def slice_window(
    current: tuple[float, float] | None, p: float, ghost_p: float
) -> tuple[float, float]:
    """Where to sample E(p): around the ball and the ghost, wide enough to show the curve's
    shape, and the same as ``current`` while both stay well inside it (a window that
    moved every frame would re-range the plot, and redraw its axes, every frame)."""
    half = max(abs(ghost_p - p), 0.5 * max(1.0, abs(p)))
    lo, hi = min(p, ghost_p) - half, max(p, ghost_p) + half
    if current is not None:
        c0, c1 = current
        inner = SLICE_INNER * (c1 - c0)
        inside = c0 + inner <= min(p, ghost_p) and max(p, ghost_p) <= c1 - inner
        if inside and c1 - c0 <= SLICE_SLACK * (hi - lo):
            return current
    return lo, hi


def downsample(xs: np.ndarray, ys: np.ndarray, limit: int) -> tuple[np.ndarray, np.ndarray]:
    """Every k-th point so that at most about ``limit`` remain, always keeping the last."""
    n = len(xs)
    if n <= limit:
        return xs, ys
    stride = math.ceil(n / (limit - 1))
    return np.append(xs[::stride], xs[-1]), np.append(ys[::stride], ys[-1])


class SurfacePanel(QObject):
    """Owns the three views and keeps them in step with a RunState."""

    #: Why an edit from the map was refused: a function that phrases it (so the message
    #: follows a language switch), for the window's banner.
    problem = Signal(object)

    def __init__(self, state: RunState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.map = SurfaceMap()
        self.slopes = SlopesView()
        self.slice = self.slopes.slice

        self._grid_area = (0.0, 0.0, 0.0, 0.0)
        self._slice_window: tuple[float, float] | None = None
        self._slice_key: tuple[str, str] | None = None
        self.grids_computed = 0  # for tests and benchmarks
        self._graph_cache: tuple[tuple[str, str, str], Graph] | None = None
        self._factor_turn = 0  # the factor plot drawn next while running
        self._factor_step = -1  # the step the factor plots were last drawn at
        # The window paces the whole tab while running; within it, the grid (the costly
        # part) is recomputed on a share of the time, the path and the ball every redraw.
        self._grid_pacer = Pacer(GRID_SHARE)
        self._grid_time = -math.inf  # when the last grid was computed (self.clock)
        self.clock = time.perf_counter  # replaceable in tests
        self._pending = False
        self._choose_parameters()
        self.map.set_error_function(self._error_at)
        state.modelChanged.connect(self._choose_parameters)

        self.map.axesChosen.connect(self._on_axes_chosen)
        self.map.pointChosen.connect(self._on_point_chosen)
        self.map.viewChanged.connect(self._schedule)
        self.map.followChanged.connect(self._schedule)
        self.map.log_colours.toggled.connect(self._schedule)
        self.slopes.parameterChosen.connect(self._on_slope_parameter)
        # Like the fields: the ball moves only on the live run, not while it runs nor while
        # the timeline shows a past step (a click would mix that step with the live values).
        state.runningChanged.connect(self._update_editable)
        state.viewChanged.connect(self._update_editable)
        self._update_editable()

    def _choose_parameters(self) -> None:
        """The model's first two parameters on the axes (a new model brings its own)."""
        names = self._parameters()
        self._x, self._y = names[0], names[1 % len(names)]
        self._slope_parameter = names[0]
        self._grid_key: tuple | None = None
        self.map.set_parameters(names, self._x, self._y)
        self.slopes.set_parameters(names, self._slope_parameter)
        self._schedule()

    # -- what the model offers: the one place that reads the state's model -----------------
    def _model(self) -> Model:
        return self.state.model

    def _parameters(self) -> tuple[str, ...]:
        return self._model().parameters

    def _values(self) -> dict[str, float]:
        return self.state.shown()[0].params.as_dict()  # the timeline's row, or the live one

    def _config(self) -> Config:
        return self.state.shown()[1]

    def _evaluate(self) -> Evaluate:
        config = self._config()
        return evaluator(self._model(), config.activation, config.loss)

    def _trained(self, name: str) -> bool:
        return name in self._config().trainable

    def _graph(self) -> Graph:
        config = self._config()
        key = (self._model().name, config.activation, config.loss)
        if self._graph_cache is None or self._graph_cache[0] != key:
            model = self._model()
            graph = build_graph(model, get_activation(config.activation), get_loss(config.loss))
            self._graph_cache = (key, graph)
        graph = self._graph_cache[1]  # built once; forward and backward fill it anew
        graph.forward(self._values())
        graph.backward("E")
        return graph

    # -- rendering ---------------------------------------------------------------------------
    def render(self) -> None:
        """Redraw whichever of the views is on screen."""
        self._pending = False
        if self.map.isVisible():
            self.render_surface()
        if self.slopes.isVisible():
            self.render_slopes()

    def _schedule(self) -> None:
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self.render)

    def render_surface(self) -> None:
        values = self._values()
        evaluate = self._evaluate()
        x, y = self._x, self._y
        now = evaluate(values)
        eta = values["eta"]
        step_x = -eta * now[f"grad_{x}"] if self._trained(x) else 0.0
        step_y = -eta * now[f"grad_{y}"] if self._trained(y) else 0.0
        history = self.state.history
        # Up to the row on show (the timeline may show an earlier one), ending at the ball.
        rows = len(history) if self.state.viewing is None else self.state.viewing + 1
        path_x, path_y = downsample(history.column(x)[:rows], history.column(y)[:rows], PATH_POINTS)
        self.map.set_path(path_x, path_y)
        self.map.set_ball(values[x], values[y], float(step_x), float(step_y))
        if self.map.follow.isChecked():
            arrow = math.hypot(step_x, step_y)
            least = tuple(
                max(MIN_VIEW_ARROWS * arrow, MIN_VIEW_RELATIVE * max(1.0, abs(values[n])))
                for n in (x, y)
            )
            self.map.follow_range(
                *fit_range(
                    np.append(path_x, values[x] + step_x),
                    np.append(path_y, values[y] + step_y),
                    least,
                )
            )
        self._update_grid(evaluate, values)

    def _update_grid(self, evaluate: Evaluate, values: Mapping[str, float]) -> None:
        """Recompute the grid only if what it shows changed or the view left it."""
        x, y = self._x, self._y
        (x0, x1), (y0, y1) = self.map.view_range()
        fixed = tuple(v for name, v in values.items() if name not in (x, y))
        config = self._config()
        running = self.state.running
        detail = GRID_RUNNING if running else GRID
        key = (x, y, fixed, config.activation, config.loss, detail)
        covers = self._covers(x0, x1, y0, y1)
        if key == self._grid_key and covers:
            return
        old = self._grid_key
        # Only the held values moved on (or the detail: the paused grid is finer)?
        moved_on = old is not None and old[:2] + old[3:5] == key[:2] + key[3:5]
        if running and covers and moved_on and self.clock() - self._grid_time < GRID_REFRESH_S:
            return
        if not self._grid_pacer.due(running):
            return  # while running, the grid gets a share of the time, not every redraw
        began = time.perf_counter()
        self._grid_time = self.clock()
        self._compute_grid(evaluate, values, key, (x0, x1, y0, y1))
        self._grid_pacer.updated(began)

    def _compute_grid(
        self,
        evaluate: Evaluate,
        values: Mapping[str, float],
        key: tuple,
        view: tuple[float, float, float, float],
    ) -> None:
        x, y = self._x, self._y
        x0, x1, y0, y1 = view
        # A margin around the view, so following a growing path rarely needs a new grid.
        dx, dy = GRID_MARGIN * (x1 - x0), GRID_MARGIN * (y1 - y0)
        self._grid_area = (x0 - dx, x1 + dx, y0 - dy, y1 + dy)
        self._grid_key = key
        gx0, gx1, gy0, gy1 = self._grid_area
        n = GRID_RUNNING if self.state.running else GRID
        grid = surface(evaluate, values, x, y, np.linspace(gx0, gx1, n), np.linspace(gy0, gy1, n))
        self.grids_computed += 1
        cells = CONTOUR_CELLS_RUNNING if self.state.running else CONTOUR_CELLS
        self.map.set_surface(grid.xs, grid.ys, grid.error, cells, steady=self.state.running)

    def _covers(self, x0: float, x1: float, y0: float, y1: float) -> bool:
        """Whether the last grid covers this view, at no less than a third of its detail."""
        gx0, gx1, gy0, gy1 = self._grid_area
        inside = gx0 <= x0 and x1 <= gx1 and gy0 <= y0 and y1 <= gy1
        return inside and (x1 - x0) * 3 > gx1 - gx0 and (y1 - y0) * 3 > gy1 - gy0

    def _update_slice(self, evaluate: Evaluate, values: Mapping[str, float], name: str) -> None:
        """E along ``name`` through the ball, and where the next step lands on it."""
        now = evaluate(values)
        p, error, slope = values[name], float(now["error"]), float(now[f"grad_{name}"])
        ghost_p = p - values["eta"] * slope if self._trained(name) else p
        key = (name, self._model().name)
        window = self._slice_window if key == self._slice_key else None
        if not (math.isfinite(p) and math.isfinite(ghost_p)):
            window = None
        self._slice_window = slice_window(window, p, ghost_p)
        self._slice_key = key
        samples = SLICE_SAMPLES_RUNNING if self.state.running else SLICE_SAMPLES
        ps = np.linspace(*self._slice_window, samples)
        with np.errstate(all="ignore"):
            es = np.broadcast_to(evaluate({**values, name: ps})["error"], ps.shape)
            there = evaluate({**values, name: ghost_p})
        ghost = (ghost_p, float(there["error"]), float(there[f"grad_{name}"]))
        self.slice.show_slice(name, ps, np.asarray(es), (p, error, slope), ghost)

    def render_slopes(self) -> None:
        name = self._slope_parameter
        self._update_slice(self._evaluate(), self._values(), name)
        graph = self._graph()
        factors = chain_factors(graph, name)
        count = sum(len(path) for path in factors)
        plots = None
        # In turn only when each frame moves on several steps (top speed, numbers too fast
        # to read); at a speed a learner reads, every frame shows its one step whole.
        several = self.state.step - self._factor_step > 1
        self._factor_step = self.state.step
        if self.state.running and several and count > FACTOR_PLOTS_PER_FRAME:
            first = self._factor_turn % count
            plots = {(first + k) % count for k in range(FACTOR_PLOTS_PER_FRAME)}
            self._factor_turn = first + FACTOR_PLOTS_PER_FRAME
        self.slopes.show_factors(name, graph[name].grad, factors, plots)

    # -- the learner's choices ---------------------------------------------------------------
    def _error_at(self, x: float, y: float) -> float:
        values = {**self._values(), self._x: x, self._y: y}
        with np.errstate(all="ignore"):
            return float(self._evaluate()(values)["error"])

    def _on_axes_chosen(self, x: str, y: str) -> None:
        if x == y:
            # Choosing the other axis's parameter swaps the two.
            x, y = (x, self._x) if x != self._x else (self._y, y)
        self._x, self._y = x, y
        self.map.set_parameters(self._parameters(), x, y)
        self.map.follow.setChecked(True)
        # The slopes tab follows the map's x until the learner picks there.
        self._slope_parameter = x
        self.slopes.set_parameters(self._parameters(), x)
        self._schedule()

    def _on_slope_parameter(self, name: str) -> None:
        self._slope_parameter = name
        self._schedule()

    def _update_editable(self) -> None:
        self.map.set_editable(not self.state.running and self.state.viewing is None)

    def _on_point_chosen(self, x: float, y: float) -> None:
        # While running, or while the timeline shows a past step (the fields are read-only
        # then), the map only shows: a click must not edit a run the learner is not looking at.
        if self.state.running or self.state.viewing is not None:
            return
        try:
            self.state.edit_values(
                {self._x: x, self._y: y},
                self.tr("Move the ball to %1 = %2, %3 = %4")
                .replace("%1", self._x)
                .replace("%2", display_number(x, 6))
                .replace("%3", self._y)
                .replace("%4", display_number(y, 6)),
            )
        except EngineError as exc:
            message = exc.message
            self.problem.emit(
                lambda: self.tr("The ball cannot go there: %1").replace("%1", phrase(message))
            )
        self._schedule()
