"""The window's sentences for the engine's messages: translatable, keyed by message code.

The engine reports a code and its values (:mod:`engine.messages`); this module is the one
place that turns them into the window's words, through Qt's translation.  It never looks
at the English text, so a translation can phrase every message its own way.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from engine.messages import EngineError, Message, fill, format_value
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
    "check.not_finite": QT_TRANSLATE_NOOP("Messages", "is not a finite number"),
    "check.follows": QT_TRANSLATE_NOOP(
        "Messages", "follows correctly from your earlier value of {values}; fix that first"
    ),
    "check.follows_many": QT_TRANSLATE_NOOP(
        "Messages", "follows correctly from your earlier values of {values}; fix that first"
    ),
    "check.follows_fix": QT_TRANSLATE_NOOP(
        "Messages", "follows correctly from your earlier value of {values}; fix {fix} first"
    ),
    "check.follows_many_fix": QT_TRANSLATE_NOOP(
        "Messages", "follows correctly from your earlier values of {values}; fix {fix} first"
    ),
    "check.own_also_wrong": QT_TRANSLATE_NOOP(
        "Messages", "{hint}; from your earlier values, {worked} (and your {values} is wrong too)"
    ),
    "check.own_also_wrong_many": QT_TRANSLATE_NOOP(
        "Messages", "{hint}; from your earlier values, {worked} (and your {values} are wrong too)"
    ),
    "check.differs_own": QT_TRANSLATE_NOOP(
        "Messages", "differs from what your earlier values give: {worked}"
    ),
    "check.differs": QT_TRANSLATE_NOOP("Messages", "differs from the correct value"),
    "check.factor_ten_large": QT_TRANSLATE_NOOP(
        "Messages",
        "off by a factor of {factor}: check the decimal point (yours is {factor} times too large)",
    ),
    "check.factor_ten_small": QT_TRANSLATE_NOOP(
        "Messages",
        "off by a factor of {factor}: check the decimal point (yours is {factor} times too small)",
    ),
    "check.factor_ten_sign_large": QT_TRANSLATE_NOOP(
        "Messages",
        "off by a factor of {factor} and the sign is wrong: check the decimal point and "
        "the sign (yours is {factor} times too large)",
    ),
    "check.factor_ten_sign_small": QT_TRANSLATE_NOOP(
        "Messages",
        "off by a factor of {factor} and the sign is wrong: check the decimal point and "
        "the sign (yours is {factor} times too small)",
    ),
    "check.wrong_sign": QT_TRANSLATE_NOOP("Messages", "right size, wrong sign"),
    "check.wrong_sign_because": QT_TRANSLATE_NOOP("Messages", "right size, wrong sign: {reason}"),
    "check.delta_sign_half_sse": QT_TRANSLATE_NOOP(
        "Messages", "∂E/∂out = out − target (the inner derivative of target − out is −1)"
    ),
    "check.delta_sign_mse": QT_TRANSLATE_NOOP(
        "Messages", "∂E/∂out = 2(out − target) (the inner derivative of target − out is −1)"
    ),
    "check.value_flipped": QT_TRANSLATE_NOOP(
        "Messages",
        "this is the value for 1/(1+e^net) (sigmoid with the sign flipped); the "
        "standard sigmoid is 1/(1+e^−net)",
    ),
    "check.value_standard": QT_TRANSLATE_NOOP(
        "Messages",
        "this is the value for the standard sigmoid 1/(1+e^−net); this neuron uses 1/(1+e^net)",
    ),
    "check.out_standard": QT_TRANSLATE_NOOP(
        "Messages",
        "this is the standard sigmoid 1/(1+e^−net); this neuron uses 1/(1+e^net) (the "
        "sign flipped, as the notes print it)",
    ),
    "check.slope_flipped": QT_TRANSLATE_NOOP(
        "Messages",
        "−out(1−out) is the derivative of 1/(1+e^net); for the standard sigmoid "
        "1/(1+e^−net) it is out(1−out)",
    ),
    "check.slope_standard": QT_TRANSLATE_NOOP(
        "Messages",
        "out(1−out) is the derivative of the standard sigmoid; for 1/(1+e^net) it is −out(1−out)",
    ),
    "check.twice_half_sse_error": QT_TRANSLATE_NOOP(
        "Messages",
        "twice what it should be: that is (target − out)² (MSE); here E = ½(target − "
        "out)² (half-SSE)",
    ),
    "check.twice_half_sse_delta": QT_TRANSLATE_NOOP(
        "Messages",
        "twice what it should be: 2(out − target) is the derivative of (target − out)² "
        "(MSE); for ½(target − out)² (half-SSE) it is out − target",
    ),
    "check.twice_half_sse_grad": QT_TRANSLATE_NOOP(
        "Messages",
        "twice what it should be: is your ∂E/∂out from (target − out)² (MSE) instead of "
        "½(target − out)² (half-SSE)?",
    ),
    "check.half_mse_error": QT_TRANSLATE_NOOP(
        "Messages",
        "half what it should be: that is ½(target − out)² (half-SSE); here E = (target "
        "− out)² (MSE)",
    ),
    "check.half_mse_delta": QT_TRANSLATE_NOOP(
        "Messages",
        "half what it should be: out − target is the derivative of ½(target − out)² "
        "(half-SSE); for (target − out)² (MSE) it is 2(out − target)",
    ),
    "check.half_mse_grad": QT_TRANSLATE_NOOP(
        "Messages",
        "half what it should be: is your ∂E/∂out from ½(target − out)² (half-SSE) "
        "instead of (target − out)² (MSE)?",
    ),
    "check.twice": QT_TRANSLATE_NOOP(
        "Messages",
        "twice what it should be: a factor 2 too many or too few? (½(target − out)² "
        "(half-SSE) vs (target − out)² (MSE))",
    ),
    "check.half": QT_TRANSLATE_NOOP(
        "Messages",
        "half what it should be: a factor 2 too many or too few? (½(target − out)² "
        "(half-SSE) vs (target − out)² (MSE))",
    ),
    "check.frozen": QT_TRANSLATE_NOOP(
        "Messages", "{param} is frozen (not trained) here, so {param}′ = {param}"
    ),
    "check.not_squared": QT_TRANSLATE_NOOP("Messages", "not squared: E = {formula}"),
    "check.update_not_subtracted": QT_TRANSLATE_NOOP(
        "Messages", "you wrote η × ∂E/∂{param} but forgot to subtract it from {param}"
    ),
    "check.update_no_parameter": QT_TRANSLATE_NOOP(
        "Messages", "you wrote −η × ∂E/∂{param} but forgot to add {param}: {rule}"
    ),
    "check.update_no_eta": QT_TRANSLATE_NOOP("Messages", "forgot η: {rule}"),
    "check.update_uphill": QT_TRANSLATE_NOOP("Messages", "moved uphill: {rule}, not +"),
    "check.update_no_eta_uphill": QT_TRANSLATE_NOOP(
        "Messages", "forgot η and moved uphill: {rule}"
    ),
    "check.update_unchanged": QT_TRANSLATE_NOOP(
        "Messages", "unchanged, but {param} is trained: {rule}"
    ),
    "check.no_biases": QT_TRANSLATE_NOOP("Messages", "left out the biases: {formula}"),
    "check.no_bias": QT_TRANSLATE_NOOP("Messages", "left out {bias}: {formula}"),
    "check.no_last_factor": QT_TRANSLATE_NOOP(
        "Messages", "left out the last factor {local} = {input}"
    ),
    "check.wrong_input": QT_TRANSLATE_NOOP("Messages", "used {other}, but {local} = {input}"),
    "check.bias_factor": QT_TRANSLATE_NOOP("Messages", "{local} = 1: a bias has no input factor"),
    "check.no_factor": QT_TRANSLATE_NOOP("Messages", "left out the factor {factor}"),
    "check.one_path": QT_TRANSLATE_NOOP(
        "Messages", "only the path through {via}: ∂E/∂{param} adds the paths through every output"
    ),
    "check.digit": QT_TRANSLATE_NOOP("Messages", "one digit is off (a copying or arithmetic slip)"),
    "check.swapped": QT_TRANSLATE_NOOP(
        "Messages", "two neighbouring digits are swapped (a copying slip)"
    ),
    "check.rounded_one": QT_TRANSLATE_NOOP(
        "Messages", "right to the 1 significant digit you wrote; keep at least 4"
    ),
    "check.rounded": QT_TRANSLATE_NOOP(
        "Messages", "right to the {digits} significant digits you wrote; keep at least 4"
    ),
    "check.close": QT_TRANSLATE_NOOP(
        "Messages", "close, but not to 4 significant digits: keep more digits in every step"
    ),
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
    values = {key: _phrased(value) for key, value in message.values.items()}
    # Numbers as every view writes them (a real minus sign, ∞).
    return fill(template, Message(message.code, values), name, display_number)


def _phrased(value: object) -> object:
    """A value ready for :func:`engine.messages.fill`: a nested message phrased, a tuple
    (of symbols, say) joined with the translated "and"; anything else unchanged."""
    if isinstance(value, Message):
        return phrase(value)
    if isinstance(value, tuple):
        return QCoreApplication.translate("Messages", " and ").join(
            format_value(_phrased(item), display_number) for item in value
        )
    return value
