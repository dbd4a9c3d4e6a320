"""Reading a file to import: an ordinary file of a bounded size, refused in a clear sentence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from composer.errors import ImportSourceError
from composer.i18n import ui_message as _
from composer.regular_file import FileTooLarge, NotOrdinaryFile, read_regular


def cannot_read(path: Path, exc: OSError) -> str:
    """Why ``path`` could not be read, as the end of a sentence (no full stop)."""
    if isinstance(exc, NotOrdinaryFile):
        if exc.is_folder:
            return _("it is a folder, not a file")
        return _("it is not an ordinary file but a device, a pipe or a socket")
    if isinstance(exc, FileNotFoundError):
        return _("there is no such file")
    if isinstance(exc, PermissionError):
        return _("you do not have permission to read it")
    return str(exc.strerror or exc)


def read_source_file(path: Path, limit: int, too_large: Callable[[int], str]) -> bytes:
    """The bytes of the file to import at ``path``.

    Args:
        path: the file.
        limit: the most bytes such a file may have.
        too_large: the refusal for a file of the given size, above ``limit``.

    Raises:
        ImportSourceError: the file is too large, not an ordinary file, or unreadable.
    """
    try:
        return read_regular(path, limit)
    except FileTooLarge as exc:
        raise ImportSourceError(too_large(exc.size)) from None
    except OSError as exc:
        raise ImportSourceError(
            _("Cannot read “{name}”: {reason}.").format(
                name=path.name, reason=cannot_read(path, exc)
            )
        ) from None
