"""Why a file could not be read or written, in the window's language.

An OSError's ``strerror`` is the C library's English ("No such file or directory"), so a
Chinese window showed English there; the usual reasons get the window's own words.
"""

from __future__ import annotations

import errno

from PySide6.QtCore import QCoreApplication


def os_reason(code: int | None, fallback: str) -> str:
    """The reason for an OSError with this ``errno`` (``fallback``, the system's words,
    for a rarer one)."""
    if code in (errno.ENOENT, errno.ENOTDIR):
        return QCoreApplication.translate("FileErrors", "the folder or file does not exist")
    if code in (errno.EACCES, errno.EPERM):
        return QCoreApplication.translate("FileErrors", "you have no permission for it")
    if code == errno.EROFS:
        return QCoreApplication.translate("FileErrors", "the disk is read-only")
    if code in (errno.ENOSPC, errno.EDQUOT):
        return QCoreApplication.translate("FileErrors", "the disk is full")
    if code == errno.EISDIR:
        return QCoreApplication.translate("FileErrors", "it is a folder, not a file")
    if code == errno.ENAMETOOLONG:
        return QCoreApplication.translate("FileErrors", "the name is too long")
    return fallback


def reason_for(exc: OSError) -> str:
    """:func:`os_reason` for an exception."""
    return os_reason(exc.errno, exc.strerror or str(exc))
