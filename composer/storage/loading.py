"""Loading a ``.newsletter`` file, trusting nothing in it."""

from __future__ import annotations

import hashlib
import io
import json
import lzma
import os
import zipfile
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Final

from pydantic import ValidationError

from composer.errors import (
    ComposerError,
    DocumentLoadError,
)
from composer.i18n import ui_message as _
from composer.i18n import ui_number
from composer.model import BLOCK_CLASSES, SCHEMA_VERSION, Bundle, ImageRef, ImageStore, Newsletter
from composer.regular_file import FileTooLarge, NotOrdinaryFile, open_regular
from composer.storage.disk import DiskStamp, stamp_of
from composer.storage.file_format import (
    DOCUMENT_ENTRY,
    IMAGES_FOLDER,
    MAX_DOCUMENT_BYTES,
    MAX_ENTRIES,
    MAX_FILE_BYTES,
    MAX_IMAGE_BYTES,
    MAX_IMAGES,
    MAX_JSON_VALUES,
    MAX_NUMBER_DIGITS,
    MAX_TOTAL_BYTES,
    READ_CHUNK,
)

#: What reading a damaged zip archive can raise: RuntimeError for an encrypted entry,
#: NotImplementedError for an unknown compression, the decompressors' own errors.
DAMAGED_ARCHIVE: Final = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    RuntimeError,
    NotImplementedError,
    ValueError,
    zlib.error,
    lzma.LZMAError,
)


def _error(path: Path, problem: str) -> DocumentLoadError:
    return DocumentLoadError(
        _("Cannot open “{name}”: {problem}").format(name=path.name, problem=problem)
    )


def _safe_entry_name(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return not (
        name.startswith(("/", "\\"))
        or (len(name) > 1 and name[1] == ":")
        or ".." in parts
        or "\x00" in name
    )


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, path: Path) -> bytes:
    if info.file_size > limit:
        raise _error(
            path,
            _(
                "the entry “{entry}” is {size} bytes, more than the {limit} bytes a "
                "newsletter may hold there."
            ).format(entry=info.filename, size=ui_number(info.file_size), limit=ui_number(limit)),
        )
    content = read_bounded(archive, info, limit)
    if content is None:
        raise _error(
            path,
            _(
                "the entry “{entry}” is larger than the {limit} bytes a newsletter may hold there."
            ).format(entry=info.filename, limit=ui_number(limit)),
        )
    return content


