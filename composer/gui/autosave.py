"""Autosave: the window's unsaved changes go to a recovery journal, written off the GUI thread.

A write starts ``QUIET_MS`` after the last change, and at most ``LONGEST_MS`` after the first
change not yet written, so that continuous typing is written too. The GUI thread only takes
the document's snapshot (immutable values; the pictures are shared, not copied); the journal
(``composer.recovery``) is written by one worker thread, in order, so typing never waits for
the disk. A document with nothing unsaved has no journal: saving clears it, and a clean close
of the window (saved or "Don't Save") removes it. After a crash it stays, for the next start.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import logging
from pathlib import Path
from typing import Final, Protocol

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal
from PySide6.QtGui import QUndoStack

from composer.document import Change, Document
from composer.errors import RecoveryError
from composer.gui.main_window import MainWindow
from composer.model import Bundle
from composer.recovery import Journal

_LOG = logging.getLogger(__name__)

#: Write this long after the last change…
QUIET_MS: Final = 2000
#: …and at the latest this long after the first change not yet written (continuous typing).
LONGEST_MS: Final = 5000
#: How long a failure stays in the status bar.
_FAILURE_MS: Final = 15_000


def recovery_folder() -> Path:
    """Where the journals are kept: ``recovery`` in the user's data folder."""
    location = QStandardPaths.StandardLocation.AppDataLocation
    return Path(QStandardPaths.writableLocation(location)) / "recovery"


class Watched(Protocol):
    """What the autosaver needs of an open document."""

    document: Document
    path: Path | None
    undo_stack: QUndoStack

    @property
    def display_name(self) -> str:
        """What the window calls the document."""
        ...

    def is_modified(self) -> bool:
        """True when the document has changes not saved to its file."""
        ...


class Autosaver(QObject):
    """Keeps the recovery journal of the document a window shows.

    Args:
        folder: the recovery folder (``recovery_folder()``; a test passes its own).
        journal: a journal to go on writing (a restored document's); else one is made at
            the first write.

    Signals:
        written(): the journal now holds the document as it was when the write began.
        cleared(): the document has nothing unsaved; the journal holds nothing.
        failed(object): a RecoveryError; the document is unprotected until a write works.
    """

    written = Signal()
    cleared = Signal()
    failed = Signal(object)

    def __init__(
        self,
        folder: Path,
        parent: QObject | None = None,
        journal: Journal | None = None,
    ) -> None:
        super().__init__(parent)
        self._folder = folder
        # Touched only by the worker thread, after construction.
        self._journal = journal
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="autosave"
        )
        self._generation = 0
        self._closed = False
        self._watched: Watched | None = None
        self._changed_at: dt.datetime | None = None
        self._quiet = self._timer(QUIET_MS)
        self._longest = self._timer(LONGEST_MS)

    def _timer(self, interval: int) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval)
        timer.timeout.connect(self.write_now)
        return timer

    def set_intervals(self, quiet_ms: int, longest_ms: int) -> None:
        """Write ``quiet_ms`` after the last change, at most ``longest_ms`` after the first."""
        self._quiet.setInterval(quiet_ms)
        self._longest.setInterval(longest_ms)

    @property
    def pending(self) -> bool:
        """True while a change waits for its write to start."""
        return self._longest.isActive()

    # --- following the document ------------------------------------------------------------

    def watch(self, watched: Watched) -> None:
        """Keep the journal of ``watched`` from now on (the window shows another document)."""
        old, self._watched = self._watched, watched
        if old is not None:
            old.document.changed.disconnect(self._document_changed)
            old.undo_stack.cleanChanged.disconnect(self._clean_changed)
        watched.document.changed.connect(self._document_changed)
        watched.undo_stack.cleanChanged.connect(self._clean_changed)
        if not watched.is_modified():
            self._clear()
        elif old is not None:
            # Another document with unsaved changes (none is opened so today): write it soon.
            self._changed_at = _now()
            self._schedule()

    def _document_changed(self, _change: Change) -> None:
        self._changed_at = _now()
        self._schedule()

    def _schedule(self) -> None:
        if self._closed:
            return
        if not self._longest.isActive():
            self._longest.start()
        self._quiet.start()

    def _clean_changed(self, clean: bool) -> None:
        if clean:
            self._clear()

    # --- the work, on the worker thread ----------------------------------------------------

    def write_now(self) -> None:
        """Start writing the document's journal now (it is written off the GUI thread)."""
        self._quiet.stop()
        self._longest.stop()
        watched = self._watched
        if self._closed or watched is None or not watched.is_modified():
            return
        self._generation += 1
        self._executor.submit(
            self._write,
            self._generation,
            watched.document.snapshot(),
            watched.display_name,
            watched.path,
            self._changed_at or _now(),
        )

    def _write(
        self,
        generation: int,
        bundle: Bundle,
        name: str,
        path: Path | None,
        changed_at: dt.datetime,
    ) -> None:
        if generation != self._generation:
            return  # a newer write, a clear or the close is queued behind this one
        try:
            if self._journal is None:
                self._journal = Journal.create(self._folder)
            self._journal.write(bundle, name=name, path=path, changed_at=changed_at)
        except RecoveryError as exc:
            _LOG.warning("autosave failed: %s", exc)
            self.failed.emit(exc)
            return
        self.written.emit()

    def _clear(self) -> None:
        self._quiet.stop()
        self._longest.stop()
        if self._closed:
            return
        self._generation += 1
        self._executor.submit(self._clear_journal)

    def _clear_journal(self) -> None:
        if self._journal is not None:
            try:
                self._journal.clear()
            except RecoveryError as exc:
                _LOG.warning("could not clear the recovery journal: %s", exc)
        self.cleared.emit()

    def close(self) -> None:
        """Remove the journal and stop: the window closed with nothing left unsaved.

        Waits for a write in progress (a few milliseconds), so the removal comes last.
        """
        if self._closed:
            return
        self._closed = True
        self._quiet.stop()
        self._longest.stop()
        self._generation += 1
        self._executor.submit(self._remove_journal)
        self._executor.shutdown(wait=True)

    def _remove_journal(self) -> None:
        journal, self._journal = self._journal, None
        if journal is not None:
            journal.remove()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def attach_autosaver(
    window: MainWindow,
    folder: Path,
    journal: Journal | None = None,
) -> Autosaver:
    """Give ``window`` an autosaver that follows its documents and ends with a clean close.

    Args:
        window: the window.
        folder: the recovery folder.
        journal: the journal of a restored document the window shows.
    """
    autosaver = Autosaver(folder, window, journal)
    autosaver.watch(window.open_document)
    window.document_replaced.connect(autosaver.watch)
    window.closed.connect(autosaver.close)
    autosaver.failed.connect(lambda exc: window.statusBar().showMessage(str(exc), _FAILURE_MS))
    return autosaver
