"""What the program opens at start: work a crash left unsaved, else where the user left off.

With no file on the command line the window opens the document that was open when it last
closed; the sample only the very first time (File → New from Sample opens it on request). When
that document has gone since or cannot be read, a new one is started and the start page asks
what to start from instead (saying why), as File → New does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from PySide6.QtCore import QCoreApplication, QTimer

from composer.document import Document
from composer.gui import start_page
from composer.gui.autosave import attach_autosaver
from composer.gui.main_window import MainWindow
from composer.gui.open_document import OpenDocument
from composer.gui.preferences import Preferences
from composer.gui.recovery_dialog import offer_recovery
from composer.gui.window_state import WindowState
from composer.images import ImageCache
from composer.recovery import RecoveredDocument, find_orphans

#: How long start-up messages stay in the status bar.
_MESSAGE_MS: Final = 20_000
#: How often, and how long each time, the start page waits for the window to be on screen.
_EXPOSE_TRIES: Final = 40
_EXPOSE_WAIT_MS: Final = 50


def open_start_windows(
    file: str | None,
    preferences: Preferences,
    state: WindowState,
    image_cache: ImageCache | None,
    recovery: Path,
) -> list[MainWindow]:
    """Offer the work a crash left unsaved, then open the windows to start with (not shown).

    Args:
        file: a file named on the command line, or None.
        preferences: the user's preferences (the document left open last among them).
        state: how the window was left last time.
        image_cache: where the preview keeps prepared images.
        recovery: the recovery folder (``autosave.recovery_folder()``).

    Returns:
        One window per restored document, and one on ``file`` or where the user left off
        when a file was named or nothing was restored.
    """
    windows = []
    for recovered, journal in offer_recovery(None, find_orphans(recovery)):
        restored = OpenDocument(Document(recovered.bundle), recovered.path, recovered.name)
        # The journal is newer than any file: the restored document has unsaved changes.
        restored.undo_stack.resetClean()
        window = MainWindow(preferences, state, image_cache, restored)
        attach_autosaver(window, recovery, journal)
        window.statusBar().showMessage(_restored_message(recovered), _MESSAGE_MS)
        _remember_last_document(window, preferences)
        windows.append(window)
    if file is None and windows:
        return windows
    # Read now: the window about to open becomes the last document.
    last_document = preferences.last_document if file is None else None
    document, last, message = (
        _where_the_user_left_off(preferences) if file is None else (None, None, "")
    )
    window = MainWindow(preferences, state, image_cache, document)
    attach_autosaver(window, recovery)
    _remember_last_document(window, preferences)
    to_open = Path(file) if file is not None else last
    if to_open is not None:
        # Opened as File → Open does: a file that cannot be read is explained in a dialog,
        # one that another program has open is asked about; a new document stays open.
        if not window.files.open_path(to_open) and file is None:
            _offer_start_page(
                window,
                preferences,
                QCoreApplication.translate(
                    "startup", "The newsletter you had open last, “{name}”, could not be opened."
                ).format(name=to_open.name),
            )
    elif message and last_document:
        gone = Path(last_document)
        window.statusBar().showMessage(message, _MESSAGE_MS)
        _offer_start_page(
            window,
            preferences,
            QCoreApplication.translate(
                "startup",
                "The newsletter you had open last, “{name}”, is no longer in {folder}. If it "
                "was moved, choose Open… and open it from where it is now.",
            ).format(name=gone.name, folder=gone.parent),
        )
    windows.append(window)
    return windows


def _offer_start_page(window: MainWindow, preferences: Preferences, note: str) -> None:
    """Show the start page over the new document once the window is on screen."""
    waited = 0

    def offer() -> None:
        nonlocal waited
        # The caller shows the window after this returns, and the window system maps it a
        # little later: a page shown before would open beneath it where no window manager
        # keeps a dialog above its window (seen on a bare X server).
        handle = window.windowHandle()
        if (handle is None or not handle.isExposed()) and waited < _EXPOSE_TRIES:
            waited += 1
            QTimer.singleShot(_EXPOSE_WAIT_MS, window, offer)
            return
        window.files.start_with(start_page.choose_start(window, preferences.recent_files, note))

    QTimer.singleShot(0, window, offer)


def _restored_message(recovered: RecoveredDocument) -> str:
    name = recovered.path.name if recovered.path is not None else recovered.name
    if recovered.missing_images:
        return QCoreApplication.translate(
            "startup",
            "Restored “{name}”, but these pictures were lost: {pictures}. Choose them again, "
            "then save.",
        ).format(name=name, pictures=", ".join(recovered.missing_images))
    return QCoreApplication.translate(
        "startup", "Restored “{name}”. Save it to keep the changes."
    ).format(name=name)


def _where_the_user_left_off(
    preferences: Preferences,
) -> tuple[OpenDocument | None, Path | None, str]:
    """Where to start: a document (None: a new one), a file to open in it, a message."""
    last = preferences.last_document
    if last is None:
        return OpenDocument.sample(), None, ""  # the very first start
    if not last:
        return None, None, ""  # the last document had no file: a new one
    path = Path(last)
    if not path.exists():
        preferences.remove_recent(last)
        return (
            None,
            None,
            QCoreApplication.translate(
                "startup",
                "The newsletter you had open last, “{name}”, is no longer in {folder}. A new "
                "newsletter was started; open the file from where it is now with File → Open.",
            ).format(name=path.name, folder=path.parent),
        )
    return None, path, ""


def _remember_last_document(window: MainWindow, preferences: Preferences) -> None:
    """Keep the window's file as the one to start on next time."""

    def remember() -> None:
        path = window.open_document.path
        preferences.last_document = str(path) if path is not None else ""

    remember()
    window.document_replaced.connect(lambda _document: remember())
    # The title names the document's file: it changes when Save As gives it a new one.
    window.windowTitleChanged.connect(lambda _title: remember())
    window.closed.connect(remember)
