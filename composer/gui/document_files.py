"""The window's files: new, open, save, save as, recent files, and unsaved changes.

Whatever replaces the open document goes through here, and first asks about unsaved
changes; the new document takes its place in the ``DocumentHolder``, which every view follows.
Files are read and written through a ``FileGuard`` (locks, other programs' changes).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from composer.document import Document
from composer.export import slug
from composer.gui import dialogs, start_page
from composer.gui.earlier_issue import ask_next_issue
from composer.gui.file_guard import FileGuard, SaveOutcome
from composer.gui.open_document import DocumentHolder, OpenDocument
from composer.gui.preferences import Preferences
from composer.gui.start_page import StartChoice
from composer.storage import FILE_SUFFIX


class DocumentFiles(QObject):
    """Opens and saves the window's document, remembering recent files and folders.

    Args:
        window: asks the questions and shows what happened in its status bar.
        holder: the open document.
        preferences: the recent files and the last folder.
        save_action: the window's Save action, disabled while the file is open read-only.

    Attributes:
        guard: reads and writes the files, guarding them against other programs.

    Signals:
        saved(object): the open document was saved to this Path.
        saved_blocks_wanted(object): a new blank newsletter was started from the start page
            with these saved blocks (a tuple of library entry ids) to insert.
    """

    saved = Signal(object)
    saved_blocks_wanted = Signal(object)

    def __init__(
        self,
        window: QMainWindow,
        holder: DocumentHolder,
        preferences: Preferences,
        save_action: QAction,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._holder = holder
        self._preferences = preferences
        self.guard = FileGuard(window, self.open_path, self.save, self.save_as, save_action)
        self.guard.follow(holder.current.path)
        holder.replaced.connect(self._document_replaced)

    def _status(self, message: str) -> None:
        self._window.statusBar().showMessage(message, 4000)

    def _folder(self) -> Path:
        return Path(self._preferences.last_folder or Path.home())

    # --- replacing the document ------------------------------------------------------------

    def maybe_save(self) -> bool:
        """Ask to save unsaved changes; False when the user cancels (or saving failed)."""
        document = self._holder.current
        if not document.is_modified():
            return True
        choice = dialogs.ask_unsaved_changes(self._window, document.display_name)
        if choice is dialogs.UnsavedChoice.SAVE:
            return self.save()
        return choice is dialogs.UnsavedChoice.DISCARD

    def show_start_page(self) -> None:
        """File → New: ask what to start from, then start it (asking about unsaved changes)."""
        self.start_with(start_page.choose_start(self._window, self._preferences.recent_files))

    def start_with(self, start: start_page.Start | None) -> None:
        """Start what the start page's answer ``start`` says (None: nothing, it was cancelled)."""
        if start is None:
            return
        if start.choice is StartChoice.BLANK_WITH_BLOCKS:
            before = self._holder.current
            self.new_blank()
            if self._holder.current is not before:
                self.saved_blocks_wanted.emit(start.saved_blocks)
        elif start.choice is StartChoice.EARLIER_ISSUE:
            self.new_from_earlier_issue()
        elif start.choice is StartChoice.BLANK:
            self.new_blank()
        elif start.choice is StartChoice.SAMPLE:
            self.new_from_sample()
        elif start.choice is StartChoice.SHOWCASE:
            if self.maybe_save():
                self._holder.replace(OpenDocument.sample("showcase"))
        elif start.choice is StartChoice.OPEN:
            self.open_dialog()
        elif start.path is not None:
            self.open_recent(start.path)

    def new_from_earlier_issue(self) -> None:
        """Start the next issue from an earlier one, as a new document not yet saved."""
        if not self.maybe_save():
            return
        made = ask_next_issue(self._window, str(self._folder()))
        if made is not None:
            bundle, earlier = made
            name = bundle.newsletter.settings.subject  # none: the document is "Untitled"
            self._holder.replace(OpenDocument(Document(bundle), None, name))
            self._preferences.last_folder = str(earlier.resolve().parent)

    def new_blank(self) -> None:
        """Start a new, empty newsletter."""
        if self.maybe_save():
            self._holder.replace(OpenDocument.blank())

    def new_from_sample(self) -> None:
        """Start from a copy of the sample newsletter."""
        if self.maybe_save():
            self.open_sample()

    def open_sample(self) -> None:
        """Show a fresh copy of the sample newsletter (not asking about unsaved changes)."""
        self._holder.replace(OpenDocument.sample())

    def open_dialog(self) -> None:
        """Ask for a newsletter file and open it."""
        if not self.maybe_save():
            return
        name = dialogs.open_newsletter_name(self._window, str(self._folder()))
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path) -> bool:
        """Open ``path`` (not asking about unsaved changes).

        A file that cannot be read is reported with the core's message, and the document
        shown stays as it was.

        Returns:
            True when the file was opened.
        """
        bundle = self.guard.open(path)
        if bundle is None:
            return False
        self._holder.replace(OpenDocument(Document(bundle), path.resolve()))
        self._remember(path)
        self._status(self.tr("Opened “{name}”").format(name=path.name))
        return True

    # --- recent files ----------------------------------------------------------------------

    def fill_recent_menu(self, menu: QMenu) -> None:
        """List the recent files in ``menu`` (as it opens), each opening its file."""
        menu.clear()
        files = self._preferences.recent_files
        for number, name in enumerate(files, 1):
            path = Path(name)
            action = menu.addAction(f"&{number} {path.name} — {path.parent}")
            action.triggered.connect(lambda _checked=False, path=path: self.open_recent(path))
        if files:
            menu.addSeparator()
            menu.addAction(self.tr("&Clear List"), self._preferences.clear_recent)
        else:
            empty = menu.addAction(self.tr("No recent files"))
            empty.setEnabled(False)

    def open_recent(self, path: Path) -> None:
        """Open the recent file ``path``, after asking about unsaved changes."""
        if not self.maybe_save():
            return
        if not path.exists():
            self._preferences.remove_recent(str(path))
        self.open_path(path)

    def _document_replaced(self, document: OpenDocument) -> None:
        self.guard.follow(document.path)

    def release(self) -> None:
        """Let go of the file and its lock (the window is closing)."""
        self.guard.release()

    def _remember(self, path: Path) -> None:
        self._preferences.add_recent(path)
        self._preferences.last_folder = str(path.resolve().parent)

    # --- saving ----------------------------------------------------------------------------

    def save(self) -> bool:
        """Save to the document's file (asking for one if it has none); True when saved."""
        path = self._holder.current.path
        if path is None:
            return self.save_as()
        return self._write(path)

    def save_as(self) -> bool:
        """Ask for a file name and save there; True when saved."""
        stem = slug(self._holder.current.document.settings.subject) or "newsletter"
        name = dialogs.save_newsletter_name(
            self._window, str(self._folder() / f"{stem}{FILE_SUFFIX}")
        )
        if not name:
            return False
        path = Path(name)
        if path.suffix != FILE_SUFFIX:
            path = path.with_name(path.name + FILE_SUFFIX)
        return self._write(path)

    def _write(self, path: Path) -> bool:
        document = self._holder.current
        outcome = self.guard.save(document.snapshot(), path)
        if outcome is not SaveOutcome.SAVED:
            return outcome is SaveOutcome.SAVED_ELSEWHERE
        document.path = path.resolve()
        document.undo_stack.setClean()
        self._remember(path)
        self._status(self.tr("Saved “{name}”").format(name=path.name))
        self.saved.emit(document.path)
        return True
