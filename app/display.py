"""Can a window open here?  Checked before Qt starts, so a missing display is one clear
line instead of an abort inside Qt.  No Qt imports."""

from __future__ import annotations

import sys
from collections.abc import Mapping

#: Qt platforms that draw without a display server (tests, kiosks, remote framebuffers).
_NO_SERVER_NEEDED = frozenset({"offscreen", "minimal", "minimalegl", "vnc", "eglfs", "linuxfb"})


def missing_display(environ: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """Why no window can open (the display that is missing), or None if one can.

    Only Linux and the BSDs need a display server; ``QT_QPA_PLATFORM`` may name a platform
    that needs none (``offscreen``, ``minimal``, ...) or the one it needs (``xcb`` needs
    ``DISPLAY``, ``wayland`` needs ``WAYLAND_DISPLAY``).
    """
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    chosen = environ.get("QT_QPA_PLATFORM", "").split(":", 1)[0].strip().lower()
    has_x = bool(environ.get("DISPLAY"))
    has_wayland = bool(environ.get("WAYLAND_DISPLAY"))
    if chosen in _NO_SERVER_NEEDED:
        return None
    if chosen == "xcb":
        return None if has_x else "DISPLAY is not set (QT_QPA_PLATFORM=xcb needs an X display)"
    if chosen.startswith("wayland"):
        return None if has_wayland else "WAYLAND_DISPLAY is not set (QT_QPA_PLATFORM=wayland)"
    if chosen or has_x or has_wayland:
        return None  # another platform plugin, or a display to try
    return "neither DISPLAY nor WAYLAND_DISPLAY is set"


def no_display_lines(reason: str) -> str:
    """The one or two lines printed instead of opening the window."""
    return (
        f"backprop-lab: cannot open the window: no display ({reason}; an ssh session "
        "without -X or a container has none).\n"
        "Without a display, use the command line, for example: backprop-lab train "
        "--steps 100 (see backprop-lab --help).\n"
    )
