"""View ▸ Larger text / Smaller text: a few fixed steps around the system's font size."""

from __future__ import annotations

#: The text sizes offered, as factors of the system's font size (1.0 is the default).
SCALES: tuple[float, ...] = (0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0)
#: The settings key that remembers the chosen factor.
SETTINGS_KEY = "view/text_scale"
#: The chain rule and the graph read better a little larger than the rest (13 and 11 pt
#: beside Qt's usual 9 pt).
CHAIN_RULE_SCALE = 13 / 9
GRAPH_SCALE = 11 / 9


def nearest(scale: object) -> float:
    """The offered factor nearest to ``scale`` (1.0 for anything that is not a number)."""
    try:
        wanted = float(scale)
    except (TypeError, ValueError):
        return 1.0
    if wanted != wanted:  # NaN from a damaged settings file
        return 1.0
    return min(SCALES, key=lambda s: abs(s - wanted))


def step(scale: float, direction: int) -> float:
    """The next factor up (direction > 0) or down, staying at the ends."""
    index = SCALES.index(nearest(scale)) + (1 if direction > 0 else -1)
    return SCALES[min(max(index, 0), len(SCALES) - 1)]
