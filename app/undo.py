"""Undo and Redo for whole-run changes: one command that swaps a value in and out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand


class SwapCommand(QUndoCommand):
    """Replace a live value (a whole run, say) by another; Undo and Redo swap them back.

    ``take()`` returns the live value and ``put(value)`` installs one.  Redo and Undo do the
    same thing: install the held value and hold the one that was live.  So whatever happened
    to the live value in between (steps taken after a Reset, say) is what comes back:
    Undo then Redo returns exactly to where the learner was.  The held value must not change
    while held, so ``put`` must install it as it is and ``take`` must stop using the old one.
    """

    def __init__(
        self,
        text: str,
        take: Callable[[], Any],
        put: Callable[[Any], None],
        value: Any,
        parent: QUndoCommand | None = None,
    ) -> None:
        super().__init__(text, parent)
        self._take, self._put, self._held = take, put, value

    @property
    def held(self) -> Any:
        """The value this command would install next (on Undo, or on Redo once undone)."""
        return self._held

    def replace_held(self, value: Any) -> None:
        """Hold an equivalent of the held value instead: one that ``put`` installs as the
        same thing (a run kept as what rebuilds it, say, to save memory)."""
        self._held = value

    def redo(self) -> None:
        self._swap()

    def undo(self) -> None:
        self._swap()

    def _swap(self) -> None:
        live = self._take()
        self._put(self._held)
        self._held = live
