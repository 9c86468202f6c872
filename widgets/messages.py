"""The window's sentences for the engine's messages: translatable, keyed by message code.

The engine reports a code and its values (:mod:`engine.messages`); this module is the one
place that turns them into the window's words, through Qt's translation.  It never looks
at the English text, so a translation can phrase every message its own way.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from engine.messages import EngineError, Message, fill
from engine.numbers import display_number

# Marked for translation here (context "Messages"), translated in phrase().  The placeholders
# are the same as in engine.messages.ENGLISH; a test checks that both cover every code.
_SENTENCES = {
    "number.empty": QT_TRANSLATE_NOOP("Messages", "{name} is empty; enter a number such as 0.5"),
    "number.not_finite": QT_TRANSLATE_NOOP(
        "Messages", "{name} must be an ordinary finite number, not '{text}'"
    ),
    "number.comma": QT_TRANSLATE_NOOP(
        "Messages", "{name} uses a comma: write decimals with a dot, e.g. {suggestion}"
    ),
    "number.not_a_number": QT_TRANSLATE_NOOP(
        "Messages", "{name}: '{text}' is not a number; try something like 0.05, -3 or 5e-2"
    ),
    "number.too_large": QT_TRANSLATE_NOOP(
        "Messages", "{name}: {text} is too large to compute with (the limit is about 1.8e308)"
    ),
    "count.empty": QT_TRANSLATE_NOOP(
        "Messages", "{name} is empty; enter a whole number such as 100"
    ),
    "count.not_whole": QT_TRANSLATE_NOOP(
        "Messages", "{name} must be a whole number of 0 or more, not '{text}'"
    ),
    "count.too_many": QT_TRANSLATE_NOOP(
        "Messages", "{name}: {value} is too many; the limit is {maximum}"
    ),
    "choice.activation": QT_TRANSLATE_NOOP(
        "Messages", "{name}: unknown activation '{text}'; choose one of {choices}"
    ),
    "choice.loss": QT_TRANSLATE_NOOP(
        "Messages", "{name}: unknown loss '{text}'; choose one of {choices}"
    ),
    "choice.function": QT_TRANSLATE_NOOP(
        "Messages", "{name}: unknown function '{text}'; choose one of {choices}"
    ),
    "choice.model": QT_TRANSLATE_NOOP(
        "Messages", "{name}: unknown model '{text}'; choose one of {choices}"
    ),
    "choice.parameter": QT_TRANSLATE_NOOP(
        "Messages", "{name}: unknown parameter '{text}'; choose from {choices}"
    ),
    "surface.same_axis": QT_TRANSLATE_NOOP(
        "Messages", "{name}: {text} is named twice; choose two different parameters"
    ),
    "surface.range_empty": QT_TRANSLATE_NOOP(
        "Messages", "{name} is empty: the low end {low} must be below the high end {high}"
    ),
    "surface.grid_size": QT_TRANSLATE_NOOP(
        "Messages",
        "{name} must be a whole number of points per side from {minimum} to {maximum}, "
        "not '{text}'",
    ),
    "loss.target_domain": QT_TRANSLATE_NOOP(
        "Messages",
        "{name} = {target} cannot be used with binary cross-entropy: it needs a target "
        "between 0 and 1 (a probability)",
    ),
    "loss.out_domain": QT_TRANSLATE_NOOP(
        "Messages", "binary cross-entropy needs 0 < out < 1, but out = {out}"
    ),
    "start.not_finite": QT_TRANSLATE_NOOP(
        "Messages", "{quantity} is not a finite number for these starting values"
    ),
    "edit.not_finite": QT_TRANSLATE_NOOP(
        "Messages", "these values give a result that is not a finite number"
    ),
    "parabola.start_not_finite": QT_TRANSLATE_NOOP(
        "Messages", "{quantity} is not a finite number at x₀ = {x0}"
    ),
    "run.diverged": QT_TRANSLATE_NOOP(
        "Messages",
        "diverged at step {step}: {quantity} is no longer a finite number ({value}); "
        "the run stopped at step {last}, the last finite state",
    ),
    "run.out_domain": QT_TRANSLATE_NOOP(
        "Messages",
        "stopped at step {step}: binary cross-entropy needs 0 < out < 1, but out = {out}; "
        "the run stopped at step {last}, the last finite state",
    ),
    "session.too_large": QT_TRANSLATE_NOOP(
        "Messages", "is larger than {megabytes} MB; not a session file"
    ),
    "session.not_utf8": QT_TRANSLATE_NOOP("Messages", "is not UTF-8 text (byte {byte})"),
    "session.constant": QT_TRANSLATE_NOOP("Messages", "{text} is not a number a session may hold"),
    "session.not_json": QT_TRANSLATE_NOOP("Messages", "not valid JSON: {text}"),
    "session.too_deep": QT_TRANSLATE_NOOP("Messages", "is nested too deeply; not a session file"),
    "session.format": QT_TRANSLATE_NOOP(
        "Messages", "must be '{expected}'; this is not a session file"
    ),
    "session.version": QT_TRANSLATE_NOOP(
        "Messages", "is {version}; this program reads version {supported} sessions"
    ),
    "session.choice": QT_TRANSLATE_NOOP("Messages", "must be one of {choices}, not '{text}'"),
    "session.not_object": QT_TRANSLATE_NOOP("Messages", "must be a JSON object"),
    "session.not_values": QT_TRANSLATE_NOOP(
        "Messages", "must be a JSON object of values, such as one weight and its number"
    ),
    "session.missing": QT_TRANSLATE_NOOP("Messages", "is missing"),
    "session.unknown_field": QT_TRANSLATE_NOOP("Messages", "is not a field of a session file"),
    "session.not_number": QT_TRANSLATE_NOOP("Messages", "must be a number, not {text}"),
    "session.not_finite": QT_TRANSLATE_NOOP("Messages", "must be a finite number"),
    "session.not_whole": QT_TRANSLATE_NOOP("Messages", "must be a whole number"),
    "session.out_of_range": QT_TRANSLATE_NOOP(
        "Messages", "must be between 0 and {most}, not {value}"
    ),
    "session.not_names": QT_TRANSLATE_NOOP("Messages", "must be a list of parameter names"),
    "session.not_parameter": QT_TRANSLATE_NOOP(
        "Messages", "'{text}' is not a parameter of the {model} model"
    ),
    "session.not_list": QT_TRANSLATE_NOOP("Messages", "must be a list"),
    "session.too_many_edits": QT_TRANSLATE_NOOP("Messages", "has more than {most} edits"),
    "session.edit_at_start": QT_TRANSLATE_NOOP("Messages", "must be at least 1"),
    "session.edit_out_of_order": QT_TRANSLATE_NOOP("Messages", "must not be before the edit above"),
    "session.diverges": QT_TRANSLATE_NOOP(
        "Messages",
        "the run stops being finite at step {step}; the file does not match this program's numbers",
    ),
    "session.curve_stops": QT_TRANSLATE_NOOP("Messages", "the curve's run stops at step {step}"),
    "session.invalid": QT_TRANSLATE_NOOP("Messages", "{text}"),
    "run.dead_relu": QT_TRANSLATE_NOOP(
        "Messages",
        "nothing moves: net = {net} is not above 0, so the ReLU gives out = 0 and "
        "dout/dnet = 0, and every gradient is 0",
    ),
}


def codes() -> frozenset[str]:
    """Every message code the window can phrase."""
    return frozenset(_SENTENCES)


def phrase(message: Message | EngineError, name: str = "") -> str:
    """The window's (translated) sentence for an engine message, calling its input ``name``."""
    if isinstance(message, EngineError):
        message = message.message
    template = QCoreApplication.translate("Messages", _SENTENCES[message.code])
    return fill(template, message, name, display_number)  # as every view writes numbers
