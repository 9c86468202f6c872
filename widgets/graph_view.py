"""A model's computational graph, painted with the current numbers.

Every node is a box with its value (forward pass, black) and its gradient ∂E/∂node
(backward pass, red); every arrow carries its local derivative d destination / d source.
A node's gradient is the sum over its out-arrows of (local derivative × the destination's
gradient): the chain rule, visible.

The layout is computed from the model's graph (:func:`layered`): operations in layers from
left to right, each leaf just before the first node that uses it, the loss ``E`` last with
its targets beside it.  For the notes' neuron that gives the inputs and weights; the four
terms ``net`` sums; ``net``; ``out``; ``E`` with ``target`` above it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QPolygonF,
    QRegion,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from engine.activations import get_activation
from engine.graph import Graph
from engine.losses import LossDomainError
from engine.models import LEAF_KINDS, TARGET, Config, Model, Values
from engine.numbers import display_number

from .messages import phrase

DEFAULT_POINT_SIZE = 11
#: The smallest size text shrinks to when the widget is too small for the set size.
MIN_POINT_SIZE = 6.0
#: Significant digits shown in the boxes and on the arrows.
DIGITS = 6
#: Arrow labels and the legend, relative to the box text.
SMALL_SCALE = 0.88
#: Arrowhead length, relative to the height of a line of box text.
ARROW_SCALE = 0.5

VALUE_COLOR = QColor("#000000")
GRAD_COLOR = QColor("#b00020")
LOCAL_COLOR = QColor("#1a4f9c")
CAPTION_COLOR = QColor("#6b6b6b")
FROZEN_TEXT = QColor("#9a9a9a")
FROZEN_GRAD = QColor("#c99aa2")
EDGE_COLOR = QColor("#8c8c8c")
BOX_FILL = QColor("#ffffff")
FROZEN_FILL = QColor("#f1f1f1")
BORDER = QColor("#7a7a7a")
TRAINED_BORDER = QColor("#222222")
FROZEN_BORDER = QColor("#b8b8b8")
LABEL_BORDER = QColor("#b9cbe6")
GRAD_BAND = QColor("#fcebed")
FROZEN_BAND = QColor("#f3e9ea")
MESSAGE_COLOR = QColor("#4a3500")


def layered(model: Model) -> dict[str, tuple[int, float]]:
    """Where each node sits: (column, slot), slots being rows in units of the row spacing.

    An operation's column is one more than its latest operation input's (at least 1); a
    leaf sits one column before its first user; the targets sit with ``E``.  Within a
    column the order follows the users' positions (a few sweeps, as in layered graph
    drawing), and an operation is placed level with the middle of its inputs.
    """
    nodes = {n.name: n for n in model.nodes}
    users: dict[str, list[str]] = {n.name: [] for n in model.nodes}
    for n in model.nodes:
        for source in (*n.inputs, *n.targets):
            users[source].append(n.name)
    column: dict[str, int] = {}
    for n in model.nodes:
        if n.kind in LEAF_KINDS:
            continue
        ops = [column[i] + 1 for i in n.inputs if i in column]
        column[n.name] = max([1, *ops])
    root = model.nodes[-1].name
    for n in model.nodes:
        if n.kind == TARGET:
            column[n.name] = column[root]
        elif n.name not in column:
            column[n.name] = min(column[u] for u in users[n.name]) - 1
    # First order: depth first from the root, inputs in their order.
    order: list[str] = []

    def visit(name: str) -> None:
        if name in order:
            return
        order.append(name)
        for source in nodes[name].inputs:
            visit(source)

    visit(root)
    order += [n.name for n in model.nodes if n.name not in order]
    columns = max(column.values()) + 1
    by_column = [[name for name in order if column[name] == c] for c in range(columns)]
    targets = [name for name in by_column[-1] if nodes[name].kind == TARGET]
    by_column[-1] = [root]
    slot: dict[str, float] = {}

    def place() -> None:
        for names in by_column:
            wanted = []
            for name in names:
                inputs = [slot[i] for i in nodes[name].inputs if i in slot]
                wanted.append(sum(inputs) / len(inputs) if inputs else None)
            previous = -1.0
            for k, name in enumerate(names):
                want = wanted[k]
                if want is None:  # a leaf: between its neighbours, or just below
                    later = [w for w in wanted[k + 1 :] if w is not None]
                    want = previous + 1.0 if not later else max(previous + 1.0, later[0] - 1.0)
                slot[name] = max(want, previous + 1.0) if k else want
                previous = slot[name]

    place()
    for _ in range(2):  # order each column by where its users are, right to left
        for names in reversed(by_column[:-1]):
            names.sort(key=lambda n: sum(slot[u] for u in users[n]) / max(1, len(users[n])))
        place()
    top = min(slot.values())
    places = {name: (column[name], slot[name] - top) for name in slot}
    # The targets above the loss (a second one below it).
    e_column, e_slot = places[root]
    for k, name in enumerate(targets):
        places[name] = (e_column, e_slot - 1.5 if k % 2 == 0 else e_slot + 1.5)
    low = min(p[1] for p in places.values())
    return {name: (c, y - low) for name, (c, y) in places.items()}


_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
#: Texts smaller than this are not readable: the view asks for more room instead.
READABLE_POINT_SIZE = 7.5
#: Where along its shaft an arrow label may sit, in order of preference: the first place
#: clear of the labels already placed and of the boxes wins (crossing arrows meet mid-way).
_LABEL_AT = (0.5, 0.68, 0.32, 0.8, 0.2)
_SEPARATOR = "  ·  "
_GAP = "\u2002"  # an en space between a node's name and its operation

_Piece = tuple[str, QColor, float, float]  # legend text, colour, x, width


def _wrap(
    items: list[tuple[str, QColor, float]], width: float, separator: float
) -> list[list[_Piece]]:
    """Legend items (text, colour, width) on lines of pieces, with separators between.

    As few lines as ``width`` allows, then as even as possible (no lone last item).
    """

    def greedy(limit: float) -> list[list[_Piece]]:
        lines: list[list[_Piece]] = [[]]
        x = 0.0
        for text, color, w in items:
            if lines[-1] and x + separator + w > limit:
                lines.append([])
                x = 0.0
            if lines[-1]:
                lines[-1].append((_SEPARATOR, CAPTION_COLOR, x, separator))
                x += separator
            lines[-1].append((text, color, x, w))
            x += w
        return lines

    lines = greedy(width)
    count = len(lines)
    if count > 1:
        total = sum(w for _, _, w in items) + separator * (len(items) - 1)
        limit = total / count
        while limit < width:
            balanced = greedy(limit)
            if len(balanced) == count:
                return balanced
            limit += separator
    return lines


#: The room a live layout keeps beside each number (see GraphView._room).
_ROOM = "\u221288"


def _area(rect: QRectF) -> QRect:
    """The pixels a text drawn in ``rect`` may touch (antialiasing spills a pixel)."""
    return rect.toAlignedRect().adjusted(-1, -1, 1, 1)


def num(value: float) -> str:
    """A number with about 6 significant digits and a real minus sign."""
    return display_number(value, DIGITS)


def pretty(name: str) -> str:
    """A node name with its indices as Unicode subscripts: i1·w1 -> i₁·w₁, net_h1 → net h₁."""
    return name.replace("_", " ").translate(_SUBSCRIPTS)


@dataclass(frozen=True, slots=True)
class _Node:
    name: str
    kind: str
    value_text: str
    grad_text: str
    inputs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Edge:
    source: str
    destination: str
    text: str


@dataclass(slots=True)
class _Box:
    """A node's box and the text lines drawn inside it."""

    rect: QRectF
    title: str
    caption: str
    value: str
    grad: str  # the gradient line ("constant" for the target)
    frozen: bool
    trained: bool
    constant: bool  # the target: a number the loss uses, not differentiated


