"""Start the window: the environment Qt WebEngine needs, the application, the main window.

The entry point's module (``composer.main`` calls ``run``): nothing in the window imports it,
so what the window needs at run time (the language preference, say) lives elsewhere.
"""

from __future__ import annotations

import logging
import os
import sys
import types

from PySide6.QtWidgets import QApplication

# The translators are installed here at start-up, and switched by the window; tests and
# callers of old import them from here.
from composer.gui.translators import install_translators

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


__all__ = ["create_application", "install_translators", "prepare_environment", "run"]


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
