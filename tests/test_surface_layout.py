"""The Surface and Slopes tabs fit small windows at every text size: nothing cut, no plot
crushed (the page scrolls down instead)."""

from __future__ import annotations

import contextlib

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QScrollArea, QWidget
from pytestqt.exceptions import TimeoutError as WaitTimeout
from test_app_layout import _open, _settled

from app import text_size
from engine.models import MODELS


def _least(page) -> float:
    """A plot's inside is at least three lines of the page's text, each way."""
    return 3 * QFontMetricsF(page.font()).height()


def _crushed(window, page) -> list[str]:
    """Every plot of the page whose inside is too small, and every text or plot that
    reaches beyond the page's width (cut, or only seen by scrolling sideways)."""
    surface = window.surface
    least = _least(page)
    plots = {}
    if page is surface.map:
        plots["map"] = surface.map.plot.getPlotItem()
    else:
        plots["slice"] = surface.slice.plot.getPlotItem()
        for plot, label in surface.slopes.factor_plots():
            plots[label.text.split("<br>")[0]] = plot
    found = []
    for name, plot in plots.items():
        size = plot.getViewBox().size()
        if size.width() < least or size.height() < least:
            found.append(f"{name}: {size.width():.0f} x {size.height():.0f} < {least:.0f}")
    for label in page.findChildren(QLabel):
        # A word-wrapped label's least width is its longest word's: wider, it is cut.
        shown = label.isVisible() and label.wordWrap() and label.text()
        if shown and QLabel.minimumSizeHint(label).width() > label.width():
            found.append(f"a word of {label.objectName()} {label.text()[:30]!r} is cut")
    page_area = page.findChild(QScrollArea, "page_scroll")
    if page_area is None or page_area.horizontalScrollBar().maximum() > 0:
        return [*found, "the page scrolls sideways (or does not scroll at all)"]
    content = page_area.widget()
    for child in content.findChildren(QWidget):
        # Laid out inside the page (a column laid out taller than the page lost its end).
        inside = content.rect().contains(child.geometry())
        if child.parent() is content and child.isVisible() and not inside:
            found.append(f"{child.objectName()} {child.geometry()} outside {content.rect()}")
    for box in [*content.findChildren(QAbstractButton), *content.findChildren(QComboBox)]:
        # The controls flow onto more rows rather than scroll sideways out of sight.
        left = box.mapTo(content, QPoint(0, 0)).x()
        if box.isVisible() and left + box.width() > page_area.viewport().width():
            found.append(f"{box.objectName()} reaches beyond the page")
    if page is surface.slopes:
        view = surface.slopes.plots
        right = view.viewport().width() + 1
        for plot, label in surface.slopes.factor_plots():
            if label.item.boundingRect().width() > label.geometry().width() + 1:
                found.append(f"title {label.text[:20]!r} is cut")
            if max(label.geometry().right(), plot.geometry().right()) > right:
                found.append(f"{label.text[:20]!r} reaches beyond the page")
    return found


def test_the_chinese_surface_and_slopes_fit_the_smallest_window(qtbot, settings):
    from app import language

    assert language.apply_language(language.CHINESE)
    try:
        _check(qtbot, settings, "2-2-2", 960, 540, (1.0, 2.0))
    finally:
        language.apply_language(language.ENGLISH)


@pytest.mark.parametrize("model", ["neuron", "2-2-2"])
@pytest.mark.parametrize(("width", "height"), [(1000, 700), (960, 540)])
def test_surface_and_slopes_fit_small_windows_at_every_text_size(
    qtbot, settings, model, width, height
):
    _check(qtbot, settings, model, width, height, text_size.SCALES)


def _check(qtbot, settings, model, width, height, scales) -> None:
    window = _open(qtbot, settings, width, height)
    window.state.set_model(MODELS[model])
    for _ in range(3):
        window.step_once()
    for scale in scales:
        window.set_text_scale(scale)
        for page in (window.surface.map, window.surface.slopes):
            window.explain_tabs.setCurrentWidget(page)
            assert _settled(qtbot, window) == [], (scale, page.objectName())
            with contextlib.suppress(AssertionError, WaitTimeout):  # the assert shows what
                qtbot.waitUntil(lambda page=page: _crushed(window, page) == [], timeout=2000)
            assert _crushed(window, page) == [], (scale, page.objectName())
        assert (window.width(), window.height()) == (width, height)


def test_the_slopes_page_is_laid_out_within_its_scroll_area(qtbot, settings):
    """Its word-wrapped read-outs made the column lay out at its preferred heights, taller
    than the scroll area sized it: the last factor plots were cut off."""
    window = _open(qtbot, settings, 1000, 700)
    window.state.set_model(MODELS["2-2-2"])
    for _ in range(5):
        window.step_once()
    slopes = window.surface.slopes
    window.explain_tabs.setCurrentWidget(slopes)
    qtbot.wait(100)
    content = slopes.page_area.widget()
    assert content.height() > slopes.page_area.viewport().height()  # it scrolls down
    assert slopes.plots.geometry().bottom() < content.height()
    assert slopes.plots.height() >= slopes.plots.minimumHeight()
