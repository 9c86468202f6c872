"""The form where a learner types the neuron's numbers and makes its choices."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)

from engine.activations import ACTIVATIONS
from engine.losses import LOSSES
from engine.neuron import (
    DEFAULT_CONFIG,
    FIELDS,
    NOTES_AS_PRINTED,
    NOTES_PARAMS,
    PARAMETERS,
    NeuronConfig,
    NeuronParams,
)

from .number_field import NumberField

_PRESETS: dict[str, tuple[NeuronParams, NeuronConfig]] = {
    "notes": (NOTES_PARAMS, DEFAULT_CONFIG),
    "printed": (NOTES_PARAMS, NOTES_AS_PRINTED),
}


#: Where a combo box item keeps its formula.
_FORMULA_ROLE = Qt.ItemDataRole.UserRole + 1


class NameComboBox(QComboBox):
    """A combo box that shows the chosen item's name (its data), its list the whole text.

    "sigmoid — out = 1 / (1 + e^(−net))" does not fit a narrow panel and was cut off; the
    closed box shows "sigmoid", the open list and the tool tip the formula too.
    """

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        if self.currentIndex() >= 0:
            option.currentText = str(self.currentData())
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint()

    def minimumSizeHint(self) -> QSize:
        """Wide enough for the longest name (plus the arrow), whatever the full texts."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        names = [str(self.itemData(i)) for i in range(self.count())] or [""]
        metrics = self.fontMetrics()
        text = QSize(max(metrics.horizontalAdvance(n) for n in names), metrics.height())
        return (
            self.style()
            .sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, text, self)
            .expandedTo(QSize(0, super().minimumSizeHint().height()))
        )


