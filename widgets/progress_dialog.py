"""A progress dialog for work that runs in a background thread."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget


def background_progress(
    parent: QWidget,
    name: str,
    title: str,
    label: str,
    cancel_text: str,
    total: int,
    modality: Qt.WindowModality,
) -> QProgressDialog:
    """A dialog that counts to ``total``, shows only for work longer than 0.3 s (short work
    finishes without a flash) and stays open until its owner closes it."""
    progress = QProgressDialog(parent)
    progress.setObjectName(name)
    progress.setWindowTitle(title)
    progress.setLabelText(label)
    progress.setCancelButtonText(cancel_text)
    progress.setRange(0, max(total, 1))
    progress.setWindowModality(modality)
    progress.setMinimumDuration(300)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    return progress
