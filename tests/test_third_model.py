"""A model that exists only here proves that the views learn a model from its description.

``LINEAR_UNIT`` is one linear unit with one input, its own names for everything (u, a, c,
v, s, z; not x and y, which the surface command takes for its axes) and its own columns.
Registering it (in the test only) must be enough for the window to offer it, every tab to
show it, and the export to equal the command line's CSV: no change outside ``tests/``.  A
second test reads ``widgets/`` for names of a particular model or parameter.
"""

from __future__ import annotations

import ast
import io
import tokenize
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QFileDialog, QLineEdit

from engine.models import MODELS, Model, NodeSpec, leaf, unit
from engine.models.compiler import evaluator

LINEAR_UNIT = Model(
    name="linear-unit",
    title="one linear unit (a test model)",
    description="one input u, weight a, bias c, target v",
    nodes=(
        leaf("u", "input"),
        leaf("a", "parameter"),
        leaf("c", "parameter"),
        leaf("v", "target"),
        *unit("s", "z", (("u", "a"), "c")),
        NodeSpec("E", "loss", ("z",), ("v",)),
    ),
    parameters=("a", "c"),
    defaults={"u": 2.0, "a": 0.5, "c": -0.25, "v": 1.5, "eta": 0.1},
    default_trained=frozenset({"a", "c"}),
    columns=("step", "u", "a", "c", "v", "eta", "s", "z", "error", "grad_a", "grad_c"),
    default_activation="linear",
)


@pytest.fixture
def registered(monkeypatch):
    monkeypatch.setitem(MODELS, LINEAR_UNIT.name, LINEAR_UNIT)
    return LINEAR_UNIT


def test_the_test_model_computes_what_a_hand_calculation_gives():
    state = LINEAR_UNIT.evaluate(LINEAR_UNIT.defaults, LINEAR_UNIT.default_config)
    s = 2.0 * 0.5 - 0.25
    assert state["s"] == state["z"] == s
    assert state.error == 0.5 * (1.5 - s) ** 2
    assert state.gradient("a") == (s - 1.5) * 2.0 and state.gradient("c") == s - 1.5
    assert "exp(" not in evaluator(LINEAR_UNIT, "linear", "half-sse").source


def test_the_window_shows_every_tab_and_exports_the_cli_csv(
    registered, qtbot, window, tmp_path, monkeypatch
):
    from app.__main__ import main

    # A new window lists every registered model; choose ours as a learner would.
    from app.main_window import MainWindow

    window = MainWindow(settings=window.settings)
    qtbot.addWidget(window)
    window.show()
    chooser = window.findChild(QComboBox, "model_select")
    index = chooser.findData(LINEAR_UNIT.name)
    assert index >= 0 and chooser.itemText(index) == LINEAR_UNIT.title
    chooser.setCurrentIndex(index)
    chooser.activated.emit(index)
    assert window.state.model is LINEAR_UNIT
    for name in LINEAR_UNIT.fields:
        assert window.findChild(QLineEdit, f"param_{name}") is not None, name
    assert window.findChild(QLineEdit, "param_w1") is None
    window.state.advance(7)
    qtbot.wait(30)

    tabs = window.explain_tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        qtbot.wait(30)  # each tab renders the model (a Qt warning would fail the test)
    chain = window.chain_rule_view.toPlainText()
    assert "Step 7" in chain and "∂E/∂a" in chain and "s = u·a + c" in chain
    assert set(window.graph_view.node_texts()) == {n.name for n in LINEAR_UNIT.nodes}
    assert "z" in window.hand_check.findChild(QLineEdit, "check_z").objectName()
    surface = window.surface.map
    assert [surface.x_choice.itemText(i) for i in range(surface.x_choice.count())] == ["a", "c"]
    pos = surface.ball.pos()
    assert (pos.x(), pos.y()) == pytest.approx((window.state.params["a"], window.state.params["c"]))
    assert window.surface.slopes.parameter() in LINEAR_UNIT.parameters

    # Undo brings the neuron back: choosing a model is one undoable step.
    window.undo_stack.undo()
    assert window.state.model is MODELS["neuron"]
    window.undo_stack.redo()
    assert window.state.model is LINEAR_UNIT and window.state.step == 7

    out = tmp_path / "gui.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "CSV"))
    window.export_csv_action.trigger()
    qtbot.waitUntil(lambda: window.export_running is None)
    cli = tmp_path / "cli.csv"
    assert main(["train", "--model", LINEAR_UNIT.name, "--steps", "7", "--csv", str(cli)]) == 0
    assert out.read_bytes() == cli.read_bytes()
    assert out.read_text().splitlines()[0] == ",".join(LINEAR_UNIT.columns)


