"""The forward pass, the chain rule and the update of any model, with the numbers in."""

from __future__ import annotations

import functools
import html

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QKeySequence, QResizeEvent, QTextCursor, QTextOption
from PySide6.QtWidgets import QTextBrowser, QWidget

from engine.activations import get_activation
from engine.losses import get_loss
from engine.models import ETA, Config, State
from engine.models.chain import Factor, Product, Sum, chain
from engine.numbers import display_number as num
from engine.numbers import format_number, symbol_html
from engine.numbers import operand as arg

#: A name as HTML (w<sub>1</sub>): a few hundred a frame for a network, the same few names.
sym = functools.cache(symbol_html)

DEFAULT_POINT_SIZE = 13
_INDENT = "&nbsp;" * 6
_GREY = "#808080"


def _equation(formula: str, substituted: str | None, result: float, note: str = "") -> str:
    """A symbolic line, then ``= substituted = result`` on an indented line."""
    numbers = f"= {substituted} " if substituted is not None else ""
    extra = f' <span style="color:{_GREY}">{note}</span>' if note else ""
    return f"<p>{formula}<br/>{_INDENT}{numbers}= <b>{num(result)}</b>{extra}</p>"


def apart(a: float, b: float) -> int:
    """Significant digits that tell ``a`` and ``b`` apart when they differ: 12, or up to 17
    when 12 would show ``(0.01 − 0.01)² = 1.9e−28``."""
    digits = 12
    while a != b and digits < 17 and format_number(a, digits) == format_number(b, digits):
        digits += 1
    return digits


def _symbols(expr: Product | Sum | Factor, top: bool = True) -> str:
    """The chain as symbols: ∂E/∂out × ∂out/∂net × ∂net/∂w1, sums in parentheses."""
    if isinstance(expr, Factor):
        if expr.numerator:
            return f"∂{sym(expr.numerator)}/∂{sym(expr.denominator)}"
        return sym(expr.denominator)
    if isinstance(expr, Sum):
        text = " + ".join(_symbols(t, top=False) for t in expr.terms)
        return text if top else f"({text})"
    return " × ".join(_symbols(item, top=False) for item in expr.items)


def _numbers(expr: Product | Sum | Factor, top: bool = True) -> str:
    """The chain with numbers; a sum inside a product shows its terms' values."""
    if isinstance(expr, Factor):
        return arg(expr.value)
    if isinstance(expr, Sum):
        values = [arg(t.value) if isinstance(t.items[0], Sum) else _numbers(t) for t in expr.terms]
        if not top:
            values = [arg(t.value) for t in expr.terms]
        text = " + ".join(values)
        return text if top else f"({text})"
    return " × ".join(_numbers(item, top=False) for item in expr.items)


def _paths(expr: Product | Sum) -> list[Product]:
    """Every term of every sum in the chain, innermost first: the paths that meet."""
    found: list[Product] = []
    items = expr.terms if isinstance(expr, Sum) else (expr,)
    for product in items:
        for item in product.items:
            if isinstance(item, Sum):
                for term in item.terms:
                    found += _paths(term)
                    found.append(term)
    return found


def _first_node(path: Product) -> str:
    """The output a path starts from (its ∂E/∂out factor)."""
    first = path.items[0]
    while isinstance(first, Sum):
        first = first.terms[0].items[0]
    return first.denominator


