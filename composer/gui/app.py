"""Start the window: the environment Qt WebEngine needs, the application, the main window.

The entry point's module (``composer.main`` calls ``run``): nothing in the window imports it,
so what the window needs at run time (the language preference, say) lives elsewhere.
"""

from __future__ import annotations

import importlib.resources
import logging
import os
import sys
import types

from PySide6.QtCore import QLibraryInfo, QTranslator
from PySide6.QtWidgets import QApplication

from composer.i18n import set_ui_language

_LOG = logging.getLogger(__name__)


def prepare_environment() -> None:
    """Set what must be set before Qt WebEngine loads.

    Chromium refuses to run its sandbox as root (containers, some CI machines) and exits;
    without the sandbox it runs, which is acceptable for a preview that runs no script and
    loads nothing from the network.
    """
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")


def create_application(argv: list[str], language: str | None = None) -> QApplication:
    """The QApplication, with the preview's URL scheme registered before it exists.

    Args:
        argv: the command line Qt sees.
        language: the language of the window ("sv" or "en"); None for the user's choice in
            the preferences, or else the system's language.
    """
    prepare_environment()
    # Imported only now, after the environment is set; and before the QApplication exists,
    # which lets Qt WebEngine share OpenGL contexts.
    import PySide6.QtWebEngineWidgets  # noqa: F401

    from composer import __version__
    from composer.gui.appearance import apply_appearance
    from composer.gui.icons import block_icon
    from composer.gui.preview_page import register_scheme
    from composer.gui.stored_settings import APPLICATION, ORGANISATION

    register_scheme()
    app = QApplication(argv)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Newsletter Composer")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("newsletter-composer")
    app.setWindowIcon(block_icon("masthead"))
    apply_appearance(app)
    if language is None:
        from composer.gui.preferences import Preferences, window_language
        from composer.gui.stored_settings import user_settings

        language = window_language(Preferences(user_settings()))
    install_translators(app, language)
    return app


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Speak ``language`` in the window, Qt's own dialogs and the core's messages.

    Call it before any window exists: widgets take their texts when they are built. English
    needs no catalog (the source texts are English); for another language, the program's
    catalog is ``resources/translations/composer_<lang>.qm`` and Qt's is ``qtbase_<lang>``
    (the buttons of standard dialogs), each used when present.

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
        app.installTranslator(item)
    return installed


def _show_unexpected(
    kind: type[BaseException], exc: BaseException, traceback: types.TracebackType | None
) -> None:
    """sys.excepthook: an exception escaping a Qt slot is shown, not silently printed."""
    from composer.gui import dialogs

    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, traceback)
        return
    _LOG.error("unexpected error", exc_info=(kind, exc, traceback))
    dialogs.show_error(QApplication.activeWindow(), exc.with_traceback(traceback))


def run(file: str | None) -> int:
    """Open the window on ``file`` (else where the user left off) and run until it closes.

    Work a crash left unsaved is offered first (``composer.gui.startup``).

    Returns:
        The exit status: 0 when the window was closed normally.
    """
    app = create_application(sys.argv[:1])
    from composer.export import shared_image_cache
    from composer.gui.autosave import recovery_folder
    from composer.gui.preferences import Preferences
    from composer.gui.startup import open_start_windows
    from composer.gui.stored_settings import user_settings
    from composer.gui.window_state import WindowState

    settings = user_settings()
    windows = open_start_windows(
        file,
        Preferences(settings),
        WindowState(settings),
        shared_image_cache(),
        recovery_folder(),
    )
    for window in windows:
        window.show()
    sys.excepthook = _show_unexpected
    try:
        return app.exec()
    finally:
        sys.excepthook = sys.__excepthook__
