"""The main window: places the panels' views, and gives them menus, shortcuts and files.

What the views show and what an edit does is wired in the panels: app/network_panel.py
(the network's run), app/parabola_panel.py (the curve), app/surface_panel.py (Surface and
Slopes, built by the network panel when first shown).
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QFont,
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
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QScrollArea,
    QSplitter,
    QTabBar,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app import language, text_size
from app.exporter import CsvExport
from app.file_errors import os_reason
from app.keys import FocusKeys, chain_tab_order, reading_order
from app.network_panel import NetworkPanel
from app.parabola_panel import ParabolaPanel
from app.parabola_state import ParabolaState
from app.run_state import RunState
from app.session_files import SessionFiles
from engine import History
from resources import resource_path
from widgets.fit_scroll_area import FitScrollArea
from widgets.progress_dialog import background_progress

if TYPE_CHECKING:
    from app.surface_panel import SurfacePanel
    from widgets.hand_check import HandCheckPanel


QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum size"
#: No column of the window gets narrower than this (it scrolls instead).
MIN_COLUMN_WIDTH = 200


class _ColumnScrollArea(QScrollArea):
    """Scrolls up and down, never sideways: as narrow as its content can be (a form puts
    its fields under their labels first), so that no field is out of view to the right."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        width = MIN_COLUMN_WIDTH
        content = self.widget()
        if content is not None:
            bar = self.verticalScrollBar().sizeHint().width()
            width = max(width, content.minimumSizeHint().width() + bar + 2 * self.frameWidth())
        return QSize(width, hint.height())


def _scroll_area(content: QWidget) -> QScrollArea:
    """``content`` filling a frameless scroll area, scrolling only when it cannot fit."""
    scroll = _ColumnScrollArea()
    scroll.setWidget(content)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    return scroll


