"""The saved-blocks library: blocks the user keeps to insert into any of their newsletters.

The library is one file in the user's data folder, a zip like a ``.newsletter``:
``library.json`` (a format version and the entries: an id, the name the user chose and the
block, serialized by the model exactly as ``document.json`` holds blocks) and ``images/``
with the blocks' pictures named by content hash, so that an exported library gives a
colleague the pictures too. Every write is atomic; reading trusts nothing in the file.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import sys
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Final, TypeVar

from pydantic import TypeAdapter, ValidationError

from composer import atomic
from composer.errors import ComposerError
from composer.i18n import ui_message as _
from composer.i18n import ui_number
from composer.model import SCHEMA_VERSION, Block, BlockBase, ImageRef, ImageStore, new_block_id
from composer.regular_file import FileTooLarge, NotOrdinaryFile, open_regular
from composer.storage.file_format import (
    IMAGES_FOLDER,
    MAX_DOCUMENT_BYTES,
    MAX_ENTRIES,
    MAX_FILE_BYTES,
    MAX_TOTAL_BYTES,
)
from composer.storage.loading import (
    DAMAGED_ARCHIVE,
    NumberTooLong,
    bounded_int,
    format_validation_error,
    read_bounded,
    read_pictures,
    too_many_values,
)

#: Version of the library file's format; a file with a higher one was written by a newer
#: program and is refused rather than half read. 1 is the first.
LIBRARY_VERSION: Final = 1
LIBRARY_SUFFIX: Final = ".blocks"
#: The library's file in the user's data folder.
LIBRARY_FILE_NAME: Final = "saved-blocks" + LIBRARY_SUFFIX
LIBRARY_ENTRY: Final = "library.json"
#: More saved blocks than anyone keeps; a bound for a hostile file.
MAX_LIBRARY_ENTRIES: Final = 2000
MAX_NAME_LENGTH: Final = 200
#: The names the window gives Qt (``composer.gui.stored_settings``): its data folder is
#: ``QStandardPaths.AppDataLocation``, which is ORGANISATION/APPLICATION in the platform's
#: folder for application data. Repeated here so that the command line finds the same
#: folder without Qt; a window test checks that the two agree.
ORGANISATION: Final = "Newsletter Composer"
APPLICATION: Final = "newsletter-composer"

_BLOCK: Final[TypeAdapter[Any]] = TypeAdapter(Block)
#: How often a change is tried again when another program wrote the library meanwhile.
_CHANGE_ATTEMPTS: Final = 5
_T = TypeVar("_T")


class LibraryError(ComposerError):
    """The library file could not be read or written, or an entry is not in it."""


@dataclasses.dataclass(frozen=True)
class LibraryEntry:
    """One saved block: its id in the library, the name the user gave it, the block."""

    id: str
    name: str
    block: BlockBase

    @property
    def kind(self) -> str:
        """The block's type ("contact", "text", …)."""
        return self.block.kind


@dataclasses.dataclass(frozen=True)
class MergeReport:
    """What importing a library file did: the names added, and those already there."""

    added: tuple[str, ...]
    already_there: tuple[str, ...]

    def sentence(self) -> str:
        """What happened, for the user."""
        if not self.added and not self.already_there:
            return _("The file holds no saved blocks; nothing was added.")
        if not self.added:
            return _("Everything in the file was already in your library: {names}.").format(
                names=", ".join(self.already_there)
            )
        text = _("Added to your library: {names}.").format(names=", ".join(self.added))
        if self.already_there:
            text += " " + _("Already there: {names}.").format(names=", ".join(self.already_there))
        return text


