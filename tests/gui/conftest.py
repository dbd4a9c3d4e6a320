"""Set-up of the window tests: Qt WebEngine ready before the QApplication, no real dialogs.

The preview's URL scheme must be registered, and Qt WebEngine imported, before pytest-qt
creates the QApplication; a conftest is imported while tests are collected, before any test
runs, so this is the place. Every dialog goes through ``dialogs.run_dialog``, which the
``no_dialogs`` fixture replaces: a dialog a test did not answer fails the test at once instead
of waiting for a click that never comes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import PySide6.QtWebEngineWidgets  # noqa: F401 - before the QApplication, see above
import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from composer.gui import dialogs
from composer.gui.main_window import MainWindow
from composer.gui.preferences import Preferences
from composer.gui.preview_page import register_scheme
from composer.gui.window_state import WindowState
from composer.images import ImageCache

register_scheme()

#: What Qt says on a machine without a GPU or a window system; the set-up, not a failure.
ENVIRONMENT_WARNINGS = (
    r"QRhiGles2|Failed to create RHI|GPUInfo not initialized|Unable to detect GPU vendor|"
    r"createPlatformVulkanInstance|QVulkanInstance|GBM is not supported|"
    r"This plugin does not support (propagateSizeHints|raise)"
)
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Let the window tests ignore the warnings of a machine without a screen."""
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.qt_log_ignore(ENVIRONMENT_WARNINGS))


@pytest.fixture(autouse=True)
def no_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail a test that opens a dialog it did not answer."""

    def refuse(dialog: QDialog) -> int:
        text = getattr(dialog, "text", lambda: "")()
        raise AssertionError(
            f"unexpected dialog {type(dialog).__name__}: {dialog.windowTitle()!r} {text!r}"
        )

    monkeypatch.setattr(dialogs, "run_dialog", refuse)


@pytest.fixture(autouse=True)
def empty_clipboard(qapp: QApplication) -> Iterator[None]:
    """Leave the clipboard empty after each test.

    Mime data a test put on the clipboard is destroyed by Qt when the application goes
    away at interpreter exit, after Python has begun tearing down, which crashed the test
    process (exit status 139) although every test had passed.
    """
    yield
    QGuiApplication.clipboard().clear()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """A settings file of the test's own: the user's configuration is never touched."""
    return QSettings(str(tmp_path / "settings" / "composer.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def preferences(settings: QSettings) -> Preferences:
    """The user's preferences, kept in the test's settings file."""
    return Preferences(settings)


@pytest.fixture
def state(settings: QSettings) -> WindowState:
    """The window state, kept in the test's settings file."""
    return WindowState(settings)


@pytest.fixture
def image_cache(tmp_path: Path) -> ImageCache:
    """A cache of processed pictures in the test's folder, not the user's cache folder."""
    return ImageCache(tmp_path / "image-cache")


@pytest.fixture
def type_text(qtbot: QtBot) -> Callable[[QWidget, str], None]:
    """Types text into a widget key by key, as a user does (å, ä and ö included).

    QTest's keyClicks handles ASCII only; other characters arrive as key events carrying
    their text, which is what a keyboard layout with those keys produces.
    """

    def type_into(widget: QWidget, text: str) -> None:
        for char in text:
            if char.isascii():
                qtbot.keyClicks(widget, char)
                continue
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                QApplication.sendEvent(widget, event)

    return type_into


def _wait_for_preview(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(window.preview.is_idle, timeout=15_000)


@pytest.fixture
def wait_for_preview(qtbot: QtBot) -> Callable[[MainWindow], None]:
    """Waits until a window's preview shows the document as it is now."""
    return lambda window: _wait_for_preview(qtbot, window)


#: The size of test windows: larger than the offscreen screen, as a real desktop's would be.
WINDOW_SIZE = (1280, 800)


@pytest.fixture
def make_window(
    qtbot: QtBot, preferences: Preferences, state: WindowState, image_cache: ImageCache
) -> Iterator[Callable[..., MainWindow]]:
    """Makes windows on the sample newsletter, closed (changes discarded) after the test."""
    windows: list[MainWindow] = []

    def make(size: tuple[int, int] | None = WINDOW_SIZE) -> MainWindow:
        """A window on the sample; ``size`` None keeps the size the window state gives."""
        window = MainWindow(preferences, state, image_cache)
        if size is not None:
            window.resize(*size)
        window.files.open_sample()
        window.show()
        windows.append(window)
        _wait_for_preview(qtbot, window)
        return window

    yield make
    for window in windows:
        if window.isVisible():
            window.open_document.undo_stack.setClean()
            window.close()
        window.deleteLater()
    qtbot.wait(1)  # let deleteLater run while the QApplication is alive


@pytest.fixture
def window(make_window: Callable[..., MainWindow]) -> MainWindow:
    """A window on the sample newsletter, with its preview loaded."""
    return make_window()
