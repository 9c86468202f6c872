"""Backprop Lab: the desktop window (:mod:`app.gui`) and the headless CLI (:mod:`app.cli`).

Importing this package imports no Qt: the command line never needs a display.
"""


def __getattr__(name: str) -> str:
    # ``__version__`` is looked up only when asked for (``--version``): importlib.metadata
    # costs tens of milliseconds that the window's start does not need.
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("backprop-lab")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0+unknown"
