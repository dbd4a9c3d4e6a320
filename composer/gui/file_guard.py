"""Guards the window's file: lock, changes by other programs, read-only files and leftovers.

The window opens and saves through a FileGuard, which:

- takes the file's lock when it opens it, and asks what to do when another running program
  has the file open (open read-only, open anyway, or not);
- remembers the file's stamp, and notices a change another program made when the window
  comes back to the front, when the file changes (a QFileSystemWatcher) and when saving,
  offering Reload, Overwrite or Save As;
- offers Save As when the file (or its folder) may not be written;
- sweeps the folder of the leftovers of saves that a killed program never finished, each time
  it opens or saves a file there.

Its questions are asked through ``dialogs.run_dialog``, like every other dialog of the window.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from PySide6.QtCore import QCoreApplication, QEvent, QFileSystemWatcher, QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QWidget

from composer import file_lock, storage
from composer.errors import ComposerError, FileChangedOnDiskError, ReadOnlyFileError
from composer.file_lock import FileLock, LockOwner
from composer.gui import dialogs
from composer.model import Bundle
from composer.storage import DiskStamp, DiskState

# How long the file must stay quiet after a change before it is checked: a program that
# saves writes a temporary file and renames it, several events within a few milliseconds.
SETTLE_MS: Final = 150


class LockChoice(enum.Enum):
    """The answer to "another program has this file open"."""

    READ_ONLY = "read-only"
    ANYWAY = "anyway"
    CANCEL = "cancel"


class DiskChoice(enum.Enum):
    """The answer to "another program changed this file"."""

    RELOAD = "reload"
    OVERWRITE = "overwrite"
    SAVE_AS = "save as"
    CANCEL = "cancel"


class SaveOutcome(enum.Enum):
    """What became of a save: written there, written elsewhere (Save As instead), or not."""

    SAVED = "saved"
    SAVED_ELSEWHERE = "saved elsewhere"
    NOT_SAVED = "not saved"


def _box(parent: QWidget | None, text: str, informative: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("file_guard", "Newsletter Composer"))
    box.setIcon(QMessageBox.Icon.Warning)
    box.setText(text)
    box.setInformativeText(informative)
    return box


def describe_owner(owner: LockOwner) -> str:
    """Who holds a lock, for a sentence: "anna on KONTOR-7 (process 4711) since 10:42"."""
    if not owner.known:
        return QCoreApplication.translate(
            "file_guard", "another program (its lock file cannot be read)"
        )
    since = owner.since.astimezone().strftime("%Y-%m-%d %H:%M") if owner.since else "?"
    return QCoreApplication.translate(
        "file_guard", "{user} on {host} (process {pid}) since {since}"
    ).format(user=owner.user or "?", host=owner.host, pid=owner.pid, since=since)


def ask_locked(parent: QWidget | None, name: str, owner: LockOwner) -> LockChoice:
    """Ask what to do with a file another running program has open."""
    box = _box(
        parent,
        QCoreApplication.translate(
            "file_guard", "“{name}” is already open in Newsletter Composer: {owner}."
        ).format(name=name, owner=describe_owner(owner)),
        QCoreApplication.translate(
            "file_guard",
            "If you both change it, one of you will overwrite the other's work. Open it "
            "read-only to look at it or save a copy, or open it anyway if you know the other "
            "program no longer uses it.",
        ),
    )
    read_only = box.addButton(
        QCoreApplication.translate("file_guard", "Open &Read-Only"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    anyway = box.addButton(
        QCoreApplication.translate("file_guard", "Open &Anyway"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(read_only)
    dialogs.run_dialog(box)
    clicked = box.clickedButton()
    if clicked is read_only:
        return LockChoice.READ_ONLY
    if clicked is anyway:
        return LockChoice.ANYWAY
    return LockChoice.CANCEL


def ask_changed_on_disk(parent: QWidget | None, name: str, saving: bool) -> DiskChoice:
    """Ask what to do about a change another program made to the open file."""
    text = (
        QCoreApplication.translate(
            "file_guard",
            "“{name}” was changed by another program since you opened or saved it, so it "
            "was not saved.",
        )
        if saving
        else QCoreApplication.translate(
            "file_guard", "“{name}” was changed by another program since you opened or saved it."
        )
    )
    box = _box(
        parent,
        text.format(name=name),
        QCoreApplication.translate(
            "file_guard",
            "Reload shows the other version (the changes you made here are lost). Overwrite "
            "replaces it with yours (the other changes are lost; the file's .bak keeps them). "
            "Save As keeps both.",
        ),
    )
    reload = box.addButton(
        QCoreApplication.translate("file_guard", "&Reload"), QMessageBox.ButtonRole.DestructiveRole
    )
    overwrite = box.addButton(
        QCoreApplication.translate("file_guard", "&Overwrite"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    save_as = box.addButton(
        QCoreApplication.translate("file_guard", "Save &As…"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save_as)
    dialogs.run_dialog(box)
    clicked = box.clickedButton()
    if clicked is reload:
        return DiskChoice.RELOAD
    if clicked is overwrite:
        return DiskChoice.OVERWRITE
    if clicked is save_as:
        return DiskChoice.SAVE_AS
    return DiskChoice.CANCEL


def ask_save_as_instead(parent: QWidget | None, message: str) -> bool:
    """Say why the file cannot be saved where it is and offer Save As; True to save as."""
    box = _box(
        parent,
        message,
        QCoreApplication.translate("file_guard", "Your changes are still here, unsaved."),
    )
    save_as = box.addButton(
        QCoreApplication.translate("file_guard", "Save &As…"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save_as)
    dialogs.run_dialog(box)
    return box.clickedButton() is save_as


@dataclass
class _Opened:
    """A file opened, waiting for the window to show it."""

    path: Path
    stamp: DiskStamp
    lock: FileLock | None
    read_only: bool


def _metadata(path: Path) -> tuple[int, int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns, status.st_ino


class FileGuard(QObject):
    """Opens and saves the window's file, guarding it against other programs and users.

    Args:
        window: the main window: parent of the questions, watched for coming to the front.
        reload: opens a file in the window (without asking about unsaved changes).
        save: saves the window's document to its file.
        save_as: asks for a name and saves there.
        save_action: the window's Save action, disabled while the file is open read-only.
    """

    def __init__(
        self,
        window: QMainWindow,
        reload: Callable[[Path], bool],
        save: Callable[[], bool],
        save_as: Callable[[], bool],
        save_action: QAction,
    ) -> None:
        super().__init__(window)
        self.window = window
        self._reload = reload
        self._save = save
        self._save_as = save_as
        self._save_action = save_action
        # The file the window shows (resolved), its stamp, its lock; None for no file.
        self.path: Path | None = None
        self.stamp: DiskStamp | None = None
        self.lock: FileLock | None = None
        self.read_only = False
        self.holder: LockOwner | None = None
        self._pending: _Opened | None = None
        self._dismissed: tuple[int, int, int] | None = None
        self._overwrite = False
        self._asking = False
        self.read_only_label = QLabel(self.tr("Read-only"))
        self.read_only_label.setObjectName("readOnlyLabel")
        self.read_only_label.hide()
        window.statusBar().addPermanentWidget(self.read_only_label)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._disk_event)
        self.watcher.directoryChanged.connect(self._disk_event)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._settled)
        window.installEventFilter(self)

    # --- opening -------------------------------------------------------------------------------

    def open(self, path: Path) -> Bundle | None:
        """Read ``path`` for the window, asking first if another program has it open.

        The file's folder is swept of leftovers of killed saves. Errors are shown.

        Returns:
            The document, or None when it could not be read or the user cancelled.
        """
        target = path.resolve()
        storage.sweep_orphans(target.parent)
        try:
            bundle, stamp = storage.load_with_stamp(path)
        except ComposerError as exc:
            dialogs.show_error(self.window, exc)
            return None
        lock: FileLock | None = None
        read_only = False
        if target == self.path and (self.lock is not None or self.read_only):
            lock, read_only = self.lock, self.read_only  # reloading: as it was
        else:
            taken = file_lock.acquire(target)
            if isinstance(taken, FileLock):
                lock = taken
            else:
                choice = ask_locked(self.window, path.name, taken)
                if choice is LockChoice.CANCEL:
                    return None
                if choice is LockChoice.READ_ONLY:
                    read_only = True
                    self.holder = taken
                else:
                    lock = file_lock.take_over(target)
        self._pending = _Opened(target, stamp, lock, read_only)
        return bundle

    def follow(self, path: Path | None) -> None:
        """The window now shows the document of ``path`` (None: a document without a file)."""
        target = path.resolve() if path is not None else None
        pending, self._pending = self._pending, None
        if pending is not None and pending.path == target:
            if self.lock is not None and self.lock is not pending.lock:
                self.lock.release()
            self.path, self.stamp, self.lock = pending.path, pending.stamp, pending.lock
            self.read_only = pending.read_only
        elif target != self.path:
            if pending is not None and pending.lock is not None and pending.lock is not self.lock:
                pending.lock.release()
            self.release()
            self.path = target
            self.stamp = storage.disk_stamp(target) if target is not None else None
        self._dismissed = None
        self._watch()
        self._show_read_only()

    def release(self) -> None:
        """Let go of the file: its lock is removed (the window closes or shows another)."""
        if self.lock is not None:
            self.lock.release()
        self.lock = None
        self.path = None
        self.stamp = None
        self.read_only = False
        self.holder = None
        self._watch()

    # --- saving --------------------------------------------------------------------------------

    def save(self, bundle: Bundle, path: Path) -> SaveOutcome:
        """Save ``bundle`` to ``path``, asking about anything that stands in the way.

        Returns:
            SAVED, SAVED_ELSEWHERE when the user chose Save As instead (and saved), or
            NOT_SAVED (cancelled, refused or failed: the user has been told).
        """
        target = path.resolve()
        same = target == self.path
        if same and self.read_only:
            owner = describe_owner(self.holder) if self.holder else "?"
            message = self.tr(
                "“{name}” is open read-only, because it is open in Newsletter Composer: "
                "{owner}. Save your changes under another name?"
            ).format(name=path.name, owner=owner)
            return self._elsewhere(ask_save_as_instead(self.window, message))
        if not same:
            holder = file_lock.read_lock(target)
            if holder is not None and not holder.is_this_process() and not holder.is_stale():
                message = self.tr(
                    "“{name}” is open in Newsletter Composer: {owner}. Saving over it would "
                    "overwrite that work. Save under another name?"
                ).format(name=path.name, owner=describe_owner(holder))
                return self._elsewhere(ask_save_as_instead(self.window, message))
        storage.sweep_orphans(target.parent)
        overwrite, self._overwrite = self._overwrite, False
        expected = self.stamp if same and not overwrite else None
        while True:
            try:
                stamp = storage.save(bundle, path, expected=expected)
                break
            except FileChangedOnDiskError:
                choice = self._ask_changed(path.name, saving=True)
                if choice is DiskChoice.OVERWRITE:
                    expected = None
                    continue
                if choice is DiskChoice.RELOAD:
                    self._reload(target)
                    return SaveOutcome.NOT_SAVED
                return self._elsewhere(choice is DiskChoice.SAVE_AS)
            except ReadOnlyFileError as exc:
                return self._elsewhere(ask_save_as_instead(self.window, str(exc)))
            except ComposerError as exc:
                dialogs.show_error(self.window, exc)
                return SaveOutcome.NOT_SAVED
        if not same:
            taken = file_lock.acquire(target)
            if self.lock is not None:
                self.lock.release()
            self.lock = taken if isinstance(taken, FileLock) else None
            self.path = target
            self.read_only = False
            self.holder = None
            self._watch()
            self._show_read_only()
        self.stamp = stamp
        self._dismissed = None
        return SaveOutcome.SAVED

    def _elsewhere(self, chosen: bool) -> SaveOutcome:
        """Save As, when the user chose it instead."""
        if chosen and self._save_as():
            return SaveOutcome.SAVED_ELSEWHERE
        return SaveOutcome.NOT_SAVED

    # --- changes by other programs -------------------------------------------------------------

    def check_disk(self) -> None:
        """Ask what to do if another program changed the file since it was opened or saved.

        Called when the window comes to the front and when the file changes while it is
        there. A change the user put off ("Cancel") is not asked about again until the file
        changes once more; saving still asks.
        """
        if self._asking or self.path is None or self.stamp is None:
            return
        state, self.stamp = storage.recheck(self.path, self.stamp)
        if state is DiskState.UNCHANGED:
            return
        if state is DiskState.MISSING:
            self.window.statusBar().showMessage(
                self.tr(
                    "“{name}” was deleted or moved by another program; Save writes it again."
                ).format(name=self.path.name),
                8000,
            )
            return
        now = _metadata(self.path)
        if now is not None and now == self._dismissed:
            return
        choice = self._ask_changed(self.path.name, saving=False)
        if choice is DiskChoice.RELOAD:
            self._reload(self.path)
        elif choice is DiskChoice.OVERWRITE:
            self._overwrite = True
            self._save()
        elif choice is DiskChoice.SAVE_AS:
            self._save_as()
        else:
            self._dismissed = now

    def _ask_changed(self, name: str, saving: bool) -> DiskChoice:
        self._asking = True
        try:
            return ask_changed_on_disk(self.window, name, saving)
        finally:
            self._asking = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Override: check the file when the window comes to the front."""
        if watched is self.window and event.type() == QEvent.Type.WindowActivate:
            # Not from inside the event: a question is a nested event loop.
            QTimer.singleShot(0, self.check_disk)
        return False

    def _disk_event(self, path: str) -> None:
        self._settle.start()

    def _settled(self) -> None:
        # A file replaced by a rename is no longer watched: watch the new one.
        self._watch()
        if self.window.isActiveWindow():
            self.check_disk()

    def _watch(self) -> None:
        watched = self.watcher.files() + self.watcher.directories()
        if watched:
            self.watcher.removePaths(watched)
        if self.path is not None:
            paths = [str(p) for p in (self.path, self.path.parent) if p.exists()]
            if paths:
                self.watcher.addPaths(paths)

    def _show_read_only(self) -> None:
        self._save_action.setEnabled(not self.read_only)
        self.read_only_label.setVisible(self.read_only)
        if self.read_only and self.holder is not None:
            self.read_only_label.setToolTip(
                self.tr("Open in Newsletter Composer: {owner}. Save As saves a copy.").format(
                    owner=describe_owner(self.holder)
                )
            )
