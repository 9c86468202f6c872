"""Forms whose fields go under their labels when the form is narrow: all rows, or none.

``QFormLayout.WrapLongRows`` decides row by row, so a short label could keep its field
beside it, a few pixels narrower than the field's minimum (a number cut), while the
other rows wrapped. :func:`fit_rows` chooses for the whole form from its width.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QFormLayout, QStyle, QWidget


def wrapping_form(owner: QWidget, *, nested: bool = False) -> QFormLayout:
    """A form on ``owner`` (or, ``nested``, for one of its layouts) that puts all its
    fields under their labels when ``owner`` is too narrow for them side by side.

    Both wrap policies have the same minimum width (the widest label or field), so the
    form can always get narrow enough to wrap.
    """
    form = QFormLayout() if nested else QFormLayout(owner)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    _Fitter(form, owner)
    return form


class _Fitter(QObject):
    """Chooses the form's wrapping when its owner is resized or its texts change size
    (a language switch, View ▸ Larger text: the owner's layout asks to be redone)."""

    def __init__(self, form: QFormLayout, owner: QWidget) -> None:
        super().__init__(owner)
        self._form, self._owner = form, owner
        owner.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._owner and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.LayoutRequest,
        ):
            width = self._owner.width()
            outer = self._owner.layout()
            if outer is not None and outer is not self._form:  # the form sits inside it
                margins = outer.contentsMargins()
                width -= margins.left() + margins.right()
            fit_rows(self._form, width)
        return False


def fit_rows(form: QFormLayout, width: int) -> None:
    """Every field under its label if any row needs it at ``width``, else none."""
    labels, fields = [], []
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if label is None or field is None or label.isEmpty() or field.isEmpty():
            continue
        labels.append(label.sizeHint().width())
        fields.append(field.minimumSize().width())
    if not labels:
        return
    spacing = form.horizontalSpacing()
    if spacing < 0:
        parent = form.parentWidget()
        style = parent.style() if parent is not None else None
        metric = QStyle.PixelMetric.PM_LayoutHorizontalSpacing
        spacing = style.pixelMetric(metric) if style is not None else 6
    margins = form.contentsMargins()
    needed = max(labels) + spacing + max(fields) + margins.left() + margins.right()
    wanted = (
        QFormLayout.RowWrapPolicy.WrapAllRows
        if width < needed
        else QFormLayout.RowWrapPolicy.WrapLongRows
    )
    if form.rowWrapPolicy() != wanted:
        form.setRowWrapPolicy(wanted)
