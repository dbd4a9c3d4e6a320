"""What is on disk: a stamp of the file as it was read or written, to notice other programs."""

from __future__ import annotations

import enum
import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path

from composer import atomic


@dataclass(frozen=True)
class DiskStamp:
    """What a file on disk was when this program last read or wrote it.

    Size, modification time and identity are compared first (one ``stat``); only when they
    differ is the content hashed, so a file merely touched, or copied back unchanged, is not
    taken for a change.
    """

    size: int
    mtime_ns: int
    #: The change time, which no program can set back: a write in place that restores the
    #: modification time still moves it (it also moves on a rename or chmod: then the hash
    #: decides).
    ctime_ns: int
    inode: int
    device: int
    sha256: str

    def same_metadata(self, status: os.stat_result) -> bool:
        """Whether ``status`` shows the very file this stamp was taken of, untouched."""
        return _metadata(status) == (
            self.size,
            self.mtime_ns,
            self.ctime_ns,
            self.inode,
            self.device,
        )


def _metadata(status: os.stat_result) -> tuple[int, int, int, int, int]:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev)


class DiskState(enum.Enum):
    """How a file on disk compares with the stamp taken when it was opened or saved."""

    UNCHANGED = "unchanged"
    CHANGED = "changed"
    MISSING = "missing"


def stamp_of(stream: io.BufferedReader | io.BufferedRandom) -> DiskStamp:
    status = os.fstat(stream.fileno())
    stream.seek(0)
    digest = hashlib.file_digest(stream, "sha256").hexdigest()
    size, mtime_ns, ctime_ns, inode, device = _metadata(status)
    return DiskStamp(size, mtime_ns, ctime_ns, inode, device, digest)


def disk_stamp(path: str | os.PathLike[str]) -> DiskStamp | None:
    """The stamp of the file at ``path`` as it is now; None when there is no such file."""
    try:
        with open(atomic.real_target(Path(path)), "rb") as stream:
            return stamp_of(stream)
    except (FileNotFoundError, NotADirectoryError):
        return None


def disk_state(path: str | os.PathLike[str], stamp: DiskStamp) -> DiskState:
    """Whether the file at ``path`` is still the one ``stamp`` was taken of.

    Args:
        path: the document's file (a symlink is followed).
        stamp: taken when the file was opened or last saved.
    """
    return recheck(path, stamp)[0]


def recheck(path: str | os.PathLike[str], stamp: DiskStamp) -> tuple[DiskState, DiskStamp]:
    """Like :func:`disk_state`, with the stamp to keep for the next check.

    When the file's metadata moved but its content did not (touched, copied back, renamed),
    the fresh stamp spares the next check the hashing; otherwise it is ``stamp`` itself.
    """
    target = atomic.real_target(Path(path))
    try:
        status = os.stat(target)
    except (FileNotFoundError, NotADirectoryError):
        return DiskState.MISSING, stamp
    except OSError:
        return DiskState.CHANGED, stamp
    if stamp.same_metadata(status):
        return DiskState.UNCHANGED, stamp
    if status.st_size != stamp.size:
        return DiskState.CHANGED, stamp
    now = disk_stamp(target)
    if now is None:
        return DiskState.MISSING, stamp
    if now.sha256 == stamp.sha256:
        return DiskState.UNCHANGED, now
    return DiskState.CHANGED, stamp
