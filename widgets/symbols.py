"""How a model's names are shown: indices as subscripts, η for the learning rate."""

from __future__ import annotations

from engine.models import ETA

_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def field_symbol(name: str) -> str:
    """A field's symbol as plain text: w1 → w₁, eta → η; a word stays a word."""
    if name == ETA:
        return "η"
    head = name.rstrip("0123456789")
    if head and head != name and "_" not in name:
        return head + name[len(head) :].translate(_SUBSCRIPTS)
    return name
