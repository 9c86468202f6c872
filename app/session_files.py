"""File ▸ Save run / Open run / Open recent: session files for the main window.

The format, its checks and the replay live in :mod:`engine.session`; this module adds the
dialogs, the background replay with progress, the recent-files list and the window title
with its modified mark.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QProgressDialog

from app.file_errors import reason_for
from app.parabola_state import ParabolaRun
from app.undo import SwapCommand
from app.worker_thread import WorkerThread
from engine.limits import MAX_STEPS, RESERVED_ROWS
from engine.parabola import get_function
from engine.session import (
    CurveSettings,
    ReplayCancelled,
    Replayed,
    Session,
    SessionError,
    load_session,
    replay,
    replay_curve,
    save_session,
)
from widgets.messages import phrase
from widgets.progress_dialog import background_progress

if TYPE_CHECKING:
    from engine import History

    from .main_window import MainWindow

#: How many files File ▸ Open recent lists.
RECENT_COUNT = 6
#: Runs longer than this are rebuilt in the background, with progress (shorter ones take
#: less than a frame or two).
BACKGROUND_REPLAY_STEPS = 20_000


class ReplayThread(WorkerThread):
    """Rebuilds a session's runs off the GUI thread; ``progressed(step, steps)``."""

    progressed = Signal(int, int)

    def __init__(
        self, session: Session, parent: QObject | None = None, with_curve: bool = True
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.with_curve = with_curve
        self.replayed: Replayed | None = None
        self.curve: History | None = None
        self.error: SessionError | None = None
        self.cancelled = False
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    def _progress(self, step: int, steps: int) -> bool:
        self.progressed.emit(step, steps)
        return not self._stop.is_set()

    def work(self) -> None:
        try:
            self.replayed = replay(self.session, RESERVED_ROWS, self._progress)
            if self.with_curve:
                self.curve = replay_curve(self.session.curve, MAX_STEPS + 1)
        except ReplayCancelled:
            self.cancelled = True
        except SessionError as exc:
            self.error = exc


class SessionFiles(QObject):
    """The window's session-file commands, its recent files and its title."""

    opened = Signal(str)  # a session file was opened and its runs installed

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.path: str | None = None
        self._replay: ReplayThread | None = None
        self._progress: QProgressDialog | None = None
        self._loading = False
        self._modified = False
        self._pending_path = ""
        self.save_action = QAction(window)
        self.save_action.setObjectName("save_run_action")
        self.save_action.setShortcut(QKeySequence("Ctrl+S"))
        self.save_action.triggered.connect(self.save_dialog)
        self.open_action = QAction(window)
        self.open_action.setObjectName("open_run_action")
        self.open_action.setShortcut(QKeySequence("Ctrl+O"))
        self.open_action.triggered.connect(self.open_dialog)
        window.addActions([self.save_action, self.open_action])
        self.recent_menu = QMenu(window)
        self.recent_menu.setObjectName("recent_runs_menu")
        self._show_recent()
        for signal in (
            window.state.historyChanged,
            window.state.configChanged,
            window.parabola_state.historyChanged,
            window.parabola_state.settingsChanged,
            window.stop_conditions.ruleChanged,
        ):
            signal.connect(self._mark_modified)

    def retranslate(self) -> None:
        self.save_action.setText(self.tr("Save run…"))
        self.open_action.setText(self.tr("Open run…"))
        self.recent_menu.setTitle(self.tr("Open recent"))
        self._show_recent()
        self.show_title()

    # -- the title and the modified mark ----------------------------------------------------
    def show_title(self) -> None:
        """ "run.json[*] — Backprop Lab": the file's name, and a mark while it has changes."""
        window = self.window
        window.setWindowFilePath(self.path or "")
        if self.path:
            name = os.path.basename(self.path)
            window.setWindowTitle(f"{name}[*] — {window.app_title}")
            window.setWindowModified(self._modified)
        else:
            # Qt shows the mark only with a "[*]" in the title; a run never saved has none.
            window.setWindowTitle(window.app_title)

    @property
    def modified(self) -> bool:
        """Whether the runs changed since they were last saved or opened."""
        return self._modified

    def set_modified(self, modified: bool) -> None:
        self._modified = modified
        if self.path:
            self.window.setWindowModified(modified)

    def _mark_modified(self) -> None:
        if not self._loading and not self._modified:
            self.set_modified(True)

    def _set_file(self, path: str) -> None:
        self.path = path
        self._modified = False
        self.show_title()
        self._remember(path)

    # -- saving --------------------------------------------------------------------------
    def session(self) -> Session:
        """Both runs of the window as a session."""
        window = self.window
        curve = window.parabola_state
        return window.state.session(
            stop=window.stop_conditions.rule(),
            curve=CurveSettings(curve.function.name, curve.x0, curve.eta, curve.step),
        )

    def save_dialog(self) -> bool:
        """Ask for a file name and save; True if saved."""
        folder = self.window.settings.value("session/folder", os.path.expanduser("~"), type=str)
        suggested = self.path or os.path.join(folder, "backprop-run.json")
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Save run"), suggested, self.tr("Backprop Lab runs (*.json)")
        )
        if not path:
            return False
        if not os.path.splitext(os.path.basename(path))[1]:
            path += ".json"
        return self.save(path)

    def save(self, path: str) -> bool:
        """Save the session to ``path`` (atomically); on failure say why, keep everything."""
        try:
            save_session(self.session(), path)
        except OSError as exc:
            QMessageBox.warning(
                self.window,
                self.tr("Could not save the run"),
                self.tr(
                    "Could not save the run to %1: %2. Nothing was lost; choose another "
                    "folder and try again."
                )
                .replace("%1", path)
                .replace("%2", reason_for(exc)),
            )
            return False
        self.window.settings.setValue("session/folder", os.path.dirname(path))
        self._set_file(path)
        self.window.statusBar().showMessage(
            self.tr("Saved the run to %1").replace("%1", path), 8000
        )
        return True

    # -- opening -------------------------------------------------------------------------
    def confirm_discard(self) -> bool:
        """True when there is no unsaved work, or the learner saved or dropped it."""
        if not self._modified:
            return True
        answer = QMessageBox.question(
            self.window,
            self.tr("Unsaved run"),
            self.tr("The current run has changes that are not saved. Save them first?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save_dialog()
        return answer == QMessageBox.StandardButton.Discard

    def open_dialog(self) -> None:
        if self._replay is not None or not self.confirm_discard():
            return
        folder = self.window.settings.value("session/folder", os.path.expanduser("~"), type=str)
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Open run"),
            folder,
            self.tr("Backprop Lab runs (*.json);;All files (*)"),
        )
        if path:
            self.open(path)

    def open_recent(self, path: str) -> None:
        if self._replay is None and self.confirm_discard():
            self.open(path)

    def open(self, path: str) -> ReplayThread | None:
        """Read ``path`` and rebuild its runs in the background (nothing changes until the
        replay has finished; a bad file changes nothing and says what and where)."""
        try:
            session = load_session(path)
        except OSError as exc:
            self._refuse(path, self.tr("it cannot be read: %1").replace("%1", reason_for(exc)))
            return None
        except SessionError as exc:
            self._refuse(path, self._where(exc))
            return None
        window = self.window
        window.state.set_running(False)
        window.parabola_state.set_running(False)
        thread = ReplayThread(session, self)
        progress = background_progress(
            window,
            "replay_progress",
            self.tr("Opening a run"),
            self.tr("Recomputing %1 steps of %2…")
            .replace("%1", f"{session.steps:,}")
            .replace("%2", os.path.basename(path)),
            self.tr("Cancel"),
            session.steps,
            Qt.WindowModality.WindowModal,
        )
        progress.canceled.connect(thread.cancel)
        thread.progressed.connect(lambda step, _steps: progress.setValue(step))
        thread.finished.connect(self._replayed)
        self._replay, self._progress, self._pending_path = thread, progress, path
        self.open_action.setEnabled(False)
        thread.start()
        return thread

    def rebuild(self, session: Session) -> Replayed:
        """Recompute a run that Undo or Redo brings back (it was kept without its history
        to save memory): a long one in the background, the window painted and a progress
        dialog keeping input away meanwhile, since the undo stack waits for the run."""
        if session.steps < BACKGROUND_REPLAY_STEPS:
            return replay(session, RESERVED_ROWS)
        thread = ReplayThread(session, self, with_curve=False)
        progress = background_progress(
            self.window,
            "rebuild_progress",
            self.tr("Bringing a run back"),
            self.tr("Recomputing the %1 steps of the run…").replace("%1", f"{session.steps:,}"),
            "",
            session.steps,
            Qt.WindowModality.WindowModal,
        )
        progress.setCancelButton(None)  # Undo cannot stop half-way
        thread.progressed.connect(lambda step, _steps: progress.setValue(step))
        loop = QEventLoop()
        thread.finished.connect(loop.quit)
        thread.start()
        # Paint and tick, but hold the learner's keys and clicks until the run is back:
        # the undo stack is inside a command, and a second Ctrl+Z (or Reset, an edit)
        # delivered now would re-enter it before the progress dialog (shown after a
        # moment) takes the input.  Held input is delivered after, in order.
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        thread.wait()  # the loop also ends when the application quits
        progress.close()
        progress.deleteLater()
        thread.deleteLater()
        # The thread object may outlive this call: it must not keep the run's history.
        replayed, error, thread.replayed = thread.replayed, thread.error, None
        if error is not None:
            raise error
        assert replayed is not None  # it cannot be cancelled
        return replayed

    def cancel(self) -> None:
        """Stop a replay in progress and wait for its thread (nothing is installed)."""
        if self._replay is not None:
            self._replay.cancel()
            self.wait()

    def wait(self) -> None:
        """Block until a replay has finished and been installed (tests, closing)."""
        if self._replay is not None:
            self._replay.wait()
            self._replayed()

    @property
    def replaying(self) -> ReplayThread | None:
        """The replay running in the background, if any."""
        return self._replay

    def _replayed(self) -> None:
        thread, progress, path = self._replay, self._progress, self._pending_path
        if thread is None:
            return
        self._replay = self._progress = None
        if progress is not None:
            progress.close()
            progress.deleteLater()
        thread.deleteLater()
        self.open_action.setEnabled(True)
        if thread.error is not None:
            self._refuse(path, self._where(thread.error))
            return
        if thread.cancelled or thread.replayed is None or thread.curve is None:
            self.window.statusBar().showMessage(
                self.tr("Opening cancelled; nothing changed."), 8000
            )
            return
        # The thread object may outlive this call: it must not keep the runs' histories.
        replayed, curve, thread.replayed, thread.curve = thread.replayed, thread.curve, None, None
        self._install(thread.session, replayed, curve)
        self._set_file(path)
        self.window.statusBar().showMessage(
            self.tr("Opened %1: %2 steps").replace("%1", path).replace("%2", f"{replayed.step:,}"),
            8000,
        )
        self.opened.emit(path)

    def _install(self, session: Session, replayed: Replayed, curve: History) -> None:
        """Make the replayed runs live as one undoable command."""
        window = self.window
        stack = window.undo_stack
        self._loading = True
        try:
            text = self.tr("Open run")
            stack.beginMacro(text)
            window.state.open_replayed(session, replayed, text)
            settings = session.curve
            parabola = window.parabola_state
            run = ParabolaRun(get_function(settings.function), settings.x0, settings.eta, curve)
            stack.push(SwapCommand(text, parabola.take_run, parabola.put_run, run))
            stack.endMacro()
            window.stop_conditions.set_rule(session.stop)
        finally:
            self._loading = False

    def _where(self, error: SessionError) -> str:
        where = error.where
        if error.line is not None:
            where = self.tr("line %1").replace("%1", str(error.line))
        return self.tr("at %1: %2").replace("%1", where).replace("%2", phrase(error.message, where))

    def _refuse(self, path: str, reason: str) -> None:
        QMessageBox.warning(
            self.window,
            self.tr("Cannot open the run"),
            self.tr("%1 cannot be opened, %2. Nothing was changed.")
            .replace("%1", os.path.basename(path))
            .replace("%2", reason),
        )

    # -- recent files --------------------------------------------------------------------
    def recent(self) -> list[str]:
        value = self.window.settings.value("session/recent", [], type=list)
        return [str(p) for p in value][:RECENT_COUNT]

    def _remember(self, path: str) -> None:
        paths = [path, *(p for p in self.recent() if p != path)][:RECENT_COUNT]
        self.window.settings.setValue("session/recent", paths)
        self._show_recent()

    def _show_recent(self) -> None:
        menu = self.recent_menu
        menu.clear()
        paths = self.recent()
        for i, path in enumerate(paths, 1):
            action = menu.addAction(f"&{i} {os.path.basename(path)}")
            action.setToolTip(path)
            action.setData(path)
            action.triggered.connect(lambda _=False, p=path: self.open_recent(p))
        menu.setEnabled(bool(paths))
