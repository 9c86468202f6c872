"""Save screenshots of the window in the states a learner sees (offscreen).

Run: ``uv run python tests/tools/take_screenshots.py [OUT_DIR]`` (default ``shots/``).

The Chinese screenshots need a font with Chinese characters, or they show boxes: on Debian
or Ubuntu ``sudo apt-get install fonts-noto-cjk`` (``.ci/run`` installs it).  The 200 %
screenshot comes from a second process started with ``QT_SCALE_FACTOR=2``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SCREENS = Path(__file__).resolve().parent.parent / "offscreen-screens.json"
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={SCREENS}")

from PySide6.QtCore import QEventLoop, QPoint, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication, QProgressDialog  # noqa: E402

from app import language  # noqa: E402
from app.main_window import MainWindow  # noqa: E402
from engine import NeuronConfig, csvio  # noqa: E402
from engine.limits import MAX_STEPS  # noqa: E402


def settle(app: QApplication, ms: int = 150) -> None:
    """Let timers and repaints run for a moment.

    A local event loop: QApplication.quit() would also close the window (Qt 6), and a
    closed window's tabs are not redrawn any more.
    """
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def surface_shots(app: QApplication, out: Path) -> None:
    """The Surface tab after 50 steps, the slice overshooting at a large η, the slopes."""
    settings = QSettings(os.path.join(tempfile.mkdtemp(), "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    window.resize(1280, 800)
    window.show()
    settle(app)
    window.explain_tabs.setCurrentWidget(window.surface.map)
    for _ in range(50):
        window.step_once()
    settle(app, 300)
    window.grab().save(str(out / "surface-map-1280.png"))
    window.explain_tabs.setCurrentWidget(window.surface.slopes)
    settle(app, 300)
    window.grab().save(str(out / "slopes-1280.png"))
    # E along b1 with a linear output is a parabola of curvature 1, like the notes' x²:
    # at η = 2.5 the step lands beyond the valley, higher than it started.
    window.state.reset()
    window.state.set_config(NeuronConfig(activation="linear"))
    window.state.set_param("eta", 2.5)
    window.surface.slopes.choice.setCurrentText("b1")
    settle(app, 300)
    window.grab().save(str(out / "surface-slice-1280.png"))
    window.close()


def sizes_and_languages(app: QApplication, out: Path) -> None:
    """The window in Chinese and English at small and large sizes, and with the largest text."""
    shots = (
        ("zh_CN", 1280, 800, 1.0, "zh_CN-1280x800.png"),
        ("zh_CN", 1000, 700, 1.0, "zh_CN-1000x700.png"),
        ("en", 1000, 700, 1.0, "en-1000x700.png"),
        ("en", 1280, 800, 2.0, "en-largest-text-1280x800.png"),
    )
    for code, width, height, scale, name in shots:
        language.apply_language(code)
        window = _ten_steps(app, width, height, scale)
        window.grab().save(str(out / name))
        window.close()
    language.apply_language(language.ENGLISH)


def _ten_steps(app: QApplication, width: int, height: int, scale: float = 1.0) -> MainWindow:
    settings = QSettings(os.path.join(tempfile.mkdtemp(), "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    window.resize(width, height)
    window.show()
    window.set_text_scale(scale)
    settle(app)
    for _ in range(10):
        window.step_once()
    for _ in range(5):
        window.parabola_panel.step()
    settle(app, 300)
    return window


def at_200_percent(out: Path) -> None:
    """1920 x 1080 at QT_SCALE_FACTOR=2: a 960 x 540 window (in a child process)."""
    if os.environ.get("QT_SCALE_FACTOR") == "2":
        app = QApplication([])
        window = _ten_steps(app, 960, 540)
        window.grab().save(str(out / "en-960x540-at-200-percent.png"))
        return
    env = {**os.environ, "QT_SCALE_FACTOR": "2"}
    subprocess.run([sys.executable, __file__, str(out), "--200"], env=env, check=True)


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "shots")
    out.mkdir(parents=True, exist_ok=True)
    if sys.argv[2:] == ["--200"]:
        at_200_percent(out)
        return
    at_200_percent(out)
    app = QApplication([])
    surface_shots(app, out)
    sizes_and_languages(app, out)
    for width, height in ((1280, 800), (1920, 1080)):
        settings = QSettings(os.path.join(tempfile.mkdtemp(), "s.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings=settings)
        window.resize(width, height)
        window.show()
        settle(app)
        window.grab().save(str(out / f"fresh-{width}.png"))
        for _ in range(10):
            window.step_once()
        for _ in range(10):
            window.parabola_panel.step()
        settle(app)
        window.grab().save(str(out / f"steps10-{width}.png"))
        window.explain_tabs.setCurrentWidget(window.graph_scroll)
        settle(app)
        window.grab().save(str(out / f"graph-{width}.png"))
        window.explain_tabs.setCurrentWidget(window.chain_rule_view)
        window.controls.speed_control.setValue(window.controls.speed_control.maximum())
        window.toggle_running()
        settle(app, 1500)
        window.grab().save(str(out / f"running-{width}.png"))
        window.toggle_running()
        window.parabola_panel.eta_field.setValue(1.5)
        window.parabola_state.set_eta(1.5)
        window.parabola_panel.step()
        window.parabola_state.advance(5000)
        settle(app)
        window.grab().save(str(out / f"parabola-diverged-{width}.png"))
        window.explain_tabs.setCurrentWidget(window.hand_check)
        window.state.reset()
        window.hand_check.fill_notes()
        window.parabola_state.set_eta(1.0)
        window.parabola_state.advance(7)
        settle(app)
        window.grab().save(str(out / f"hand-check-and-bounce-{width}.png"))
        window.close()
    two_two_two(app, out)
    long_runs(app, out)
    print(f"saved to {out}/")


def two_two_two(app: QApplication, out: Path) -> None:
    """The 2-2-2 network after one step at 1280 x 800: its chain rule and its graph."""
    from engine.models import get_model

    settings = QSettings(os.path.join(tempfile.mkdtemp(), "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    window.show()
    window.resize(1280, 800)
    window.resizeDocks([window.parabola_dock], [int(1280 * 0.3)], Qt.Orientation.Horizontal)
    window.state.set_model(get_model("2-2-2"))
    settle(app)
    window.step_once()
    settle(app)
    # Scroll to the hidden weight w1, where the two paths meet: its equation at the top.
    view = window.chain_rule_view
    cursor = view.document().find("∂E/∂w1 =")
    view.verticalScrollBar().setValue(
        view.verticalScrollBar().value() + view.cursorRect(cursor).top() - 8
    )
    settle(app)
    window.grab().save(str(out / "two-two-two-chain-1280.png"))
    # The graph wants width: close the curve's dock and give the tabs most of the height,
    # as a learner studying it would.
    window.parabola_dock.hide()
    window.explain_tabs.setCurrentWidget(window.graph_scroll)
    plots = window.explain_tabs.parentWidget()
    plots.setSizes([560, 200])
    settle(app)
    window.grab().save(str(out / "two-two-two-graph-1280.png"))
    window.close()


def long_runs(app: QApplication, out: Path) -> None:
    """The timeline looking back, the note at the step limit, an export's progress."""
    settings = QSettings(os.path.join(tempfile.mkdtemp(), "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    window.show()
    window.resize(1280, 800)
    window.state.advance(3000)
    settle(app)
    window.state.set_view(3)
    settle(app)
    window.grab().save(str(out / "timeline-1280.png"))
    window.back_to_live_action.trigger()
    window.state.advance(MAX_STEPS)  # stops at the limit with its note
    settle(app)
    window.grab().save(str(out / "limit-1280.png"))
    # Hold the export after a few blocks so that its dialog can be seen.
    gate = threading.Event()
    real_chunks = csvio.csv_chunks

    def held(history, *args):
        for k, chunk in enumerate(real_chunks(history, 16_384)):
            if k == 25:
                gate.wait(20)
            yield chunk

    csvio.csv_chunks = held
    window.export_history(window.state.history, os.path.join(tempfile.mkdtemp(), "run.csv"))
    began = time.perf_counter()
    while time.perf_counter() - began < 2.0:  # the blocks before the hold, and the dialog
        app.processEvents()
    dialog = window.findChild(QProgressDialog, "export_progress")
    image = window.grab()
    painter = QPainter(image)  # the dialog is a window of its own: draw it in place
    painter.drawPixmap(dialog.mapToGlobal(QPoint()) - window.mapToGlobal(QPoint()), dialog.grab())
    painter.end()
    image.save(str(out / "export-progress-1280.png"))
    dialog.canceled.emit()
    gate.set()
    window.wait_for_export()
    csvio.csv_chunks = real_chunks
    window.close()


if __name__ == "__main__":
    main()
