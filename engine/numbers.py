"""Reading numbers as a person types them, with messages a learner understands."""

from __future__ import annotations

import math
import re

from .messages import EngineError

# Plain decimal or scientific notation: 0.05, .05, 5e-2, -3, 1E3.  No "nan", "inf",
# underscores, thousands separators or hex, which float() would otherwise accept.
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_COUNT = re.compile(r"\+?\d+")


def parse_number(text: str) -> float:
    """Parse a finite decimal number; raise ValueError with a plain-words reason."""
    cleaned = text.strip().replace("\u2212", "-")  # accept the real minus sign we display
    if not cleaned:
        raise EngineError("number.empty")
    if not _NUMBER.fullmatch(cleaned):
        lowered = cleaned.lower().lstrip("+-")
        if lowered in {"nan", "inf", "infinity"}:
            raise EngineError("number.not_finite", text=cleaned)
        if re.fullmatch(r"[+-]?\d+,\d+", cleaned):
            raise EngineError("number.comma", text=cleaned, suggestion=cleaned.replace(",", "."))
        raise EngineError("number.not_a_number", text=cleaned)
    value = float(cleaned)
    if math.isinf(value):
        raise EngineError("number.too_large", text=cleaned)
    return value


def parse_count(text: str, maximum: int = 10**9) -> int:
    """Parse a whole number of steps between 0 and ``maximum``."""
    cleaned = text.strip()
    if not cleaned:
        raise EngineError("count.empty")
    if not _COUNT.fullmatch(cleaned):
        raise EngineError("count.not_whole", text=cleaned)
    value = int(cleaned)
    if value > maximum:
        raise EngineError("count.too_many", value=value, maximum=maximum)
    return value


def format_number(value: float, digits: int = 12) -> str:
    """Show a float with ``digits`` significant digits, without trailing noise."""
    if value == 0.0:
        return "0"
    return f"{value:.{digits}g}"


#: The minus sign every view shows (U+2212, not a hyphen); parse_number accepts it back.
MINUS = "\u2212"


def display_number(value: float, digits: int = 12) -> str:
    """A number for people to read: ``digits`` significant digits, a real minus sign, and
    ∞ or NaN for what is not finite.  Every view formats numbers with this."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "∞" if value > 0 else MINUS + "∞"
    return format_number(value, digits).replace("-", MINUS)


def operand(value: float, digits: int = 12) -> str:
    """A number substituted after an operator: a negative one goes in parentheses."""
    text = display_number(value, digits)
    return f"({text})" if text.startswith(MINUS) else text


def symbol_html(name: str) -> str:
    """A name as HTML with its index as a subscript: w<sub>1</sub>, out<sub>h1</sub>."""
    if "_" in name:
        base, _, index = name.partition("_")
        return f"{base}<sub>{index}</sub>"
    if name[-1:].isdigit() and not name[:-1][-1:].isdigit():
        return f"{name[:-1]}<sub>{name[-1]}</sub>"
    return name