class MainWindow(QMainWindow):
    """Backprop Lab's window.  Building it shows no dialog and makes no internet connection."""

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
        # The network's views, wired to its run (before any event can reach event()).
        self.network = NetworkPanel(self.state, self)

        self._build_widgets()
        self._build_actions()
        self._build_status_bar()
        self._connect()
        self._export: CsvExport | None = None
        self._export_progress: QProgressDialog | None = None
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
        network = self.network
        # The network's views, under the names the rest of the app and the tests use.
        self.param_panel = network.param_panel
        self.controls = network.controls
        self.stop_conditions = network.stop_conditions
        self.runner = network.runner
        self.banner = network.banner
        self.limit_notice = network.limit_notice
        self.chain_rule_view = network.chain_rule_view
        self.graph_view = network.graph_view
        self.graph_scroll = network.graph_scroll
        self.explain_tabs = network.explain_tabs
        self.error_plot = network.error_plot
        self.timeline = network.timeline
        self.status_step = network.status_step
        self.status_error = network.status_error
        self.status_speed = network.status_speed

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 4, 6)  # every pixel counts with large text
        left_layout.addWidget(self.param_panel)
        left_layout.addWidget(self.controls)
        left_layout.addWidget(self.stop_conditions)
        left_layout.addStretch(1)
        # Every column scrolls rather than forcing the window wider than a small screen.
        self.left_scroll = scroll = _scroll_area(left)
        scroll.setObjectName("left_panel")

        plots = QSplitter(Qt.Orientation.Vertical)
        plots.addWidget(self.explain_tabs)
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
        # Scrolls down only when the window is shorter than the column's least height
        # (the largest text at 200 % on a 1920 x 1080 screen); else it fills the column.
        splitter.addWidget(FitScrollArea(center, column=True))
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

    def _connect(self) -> None:
        """What the panels ask of the window: room, fonts, the Tab order, exports."""
        network = self.network
        network.exportRequested.connect(self.export_history_dialog)
        network.statusMessage.connect(self.statusBar().showMessage)
        network.widgetsAdded.connect(self._on_widgets_added)
        network.fieldsReplaced.connect(lambda: QTimer.singleShot(0, self.arrange_columns))
        network.canRunChanged.connect(self._on_can_run_changed)
        # Once a tab's page is shown (and laid out): its controls' place in the Tab order.
        self.explain_tabs.currentChanged.connect(
            lambda: QTimer.singleShot(0, self.update_tab_order)
        )
        self.parabola_panel.exportRequested.connect(self.export_parabola_dialog)

    def _on_widgets_added(self) -> None:
        self.spread_font()  # they take the text size
        QTimer.singleShot(0, self.update_tab_order)  # and join the reading order

    def _on_can_run_changed(self, can_step: bool, can_run: bool) -> None:
        self.step_action.setEnabled(can_step)
        self.run_action.setEnabled(can_run)

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
        network = self.network
        self.step_action = self._action("step_action", network.step_once, "Right", "N")
        self.run_action = self._action("run_action", network.toggle_running, "Space")
        self.reset_action = self._action("reset_action", network.reset, "Ctrl+R")
        self.step_back_action = self._action(
            "step_back_action", network.step_back, "Left", "Shift+N"
        )
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
        self.state.rebuild = self.session_files.rebuild  # with progress for long runs
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
        self.network.fit_status_labels(self.font())
        self.session_files.retranslate()
        self.network.retranslate()

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
            self.network.fit_status_labels(self.font())
        super().changeEvent(event)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        for label in (self.status_step, self.status_error, self.status_speed):
            bar.addPermanentWidget(label)

    # -- the network's commands, under the window's names ----------------------------------
    def step_once(self) -> None:
        """One update, as the Step button and → do."""
        self.network.step_once()

    def step_back(self) -> None:
        """Show the row before the one shown, as ← does."""
        self.network.step_back()

    def toggle_running(self) -> None:
        """Run or pause, as Space does."""
        self.network.toggle_running()

    def reset(self) -> None:
        """Back to the starting values (undoable), as Ctrl+R does."""
        self.network.reset()

    def continue_from_view(self) -> None:
        """Cut the run back to the step the timeline shows, so it goes on from there."""
        self.network.continue_from_view()

    @property
    def surface(self) -> SurfacePanel:
        """The Surface and Slopes tabs' panel, built the first time it is needed."""
        return self.network.surface

    @property
    def hand_check(self) -> HandCheckPanel:
        """The "Check my numbers" tab, built the first time it is needed."""
        return self.network.hand_check

    # -- exports -------------------------------------------------------------------------
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
            error_code = export.errno
            self.network.show_banner(
                lambda: (
                    self.tr(
                        "Could not save the CSV to %1: %2. Nothing was lost; choose another "
                        "folder and try again."
                    )
                    .replace("%1", path)
                    .replace("%2", os_reason(error_code, error))
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
            (self.tr("Step"), self.tr("→  or  N")),
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

    # -- rendering: at most once per pass of the event loop --------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() != QEvent.Type.UpdateRequest:
            return super().event(event)
        # The window's repaint: how long the tab's redraw took on screen, for its pacing.
        began = time.perf_counter()
        handled = super().event(event)
        self.network.painted(time.perf_counter() - began)
        return handled

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
        """Share the width. Each column first gets its minimum (the fields their narrowest
        form, fields under their labels: narrower, they would be out of view); what is
        left goes to the chain rule, the heart of the window, up to a third of the width,
        then to the parabola's dock up to 30 %, then to the fields up to what they ask
        for, and the rest to the chain rule. When even the minimums do not fit (large text
        on a small screen), the dock gives up room and scrolls, down to MIN_COLUMN_WIDTH."""
        handle = self.main_splitter.handleWidth()
        available = self.width() - 3 * handle
        scroll = self.left_scroll
        content = scroll.widget()
        bars = scroll.verticalScrollBar().sizeHint().width() + 2 * scroll.frameWidth()
        left = scroll.minimumSizeHint().width()
        left_wanted = content.sizeHint().expandedTo(content.minimumSizeHint()).width() + bars
        dock_scroll = self.parabola_dock.widget()
        dock = dock_scroll.widget().minimumSizeHint().width()
        dock += dock_scroll.verticalScrollBar().sizeHint().width()  # it may scroll down
        dock_wanted = max(int(self.width() * 0.3), dock)
        center = self.main_splitter.widget(1).minimumSizeHint().width()
        spare = available - left - dock - center
        if spare < 0:
            dock = max(MIN_COLUMN_WIDTH, dock + spare)
        else:
            spare -= max(0, min(spare, available // 3 - center))  # the chain rule's third
            grow = max(0, min(spare, dock_wanted - dock))
            dock += grow
            spare -= grow
            # The fields' wide form (fields beside their names) or none of it: a column a
            # little wider than the narrow form would only take room from the chain rule.
            if spare >= left_wanted - left:
                left = left_wanted
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
