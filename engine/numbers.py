"""Reading numbers as a person types them, with messages a learner understands."""

from __future__ import annotations

import math
import re

# Plain decimal or scientific notation: 0.05, .05, 5e-2, -3, 1E3.  No "nan", "inf",
# underscores, thousands separators or hex, which float() would otherwise accept.
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_COUNT = re.compile(r"\+?\d+")


def parse_number(text: str) -> float:
    """Parse a finite decimal number; raise ValueError with a plain-words reason."""
    cleaned = text.strip().replace("\u2212", "-")  # accept the real minus sign we display
    if not cleaned:
        raise ValueError("is empty; enter a number such as 0.5")
    if not _NUMBER.fullmatch(cleaned):
        lowered = cleaned.lower().lstrip("+-")
        if lowered in {"nan", "inf", "infinity"}:
            raise ValueError(f"must be an ordinary finite number, not {cleaned!r}")
        if re.fullmatch(r"[+-]?\d+,\d+", cleaned):
            raise ValueError(
                f"uses a comma: write decimals with a dot, e.g. {cleaned.replace(',', '.')}"
            )
        raise ValueError(f"{cleaned!r} is not a number; try something like 0.05, -3 or 5e-2")
    value = float(cleaned)
    if math.isinf(value):
        raise ValueError(f"{cleaned} is too large to compute with (the limit is about 1.8e308)")
    return value


def parse_count(text: str, maximum: int = 10**9) -> int:
    """Parse a whole number of steps between 0 and ``maximum``."""
    cleaned = text.strip()
    if not cleaned:
        raise ValueError("is empty; enter a whole number such as 100")
    if not _COUNT.fullmatch(cleaned):
        raise ValueError(f"must be a whole number of 0 or more, not {cleaned!r}")
    value = int(cleaned)
    if value > maximum:
        raise ValueError(f"{value:,} is too many; the limit is {maximum:,}")
    return value


def format_number(value: float, digits: int = 12) -> str:
    """Show a float with ``digits`` significant digits, without trailing noise."""
    if value == 0.0:
        return "0"
    return f"{value:.{digits}g}"