def test_2_2_2_export_equals_the_cli_csv(qtbot, window, tmp_path, monkeypatch):
    from app.__main__ import main

    window.state.set_model(MODELS["2-2-2"])
    window.state.advance(40)
    out = tmp_path / "gui.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "CSV"))
    window.export_csv_action.trigger()
    qtbot.waitUntil(lambda: window.export_running is None)
    cli = tmp_path / "cli.csv"
    assert main(["train", "--model", "2-2-2", "--steps", "40", "--csv", str(cli)]) == 0
    assert out.read_bytes() == cli.read_bytes()
    header = out.read_text().splitlines()[0]
    assert header.startswith("step,i1,i2,w1,w2,w3,w4,w5,w6,w7,w8,b1,b2,t1,t2,eta,net_h1,")


def test_the_command_lines_help_names_the_test_models_defaults(registered, capsys):
    """--help learns every default from the models: the test model's linear activation
    and its trained set appear, and no option claims one default for every model."""
    from app.__main__ import main

    assert main(["train", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())  # argparse wraps lines
    assert "--model linear-unit: one linear unit (a test model)" in out
    assert "--u 2, --a 0.5, --c -0.25, --v 1.5, --eta 0.1, --activation linear" in out
    assert "--train a,c" in out
    assert "default: neuron sigmoid, 2-2-2 sigmoid, linear-unit linear" in out
    assert "(default sigmoid)" not in out and "2-2-2 network's eight weights" not in out


# --- no view names a particular model or parameter -----------------------------------------

WIDGETS = Path(__file__).resolve().parents[1] / "widgets"
APP = WIDGETS.parent / "app"


def _names() -> set[str]:
    """Every name a shipped model gives its fields and nodes, and the models' own names."""
    names = {m.name for m in MODELS.values()}
    for model in MODELS.values():
        names |= set(model.fields) | {n.name for n in model.nodes}
    return names - {"E"}  # the loss node's name is also the error's symbol in formulas


def _literals_and_attributes(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string literal's value and every attribute name (after a dot),
    leaving out comments and docstrings."""
    found = []
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    for i, tok in enumerate(tokens):
        if tok.type == tokenize.STRING:
            before = tokens[i - 1] if i else None
            if before is not None and before.type in (tokenize.INDENT, tokenize.NEWLINE):
                continue  # a docstring
            try:
                found.append((tok.start[0], str(ast.literal_eval(tok.string))))
            except (SyntaxError, ValueError):
                continue  # an f-string with fields: its parts are not names
        # p.w1 or p.b2: an attribute named like an indexed symbol.  (A plain word such as
        # factor.target may name something else; as a string it is caught above.)
        elif (
            tok.type == tokenize.NAME
            and i
            and tokens[i - 1].string == "."
            and not tok.string.isalpha()
        ):
            found.append((tok.start[0], tok.string))
    return found


def test_no_widget_names_a_model_or_a_parameter():
    names = _names()
    offences = []
    for path in sorted(WIDGETS.glob("*.py")):
        for line, text in _literals_and_attributes(path.read_text("utf-8")):
            if text in names:
                offences.append(f"{path.name}:{line}: {text!r}")
    assert offences == []


def test_the_name_check_finds_a_hard_coded_name():
    sample = 'x = params["w5"]\ny = p.b2\nz = "target"\nf.target\n"""A docstring naming w1."""\n'
    found = {text for _, text in _literals_and_attributes(sample)}
    assert {"w5", "b2", "target"} <= found & _names()
    assert "A docstring naming w1." not in found


def test_no_widget_names_an_activation_or_a_loss():
    """Widgets and the window learn activations and losses from engine.activations/losses
    too (a symbol, a formula, whether the derivative has a kink or out saturates at 0 and
    1), never by comparing their names."""
    from engine.activations import ACTIVATIONS
    from engine.losses import LOSSES

    names = set(ACTIVATIONS) | set(LOSSES)
    offences = []
    # The window's app/ code too (a saturated sigmoid's advice asks Activation.saturates_at_0_1);
    # the command line names them in its help.
    app = sorted(p for p in APP.glob("*.py") if p.name != "cli.py")
    for path in [*sorted(WIDGETS.glob("*.py")), *app]:
        for line, text in _literals_and_attributes(path.read_text("utf-8")):
            if text in names:
                offences.append(f"{path.name}:{line}: {text!r}")
    assert offences == []
