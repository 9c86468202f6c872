"""HandCheckPanel, driven the way a learner checks a hand calculation."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from engine.diagnose import NOTES_CLAIMS, QUANTITIES, correct_values
from engine.neuron import DEFAULT_CONFIG, NOTES_AS_PRINTED, NOTES_PARAMS, evaluate
from engine.numbers import format_number
from widgets.hand_check import HandCheckPanel


@pytest.fixture
def panel(qtbot) -> HandCheckPanel:
    widget = HandCheckPanel()
    widget.set_state(evaluate(NOTES_PARAMS, DEFAULT_CONFIG), DEFAULT_CONFIG)
    widget.resize(700, 600)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def entry(panel: HandCheckPanel, key: str) -> QLineEdit:
    widget = panel.findChild(QLineEdit, f"check_{key}")
    assert widget is not None, key
    return widget


def label(panel: HandCheckPanel, name: str) -> QLabel:
    widget = panel.findChild(QLabel, name)
    assert widget is not None, name
    return widget


def button(panel: HandCheckPanel, name: str) -> QPushButton:
    widget = panel.findChild(QPushButton, name)
    assert widget is not None, name
    return widget


def summary(panel: HandCheckPanel) -> str:
    return label(panel, "check_summary").text()


def test_names_and_layout(panel):
    assert panel.objectName() == panel.accessibleName() == "hand_check"
    for q in QUANTITIES:
        field = entry(panel, q.key)
        assert field.text() == ""
        assert q.label in field.accessibleName()
        assert label(panel, f"correct_{q.key}").text() == ""
    assert button(panel, "check_button").text() == "Check"
    assert button(panel, "check_fill_notes").text() == "Fill in the notes' numbers"
    assert button(panel, "check_clear").text() == "Clear"
    assert "press Check" in summary(panel)
    assert "1 / (1 + e^(−net))" in label(panel, "label_out").toolTip()


def test_the_notes_checked_under_the_standard_sigmoid(qtbot, panel):
    qtbot.mouseClick(button(panel, "check_fill_notes"), Qt.MouseButton.LeftButton)
    assert entry(panel, "grad_w1").text() == "0.0002616"
    assert entry(panel, "grad_b1").text() == ""
    assert label(panel, "verdict_net").text() == "✓"
    assert label(panel, "verdict_out").text() == "✗"
    assert label(panel, "correct_out").text() == "0.726611880149"
    hint = label(panel, "hint_out")
    assert not hint.isHidden()
    assert "1/(1+e^net)" in hint.text() and "flipped" in hint.text()
    assert "first goes wrong at <b>out</b>" in summary(panel)
    assert "factor of 10" in label(panel, "hint_grad_w1").text()
    assert "fix that first" in label(panel, "hint_error").text()
    assert label(panel, "verdict_dout_dnet").text() == "✓"
    # Empty rows are not checked: nothing is revealed for them.
    for key in ("grad_b1", "grad_b2", "new_b1", "new_b2"):
        assert label(panel, f"verdict_{key}").text() == ""
        assert label(panel, f"correct_{key}").text() == ""
        assert label(panel, f"hint_{key}").isHidden()
    assert [f.key for f in panel.findings()] == list(NOTES_CLAIMS)


def test_the_notes_checked_as_printed(panel):
    panel.set_state(evaluate(NOTES_PARAMS, NOTES_AS_PRINTED), NOTES_AS_PRINTED)
    panel.fill_notes()
    assert label(panel, "verdict_out").text() == "✓"
    assert label(panel, "verdict_error").text() == "✓"
    assert label(panel, "verdict_dout_dnet").text() == "✗"
    assert "<b>∂out/∂net</b>" in summary(panel)
    assert label(panel, "correct_dout_dnet").text() == "−0.198647055775"  # a real minus


def test_typing_the_correct_values_shows_ticks(qtbot, panel):
    values = correct_values(evaluate(NOTES_PARAMS), DEFAULT_CONFIG)
    for key, value in values.items():
        qtbot.keyClicks(entry(panel, key), format_number(value, 6))
    qtbot.mouseClick(button(panel, "check_button"), Qt.MouseButton.LeftButton)
    for q in QUANTITIES:
        assert label(panel, f"verdict_{q.key}").text() == "✓", q.key
        assert label(panel, f"hint_{q.key}").isHidden()
    assert summary(panel) == "Everything you entered is right."


def test_empty_entries_are_skipped(qtbot, panel):
    panel.check()
    assert "Nothing to check yet" in summary(panel)
    qtbot.keyClicks(entry(panel, "out"), "0.7266")
    qtbot.keyClick(entry(panel, "out"), Qt.Key.Key_Return)  # Enter checks too
    assert [f.key for f in panel.findings()] == ["out"]
    assert label(panel, "verdict_out").text() == "✓"
    assert label(panel, "verdict_net").text() == ""
    assert summary(panel) == "Everything you entered is right."


def test_invalid_text_shows_a_message_and_is_skipped(qtbot, panel):
    qtbot.keyClicks(entry(panel, "net"), "abc")
    assert entry(panel, "net").property("invalid") is True
    hint = label(panel, "hint_net")
    assert not hint.isHidden() and "not a number" in hint.text()
    qtbot.keyClicks(entry(panel, "out"), "0.2734")
    panel.check()  # does not raise
    assert "not a number" in hint.text()
    assert label(panel, "verdict_out").text() == "✗"
    assert [f.key for f in panel.findings()] == ["out"]
    assert "Not a number, skipped: net" in summary(panel)
    assert "<b>out</b>" in summary(panel)
    # Fixing the text clears the mark.
    entry(panel, "net").setText("0.9775")
    assert entry(panel, "net").property("invalid") is False
    assert hint.isHidden()


def test_comma_message_names_the_quantity(qtbot, panel):
    qtbot.keyClicks(entry(panel, "error"), "0,25")
    assert label(panel, "hint_error").text().startswith("E uses a comma")


def test_editing_after_a_check_asks_to_check_again(qtbot, panel):
    panel.fill_notes()
    entry(panel, "out").setText("0.7266")
    assert label(panel, "verdict_out").text() == ""
    assert "press Check again" in summary(panel)
    panel.check()
    assert label(panel, "verdict_out").text() == "✓"
    # With out fixed, the notes' E (computed from the flipped out) is now the first slip.
    assert "first goes wrong at <b>E</b>: this is the value for 1/(1+e^net)" in summary(panel)


def test_set_state_rechecks_only_after_a_check(panel):
    printed = evaluate(NOTES_PARAMS, NOTES_AS_PRINTED)
    entry(panel, "out").setText("0.2734")
    panel.set_state(printed, NOTES_AS_PRINTED)
    assert panel.findings() == []  # not checked yet
    panel.check()
    assert label(panel, "verdict_out").text() == "✓"
    findings = panel.findings()
    panel.set_state(printed, NOTES_AS_PRINTED)  # unchanged: nothing happens
    assert panel.findings() == findings
    panel.set_state(evaluate(NOTES_PARAMS), DEFAULT_CONFIG)
    assert label(panel, "verdict_out").text() == "✗"
    assert "1 / (1 + e^(−net))" in label(panel, "label_out").toolTip()


def test_clear(qtbot, panel):
    panel.fill_notes()
    qtbot.mouseClick(button(panel, "check_clear"), Qt.MouseButton.LeftButton)
    assert panel.findings() == []
    for q in QUANTITIES:
        assert entry(panel, q.key).text() == ""
        assert label(panel, f"verdict_{q.key}").text() == ""
        assert label(panel, f"hint_{q.key}").isHidden()
    assert "press Check" in summary(panel)
    panel.set_state(evaluate(NOTES_PARAMS, NOTES_AS_PRINTED), NOTES_AS_PRINTED)
    assert panel.findings() == []  # cleared: no re-check


def test_compact_enough_for_a_tab(panel):
    panel.fill_notes()
    hint = panel.minimumSizeHint()
    assert hint.width() <= 700 and hint.height() <= 600
    assert "#c62828" in label(panel, "hint_out").styleSheet()  # the first slip's hint is red


def test_widget_module_does_not_import_the_app():
    code = (
        "import sys, widgets.hand_check\n"
        "sys.exit(any(m.split('.')[0] == 'app' for m in sys.modules))"
    )
    root = Path(__file__).resolve().parents[1]
    assert subprocess.run([sys.executable, "-c", code], cwd=root, check=False).returncode == 0


def test_running_steps_do_not_restyle_the_texts(qtbot, panel):
    """A new style sheet restyles a widget even when it is the same text: the summary
    and the step line were restyled at every frame of a run."""
    from PySide6.QtCore import QEvent, QObject

    panel.fill_notes()  # a check made: every new step checks again
    qtbot.keyClicks(entry(panel, "out"), "9")  # the step line turns amber once moved

    class Restyles(QObject):
        count = 0

        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.StyleChange:
                Restyles.count += 1
            return False

    restyles = Restyles()
    for name in ("check_summary", "check_step"):
        label(panel, name).installEventFilter(restyles)
    for step in range(1, 6):
        params = NOTES_PARAMS.with_value("w1", 0.15 + step / 1000)
        panel.set_state(evaluate(params, DEFAULT_CONFIG), DEFAULT_CONFIG, step)
    assert "5" in label(panel, "check_step").text()
    assert Restyles.count <= 2  # the first new look of each, not one per step
