"""ChainRuleView shows the engine's own numbers with proper symbols."""

from __future__ import annotations

import pytest

from engine.neuron import (
    DEFAULT_CONFIG,
    NOTES_AS_PRINTED,
    NOTES_PARAMS,
    NeuronConfig,
    evaluate,
    update,
)
from engine.numbers import format_number
from widgets import ChainRuleView


@pytest.fixture
def view(qtbot) -> ChainRuleView:
    widget = ChainRuleView()
    widget.resize(700, 400)
    qtbot.addWidget(widget)
    return widget


def test_notes_example(view):
    snapshot = evaluate(NOTES_PARAMS)
    view.show_state(snapshot, DEFAULT_CONFIG, 0)
    text = view.toPlainText()
    assert "0.05 × 0.15 + 0.35 + 0.1 × 0.2 + 0.6 = 0.9775" in text
    assert "0.726611880149" in text
    assert "0.716611880149 × 0.198647055775 × 0.05 = 0.00711764200626" in text
    assert "0.15 − 0.2 × 0.00711764200626 = 0.148576471599" in text
    assert format_number(update(snapshot).w1) == "0.148576471599"
    for symbol in ("∂E/∂w1", "∂E/∂b2", "η", "×", "w1′"):
        assert symbol in text
    assert "frozen" not in text
    assert view.objectName() == view.accessibleName() == "chain_rule_view"
    assert view.isReadOnly()


def test_notes_as_printed(view):
    view.show_state(evaluate(NOTES_PARAMS, NOTES_AS_PRINTED), NOTES_AS_PRINTED, 0)
    text = view.toPlainText()
    assert "−0.198647055775" in text
    assert "-0.19" not in text  # a real minus sign, never a hyphen
    assert "0.2 × (−0.00261606372672) = 0.150523212745" in text  # negative operand in ()
    assert "b1 is frozen" in text and "b2 is frozen" in text
    assert "w1′" in text and "b1′" not in text


@pytest.mark.parametrize("activation", ["tanh", "relu", "linear"])
@pytest.mark.parametrize("loss", ["half-sse", "mse"])
def test_every_choice_renders(view, activation, loss):
    config = NeuronConfig(activation, loss)
    snapshot = evaluate(NOTES_PARAMS, config)
    view.show_state(snapshot, config, 3)
    text = view.toPlainText()
    assert "Step 3" in text
    assert format_number(snapshot.out) in text
    assert format_number(snapshot.grad_b1).replace("-", "−") in text


def test_bce_renders(view):
    config = NeuronConfig("sigmoid", "bce")
    snapshot = evaluate(NOTES_PARAMS, config)
    view.show_state(snapshot, config, 0)
    assert "ln(out)" in view.toPlainText()
    assert format_number(snapshot.error) in view.toPlainText()


def test_same_state_sets_html_once(view, monkeypatch):
    calls: list[str] = []
    original = view.setHtml
    monkeypatch.setattr(view, "setHtml", lambda html: (calls.append(html), original(html)))
    snapshot = evaluate(NOTES_PARAMS)
    view.show_state(snapshot, DEFAULT_CONFIG, 0)
    view.show_state(evaluate(NOTES_PARAMS), DEFAULT_CONFIG, 0)  # equal, not the same object
    assert len(calls) == 1
    view.show_state(snapshot, DEFAULT_CONFIG, 1)
    assert "Step 1:" in view.toPlainText()
    assert len(calls) == 1  # a new step replaces the paragraphs that changed, in place


def _run_of(model, config, steps: int):
    """``steps`` states of a real run of ``model``, one after the other."""
    values = model.values()
    states = []
    for _ in range(steps):
        state = model.evaluate(values, config)
        states.append(state)
        values = model.update(state, config)
    return states


@pytest.mark.parametrize("model_name", ["neuron", "2-2-2"])
@pytest.mark.parametrize("frozen", [False, True])
@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
def test_paragraphs_replaced_in_place_read_as_the_page_set_whole(
    qtbot, model_name, frozen, activation
):
    """A running view updates only the paragraphs that changed: what it shows must be
    exactly the page set whole for that step (text, numbers, sizes, colours, bold)."""
    from engine.models import MODELS

    model = MODELS[model_name]
    trainable = set(model.parameters) - ({model.parameters[0]} if frozen else set())
    config = model.config(activation=activation, trainable=frozenset(trainable))
    running = ChainRuleView()
    running.resize(560, 420)
    qtbot.addWidget(running)
    running.set_font_point_size(15)
    for step, state in enumerate(_run_of(model, config, 6)):
        running.show_state(state, config, step * 1000)
        whole = ChainRuleView()
        whole.set_font_point_size(15)
        whole.show_state(state, config, step * 1000)
        assert running.toHtml() == whole.toHtml()
        assert running.toPlainText() == whole.toPlainText()
    assert f"Step {5000:,}" in running.toPlainText()
    # The replaced paragraphs leave no undo history behind, however long the run.
    assert running.document().availableUndoSteps() == 0


