"""A lazy table over history columns: millions of rows, no per-row Python objects."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from engine.numbers import MINUS, display_number

PARABOLA_COLUMNS: tuple[str, ...] = ("step", "x", "fx", "gradient")

_Index = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def display_count(value: float) -> str:
    """A whole number with thousands separators (falls back to display_number)."""
    if not math.isfinite(value) or value != int(value):
        return display_number(value)
    return f"{int(value):,}".replace("-", MINUS)


class HistoryTableModel(QAbstractTableModel):
    """Read-only rows over named column arrays (e.g. zero-copy History views)."""

    def __init__(
        self,
        columns: Sequence[str],
        headers: Sequence[str],
        integer_columns: Collection[str] = ("step",),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if len(columns) != len(headers):
            raise ValueError("columns and headers must have the same length")
        self._columns = tuple(columns)
        self._headers = tuple(headers)
        self._integer = tuple(name in integer_columns for name in self._columns)
        self._arrays: tuple[np.ndarray, ...] = ()
        self._rows = 0

    def set_columns(self, arrays: Mapping[str, np.ndarray]) -> None:
        """Show these arrays (one per column name); announces appended rows or a reset."""
        self._arrays = tuple(np.asarray(arrays[name]) for name in self._columns)
        self.refresh(min((len(a) for a in self._arrays), default=0))

    def refresh(self, row_count: int) -> None:
        """Announce the new row count: rows inserted if it grew, a reset if it shrank."""
        available = min((len(a) for a in self._arrays), default=0)
        row_count = max(0, min(row_count, available))
        old = self._rows
        if row_count < old:
            self.beginResetModel()
            self._rows = row_count
            self.endResetModel()
            return
        if row_count > old:
            self.beginInsertRows(QModelIndex(), old, row_count - 1)
            self._rows = row_count
            self.endInsertRows()
        if old:  # the arrays may be new objects: repaint what was already shown
            last = self.index(old - 1, len(self._columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def set_headers(self, headers: Sequence[str]) -> None:
        """New column titles (e.g. after a language switch)."""
        if len(headers) != len(self._columns):
            raise ValueError("one header per column")
        self._headers = tuple(headers)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._headers) - 1)

    def clear(self) -> None:
        """Drop all rows."""
        self.beginResetModel()
        self._arrays = ()
        self._rows = 0
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= self._rows:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            value = float(self._arrays[column][index.row()])
            return display_count(value) if self._integer[column] else display_number(value)
        if role == Qt.ItemDataRole.ToolTipRole:  # every digit a double holds
            return repr(float(self._arrays[column][index.row()])).replace("-", MINUS)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT.value)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(_RIGHT.value)
        return None


class HistoryTable(QTableView):
    """A table of history rows that follows new rows while the user is at the bottom."""

    def __init__(
        self,
        columns: Sequence[str] = PARABOLA_COLUMNS,
        headers: Sequence[str] | None = None,
        parent: QWidget | None = None,
        *,
        object_name: str = "history_table",
    ) -> None:
        super().__init__(parent)
        if headers is None:
            headers = parabola_headers()
        self.history_model = HistoryTableModel(columns, headers, parent=self)
        self.setModel(self.history_model)
        self.setObjectName(object_name)
        self.setAccessibleName(object_name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the table (arrows move inside it)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        rows = self.verticalHeader()
        rows.setVisible(False)  # the step column numbers the rows
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        # Columns as wide as the numbers in view (never "0.60466…"), measured on the visible
        # rows only so that millions of rows cost nothing; a narrow table scrolls sideways.
        columns = self.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        columns.setResizeContentsPrecision(0)
        columns.setStretchLastSection(True)
        self._follow = True
        self.history_model.rowsAboutToBeInserted.connect(self._before_insert)
        self.history_model.rowsInserted.connect(self._after_insert)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:  # rows as tall as the (zoomed) text
            self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        super().changeEvent(event)

    def set_columns(self, arrays: Mapping[str, np.ndarray]) -> None:
        """Show these column arrays (see HistoryTableModel.set_columns)."""
        self.history_model.set_columns(arrays)

    def refresh(self, row_count: int) -> None:
        """Announce a new row count (see HistoryTableModel.refresh)."""
        self.history_model.refresh(row_count)

    def clear(self) -> None:
        """Drop all rows."""
        self.history_model.clear()

    def is_at_bottom(self) -> bool:
        """Whether the last row is in view (so new rows should be followed)."""
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum()

    def _before_insert(self) -> None:
        self._follow = self.is_at_bottom()

    def _after_insert(self) -> None:
        if self._follow:
            self.scrollToBottom()


def parabola_headers() -> tuple[str, ...]:
    """Translated headers for the parabola's k, x, f(x), f′(x) table."""
    return (
        QCoreApplication.translate("HistoryTable", "k"),
        QCoreApplication.translate("HistoryTable", "x"),
        QCoreApplication.translate("HistoryTable", "f(x)"),
        QCoreApplication.translate("HistoryTable", "f′(x)"),
    )
