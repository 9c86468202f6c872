"""Guard against PySide6 builds that crash under live pyqtgraph plotting.

PySide6 6.12.0 on Python 3.11 aborts the interpreter ("Fatal Python error: none_dealloc")
within a second of repainting a live plot, which is exactly what auto-run does: with the
script below it dies after 30 to 60 frames.  The project pins ``PySide6-Essentials<6.12``;
this test runs the same pattern in a child process (a crash there cannot take the test run
down with it) so that a future bump is checked.

The child draws up to ``MAX_FRAMES`` frames but stops after ``TIME_BUDGET`` seconds, so the
test stays short on a slow or busy machine; it must still reach ``MIN_FRAMES``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import math
    import sys
    import time

    import numpy as np
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    widget = pg.PlotWidget(title="live plot")
    widget.resize(320, 240)
    curve = widget.plot(pen="y")
    ball = widget.plot(symbol="o", pen=None)
    widget.show()
    app.processEvents()

    x = np.linspace(-10.0, 10.0, 200)
    frames, budget = int(sys.argv[1]), float(sys.argv[2])
    deadline = time.monotonic() + budget
    done = 0
    for frame in range(frames):
        n = 20 + frame % 180
        y = np.sin(x[:n] * (1.0 + frame / frames)) * math.exp(-frame / frames)
        curve.setData(x[:n], y)
        ball.setData([x[n - 1]], [y[-1]])
        widget.setTitle(f"step {frame}")
        if frame % 10 == 0:
            widget.grab()
        else:
            widget.repaint()
        app.processEvents()
        done += 1
        if time.monotonic() > deadline:
            break

    widget.close()
    app.processEvents()
    print("frames", done)
    """
)

MAX_FRAMES = 3000
MIN_FRAMES = 300
TIME_BUDGET = 10.0  # seconds of drawing


def test_live_plot_repaint_does_not_crash_the_interpreter():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(MAX_FRAMES), str(TIME_BUDGET)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Fatal Python error" not in result.stderr, result.stderr[-4000:]
    assert result.returncode == 0, result.stderr[-4000:]
    frames = int(result.stdout.split()[-1])
    assert frames >= MIN_FRAMES, f"only {frames} frames in {TIME_BUDGET} s"