def read_bounded(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes | None:
    """The bytes of an archive's entry, or None when it holds more than ``limit`` bytes.

    It is read in chunks up to the limit, so that an entry whose declared size lies costs no
    more than the limit, and the whole entry is never held twice.
    """
    chunks: list[bytes] = []
    received = 0
    with archive.open(info) as stream:
        while received <= limit:
            chunk = stream.read(min(READ_CHUNK, limit + 1 - received))
            if not chunk:
                break
            chunks.append(chunk)
            received += len(chunk)
    return None if received > limit else b"".join(chunks)


def read_pictures(
    archive: zipfile.ZipFile,
    refs: Iterable[ImageRef],
    read_entry: Callable[[zipfile.ZipInfo, int], bytes],
    fail: Callable[[str], ComposerError],
) -> ImageStore:
    """The pictures ``refs`` name, from the archive's images folder, each checked by its hash.

    Newsletter files and the block library keep their pictures alike.

    Args:
        archive: the open file.
        refs: the pictures to read.
        read_entry: reads an entry of at most the given number of bytes, refusing a larger one.
        fail: the error to raise for a sentence saying what is wrong.
    """
    images = ImageStore()
    for ref in refs:
        name = IMAGES_FOLDER + ref.filename
        try:
            info = archive.getinfo(name)
        except KeyError:
            raise fail(
                _("the image “{image}” is used but {entry} is missing from the file.").format(
                    image=ref.original_name or ref.filename, entry=name
                )
            ) from None
        content = read_entry(info, MAX_IMAGE_BYTES)
        if hashlib.sha256(content).hexdigest() != ref.sha256:
            raise fail(
                _("the image {entry} is damaged (its content does not match its name).").format(
                    entry=name
                )
            )
        images.data[ref.sha256] = content
    return images


def _unknown_block_type(data: dict[str, object]) -> str:
    """A sentence for the first block of a type this program does not know, else ""."""
    blocks = data.get("blocks")
    if not isinstance(blocks, list):
        return ""
    for number, block in enumerate(blocks, 1):
        kind = block.get("type") if isinstance(block, dict) else None
        if isinstance(kind, str) and kind not in BLOCK_CLASSES:
            return _(
                "block {number} is of a kind this version of Newsletter Composer does not know "
                "(“{kind}”). It was probably added by a newer version: update the program to "
                "open the file."
            ).format(number=number, kind=kind[:40])
    return ""


def format_validation_error(exc: ValidationError) -> str:
    lines = []
    for item in exc.errors()[:5]:
        location = ".".join(str(part) for part in item["loc"]) or "(document)"
        lines.append(f"{location}: {item['msg']}")
    more = len(exc.errors()) - 5
    if more > 0:
        lines.append(_("… and {count} more").format(count=more))
    return "; ".join(lines)


def load(path: str | os.PathLike[str]) -> Bundle:
    """Read a ``.newsletter`` file, trusting nothing in it.

    Args:
        path: the file to read. It is only read, never modified.

    Returns:
        The document with its images.

    Raises:
        DocumentLoadError: with a message that says what is wrong with the file.
    """
    return _load(Path(path), stamped=False)[0]


def load_with_stamp(path: str | os.PathLike[str]) -> tuple[Bundle, DiskStamp]:
    """Read a ``.newsletter`` file like :func:`load`, with the stamp of the file read.

    The stamp is of the very bytes that were read (the same open file), so a change another
    program makes at any moment after is noticed by :func:`disk_state` and by :func:`save`.
    """
    bundle, stamp = _load(Path(path), stamped=True)
    assert stamp is not None
    return bundle, stamp


def _open_regular(path: Path) -> io.BufferedReader:
    """Open ``path`` for reading only if it is an ordinary file of a possible size.

    A pipe (which would wait for a writer for ever) or a device (``/dev/zero`` never ends) is
    refused at once, without a byte read: see :func:`composer.regular_file.open_regular`.
    """
    try:
        return open_regular(path, MAX_FILE_BYTES)
    except NotOrdinaryFile as exc:
        if exc.is_folder:
            raise _error(path, _("it is a folder, not a newsletter file.")) from None
        raise _error(
            path,
            _(
                "it is not an ordinary file but a device, a pipe or a socket. Only a "
                "newsletter file saved on a disk can be opened."
            ),
        ) from None
    except FileTooLarge as exc:
        raise _error(
            path,
            _("it is {size} bytes, more than the {limit} bytes a newsletter file can be.").format(
                size=ui_number(exc.size), limit=ui_number(MAX_FILE_BYTES)
            ),
        ) from None
    except (FileNotFoundError, NotADirectoryError):
        raise _error(path, _("the file does not exist.")) from None
    except PermissionError:
        raise _error(path, _("you do not have permission to read it.")) from None
    except OSError as exc:
        raise _error(
            path, _("it cannot be read ({error}).").format(error=exc.strerror or exc)
        ) from None


def _load(path: Path, *, stamped: bool) -> tuple[Bundle, DiskStamp | None]:
    with _open_regular(path) as stream:
        try:
            archive = zipfile.ZipFile(stream)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise _error(
                path,
                _(
                    "it is not a newsletter file (it is not a zip archive). It may be "
                    "damaged or of another kind."
                ),
            ) from None
        with archive:
            bundle = _read_archive(archive, path)
        try:
            stamp = stamp_of(stream) if stamped else None
        except OSError as exc:
            raise _error(
                path, _("it cannot be read ({error}).").format(error=exc.strerror or exc)
            ) from None
    return bundle, stamp


def _check_entries(infos: list[zipfile.ZipInfo], path: Path) -> None:
    if len(infos) > MAX_ENTRIES:
        raise _error(
            path,
            _("it holds {count} entries, more than a newsletter can.").format(
                count=ui_number(len(infos))
            ),
        )
    seen: set[str] = set()
    total = 0
    for info in infos:
        if not _safe_entry_name(info.filename):
            raise _error(
                path,
                _(
                    "it contains an unsafe entry name “{entry}” "
                    "(absolute or with “..”); it was refused for safety."
                ).format(entry=info.filename),
            )
        if info.filename in seen:
            # Zip tools disagree on which copy counts (unzip shows the first, Python reads the
            # last): what one program shows could be other than what another one sends.
            raise _error(
                path,
                _(
                    "it holds the entry “{entry}” twice. Programs disagree on which of the "
                    "two counts, so the file was refused; it is damaged or was tampered with."
                ).format(entry=info.filename),
            )
        seen.add(info.filename)
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise _error(
            path,
            _("its contents unpack to {size} bytes, more than the {limit} bytes allowed.").format(
                size=ui_number(total), limit=ui_number(MAX_TOTAL_BYTES)
            ),
        )


def _read_archive(archive: zipfile.ZipFile, path: Path) -> Bundle:
    infos = archive.infolist()
    _check_entries(infos, path)
    try:
        doc_info = archive.getinfo(DOCUMENT_ENTRY)
    except KeyError:
        raise _error(
            path,
            _("it has no {entry} inside, so it is not a newsletter file.").format(
                entry=DOCUMENT_ENTRY
            ),
        ) from None
    try:
        raw = _read_entry(archive, doc_info, MAX_DOCUMENT_BYTES, path)
        newsletter = _parse_document(raw, path)
        refs = newsletter.image_refs()
        if len(refs) > MAX_IMAGES:
            raise _error(
                path,
                _("it uses {count} pictures, more than the {limit} a newsletter can hold.").format(
                    count=ui_number(len(refs)), limit=ui_number(MAX_IMAGES)
                ),
            )
        images = read_pictures(
            archive,
            refs,
            lambda info, limit: _read_entry(archive, info, limit, path),
            lambda problem: _error(path, problem),
        )
    except DAMAGED_ARCHIVE as exc:
        raise _error(path, _("the archive is damaged ({error}).").format(error=exc)) from None
    return Bundle(newsletter, images)


def bounded_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_NUMBER_DIGITS:
        raise NumberTooLong(digits)
    return int(text)


class NumberTooLong(Exception):
    def __init__(self, digits: int) -> None:
        super().__init__(digits)
        self.digits = digits


def _parse_document(raw: bytes, path: Path) -> Newsletter:
    try:
        data = json.loads(raw.decode("utf-8"), parse_int=bounded_int)
    except UnicodeDecodeError:
        raise _error(path, _("{entry} is not UTF-8 text.").format(entry=DOCUMENT_ENTRY)) from None
    except json.JSONDecodeError as exc:
        raise _error(
            path,
            _("{entry} is not valid JSON (line {line}, column {column}: {error}).").format(
                entry=DOCUMENT_ENTRY, line=exc.lineno, column=exc.colno, error=exc.msg
            ),
        ) from None
    except NumberTooLong as exc:
        raise _error(
            path,
            _(
                "{entry} holds a number of {digits} digits; no number in a newsletter has "
                "more than {limit}."
            ).format(entry=DOCUMENT_ENTRY, digits=ui_number(exc.digits), limit=MAX_NUMBER_DIGITS),
        ) from None
    except RecursionError:
        raise _error(path, _too_deep()) from None
    if not isinstance(data, dict):
        raise _error(
            path, _("{entry} does not hold a newsletter object.").format(entry=DOCUMENT_ENTRY)
        )
    if too_many_values(data):
        raise _error(
            path,
            _(
                "{entry} holds more than {limit} values (texts, numbers, lists, objects), far "
                "more than any newsletter."
            ).format(entry=DOCUMENT_ENTRY, limit=ui_number(MAX_JSON_VALUES)),
        )
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _error(path, _("{entry} has no valid schema_version.").format(entry=DOCUMENT_ENTRY))
    if version > SCHEMA_VERSION:
        raise _error(
            path,
            _(
                "it was written by a newer version of Newsletter Composer (file "
                "format {version}; this version reads up to {supported}). "
                "Update the program to open it."
            ).format(version=version, supported=SCHEMA_VERSION),
        )
    if version < 1:
        raise _error(
            path,
            _("its file format version {version} is not one this program knows.").format(
                version=version
            ),
        )
    if unknown := _unknown_block_type(data):
        raise _error(path, unknown)
    try:
        return Newsletter.model_validate(data)
    except ValidationError as exc:
        raise _error(
            path,
            _("{entry} does not describe a valid newsletter: {problems}.").format(
                entry=DOCUMENT_ENTRY, problems=format_validation_error(exc)
            ),
        ) from None
    except RecursionError:
        raise _error(path, _too_deep()) from None


def too_many_values(data: object) -> bool:
    """Whether the parsed JSON ``data`` holds more than MAX_JSON_VALUES values (counted
    without recursion, stopping as soon as there are too many)."""
    pending = [data]
    count = 0
    while pending:
        value = pending.pop()
        count += 1
        if count > MAX_JSON_VALUES:
            return True
        if isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return False


def _too_deep() -> str:
    return _("{entry} is nested too deeply to be a newsletter.").format(entry=DOCUMENT_ENTRY)
