"""NumberField and ParamPanel, driven the way a learner uses them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel

from engine.neuron import (
    DEFAULT_CONFIG,
    FIELDS,
    NOTES_AS_PRINTED,
    NOTES_PARAMS,
    PARAMETERS,
    NeuronConfig,
    NeuronParams,
    evaluate,
    update,
)
from engine.numbers import format_number
from widgets import NumberField, ParamPanel


@pytest.fixture
def field(qtbot) -> NumberField:
    widget = NumberField("w1", 0.15)
    qtbot.addWidget(widget)
    return widget


def retype(qtbot, field: NumberField, text: str) -> None:
    field.clear()
    qtbot.keyClicks(field, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0.05", 0.05), (".05", 0.05), ("5e-2", 0.05), ("-3", -3.0), ("1E3", 1000.0)],
)
def test_typed_numbers_are_valid_and_commit_exactly(qtbot, field, text, expected):
    retype(qtbot, field, text)
    assert field.isValid()
    assert field.errorMessage() == ""
    assert field.property("invalid") is False
    with qtbot.waitSignal(field.valueCommitted, timeout=1000) as blocker:
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert blocker.args == [expected]
    assert field.value() == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty"),
        ("abc", "not a number"),
        ("nan", "finite"),
        ("inf", "finite"),
        ("1e999", "too large"),
        ("1,5", "comma"),
        ("0.1.2", "not a number"),
    ],
)
def test_bad_input_is_marked_with_a_message(qtbot, field, text, words):
    field.setText("x")  # start invalid so that "" is reached by typing too
    retype(qtbot, field, text)
    assert not field.isValid()
    assert field.property("invalid") is True
    assert words in field.errorMessage()
    assert field.errorMessage().startswith("w1")
    assert field.toolTip() == field.errorMessage()
    assert field.value() == 0.15  # the last good value is kept
    with qtbot.assertNotEmitted(field.valueCommitted):
        qtbot.keyClick(field, Qt.Key.Key_Return)


def test_empty_message_reads_after_the_name(field):
    field.setText("")
    assert field.errorMessage() == "w1 is empty; enter a number such as 0.5"


def test_intermediate_text_can_be_typed(qtbot, field):
    retype(qtbot, field, "1e")
    assert field.text() == "1e" and not field.isValid()
    qtbot.keyClicks(field, "3")
    assert field.text() == "1e3" and field.isValid()


def test_validity_changed_flips_only_on_a_flip(qtbot, field):
    seen: list[bool] = []
    field.validityChanged.connect(seen.append)
    retype(qtbot, field, "ab")  # clear -> invalid, then stays invalid
    retype(qtbot, field, "2.5")  # clear keeps it invalid, "2" makes it valid
    assert seen == [False, True]


def test_equal_value_in_another_spelling_does_not_commit(qtbot, field):
    retype(qtbot, field, ".15")
    with qtbot.assertNotEmitted(field.valueCommitted):
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.value() == 0.15


def test_commit_happens_once(qtbot, field):
    seen: list[float] = []
    field.valueCommitted.connect(seen.append)
    retype(qtbot, field, "0.25")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert seen == [0.25]


def test_set_value_shows_12_digits_keeps_exact_and_does_not_commit(qtbot, field):
    exact = update(evaluate(NOTES_PARAMS)).w1
    with qtbot.assertNotEmitted(field.valueCommitted):
        field.setValue(exact)
    assert field.text() == format_number(exact, 12) == "0.148576471599"
    assert field.value() == exact


def test_set_value_unchanged_is_a_no_op(qtbot, field):
    retype(qtbot, field, "0.1")  # pending edit, not committed
    with qtbot.assertNotEmitted(field.textChanged):
        field.setValue(0.15)
    assert field.text() == "0.1"


def test_set_value_replaces_an_invalid_text(qtbot, field):
    retype(qtbot, field, "abc")
    with qtbot.waitSignal(field.validityChanged, timeout=1000) as blocker:
        field.setValue(0.5)
    assert blocker.args == [True]
    assert field.text() == "0.5" and field.isValid()


# --- ParamPanel -------------------------------------------------------------------------


@pytest.fixture
def panel(qtbot) -> ParamPanel:
    widget = ParamPanel()
    qtbot.addWidget(widget)
    return widget


def test_object_names(panel):
    for name in FIELDS:
        field = panel.findChild(NumberField, f"param_{name}")
        assert field is not None and field.accessibleName() == f"param_{name}"
    for name in PARAMETERS:
        assert panel.findChild(QCheckBox, f"train_{name}") is not None
    for name in ("activation_choice", "loss_choice", "preset_choice"):
        assert panel.findChild(QComboBox, name) is not None
    assert panel.findChild(QLabel, "param_message") is not None


def test_choices_show_names_and_formulas(panel):
    combo = panel.findChild(QComboBox, "activation_choice")
    index = combo.findData("sigmoid")
    assert combo.itemText(index) == "sigmoid — out = 1 / (1 + e^(−net))"
    loss = panel.findChild(QComboBox, "loss_choice")
    assert [loss.itemData(i) for i in range(loss.count())] == ["half-sse", "mse", "bce"]


def test_params_round_trip(qtbot, panel):
    params = NeuronParams(0.5, -1.25, 3e-7, 2.0, -0.1, 0.0, 1.0, 0.75)
    with qtbot.assertNotEmitted(panel.paramEdited):
        panel.set_params(params)
    assert panel.params() == params
    assert panel.findChild(NumberField, "param_w1").text() == "3e-07"


def test_config_round_trip_is_silent(qtbot, panel):
    config = NeuronConfig("tanh", "mse", frozenset({"b2"}))
    with qtbot.assertNotEmitted(panel.configEdited):
        panel.set_config(config)
    assert panel.config() == config


def test_typing_commits_param_edited(qtbot, panel):
    field = panel.findChild(NumberField, "param_eta")
    retype(qtbot, field, "0.5")
    with qtbot.waitSignal(panel.paramEdited, timeout=1000) as blocker:
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert blocker.args == ["eta", 0.5]
    assert panel.params().eta == 0.5


def test_train_checkbox_emits_config(qtbot, panel):
    box = panel.findChild(QCheckBox, "train_b1")
    with qtbot.waitSignal(panel.configEdited, timeout=1000) as blocker:
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    (config,) = blocker.args
    assert config.trainable == frozenset({"w1", "w2", "b2"})
    assert config.activation == DEFAULT_CONFIG.activation


def test_activation_choice_emits_config(qtbot, panel):
    combo = panel.findChild(QComboBox, "activation_choice")
    with qtbot.waitSignal(panel.configEdited, timeout=1000) as blocker:
        combo.setCurrentIndex(combo.findData("relu"))
    assert blocker.args[0].activation == "relu"


@pytest.mark.parametrize(
    ("text", "config"), [("Notes example", DEFAULT_CONFIG), ("Notes as printed", NOTES_AS_PRINTED)]
)
def test_presets(qtbot, panel, text, config):
    combo = panel.findChild(QComboBox, "preset_choice")
    index = combo.findText(text)
    assert index >= 0
    with qtbot.waitSignal(panel.presetChosen, timeout=1000) as blocker:
        combo.activated.emit(index)  # what a click on the item emits
    assert blocker.args == [NOTES_PARAMS, config]
    assert combo.currentIndex() == -1  # back to the placeholder


def test_invalid_field_shows_message(qtbot, panel):
    message = panel.findChild(QLabel, "param_message")
    field = panel.findChild(NumberField, "param_w2")
    assert panel.all_valid() and message.text() == ""
    with qtbot.waitSignal(panel.validityChanged, timeout=1000) as blocker:
        retype(qtbot, field, "1,5")
    assert blocker.args == [False]
    assert not panel.all_valid()
    assert "comma" in message.text() and message.text() == field.errorMessage()
    with qtbot.waitSignal(panel.validityChanged, timeout=1000) as blocker:
        retype(qtbot, field, "1.5")
    assert blocker.args == [True]
    assert panel.all_valid() and message.text() == ""


def test_set_editable(panel):
    panel.set_editable(False)
    assert panel.findChild(NumberField, "param_w1").isReadOnly()
    assert not panel.findChild(QCheckBox, "train_w1").isEnabled()
    panel.set_editable(True)
    assert not panel.findChild(NumberField, "param_w1").isReadOnly()
    assert panel.findChild(QComboBox, "loss_choice").isEnabled()
