"""``backprop-lab`` and ``python -m app``: the window without arguments, the CLI with them."""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence

#: Exit status when the window cannot open for want of a display.
EXIT_NO_DISPLAY = 1


def main(argv: Sequence[str] | None = None) -> int:
    """Open the window when called without arguments, otherwise run the command line."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        import os

        from app.display import missing_display, no_display_lines

        reason = missing_display(os.environ)
        if reason is not None:
            sys.stderr.write(no_display_lines(reason))
            return EXIT_NO_DISPLAY
        # The start only makes objects that live as long as the window: collecting
        # garbage meanwhile is wasted time; launch() turns it back on after the first paint.
        gc.disable()
        # Imported here so that the command line never loads Qt.
        from app.gui import launch

        return launch()
    from app.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