class ChainRuleView(QTextBrowser):
    """Read-only, selectable equations for one training step of the state's model."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chain_rule_view")
        self.setAccessibleName("chain_rule_view")
        self.setOpenLinks(False)
        # Break lines between words only: a number is never split across two lines.
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.setTabChangesFocus(True)  # read-only: Tab moves on instead of visiting links
        self._point_size = DEFAULT_POINT_SIZE
        self._state: tuple[State, Config, int] | None = None
        self._message = ""
        self._html = ""
        # The paragraphs shown, one text block each, when they can be replaced one by
        # one (no message above them); else None and every change sets the whole HTML.
        self._blocks: list[str] | None = None
        self._latest: list[str] = []  # the paragraphs of the state shown (see _live)
        self._live = False
        # While live, paragraphs scrolled into view are brought up to date at once.
        self.verticalScrollBar().valueChanged.connect(self._bring_visible_up_to_date)

    def event(self, event: QEvent) -> bool:
        # Read-only text has nothing to undo: let the window's Undo/Redo shortcuts through.
        if event.type() == QEvent.Type.ShortcutOverride and (
            event.matches(QKeySequence.StandardKey.Undo)
            or event.matches(QKeySequence.StandardKey.Redo)
        ):
            event.ignore()
            return False
        return super().event(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._blocks = None  # every text anew, in one piece
            self._render()
        super().changeEvent(event)

    def show_state(self, state: State, config: Config, step: int, live: bool = False) -> None:
        """Show the equations for this state (cheap when nothing changed).

        ``live`` (a run going on, a new step every frame): only the paragraphs on screen
        are brought up to date; the others are when they are scrolled into view, or at
        the next call that is not live.  A network's page is three times the height of
        the view, and replacing every paragraph cost 6-8 ms a frame for the 2-2-2 model.
        """
        self._state = (state, config, step)
        self._live = live
        self._render()

    def show_message(self, text: str) -> None:
        """Show an explanation (e.g. why training diverged) above the equations; "" clears."""
        self._message = text
        self._render()

    def set_font_point_size(self, points: int) -> None:
        """Change the text size, e.g. larger for projection."""
        self._point_size = int(points)
        self._blocks = None  # the page's size is the body's: set it whole
        self._render()

    def _render(self) -> None:
        parts = self._paragraphs()
        self._latest = parts
        if self._blocks is not None and len(parts) == len(self._blocks):
            if parts != self._blocks:
                self._replace_changed(self._visible() if self._live else None)
            return
        text = self._page(parts)
        if text == self._html:
            return
        self._html = text
        self._blocks = None  # (the scroll bar moves while the page is set: no replacing)
        vertical, horizontal = self.verticalScrollBar(), self.horizontalScrollBar()
        position = vertical.value(), horizontal.value()
        self.setHtml(text)
        # Replacing paragraphs must not fill an undo history, step after step.
        self.document().setUndoRedoEnabled(False)
        self.document().size()  # lay out now so the scroll ranges are current
        vertical.setValue(position[0])
        horizontal.setValue(position[1])
        one_block_each = not self._message and self.document().blockCount() == len(parts)
        self._blocks = list(parts) if one_block_each else None

    def _visible(self) -> range:
        """The paragraphs on screen, and one more each side."""
        top = self.cursorForPosition(QPoint(0, 0)).blockNumber()
        bottom = self.cursorForPosition(QPoint(0, self.viewport().height())).blockNumber()
        return range(max(top - 1, 0), bottom + 2)

    def _bring_visible_up_to_date(self) -> None:
        shown = self._blocks
        if shown is not None and len(shown) == len(self._latest) and shown != self._latest:
            self._replace_changed(self._visible())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._bring_visible_up_to_date()  # more paragraphs may be in view

    def _replace_changed(self, only: range | None = None) -> None:
        """Put in only the paragraphs whose text changed (a running step: the numbers),
        of those in ``only`` if given.

        Setting the whole HTML again emptied the document first: the scroll bar went
        away and came back, so the text was laid out at two widths and the bar and its
        frame were repainted every frame.  Replacing a paragraph in place keeps the rest,
        the scroll bar and the reader's selection; the document reads as if set whole
        (tests/test_widgets_chain_rule.py compares them).
        """
        shown, parts = self._blocks, self._latest
        changed = [
            n
            for n, (old, new) in enumerate(zip(shown, parts, strict=True))
            if old != new and (only is None or n in only)
        ]
        if not changed:
            return
        document = self.document()
        edit = QTextCursor(document)
        edit.beginEditBlock()  # one layout and one repaint for all the paragraphs
        opening = self._opening()
        # Runs of neighbouring paragraphs, each replaced in one piece (parsed once).
        runs: list[list[int]] = []
        for number in changed:
            if runs and runs[-1][-1] == number - 1:
                runs[-1].append(number)
            else:
                runs.append([number])
        for run in reversed(runs):  # from the end: the earlier blocks keep their numbers
            cursor = QTextCursor(document.findBlockByNumber(run[0]))
            last = document.findBlockByNumber(run[-1])
            cursor.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
            # In a body of the page's text size, as the paragraphs are in the page.
            cursor.insertHtml(f"{opening}{''.join(parts[n] for n in run)}</body></html>")
            for number in run:
                shown[number] = parts[number]
        edit.endEditBlock()
        self._html = self._page(shown)

    def _heading(self, text: str) -> str:
        size = round(self._point_size * 1.15)
        return f'<p style="font-size:{size}pt; font-weight:600">{text}</p>'

    def _opening(self) -> str:
        return f'<html><body style="font-size:{self._point_size}pt">'

    def _paragraphs(self) -> list[str]:
        """The page's parts: the message (a table) if any, then one ``<p>`` each."""
        parts = []
        if self._message:
            message = html.escape(self._message).replace("\n", "<br/>")
            parts.append(
                '<table width="100%" cellpadding="8" '
                'style="background-color:#fff4d6; color:#4a3500">'
                f"<tr><td>{message}</td></tr></table>"
            )
        if self._state is not None:
            parts.extend(self._equations(*self._state))
        return parts

    def _page(self, parts: list[str]) -> str:
        return "".join([self._opening(), *parts, "</body></html>"])

    def _build_html(self) -> str:
        """The whole page as HTML."""
        return self._page(self._paragraphs())

    def _equations(self, s: State, config: Config, step: int) -> list[str]:
        model = s.model
        activation, loss = get_activation(config.activation), get_loss(config.loss)
        parts = [self._heading(self.tr("Step {step}: forward pass").format(step=f"{step:,}"))]
        for net, out in model.units:
            terms, numbers = [], []
            for name in model.node(net).inputs:
                node = model.node(name)
                if node.kind == "product":
                    a, b = node.inputs
                    terms.append(f"{sym(a)}·{sym(b)}")
                    numbers.append(f"{arg(s[a])} × {arg(s[b])}")
                else:
                    terms.append(sym(name))
                    numbers.append(arg(s[name]))
            parts.append(
                _equation(f"{sym(net)} = {' + '.join(terms)}", " + ".join(numbers), s[net])
            )
            formula = activation.formula_for(sym(out), sym(net)).split("  (")[0]
            right = activation.template.split(" = ", 1)[1]
            parts.append(_equation(formula, right.format(net=arg(s[net]), out=""), s[out]))
        pairs = [(sym(t), sym(o)) for o, t in model.outputs]
        # Enough digits to tell a target and its output apart (else (0.01 − 0.01)² ≠ 0).
        digits = {o: apart(s[t], s[o]) for o, t in model.outputs}
        values = [(arg(s[t], digits[o]), arg(s[o], digits[o])) for o, t in model.outputs]
        numbers = loss.formula_for(values, note=False).split(" = ", 1)[1]
        parts.append(_equation(loss.formula_for(pairs, note=False), numbers, s.error))

        parts.append(self._heading(self.tr("Backward pass (chain rule)")))
        count = len(model.outputs)
        for o, t in model.outputs:
            formula = loss.derivative_formula_for(sym(t), sym(o), count)
            d = digits[o]
            numbers = loss.derivative_formula_for(arg(s[t], d), arg(s[o], d), count)
            parts.append(_equation(f"∂E/∂{sym(o)} = {formula}", numbers, s[f"dE_d{o}"]))
        for net, out in reversed(model.units):
            formula = activation.derivative_formula_for(sym(out), sym(net))
            numbers = activation.derivative_formula_for(arg(s[out]), arg(s[net]))
            note = ""
            if activation.kinked:
                note = (
                    self.tr("because {net} > 0") if s[net] > 0.0 else self.tr("because {net} ≤ 0")
                )
                note = note.format(net=sym(net))
            substituted = numbers if numbers != formula else None
            parts.append(
                _equation(
                    f"∂{sym(out)}/∂{sym(net)} = {formula}", substituted, s[f"d{out}_d{net}"], note
                )
            )
        for name in model.parameters:
            expr = chain(model, s, name)
            # A parameter reached along several paths: each path's product on its own line,
            # then the sum where they meet.
            paths = "".join(
                f'<br/>{_INDENT}<span style="color:{_GREY}">'
                + self.tr("path through {node}:").format(node=sym(_first_node(path)))
                + f"</span> {_symbols(path)} = {_numbers(path)} = {num(path.value)}"
                for path in _paths(expr)
            )
            parts.append(
                f"<p>∂E/∂{sym(name)} = {_symbols(expr)}{paths}<br/>"
                f"{_INDENT}= {_numbers(expr)} = <b>{num(s.gradient(name))}</b></p>"
            )

        parts.append(
            self._heading(self.tr("Update (gradient descent, η = {eta})").format(eta=num(s[ETA])))
        )
        new = model.update(s, config)
        for name in model.parameters:
            old = s[name]
            if name in config.trainable:
                parts.append(
                    _equation(
                        f"{sym(name)}′ = {sym(name)} − η × ∂E/∂{sym(name)}",
                        f"{num(old)} − {arg(s[ETA])} × {arg(s.gradient(name))}",
                        new[name],
                    )
                )
            else:
                text = self.tr("{name} is frozen (not trained): it stays {value}").format(
                    name=sym(name), value=num(old)
                )
                parts.append(f'<p style="color:{_GREY}">{text}</p>')
        return parts
