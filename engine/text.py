"""Marking the engine's display texts for translation, without Qt.

Qt's ``lupdate`` finds texts by the *name* of the call around them, so this pure-Python
``QT_TRANSLATE_NOOP`` puts a text into the translation file under its context while
returning it unchanged.  The window shows it with
``QCoreApplication.translate(CONTEXT, text)``; the command line prints it as it is.
"""

from __future__ import annotations

#: The translation context of every text the engine hands to the window.
CONTEXT = "engine"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate knows
    """Return ``text`` unchanged; lupdate records it under ``context``."""
    return text
