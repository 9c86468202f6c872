"""What the engine tells a learner, as data: a code and its values, phrased by the caller.

The engine never builds a sentence that a window or a translation would have to pick
apart.  It raises :class:`EngineError` (a ValueError) or returns a :class:`Message`; the
command line phrases it in English with :func:`english`, the window with its own
translatable sentences keyed by the same codes.  Numbers stay numbers until they are
phrased, and are then written with :func:`format_value` (never a Python or numpy repr).

Placeholders: ``{name}`` is what the caller calls the input (``--eta``, ``η``); every
other placeholder is a key of :attr:`Message.values`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

#: The English sentence for every code.  The window has its own (translatable) sentence for
#: each; tests check that both cover the same codes with the same placeholders.
ENGLISH: Mapping[str, str] = MappingProxyType(
    {
        # Reading a typed number (parse_number) or count (parse_count).
        "number.empty": "{name} is empty; enter a number such as 0.5",
        "number.not_finite": "{name} must be an ordinary finite number, not '{text}'",
        "number.comma": "{name} uses a comma: write decimals with a dot, e.g. {suggestion}",
        "number.not_a_number": (
            "{name}: '{text}' is not a number; try something like 0.05, -3 or 5e-2"
        ),
        "number.too_large": (
            "{name}: {text} is too large to compute with (the limit is about 1.8e308)"
        ),
        "count.empty": "{name} is empty; enter a whole number such as 100",
        "count.not_whole": "{name} must be a whole number of 0 or more, not '{text}'",
        "count.too_many": "{name}: {value} is too many; the limit is {maximum}",
        # Names chosen from a list.
        "choice.activation": "{name}: unknown activation '{text}'; choose one of {choices}",
        "choice.loss": "{name}: unknown loss '{text}'; choose one of {choices}",
        "choice.function": "{name}: unknown function '{text}'; choose one of {choices}",
        "choice.model": "{name}: unknown model '{text}'; choose one of {choices}",
        "choice.parameter": "{name}: unknown parameter '{text}'; choose from {choices}",
        # The error surface's grid (backprop-lab surface).
        "surface.same_axis": "{name}: {text} is named twice; choose two different parameters",
        "surface.range_empty": (
            "{name} is empty: the low end {low} must be below the high end {high}"
        ),
        "surface.grid_size": (
            "{name} must be a whole number of points per side from {minimum} to {maximum}, "
            "not '{text}'"
        ),
        # The losses' domains.
        "loss.target_domain": (
            "{name} = {target} cannot be used with binary cross-entropy: it needs a target "
            "between 0 and 1 (a probability)"
        ),
        "loss.out_domain": "binary cross-entropy needs 0 < out < 1, but out = {out}",
        # Values that do not compute.
        "start.not_finite": "{quantity} is not a finite number for these starting values",
        "edit.not_finite": "these values give a result that is not a finite number",
        "parabola.start_not_finite": "{quantity} is not a finite number at x0 = {x0}",
        # How a run ended.
        "run.diverged": (
            "diverged at step {step}: {quantity} is no longer a finite number ({value}); "
            "the run stopped at step {last}, the last finite state"
        ),
        "run.out_domain": (
            "stopped at step {step}: binary cross-entropy needs 0 < out < 1, but out = {out}; "
            "the run stopped at step {last}, the last finite state"
        ),
        # Session files (engine.session); the caller names the field or line.
        "session.too_large": "is larger than {megabytes} MB; not a session file",
        "session.not_utf8": "is not UTF-8 text (byte {byte})",
        "session.constant": "{text} is not a number a session may hold",
        "session.not_json": "not valid JSON: {text}",
        "session.too_deep": "is nested too deeply; not a session file",
        "session.format": "must be '{expected}'; this is not a session file",
        "session.version": "is {version}; this program reads version {supported} sessions",
        "session.choice": "must be one of {choices}, not '{text}'",
        "session.not_object": "must be a JSON object",
        "session.not_values": "must be a JSON object of values, such as one weight and its number",
        "session.missing": "is missing",
        "session.unknown_field": "is not a field of a session file",
        "session.not_number": "must be a number, not {text}",
        "session.not_finite": "must be a finite number",
        "session.not_whole": "must be a whole number",
        "session.out_of_range": "must be between 0 and {most}, not {value}",
        "session.not_names": "must be a list of parameter names",
        "session.not_parameter": "'{text}' is not a parameter of the {model} model",
        "session.not_list": "must be a list",
        "session.too_many_edits": "has more than {most} edits",
        "session.edit_at_start": "must be at least 1",
        "session.edit_out_of_order": "must not be before the edit above",
        "session.diverges": (
            "the run stops being finite at step {step}; "
            "the file does not match this program's numbers"
        ),
        "session.curve_stops": "the curve's run stops at step {step}",
        "session.invalid": "{text}",
        # Checking a hand calculation (engine.diagnose): why a typed value is wrong.
        "check.not_finite": "is not a finite number",
        "check.follows": "follows correctly from your earlier value of {values}; fix that first",
        "check.follows_many": (
            "follows correctly from your earlier values of {values}; fix that first"
        ),
        "check.follows_fix": (
            "follows correctly from your earlier value of {values}; fix {fix} first"
        ),
        "check.follows_many_fix": (
            "follows correctly from your earlier values of {values}; fix {fix} first"
        ),
        "check.own_also_wrong": (
            "{hint}; from your earlier values, {worked} (and your {values} is wrong too)"
        ),
        "check.own_also_wrong_many": (
            "{hint}; from your earlier values, {worked} (and your {values} are wrong too)"
        ),
        "check.differs_own": "differs from what your earlier values give: {worked}",
        "check.differs": "differs from the correct value",
        "check.factor_ten_large": (
            "off by a factor of {factor}: check the decimal point (yours is {factor} times "
            "too large)"
        ),
        "check.factor_ten_small": (
            "off by a factor of {factor}: check the decimal point (yours is {factor} times "
            "too small)"
        ),
        "check.factor_ten_sign_large": (
            "off by a factor of {factor} and the sign is wrong: check the decimal point and "
            "the sign (yours is {factor} times too large)"
        ),
        "check.factor_ten_sign_small": (
            "off by a factor of {factor} and the sign is wrong: check the decimal point and "
            "the sign (yours is {factor} times too small)"
        ),
        "check.wrong_sign": "right size, wrong sign",
        "check.wrong_sign_because": "right size, wrong sign: {reason}",
        "check.delta_sign_half_sse": (
            "∂E/∂out = out − target (the inner derivative of target − out is −1)"
        ),
        "check.delta_sign_mse": (
            "∂E/∂out = 2(out − target) (the inner derivative of target − out is −1)"
        ),
        "check.value_flipped": (
            "this is the value for 1/(1+e^net) (sigmoid with the sign flipped); the "
            "standard sigmoid is 1/(1+e^−net)"
        ),
        "check.value_standard": (
            "this is the value for the standard sigmoid 1/(1+e^−net); this neuron uses 1/(1+e^net)"
        ),
        "check.out_standard": (
            "this is the standard sigmoid 1/(1+e^−net); this neuron uses 1/(1+e^net) (the "
            "sign flipped, as the notes print it)"
        ),
        "check.slope_flipped": (
            "−out(1−out) is the derivative of 1/(1+e^net); for the standard sigmoid "
            "1/(1+e^−net) it is out(1−out)"
        ),
        "check.slope_standard": (
            "out(1−out) is the derivative of the standard sigmoid; for 1/(1+e^net) it is "
            "−out(1−out)"
        ),
        "check.twice_half_sse_error": (
            "twice what it should be: that is (target − out)² (MSE); here E = ½(target − "
            "out)² (half-SSE)"
        ),
        "check.twice_half_sse_delta": (
            "twice what it should be: 2(out − target) is the derivative of (target − out)² "
            "(MSE); for ½(target − out)² (half-SSE) it is out − target"
        ),
        "check.twice_half_sse_grad": (
            "twice what it should be: is your ∂E/∂out from (target − out)² (MSE) instead of "
            "½(target − out)² (half-SSE)?"
        ),
        "check.half_mse_error": (
            "half what it should be: that is ½(target − out)² (half-SSE); here E = (target "
            "− out)² (MSE)"
        ),
        "check.half_mse_delta": (
            "half what it should be: out − target is the derivative of ½(target − out)² "
            "(half-SSE); for (target − out)² (MSE) it is 2(out − target)"
        ),
        "check.half_mse_grad": (
            "half what it should be: is your ∂E/∂out from ½(target − out)² (half-SSE) "
            "instead of (target − out)² (MSE)?"
        ),
        "check.twice": (
            "twice what it should be: a factor 2 too many or too few? (½(target − out)² "
            "(half-SSE) vs (target − out)² (MSE))"
        ),
        "check.half": (
            "half what it should be: a factor 2 too many or too few? (½(target − out)² "
            "(half-SSE) vs (target − out)² (MSE))"
        ),
        "check.frozen": "{param} is frozen (not trained) here, so {param}′ = {param}",
        "check.not_squared": "not squared: E = {formula}",
        "check.update_not_subtracted": (
            "you wrote η × ∂E/∂{param} but forgot to subtract it from {param}"
        ),
        "check.update_no_parameter": "you wrote −η × ∂E/∂{param} but forgot to add {param}: {rule}",
        "check.update_no_eta": "forgot η: {rule}",
        "check.update_uphill": "moved uphill: {rule}, not +",
        "check.update_no_eta_uphill": "forgot η and moved uphill: {rule}",
        "check.update_unchanged": "unchanged, but {param} is trained: {rule}",
        "check.no_biases": "left out the biases: {formula}",
        "check.no_bias": "left out {bias}: {formula}",
        "check.no_last_factor": "left out the last factor {local} = {input}",
        "check.wrong_input": "used {other}, but {local} = {input}",
        "check.bias_factor": "{local} = 1: a bias has no input factor",
        "check.no_factor": "left out the factor {factor}",
        "check.one_path": (
            "only the path through {via}: ∂E/∂{param} adds the paths through every output"
        ),
        "check.digit": "one digit is off (a copying or arithmetic slip)",
        "check.swapped": "two neighbouring digits are swapped (a copying slip)",
        "check.rounded_one": "right to the 1 significant digit you wrote; keep at least 4",
        "check.rounded": "right to the {digits} significant digits you wrote; keep at least 4",
        "check.close": "close, but not to 4 significant digits: keep more digits in every step",
        "run.dead_relu": (
            "nothing moves: net = {net} is not above 0, so the ReLU gives out = 0 and "
            "dout/dnet = 0, and every gradient is 0"
        ),
    }
)


@dataclass(frozen=True, slots=True)
class Message:
    """A code from :data:`ENGLISH` and the values its sentence needs."""

    code: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return english(self)


class EngineError(ValueError):
    """Bad input the engine refuses, with its reason as a :class:`Message`.

    ``str()`` gives the English sentence with "the value" for ``{name}``; callers that know
    the input's name phrase :attr:`message` themselves.
    """

    def __init__(self, code: str, **values: Any) -> None:
        self.message = Message(code, values)
        super().__init__(english(self.message))


def format_value(value: Any, number: Callable[[float], str] | None = None) -> str:
    """A value as messages show it: counts grouped, floats written by ``number`` (default
    the command line's plain ASCII :func:`~engine.numbers.format_number`; the window
    passes :func:`~engine.numbers.display_number`, its real minus sign and ∞), a tuple
    as its items joined with "and"."""
    if isinstance(value, tuple):
        return " and ".join(format_value(item, number) for item in value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    from .numbers import format_number  # numbers raises EngineError: import it late

    if isinstance(value, int):
        return f"{value:,}"
    # float() also turns numpy scalars into plain floats.
    return (number or format_number)(float(value))


def fill(
    template: str, message: Message, name: str = "", number: Callable[[float], str] | None = None
) -> str:
    """``template`` with ``{name}`` and the message's values (floats written by ``number``)."""
    values = {key: format_value(value, number) for key, value in message.values.items()}
    return template.format(**{"name": name, **values})


def english(message: Message, name: str = "the value") -> str:
    """The English sentence for ``message``, calling the input ``name``."""
    return fill(ENGLISH[message.code], message, name)
