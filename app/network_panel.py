"""The network's views (fields, controls, chain rule, graph, hand check, error plot,
timeline, status texts), wired to a RunState.

The window only places these views and gives them menus and shortcuts; what they show
and what an edit does to the run is decided here, as app/parabola_panel.py does for the
curve and app/surface_panel.py for the Surface and Slopes tabs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QTabWidget, QWidget

from app.autorun import AutoRunner
from app.frame_clock import FrameClock
from app.pacer import EVERY_FRAME_S, Pacer
from app.run_state import RunState
from engine.activations import get_activation
from engine.messages import EngineError, Message
from engine.models import Config, Model, Values
from engine.numbers import display_number
from engine.outcome import Divergence
from widgets.chain_rule_view import ChainRuleView
from widgets.error_plot import ErrorPlot
from widgets.graph_view import GraphView
from widgets.limit_notice import LimitNotice
from widgets.messages import phrase
from widgets.param_panel import ParamPanel
from widgets.run_controls import RunControls
from widgets.steady_text import fix_text_size
from widgets.stop_conditions import StopConditions
from widgets.timeline import Timeline, widest_digits

if TYPE_CHECKING:
    from app.surface_panel import SurfacePanel
    from widgets.hand_check import HandCheckPanel

#: While running, the view on show in the middle tabs takes at most a third of the time.
_TAB_SHARE = 3.0
#: While running, the error plot gets updated when its last update and repaint took less
#: than 1/6 of the time since, so it never takes more than about a sixth of the time.
_PLOT_SHARE = 6.0

# Marked for translation here, translated where shown.
_RULE_REASONS = {
    "max_step": QT_TRANSLATE_NOOP("NetworkPanel", "reached the step limit"),
    "error_below": QT_TRANSLATE_NOOP("NetworkPanel", "the error E fell below its tolerance"),
    "gradient_norm_below": QT_TRANSLATE_NOOP(
        "NetworkPanel", "the gradient became smaller than its tolerance"
    ),
}


class _SmallHintScrollArea(QScrollArea):
    """A scroll area that asks for little room: its content may need more (a network's
    graph at a readable size), but the window should scroll it, not make room for it."""

    def sizeHint(self) -> QSize:
        return QSize(480, 300)

    def minimumSizeHint(self) -> QSize:
        return QSize(300, 220)


class NetworkPanel(QObject):
    """Owns the network's views and keeps them in step with a RunState."""

    #: The limit notice's Export button: the window asks where to save the history.
    exportRequested = Signal()
    #: A passing note for the status bar: text and milliseconds.
    statusMessage = Signal(str, int)
    #: Widgets were built after the window (a lazy tab page, a model's rows): they need
    #: the window's text size and a place in the Tab order.
    widgetsAdded = Signal()
    #: The fields are another model's: the columns may need other widths.
    fieldsReplaced = Signal()
    #: Whether a step (first) and a run (second) can start now, for the window's actions.
    canRunChanged = Signal(bool, bool)

    def __init__(self, state: RunState, parent: QWidget) -> None:
        super().__init__(parent)
        self.state = state
        self.runner = AutoRunner(self._advance_auto, parent)
        self._tab_pacer = Pacer(_TAB_SHARE)
        self._tab_behind = False  # the tab on show was left behind by a drag of the timeline
        self._catch_up = False  # the next render brings it up to date, drag or not
        self._build_views()
        # Redraws follow a frame clock: at once when paused, at most 30 a second while
        # running (auto-run computes in between).  A lambda: _render is looked up each time.
        self._frames = FrameClock(lambda: self._render(), lambda: self.state.running, self)
        self._plotted: tuple[int, int, bool] | None = None  # what the error plot shows
        self._plot_time = 0.0  # when the error plot was last updated
        self._speed: float | None = None  # the last measured steps per second while running
        self._connect()

    # -- construction --------------------------------------------------------------------
    def _build_views(self) -> None:
        self.param_panel = ParamPanel()
        self.controls = RunControls(default_speed=10)
        self.runner.steps_per_second = self.controls.speed()
        self.stop_conditions = StopConditions()

        self.banner = QLabel()
        self.banner.setObjectName("message_banner")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.setStyleSheet(
            "QLabel { background: #fff3cd; color: #5c3c00; border: 1px solid #e0b84d;"
            " border-radius: 4px; padding: 6px; }"
        )
        self.banner.hide()
        self._banner_source: str | Callable[[], str] | None = None
        self.limit_notice = LimitNotice()
        self.chain_rule_view = ChainRuleView()
        # Built when first shown (or used), like the Surface tabs below.
        self._hand_check: HandCheckPanel | None = None
        self._hand_check_model: Model | None = None  # the model its rows were built for
        self._hand_check_placeholder = QWidget()
        self.explain_tabs = tabs = QTabWidget()
        tabs.setElideMode(Qt.TextElideMode.ElideNone)  # scroll, never cut
        tabs.setUsesScrollButtons(True)
        tabs.addTab(self.chain_rule_view, "")
        self.graph_view = GraphView()  # as large as its model needs to be readable
        self.graph_scroll = _SmallHintScrollArea()
        self.graph_scroll.setObjectName("graph_scroll")
        self.graph_scroll.setWidget(self.graph_view)
        self.graph_scroll.setWidgetResizable(True)
        self.graph_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.graph_scroll.setMinimumSize(300, 220)  # as the view itself was: keeps the split
        tabs.addTab(self.graph_scroll, "")
        tabs.addTab(self._hand_check_placeholder, "")
        # The Surface and Slopes tabs cost about as much to build as the rest of the
        # window: they are built when first shown (or used), in place of these pages.
        self._surface: SurfacePanel | None = None
        self._surface_placeholders = (QWidget(), QWidget())
        for page in self._surface_placeholders:
            tabs.addTab(page, "")
        self.error_plot = ErrorPlot()
        self.timeline = Timeline()
        self.error_plot.set_footer(self.timeline)

        self.status_step = QLabel()
        self.status_step.setObjectName("status_step")
        self.status_step.setAccessibleName("status_step")
        self.status_error = QLabel()
        self.status_error.setObjectName("status_error")
        self.status_speed = QLabel()
        self.status_speed.setObjectName("status_speed")
        for label in (self.status_step, self.status_error, self.status_speed):
            # Its own background: a new text repaints the label, not the bar under it.
            label.setAutoFillBackground(True)

    def _connect(self) -> None:
        state, panel, controls = self.state, self.param_panel, self.controls
        panel.paramEdited.connect(self._on_param_edited)
        panel.configEdited.connect(self._on_config_edited)
        panel.presetChosen.connect(self._on_preset)
        panel.modelChosen.connect(self._on_model)
        state.modelChanged.connect(self._on_model_changed)
        panel.validityChanged.connect(self._on_validity)
        self.stop_conditions.validityChanged.connect(self._on_validity)
        controls.stepClicked.connect(self.step_once)
        controls.runToggled.connect(self._on_run_toggled)
        controls.resetClicked.connect(self.reset)
        controls.speedChanged.connect(self._on_speed)
        self.stop_conditions.ruleChanged.connect(state.set_stop_rule)
        state.set_stop_rule(self.stop_conditions.rule())
        state.historyChanged.connect(self._schedule_render)
        state.configChanged.connect(self._schedule_render)
        state.runningChanged.connect(self._on_running_changed)
        state.diverged.connect(self._on_diverged)
        state.stalled.connect(self._on_stalled)
        state.stopped.connect(self._on_stopped)
        state.limitReached.connect(self._on_limit)
        state.viewChanged.connect(self._on_view_changed)
        self.timeline.rowChosen.connect(state.set_view)
        self.timeline.scrubRested.connect(self._on_scrub_rested)
        self.timeline.continueClicked.connect(self.continue_from_view)
        self.limit_notice.exportClicked.connect(self.exportRequested)
        self.limit_notice.resetClicked.connect(self.reset)
        self.runner.measured.connect(self._on_measured)
        self.explain_tabs.currentChanged.connect(self._on_tab_changed)

    def retranslate(self) -> None:
        """Set every text in the current language (the window calls it on LanguageChange)."""
        tabs = self.explain_tabs
        tabs.setTabText(tabs.indexOf(self.chain_rule_view), self.tr("Chain rule"))
        tabs.setTabText(tabs.indexOf(self.graph_scroll), self.tr("Graph"))
        tabs.setTabText(tabs.indexOf(self.hand_check_page()), self.tr("Check my numbers"))
        surface_page, slopes_page = self.surface_pages()
        tabs.setTabText(tabs.indexOf(surface_page), self.tr("Surface"))
        tabs.setTabText(tabs.indexOf(slopes_page), self.tr("Slopes"))
        self.show_banner(self._banner_source)
        self._render()

    def fit_status_labels(self, font: QFont) -> None:
        """Status texts as wide as their longest value, so they never clip or jump.

        A fixed size, not a least one: a label whose text changes asks its layout for a
        new one unless its size is fixed, and a status bar that is laid out again repaints
        the whole bar (and the window under it), 30 times a second while running.
        """
        metrics = QFontMetrics(font)
        longest = {
            self.status_step: self.tr("Step %1").replace("%1", "8,888,888"),
            self.status_error: "E = \u22128.88888888888e\u2212888",
            self.status_speed: self.tr("%1 steps/s").replace("%1", "88,888,888"),
        }
        for label, text in longest.items():
            fix_text_size(label, text, spare=8, metrics=metrics)

    # -- tab pages built late --------------------------------------------------------------
    @property
    def surface(self) -> SurfacePanel:
        """The Surface and Slopes tabs' panel, built the first time it is needed."""
        if self._surface is None:
            from app.surface_panel import SurfacePanel  # its modules are not needed at start

            panel = SurfacePanel(self.state, self.parent())
            panel.problem.connect(self.show_banner)
            self._swap_in(self._surface_placeholders, (panel.map, panel.slopes))
            self._surface = panel
        return self._surface

    def surface_pages(self) -> tuple[QWidget, QWidget]:
        """The Surface and Slopes tab pages: the views once built, else placeholders."""
        if self._surface is None:
            return self._surface_placeholders
        return self._surface.map, self._surface.slopes

    @property
    def hand_check(self) -> HandCheckPanel:
        """The "Check my numbers" tab, built the first time it is needed."""
        if self._hand_check is None:
            from widgets.hand_check import HandCheckPanel  # and engine.diagnose, not at start

            self._hand_check = HandCheckPanel()
            self._swap_in((self._hand_check_placeholder,), (self._hand_check,))
        return self._hand_check

    def hand_check_page(self) -> QWidget:
        """The "Check my numbers" tab page, without building it."""
        return self._hand_check_placeholder if self._hand_check is None else self._hand_check

    def _swap_in(self, placeholders: tuple[QWidget, ...], views: tuple[QWidget, ...]) -> None:
        """Put tab pages built late in place of their placeholders (same places, titles)."""
        tabs = self.explain_tabs
        current = tabs.currentIndex()
        tabs.blockSignals(True)  # the same tab stays current: no change to announce
        for page, view in zip(placeholders, views, strict=True):
            index = tabs.indexOf(page)
            tabs.insertTab(index, view, tabs.tabText(index))
            tabs.removeTab(index + 1)
            page.deleteLater()
        tabs.setCurrentIndex(current)
        tabs.blockSignals(False)
        self.widgetsAdded.emit()

    # -- user commands -------------------------------------------------------------------
    def step_once(self) -> None:
        """One update (ignored while an input is invalid or while running); from a past
        step of the timeline, the run continues from there."""
        if self.param_panel.all_valid() and not self.state.running:
            self.show_banner("")
            self.continue_from_view()
            self.state.advance(1)

    def step_back(self) -> None:
        """Show the row before the one shown (the timeline's Left / Shift+N)."""
        state = self.state
        row = len(state.history) - 1 if state.viewing is None else state.viewing
        if row > 0:
            state.set_view(row - 1)

    def continue_from_view(self) -> None:
        """Cut the run back to the step shown on the timeline, so it goes on from there."""
        if self.state.viewing is not None:
            _, _, step = self.state.shown()
            self.state.continue_from_view(
                self.tr("Continue from step %1").replace("%1", f"{step:,}")
            )

    def toggle_running(self) -> None:
        if self.state.running or self._can_run():
            self._on_run_toggled(not self.state.running)

    def _can_run(self) -> bool:
        return self.param_panel.all_valid() and self.stop_conditions.is_valid()

    def reset(self) -> None:
        had_steps = self.state.step > 0
        self.state.reset(self.tr("Reset"))
        self.show_banner("")
        if had_steps:
            self.statusMessage.emit(
                self.tr("Back at the starting values. Undo with Ctrl+Z to get the run back."),
                8000,
            )

    def show_banner(self, message: str | Callable[[], str] | None) -> None:
        """Show a message above the chain rule ("" or None hides it).

        Pass a function that builds the text with self.tr() to have the message follow a
        language switch; a plain string is shown as it is.
        """
        self._banner_source = message
        text = message() if callable(message) else (message or "")
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    # -- slots (thin) --------------------------------------------------------------------
    def _on_param_edited(self, name: str, value: float) -> None:
        symbol = self.param_panel.field(name).name  # "w₁", "η": as the field is labelled
        try:
            self.state.set_param(name, value, self.tr("Edit %1").replace("%1", symbol))
        except EngineError as exc:
            self._refuse(exc.message, exc.message.values.get("field", name))
        else:
            self.show_banner("")

    def _on_config_edited(self, config: Config) -> None:
        try:
            self.state.set_config(config)
        except EngineError as exc:
            self.param_panel.set_config(self.state.config)
            self._refuse(exc.message, exc.message.values.get("field", ""))
        else:
            self.show_banner("")

    def _refuse(self, message: Message, name: str) -> None:
        """Say why a value was refused, put the run's value back and mark the field at fault."""
        self.param_panel.set_params(self.state.params)
        field = self.param_panel.field(name) if name else None
        if field is not None:
            field.revert()

        def text() -> str:
            symbol = field.name if field is not None else ""
            said = phrase(message, symbol)
            if symbol and symbol not in said:
                said = self.tr("%1 cannot be used: %2").replace("%1", symbol).replace("%2", said)
            return said

        self.show_banner(text)
        if field is not None:
            field.set_problem(text())

    def _on_preset(self, params: Values, config: Config) -> None:
        self.state.set_running(False)
        self.state.load(params, config, self.tr("Load preset"))
        self.show_banner("")

    def _on_model_changed(self) -> None:
        self.param_panel.set_model(self.state.model)
        self.widgetsAdded.emit()  # the new fields take the text size
        self.fieldsReplaced.emit()

    def _on_model(self, model: Model) -> None:
        self.state.set_running(False)
        self.state.set_model(model, self.tr("Choose model"))
        self.show_banner("")

    def _on_validity(self) -> None:
        valid = self.param_panel.all_valid()
        self.controls.set_can_run(valid, self._can_run())
        self.canRunChanged.emit(valid, self._can_run() or self.state.running)

    def _on_run_toggled(self, running: bool) -> None:
        if running:
            self.show_banner("")
            self.continue_from_view()
        self.state.set_running(running)

    def _on_running_changed(self, running: bool) -> None:
        self._schedule_render()  # a paused run shows its plot complete
        self.controls.set_running(running)
        self._update_editable()
        self.runner.set_running(running)
        self._on_validity()
        if not running:
            self._speed = None
            self._show_speed()

    def _on_speed(self, speed: float | None) -> None:
        self.runner.steps_per_second = speed

    def _on_measured(self, steps_per_second: float) -> None:
        self._speed = steps_per_second
        self._show_speed()

    def _show_speed(self) -> None:
        speed = self._speed if self.state.running else None
        shown = "" if speed is None else f"{speed:,.0f}"
        if not shown:
            text = ""
        elif shown == "1":
            text = self.tr("1 step/s")
        else:
            text = self.tr("%1 steps/s").replace("%1", shown)
        self.status_speed.setText(text)

    def _on_diverged(self, divergence: Divergence) -> None:
        """Say what happened, with the advice that fits its cause."""
        eta = self.state.params.eta
        saturating = get_activation(self.state.config.activation).saturates_at_0_1
        self.show_banner(
            lambda: (
                self.tr("The run %1. %2")
                .replace("%1", phrase(divergence.message))
                .replace("%2", self._divergence_advice(divergence, eta, saturating))
            )
        )

    def _divergence_advice(self, divergence: Divergence, eta: float, saturating: bool) -> str:
        if divergence.out_of_domain and saturating:
            return self.tr(
                "The sigmoid saturated: net grew so large that out rounded to exactly 0 or 1, "
                "where the logarithm in binary cross-entropy is infinite. Smaller starting "
                "weights or a smaller η keep net moderate; a squared-error loss has no such "
                "limit."
            )
        if divergence.out_of_domain:
            return self.tr(
                "Binary cross-entropy needs out to be a probability, strictly between 0 and 1, "
                "but this activation can leave that range. Use the sigmoid with binary "
                "cross-entropy, or a squared-error loss."
            )
        if eta < 0:
            return self.tr(
                "η = %1 is negative, so every update goes uphill (gradient ascent): it climbs "
                "the error instead of descending it, until the numbers no longer fit in a "
                "computer's numbers. Use a positive η."
            ).replace("%1", display_number(eta))
        return self.tr(
            "The learning rate η = %1 is too large for these values: each update "
            "overshoots, so the numbers grow until they no longer fit in a computer's "
            "numbers. Try a smaller η (for example a tenth of it), then Step again or "
            "press Reset."
        ).replace("%1", display_number(eta))

    def _on_stalled(self, message: Message) -> None:
        step = f"{self.state.step:,}"
        self.show_banner(
            lambda: (
                self.tr(
                    "At step %1, %2. A dead ReLU stays dead: raise a bias or a weight so that "
                    "net is above 0, or choose another activation."
                )
                .replace("%1", step)
                .replace("%2", phrase(message))
            )
        )

    def _on_stopped(self, rule: str) -> None:
        step = f"{self.state.step:,}"
        self.show_banner(
            lambda: (
                self.tr("Auto-run stopped at step %1: %2.")
                .replace("%1", step)
                .replace("%2", self.tr(_RULE_REASONS.get(rule, rule)))
            )
        )

    def _update_editable(self) -> None:
        # Fields are read-only while running and while looking back at a past step.
        state = self.state
        self.param_panel.set_editable(not state.running and state.viewing is None)

    def _on_view_changed(self) -> None:
        self._update_editable()
        self._schedule_render()

    def _on_limit(self) -> None:
        self.limit_notice.show_limit(self.state.step)

    def _advance_auto(self, steps: int) -> int:
        if not self.state.has_room_for(steps):
            return 0  # the history is growing in the background; try again next tick
        return self.state.advance(steps, self.state.stop_rule).steps_done

    # -- rendering: at most once per pass of the event loop --------------------------------
    def painted(self, seconds: float) -> None:
        """The window's repaint took ``seconds``: part of the shown tab's cost, for pacing."""
        self._tab_pacer.painted(seconds)

    def _on_tab_changed(self) -> None:
        self._tab_pacer.reset()  # a tab brought on screen is brought up to date at once
        self._schedule_render()

    @property
    def _redraw_pending(self) -> bool:
        return self._frames.pending

    def _schedule_render(self) -> None:
        self._frames.request()

    def _render(self) -> None:
        state = self.state
        catch_up, self._catch_up = self._catch_up, False
        # The live run, or the row the timeline looks back at: every view shows the same.
        snapshot, config, step = state.shown()
        self.param_panel.set_params(snapshot.params)
        self.param_panel.set_config(config)
        # Only the tab on show is brought up to date; another catches up when it is shown
        # (currentChanged schedules a render), so hidden views cost nothing while running.
        # While running, an expensive view is redrawn only as often as _tab_pacer allows.
        shown = self.explain_tabs.currentWidget()
        if not self._tab_pacer.due(state.running):
            shown = None
        elif self.timeline.scrubbing and not catch_up and self._tab_pacer.cost > EVERY_FRAME_S:
            # Too slow to follow a drag of the timeline: it catches up when the drag rests.
            shown, self._tab_behind = None, True
        began = time.perf_counter()
        if shown is self.chain_rule_view:
            self.chain_rule_view.show_state(snapshot, config, step, live=state.running)
        elif shown is self.graph_scroll:
            self.graph_view.show_state(snapshot.params, config, live=state.running)
            # Never smaller than readable: the tab scrolls instead (a network is wide).
            readable = self.graph_view.readable_size()
            if self.graph_view.minimumSize() != readable:
                self.graph_view.setMinimumSize(readable)
        elif shown is not None and shown is self.hand_check_page():
            self.hand_check.set_state(snapshot, config, step)
            if snapshot.model is not self._hand_check_model:  # it built the model's rows
                self._hand_check_model = snapshot.model
                self.widgetsAdded.emit()
        elif shown is not None and shown in self.surface_pages():
            self.surface.render()
        if shown is not None:
            self._tab_pacer.updated(began)
        self._render_error_plot(step, snapshot.error)
        self.timeline.show_position(len(state.history), state.viewing, step, state.step)
        # Looking back pauses the run, so the speed's room goes to the longer step text.
        self.status_speed.setVisible(state.viewing is None)
        self._show_step(step)
        self.status_error.setText(f"E = {display_number(snapshot.error)}")
        if not state.at_limit:
            self.limit_notice.hide()

    def _show_step(self, step: int) -> None:
        """The status bar's step, in a label as wide as for any step of the run: while
        scrubbing, a width that changed with the step laid out the status bar (and
        repainted the window's width) at every position."""
        label, live = self.status_step, self.state.step
        if self.state.viewing is None:
            text = self.tr("Step %1").replace("%1", f"{step:,}")
            widest = self.tr("Step %1").replace("%1", "8,888,888")
        else:
            template = self.tr("Step %1 (looking back; the run is at step %2)")
            text = template.replace("%1", f"{step:,}").replace("%2", f"{live:,}")
            widest = template.replace("%1", widest_digits(live)).replace("%2", f"{live:,}")
        fix_text_size(label, widest, spare=8)
        label.setText(text)

    def _on_scrub_rested(self) -> None:
        """A drag of the timeline ended or holds still: a tab left behind catches up."""
        if self._tab_behind or self._redraw_pending:  # (the row it rests on may be coming)
            self._tab_behind = False
            self._tab_pacer.reset()
            self._catch_up = True
            self._schedule_render()

    def _render_error_plot(self, step: int, error: float) -> None:
        """Update the error plot, but while running keep it to a small share of the time.

        While running the plot draws an envelope updated from the new rows only; its
        update and repaint (measured by the plot) still cost a few milliseconds, so it is
        updated only when that is less than a sixth of the time since the last update.
        """
        now = time.perf_counter()
        running = self.state.running
        if running and now - self._plot_time < _PLOT_SHARE * self.error_plot.cost:
            return
        history = self.state.history
        plotted = (id(history), len(history), running)
        if plotted != self._plotted:
            # Scrubbing the timeline moves only the marker: no redraw of millions of points.
            self.error_plot.set_history(
                history.column("step"), history.column("error"), live=running, source=history
            )
            self._plotted = plotted
        self.error_plot.set_current(step, error)
        self._plot_time = now
