"""Reading a file the user or a document names: an ordinary file of a bounded size, or nothing.

A pipe would make a plain ``open`` wait for a writer for ever, and a device such as
``/dev/zero`` never ends. :func:`open_regular` opens without blocking and looks at the open
descriptor, so such a file is refused at once, without a byte read and with no window for a
swap between a check and the open. Each caller words the refusal for its own purpose.
"""

from __future__ import annotations

import errno
import io
import os
import stat
from pathlib import Path


class NotOrdinaryFile(OSError):
    """The path names a folder, a device, a pipe or a socket, not a file on a disk."""

    def __init__(self, path: Path, *, is_folder: bool) -> None:
        super().__init__(
            errno.EISDIR if is_folder else errno.EINVAL,
            "is a folder" if is_folder else "is not an ordinary file",
            str(path),
        )
        self.is_folder = is_folder


class FileTooLarge(ValueError):
    """The file is larger than its purpose allows; nothing of it was read."""

    def __init__(self, path: Path, size: int, limit: int) -> None:
        super().__init__(f"{path} is {size} bytes, more than {limit}")
        self.size = size
        self.limit = limit


def open_regular(path: str | os.PathLike[str], limit: int) -> io.BufferedReader:
    """Open ``path`` for reading only if it is an ordinary file of at most ``limit`` bytes.

    Raises:
        NotOrdinaryFile: a folder, device, pipe or socket.
        FileTooLarge: larger than ``limit``.
        OSError: it cannot be opened (missing, no permission, …).
    """
    path = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except IsADirectoryError:
        raise NotOrdinaryFile(path, is_folder=True) from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise NotOrdinaryFile(path, is_folder=stat.S_ISDIR(status.st_mode))
        if status.st_size > limit:
            raise FileTooLarge(path, status.st_size, limit)
        if hasattr(os, "O_NONBLOCK"):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of an ordinary file of at most ``limit`` bytes (see :func:`open_regular`).

    A file that grows while it is read is cut off just past ``limit`` and refused, so the
    size check cannot be outrun by a writer.
    """
    with open_regular(path, limit) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(Path(path), len(data), limit)
    return data
