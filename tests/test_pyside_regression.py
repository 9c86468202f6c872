"""Guard against PySide6 builds that crash under live pyqtgraph plotting.

PySide6 6.12.0 on Python 3.11 aborts the interpreter ("Fatal Python error: none_dealloc")
within a second of repainting a live plot, which is exactly what auto-run does: with the
script below it dies after 30 to 60 frames.  The project pins ``PySide6-Essentials<6.12``;
this test runs the same pattern in a child process (a crash there cannot take the test run
down with it) so that a future bump is checked.

The child draws a fixed number of frames (ten times what 6.12.0 survives), whatever the
machine's speed: a frame count, not a time budget, so a busy machine cannot fail it.
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
    frames = int(sys.argv[1])
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

    widget.close()
    app.processEvents()
    print("frames", done)
    """
)

FRAMES = 300


def test_live_plot_repaint_does_not_crash_the_interpreter():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(FRAMES)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert "Fatal Python error" not in result.stderr, result.stderr[-4000:]
    assert result.returncode == 0, result.stderr[-4000:]
    frames = int(result.stdout.split()[-1])
    assert frames == FRAMES
