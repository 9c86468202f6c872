"""Backprop Lab: the desktop window (:mod:`app.gui`) and the headless CLI (:mod:`app.cli`).

Importing this package imports no Qt: the command line never needs a display.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("backprop-lab")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
