"""Reading and showing numbers: what a learner may type, and the plain-words refusals."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine import format_number, parse_count, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0.05", 0.05),
        (".05", 0.05),
        ("5e-2", 0.05),
        ("-3", -3.0),
        ("1E3", 1000.0),
        (" 2 ", 2.0),
        ("\t0.2\n", 0.2),
        ("\u22123", -3.0),  # the real minus sign the app displays
        ("\u22125e-2", -0.05),
        ("+4", 4.0),
        ("5.", 5.0),
        ("0", 0.0),
        ("1.7976931348623157e308", 1.7976931348623157e308),
        ("5e-324", 5e-324),
        ("0.1", 0.1),
    ],
)
def test_parse_number_accepts(text: str, value: float) -> None:
    result = parse_number(text)
    assert type(result) is float
    assert result == value


def test_parse_number_keeps_the_sign_of_zero() -> None:
    assert math.copysign(1.0, parse_number("-0")) == -1.0


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "is empty"),
        ("   ", "is empty"),
        ("abc", "'abc' is not a number"),
        ("nan", "must be an ordinary finite number, not 'nan'"),
        ("NaN", "finite number"),
        ("inf", "must be an ordinary finite number, not 'inf'"),
        ("-inf", "must be an ordinary finite number, not '-inf'"),
        ("Infinity", "finite number"),
        ("1e999", "too large to compute with"),
        ("-1e999", "too large to compute with"),
        ("1,5", "uses a comma: write decimals with a dot, e.g. 1.5"),
        ("0.1.2", "'0.1.2' is not a number"),
        ("1_000", "'1_000' is not a number"),
        ("0x10", "'0x10' is not a number"),
        ("1e", "not a number"),
        ("e5", "not a number"),
        ("--3", "not a number"),
        ("3-", "not a number"),
        (".", "not a number"),
        ("½", "not a number"),
    ],
)
def test_parse_number_rejects(text: str, words: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_number(text)
    assert words in str(info.value)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_parse_number_reads_back_any_repr(value: float) -> None:
    assert parse_number(repr(value)) == value
    assert parse_number(repr(value).replace("-", "\u2212")) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("0", 0), ("10", 10), (" 7 ", 7), ("+3", 3), ("1000000000", 10**9), ("007", 7)],
)
def test_parse_count_accepts(text: str, value: int) -> None:
    result = parse_count(text)
    assert type(result) is int
    assert result == value


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("-1", "must be a whole number of 0 or more, not '-1'"),
        ("1.5", "must be a whole number of 0 or more, not '1.5'"),
        ("1e3", "whole number"),
        ("", "is empty"),
        ("abc", "must be a whole number of 0 or more, not 'abc'"),
        ("1000000001", "1,000,000,001 is too many; the limit is 1,000,000,000"),
        ("99999999999999999999999", "too many"),
    ],
)
def test_parse_count_rejects(text: str, words: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_count(text)
    assert words in str(info.value)


def test_parse_count_custom_maximum() -> None:
    assert parse_count("50", maximum=50) == 50
    with pytest.raises(ValueError, match="51 is too many; the limit is 50"):
        parse_count("51", maximum=50)


def significant_digits(text: str) -> int:
    mantissa = re.split("[eE]", text)[0].lstrip("-").replace(".", "").lstrip("0")
    return len(mantissa)


def test_format_number_twelve_significant_digits() -> None:
    w1 = 0.14857647159874823  # w1 after one step of the worked example
    assert format_number(w1) == "0.148576471599"
    assert significant_digits(format_number(w1)) == 12
    assert format_number(0.726611880149394) == "0.726611880149"
    assert format_number(-0.0026160637267238487) == "-0.00261606372672"
    assert format_number(123456789012345.0) == "1.23456789012e+14"
    assert format_number(0.9775) == "0.9775"  # no trailing zeros
    assert format_number(0.1 + 0.2) == "0.3"  # no trailing noise
    assert format_number(20.0) == "20"
    assert format_number(1e-20) == "1e-20"
    assert format_number(0.0) == "0"
    assert format_number(-0.0) == "0"
    assert format_number(w1, digits=4) == "0.1486"


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_format_number_is_readable_back(value: float) -> None:
    text = format_number(value)
    assert significant_digits(text) <= 12
    back = parse_number(text)
    assert back == pytest.approx(value, rel=5e-12, abs=0)


def test_only_engine_numbers_spells_the_minus_sign_or_a_float_format():
    """One number formatter: no other module keeps its own minus sign or its own digits.

    Formulas may use − as an operator inside longer text; what is checked is a module
    defining the sign on its own (MINUS = "−", a "−" literal) or formatting floats with an
    f-string precision of its own (``:.8g``) instead of engine.numbers.display_number.
    """
    import io
    import re
    import tokenize
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    offences = []
    for folder in ("app", "widgets", "engine"):
        for path in sorted((root / folder).rglob("*.py")):
            if path == root / "engine" / "numbers.py":
                continue
            source = path.read_text("utf-8")
            for tok in tokenize.generate_tokens(io.StringIO(source).readline):
                if tok.type != tokenize.STRING:
                    continue
                body = tok.string.strip("rbfRBF").strip("\"'")
                if "maketrans" in tok.line:
                    continue  # the command line turning − back into ASCII for a terminal
                if body in ("\\u2212", "\u2212") or re.search(r"\{[^{}]*:\.\d+g\}", body):
                    offences.append(f"{path.relative_to(root)}:{tok.start[0]}: {tok.string}")
            if re.search(r"^MINUS\s*=", source, re.M):
                offences.append(f"{path.relative_to(root)}: defines MINUS")
    assert offences == [], "\n".join(offences)
