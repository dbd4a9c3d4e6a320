"""Saving a ``.newsletter`` file without ever losing the officer's work.

The new file is complete on disk before anything else changes, the previous version becomes
``FILE.bak`` by an atomic rename too, a failure leaves both as they were, and a change another
program made to the file since it was opened is noticed instead of silently overwritten.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import errno
import json
import os
import shutil
import stat
import zipfile
from pathlib import Path
from typing import IO

from composer import atomic
from composer.errors import (
    DocumentSaveError,
    FileChangedOnDiskError,
    ReadOnlyFileError,
)
from composer.i18n import ui_message as _
from composer.i18n import ui_number
from composer.model import Bundle, Newsletter
from composer.storage.disk import DiskStamp, DiskState, disk_state, stamp_of
from composer.storage.file_format import (
    BACKUP_SUFFIX,
    DOCUMENT_ENTRY,
    IMAGES_FOLDER,
    MAX_IMAGE_BYTES,
    MAX_IMAGES,
    MAX_TOTAL_BYTES,
)


def document_bytes(newsletter: Newsletter) -> bytes:
    """The ``document.json`` content: stable key order, UTF-8, readable."""
    data = newsletter.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False).encode("utf-8") + b"\n"


def backup_path(path: str | os.PathLike[str]) -> Path:
    """Where the previous version of ``path`` is kept: ``FILE.bak`` beside the real file."""
    target = atomic.real_target(Path(path))
    return target.with_name(target.name + BACKUP_SUFFIX)


def _entries(bundle: Bundle) -> list[tuple[str, bytes]]:
    entries = [(DOCUMENT_ENTRY, document_bytes(bundle.newsletter))]
    written: set[str] = set()
    for ref in bundle.newsletter.image_refs():
        # One file, however many names it was added under (one photo in two articles).
        if ref.filename in written:
            continue
        written.add(ref.filename)
        try:
            content = bundle.images.get(ref)
        except KeyError:
            raise DocumentSaveError(
                _(
                    "The image “{image}” is used but its data is missing; remove or replace it "
                    "and save again."
                ).format(image=ref.original_name or ref.filename)
            ) from None
        entries.append((IMAGES_FOLDER + ref.filename, content))
    return entries


def _check_savable(entries: list[tuple[str, bytes]], path: Path) -> None:
    """Refuse to write a file that :func:`load` would refuse to open again."""
    total = sum(len(content) for _name, content in entries)
    pictures = len(entries) - 1
    too_large = [name for name, content in entries[1:] if len(content) > MAX_IMAGE_BYTES]
    if total > MAX_TOTAL_BYTES or pictures > MAX_IMAGES or too_large:
        raise DocumentSaveError(
            _(
                "Cannot save “{name}”: its {count} pictures take {size} MB. A newsletter file "
                "that can be opened again holds at most {limit} pictures, each up to {largest} "
                "MB and {total} MB in all. Use fewer or smaller pictures and save again."
            ).format(
                name=path.name,
                count=ui_number(pictures),
                size=ui_number(total / 1e6, 1),
                limit=ui_number(MAX_IMAGES),
                largest=ui_number(MAX_IMAGE_BYTES // 1_000_000),
                total=ui_number(MAX_TOTAL_BYTES // 1_000_000),
            )
        )


def is_read_only(path: str | os.PathLike[str]) -> bool:
    """Whether the file at ``path`` is marked read-only, or this user may not write it.

    The mark counts even for an administrator (root may write anything): someone made the
    file read-only on purpose, and saving over it would undo that silently.
    """
    target = atomic.real_target(Path(path))
    try:
        status = os.stat(target)
    except OSError:
        return False
    writable_bits = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
    return not status.st_mode & writable_bits or not os.access(target, os.W_OK)


def _reason(exc: OSError) -> str:
    """Why a write failed, in the user's language where the system's words are not."""
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return _("the disk is full")
    if code == errno.EFBIG:
        return _("the file would be larger than this disk or system allows")
    if code == errno.EROFS:
        return _("the disk is read-only")
    if code in (errno.EACCES, errno.EPERM):
        return _("you do not have permission to write there")
    return str(exc.strerror or exc)


class _Stage(enum.Enum):
    """How far a save got: what the message after a failure must say."""

    WRITING = "writing"
    BACKUP_REPLACED = "backup replaced"


def save(
    bundle: Bundle, path: str | os.PathLike[str], *, expected: DiskStamp | None = None
) -> DiskStamp:
    """Write ``bundle`` to ``path``, keeping the previous file as ``path.bak``.

    In order: the new file is written to a temporary sibling and flushed to disk; only then is
    the previous file copied to a temporary sibling of the ``.bak`` and renamed over it; and
    last the new file is renamed over ``path``. A crash or a full disk at any moment leaves
    the file and its ``.bak`` each whole: old, or new. The file keeps its permissions, and a
    symlink is written through to its target (the ``.bak`` goes beside the target).

    Args:
        bundle: the document with its images.
        path: the file to write.
        expected: the stamp taken when the file was opened or last saved; when given and
            another program changed the file since, nothing is written.

    Returns:
        The stamp of the file written, to pass as ``expected`` next time.

    Raises:
        FileChangedOnDiskError: the file changed on disk since ``expected`` was taken.
        ReadOnlyFileError: the file or its folder may not be written; Save As can.
        DocumentSaveError: the file cannot be written for another reason; the file and its
            ``.bak`` are as they were, as the message says.
    """
    path = Path(path)
    target = atomic.real_target(path)
    backup = backup_path(path)
    entries = _entries(bundle)
    _check_savable(entries, path)
    existed = _check_target(path, target, expected)
    had_backup = backup.exists()
    stage = _Stage.WRITING
    result: DiskStamp | None = None
    try:
        with atomic.replacing(path) as temporary:
            with open(temporary, "w+b") as stream:
                _write_archive(stream, entries)
                stream.flush()
                os.fsync(stream.fileno())
                # A rename keeps size, time and identity: this is the stamp of the file-to-be.
                result = stamp_of(stream)
            if expected is not None and disk_state(target, expected) is DiskState.CHANGED:
                raise _changed_error(path)
            if existed:
                with atomic.replacing(backup) as backup_temporary:
                    shutil.copy2(target, backup_temporary)
                stage = _Stage.BACKUP_REPLACED
                # The backup holds what the file held: it gets the file's permissions, not
                # those of the older backup it replaced.
                with contextlib.suppress(OSError):
                    shutil.copymode(target, backup)
    except DocumentSaveError:
        raise
    except OSError as exc:
        raise _save_error(path, backup, exc, existed, had_backup, stage) from None
    assert result is not None
    return _after_rename(target, result)


def _after_rename(target: Path, stamp: DiskStamp) -> DiskStamp:
    """The stamp with the change time the rename gave the file (same file, same content)."""
    try:
        status = os.stat(target)
    except OSError:
        return stamp
    if (status.st_ino, status.st_dev, status.st_size, status.st_mtime_ns) != (
        stamp.inode,
        stamp.device,
        stamp.size,
        stamp.mtime_ns,
    ):
        return stamp  # another program was quicker still: the next check will say so
    return dataclasses.replace(stamp, ctime_ns=status.st_ctime_ns)


def _check_target(path: Path, target: Path, expected: DiskStamp | None) -> bool:
    """Check that ``target`` may be replaced; returns whether it exists."""
    try:
        status = os.stat(target)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        raise DocumentSaveError(
            _("Cannot save “{name}”: {error}.").format(name=path.name, error=_reason(exc))
        ) from None
    if not stat.S_ISREG(status.st_mode):
        raise DocumentSaveError(
            _(
                "Cannot save as “{name}”: a folder or another thing that is not an ordinary "
                "file has that name. Choose another name with Save As."
            ).format(name=path.name)
        )
    if is_read_only(target):
        raise ReadOnlyFileError(
            _(
                "“{name}” is read-only, so it was not changed. Use Save As to save your "
                "newsletter under another name or in another folder."
            ).format(name=path.name)
        )
    if expected is not None and disk_state(target, expected) is DiskState.CHANGED:
        raise _changed_error(path)
    return True


def _changed_error(path: Path) -> FileChangedOnDiskError:
    return FileChangedOnDiskError(
        _(
            "“{name}” was changed by another program since you opened or last saved it, so "
            "it was not overwritten. Reload it to see the other changes, or use Save As to "
            "keep both."
        ).format(name=path.name)
    )


def _write_archive(stream: IO[bytes], entries: list[tuple[str, bytes]]) -> None:
    with zipfile.ZipFile(stream, "w") as archive:
        for name, content in entries:
            # Images are already compressed; deflating them again costs time for nothing.
            method = zipfile.ZIP_DEFLATED if name == DOCUMENT_ENTRY else zipfile.ZIP_STORED
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = method
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)


def _save_error(
    path: Path,
    backup: Path,
    exc: OSError,
    existed: bool,
    had_backup: bool,
    stage: _Stage,
) -> DocumentSaveError:
    reason = _reason(exc)
    if not existed:
        outcome = _("Nothing was written.")
    elif stage is _Stage.BACKUP_REPLACED:
        outcome = _(
            "The file on disk is the version you saved before, and “{backup}” now holds a copy "
            "of it."
        ).format(backup=backup.name)
    elif had_backup:
        outcome = _(
            "Nothing was changed: the file on disk and its backup “{backup}” are as they were."
        ).format(backup=backup.name)
    else:
        outcome = _("Nothing was changed: the file on disk is as it was.")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ReadOnlyFileError(
            _(
                "Cannot save “{name}”: {error}. {outcome} Use Save As to save your newsletter "
                "in another folder."
            ).format(name=path.name, error=reason, outcome=outcome)
        )
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG):
        advice = _("Free some space on the disk, or use Save As to save elsewhere.")
    else:
        advice = _("Try again, or use Save As to save elsewhere.")
    return DocumentSaveError(
        _("Cannot save “{name}”: {error}. {outcome} {advice}").format(
            name=path.name, error=reason, outcome=outcome, advice=advice
        )
    )
