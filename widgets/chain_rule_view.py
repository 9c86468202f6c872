"""The forward pass, the chain rule and the update, with the current numbers substituted."""

from __future__ import annotations

import html
import math
from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtGui import QKeySequence, QTextOption
from PySide6.QtWidgets import QTextBrowser, QWidget

from engine.neuron import PARAMETERS, NeuronConfig, Snapshot, update
from engine.numbers import format_number

MINUS = "\u2212"
DEFAULT_POINT_SIZE = 13


def num(value: float, digits: int = 12) -> str:
    """A number with about 12 significant digits and a real minus sign."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "∞" if value > 0 else MINUS + "∞"
    return format_number(value, digits).replace("-", MINUS)


def arg(value: float, digits: int = 12) -> str:
    """A number substituted after an operator: negative numbers go in parentheses."""
    text = num(value, digits)
    return f"({text})" if text.startswith(MINUS) else text


def apart(a: float, b: float) -> int:
    """Significant digits that tell ``a`` and ``b`` apart when they differ: 12, or up to 17
    when 12 would show ``(0.01 − 0.01)² = 1.9e−28``."""
    digits = 12
    while a != b and digits < 17 and format_number(a, digits) == format_number(b, digits):
        digits += 1
    return digits


def _to(s: Snapshot) -> tuple[str, str, str, str]:
    """target and out as num() and arg(), with enough digits to tell them apart."""
    t, o = s.params.target, s.out
    d = apart(t, o)
    return num(t, d), arg(t, d), num(o, d), arg(o, d)


def sym(name: str) -> str:
    """A symbol with its index as a subscript: w1 -> w<sub>1</sub>."""
    if name[-1:].isdigit():
        return f"{name[:-1]}<sub>{name[-1]}</sub>"
    return name


# Per activation: the formula for out, out with net substituted, d(out)/d(net) and its
# substitution (None when the derivative is a constant or a case, shown without one).
_Sub = Callable[[Snapshot], str]
_ACTIVATIONS: dict[str, tuple[str, _Sub, str, _Sub | None]] = {
    "sigmoid": (
        "1 / (1 + e^(−net))",
        lambda s: f"1 / (1 + e^(−{arg(s.net)}))",
        "out(1 − out)",
        lambda s: f"{num(s.out)} × (1 − {arg(s.out)})",
    ),
    "sigmoid-flipped": (
        "1 / (1 + e^(+net))",
        lambda s: f"1 / (1 + e^({num(s.net)}))",
        "−out(1 − out)",
        lambda s: f"−{arg(s.out)} × (1 − {arg(s.out)})",
    ),
    "tanh": (
        "tanh(net)",
        lambda s: f"tanh({num(s.net)})",
        "1 − out²",
        lambda s: f"1 − {arg(s.out)}²",
    ),
    "relu": (
        "max(0, net)",
        lambda s: f"max(0, {num(s.net)})",
        "1 if net > 0, otherwise 0",
        None,
    ),
    "linear": ("net", lambda s: num(s.net), "1", None),
}

# Per loss: E, E substituted, dE/d(out), dE/d(out) substituted.
_LOSSES: dict[str, tuple[str, _Sub, str, _Sub]] = {
    "half-sse": (
        "½ (target − out)²",
        lambda s: "½ × ({0} − {3})²".format(*_to(s)),
        "out − target",
        lambda s: "{2} − {1}".format(*_to(s)),
    ),
    "mse": (
        "(target − out)²",
        lambda s: "({0} − {3})²".format(*_to(s)),
        "2(out − target)",
        lambda s: "2 × ({2} − {1})".format(*_to(s)),
    ),
    "bce": (
        "−[target · ln(out) + (1 − target) · ln(1 − out)]",
        lambda s: (
            f"−[{arg(s.params.target)} × ln({num(s.out)}) + "
            f"(1 − {arg(s.params.target)}) × ln(1 − {arg(s.out)})]"
        ),
        "(out − target) / (out(1 − out))",
        lambda s: "({2} − {1}) / ({2} × (1 − {3}))".format(*_to(s)),
    ),
}

_INDENT = "&nbsp;" * 6
_GREY = "#808080"


def _equation(formula: str, substituted: str | None, result: float, note: str = "") -> str:
    """A symbolic line, then ``= substituted = result`` on an indented line."""
    numbers = f"= {substituted} " if substituted is not None else ""
    extra = f' <span style="color:{_GREY}">{note}</span>' if note else ""
    return f"<p>{formula}<br/>{_INDENT}{numbers}= <b>{num(result)}</b>{extra}</p>"


class ChainRuleView(QTextBrowser):
    """Read-only, selectable equations for one step of training the neuron."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chain_rule_view")
        self.setAccessibleName("chain_rule_view")
        self.setOpenLinks(False)
        # Break lines between words only: a number is never split across two lines.
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.setTabChangesFocus(True)  # read-only: Tab moves on instead of visiting links
        self._point_size = DEFAULT_POINT_SIZE
        self._state: tuple[Snapshot, NeuronConfig, int] | None = None
        self._message = ""
        self._html = ""

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
            self._render()
        super().changeEvent(event)

    def show_state(self, snapshot: Snapshot, config: NeuronConfig, step: int) -> None:
        """Show the equations for this snapshot (cheap when nothing changed)."""
        self._state = (snapshot, config, step)
        self._render()

    def show_message(self, text: str) -> None:
        """Show an explanation (e.g. why training diverged) above the equations; "" clears."""
        self._message = text
        self._render()

    def set_font_point_size(self, points: int) -> None:
        """Change the text size, e.g. larger for projection."""
        self._point_size = int(points)
        self._render()

    def _render(self) -> None:
        text = self._build_html()
        if text == self._html:
            return
        self._html = text
        vertical, horizontal = self.verticalScrollBar(), self.horizontalScrollBar()
        position = vertical.value(), horizontal.value()
        self.setHtml(text)
        self.document().size()  # lay out now so the scroll ranges are current
        vertical.setValue(position[0])
        horizontal.setValue(position[1])

    def _heading(self, text: str) -> str:
        size = round(self._point_size * 1.15)
        return f'<p style="font-size:{size}pt; font-weight:600">{text}</p>'

    def _build_html(self) -> str:
        parts = [f'<html><body style="font-size:{self._point_size}pt">']
        if self._message:
            message = html.escape(self._message).replace("\n", "<br/>")
            parts.append(
                '<table width="100%" cellpadding="8" '
                'style="background-color:#fff4d6; color:#4a3500">'
                f"<tr><td>{message}</td></tr></table>"
            )
        if self._state is not None:
            parts.extend(self._equations(*self._state))
        parts.append("</body></html>")
        return "".join(parts)

    def _equations(self, s: Snapshot, config: NeuronConfig, step: int) -> list[str]:
        p = s.params
        parts = [self._heading(self.tr("Step {step}: forward pass").format(step=f"{step:,}"))]
        parts.append(
            _equation(
                "net = i<sub>1</sub>·w<sub>1</sub> + b<sub>1</sub> + i<sub>2</sub>·w<sub>2</sub>"
                " + b<sub>2</sub>",
                f"{num(p.i1)} × {arg(p.w1)} + {arg(p.b1)} + {arg(p.i2)} × {arg(p.w2)}"
                f" + {arg(p.b2)}",
                s.net,
            )
        )
        activation = _ACTIVATIONS.get(config.activation)
        if activation is None:  # an activation this view has no template for
            parts.append(_equation(f"out = f(net) = f({num(s.net)})", None, s.out))
            slope_formula, slope_sub = "f′(net)", None
        else:
            formula, substitute, slope_formula, slope_sub = activation
            parts.append(_equation(f"out = {formula}", substitute(s), s.out))
        loss = _LOSSES.get(config.loss)
        if loss is None:
            parts.append(_equation("E = loss(target, out)", None, s.error))
            delta_formula, delta_sub = "∂loss/∂out", None
        else:
            formula, substitute, delta_formula, delta_sub = loss
            parts.append(_equation(f"E = {formula}", substitute(s), s.error))

        parts.append(self._heading(self.tr("Backward pass (chain rule)")))
        parts.append(
            _equation(f"∂E/∂out = {delta_formula}", delta_sub(s) if delta_sub else None, s.dE_dout)
        )
        note = ""
        if config.activation == "relu":
            note = self.tr("because net > 0") if s.net > 0.0 else self.tr("because net ≤ 0")
        parts.append(
            _equation(
                f"∂out/∂net = {slope_formula}",
                slope_sub(s) if slope_sub else None,
                s.dout_dnet,
                note,
            )
        )
        parts.append(
            f"<p>∂net/∂w<sub>1</sub> = i<sub>1</sub> = {num(p.i1)}, "
            f"∂net/∂w<sub>2</sub> = i<sub>2</sub> = {num(p.i2)}, "
            "∂net/∂b<sub>1</sub> = ∂net/∂b<sub>2</sub> = 1</p>"
        )
        for name in PARAMETERS:
            parts.append(
                _equation(
                    f"∂E/∂{sym(name)} = ∂E/∂out × ∂out/∂net × ∂net/∂{sym(name)}",
                    f"{num(s.dE_dout)} × {arg(s.dout_dnet)} × {arg(s.local(name))}",
                    s.gradient(name),
                )
            )

        parts.append(
            self._heading(self.tr("Update (gradient descent, η = {eta})").format(eta=num(p.eta)))
        )
        new = update(s, config)
        for name in PARAMETERS:
            old = getattr(p, name)
            if name in config.trainable:
                parts.append(
                    _equation(
                        f"{sym(name)}′ = {sym(name)} − η × ∂E/∂{sym(name)}",
                        f"{num(old)} − {arg(p.eta)} × {arg(s.gradient(name))}",
                        getattr(new, name),
                    )
                )
            else:
                text = self.tr("{name} is frozen (not trained): it stays {value}").format(
                    name=sym(name), value=num(old)
                )
                parts.append(f'<p style="color:{_GREY}">{text}</p>')
        return parts