@dataclasses.dataclass(frozen=True)
class BlockLibrary:
    """The saved blocks in the order they were saved, with their pictures.

    A value: each change gives a changed copy. The image store is shared between copies,
    as image files are immutable values keyed by their hash.
    """

    entries: tuple[LibraryEntry, ...] = ()
    images: ImageStore = dataclasses.field(default_factory=ImageStore)

    def entry(self, entry_id: str) -> LibraryEntry:
        """The entry ``entry_id``; LibraryError if it is not (or no longer) in the library."""
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        raise LibraryError(
            _(
                "The saved block is no longer in the library; it may have been deleted in "
                "another window."
            )
        )

    def with_block(
        self, name: str, block: BlockBase, images: ImageStore
    ) -> tuple[BlockLibrary, LibraryEntry]:
        """The library with ``block`` saved as ``name``, its pictures taken from ``images``.

        Raises:
            LibraryError: the name is empty or too long, or a picture's data is missing.
        """
        store = ImageStore(dict(self.images.data))
        for _slot, ref in block.pictures():
            try:
                store.data[ref.sha256] = images.get(ref)
            except KeyError:
                raise LibraryError(
                    _(
                        "Cannot save the block to the library: its picture “{picture}” is "
                        "missing. Choose the picture again, then save the block."
                    ).format(picture=ref.original_name or ref.filename)
                ) from None
        entry = LibraryEntry(new_block_id(), _clean_name(name), block)
        return dataclasses.replace(self, entries=(*self.entries, entry), images=store), entry

    def renamed(self, entry_id: str, name: str) -> BlockLibrary:
        """The library with the entry ``entry_id`` called ``name``."""
        old = self.entry(entry_id)
        new = dataclasses.replace(old, name=_clean_name(name))
        return dataclasses.replace(
            self, entries=tuple(new if e.id == entry_id else e for e in self.entries)
        )

    def without(self, entry_id: str) -> BlockLibrary:
        """The library without the entry ``entry_id``."""
        self.entry(entry_id)
        return dataclasses.replace(self, entries=tuple(e for e in self.entries if e.id != entry_id))

    def merged(self, other: BlockLibrary) -> tuple[BlockLibrary, MergeReport]:
        """The library with the entries of ``other`` it does not hold yet (by id) added."""
        ids = {entry.id for entry in self.entries}
        added = [entry for entry in other.entries if entry.id not in ids]
        already = [entry.name for entry in other.entries if entry.id in ids]
        if not added:
            return self, MergeReport((), tuple(already))
        store = ImageStore(dict(self.images.data))
        for entry in added:
            for _slot, ref in entry.block.pictures():
                store.data[ref.sha256] = other.images.get(ref)
        merged = dataclasses.replace(self, entries=(*self.entries, *added), images=store)
        return merged, MergeReport(tuple(e.name for e in added), tuple(already))

    def copy_of(self, entry_id: str, images: ImageStore) -> BlockBase:
        """A fresh copy of the saved block (a new id) to insert; its pictures go to ``images``."""
        block = self.entry(entry_id).block
        for _slot, ref in block.pictures():
            images.data.setdefault(ref.sha256, self.images.get(ref))
        return block.model_copy(update={"id": new_block_id()})


def _clean_name(name: str) -> str:
    clean = " ".join(name.split())
    if not clean:
        raise LibraryError(_("A saved block needs a name; type one and try again."))
    if len(clean) > MAX_NAME_LENGTH:
        raise LibraryError(
            _(
                "The name is {length} characters long; a saved block's name has at most {limit}."
            ).format(length=ui_number(len(clean)), limit=ui_number(MAX_NAME_LENGTH))
        )
    return clean


# --- where the library is ------------------------------------------------------------------


def data_folder() -> Path:
    """The user's data folder, as Qt's ``QStandardPaths.AppDataLocation`` names it."""
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        xdg = os.environ.get("XDG_DATA_HOME", "")
        base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".local" / "share"
    return base / ORGANISATION / APPLICATION


def library_path(folder: Path | None = None) -> Path:
    """The library's file in ``folder`` (by default the user's data folder)."""
    return (folder if folder is not None else data_folder()) / LIBRARY_FILE_NAME


# --- writing -------------------------------------------------------------------------------


