"""Start the window: the environment Qt WebEngine needs, the application, the main window."""

from __future__ import annotations

import logging
import os
import sys
import types
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

_LOG = logging.getLogger(__name__)


def prepare_environment() -> None:
    """Set what must be set before Qt WebEngine loads.

    Chromium refuses to run its sandbox as root (containers, some CI machines) and exits;
    without the sandbox it runs, which is acceptable for a preview that runs no script and
    loads nothing from the network.
    """
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")


def create_application(argv: list[str]) -> QApplication:
    """The QApplication, with the preview's URL scheme registered before it exists."""
    prepare_environment()
    # Imported only now, after the environment is set; and before the QApplication exists,
    # which lets Qt WebEngine share OpenGL contexts.
    import PySide6.QtWebEngineWidgets  # noqa: F401

    from composer import __version__
    from composer.gui.appearance import apply_appearance
    from composer.gui.icons import block_icon
    from composer.gui.preview import register_scheme
    from composer.gui.window_state import APPLICATION, ORGANISATION

    register_scheme()
    app = QApplication(argv)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Newsletter Composer")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("newsletter-composer")
    app.setWindowIcon(block_icon("masthead"))
    apply_appearance(app)
    install_translators(app)
    return app


def install_translators(app: QApplication) -> None:
    """Load Qt's own and the program's translations for the user's language, if present.

    The program's catalogs are ``resources/translations/composer_<lang>.qm``; until one is
    there the window speaks English.
    """
    from composer.resources import resource

    locale = QLocale.system()
    qt_translator = QTranslator(app)
    if qt_translator.load(
        locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt_translator)
    language = locale.name().split("_")[0]
    catalog = resource(f"translations/composer_{language}.qm")
    if catalog.is_file():
        translator = QTranslator(app)
        if translator.load(catalog.read_bytes()):
            app.installTranslator(translator)


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
    """Open the window on ``file`` (or on the sample newsletter) and run until it closes.

    Returns:
        The exit status: 0 when the window was closed normally.
    """
    app = create_application(sys.argv[:1])
    from composer.export import shared_image_cache
    from composer.gui.main_window import MainWindow, sample_session
    from composer.gui.window_state import WindowState, user_settings

    window = MainWindow(WindowState(user_settings()), shared_image_cache(), sample_session())
    if file is not None:
        # A file that cannot be opened is explained in a dialog; the sample stays open.
        window.open_path(Path(file))
    window.show()
    sys.excepthook = _show_unexpected
    try:
        return app.exec()
    finally:
        sys.excepthook = sys.__excepthook__
