"""Crash recovery: a journal of each open document's unsaved state, in the user's data folder.

Each open document that has unsaved changes keeps a *journal* in a folder of its own under the
recovery folder (the window passes the user's data folder; tests pass a temporary one)::

    recovery/
      3f2a…/                    one journal, named by a random id
        owner.lock              locked by the program that writes the journal, while it runs
        journal.json            the document as it is now, with what the start-up list shows
        images/<sha256>         each picture, stored once by its content hash

Pictures are immutable and named by their hash, so a write after the first is the small
``journal.json`` plus any picture added since. Every file is written atomically
(``composer.atomic``): a crash in the middle of a write leaves the previous journal.

A journal belongs to the running program that holds the lock on its ``owner.lock``. The
operating system lets go of the lock when that program ends, however it ends (``kill -9``, a
power cut, a crash in Qt), so a later start finds the journals whose owner is gone and offers
them; journals of another running window or program stay locked and are never offered. The
journal also names the owner's process id and host, for people reading the folder.

Nothing here knows about Qt; the window decides when to write (``composer.gui.autosave``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import socket
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from composer import atomic
from composer.errors import RecoveryError
from composer.i18n import ui_message as _
from composer.model import SCHEMA_VERSION, ArticleBlock, Bundle, ImageStore, Newsletter

_LOG = logging.getLogger(__name__)

#: What ``journal.json`` says it is, and the version of its layout.
FORMAT: Final = "newsletter-composer-recovery"
FORMAT_VERSION: Final = 1
JOURNAL_FILE: Final = "journal.json"
LOCK_FILE: Final = "owner.lock"
IMAGES_FOLDER: Final = "images"
#: A journal larger than this is not one this program wrote (a newsletter's JSON is ~50 KB).
MAX_JOURNAL_BYTES: Final = 20 * 1024 * 1024

__all__ = [
    "Journal",
    "JournalSummary",
    "Orphan",
    "RecoveredDocument",
    "find_orphans",
]


# --- ownership ---------------------------------------------------------------------------------


if sys.platform == "win32":  # pragma: no cover - the lock's Windows half
    import msvcrt

    def _lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import errno
    import fcntl

    def _lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False
            raise
        return True


class _OwnerLock:
    """An exclusive lock on a file, held until released or until this process ends.

    flock (LockFileEx on Windows) belongs to the open file, so the lock is released by the
    operating system when its process dies, and a second lock on the same file fails even
    from the same process (a second window must not take the first one's journal).
    """

    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd

    @classmethod
    def take(cls, path: Path, *, create: bool) -> _OwnerLock | None:
        """Lock ``path``; None when another open file holds it, or it does not exist.

        Args:
            path: the lock file.
            create: create the file if it is missing (only the journal's creator does, so
                that looking at a journal being created never gets in its way).
        """
        flags = os.O_RDWR | (os.O_CREAT if create else 0)
        try:
            fd = os.open(path, flags, 0o600)
        except FileNotFoundError:
            return None
        try:
            # The file may have been removed between open and lock (its journal was
            # discarded): a lock on a file nobody can find again protects nothing.
            if not _lock(fd) or os.fstat(fd).st_nlink == 0:
                os.close(fd)
                return None
        except BaseException:
            os.close(fd)
            raise
        return cls(fd)

    def release(self) -> None:
        """Let go of the lock (closing the file releases it)."""
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)


# --- the journal file --------------------------------------------------------------------------


class _Record(BaseModel):
    """The content of ``journal.json``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Literal["newsletter-composer-recovery"]
    version: int
    pid: int
    host: str
    changed_at: dt.datetime
    written_at: dt.datetime
    path: str | None
    name: str
    document: Newsletter


class _Unreadable(Exception):
    """A journal that cannot be offered; the reason is for the log."""


def _read_record(path: Path) -> _Record:
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_JOURNAL_BYTES + 1)
    except OSError as exc:
        raise _Unreadable(f"cannot read it ({exc})") from None
    if len(raw) > MAX_JOURNAL_BYTES:
        raise _Unreadable(f"it is larger than {MAX_JOURNAL_BYTES} bytes")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise _Unreadable(f"it is not valid JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _Unreadable("it is not a recovery journal")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _Unreadable(f"it has no valid version ({version!r})")
    if version > FORMAT_VERSION:
        raise _Unreadable(f"a newer version of the program wrote it (format {version})")
    document = data.get("document")
    schema = document.get("schema_version") if isinstance(document, dict) else None
    if isinstance(schema, int) and schema > SCHEMA_VERSION:
        raise _Unreadable(f"a newer version of the program wrote its document (schema {schema})")
    try:
        return _Record.model_validate(data)
    except ValidationError as exc:
        raise _Unreadable(f"it does not describe a document ({exc.error_count()} errors)") from None
    except RecursionError:
        raise _Unreadable("it is nested too deeply") from None


def _first_headline(newsletter: Newsletter) -> str:
    for block in newsletter.blocks:
        if isinstance(block, ArticleBlock) and block.headline:
            return block.headline
    return next((name for block in newsletter.blocks if (name := block.display_name())), "")


@dataclass(frozen=True)
class JournalSummary:
    """What the start-up list shows of a journal, for the user to recognise their work.

    Attributes:
        name: the document's file name, or what the window called it ("Untitled").
        path: the file the document came from, or None for a document never saved.
        changed_at: when the document was last changed (aware, UTC).
        subject: the newsletter's subject line.
        block_count: how many blocks it has.
        first_headline: the first article's headline (else the first block's name), or "".
    """

    name: str
    path: Path | None
    changed_at: dt.datetime
    subject: str
    block_count: int
    first_headline: str


@dataclass(frozen=True)
class RecoveredDocument:
    """A document read back from a journal.

    Attributes:
        bundle: the newsletter and its pictures.
        path: the file it belongs to (it has unsaved changes), or None.
        name: what the window called it.
        missing_images: pictures the document shows but the journal lost (their names).
    """

    bundle: Bundle
    path: Path | None
    name: str
    missing_images: tuple[str, ...] = ()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _remove_folder(folder: Path) -> None:
    # The journal first: a removal cut short must not leave something that looks recoverable
    # but has lost its pictures.
    (folder / JOURNAL_FILE).unlink(missing_ok=True)
    shutil.rmtree(folder, ignore_errors=True)


class Journal:
    """The recovery journal of one open document, owned by this process.

    Not thread-safe: the window makes every call from one worker thread, in order.
    """

    def __init__(self, folder: Path, lock: _OwnerLock) -> None:
        self._folder = folder
        self._lock: _OwnerLock | None = lock
        images = folder / IMAGES_FOLDER
        # Pictures already on disk (an adopted journal has some): never written twice.
        self._stored: set[str] = (
            {entry.name for entry in images.iterdir() if not entry.name.startswith(".")}
            if images.is_dir()
            else set()
        )

    @classmethod
    def create(cls, recovery_folder: Path) -> Journal:
        """A new, empty journal in ``recovery_folder`` (created if missing), locked by us.

        Raises:
            RecoveryError: the folder cannot be written.
        """
        try:
            recovery_folder.mkdir(parents=True, exist_ok=True)
            for _attempt in range(3):
                folder = recovery_folder / uuid.uuid4().hex
                folder.mkdir()
                lock = _OwnerLock.take(folder / LOCK_FILE, create=True)
                if lock is not None:
                    return cls(folder, lock)
                # Another start-up took the lock file before we did, saw no journal and
                # removed the folder: try again under another name.
                shutil.rmtree(folder, ignore_errors=True)
        except OSError as exc:
            raise _write_error(recovery_folder, exc) from None
        raise RecoveryError(
            _(
                "Cannot start a recovery copy in {folder}: the folder keeps changing under "
                "the program. Save your work to a file."
            ).format(folder=recovery_folder)
        )

    @property
    def folder(self) -> Path:
        """The journal's own folder."""
        return self._folder

    def write(
        self,
        bundle: Bundle,
        *,
        name: str,
        path: Path | None,
        changed_at: dt.datetime,
    ) -> None:
        """Record ``bundle`` as the document's latest state: new pictures, then the JSON.

        Args:
            bundle: the document (a snapshot: it may be written from another thread).
            name: what the window calls the document.
            path: the file the document belongs to, or None.
            changed_at: when the user last changed it.

        Raises:
            RecoveryError: the journal cannot be written; the previous one is left whole.
        """
        if self._lock is None:
            raise ValueError("the journal was removed")
        try:
            for ref in bundle.newsletter.image_refs():
                if ref.sha256 in self._stored:
                    continue
                try:
                    content = bundle.images.get(ref)
                except KeyError:
                    _LOG.warning("picture %s is not in the document; not journaled", ref.filename)
                    continue
                images = self._folder / IMAGES_FOLDER
                images.mkdir(exist_ok=True)
                atomic.write_bytes(images / ref.sha256, content)
                self._stored.add(ref.sha256)
            record = _Record(
                format=FORMAT,
                version=FORMAT_VERSION,
                pid=os.getpid(),
                host=socket.gethostname(),
                changed_at=changed_at,
                written_at=_now(),
                path=str(path) if path is not None else None,
                name=name,
                document=bundle.newsletter,
            )
            data = json.dumps(record.model_dump(mode="json"), ensure_ascii=False).encode("utf-8")
            atomic.write_bytes(self._folder / JOURNAL_FILE, data)
        except OSError as exc:
            raise _write_error(self._folder, exc) from None

    def clear(self) -> None:
        """Forget the document's state (it was saved): nothing is offered after a crash.

        The folder, its lock and its pictures stay, for the next change.
        """
        try:
            (self._folder / JOURNAL_FILE).unlink(missing_ok=True)
        except OSError as exc:
            raise _write_error(self._folder, exc) from None

    def remove(self) -> None:
        """Remove the journal and everything in it, and let go of it (the document closed)."""
        lock, self._lock = self._lock, None
        if lock is None:
            return
        if sys.platform == "win32":  # pragma: no cover - an open file cannot be removed there
            lock.release()
            _remove_folder(self._folder)
        else:
            _remove_folder(self._folder)
            lock.release()


def _write_error(folder: Path, exc: OSError) -> RecoveryError:
    return RecoveryError(
        _(
            "Cannot write the recovery copy in {folder}: {error}. Until this is fixed, a crash "
            "would lose your changes; save your work to a file."
        ).format(folder=folder, error=exc.strerror or exc)
    )


class Orphan:
    """A journal whose owner is gone: held (locked) by us until restored, adopted or dropped."""

    def __init__(self, folder: Path, lock: _OwnerLock, record: _Record) -> None:
        self._folder = folder
        self._lock: _OwnerLock | None = lock
        self._record = record
        newsletter = record.document
        self.summary = JournalSummary(
            name=record.name,
            path=Path(record.path) if record.path is not None else None,
            changed_at=record.changed_at,
            subject=newsletter.settings.subject,
            block_count=len(newsletter.blocks),
            first_headline=_first_headline(newsletter),
        )

    @property
    def folder(self) -> Path:
        """The journal's folder."""
        return self._folder

    def restore(self) -> RecoveredDocument:
        """The document as the journal holds it, with every picture that survived.

        A picture that is missing or damaged is left out with a log line: the text the
        user typed matters more than refusing the whole document.
        """
        store = ImageStore()
        missing: list[str] = []
        for ref in self._record.document.image_refs():
            try:
                content = (self._folder / IMAGES_FOLDER / ref.sha256).read_bytes()
            except OSError as exc:
                _LOG.warning("recovery journal %s: picture %s lost (%s)", self._folder, ref, exc)
                missing.append(ref.original_name or ref.filename)
                continue
            if hashlib.sha256(content).hexdigest() != ref.sha256:
                _LOG.warning("recovery journal %s: picture %s is damaged", self._folder, ref)
                missing.append(ref.original_name or ref.filename)
                continue
            store.data[ref.sha256] = content
        return RecoveredDocument(
            Bundle(self._record.document, store),
            self.summary.path,
            self._record.name,
            tuple(missing),
        )

    def adopt(self) -> Journal:
        """Make this journal ours: the restored document goes on writing into it.

        Its pictures are on disk already, so nothing is written again.
        """
        lock = self._take_lock()
        for leftover in self._folder.rglob(f".*{atomic.TEMPORARY_SUFFIX}"):
            atomic.remove(leftover)  # a write the crash cut short
        return Journal(self._folder, lock)

    def discard(self) -> None:
        """Remove the journal for good (the user chose not to restore it)."""
        lock = self._take_lock()
        _remove_folder(self._folder)
        lock.release()

    def release(self) -> None:
        """Leave the journal on disk for a later start to offer again."""
        if self._lock is not None:
            self._take_lock().release()

    def _take_lock(self) -> _OwnerLock:
        lock, self._lock = self._lock, None
        if lock is None:
            raise ValueError("this journal was already restored, adopted or discarded")
        return lock


def find_orphans(recovery_folder: Path) -> list[Orphan]:
    """The journals in ``recovery_folder`` whose owner is gone, most recently changed first.

    Each is locked for the caller until it adopts, discards or releases it, so another
    program starting at the same time does not offer the same document. Journals of running
    programs are left alone. A journal that cannot be read (damaged, or written by a newer
    version) is skipped with a log line and left on disk; the folder of an owner that ended
    with nothing unsaved is removed.
    """
    try:
        entries = sorted(recovery_folder.iterdir())
    except FileNotFoundError:
        return []
    except OSError as exc:
        _LOG.warning("cannot look for recovery journals in %s: %s", recovery_folder, exc)
        return []
    orphans: list[Orphan] = []
    for folder in entries:
        if folder.name.startswith(".") or not folder.is_dir():
            continue
        try:
            lock = _OwnerLock.take(folder / LOCK_FILE, create=False)
        except OSError as exc:
            _LOG.warning("skipping recovery journal %s: cannot lock it (%s)", folder, exc)
            continue
        if lock is None:
            continue  # its owner is running (or is creating it right now)
        journal = folder / JOURNAL_FILE
        if not journal.exists():
            _remove_folder(folder)
            lock.release()
            continue
        try:
            record = _read_record(journal)
        except _Unreadable as exc:
            _LOG.warning("skipping recovery journal %s: %s", journal, exc)
            lock.release()
            continue
        orphans.append(Orphan(folder, lock, record))
    orphans.sort(key=lambda orphan: orphan.summary.changed_at, reverse=True)
    return orphans
