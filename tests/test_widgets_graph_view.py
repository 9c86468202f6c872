"""GraphView draws the neuron's computational graph with the engine's own numbers."""

from __future__ import annotations

import itertools
import math

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage
from worked_example import PRINTED, STANDARD

from engine import NOTES_AS_PRINTED, NOTES_PARAMS, get_activation, get_loss
from engine.activations import ACTIVATIONS
from engine.losses import LOSSES
from engine.models import Model
from engine.neuron import DEFAULT_CONFIG, NeuronConfig, build_graph
from engine.numbers import MINUS
from widgets.graph_view import GraphView, num, pretty

NODES = ("i1", "i2", "w1", "w2", "b1", "b2", "target", "i1·w1", "i2·w2", "net", "out", "E")


class CountingGraphView(GraphView):
    """Counts paint events."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def paintEvent(self, event) -> None:
        self.paints += 1
        super().paintEvent(event)


@pytest.fixture
def view(qtbot) -> CountingGraphView:
    widget = CountingGraphView()
    widget.resize(700, 420)
    qtbot.addWidget(widget)
    return widget


def value(text: str) -> float:
    return float(text.replace(MINUS, "-"))


def grab(view: GraphView, width: int, height: int) -> QImage:
    view.resize(width, height)
    image = view.grab().toImage()
    assert image.width() == width and image.height() == height
    return image


def test_notes_example(view):
    view.show_state(NOTES_PARAMS, DEFAULT_CONFIG)
    nodes, edges = view.node_texts(), view.edge_texts()
    assert set(nodes) == set(NODES)
    assert nodes["net"][0].startswith("0.9775")
    assert nodes["out"][0] == "0.726612"
    assert nodes["E"] == ("0.256766", "1")
    assert nodes["w1"][1] == "0.00711764"
    assert nodes["w2"][1] == "0.0142353"
    assert nodes["b1"][1] == nodes["b2"][1] == "0.142353"
    assert nodes["target"] == ("0.01", "")  # the loss's constant: no gradient shown
    assert edges[("w1", "i1·w1")] == "0.05"  # d(i1·w1)/dw1 = i1
    assert edges[("i1", "i1·w1")] == "0.15"  # d(i1·w1)/di1 = w1
    assert edges[("b1", "net")] == edges[("i2·w2", "net")] == "1"
    assert edges[("net", "out")] == "0.198647"
    assert edges[("out", "E")] == "0.716612"
    # The same numbers as the worked example, to 6 significant digits.
    for name, key in (("net", "net"), ("out", "out"), ("E", "error")):
        assert value(nodes[name][0]) == pytest.approx(STANDARD[key], rel=1e-5)
    for name in ("w1", "w2", "b1", "b2"):
        assert value(nodes[name][1]) == pytest.approx(STANDARD[f"grad_{name}"], rel=1e-5)
    assert not any(view.is_frozen(name) for name in ("w1", "w2", "b1", "b2"))
    assert all(view.is_trained(name) for name in ("w1", "w2", "b1", "b2"))
    assert not view.is_trained("i1") and not view.is_frozen("i1")
    assert view.objectName() == view.accessibleName() == "graph_view"
    assert view.message() == ""


def test_notes_as_printed(view):
    view.show_state(NOTES_PARAMS, NOTES_AS_PRINTED)
    nodes, edges = view.node_texts(), view.edge_texts()
    assert edges[("net", "out")] == "−0.198647"  # a real minus sign
    assert nodes["out"][0] == "0.273388"
    assert nodes["w1"][1] == "−0.00261606"
    assert value(nodes["w2"][1]) == pytest.approx(PRINTED["grad_w2"], rel=1e-5)
    shown = [*itertools.chain.from_iterable(nodes.values()), *edges.values()]
    assert not any("-" in text for text in shown)  # never a hyphen for minus
    assert view.is_frozen("b1") and view.is_frozen("b2")
    assert not view.is_frozen("w1") and not view.is_frozen("w2")
    assert view.is_trained("w1") and not view.is_trained("b1")


def test_same_state_twice_repaints_once(view, qtbot, monkeypatch):
    view.show()
    qtbot.waitExposed(view)
    updates = []
    original = view.update
    monkeypatch.setattr(view, "update", lambda *a: (updates.append(a), original(*a)))
    view.show_state(NOTES_PARAMS, DEFAULT_CONFIG)
    qtbot.waitUntil(lambda: view.paints >= 1)
    qtbot.wait(50)
    paints = view.paints
    view.show_state(NOTES_PARAMS, DEFAULT_CONFIG)
    view.show_state(NOTES_PARAMS.with_value("w1", 0.15), NeuronConfig())  # equal values
    qtbot.wait(50)
    assert len(updates) == 1
    assert view.paints == paints
    view.show_state(NOTES_PARAMS.with_value("w1", 0.5), DEFAULT_CONFIG)
    assert len(updates) == 2
    assert view.node_texts()["w1"][0] == "0.5"


def test_graph_built_once_per_activation_and_loss(view, monkeypatch):
    calls = []
    real = Model.graph

    def counting(model, config):
        calls.append((config.activation, config.loss))
        return real(model, config)

    monkeypatch.setattr(Model, "graph", counting)
    for w1 in (0.1, 0.2, 0.3):
        view.show_state(NOTES_PARAMS.with_value("w1", w1), DEFAULT_CONFIG)
    view.show_state(NOTES_PARAMS, NOTES_AS_PRINTED)
    view.show_state(NOTES_PARAMS, DEFAULT_CONFIG)
    view.show_state(NOTES_PARAMS, NOTES_AS_PRINTED)
    assert calls == [("sigmoid", "half-sse"), ("sigmoid-flipped", "half-sse")]
    assert view.node_texts()["out"][0] == "0.273388"


@pytest.mark.parametrize("config", [DEFAULT_CONFIG, NOTES_AS_PRINTED], ids=["notes", "printed"])
def test_each_gradient_is_the_chain_rule_over_its_out_arrows(view, config):
    view.show_state(NOTES_PARAMS, config)
    graph = build_graph(get_activation(config.activation), get_loss(config.loss))
    graph.forward(NOTES_PARAMS.as_dict())
    graph.backward("E")
    nodes, edges = view.node_texts(), view.edge_texts()
    checked = 0
    for node in graph.nodes.values():
        out_edges = [(dst, local) for src, dst, local in graph.edges() if src is node]
        if not out_edges:  # E (grad 1 by definition) and target (a constant of the loss)
            continue
        # The engine's numbers: grad = sum over out-arrows of local × destination's grad.
        assert node.grad == pytest.approx(sum(local * dst.grad for dst, local in out_edges))
        # The view shows exactly those numbers...
        assert nodes[node.name][1] == num(node.grad)
        for dst, local in out_edges:
            assert edges[(node.name, dst.name)] == num(local)
        # ...so a learner can redo the chain rule with what is on the screen.
        shown = sum(
            value(edges[(node.name, d.name)]) * value(nodes[d.name][1]) for d, _ in out_edges
        )
        assert value(nodes[node.name][1]) == pytest.approx(shown, rel=2e-5)
        checked += 1
    assert checked == 10  # six leaves besides target, two products, net, out
    assert nodes["E"][1] == "1"


def assert_clean(view: GraphView, width: int, height: int) -> None:
    """Nothing overlaps, nothing is clipped, and text is readable."""
    rects = view.text_rects()
    assert len([name for name, _ in rects if name.startswith("box")]) == len(NODES)
    assert len([name for name, _ in rects if name.startswith("arrow")]) == 10
    widget = QRectF(0, 0, width, height)
    for name, rect in rects:
        assert widget.contains(rect), f"{name} is clipped at {width}x{height}"
    for (a, ra), (b, rb) in itertools.combinations(rects, 2):
        assert not ra.intersects(rb), f"{a} overlaps {b} at {width}x{height}"


@pytest.mark.parametrize("config", [DEFAULT_CONFIG, NOTES_AS_PRINTED], ids=["notes", "printed"])
@pytest.mark.parametrize(("width", "height"), [(600, 400), (1000, 600)])
def test_paints_cleanly(view, config, width, height):
    view.show_state(NOTES_PARAMS, config)
    image = grab(view, width, height)
    assert_clean(view, width, height)
    # Readable: the default size wherever it fits; never tiny in a small window.
    if width >= 1000:
        assert view.drawn_point_size() == view.font_point_size()
    else:
        assert view.drawn_point_size() >= 7.5
    colors = {
        image.pixelColor(x, y).name() for x in range(0, width, 3) for y in range(0, height, 3)
    }
    assert QColor("#ffffff").name() in colors and len(colors) > 20  # drawn, not blank


@pytest.mark.parametrize(("width", "height"), [(800, 300), (480, 640), (480, 300), (1920, 1080)])
def test_any_shape_stays_clean(view, width, height):
    view.show_state(NOTES_PARAMS, NOTES_AS_PRINTED)
    grab(view, width, height)
    assert_clean(view, width, height)


def test_grows_and_shrinks_with_the_font_size(view, qtbot):
    view.show_state(NOTES_PARAMS, DEFAULT_CONFIG)
    grab(view, 1000, 600)
    assert view.drawn_point_size() == 11
    view.set_font_point_size(14)  # projection
    grab(view, 1400, 800)
    assert view.font_point_size() == 14 and view.drawn_point_size() == 14
    assert_clean(view, 1400, 800)
    grab(view, 600, 400)  # too small for 14 pt: shrinks rather than clips
    assert 7 < view.drawn_point_size() < 14
    assert_clean(view, 600, 400)


@pytest.mark.parametrize("activation", list(ACTIVATIONS))
@pytest.mark.parametrize("loss", list(LOSSES))
def test_every_choice_renders(view, activation, loss):
    config = NeuronConfig(activation, loss, frozenset({"w2"}))
    view.show_state(NOTES_PARAMS, config)
    grab(view, 700, 420)
    assert_clean(view, 700, 420)
    assert view.is_frozen("w1") and view.is_trained("w2")
    assert all(math.isfinite(value(v)) for v, _ in view.node_texts().values())


def test_a_loss_that_cannot_be_evaluated_shows_why(view):
    saturated = NOTES_PARAMS.with_value("b1", 1000.0)  # sigmoid rounds to exactly 1
    view.show_state(saturated, NeuronConfig("sigmoid", "bce"))
    assert "binary cross-entropy" in view.message()
    assert view.node_texts() == {} and view.edge_texts() == {} and view.text_rects() == []
    grab(view, 600, 400)
    view.show_state(NOTES_PARAMS, DEFAULT_CONFIG)  # back to normal
    assert view.message() == "" and view.node_texts()["out"][0] == "0.726612"


def test_symbols():
    assert pretty("i1·w1") == "i₁·w₁" and pretty("b2") == "b₂" and pretty("net") == "net"
    assert num(-0.5) == "−0.5" and num(1 / 3) == "0.333333" and num(0.0) == "0"
    assert num(float("inf")) == "∞" and num(float("-inf")) == "−∞" and num(math.nan) == "NaN"


def _moved(params, **changes):
    """The same parameters with some values changed (as a training step would)."""
    values = params.as_dict()
    values.update(changes)
    return params.model.values(values)


def test_a_live_step_keeps_the_layout_and_writes_the_new_numbers(view, qtbot):
    view.resize(900, 500)
    view.show_state(NOTES_PARAMS, DEFAULT_CONFIG)
    view.grab()
    before = {name: QRectF(rect) for name, rect in view.text_rects()}
    first = view._current_layout()
    moved = _moved(NOTES_PARAMS, w1=NOTES_PARAMS["w1"] + 0.01)
    view.show_state(moved, DEFAULT_CONFIG, live=True)
    layout = view._current_layout()
    assert layout is first  # not measured again
    assert {name: QRectF(rect) for name, rect in view.text_rects()} == before
    assert layout.boxes["w1"].value == num(moved["w1"]) == view.node_texts()["w1"][0]
    assert {label.edge: label.text for label in layout.labels} == view.edge_texts()
    # The cached background plus the numbers is exactly a full repaint of that layout.
    cached = view.grab().toImage()
    view._background = None
    assert view.grab().toImage() == cached


def test_a_live_number_too_wide_for_its_box_lays_the_graph_out_again(view):
    view.resize(900, 500)
    view.show_state(NOTES_PARAMS, DEFAULT_CONFIG)
    view.grab()
    width = view._current_layout().boxes["w1"].rect.width()
    view.show_state(_moved(NOTES_PARAMS, w1=-1.23456e-123), DEFAULT_CONFIG, live=True)
    assert view._current_layout().boxes["w1"].rect.width() > width


def test_a_paused_change_lays_the_graph_out_afresh(view):
    view.resize(900, 500)
    view.show_state(NOTES_PARAMS, DEFAULT_CONFIG)
    view.grab()
    first = view._current_layout()
    view.show_state(_moved(NOTES_PARAMS, w1=0.5), DEFAULT_CONFIG)
    assert view._current_layout() is not first


def test_a_live_step_repaints_only_where_numbers_changed(qtbot):
    """The whole graph was repainted at every frame of a run: its boxes, arrows and
    legend do not change, only the numbers.  What is on screen after the partial repaint
    is exactly a full repaint."""
    from PySide6.QtCore import QPoint

    class RegionView(GraphView):
        def __init__(self) -> None:
            super().__init__()
            self.regions = []

        def paintEvent(self, event) -> None:
            self.regions.append(event.region())
            super().paintEvent(event)

    view = RegionView()
    view.resize(900, 500)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.show_state(NOTES_PARAMS, DEFAULT_CONFIG)
    qtbot.waitUntil(lambda: len(view.regions) > 0)
    qtbot.wait(20)
    view.regions.clear()
    moved = _moved(NOTES_PARAMS, w1=NOTES_PARAMS["w1"] + 0.01)
    view.show_state(moved, DEFAULT_CONFIG, live=True)
    qtbot.waitUntil(lambda: len(view.regions) > 0)
    (region,) = view.regions
    w1 = view._current_layout().boxes["w1"].rect.center().toPoint()
    target = view._current_layout().boxes["target"].rect.center().toPoint()
    assert region.contains(w1)  # its value changed
    assert not region.contains(target)  # the target's number did not
    assert not region.contains(QPoint(1, 1))  # nor the margin, the arrows, the legend
    on_screen = view.screen().grabWindow(view.winId()).toImage()
    whole = view.grab().toImage()
    assert on_screen.convertToFormat(whole.format()) == whole


def test_a_live_run_that_outgrew_its_boxes_keeps_room_for_the_next_digit(view, qtbot):
    """A number a digit longer than its box laid the whole graph out again (and redrew
    it: 18 ms for the 2-2-2 model), several times a second; laid out while live, the
    boxes keep room for a sign and two digits.  Paused, they fit the numbers again."""
    view.resize(900, 500)
    view.show_state(NOTES_PARAMS, DEFAULT_CONFIG)
    paused = view._current_layout()
    view.show_state(_moved(NOTES_PARAMS, w1=-0.0151234), DEFAULT_CONFIG, live=True)
    roomy = view._current_layout()
    assert roomy is not paused  # outgrown: laid out again
    view.show_state(_moved(NOTES_PARAMS, w1=-0.00151234), DEFAULT_CONFIG, live=True)
    assert view._current_layout() is roomy  # a digit longer: it fits
    assert view.node_texts()["w1"][0] == num(-0.00151234) == "−0.00151234"
    view.show_state(_moved(NOTES_PARAMS, w1=-0.0015123), DEFAULT_CONFIG)  # paused
    fresh = CountingGraphView()
    qtbot.addWidget(fresh)
    fresh.resize(900, 500)
    fresh.show_state(_moved(NOTES_PARAMS, w1=-0.0015123), DEFAULT_CONFIG)
    width = fresh._current_layout().boxes["w1"].rect.width()
    assert view._current_layout().boxes["w1"].rect.width() == pytest.approx(width)
