"""File → Import…: articles from Word, web pages, Markdown or text, as one undoable action."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from composer.document import Document
from composer.edits import Edit
from composer.gui import dialogs
from composer.gui.background import BackgroundJob
from composer.importers import Imported, import_source, insertion


class ImportJob(BackgroundJob):
    """One import off the GUI thread (downloads, conversions); ``finished`` gives Imported."""

    def __init__(self, request: dialogs.ImportRequest, parent: QObject | None = None) -> None:
        super().__init__("import", parent)
        self.request = request

    def work(self) -> Imported:
        """Import the source."""
        return import_source(self.request.source, split_headings=self.request.split_headings)


class ArticleImport(QObject):
    """Asks what to import, imports it off the GUI thread, and inserts the blocks.

    The new blocks go after the selected block (or at the end), as one step of the undo
    history; their pictures pass the document's image gate like a chosen file's.

    Args:
        parent: the window, for dialogs.
        document: the open document (asked at the end: the user may open another meanwhile).
        push: applies an edit as one undoable step, with its text for the Edit menu.
        position: where new blocks go.
        select: selects a block in the list.
        folder: where the file dialog starts.

    Signals:
        finished(object): the ids of the blocks inserted, or None when nothing was.
    """

    finished = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        document: Callable[[], Document],
        push: Callable[[Edit, str], None],
        position: Callable[[], int],
        select: Callable[[str], None],
        folder: Callable[[], str],
    ) -> None:
        super().__init__(parent)
        self._window = parent
        self._document = document
        self._push = push
        self._position = position
        self._select = select
        self._folder = folder
        self.job: ImportJob | None = None
        self._progress: QProgressDialog | None = None
        self._cancelled = False

    def run(self) -> None:
        """Ask for a file or web address and import it."""
        if self.job is not None:
            return
        request = dialogs.ask_import_source(self._window, self._folder())
        if request is None:
            return
        self._cancelled = False
        job = ImportJob(request, self)
        self.job = job
        name = Path(request.source).name if "://" not in request.source else request.source
        progress = dialogs.progress_dialog(
            self._window, self.tr("Import Articles"), self.tr("Importing {name}…").format(name=name)
        )
        progress.canceled.connect(self._cancel)
        self._progress = progress
        # Bound methods of this GUI-thread object, so the slots run queued on the GUI thread.
        job.finished.connect(self._imported)
        job.failed.connect(self._failed)
        job.start()

    def _cancel(self) -> None:
        # A download cannot be interrupted mid-way; its result is simply not used.
        self._cancelled = True

    def _imported(self, imported: Imported) -> None:
        self._done(imported, None)

    def _failed(self, error: BaseException) -> None:
        self._done(None, error)

    def _done(self, imported: Imported | None, error: BaseException | None) -> None:
        if self._progress is not None:
            self._progress.canceled.disconnect(self._cancel)  # closing it says "canceled"
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None
        job, self.job = self.job, None
        if job is not None:
            job.release()
        if self._cancelled:
            self.finished.emit(None)
            return
        if error is not None or imported is None:
            dialogs.show_error(self._window, error or RuntimeError("the import gave nothing"))
            self.finished.emit(None)
            return
        label = self.tr("Import Articles")
        try:
            edit = insertion(self._document(), imported, self._position(), label)
        except Exception as exc:  # a picture the document refuses after all: said, not lost
            dialogs.show_error(self._window, exc)
            self.finished.emit(None)
            return
        self._push(edit, label)
        self._select(imported.blocks[0].id)
        if imported.notes:
            dialogs.show_information(
                self._window,
                self.tr("The articles were imported, with these remarks:"),
                "\n\n".join(imported.notes),
            )
        self.finished.emit([block.id for block in imported.blocks])
