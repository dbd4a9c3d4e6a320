"""The leftovers of saves that never finished (a kill, a power cut): found and swept."""

from __future__ import annotations

import enum
import os
import re
import time
from pathlib import Path
from typing import Final

from composer import file_lock
from composer.storage.file_format import BACKUP_SUFFIX, FILE_SUFFIX, ORPHAN_AGE

#: ``atomic.temporary_sibling`` names: ``.<target>.<8 hex digits>.tmp``.
_TEMPORARY_NAME: Final = re.compile(r"^\.(?P<target>.+)\.[0-9a-f]{8}\.tmp$")


def _document_of_temporary(name: str) -> str | None:
    """The document a temporary sibling was for, if it is one of a save of ours."""
    match = _TEMPORARY_NAME.match(name)
    if match is None:
        return None
    target = match["target"]
    if target.endswith(FILE_SUFFIX + BACKUP_SUFFIX):
        return target[: -len(BACKUP_SUFFIX)]
    if target.endswith(FILE_SUFFIX):
        return target
    lock_start, lock_end = file_lock.LOCK_PREFIX, FILE_SUFFIX + file_lock.LOCK_SUFFIX
    if target.startswith(lock_start) and target.endswith(lock_end):
        return target[len(lock_start) : -len(file_lock.LOCK_SUFFIX)]
    return None


def sweep_orphans(
    folder: str | os.PathLike[str], *, min_age: float = ORPHAN_AGE, now: float | None = None
) -> list[Path]:
    """Remove the temporary files that saves of this program left behind in ``folder``.

    A save removes its temporary file when it fails; only a killed program (or a power cut)
    leaves one. Only our own names are touched (``.<name>.newsletter.<hex>.tmp`` and those of
    its ``.bak`` and lock file), and only when no save can still be writing them: their
    document's lock is stale (the program that held it is gone), or no running program holds
    the lock and the file has not been written to for ``min_age`` seconds.

    Returns:
        The files removed.
    """
    folder = Path(folder)
    now = time.time() if now is None else now
    removed: list[Path] = []
    holders: dict[str, _Holder] = {}
    try:
        candidates = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in candidates:
        document = _document_of_temporary(entry.name)
        if document is None:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        if document not in holders:
            holders[document] = _holder(folder / document)
        holder = holders[document]
        if holder is _Holder.LIVE or (holder is _Holder.NOBODY and age < min_age):
            continue
        try:
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


class _Holder(enum.Enum):
    """Who may still be writing the temporary files of a document."""

    LIVE = "another running program holds the document's lock"
    GONE = "the program that held the lock is gone"
    NOBODY = "no lock, or one that names nobody: judge by age"


def _holder(document: Path) -> _Holder:
    owner = file_lock.read_lock(document)
    if owner is None or not owner.known or owner.is_this_process():
        # This program saves on one thread, and never while it sweeps.
        return _Holder.NOBODY
    return _Holder.GONE if owner.is_stale() else _Holder.LIVE
