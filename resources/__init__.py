"""Files the app ships with (the window icon), read through importlib.resources."""

from importlib.resources import files


def resource_path(name: str) -> str:
    """The path of a file in this package, for Qt calls that take a file name."""
    return str(files(__name__) / name)
