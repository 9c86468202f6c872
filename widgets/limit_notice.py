"""The note shown when a run reaches the step limit: why it stopped, with Export and Reset."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class LimitNotice(QFrame):
    """Says that auto-run stopped at the step limit and offers Export and Reset.

    Hidden until :meth:`show_limit`; emits ``exportClicked`` and ``resetClicked``.
    """

    exportClicked = Signal()
    resetClicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("limit_notice")
        self.setStyleSheet(
            "LimitNotice { background: #e8f0fe; border: 1px solid #7aa7e8; border-radius: 4px; }"
        )
        self._limit = 0
        self.text = QLabel()
        self.text.setObjectName("limit_text")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = QPushButton()
        self.export_button.setObjectName("limit_export")
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("limit_reset")
        self.export_button.clicked.connect(self.exportClicked)
        self.reset_button.clicked.connect(self.resetClicked)
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.export_button)
        layout.addWidget(self.reset_button)
        self.retranslate()
        self.hide()

    def show_limit(self, limit: int) -> None:
        """Show the note for a run that stopped at ``limit`` steps."""
        self._limit = limit
        self.retranslate()
        self.show()

    def retranslate(self) -> None:
        self.export_button.setText(self.tr("Export…"))
        self.reset_button.setText(self.tr("Reset"))
        self.text.setText(
            self.tr(
                "Auto-run stopped at step %1, the most steps one run may take: every step is "
                "kept in memory so you can look back at it, export it and replay it. Export the "
                "run to keep it, or Reset to start again."
            ).replace("%1", f"{self._limit:,}")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
