"""Save screenshots of the window in the states a learner sees (offscreen).

Run: ``uv run python tests/tools/take_screenshots.py [OUT_DIR]`` (default ``shots/``).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

SCREENS = Path(__file__).resolve().parent.parent / "offscreen-screens.json"
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={SCREENS}")

from PySide6.QtCore import QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.main_window import MainWindow  # noqa: E402


def settle(app: QApplication, ms: int = 150) -> None:
    """Let timers and repaints run for a moment."""
    QTimer.singleShot(ms, app.quit)
    app.exec()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "shots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    for width, height in ((1280, 800), (1920, 1080)):
        settings = QSettings(os.path.join(tempfile.mkdtemp(), "s.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings=settings)
        window.show()
        window.resize(width, height)
        window.resizeDocks([window.parabola_dock], [int(width * 0.3)], Qt.Orientation.Horizontal)
        settle(app)
        window.grab().save(str(out / f"fresh-{width}.png"))
        for _ in range(10):
            window.step_once()
        for _ in range(10):
            window.parabola_panel.step()
        settle(app)
        window.grab().save(str(out / f"steps10-{width}.png"))
        window.explain_tabs.setCurrentWidget(window.graph_view)
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
    print(f"saved to {out}/")


if __name__ == "__main__":
    main()