@dataclass(slots=True)
class _Label:
    rect: QRectF
    text: str
    edge: tuple[str, str]


@dataclass(slots=True)
class _Layout:
    """Everything paintEvent draws, in widget coordinates."""

    point_size: float
    boxes: dict[str, _Box]
    arrows: list[tuple[QPointF, QPointF]]
    labels: list[_Label]
    target_links: list[tuple[QPointF, QPointF]]
    legend: list[list[_Piece]]  # lines of pieces, x relative to the widget
    legend_top: float
    legend_line: float


class GraphView(QWidget):
    """The computational graph of the neuron with forward values, gradients and local
    derivatives, drawn to fit the widget."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("graph_view")
        self.setAccessibleName("graph_view")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # paintEvent fills it all
        self._point_size = DEFAULT_POINT_SIZE
        self._graphs: dict[tuple[Model, str, str], Graph] = {}
        self._state: tuple[Values, Config] | None = None
        self._places: dict[str, tuple[int, float]] = {}
        self._model: Model | None = None
        self._need = (0.0, 0.0)  # the size the last layout needed
        self._readable: QSize | None = None
        self._nodes: dict[str, _Node] = {}
        self._edges: list[_Edge] = []
        self._message = ""
        self._layout_key: tuple[object, ...] | None = None
        self._layout: _Layout | None = None
        # What does not change from step to step (boxes, arrows, titles, legend), drawn
        # once per layout; each repaint draws it and writes the numbers on top.
        self._background: QPixmap | None = None
        self._background_key: tuple[object, ...] | None = None
        # A run whose numbers outgrew their boxes is laid out with room to spare (a sign
        # and two digits), so that the next numbers, a digit longer or with a sign, fit:
        # a new layout redraws the whole graph (18 ms for the 2-2-2 model), and without
        # the room that happened several times a second.  Paused, boxes fit their numbers.
        self._room = False

    # ----------------------------------------------------------------- public API

    def show_state(self, params: Values, config: Config, live: bool = False) -> None:
        """Evaluate the graph for these numbers and repaint (nothing when unchanged).

        ``live`` (a run moving them frame after frame) keeps the boxes where they are
        while the new numbers fit in them, so a repaint only writes the numbers; otherwise
        the graph is laid out afresh for these numbers.
        """
        if self._state == (params, config) and self._state[0].model is params.model:
            return
        same_config = self._state is not None and self._state[1] == config
        self._state = (params, config)
        model = params.model
        new_model = model is not self._model
        if new_model:
            self._model = model
            self._places = layered(model)
        key = (model, config.activation, config.loss)
        graph = self._graphs.get(key)
        if graph is None:
            graph = model.graph(config)
            self._graphs[key] = graph
        try:
            graph.forward(params.as_dict())
            graph.backward(model.loss_node.name)
        except LossDomainError as error:
            self._nodes, self._edges = {}, []
            self._message = self.tr("The graph cannot be evaluated here: {reason}").format(
                reason=phrase(error)
            )
        else:
            self._message = ""
            self._nodes = {
                node.name: _Node(
                    node.name,
                    node.kind,
                    num(node.value),
                    "" if node.kind == TARGET else num(node.grad),
                    tuple(n.name for n in node.inputs),
                )
                for node in graph.nodes.values()
            }
            self._edges = [
                _Edge(src.name, dst.name, num(local)) for src, dst, local in graph.edges()
            ]
            if new_model:
                self._readable = None
            changed = self._numbers_fit() if live and same_config and not new_model else None
            if changed is not None:
                # The same layout, new numbers: repaint only where a number changed.
                if not changed.isEmpty():
                    self.update(changed)
                return
        self._room = live
        self._invalidate()

    def _numbers_fit(self) -> QRegion | None:
        """Put the new numbers into the current layout if each fits its box or label;
        returns where a number changed (None: they do not fit)."""
        layout = self._layout
        if layout is None or self._layout_key is None or self._message:
            return None
        points = layout.point_size
        plain = QFontMetricsF(self._font(points))
        small = QFontMetricsF(self._font(max(MIN_POINT_SIZE, points * SMALL_SCALE)))
        em = plain.horizontalAdvance("M")
        pad_x, label_pad_x = 0.45 * em, 0.3 * em  # as in _measure
        boxes = {}
        for name, box in layout.boxes.items():
            node = self._nodes.get(name)
            if node is None:
                return None
            grad = box.grad if box.constant else node.grad_text
            inner = max(plain.horizontalAdvance(node.value_text), plain.horizontalAdvance(grad))
            if inner + 2 * pad_x > box.rect.width():
                return None
            boxes[name] = (node.value_text, grad)
        texts = {(e.source, e.destination): e.text for e in self._edges}
        labels = []
        for label in layout.labels:
            text = texts.get(label.edge)
            if text is None or small.horizontalAdvance(text) + 2 * label_pad_x > label.rect.width():
                return None
            labels.append(text)
        changed = QRegion()
        for name, (value, grad) in boxes.items():
            box = layout.boxes[name]
            if (box.value, box.grad) != (value, grad):
                box.value, box.grad = value, grad
                changed += _area(box.rect)
        for label, text in zip(layout.labels, labels, strict=True):
            if label.text != text:
                label.text = text
                changed += _area(label.rect)
        return changed

    def set_font_point_size(self, points: int) -> None:
        """Change the text size, e.g. larger for projection (shrunk only if it cannot fit)."""
        points = int(points)
        if points == self._point_size:
            return
        self._point_size = points
        self._invalidate()

    def font_point_size(self) -> int:
        """The text size asked for with :meth:`set_font_point_size`."""
        return self._point_size

    def node_texts(self) -> dict[str, tuple[str, str]]:
        """Each node's (value text, gradient text) as shown; target has no gradient ("")."""
        return {name: (n.value_text, n.grad_text) for name, n in self._nodes.items()}

    def edge_texts(self) -> dict[tuple[str, str], str]:
        """Each arrow's local derivative text, keyed by (source, destination)."""
        return {(e.source, e.destination): e.text for e in self._edges}

    def message(self) -> str:
        """Why nothing is drawn (e.g. binary cross-entropy with out = 1), or ""."""
        return self._message

    def is_frozen(self, name: str) -> bool:
        """True for a parameter of the model that is not being trained."""
        return (
            self._state is not None
            and name in self._state[0].model.parameters
            and name not in self._state[1].trainable
        )

    def is_trained(self, name: str) -> bool:
        """True for a parameter that gradient descent updates."""
        return self._state is not None and name in self._state[1].trainable

    def text_rects(self) -> list[tuple[str, QRectF]]:
        """Where text is drawn at the current size, as ("box w1", rect), ("arrow w1→i1·w1",
        rect) and ("legend black: …", rect): for checking that nothing overlaps or is cut off."""
        if not self._nodes:
            return []
        layout = self._current_layout()
        rects = [(f"box {name}", QRectF(b.rect)) for name, b in layout.boxes.items()]
        rects += [
            (f"arrow {label.edge[0]}→{label.edge[1]}", QRectF(label.rect))
            for label in layout.labels
        ]
        for i, pieces in enumerate(layout.legend):
            y = layout.legend_top + i * layout.legend_line
            rects += [
                (f"legend {text}", QRectF(x, y, w, layout.legend_line))
                for text, _, x, w in pieces
                if text != _SEPARATOR
            ]
        return rects

    def drawn_point_size(self) -> float:
        """The text size actually drawn: the set size, or smaller if the widget is too small."""
        return self._current_layout().point_size if self._nodes else float(self._point_size)

    def sizeHint(self) -> QSize:
        return QSize(760, 440)

    def minimumSizeHint(self) -> QSize:
        return QSize(480, 300)

    def readable_size(self) -> QSize:
        """The smallest size at which the graph fits with readable text
        (:data:`READABLE_POINT_SIZE`): the window keeps the view at least this large and
        scrolls it when the tab is smaller."""
        if not self._nodes:
            return QSize(480, 300)
        if self._readable is None:
            room, self._room = self._room, False  # readable for the numbers themselves
            self._measure(READABLE_POINT_SIZE, 1e6, 1e6)
            self._room = room
            need_w, need_h = self._need
            self._readable = QSize(math.ceil(need_w), math.ceil(need_h))
        return self._readable

    # ------------------------------------------------------------------ painting

    def _invalidate(self) -> None:
        self._layout_key = None
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._state is not None:
            state, self._state = self._state, None
            self.show_state(*state)  # phrases its message again
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.LanguageChange):
            self._readable = None
            self._invalidate()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            if self._message:
                painter.fillRect(self.rect(), QColor("#ffffff"))
                self._paint_message(painter)
            elif self._nodes:
                layout = self._current_layout()
                painter.drawPixmap(0, 0, self._background_for(layout))
                self._paint_numbers(painter, layout, event.region())
            else:
                painter.fillRect(self.rect(), QColor("#ffffff"))
        finally:
            painter.end()

    def _background_for(self, layout: _Layout) -> QPixmap:
        """The layout's unchanging part, drawn once (again after a resize or relayout)."""
        ratio = self.devicePixelRatioF()
        key = (id(layout), self.width(), self.height(), ratio)
        if self._background is None or key != self._background_key:
            pixmap = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(QColor("#ffffff"))
            painter = QPainter(pixmap)
            try:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
                self._paint_graph(painter, layout)
            finally:
                painter.end()
            self._background, self._background_key = pixmap, key
        return self._background

    def _paint_message(self, painter: QPainter) -> None:
        font = self._font(self._point_size)
        painter.setFont(font)
        painter.setPen(MESSAGE_COLOR)
        margin = QFontMetricsF(font).height()
        area = QRectF(self.rect()).adjusted(margin, margin, -margin, -margin)
        painter.drawText(
            area, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self._message
        )

    def _font(self, points: float, *, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(points)
        font.setBold(bold)
        return font

    def _current_layout(self) -> _Layout:
        key = (self.width(), self.height(), self._point_size, self.font().key())
        if self._layout is None or key != self._layout_key:
            self._layout = self._fit(self.width(), self.height())
            self._layout_key = key
            self._background = None  # drawn anew for the new layout
        return self._layout

    def _fit(self, width: float, height: float) -> _Layout:
        """The layout at the set text size, or at a smaller one if that does not fit."""
        points = float(self._point_size)
        while True:
            layout, shrink = self._measure(points, width, height)
            if layout is not None or points <= MIN_POINT_SIZE:
                break
            points = max(MIN_POINT_SIZE, min(points - 0.25, math.floor(points * shrink * 4) / 4))
        if layout is None:  # far too small: draw at the smallest size, clipped
            layout, _ = self._measure(points, width, height, force=True)
        assert layout is not None
        return layout

    def _texts(self) -> dict[str, tuple[str, str, str]]:
        """Per node: title, caption (grey, after the title) and the gradient line."""
        assert self._state is not None
        config = self._state[1]
        captions = {
            "sum": "Σ",
            "activation": get_activation(config.activation).symbol or config.activation,
            "loss": config.loss,
        }
        texts = {}
        for name, node in self._nodes.items():
            grad = self.tr("constant") if node.kind == TARGET else node.grad_text
            texts[name] = (pretty(name), captions.get(node.kind, ""), grad)
        return texts

    def _legend_items(self) -> list[tuple[str, QColor]]:
        return [
            (self.tr("black: value (forward)"), VALUE_COLOR),
            (self.tr("red: ∂E/∂node (backward)"), GRAD_COLOR),
            (self.tr("on arrows: local derivative"), LOCAL_COLOR),
            (self.tr("thick border: trained"), TRAINED_BORDER),
            (self.tr("grey: frozen"), FROZEN_TEXT),
        ]

    def _measure(
        self, points: float, width: float, height: float, *, force: bool = False
    ) -> tuple[_Layout | None, float]:
        """Lay the graph out at ``points``; (None, suggested shrink) if it does not fit."""
        plain = QFontMetricsF(self._font(points))
        bold = QFontMetricsF(self._font(points, bold=True))
        small_points = max(MIN_POINT_SIZE, points * SMALL_SCALE)
        small = QFontMetricsF(self._font(small_points))
        line = plain.height()
        em = plain.horizontalAdvance("M")
        pad_x, pad_y = 0.45 * em, 0.3 * line
        margin = 0.35 * line
        arrow = ARROW_SCALE * line
        clear = 0.45 * em  # between an arrow label and the boxes or the arrowhead
        texts = self._texts()
        room = plain.horizontalAdvance(_ROOM) if self._room else 0.0

        # Box sizes: one width per column, one height for every box.
        places = self._places
        n_columns = max(c for c, _ in places.values()) + 1
        last_slot = max(y for _, y in places.values())
        column_width = [0.0] * n_columns
        for name, (title, caption, grad) in texts.items():
            head = bold.horizontalAdvance(title)
            if caption:
                head += plain.horizontalAdvance(_GAP + caption)
            inner = max(
                head,
                plain.horizontalAdvance(self._nodes[name].value_text) + room,
                plain.horizontalAdvance(grad) + room,
            )
            column = places[name][0]
            column_width[column] = max(column_width[column], inner + 2 * pad_x)
        box_h = 3 * line + 3.5 * pad_y

        # Gaps between columns: room for the widest arrow label plus the arrow around it.
        label_pad_x, label_pad_y = 0.3 * em, 0.1 * line
        label_h = small.height() + 2 * label_pad_y
        label_w = {
            (e.source, e.destination): small.horizontalAdvance(e.text)
            + (small.horizontalAdvance(_ROOM) if room else 0.0)
            + 2 * label_pad_x
            for e in self._edges
        }
        min_gap = [arrow + 2.0 * em] * (n_columns - 1)
        for (_, destination), w in label_w.items():
            gap = places[destination][0] - 1
            min_gap[gap] = max(min_gap[gap], w + arrow + 2 * clear)

        # Legend: whole items, wrapped onto as few lines as the width allows, balanced.
        legend_font = QFontMetricsF(self._font(small_points))
        usable_w = max(1.0, width - 2 * margin)
        items = [(t, c, legend_font.horizontalAdvance(t)) for t, c in self._legend_items()]
        lines = _wrap(items, usable_w, legend_font.horizontalAdvance(_SEPARATOR))
        legend_line = legend_font.height()
        legend_h = len(lines) * legend_line
        legend_gap = 0.6 * line

        min_row = box_h + 0.45 * line
        need_w = 2 * margin + sum(column_width) + sum(min_gap)
        need_h = 2 * margin + box_h + last_slot * min_row + legend_gap + legend_h
        widest_legend = max(w for _, _, w in items)
        self._need = (max(need_w, widest_legend + 2 * margin), need_h)
        fits = need_w <= width and need_h <= height and widest_legend <= usable_w
        if not fits and not force:
            shrink = min(width / need_w, height / need_h, usable_w / widest_legend)
            return None, shrink

        # Spread out: extra width goes to the gaps (up to a limit), the rest to the margins.
        extra_w = max(0.0, width - need_w)
        grow = min(extra_w / len(min_gap), 5.0 * em)
        gaps = [g + grow for g in min_gap]
        diagram_w = sum(column_width) + sum(gaps)
        left = max(margin, (width - diagram_w) / 2)
        area_h = height - 2 * margin - legend_gap - legend_h
        row = min(max(min_row, (area_h - box_h) / max(last_slot, 1.0)), 1.9 * min_row)
        diagram_h = box_h + last_slot * row
        top = margin + max(0.0, (area_h - diagram_h) / 2)

        column_left = []
        x = left
        for c in range(n_columns):
            column_left.append(x)
            x += column_width[c] + (gaps[c] if c < len(gaps) else 0.0)

        assert self._state is not None
        state_config = self._state[1]
        parameters = self._state[0].model.parameters
        boxes: dict[str, _Box] = {}
        for name, (title, caption, grad) in texts.items():
            column, slot = places[name]
            rect = QRectF(column_left[column], top + slot * row, column_width[column], box_h)
            frozen = name in parameters and name not in state_config.trainable
            trained = name in state_config.trainable
            node = self._nodes[name]
            boxes[name] = _Box(
                rect, title, caption, node.value_text, grad, frozen, trained, node.kind == TARGET
            )

        arrows: list[tuple[QPointF, QPointF]] = []
        labels: list[_Label] = []
        for edge in self._edges:
            src = boxes[edge.source].rect
            dst = boxes[edge.destination].rect
            inputs = self._nodes[edge.destination].inputs
            port = inputs.index(edge.source)
            start = QPointF(src.right(), src.center().y())
            end = QPointF(dst.left(), dst.top() + dst.height() * (port + 1) / (len(inputs) + 1))
            arrows.append((start, end))
            # The label sits on the shaft (see _LABEL_AT), clear of the arrowhead.
            shaft = 1.0 - arrow / max(arrow, end.x() - start.x())
            w = label_w[(edge.source, edge.destination)]
            for at in _LABEL_AT:
                middle = start + (end - start) * (shaft * at)
                rect = QRectF(middle.x() - w / 2, middle.y() - label_h / 2, w, label_h)
                taken = [label.rect for label in labels] + [b.rect for b in boxes.values()]
                if not any(rect.intersects(other) for other in taken):
                    break
            else:
                middle = start + (end - start) * (shaft * _LABEL_AT[0])
                rect = QRectF(middle.x() - w / 2, middle.y() - label_h / 2, w, label_h)
            labels.append(_Label(rect, edge.text, (edge.source, edge.destination)))

        # Each target is a constant of the loss: a dashed line to the loss, not an arrow.
        target_links = []
        for name, node in self._nodes.items():
            if node.kind == TARGET:
                t, e = boxes[name].rect, boxes[self._state[0].model.nodes[-1].name].rect
                if t.center().y() < e.center().y():
                    target_links.append(
                        (QPointF(t.center().x(), t.bottom()), QPointF(e.center().x(), e.top()))
                    )
                else:
                    target_links.append(
                        (QPointF(t.center().x(), t.top()), QPointF(e.center().x(), e.bottom()))
                    )

        legend_top = height - margin - legend_h
        legend = []
        for pieces in lines:
            left_x = max(margin, (width - pieces[-1][2] - pieces[-1][3]) / 2)
            legend.append([(text, color, left_x + x, w) for text, color, x, w in pieces])
        layout = _Layout(
            points, boxes, arrows, labels, target_links, legend, legend_top, legend_line
        )
        return layout, 1.0

    def _paint_graph(self, painter: QPainter, layout: _Layout) -> None:
        points = layout.point_size
        plain, bold = self._font(points), self._font(points, bold=True)
        small = self._font(max(MIN_POINT_SIZE, points * SMALL_SCALE))
        metrics = QFontMetricsF(plain)
        line = metrics.height()
        arrow = ARROW_SCALE * line

        # Arrows first, so that boxes and labels sit on top of them.
        painter.setPen(QPen(EDGE_COLOR, max(1.0, line / 14)))
        painter.setBrush(EDGE_COLOR)
        for start, end in layout.arrows:
            self._arrow(painter, start, end, arrow)
        pen = QPen(EDGE_COLOR, max(1.0, line / 16), Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for start, end in layout.target_links:
            painter.drawLine(start, end)

        radius = 0.35 * line
        for box in layout.boxes.values():
            if box.trained:
                pen = QPen(TRAINED_BORDER, max(2.0, line / 7))
            elif box.frozen:
                pen = QPen(FROZEN_BORDER, max(1.0, line / 16), Qt.PenStyle.DashLine)
            else:
                pen = QPen(BORDER, max(1.0, line / 16))
            painter.setPen(pen)
            painter.setBrush(FROZEN_FILL if box.frozen else BOX_FILL)
            painter.drawRoundedRect(box.rect, radius, radius)
            if not box.constant:
                self._band(painter, box, line, radius, pen)
            self._box_text(painter, box, plain, bold, line)

        painter.setFont(small)
        for label in layout.labels:
            painter.setPen(QPen(LABEL_BORDER, 1.0))
            painter.setBrush(QColor("#ffffff"))
            r = label.rect.height() / 2
            painter.drawRoundedRect(label.rect, r, r)

        painter.setFont(small)
        for i, items in enumerate(layout.legend):
            y = layout.legend_top + i * layout.legend_line
            for text, color, x, w in items:
                painter.setPen(color)
                rect = QRectF(x, y, w, layout.legend_line)
                painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)

    def _paint_numbers(self, painter: QPainter, layout: _Layout, region: QRegion) -> None:
        """What changes from step to step: each box's value and gradient, each arrow's
        local derivative (drawn over the background), where ``region`` is repainted."""
        points = layout.point_size
        plain = self._font(points)
        line = QFontMetricsF(plain).height()
        center = int(Qt.AlignmentFlag.AlignCenter)
        painter.setFont(plain)
        for box in layout.boxes.values():
            rect = box.rect
            if not region.intersects(_area(rect)):
                continue
            pad = (rect.height() - 3 * line) / 3.5
            top = rect.top() + pad
            painter.setPen(FROZEN_TEXT if box.frozen else VALUE_COLOR)
            painter.drawText(QRectF(rect.left(), top + line, rect.width(), line), center, box.value)
            if box.constant:
                painter.setPen(CAPTION_COLOR)
            else:
                painter.setPen(FROZEN_GRAD if box.frozen else GRAD_COLOR)
            band_top = top + 2 * line + pad  # the band is one line and 1.5 pads high
            painter.drawText(
                QRectF(rect.left(), band_top + 0.75 * pad, rect.width(), line), center, box.grad
            )
        painter.setFont(self._font(max(MIN_POINT_SIZE, points * SMALL_SCALE)))
        painter.setPen(LOCAL_COLOR)
        for label in layout.labels:
            if region.intersects(_area(label.rect)):
                painter.drawText(label.rect, center, label.text)

    def _box_text(
        self, painter: QPainter, box: _Box, plain: QFont, bold: QFont, line: float
    ) -> None:
        """A box's title and caption (its numbers are drawn by _paint_numbers)."""
        rect = box.rect
        pad = (rect.height() - 3 * line) / 3.5
        center = int(Qt.AlignmentFlag.AlignCenter)
        top = rect.top() + pad
        # Title (bold) and its caption (grey), centred together.
        title_w = QFontMetricsF(bold).horizontalAdvance(box.title)
        caption = _GAP + box.caption if box.caption else ""
        caption_w = QFontMetricsF(plain).horizontalAdvance(caption)
        x = rect.center().x() - (title_w + caption_w) / 2
        painter.setFont(bold)
        painter.setPen(FROZEN_TEXT if box.frozen else VALUE_COLOR)
        painter.drawText(QRectF(x, top, title_w, line), center, box.title)
        if caption:
            painter.setFont(plain)
            painter.setPen(CAPTION_COLOR)
            painter.drawText(QRectF(x + title_w, top, caption_w, line), center, caption)

    @staticmethod
    def _band(painter: QPainter, box: _Box, line: float, radius: float, pen: QPen) -> None:
        """Tint the bottom of the box, where the gradient (the backward pass) is written."""
        rect = box.rect
        pad = (rect.height() - 3 * line) / 3.5
        band = QRectF(rect.left(), rect.top() + 2 * pad + 2 * line, rect.width(), rect.height())
        outline = QPainterPath()
        half = pen.widthF() / 2
        outline.addRoundedRect(rect.adjusted(half, half, -half, -half), radius, radius)
        clip = QPainterPath()
        clip.addRect(band)
        painter.fillPath(outline.intersected(clip), FROZEN_BAND if box.frozen else GRAD_BAND)
        painter.setPen(QPen(pen.color(), max(1.0, line / 20)))
        painter.drawLine(
            QPointF(rect.left() + half, band.top()), QPointF(rect.right() - half, band.top())
        )

    @staticmethod
    def _arrow(painter: QPainter, start: QPointF, end: QPointF, size: float) -> None:
        dx, dy = end.x() - start.x(), end.y() - start.y()
        length = math.hypot(dx, dy)
        if length < 1e-6:
            return
        ux, uy = dx / length, dy / length
        base = QPointF(end.x() - ux * size, end.y() - uy * size)
        painter.drawLine(start, base)
        half = size * 0.45
        head = QPolygonF(
            [
                end,
                QPointF(base.x() - uy * half, base.y() + ux * half),
                QPointF(base.x() + uy * half, base.y() - ux * half),
            ]
        )
        path = QPainterPath()
        path.addPolygon(head)
        path.closeSubpath()
        painter.fillPath(path, painter.brush())
