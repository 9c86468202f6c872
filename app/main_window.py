"""The main window: assembles the widgets and wires them to the run's state objects."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QFont,
    QFontMetrics,
    QIcon,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QDockWidget,
    QFileDialog,
    QFrame,
    QGraphicsView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QScrollArea,
    QSplitter,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app import language, text_size
from app.autorun import AutoRunner
from app.exporter import CsvExport
from app.keys import FocusKeys, chain_tab_order, reading_order
from app.pacer import Pacer
from app.parabola_panel import ParabolaPanel
from app.parabola_state import ParabolaState
from app.run_state import RunState
from app.session_files import SessionFiles
from engine import History
from engine.messages import EngineError, Message
from engine.models import Config, Model, Values
from engine.numbers import display_number
from engine.outcome import Divergence
from resources import resource_path
from widgets.chain_rule_view import ChainRuleView
from widgets.error_plot import ErrorPlot
from widgets.fit_scroll_area import FitScrollArea
from widgets.graph_view import GraphView
from widgets.limit_notice import LimitNotice
from widgets.messages import phrase
from widgets.param_panel import ParamPanel
from widgets.progress_dialog import background_progress
from widgets.run_controls import RunControls
from widgets.stop_conditions import StopConditions
from widgets.timeline import Timeline

if TYPE_CHECKING:
    from app.surface_panel import SurfacePanel
    from widgets.hand_check import HandCheckPanel


class _SmallHintScrollArea(QScrollArea):
    """A scroll area that asks for little room: its content may need more (a network's
    graph at a readable size), but the window should scroll it, not make room for it."""

    def sizeHint(self) -> QSize:
        return QSize(480, 300)

    def minimumSizeHint(self) -> QSize:
        return QSize(300, 220)


#: While running, the view on show in the middle tabs takes at most a third of the time.
_TAB_SHARE = 3.0
#: While running, the error plot gets updated when its last update and repaint took less
#: than 1/6 of the time since, so it never takes more than about a sixth of the time.
_PLOT_SHARE = 6.0

# Marked for translation here, translated where shown.
_RULE_REASONS = {
    "max_step": QT_TRANSLATE_NOOP("MainWindow", "reached the step limit"),
    "error_below": QT_TRANSLATE_NOOP("MainWindow", "the error E fell below its tolerance"),
    "gradient_norm_below": QT_TRANSLATE_NOOP(
        "MainWindow", "the gradient became smaller than its tolerance"
    ),
}


QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum size"
#: No column of the window gets narrower than this (it scrolls instead).
MIN_COLUMN_WIDTH = 200


def _scroll_area(content: QWidget) -> QScrollArea:
    """``content`` filling a frameless scroll area, scrolling only when it cannot fit."""
    scroll = QScrollArea()
    scroll.setWidget(content)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setMinimumWidth(MIN_COLUMN_WIDTH)
    return scroll


class MainWindow(QMainWindow):
    """Backprop Lab's window.  Building it shows no dialog and touches no network."""

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowIcon(QIcon(resource_path("icon.svg")))
        self.settings = settings if settings is not None else QSettings()
        # Widgets with a style sheet (red borders, coloured messages) would otherwise keep
        # the font they had when styled, and miss View ▸ Larger text.
        QApplication.setAttribute(Qt.ApplicationAttribute.AA_UseStyleSheetPropagationInWidgetStyles)
        # One history of undoable commands for the whole window (Edit ▸ Undo / Redo).
        self.undo_stack = QUndoStack(self)
        self.state = RunState(parent=self, undo_stack=self.undo_stack)
        self.parabola_state = ParabolaState(parent=self, undo_stack=self.undo_stack)
        self.runner = AutoRunner(self._advance_auto, self)
        self._tab_pacer = Pacer(_TAB_SHARE)  # before any event can reach event()

        self._build_widgets()
        self._build_actions()
        self._build_status_bar()
        self._connect()
        self._redraw_pending = False
        self._export: CsvExport | None = None
        self._plotted: tuple[int, int, bool] | None = None  # what the error plot shows
        self._export_progress: QProgressDialog | None = None
        self._plot_time = 0.0  # when the error plot was last updated
        self._speed: float | None = None  # the last measured steps per second while running
        self._base_point_size = self.font().pointSizeF()  # the system's text size
        self._text_scale = 1.0
        self.retranslate()
        self._restore_settings()
        # Keys go to the focused control when it uses them (app/keys.py).
        self._focus_keys = FocusKeys(self)
        QApplication.instance().installEventFilter(self._focus_keys)
        self.session_files.set_modified(False)  # nothing to save yet

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
        # Every column scrolls rather than forcing the window wider than a small screen.
        self.left_scroll = scroll = _scroll_area(left)
        scroll.setObjectName("left_panel")

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
        self.explain_tabs = QTabWidget()
        self.explain_tabs.setElideMode(Qt.TextElideMode.ElideNone)  # scroll, never cut
        self.explain_tabs.setUsesScrollButtons(True)
        self.explain_tabs.addTab(self.chain_rule_view, "")
        self.graph_view = GraphView()  # as large as its model needs to be readable
        self.graph_scroll = _SmallHintScrollArea()
        self.graph_scroll.setObjectName("graph_scroll")
        self.graph_scroll.setWidget(self.graph_view)
        self.graph_scroll.setWidgetResizable(True)
        self.graph_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.graph_scroll.setMinimumSize(300, 220)  # as the view itself was: keeps the split
        self.explain_tabs.addTab(self.graph_scroll, "")
        self.explain_tabs.addTab(self._hand_check_placeholder, "")
        # The Surface and Slopes tabs cost about as much to build as the rest of the
        # window: they are built when first shown (or used), in place of these pages.
        self._surface: SurfacePanel | None = None
        self._surface_placeholders = (QWidget(), QWidget())
        for page in self._surface_placeholders:
            self.explain_tabs.addTab(page, "")
        self.explain_tabs.currentChanged.connect(self._on_tab_changed)
        # Once the page is shown (and laid out): its controls' place in the Tab order.
        self.explain_tabs.currentChanged.connect(
            lambda: QTimer.singleShot(0, self.update_tab_order)
        )
        self.error_plot = ErrorPlot()
        plots = QSplitter(Qt.Orientation.Vertical)
        plots.addWidget(self.explain_tabs)
        self.timeline = Timeline()
        self.error_plot.set_footer(self.timeline)
        plots.addWidget(self.error_plot)
        plots.setStretchFactor(0, 3)
        plots.setStretchFactor(1, 2)
        plots.setSizes([600, 400])  # proportions; the splitter scales them to fit
        self.center = center = QWidget()
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(0, 0, 0, 0)
        center_layout.addWidget(self.banner)
        center_layout.addWidget(self.limit_notice)
        center_layout.addWidget(plots, 1)

        self.main_splitter = splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(center)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        splitter.setCollapsible(1, False)
        self.setCentralWidget(splitter)

        self.parabola_panel = ParabolaPanel(self.parabola_state)
        self.parabola_dock = QDockWidget(self)
        self.parabola_dock.setObjectName("parabola_dock")
        self.parabola_dock.setWidget(FitScrollArea(self.parabola_panel))
        self.parabola_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.parabola_dock)

    def _action(self, name: str, slot, *shortcuts: QKeySequence | str) -> QAction:
        """An action named ``name``; its text is set in :meth:`retranslate`."""
        action = QAction(self)
        action.setObjectName(name)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even while the menu bar is hidden
        return action

    def _build_actions(self) -> None:
        self.export_csv_action = self._action(
            "export_csv_action", self.export_history_dialog, "Ctrl+E"
        )
        self.export_parabola_action = self._action(
            "export_parabola_action", self.export_parabola_dialog
        )
        self.quit_action = self._action("quit_action", self.close, QKeySequence.StandardKey.Quit)
        self.step_action = self._action("step_action", self.step_once, "Right", "N")
        self.run_action = self._action("run_action", self.toggle_running, "Space")
        self.reset_action = self._action("reset_action", self.reset, "Ctrl+R")
        self.step_back_action = self._action("step_back_action", self.step_back, "Left", "Shift+N")
        self.back_to_live_action = self._action(
            "back_to_live_action", lambda: self.state.set_view(None), "End"
        )
        # Text fields keep their own Ctrl+Z: Qt gives a focused line edit the key first.
        # Own actions rather than QUndoStack.createUndoAction, whose prefix cannot be
        # translated again after a language switch.
        self.undo_action = self._action(
            "undo_action", self.undo_stack.undo, QKeySequence.StandardKey.Undo
        )
        self.redo_action = self._action(
            "redo_action", self.undo_stack.redo, "Ctrl+Shift+Z", "Ctrl+Y"
        )
        self.undo_action.setEnabled(self.undo_stack.canUndo())
        self.redo_action.setEnabled(self.undo_stack.canRedo())
        self.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_stack.undoTextChanged.connect(self._show_undo_texts)
        self.undo_stack.redoTextChanged.connect(self._show_undo_texts)
        self.larger_text_action = self._action(
            "larger_text_action", lambda: self._zoom(1), "Ctrl++", "Ctrl+="
        )
        self.smaller_text_action = self._action(
            "smaller_text_action", lambda: self._zoom(-1), "Ctrl+-"
        )
        self.shortcuts_action = self._action("shortcuts_action", self.show_shortcuts, "F1")
        self.about_action = self._action("about_action", self.show_about)

        self.language_actions = QActionGroup(self)
        for code in language.CHOICES:
            action = self.language_actions.addAction(QAction(self))
            action.setObjectName(f"language_{code}")
            action.setCheckable(True)
            action.setData(code)
        self.language_actions.triggered.connect(self._on_language_chosen)

        self.session_files = SessionFiles(self)
        self.save_run_action = self.session_files.save_action
        self.open_run_action = self.session_files.open_action

        menus = self.menuBar()
        self.file_menu = menus.addMenu("")
        self.file_menu.addAction(self.open_run_action)
        self.file_menu.addMenu(self.session_files.recent_menu)
        self.file_menu.addAction(self.save_run_action)
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.export_csv_action, self.export_parabola_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = menus.addMenu("")
        self.edit_menu.addActions([self.undo_action, self.redo_action])
        self.run_menu = menus.addMenu("")
        self.run_menu.addActions([self.step_action, self.run_action, self.reset_action])
        self.run_menu.addActions([self.step_back_action, self.back_to_live_action])
        self.view_menu = menus.addMenu("")
        self.view_menu.addActions([self.larger_text_action, self.smaller_text_action])
        self.language_menu = self.view_menu.addMenu("")
        self.language_menu.setObjectName("language_menu")
        self.language_menu.addActions(self.language_actions.actions())
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.parabola_dock.toggleViewAction())
        self.help_menu = menus.addMenu("")
        self.help_menu.addActions([self.shortcuts_action, self.about_action])
        for menu in (
            self.file_menu,
            self.edit_menu,
            self.run_menu,
            self.view_menu,
            self.language_menu,
            self.help_menu,
        ):
            # Menus are windows of their own: let them take the window's (scaled) font.
            menu.setAttribute(Qt.WidgetAttribute.WA_WindowPropagation)

    def retranslate(self) -> None:
        """Set every text of the window in the current language (also on LanguageChange)."""
        self.app_title = self.tr("Backprop Lab")
        self.setWindowTitle(self.app_title)
        tabs = self.explain_tabs
        tabs.setTabText(tabs.indexOf(self.chain_rule_view), self.tr("Chain rule"))
        tabs.setTabText(tabs.indexOf(self.graph_scroll), self.tr("Graph"))
        tabs.setTabText(tabs.indexOf(self._hand_check_page()), self.tr("Check my numbers"))
        surface_page, slopes_page = self._surface_pages()
        tabs.setTabText(tabs.indexOf(surface_page), self.tr("Surface"))
        tabs.setTabText(tabs.indexOf(slopes_page), self.tr("Slopes"))
        self.parabola_dock.setWindowTitle(self.tr("Gradient descent on a curve"))
        self.export_csv_action.setText(self.tr("Export run history as CSV…"))
        self.export_parabola_action.setText(self.tr("Export parabola run as CSV…"))
        self.quit_action.setText(self.tr("Quit"))
        self.step_action.setText(self.tr("Step"))
        self.run_action.setText(self.tr("Run / Pause"))
        self.reset_action.setText(self.tr("Reset"))
        self.step_back_action.setText(self.tr("Step back in the timeline"))
        self.back_to_live_action.setText(self.tr("Back to the latest step"))
        self._show_undo_texts()
        self.larger_text_action.setText(self.tr("Larger text"))
        self.smaller_text_action.setText(self.tr("Smaller text"))
        self.shortcuts_action.setText(self.tr("Keyboard shortcuts"))
        self.about_action.setText(self.tr("About Backprop Lab"))
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.run_menu.setTitle(self.tr("&Run"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        names = {
            language.SYSTEM: self.tr("System language"),
            # Each language in its own words, so that it can be found in any language.
            language.ENGLISH: "English",
            language.CHINESE: "简体中文",
        }
        for action in self.language_actions.actions():
            action.setText(names[action.data()])
        self._show_banner(self._banner_source)
        self._fit_status_labels()
        self.session_files.retranslate()
        self._render()

    def _show_undo_texts(self) -> None:
        """ "Undo Reset", "Redo Load preset": what Undo and Redo would do, or just the verb."""
        undo, redo = self.undo_stack.undoText(), self.undo_stack.redoText()
        self.undo_action.setText(
            self.tr("Undo %1").replace("%1", undo) if undo else self.tr("Undo")
        )
        self.redo_action.setText(
            self.tr("Redo %1").replace("%1", redo) if redo else self.tr("Redo")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:
            self._fit_status_labels()
        super().changeEvent(event)

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
        self.timeline.continueClicked.connect(self.continue_from_view)
        self.limit_notice.exportClicked.connect(self.export_history_dialog)
        self.limit_notice.resetClicked.connect(self.reset)
        self.parabola_panel.exportRequested.connect(self.export_parabola_dialog)
        self.runner.measured.connect(self._on_measured)

    # -- user commands -------------------------------------------------------------------
    def step_once(self) -> None:
        """One update (ignored while an input is invalid or while running); from a past
        step of the timeline, the run continues from there."""
        if self.param_panel.all_valid() and not self.state.running:
            self._show_banner("")
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
            if not os.path.splitext(os.path.basename(path))[1]:
                path += ".csv"  # a name typed without an extension still gets one
            self.export_history(history, path)

    @property
    def export_running(self) -> CsvExport | None:
        """The export being written in the background, if any."""
        return self._export

    def export_history(self, history: History, path: str) -> CsvExport | None:
        """Write the rows ``history`` has now as CSV, in the background with progress.

        Returns the running export (None if another one is still running).  On failure
        the banner says why; cancel or failure leave no file and keep an existing one.
        """
        if self._export is not None:
            self.statusBar().showMessage(
                self.tr("An export is still being written; wait for it or cancel it."), 8000
            )
            return None
        export = CsvExport(history, path, self)
        progress = background_progress(
            self,
            "export_progress",
            self.tr("Exporting"),
            self.tr("Writing %1 rows to %2…")
            .replace("%1", f"{export.rows:,}")
            .replace("%2", os.path.basename(path)),
            self.tr("Cancel"),
            export.rows,
            Qt.WindowModality.NonModal,  # the window stays usable
        )
        progress.canceled.connect(export.cancel)
        export.progressed.connect(lambda done, _total: progress.setValue(done))
        export.finished.connect(self._on_export_finished)
        self._export, self._export_progress = export, progress
        self._set_export_enabled(False)
        export.start()
        return export

    def _set_export_enabled(self, enabled: bool) -> None:
        self.export_csv_action.setEnabled(enabled)
        self.export_parabola_action.setEnabled(enabled)

    def _on_export_finished(self) -> None:
        export, progress = self._export, self._export_progress
        if export is None:
            return
        self._export = self._export_progress = None
        if progress is not None:
            progress.close()
            progress.deleteLater()
        export.deleteLater()
        self._set_export_enabled(True)
        path, error = export.path, export.error
        if error is not None:
            self._show_banner(
                lambda: (
                    self.tr(
                        "Could not save the CSV to %1: %2. Nothing was lost; choose another "
                        "folder and try again."
                    )
                    .replace("%1", path)
                    .replace("%2", error)
                )
            )
        elif export.cancelled:
            self.statusBar().showMessage(
                self.tr("Export cancelled: %1 was not written.").replace("%1", path), 8000
            )
        else:
            self.settings.setValue("export/folder", os.path.dirname(path))
            self.statusBar().showMessage(
                self.tr("Saved %1 rows to %2")
                .replace("%1", f"{export.rows:,}")
                .replace("%2", path),
                8000,
            )

    def wait_for_export(self) -> None:
        """Block until a running export has finished and been reported (tests, closing)."""
        if self._export is not None:
            self._export.wait()
            self._on_export_finished()

    def show_shortcuts(self) -> None:
        rows = [
            (self.tr("Step"), "→  or  N"),
            (self.tr("Run / Pause"), self.tr("Space")),
            (self.tr("Reset"), "Ctrl+R"),
            (self.tr("Undo"), "Ctrl+Z"),
            (self.tr("Redo"), "Ctrl+Shift+Z  /  Ctrl+Y"),
            (self.tr("Export run history"), "Ctrl+E"),
            (self.tr("Save run / open run"), "Ctrl+S  /  Ctrl+O"),
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

    def _on_language_chosen(self, action: QAction) -> None:
        choice = action.data()
        self.settings.setValue(language.SETTINGS_KEY, choice)
        language.apply_language(language.resolve(choice))

    # -- slots (thin) --------------------------------------------------------------------
    def _on_param_edited(self, name: str, value: float) -> None:
        try:
            self.state.set_param(name, value)
        except EngineError as exc:
            self._refuse(exc.message, exc.message.values.get("field", name))
        else:
            self._show_banner("")

    def _on_config_edited(self, config: Config) -> None:
        try:
            self.state.set_config(config)
        except EngineError as exc:
            self.param_panel.set_config(self.state.config)
            self._refuse(exc.message, exc.message.values.get("field", ""))
        else:
            self._show_banner("")

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

        self._show_banner(text)
        if field is not None:
            field.set_problem(text())

    def _on_preset(self, params: Values, config: Config) -> None:
        self.state.set_running(False)
        self.state.load(params, config, self.tr("Load preset"))
        self._show_banner("")

    def _on_model_changed(self) -> None:
        self.param_panel.set_model(self.state.model)
        self.spread_font()  # the new fields take the text size
        QTimer.singleShot(0, self.arrange_columns)  # the new fields may need other room

    def _on_model(self, model: Model) -> None:
        self.state.set_running(False)
        self.state.set_model(model, self.tr("Choose model"))
        self._show_banner("")

    def _on_validity(self) -> None:
        valid = self.param_panel.all_valid()
        self.controls.set_can_run(valid, self._can_run())
        self.step_action.setEnabled(valid)
        self.run_action.setEnabled(self._can_run() or self.state.running)

    def _on_run_toggled(self, running: bool) -> None:
        if running:
            self._show_banner("")
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
        saturating = self.state.config.activation.startswith("sigmoid")
        self._show_banner(
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
        self._show_banner(
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
        self._show_banner(
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

    def _show_banner(self, message: str | Callable[[], str] | None) -> None:
        """Show a message above the chain rule ("" or None hides it).

        Pass a function that builds the text with self.tr() to have the message follow a
        language switch; a plain string is shown as it is.
        """
        self._banner_source = message
        text = message() if callable(message) else (message or "")
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def _zoom(self, direction: int) -> None:
        self.set_text_scale(text_size.step(self._text_scale, direction))

    def text_scale(self) -> float:
        """The text size as a factor of the system's (View ▸ Larger / Smaller text)."""
        return self._text_scale

    def set_text_scale(self, scale: float) -> None:
        """Scale every text of the window; remembered for the next start."""
        self._text_scale = scale = text_size.nearest(scale)
        points = self._base_point_size * scale
        font = QFont(self.font())
        font.setPointSizeF(points)
        self.setFont(font)  # children inherit it; plots and read-outs scale from it
        self.chain_rule_view.set_font_point_size(round(points * text_size.CHAIN_RULE_SCALE))
        self.graph_view.set_font_point_size(round(points * text_size.GRAPH_SCALE))
        self.larger_text_action.setEnabled(scale < text_size.SCALES[-1])
        self.smaller_text_action.setEnabled(scale > text_size.SCALES[0])
        self.settings.setValue(text_size.SETTINGS_KEY, scale)
        if self.isVisible():
            QTimer.singleShot(0, self.arrange_columns)  # the columns' needs have changed

    def spread_font(self) -> None:
        """Give the widgets made since the text size was set (tab pages built late, the
        fields of another model) the window's font.

        With AA_UseStyleSheetPropagationInWidgetStyles a new widget starts from the
        application's font, not its parent's; setting the window's font anew passes it
        down to every child. Nothing to do at the application's own size.
        """
        font = self.font()
        if font.pointSizeF() == QApplication.font().pointSizeF():
            return
        self.setFont(QApplication.font())
        self.setFont(font)

    def _fit_status_labels(self) -> None:
        """Status texts as wide as their longest value, so they never clip or jump."""
        metrics = QFontMetrics(self.font())
        longest = {
            self.status_step: self.tr("Step %1").replace("%1", "8,888,888"),
            self.status_error: "E = \u22128.88888888888e\u2212888",
            self.status_speed: self.tr("%1 steps/s").replace("%1", "88,888,888"),
        }
        for label, text in longest.items():
            label.setMinimumWidth(metrics.horizontalAdvance(text) + 8)

    # -- rendering: at most once per pass of the event loop --------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() != QEvent.Type.UpdateRequest:
            return super().event(event)
        # The window's repaint: how long the tab's redraw took on screen, for its pacing.
        began = time.perf_counter()
        handled = super().event(event)
        self._tab_pacer.painted(time.perf_counter() - began)
        return handled

    def _on_tab_changed(self) -> None:
        self._tab_pacer.reset()  # a tab brought on screen is brought up to date at once
        self._schedule_render()

    @property
    def surface(self) -> SurfacePanel:
        """The Surface and Slopes tabs' panel, built the first time it is needed."""
        if self._surface is None:
            self._surface = self._build_surface()
        return self._surface

    def _surface_pages(self) -> tuple[QWidget, QWidget]:
        """The Surface and Slopes tab pages: the views once built, else placeholders."""
        if self._surface is None:
            return self._surface_placeholders
        return self._surface.map, self._surface.slopes

    def _build_surface(self) -> SurfacePanel:
        from app.surface_panel import SurfacePanel  # its modules are not needed at start

        panel = SurfacePanel(self.state, self)
        panel.problem.connect(self._show_banner)
        self._swap_in(self._surface_placeholders, (panel.map, panel.slopes))
        return panel

    @property
    def hand_check(self) -> HandCheckPanel:
        """The "Check my numbers" tab, built the first time it is needed."""
        if self._hand_check is None:
            from widgets.hand_check import HandCheckPanel  # and engine.diagnose, not at start

            self._hand_check = HandCheckPanel()
            self._swap_in((self._hand_check_placeholder,), (self._hand_check,))
        return self._hand_check

    def _hand_check_page(self) -> QWidget:
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
        self.spread_font()
        QTimer.singleShot(0, self.update_tab_order)  # its controls join the reading order

    def _schedule_render(self) -> None:
        if not self._redraw_pending:
            self._redraw_pending = True
            QTimer.singleShot(0, self._render)

    def _render(self) -> None:
        self._redraw_pending = False
        state = self.state
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
        began = time.perf_counter()
        if shown is self.chain_rule_view:
            self.chain_rule_view.show_state(snapshot, config, step)
        elif shown is self.graph_scroll:
            self.graph_view.show_state(snapshot.params, config)
            # Never smaller than readable: the tab scrolls instead (a network is wide).
            readable = self.graph_view.readable_size()
            if self.graph_view.minimumSize() != readable:
                self.graph_view.setMinimumSize(readable)
        elif shown is not None and shown is self._hand_check_page():
            self.hand_check.set_state(snapshot, config, step)
            if snapshot.model is not self._hand_check_model:  # it built the model's rows
                self._hand_check_model = snapshot.model
                self.spread_font()
        elif shown is not None and shown in self._surface_pages():
            self.surface.render()
        if shown is not None:
            self._tab_pacer.updated(began)
        self._render_error_plot(step, snapshot.error)
        self.timeline.show_position(len(state.history), state.viewing, step, state.step)
        # Looking back pauses the run, so the speed's room goes to the longer step text.
        self.status_speed.setVisible(state.viewing is None)
        if state.viewing is None:
            self.status_step.setText(self.tr("Step %1").replace("%1", f"{step:,}"))
        else:
            self.status_step.setText(
                self.tr("Step %1 (looking back; the run is at step %2)")
                .replace("%1", f"{step:,}")
                .replace("%2", f"{state.step:,}")
            )
        self.status_error.setText(f"E = {display_number(snapshot.error)}")
        if not state.at_limit:
            self.limit_notice.hide()

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

    # -- settings ------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        scale = self.settings.value(text_size.SETTINGS_KEY, 1.0)
        if text_size.nearest(scale) != 1.0:
            self.set_text_scale(scale)
        choice = self.settings.value(language.SETTINGS_KEY, language.SYSTEM, type=str)
        for action in self.language_actions.actions():
            action.setChecked(action.data() == (choice if choice in language.CHOICES else "system"))
        window_state = self.settings.value("window/state")
        self._layout_restored = window_state is not None and self.restoreState(window_state)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._layout_restored:
            self._layout_restored = True
            self.arrange_columns()
            QTimer.singleShot(0, self.arrange_columns)  # again, once the layout has settled
        QTimer.singleShot(0, self.update_tab_order)

    def update_tab_order(self) -> None:
        """Tab and Shift+Tab visit every control once, as the window reads (call again after
        adding or moving controls).  Scroll areas and plots are no Tab stops."""
        for area in self.findChildren(QAbstractScrollArea):
            if not isinstance(area, QAbstractItemView | QTextEdit):
                clicked = isinstance(area, QGraphicsView)  # a plot keeps its mouse focus
                area.setFocusPolicy(
                    Qt.FocusPolicy.ClickFocus if clicked else Qt.FocusPolicy.NoFocus
                )
                area.viewport().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        candidates = [
            w
            for w in self.findChildren(QWidget)
            if w.window() is self
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus
            and not isinstance(w.parent(), QTabBar)  # its scroll arrows
        ]
        columns = [self.left_scroll, self.center, self.parabola_dock]
        ordered = reading_order([w for w in candidates if w.focusProxy() is None], columns)
        # A widget that hands its focus on (a tab widget to its tab bar) goes just before
        # the widget it hands it to, so the two make one stop.
        for widget in candidates:
            proxy = widget.focusProxy()
            if proxy is not None and proxy in ordered:
                ordered.insert(ordered.index(proxy), widget)
        chain_tab_order(ordered)

    def arrange_columns(self) -> None:
        """Share the width: the fields get what they ask for, the parabola's dock about
        30 % (at least what it needs), the chain rule, the heart of the window, the rest.
        When that does not fit, the fields give up room first (they scroll), then the
        fields and the dock in proportion, down to MIN_COLUMN_WIDTH."""
        handle = self.main_splitter.handleWidth()
        available = self.width() - 3 * handle
        scroll = self.left_scroll
        content = scroll.widget()
        left = content.sizeHint().expandedTo(content.minimumSizeHint()).width()
        left += scroll.verticalScrollBar().sizeHint().width() + 2 * scroll.frameWidth()
        dock_content = self.parabola_dock.widget().widget()
        dock = max(int(self.width() * 0.3), dock_content.minimumSizeHint().width())
        # The chain rule keeps at least a third of the width (with large text too).
        center = max(self.main_splitter.widget(1).minimumSizeHint().width(), available // 3)
        room = available - center
        # The fields' column scrolls well (a form); the dock's plot and table do not, so the
        # fields give up room first, then both in proportion.
        left = min(left, max(MIN_COLUMN_WIDTH, room - dock))
        if left + dock > room:
            shrink = room / (left + dock)
            left = max(MIN_COLUMN_WIDTH, int(left * shrink))
            dock = max(MIN_COLUMN_WIDTH, int(dock * shrink))
        # resizeDocks is ignored once the layout has settled; a fixed width for one pass
        # of the event loop is not, and the learner can drag the separator afterwards.
        self.parabola_dock.widget().set_preferred_width(dock)  # kept on every relayout
        self.parabola_dock.setFixedWidth(dock)
        QTimer.singleShot(0, self._release_dock_width)
        total = self.width() - dock - handle
        self.main_splitter.setSizes([left, total - left])

    def _release_dock_width(self) -> None:
        self.parabola_dock.setMinimumWidth(0)
        self.parabola_dock.setMaximumWidth(QWIDGETSIZE_MAX)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._export is not None:
            self._export.cancel()
            self.wait_for_export()
        self.session_files.cancel()  # a run still being reopened is dropped
        self.state.set_running(False)
        self.parabola_state.set_running(False)
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        super().closeEvent(event)
