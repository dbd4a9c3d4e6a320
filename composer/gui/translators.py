"""The window's language: the Qt translators of the program and of Qt, and the core's ``_``.

Installed once at start-up, and again when the user picks another language: Qt then sends
every widget a ``LanguageChange`` event, on which the window takes its texts anew.
"""

from __future__ import annotations

import importlib.resources
import logging
from typing import Final

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from composer.i18n import set_ui_language

_LOG = logging.getLogger(__name__)
#: The object name of the translators installed here, to find them again on a switch.
_NAME: Final = "composerTranslator"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Speak ``language`` in the window, Qt's own dialogs and the core's messages.

    English needs no catalog (the source texts are English); for another language, the
    program's catalog is ``resources/translations/composer_<lang>.qm`` and Qt's is
    ``qtbase_<lang>`` (the buttons of standard dialogs), each used when present.

    Returns:
        The translators installed, so that a caller can remove them again.
    """
    from composer.package_data import resource

    set_ui_language(language)
    installed: list[QTranslator] = []
    if language == "en":
        return installed
    qt_translator = QTranslator(app)
    if qt_translator.load(
        f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        installed.append(qt_translator)
    translator = QTranslator(app)
    # From a file, not from bytes: Qt keeps a pointer to the data it is given, which Python
    # may free at any time; a file Qt reads (or maps) itself.
    with importlib.resources.as_file(resource(f"translations/composer_{language}.qm")) as path:
        if path.is_file() and translator.load(str(path)):
            installed.append(translator)
        else:
            _LOG.warning("no %s translation of the window at %s", language, path)
    for item in installed:
        item.setObjectName(_NAME)
        app.installTranslator(item)
    return installed


def switch_language(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Speak ``language`` from now on: the translators installed here make way for its own.

    Qt sends ``LanguageChange`` to every widget as translators come and go (after the core's
    ``_`` has switched, so what a widget builds then is in the new language throughout).

    Returns:
        The translators installed.
    """
    old = [t for t in app.findChildren(QTranslator) if t.objectName() == _NAME]
    set_ui_language(language)
    for translator in old:
        app.removeTranslator(translator)
        translator.setObjectName("")
    return install_translators(app, language)
