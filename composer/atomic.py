"""Atomic writes: the one way this program replaces a file (or folder) on disk.

Every write goes to a temporary sibling first and is renamed over the target only when it is
complete, so a crash, a full disk or Ctrl+C leaves either the old content or the new, never
half of either, and never a temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Final

#: Temporary siblings are named ``.<target name>.<random>.tmp``, so a sweep can recognise
#: (and only ever remove) the leftovers of this program.
TEMPORARY_SUFFIX: Final = ".tmp"


def temporary_sibling(target: Path) -> Path:
    """A fresh, unused name beside ``target`` for a file or folder about to replace it."""
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}{TEMPORARY_SUFFIX}")


def real_target(path: Path) -> Path:
    """The file a write to ``path`` must replace: a symlink's target, not the link itself."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def remove(path: Path) -> None:
    """Remove a file or a folder tree; missing is fine."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable; not possible (nor needed) on every platform."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def fsync_file(path: Path) -> None:
    """Flush a finished file's content to the disk before it is renamed into place."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _keep_mode(existing: Path, temporary: Path) -> None:
    # mkstemp-style files are 0600; colleagues on a shared folder must keep their access.
    try:
        mode = stat.S_IMODE(existing.stat().st_mode)
    except OSError:
        return
    with contextlib.suppress(OSError):
        os.chmod(temporary, mode)


@contextlib.contextmanager
def replacing(path: Path, *, durable: bool = True) -> Iterator[Path]:
    """Write ``path`` atomically: yield a temporary sibling, then rename it over ``path``.

    The caller writes a file (or, for a folder target, a folder) at the yielded path. When the
    ``with`` body ends normally the result replaces ``path`` (through a symlink, keeping the
    old file's permissions); when it raises anything, Ctrl+C included, the temporary is
    removed and the exception goes on. An existing folder target is moved aside and removed
    only after the new one is in place.

    Args:
        path: the file or folder to replace.
        durable: flush the content and the rename to disk (off for caches, which can be
            rebuilt, where the cost of fsync buys nothing).
    """
    target = real_target(path)
    temporary = temporary_sibling(target)
    try:
        yield temporary
        if temporary.is_dir():
            _replace_folder(temporary, target)
        else:
            if durable:
                fsync_file(temporary)
            _keep_mode(target, temporary)
            os.replace(temporary, target)
    except BaseException:
        remove(temporary)
        raise
    if durable:
        fsync_folder(target.parent)


def _replace_folder(staging: Path, target: Path) -> None:
    if not target.exists():
        os.replace(staging, target)
        return
    old = target.with_name(f".{target.name}.{secrets.token_hex(4)}.old")
    os.replace(target, old)
    try:
        os.replace(staging, target)
    except OSError:
        os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def write_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically (see :func:`replacing`)."""
    with replacing(path, durable=durable) as temporary:
        temporary.write_bytes(data)
