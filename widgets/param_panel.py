"""The form where a learner chooses a model, types its numbers and makes its choices.

Everything here comes from the model (:mod:`engine.models`): its fields, which of them are
parameters that can learn, and its presets.  Nothing names a particular model.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)

from engine.activations import ACTIVATIONS
from engine.losses import LOSSES
from engine.models import DEFAULT_MODEL, ETA, MODELS, Config, Model, Values, get_model
from engine.text import CONTEXT

from .form_wrap import wrapping_form
from .number_field import NumberField
from .symbols import field_symbol

#: Where a combo box item keeps its formula.
_FORMULA_ROLE = Qt.ItemDataRole.UserRole + 1
#: ... and its remark (engine text, translated when shown), e.g. "(as the notes print it)".
_NOTE_ROLE = Qt.ItemDataRole.UserRole + 2


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
    """The model chooser, one :class:`NumberField` per field of the model, "train" boxes,
    activation, loss and presets.

    Plain data in (:meth:`set_model`, :meth:`set_params`, :meth:`set_config`), signals out.
    Choosing a model or a preset only emits :attr:`modelChosen` or :attr:`presetChosen`; the
    owner applies it (as an undoable command) and shows the result.
    """

    #: A field committed a new value: (field name, value).
    paramEdited = Signal(str, float)
    #: A "train" box, the activation or the loss changed: the new Config.
    configEdited = Signal(object)
    #: A preset was chosen: (Values, Config).
    presetChosen = Signal(object, object)
    #: All fields valid (True) or at least one invalid (False).
    validityChanged = Signal(bool)

    #: Another model was chosen: the Model (the owner starts a run of it).
    modelChosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("param_panel")
        # A form whose fields go under their labels when the column is narrow (large text
        # on a small screen), rather than beside them, out of view to the right.
        self._form = form = wrapping_form(self)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setContentsMargins(0, 0, 0, 0)  # the column it sits in has margins
        self._rows: list[QWidget] = []  # a parameter's name with its "train" box
        self._fields: dict[str, NumberField] = {}
        self._labels: dict[str, QLabel] = {}
        self._train: dict[str, QCheckBox] = {}
        self._model: Model | None = None

        self._model_select = QComboBox(self)
        self._model_select.setObjectName("model_select")
        self._model_select.setAccessibleName("model_select")
        # Titles can be long (and longer translated): the box may elide, the list shows all.
        self._model_select.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self._model_select.setMinimumContentsLength(8)
        for model in MODELS.values():
            self._model_select.addItem(model.title, model.name)
        self._model_select.activated.connect(self._emit_model)
        self._activation = self._choice(
            "activation_choice", {a.name: (a.bare_formula, a.note) for a in ACTIVATIONS.values()}
        )
        self._loss = self._choice(
            "loss_choice", {x.name: (x.bare_formula, x.note) for x in LOSSES.values()}
        )
        self._preset = QComboBox(self)
        self._preset.setObjectName("preset_choice")
        self._preset.setAccessibleName("preset_choice")
        self._preset.activated.connect(self._emit_preset)
        for key, combo in (
            ("model", self._model_select),
            ("activation", self._activation),
            ("loss", self._loss),
            ("preset", self._preset),
        ):
            label = QLabel(self)
            label.setBuddy(combo)
            self._labels[key] = label

        self._message = QLabel(self)
        self._message.setObjectName("param_message")
        self._message.setAccessibleName("param_message")
        self._message.setWordWrap(True)
        self._message.setStyleSheet("color: #c62828;")
        self._all_valid = True
        self.set_model(get_model(DEFAULT_MODEL))

    def set_model(self, model: Model) -> None:
        """Show the fields, train boxes and presets of ``model`` (no-op if shown)."""
        if model is self._model:
            return
        self._model = model
        if self._model_select.findData(model.name) < 0:
            self._model_select.addItem(model.title, model.name)
        with QSignalBlocker(self._model_select):
            self._model_select.setCurrentIndex(self._model_select.findData(model.name))
        form = self._form
        while form.rowCount():
            form.takeRow(0)  # keeps the widgets; the fields' rows are deleted below
        old = [*self._fields.values(), *(self._labels.pop(name) for name in list(self._fields))]
        old += self._rows
        for widget in old:
            widget.hide()
            widget.setParent(None)  # gone from findChild and the tab order at once
            widget.deleteLater()
        self._rows.clear()
        self._fields.clear()
        self._train.clear()

        form.addRow(self._labels["model"], self._model_select)
        for name in model.fields:
            field = NumberField(name, model.defaults[name], self)
            field.setObjectName(f"param_{name}")
            field.setAccessibleName(f"param_{name}")
            field.valueCommitted.connect(lambda value, n=name: self.paramEdited.emit(n, value))
            field.textChanged.connect(self._update_message)
            self._fields[name] = field
            label = QLabel(self)
            label.setBuddy(field)
            self._labels[name] = label
            if name not in model.parameters:
                form.addRow(label, field)
                continue
            # A parameter's "train" box sits by its name, so that the field keeps the
            # whole width when it goes under the name.
            cell = QWidget(self)
            line = QHBoxLayout(cell)
            line.setContentsMargins(0, 0, 0, 0)
            box = QCheckBox(cell)
            box.setObjectName(f"train_{name}")
            box.setAccessibleName(f"train_{name}")
            box.setChecked(name in model.default_trained)
            box.toggled.connect(self._emit_config)
            self._train[name] = box
            line.addWidget(label)
            line.addStretch(1)
            line.addWidget(box)
            self._rows.append(cell)
            form.addRow(cell, field)
        for key, combo in (
            ("activation", self._activation),
            ("loss", self._loss),
            ("preset", self._preset),
        ):
            form.addRow(self._labels[key], combo)
        form.addRow(self._message)
        # Tab goes down the form in reading order, the new fields included.
        previous: QWidget = self._model_select
        for name in model.fields:
            for widget in (self._train.get(name), self._fields[name]):  # as they read
                if widget is not None:
                    QWidget.setTabOrder(previous, widget)
                    previous = widget
        for widget in (self._activation, self._loss, self._preset):
            QWidget.setTabOrder(previous, widget)
            previous = widget
        with QSignalBlocker(self._preset):
            self._preset.clear()
            for preset in model.presets:
                self._preset.addItem(preset.title, preset.name)
            self._preset.setCurrentIndex(-1)
        self.set_config(model.default_config, force=True)
        self.retranslate()

    @property
    def model(self) -> Model:
        assert self._model is not None
        return self._model

    def retranslate(self) -> None:
        """Set every text in the current language (also on LanguageChange)."""
        model = self.model
        for name, label in self._labels.items():
            if name in self._fields:
                text = field_symbol(name)  # a word such as "target" is translated
                if name == ETA:
                    text = self.tr("η (learning rate)")
                else:
                    text = QCoreApplication.translate(CONTEXT, text)
                label.setText(text)
        self._labels["model"].setText(self.tr("Model"))
        self._labels["activation"].setText(self.tr("Activation"))
        self._labels["loss"].setText(self.tr("Loss"))
        self._labels["preset"].setText(self.tr("Preset"))
        for name, field in self._fields.items():
            field.set_name(QCoreApplication.translate(CONTEXT, field_symbol(name)))
        for box in self._train.values():
            box.setText(self.tr("train"))
        for index in range(self._model_select.count()):
            title = get_model(self._model_select.itemData(index)).title
            self._model_select.setItemText(index, QCoreApplication.translate(CONTEXT, title))
        self._preset.setPlaceholderText(self.tr("Load a preset…"))
        for index, preset in enumerate(model.presets):
            self._preset.setItemText(index, QCoreApplication.translate(CONTEXT, preset.title))
        for combo in (self._activation, self._loss):
            for index in range(combo.count()):
                text = self.tr("{name} — {formula}").format(
                    name=combo.itemData(index), formula=combo.itemData(index, _FORMULA_ROLE)
                )
                note = combo.itemData(index, _NOTE_ROLE)
                if note:  # one output here: "mean over one output"
                    note = QCoreApplication.translate(CONTEXT, note)
                    text += "  " + note.format(n=self.tr("one"), s="")
                combo.setItemText(index, text)
                combo.setItemData(index, text, Qt.ItemDataRole.ToolTipRole)
            combo.setToolTip(combo.currentText())
            combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
        self._update_message()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _choice(self, object_name: str, formulas: dict[str, tuple[str, str]]) -> QComboBox:
        combo = NameComboBox(self)
        combo.setObjectName(object_name)
        combo.setAccessibleName(object_name)
        for name, (formula, note) in formulas.items():
            combo.addItem(name, name)  # the text is set in retranslate()
            combo.setItemData(combo.count() - 1, formula, _FORMULA_ROLE)
            combo.setItemData(combo.count() - 1, note, _NOTE_ROLE)
        combo.currentIndexChanged.connect(self._emit_config)
        return combo

    # --- plain data in -------------------------------------------------------------------

    def set_params(self, params: Values) -> None:
        """Show these values (of the model shown); unchanged fields are left alone."""
        self.set_model(params.model)
        for name, field in self._fields.items():
            field.setValue(params[name])

    def set_config(self, config: Config, force: bool = False) -> None:
        """Show these choices without emitting :attr:`configEdited` (no-op if shown)."""
        if config == self.config() and not force:
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
        # The model chooser replaces the run as a preset does: both wait for a pause.
        choosers = (self._activation, self._loss, self._preset, self._model_select)
        for widget in (*self._train.values(), *choosers):
            widget.setEnabled(editable)

    # --- plain data out ------------------------------------------------------------------

    def params(self) -> Values:
        """The fields' current (last committed or set) values."""
        return Values(self.model, {name: field.value() for name, field in self._fields.items()})

    def config(self) -> Config:
        """The current activation, loss and trainable parameters."""
        return Config(
            self._activation.currentData(),
            self._loss.currentData(),
            frozenset(name for name, box in self._train.items() if box.isChecked()),
        )

    def all_valid(self) -> bool:
        """Whether every field holds a valid number."""
        return all(field.isValid() for field in self._fields.values())

    def field(self, name: str) -> NumberField:
        """The field for one of the model's fields."""
        return self._fields[name]

    def _emit_config(self) -> None:
        for combo in (self._activation, self._loss):
            combo.setToolTip(combo.currentText())
        self.configEdited.emit(self.config())

    def _emit_preset(self, index: int) -> None:
        preset = self.model.presets[index]
        with QSignalBlocker(self._preset):
            self._preset.setCurrentIndex(-1)  # show the placeholder again; re-choosing works
        self.presetChosen.emit(self.model.values(preset.values), preset.config)

    def _emit_model(self, index: int) -> None:
        model = get_model(self._model_select.itemData(index))
        if model is not self._model:
            self.modelChosen.emit(model)

    def _update_message(self) -> None:
        invalid = [f for f in self._fields.values() if not f.isValid()]
        self._message.setText(invalid[0].errorMessage() if invalid else "")
        valid = not invalid
        if valid != self._all_valid:
            self._all_valid = valid
            self.validityChanged.emit(valid)
