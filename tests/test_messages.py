"""Engine messages are data (a code and values), phrased by the CLI and by the window."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

import engine
from app.cli import main
from engine.messages import ENGLISH, EngineError, Message, english, format_value

ROOT = Path(__file__).resolve().parent.parent


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_the_window_phrases_every_engine_code_with_the_same_values(qapp):
    from widgets import messages

    assert messages.codes() == set(ENGLISH)
    for code, english_template in ENGLISH.items():
        window = messages._SENTENCES[code]
        assert _fields(window) == _fields(english_template), code


def test_no_message_is_recognised_by_its_english_words():
    # The window and the CLI used to match "is ", "must ", "uses " at a reason's start.
    pattern = re.compile(r"""startswith\(\s*\(?\s*["'](is|must|uses) """)
    for folder in ("app", "widgets"):
        for path in (ROOT / folder).rglob("*.py"):
            assert not pattern.search(path.read_text(encoding="utf-8")), path


def test_parse_errors_carry_code_and_values():
    with pytest.raises(EngineError) as info:
        engine.parse_number("1,5")
    assert info.value.message == Message("number.comma", {"text": "1,5", "suggestion": "1.5"})
    assert english(info.value.message, "η") == "η uses a comma: write decimals with a dot, e.g. 1.5"


@pytest.mark.parametrize(
    ("value", "shown"),
    [(12_345, "12,345"), (0.1 + 0.2, "0.3"), (float("inf"), "inf"), (2.0, "2")],
)
def test_values_use_the_apps_number_format(value, shown):
    import numpy as np

    assert format_value(value) == shown
    if isinstance(value, float):
        assert format_value(np.float64(value)) == shown


def test_cli_divergence_shows_no_numpy_repr(capsys):
    status = main(["train", "--activation", "linear", "--eta", "1e10", "--steps", "1000"])
    assert status == 3
    err = capsys.readouterr().err
    assert "np.float64" not in err and "(inf)" in err, err


@pytest.mark.parametrize("target", ["2", "-0.5", "1.0001"])
def test_cli_bce_target_outside_0_1_is_bad_input_naming_target(capsys, target):
    assert main(["train", "--loss", "bce", "--target", target]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("backprop-lab: error: --target = ")
    assert "between 0 and 1" in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("target", ["0", "1", "0.5"])
def test_cli_bce_accepts_targets_in_0_1(capsys, target):
    assert main(["train", "--loss", "bce", "--target", target]) == 0


def test_bce_target_domain_in_the_engine():
    with pytest.raises(engine.LossDomainError) as info:
        engine.evaluate(
            engine.NOTES_PARAMS.with_value("target", 2.0), engine.NeuronConfig(loss="bce")
        )
    assert info.value.message.code == "loss.target_domain"
    assert info.value.message.values["target"] == 2.0


def test_cli_bce_target_domain_names_the_models_own_target(capsys):
    assert main(["train", "--model", "2-2-2", "--loss", "bce", "--t2", "1.5"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("backprop-lab: error: --t2 = 1.5 cannot be used"), err


def test_the_window_writes_numbers_in_messages_as_every_view_does(qapp):
    """One minus sign: the window's sentences write −0.5 and ∞ (engine.numbers.display_number),
    the command line's stay plain ASCII for a terminal."""
    from widgets.messages import phrase

    message = Message("loss.target_domain", {"target": -0.5, "field": "t1"})
    assert "\u22120.5" in phrase(message, "t1") and "-0.5" not in phrase(message, "t1")
    assert "-0.5" in english(message, "t1")
    infinite = Message("loss.target_domain", {"target": float("-inf"), "field": "t1"})
    assert "\u2212∞" in phrase(infinite, "t1") and "-inf" in english(infinite, "t1")


def test_every_hand_check_code_the_engine_uses_has_its_sentences():
    source = (ROOT / "engine" / "diagnose.py").read_text(encoding="utf-8")
    used = {code for code in re.findall(r'"(check\.[a-z_]+)"', source) if not code.endswith("_")}
    assert len(used) > 30
    assert used <= set(ENGLISH), used - set(ENGLISH)


def test_a_hint_with_nested_messages_and_lists_is_phrased_in_english():
    hint = Message(
        "check.own_also_wrong_many",
        {"hint": Message("check.digit"), "worked": "0.2 − 0.1 = 0.1", "values": ("out", "E")},
    )
    assert english(hint) == (
        "one digit is off (a copying or arithmetic slip); from your earlier values, "
        "0.2 − 0.1 = 0.1 (and your out and E are wrong too)"
    )
