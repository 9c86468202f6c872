"""The main window: assembles the widgets and wires them to the run's state objects."""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.autorun import AutoRunner
from app.parabola_panel import ParabolaPanel
from app.parabola_state import ParabolaState
from app.run_state import RunState
from engine import History, NeuronConfig, NeuronParams, format_number, save_history
from resources import resource_path
from widgets.chain_rule_view import ChainRuleView
from widgets.error_plot import ErrorPlot
from widgets.graph_view import GraphView
from widgets.hand_check import HandCheckPanel
from widgets.param_panel import ParamPanel
from widgets.run_controls import RunControls
from widgets.stop_conditions import StopConditions

#: The error plot gets updated when its previous update took less than 1/6 of the time since
#: (its repaint costs about as much again, so the plot stays near a third of the time).
_PLOT_SHARE = 6.0

# Marked for translation here, translated where shown.
_RULE_REASONS = {
    "max_step": QT_TRANSLATE_NOOP("MainWindow", "reached the step limit"),
    "error_below": QT_TRANSLATE_NOOP("MainWindow", "the error E fell below its tolerance"),
    "gradient_norm_below": QT_TRANSLATE_NOOP(
        "MainWindow", "the gradient became smaller than its tolerance"
    ),
}


class MainWindow(QMainWindow):
    """Backprop Lab's window.  Building it shows no dialog and touches no network."""

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Backprop Lab"))
        self.setWindowIcon(QIcon(resource_path("icon.svg")))
        self.settings = settings if settings is not None else QSettings()
        # One history of undoable commands for the whole window (Edit ▸ Undo / Redo).
        self.undo_stack = QUndoStack(self)
        self.state = RunState(parent=self, undo_stack=self.undo_stack)
        self.parabola_state = ParabolaState(parent=self, undo_stack=self.undo_stack)
        self.runner = AutoRunner(self._advance_auto, self)

        self._build_widgets()
        self._build_actions()
        self._build_status_bar()
        self._connect()
        self._redraw_pending = False
        self._plot_time = 0.0  # when the error plot was last updated
        self._plot_cost = 0.0  # how long that update took
        self._render()
        self._restore_settings()

    # -- construction --------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.param_panel = ParamPanel()
        self.controls = RunControls(default_speed=10)
        self.runner.steps_per_second = self.controls.speed()
        self.stop_conditions = StopConditions()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.param_panel)
        left_layout.addWidget(self.controls)
        left_layout.addWidget(self.stop_conditions)
        left_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(left.sizeHint().width() + 24)

        self.banner = QLabel()
        self.banner.setObjectName("message_banner")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.setStyleSheet(
            "QLabel { background: #fff3cd; color: #5c3c00; border: 1px solid #e0b84d;"
            " border-radius: 4px; padding: 6px; }"
        )
        self.banner.hide()
        self.chain_rule_view = ChainRuleView()
        self.hand_check = HandCheckPanel()
        self.explain_tabs = QTabWidget()
        self.explain_tabs.addTab(self.chain_rule_view, self.tr("Chain rule"))
        self.graph_view = GraphView()
        self.graph_view.setMinimumSize(320, 220)  # it shrinks its text; keep the window narrow
        self.explain_tabs.addTab(self.graph_view, self.tr("Graph"))
        self.explain_tabs.addTab(self.hand_check, self.tr("Check my numbers"))
        self.explain_tabs.currentChanged.connect(self._schedule_render)
        self.error_plot = ErrorPlot()
        plots = QSplitter(Qt.Orientation.Vertical)
        plots.addWidget(self.explain_tabs)
        plots.addWidget(self.error_plot)
        plots.setStretchFactor(0, 3)
        plots.setStretchFactor(1, 2)
        plots.setSizes([600, 400])  # proportions; the splitter scales them to fit
        center = QWidget()
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(0, 0, 0, 0)
        center_layout.addWidget(self.banner)
        center_layout.addWidget(plots, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(center)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        self.setCentralWidget(splitter)

        self.parabola_panel = ParabolaPanel(self.parabola_state)
        self.parabola_dock = QDockWidget(self.tr("Gradient descent on a curve"), self)
        self.parabola_dock.setObjectName("parabola_dock")
        self.parabola_dock.setWidget(self.parabola_panel)
        self.parabola_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.parabola_dock)

    def _action(self, text: str, slot, *shortcuts: QKeySequence | str) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even while the menu bar is hidden
        return action

    def _build_actions(self) -> None:
        tr = self.tr
        self.export_csv_action = self._action(
            tr("Export run history as CSV…"), self.export_history_dialog, "Ctrl+E"
        )
        self.export_csv_action.setObjectName("export_csv_action")
        self.export_parabola_action = self._action(
            tr("Export parabola run as CSV…"), self.export_parabola_dialog
        )
        self.export_parabola_action.setObjectName("export_parabola_action")
        quit_action = self._action(tr("Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.step_action = self._action(tr("Step"), self.step_once, "Right", "N")
        self.run_action = self._action(tr("Run / Pause"), self.toggle_running, "Space")
        self.reset_action = self._action(tr("Reset"), self.reset, "Ctrl+R")
        # Text fields keep their own Ctrl+Z: Qt gives a focused line edit the key first.
        self.undo_action = self.undo_stack.createUndoAction(self, tr("Undo"))
        self.undo_action.setObjectName("undo_action")
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo_action = self.undo_stack.createRedoAction(self, tr("Redo"))
        self.redo_action.setObjectName("redo_action")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addActions([self.undo_action, self.redo_action])
        bigger = self._action(tr("Larger text"), lambda: self._zoom(1), "Ctrl++", "Ctrl+=")
        smaller = self._action(tr("Smaller text"), lambda: self._zoom(-1), "Ctrl+-")
        shortcuts = self._action(tr("Keyboard shortcuts"), self.show_shortcuts, "F1")
        about = self._action(tr("About Backprop Lab"), self.show_about)

        menus = self.menuBar()
        file_menu = menus.addMenu(tr("&File"))
        file_menu.addActions([self.export_csv_action, self.export_parabola_action])
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        edit_menu = menus.addMenu(tr("&Edit"))
        edit_menu.addActions([self.undo_action, self.redo_action])
        run_menu = menus.addMenu(tr("&Run"))
        run_menu.addActions([self.step_action, self.run_action, self.reset_action])
        view_menu = menus.addMenu(tr("&View"))
        view_menu.addActions([bigger, smaller, self.parabola_dock.toggleViewAction()])
        help_menu = menus.addMenu(tr("&Help"))
        help_menu.addActions([shortcuts, about])

    def _build_status_bar(self) -> None:
        self.status_step = QLabel()
        self.status_step.setObjectName("status_step")
        self.status_step.setAccessibleName("status_step")
        self.status_error = QLabel()
        self.status_error.setObjectName("status_error")
        self.status_speed = QLabel()
        self.status_speed.setObjectName("status_speed")
        bar = self.statusBar()
        for label in (self.status_step, self.status_error, self.status_speed):
            bar.addPermanentWidget(label)

    def _connect(self) -> None:
        state, panel, controls = self.state, self.param_panel, self.controls
        panel.paramEdited.connect(self._on_param_edited)
        panel.configEdited.connect(self._on_config_edited)
        panel.presetChosen.connect(self._on_preset)
        panel.validityChanged.connect(self._on_validity)
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
        state.stopped.connect(self._on_stopped)
        self.runner.measured.connect(self._on_measured)

    # -- user commands -------------------------------------------------------------------
    def step_once(self) -> None:
        """One update (ignored while an input is invalid or while running)."""
        if self.param_panel.all_valid() and not self.state.running:
            self._show_banner("")
            self.state.advance(1)

    def toggle_running(self) -> None:
        if self.state.running or self.param_panel.all_valid():
            self._on_run_toggled(not self.state.running)

    def reset(self) -> None:
        had_steps = self.state.step > 0
        self.state.reset(self.tr("Reset"))
        self._show_banner("")
        if had_steps:
            self.statusBar().showMessage(
                self.tr("Back at the starting values. Undo with Ctrl+Z to get the run back."),
                8000,
            )

    def export_history_dialog(self) -> None:
        self._export_dialog(self.state.history, self.tr("Export run history"), "backprop-run.csv")

    def export_parabola_dialog(self) -> None:
        self._export_dialog(
            self.parabola_state.history, self.tr("Export parabola run"), "parabola-run.csv"
        )

    def _export_dialog(self, history: History, title: str, default_name: str) -> None:
        folder = self.settings.value("export/folder", os.path.expanduser("~"), type=str)
        path, _ = QFileDialog.getSaveFileName(
            self, title, os.path.join(folder, default_name), self.tr("CSV files (*.csv)")
        )
        if path:
            self.export_history(history, path)

    def export_history(self, history: History, path: str) -> bool:
        """Write ``history`` as CSV; on failure say why and keep everything."""
        try:
            save_history(history, path)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self._show_banner(
                self.tr(
                    "Could not save the CSV to %1: %2. Nothing was lost; choose another "
                    "folder and try again."
                )
                .replace("%1", path)
                .replace("%2", reason)
            )
            return False
        self.settings.setValue("export/folder", os.path.dirname(path))
        self.statusBar().showMessage(
            self.tr("Saved %1 rows to %2").replace("%1", f"{len(history):,}").replace("%2", path),
            8000,
        )
        return True

    def show_shortcuts(self) -> None:
        rows = [
            (self.tr("Step"), "→  or  N"),
            (self.tr("Run / Pause"), self.tr("Space")),
            (self.tr("Reset"), "Ctrl+R"),
            (self.tr("Undo"), "Ctrl+Z"),
            (self.tr("Redo"), "Ctrl+Shift+Z  /  Ctrl+Y"),
            (self.tr("Export run history"), "Ctrl+E"),
            (self.tr("Larger / smaller text"), "Ctrl++  /  Ctrl+−"),
            (self.tr("This list"), "F1"),
        ]
        table = "".join(f"<tr><td>{a}</td><td>&nbsp;&nbsp;<b>{b}</b></td></tr>" for a, b in rows)
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), f"<table>{table}</table>")

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Backprop Lab"),
            self.tr(
                "<b>Backprop Lab</b><p>Forward propagation, backpropagation with the chain "
                "rule, and gradient descent, number by number.</p>"
            ),
        )

    # -- slots (thin) --------------------------------------------------------------------
    def _on_param_edited(self, name: str, value: float) -> None:
        try:
            self.state.set_param(name, value)
        except ValueError as exc:
            self._show_banner(
                self.tr("%1 cannot be used: %2").replace("%1", name).replace("%2", str(exc))
            )
            self.param_panel.set_params(self.state.params)

    def _on_config_edited(self, config: NeuronConfig) -> None:
        try:
            self.state.set_config(config)
        except ValueError as exc:
            self._show_banner(str(exc))
            self.param_panel.set_config(self.state.config)

    def _on_preset(self, params: NeuronParams, config: NeuronConfig) -> None:
        self.state.set_running(False)
        self.state.load(params, config, self.tr("Load preset"))
        self._show_banner("")

    def _on_validity(self, valid: bool) -> None:
        self.controls.set_can_run(valid)
        self.step_action.setEnabled(valid)

    def _on_run_toggled(self, running: bool) -> None:
        if running:
            self._show_banner("")
        self.state.set_running(running)

    def _on_running_changed(self, running: bool) -> None:
        self._schedule_render()  # a paused run shows its plot complete
        self.controls.set_running(running)
        self.param_panel.set_editable(not running)
        self.runner.set_running(running)
        if not running:
            self.status_speed.setText("")

    def _on_speed(self, speed: float | None) -> None:
        self.runner.steps_per_second = speed

    def _on_measured(self, steps_per_second: float) -> None:
        self.status_speed.setText(self.tr("%1 steps/s").replace("%1", f"{steps_per_second:,.0f}"))

    def _on_diverged(self, reason: str) -> None:
        self._show_banner(
            self.tr(
                "The run %1. The learning rate η = %2 is too large for these values: each "
                "update overshoots, so the numbers grow until they no longer fit in a "
                "computer's numbers. Try a smaller η (for example a tenth of it), then Step "
                "again or press Reset."
            )
            .replace("%1", reason)
            .replace("%2", format_number(self.state.params.eta))
        )

    def _on_stopped(self, rule: str) -> None:
        reason = self.tr(_RULE_REASONS.get(rule, rule))
        self._show_banner(
            self.tr("Auto-run stopped at step %1: %2.")
            .replace("%1", f"{self.state.step:,}")
            .replace("%2", reason)
        )

    def _advance_auto(self, steps: int) -> int:
        if not self.state.has_room_for(steps):
            return 0  # the history is growing in the background; try again next tick
        return self.state.advance(steps, self.state.stop_rule).steps_done

    def _show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def _zoom(self, direction: int) -> None:
        font = self.font()
        font.setPointSizeF(min(max(font.pointSizeF() + direction, 7.0), 40.0))
        self.setFont(font)
        self.chain_rule_view.set_font_point_size(round(font.pointSizeF() * 1.4))
        self.graph_view.set_font_point_size(round(font.pointSizeF() * 1.2))

    # -- rendering: at most once per pass of the event loop --------------------------------
    def _schedule_render(self) -> None:
        if not self._redraw_pending:
            self._redraw_pending = True
            QTimer.singleShot(0, self._render)

    def _render(self) -> None:
        self._redraw_pending = False
        state = self.state
        snapshot = state.current
        self.param_panel.set_params(snapshot.params)
        self.param_panel.set_config(state.config)
        self.chain_rule_view.show_state(snapshot, state.config, state.step)
        shown = self.explain_tabs.currentWidget()
        if shown is self.graph_view:
            self.graph_view.show_state(snapshot.params, state.config)
        elif shown is self.hand_check:
            self.hand_check.set_state(snapshot, state.config)
        self._render_error_plot()
        self.status_step.setText(self.tr("Step %1").replace("%1", f"{state.step:,}"))
        self.status_error.setText(f"E = {format_number(snapshot.error)}")

    def _render_error_plot(self) -> None:
        """Update the error plot, but while running keep it to a small share of the time.

        With millions of points one plot update (and the repaint it causes) costs tens of
        milliseconds; the numbers are redrawn every frame, the plot only when its last
        update cost less than a sixth of the time since.
        """
        now = time.perf_counter()
        if self.state.running and now - self._plot_time < _PLOT_SHARE * self._plot_cost:
            return
        history = self.state.history
        self.error_plot.set_history(history.column("step"), history.column("error"))
        self.error_plot.set_current(self.state.step, self.state.current.error)
        self._plot_time = time.perf_counter()
        self._plot_cost = self._plot_time - now

    # -- settings ------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        window_state = self.settings.value("window/state")
        self._layout_restored = window_state is not None and self.restoreState(window_state)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._layout_restored:
            # First launch: the chain rule is the heart of the window, so the parabola's
            # dock gets about a third of the width, not half.
            self._layout_restored = True
            self.resizeDocks(
                [self.parabola_dock], [int(self.width() * 0.3)], Qt.Orientation.Horizontal
            )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.state.set_running(False)
        self.parabola_state.set_running(False)
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        super().closeEvent(event)