def test_running_steps_keep_the_scroll_bar(qtbot):
    """Setting the whole page emptied the document first: its scroll bar went away and
    came back at every step, laying the text out at two widths and repainting the bar."""
    from PySide6.QtCore import QEvent, QObject

    view = ChainRuleView()
    view.resize(420, 200)  # shorter than the equations: the page scrolls
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    config = DEFAULT_CONFIG
    states = [evaluate(NOTES_PARAMS.with_value("w1", 0.1 + i / 100), config) for i in range(8)]
    view.show_state(states[0], config, 0)
    bar = view.verticalScrollBar()
    assert bar.isVisible()
    bar.setValue(40)
    qtbot.wait(5)  # that repaint done

    class Count(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.seen: list[tuple[QObject, QEvent.Type]] = []

        def eventFilter(self, watched, event):
            if event.type() in (QEvent.Type.Resize, QEvent.Type.Hide, QEvent.Type.Paint):
                self.seen.append((watched, event.type()))
            return False

    counter = Count()
    viewport = view.viewport()
    viewport.installEventFilter(counter)
    bar.installEventFilter(counter)
    for step, state in enumerate(states[1:], start=1):
        view.show_state(state, config, step)
        qtbot.wait(1)
    assert "0.17" in view.toPlainText()
    kinds = [kind for _, kind in counter.seen]
    assert QEvent.Type.Resize not in kinds and QEvent.Type.Hide not in kinds
    # The text was repainted, the bar (same range, same place) never.
    assert (viewport, QEvent.Type.Paint) in counter.seen
    assert (bar, QEvent.Type.Paint) not in counter.seen
    assert bar.value() == 40


def test_message_above_equations(view):
    view.show_state(evaluate(NOTES_PARAMS), DEFAULT_CONFIG, 0)
    view.show_message("Training diverged: <w1> grew past 1e300")
    text = view.toPlainText()
    assert text.index("Training diverged: <w1>") < text.index("forward pass")
    view.show_message("")
    assert "diverged" not in view.toPlainText()


def test_font_size_and_scroll_position_kept(view):
    view.show()
    view.set_font_point_size(24)
    view.show_state(evaluate(NOTES_PARAMS), DEFAULT_CONFIG, 0)
    assert "font-size:24pt" in view.toHtml().replace(" ", "")
    bar = view.verticalScrollBar()
    assert bar.maximum() > 100
    bar.setValue(100)
    view.show_state(evaluate(NOTES_PARAMS.with_value("w1", -0.3)), DEFAULT_CONFIG, 1)
    assert bar.value() == 100


def test_operands_that_display_equal_but_differ_get_enough_digits(qapp):
    from engine.neuron import DEFAULT_CONFIG, NOTES_PARAMS, evaluate
    from widgets.chain_rule_view import ChainRuleView

    view = ChainRuleView()
    # out is 0.01 plus about 1e-14: with 12 digits both would read 0.01.
    params = NOTES_PARAMS.with_value("target", 0.01)
    snap = evaluate(params, DEFAULT_CONFIG)
    near = evaluate(params.with_value("target", snap.out + 1.5e-15), DEFAULT_CONFIG)
    view.show_state(near, DEFAULT_CONFIG, 0)
    text = view.toPlainText()
    t, o = near.params.target, near.out
    assert t != o
    line = next(x for x in text.splitlines() if x.strip().startswith("= ½ ("))
    first, second = line.split("(", 1)[1].split(")")[0].split(" − ")
    assert first != second, line
    assert float(first) == pytest.approx(t, rel=1e-13)
    assert float(second) == pytest.approx(o, rel=1e-13)


def test_a_live_step_brings_the_paragraphs_on_screen_up_to_date_and_the_rest_when_seen(qtbot):
    """While running only the paragraphs in view are replaced (a network's page is three
    views tall); one scrolled into view, or the next step shown not live, is current."""
    from engine.models import MODELS

    model = MODELS["2-2-2"]
    config = model.default_config
    first, second = _run_of(model, config, 2)
    view = ChainRuleView()
    view.resize(500, 250)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.show_state(first, config, 0)
    whole = ChainRuleView()
    whole.show_state(second, config, 1)
    # The last line that differs between the steps: the updates, out of view.
    last_line = next(
        x for x in reversed(whole.toPlainText().splitlines()) if x not in view.toPlainText()
    )
    assert " − 0.5 × " in last_line  # an update: w′ = w − η × ∂E/∂w

    view.show_state(second, config, 1, live=True)
    text = view.toPlainText()
    assert text.startswith("Step 1: forward pass")  # in view: current
    assert last_line not in text  # out of view: not yet

    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())  # scrolled to the end: current at once
    assert last_line in view.toPlainText()

    view.show_state(second, config, 1)  # not live: every paragraph
    assert view.toHtml() == whole.toHtml()


def test_another_model_replaces_a_scrolled_live_page(qtbot):
    """Setting a page of another length moves the scroll bar while the page is set: the
    view must not replace paragraphs then (it crashed)."""
    from engine.models import MODELS

    network, neuron = MODELS["2-2-2"], MODELS["neuron"]
    view = ChainRuleView()
    view.resize(500, 250)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    first, second = _run_of(network, network.default_config, 2)
    view.show_state(first, network.default_config, 0, live=True)
    view.show_state(second, network.default_config, 1, live=True)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    (state,) = _run_of(neuron, neuron.default_config, 1)
    view.show_state(state, neuron.default_config, 0, live=True)
    assert "outo1" not in view.toPlainText() and "Step 0: forward pass" in view.toPlainText()
