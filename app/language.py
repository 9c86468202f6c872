"""The window's language: the system's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) or a chosen one.

Installing a translator makes Qt send ``QEvent.LanguageChange`` to every widget, and each
widget sets its texts again in its ``retranslate()`` method, so a switch needs no restart.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from resources import resource_path

#: What View ▸ Language offers, as stored in the settings.
SYSTEM, ENGLISH, CHINESE = "system", "en", "zh_CN"
CHOICES = (SYSTEM, ENGLISH, CHINESE)
#: The settings key that remembers the choice.
SETTINGS_KEY = "view/language"

_TRANSLATOR_NAME = "backprop_lab_translator"


def _language_of(locale_name: str) -> str | None:
    """The translation for a POSIX or Qt locale name: "zh_CN.UTF-8" -> zh_CN, "C" -> None."""
    name = locale_name.split(".")[0].split("@")[0].replace("-", "_")
    if name in ("", "C", "POSIX"):
        return None
    # Any Chinese (zh, zh_SG, zh_Hans, zh_TW) reads Simplified Chinese better than English.
    return CHINESE if name.lower().startswith("zh") else ENGLISH


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the system asks for, as gettext reads it; English when unsure.

    LC_ALL, then LC_MESSAGES, then LANG give the locale; LANGUAGE, a colon-separated list
    of preferences, overrides it unless the locale is "C" (the convention of GNU gettext).
    Without any of them (Windows, macOS) Qt's own idea of the system's languages is used.
    """
    env = os.environ if environ is None else environ
    locale = next((env[k] for k in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(k)), "")
    if locale:
        if _language_of(locale) is None:
            return ENGLISH
        for wanted in env.get("LANGUAGE", "").split(":"):
            language = _language_of(wanted)
            if language is not None:
                return language
        return _language_of(locale) or ENGLISH
    for name in QLocale.system().uiLanguages():
        return _language_of(name) or ENGLISH
    return ENGLISH


def resolve(choice: str, environ: Mapping[str, str] | None = None) -> str:
    """The language to show for a View ▸ Language choice (unknown choices follow the system)."""
    if choice in (ENGLISH, CHINESE):
        return choice
    return system_language(environ)


def apply_language(language: str, folder: str | None = None) -> bool:
    """Show the window in ``language`` ("en" or "zh_CN") from now on; True if it is loaded.

    Removes the translators installed before (so English is simply none), then installs
    the app's own translation and Qt's (for the buttons of standard dialogs).
    """
    app = QCoreApplication.instance()
    for old in app.findChildren(QTranslator, _TRANSLATOR_NAME):
        app.removeTranslator(old)
        old.setParent(None)  # gone now, not at the next pass of the event loop
    if language == ENGLISH:
        return True
    ours = QTranslator(app)
    ours.setObjectName(_TRANSLATOR_NAME)
    if not ours.load(f"backprop_lab_{language}", folder or resource_path("translations")):
        ours.deleteLater()
        return False
    qt = QTranslator(app)
    qt.setObjectName(_TRANSLATOR_NAME)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
    else:
        qt.deleteLater()
    app.installTranslator(ours)  # installed last, so it is asked first
    return True