class ParamPanel(QWidget):
    """One :class:`NumberField` per neuron field, "train" boxes, activation, loss, presets.

    Plain data in (:meth:`set_params`, :meth:`set_config`), signals out. Choosing a preset
    only emits :attr:`presetChosen`; the owner applies it with set_params / set_config.
    """

    #: A field committed a new value: (field name, value).
    paramEdited = Signal(str, float)
    #: A "train" box, the activation or the loss changed: the new NeuronConfig.
    configEdited = Signal(object)
    #: A preset was chosen: (NeuronParams, NeuronConfig).
    presetChosen = Signal(object, object)
    #: All fields valid (True) or at least one invalid (False).
    validityChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("param_panel")
        grid = QGridLayout(self)
        grid.setColumnStretch(1, 1)
        self._fields: dict[str, NumberField] = {}
        self._labels: dict[str, QLabel] = {}
        self._train: dict[str, QCheckBox] = {}
        for row, name in enumerate(FIELDS):
            field = NumberField(name, getattr(NOTES_PARAMS, name), self)
            field.setObjectName(f"param_{name}")
            field.setAccessibleName(f"param_{name}")
            field.valueCommitted.connect(lambda value, n=name: self.paramEdited.emit(n, value))
            field.textChanged.connect(self._update_message)
            label = QLabel(self)
            label.setBuddy(field)
            self._labels[name] = label
            grid.addWidget(label, row, 0)
            grid.addWidget(field, row, 1)
            self._fields[name] = field
            if name in PARAMETERS:
                box = QCheckBox(self)
                box.setObjectName(f"train_{name}")
                box.setAccessibleName(f"train_{name}")
                box.setChecked(name in DEFAULT_CONFIG.trainable)
                box.toggled.connect(self._emit_config)
                grid.addWidget(box, row, 2)
                self._train[name] = box

        self._activation = self._choice(
            "activation_choice", {a.name: a.formula for a in ACTIVATIONS.values()}
        )
        self._loss = self._choice("loss_choice", {x.name: x.formula for x in LOSSES.values()})
        self._preset = QComboBox(self)
        self._preset.setObjectName("preset_choice")
        self._preset.setAccessibleName("preset_choice")
        self._preset.addItem("", "notes")
        self._preset.addItem("", "printed")
        self._preset.setCurrentIndex(-1)
        self._preset.activated.connect(self._emit_preset)
        row = len(FIELDS)
        for offset, (key, combo) in enumerate(
            (("activation", self._activation), ("loss", self._loss), ("preset", self._preset))
        ):
            label = QLabel(self)
            label.setBuddy(combo)
            self._labels[key] = label
            grid.addWidget(label, row + offset, 0)
            grid.addWidget(combo, row + offset, 1, 1, 2)

        self._message = QLabel(self)
        self._message.setObjectName("param_message")
        self._message.setAccessibleName("param_message")
        self._message.setWordWrap(True)
        self._message.setStyleSheet("color: #c62828;")
        grid.addWidget(self._message, row + 3, 0, 1, 3)
        grid.setRowStretch(row + 4, 1)
        self._all_valid = True
        self.set_config(DEFAULT_CONFIG)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language (also on LanguageChange)."""
        # Symbols used in messages ("w₁ is empty; ..."), and the labels beside the fields.
        symbols = {
            "i1": self.tr("i₁"),
            "i2": self.tr("i₂"),
            "w1": self.tr("w₁"),
            "w2": self.tr("w₂"),
            "b1": self.tr("b₁"),
            "b2": self.tr("b₂"),
            "target": self.tr("target"),
            "eta": self.tr("η"),
        }
        labels = {
            **symbols,
            "eta": self.tr("η (learning rate)"),
            "activation": self.tr("Activation"),
            "loss": self.tr("Loss"),
            "preset": self.tr("Preset"),
        }
        for name, label in self._labels.items():
            label.setText(labels[name])
        for name, field in self._fields.items():
            field.set_name(symbols[name])
        for box in self._train.values():
            box.setText(self.tr("train"))
        self._preset.setPlaceholderText(self.tr("Load a preset…"))
        self._preset.setItemText(0, self.tr("Notes example"))
        self._preset.setItemText(1, self.tr("Notes as printed"))
        for combo in (self._activation, self._loss):
            for index in range(combo.count()):
                text = self.tr("{name} — {formula}").format(
                    name=combo.itemData(index), formula=combo.itemData(index, _FORMULA_ROLE)
                )
                combo.setItemText(index, text)
                combo.setItemData(index, text, Qt.ItemDataRole.ToolTipRole)
            combo.setToolTip(combo.currentText())
            combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
        self._update_message()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _choice(self, object_name: str, formulas: dict[str, str]) -> QComboBox:
        combo = NameComboBox(self)
        combo.setObjectName(object_name)
        combo.setAccessibleName(object_name)
        for name, formula in formulas.items():
            combo.addItem(name, name)  # the text is set in retranslate()
            combo.setItemData(combo.count() - 1, formula, _FORMULA_ROLE)
        combo.currentIndexChanged.connect(self._emit_config)
        return combo

    # --- plain data in -------------------------------------------------------------------

    def set_params(self, params: NeuronParams) -> None:
        """Show these values; fields whose value is unchanged are left alone."""
        for name, field in self._fields.items():
            field.setValue(getattr(params, name))

    def set_config(self, config: NeuronConfig) -> None:
        """Show these choices without emitting :attr:`configEdited` (no-op if shown)."""
        if config == self.config():
            return  # the app refreshes every frame; leave the widgets alone
        for name, box in self._train.items():
            with QSignalBlocker(box):
                box.setChecked(name in config.trainable)
        for combo, value in ((self._activation, config.activation), (self._loss, config.loss)):
            with QSignalBlocker(combo):
                combo.setCurrentIndex(combo.findData(value))
                combo.setToolTip(combo.currentText())

    def set_editable(self, editable: bool) -> None:
        """Make everything read-only (e.g. while training runs) or editable again."""
        for field in self._fields.values():
            field.setReadOnly(not editable)
        for widget in (*self._train.values(), self._activation, self._loss, self._preset):
            widget.setEnabled(editable)

    # --- plain data out ------------------------------------------------------------------

    def params(self) -> NeuronParams:
        """The fields' current (last committed or set) values."""
        return NeuronParams(**{name: field.value() for name, field in self._fields.items()})

    def config(self) -> NeuronConfig:
        """The current activation, loss and trainable parameters."""
        return NeuronConfig(
            self._activation.currentData(),
            self._loss.currentData(),
            frozenset(name for name, box in self._train.items() if box.isChecked()),
        )

    def all_valid(self) -> bool:
        """Whether every field holds a valid number."""
        return all(field.isValid() for field in self._fields.values())

    def field(self, name: str) -> NumberField:
        """The field for one of engine.neuron.FIELDS."""
        return self._fields[name]

    def _emit_config(self) -> None:
        for combo in (self._activation, self._loss):
            combo.setToolTip(combo.currentText())
        self.configEdited.emit(self.config())

    def _emit_preset(self, index: int) -> None:
        params, config = _PRESETS[self._preset.itemData(index)]
        with QSignalBlocker(self._preset):
            self._preset.setCurrentIndex(-1)  # show the placeholder again; re-choosing works
        self.presetChosen.emit(params, config)

    def _update_message(self) -> None:
        invalid = [f for f in self._fields.values() if not f.isValid()]
        self._message.setText(invalid[0].errorMessage() if invalid else "")
        valid = not invalid
        if valid != self._all_valid:
            self._all_valid = valid
            self.validityChanged.emit(valid)
