"""Plot axes whose tick labels keep apart at any text size (widgets.axis)."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.error_plot import ErrorPlot


def shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(800, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def tick_labels(axis) -> list[tuple[object, str]]:
    """(rectangle, text) of every tick label the axis draws now."""
    from PySide6.QtGui import QImage, QPainter

    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    painter.setFont(axis.style["tickFont"])
    try:
        _, _, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [(rect, text) for rect, _, text in texts]


def apart(labels) -> bool:
    rects = [rect for rect, _ in labels]
    return not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1 :])


@pytest.mark.parametrize("steps", [137, 20_001, 2_000_001])
def test_tick_labels_never_run_together_at_the_largest_text(qtbot, steps):
    from widgets.error_plot import scaled_font

    plot = shown(qtbot, ErrorPlot())
    plot.setFont(scaled_font(plot.font(), 2.0))  # View ▸ Larger text, at its largest
    plot.set_history(np.arange(steps, dtype=float), np.linspace(0.3, 0.0, steps))
    axis = plot.plot.getAxis("bottom")
    for width in range(260, 820, 40):
        plot.resize(width, 500)
        qtbot.wait(5)
        labels = tick_labels(axis)
        assert apart(labels), (width, [text for _, text in labels])
        if axis.width() >= 200:
            assert len(labels) >= 2, (width, [text for _, text in labels])


@pytest.mark.parametrize(
    ("values", "texts"),
    [
        ([0, 5000, 10000, 15000], ["0", "5k", "10k", "15k"]),
        ([0.0, 500_000.0, 1_500_000.0], ["0", "0.5M", "1.5M"]),
        ([0, 1, 2], None),  # small numbers: as pyqtgraph writes them
        ([10_000, 12_345], None),  # not exact with 3 digits: as they are
    ],
)
def test_large_step_numbers_are_written_short(values, texts):
    from widgets.axis import short_numbers

    assert short_numbers(values) == texts


@pytest.mark.parametrize("scale", [0.8, 1.0, 2.0])
def test_every_tick_label_is_whole_inside_the_plot(qtbot, scale):
    # Regression: a tick at the plot's top edge (E = 0.26 after a few steps) had its
    # label centred on the edge, so its upper half was cut off.
    from widgets.error_plot import label_axes, scaled_font

    plot = shown(qtbot, ErrorPlot())
    plot.setFont(scaled_font(plot.font(), scale))
    label_axes(plot.plot, plot.font(), "step", "error E")
    plot.set_history(np.arange(6, dtype=float), np.linspace(0.26, 0.2147, 6))
    plot.plot.getPlotItem().vb.setRange(yRange=(0.2, 0.26), xRange=(0, 5), padding=0)
    qtbot.wait(20)
    view = plot.plot.rect()
    for name in ("left", "bottom"):
        axis = plot.plot.getAxis(name)
        labels = tick_labels(axis)
        assert labels, name
        for rect, text in labels:
            scene = axis.mapRectToScene(rect)
            on_screen = plot.plot.mapFromScene(scene).boundingRect()
            assert view.contains(on_screen), (name, text, on_screen, view)