def library_bytes(library: BlockLibrary) -> bytes:
    """The ``library.json`` content: version, block schema, and the entries in order."""
    data = {
        "library_version": LIBRARY_VERSION,
        "schema_version": SCHEMA_VERSION,
        "entries": [
            {"id": e.id, "name": e.name, "block": e.block.model_dump(mode="json")}
            for e in library.entries
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def _pictures(entries: Iterable[LibraryEntry]) -> list[ImageRef]:
    refs: dict[str, ImageRef] = {}
    for entry in entries:
        for _slot, ref in entry.block.pictures():
            refs.setdefault(ref.filename, ref)
    return list(refs.values())


def write_library(library: BlockLibrary, path: Path) -> None:
    """Write ``library`` to ``path`` atomically: the old file stays whole if anything fails.

    Only the pictures the entries show are written.

    Raises:
        LibraryError: the file could not be written (the sentence says why).
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic.replacing(path) as temporary, zipfile.ZipFile(temporary, "w") as archive:
            _add(archive, LIBRARY_ENTRY, library_bytes(library), zipfile.ZIP_DEFLATED)
            for ref in _pictures(library.entries):
                # Pictures are already compressed; deflating them again costs time for nothing.
                _add(archive, IMAGES_FOLDER + ref.filename, library.images.get(ref))
    except OSError as exc:
        raise LibraryError(
            _(
                "Cannot write the block library “{path}”: {error}. The library on disk is as "
                "it was; free some space or check the folder's permissions, then try again."
            ).format(path=path, error=exc.strerror or exc)
        ) from None


def _add(
    archive: zipfile.ZipFile, name: str, content: bytes, method: int = zipfile.ZIP_STORED
) -> None:
    info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
    info.compress_type = method
    info.external_attr = 0o644 << 16
    archive.writestr(info, content)


# --- reading -------------------------------------------------------------------------------


def _error(path: Path, problem: str) -> LibraryError:
    return LibraryError(
        _("Cannot read the block library “{name}”: {problem}").format(
            name=path.name, problem=problem
        )
    )


def read_library(path: Path, *, missing_ok: bool = False) -> BlockLibrary:
    """Read the library file at ``path``, trusting nothing in it.

    Args:
        path: the file; only read.
        missing_ok: a file that does not exist is an empty library (the user's own library
            before the first block is saved) instead of an error.

    Raises:
        LibraryError: the file cannot be read, is damaged, hostile or from a newer program.
    """
    if missing_ok and not os.path.lexists(path):
        return BlockLibrary()
    with _open_regular(path) as stream:
        try:
            archive = zipfile.ZipFile(stream)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise _error(
                path, _("it is not a block library (it is not a zip archive); it may be damaged.")
            ) from None
        with archive:
            try:
                return _read_archive(archive, path)
            except DAMAGED_ARCHIVE as exc:
                raise _error(
                    path, _("the archive is damaged ({error}).").format(error=exc)
                ) from None


def _open_regular(path: Path) -> io.BufferedReader:
    """Open ``path`` only if it is an ordinary file of a possible size: a pipe or a device is
    refused at once (``composer.regular_file``), in the library's words."""
    try:
        return open_regular(path, MAX_FILE_BYTES)
    except NotOrdinaryFile as exc:
        if exc.is_folder:
            raise _error(path, _("it is a folder, not a block library.")) from None
        raise _error(
            path,
            _(
                "it is not an ordinary file but a folder, a device, a pipe or a socket. "
                "Only a library file saved on a disk can be read."
            ),
        ) from None
    except FileTooLarge as exc:
        raise _error(
            path,
            _("it is {size} bytes, more than the {limit} bytes a library can be.").format(
                size=ui_number(exc.size), limit=ui_number(MAX_FILE_BYTES)
            ),
        ) from None
    except (FileNotFoundError, NotADirectoryError):
        raise _error(path, _("the file does not exist.")) from None
    except OSError as exc:
        raise _error(
            path, _("it cannot be read ({error}).").format(error=exc.strerror or exc)
        ) from None


def _read_archive(archive: zipfile.ZipFile, path: Path) -> BlockLibrary:
    infos = archive.infolist()
    names = [info.filename for info in infos]
    if len(infos) > MAX_ENTRIES or len(set(names)) != len(names):
        raise _error(
            path, _("its entries are too many or repeated; it is damaged or was tampered with.")
        )
    if sum(info.file_size for info in infos) > MAX_TOTAL_BYTES:
        raise _error(
            path,
            _("its contents unpack to more than the {limit} bytes allowed.").format(
                limit=ui_number(MAX_TOTAL_BYTES)
            ),
        )
    try:
        info = archive.getinfo(LIBRARY_ENTRY)
    except KeyError:
        raise _error(
            path,
            _("it has no {entry} inside, so it is not a block library.").format(
                entry=LIBRARY_ENTRY
            ),
        ) from None
    entries = _parse_entries(_read_entry(archive, info, MAX_DOCUMENT_BYTES, path), path)
    images = read_pictures(
        archive,
        _pictures(entries),
        lambda info, limit: _read_entry(archive, info, limit, path),
        lambda problem: _error(path, problem),
    )
    return BlockLibrary(tuple(entries), images)


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, path: Path) -> bytes:
    content = read_bounded(archive, info, limit)
    if content is None:
        raise _error(
            path,
            _(
                "the entry “{entry}” is larger than the {limit} bytes a library may hold there."
            ).format(entry=info.filename, limit=ui_number(limit)),
        )
    return content


def _parse_entries(raw: bytes, path: Path) -> list[LibraryEntry]:
    try:
        data = json.loads(raw.decode("utf-8"), parse_int=bounded_int)
    except (UnicodeDecodeError, json.JSONDecodeError, NumberTooLong, RecursionError):
        raise _error(
            path, _("{entry} is not valid JSON; the file is damaged.").format(entry=LIBRARY_ENTRY)
        ) from None
    if not isinstance(data, dict) or too_many_values(data):
        raise _error(path, _("{entry} does not hold a library.").format(entry=LIBRARY_ENTRY))
    version = data.get("library_version")
    schema = data.get("schema_version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _error(path, _("{entry} has no valid library_version.").format(entry=LIBRARY_ENTRY))
    if version > LIBRARY_VERSION or (isinstance(schema, int) and schema > SCHEMA_VERSION):
        raise _error(
            path,
            _(
                "it was written by a newer version of Newsletter Composer (library format "
                "{version}; this version reads up to {supported}). Update the program to use it."
            ).format(version=version, supported=LIBRARY_VERSION),
        )
    items = data.get("entries")
    if not isinstance(items, list) or len(items) > MAX_LIBRARY_ENTRIES:
        raise _error(path, _("{entry} has no valid list of entries.").format(entry=LIBRARY_ENTRY))
    entries: list[LibraryEntry] = []
    seen: set[str] = set()
    for number, item in enumerate(items, 1):
        entries.append(_parse_entry(item, number, path))
        if entries[-1].id in seen:
            raise _error(path, _("two saved blocks have the same id; the file is damaged."))
        seen.add(entries[-1].id)
    return entries


def _parse_entry(item: object, number: int, path: Path) -> LibraryEntry:
    invalid = _error(path, _("saved block {number} is not valid.").format(number=ui_number(number)))
    if not isinstance(item, dict):
        raise invalid
    entry_id, name = item.get("id"), item.get("name")
    if (
        not isinstance(entry_id, str)
        or not isinstance(name, str)
        or not 0 < len(entry_id) <= 64
        or not all(c.isascii() and (c.isalnum() or c in "-_") for c in entry_id)
    ):
        raise invalid
    try:
        block: BlockBase = _BLOCK.validate_python(item.get("block"))
        clean = _clean_name(name)
    except ValidationError as exc:
        problem = format_validation_error(exc)
    except LibraryError as exc:
        problem = str(exc)
    except RecursionError:
        raise invalid from None
    else:
        return LibraryEntry(entry_id, clean, block)
    raise _error(
        path,
        _("saved block {number} is not valid: {problem}").format(
            number=ui_number(number), problem=problem
        ),
    )


# --- the user's library file ---------------------------------------------------------------


class LibraryFile:
    """The library at ``path``: each change reads the file, changes it and writes it back.

    Reading before each change, and checking just before the write that no other program
    replaced the file meanwhile (reading again if one did), means two windows, or a window and
    the command line, add to the library without one losing what the other saved.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self) -> BlockLibrary:
        """The library as it is on disk (empty before the first block is saved)."""
        return read_library(self.path, missing_ok=True)

    def _change(self, change: Callable[[BlockLibrary], tuple[BlockLibrary, _T]]) -> _T:
        for _attempt in range(_CHANGE_ATTEMPTS):
            before = _identity(self.path)
            original = self.read()
            library, result = change(original)
            if library is original:
                return result  # nothing changed: nothing to write
            if _identity(self.path) == before:
                write_library(library, self.path)
                return result
        raise LibraryError(
            _(
                "Cannot change the block library “{path}”: another program keeps writing it. "
                "Try again in a moment."
            ).format(path=self.path)
        )

    def save_block(self, name: str, block: BlockBase, images: ImageStore) -> LibraryEntry:
        """Save ``block`` (with its pictures from ``images``) as ``name``; the new entry."""
        return self._change(lambda library: library.with_block(name, block, images))

    def rename(self, entry_id: str, name: str) -> None:
        """Give the entry ``entry_id`` the name ``name``."""
        self._change(lambda library: (library.renamed(entry_id, name), None))

    def delete(self, entry_id: str) -> None:
        """Remove the entry ``entry_id`` (its pictures go when no entry shows them)."""
        self._change(lambda library: (library.without(entry_id), None))

    def copy_of(self, entry_id: str, images: ImageStore) -> BlockBase:
        """A fresh copy of a saved block to insert; its pictures are added to ``images``."""
        return self.read().copy_of(entry_id, images)

    def export_to(self, target: Path) -> int:
        """Write the whole library to ``target`` for a colleague; how many blocks it holds."""
        library = self.read()
        write_library(library, target)
        return len(library.entries)

    def import_from(self, source: Path) -> MergeReport:
        """Add the blocks of the library file ``source`` that this library does not hold."""
        other = read_library(source)
        return self._change(lambda library: library.merged(other))


def _identity(path: Path) -> tuple[int, int, int, int] | None:
    """What tells one version of the file from the next: an atomic write makes a new file."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_ino, status.st_dev, status.st_size, status.st_mtime_ns)
