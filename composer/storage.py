"""The ``.newsletter`` file: a zip of ``document.json`` and content-addressed ``images/``.

Loading trusts nothing in the file. Saving never loses the officer's work: the new file is
complete on disk before anything else changes, the previous version becomes ``FILE.bak`` by an
atomic rename too, a failure leaves both as they were, and a change another program made to the
file since it was opened is noticed instead of silently overwritten.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import errno
import hashlib
import io
import json
import lzma
import os
import re
import shutil
import stat
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Final

from pydantic import ValidationError

from composer import atomic, file_lock
from composer.errors import (
    DocumentLoadError,
    DocumentSaveError,
    FileChangedOnDiskError,
    ReadOnlyFileError,
)
from composer.i18n import ui_message as _
from composer.i18n import ui_number
from composer.model import SCHEMA_VERSION, Bundle, ImageStore, Newsletter

DOCUMENT_ENTRY: Final = "document.json"
IMAGES_FOLDER: Final = "images/"
FILE_SUFFIX: Final = ".newsletter"
BACKUP_SUFFIX: Final = ".bak"
#: Limits that keep a hostile file from filling memory: no real newsletter comes near them.
#: A month's newsletter holds some tens of pictures (working copies of about 1 MB, or camera
#: originals of 5-15 MB) and a document.json of some tens of kilobytes. Loading holds every
#: picture in memory, so the total bounds what a file can make the program take: about
#: MAX_TOTAL_BYTES + MAX_IMAGE_BYTES (one entry being read) + MAX_DOCUMENT_BYTES parsed, well
#: under 600 MB however small and cunning the file (bench/bench_storage.py measures it).
MAX_DOCUMENT_BYTES: Final = 4 * 1024 * 1024
MAX_IMAGE_BYTES: Final = 60 * 1024 * 1024
MAX_TOTAL_BYTES: Final = 400 * 1024 * 1024
MAX_IMAGES: Final = 500
MAX_ENTRIES: Final = 2000
#: The file on disk: its entries plus their headers; a larger file is refused before reading.
MAX_FILE_BYTES: Final = MAX_TOTAL_BYTES + 16 * 1024 * 1024
#: No number in a newsletter (a schema version, a size) needs more digits than this; Python
#: itself refuses integers of more than 4,300 digits with an error that is no sentence.
MAX_NUMBER_DIGITS: Final = 30
#: Values (objects, lists, strings, numbers) in document.json: a long newsletter has a few
#: thousand. Validating a million empty objects took the model 2.4 GB and 90 seconds.
MAX_JSON_VALUES: Final = 100_000
#: Leftover temporary files of a save are removed once they are this old (seconds) and no
#: running program holds the document's lock; a killed program's ones at once.
ORPHAN_AGE: Final = 60.0
_CHUNK: Final = 1024 * 1024


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
    # Read in chunks up to the limit, so that an entry whose declared size lies costs no more
    # than the limit, and the whole entry is never held twice.
    chunks: list[bytes] = []
    received = 0
    with archive.open(info) as stream:
        while received <= limit:
            chunk = stream.read(min(_CHUNK, limit + 1 - received))
            if not chunk:
                break
            chunks.append(chunk)
            received += len(chunk)
    if received > limit:
        raise _error(
            path,
            _(
                "the entry “{entry}” is larger than the {limit} bytes a newsletter may hold there."
            ).format(entry=info.filename, limit=ui_number(limit)),
        )
    return b"".join(chunks)


def _format_validation_error(exc: ValidationError) -> str:
    lines = []
    for item in exc.errors()[:5]:
        location = ".".join(str(part) for part in item["loc"]) or "(document)"
        lines.append(f"{location}: {item['msg']}")
    more = len(exc.errors()) - 5
    if more > 0:
        lines.append(_("… and {count} more").format(count=more))
    return "; ".join(lines)


# --- what is on disk ---------------------------------------------------------------------------


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


def _stamp(stream: io.BufferedReader | io.BufferedRandom) -> DiskStamp:
    status = os.fstat(stream.fileno())
    stream.seek(0)
    digest = hashlib.file_digest(stream, "sha256").hexdigest()
    size, mtime_ns, ctime_ns, inode, device = _metadata(status)
    return DiskStamp(size, mtime_ns, ctime_ns, inode, device, digest)


def disk_stamp(path: str | os.PathLike[str]) -> DiskStamp | None:
    """The stamp of the file at ``path`` as it is now; None when there is no such file."""
    try:
        with open(atomic.real_target(Path(path)), "rb") as stream:
            return _stamp(stream)
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


# --- loading -----------------------------------------------------------------------------------


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

    The file is opened without blocking and checked on the open descriptor, so a pipe (which
    would wait for a writer for ever) or a device (``/dev/zero`` never ends) is refused at
    once, without a byte read and with no window for a swap between a check and the open.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except (FileNotFoundError, NotADirectoryError):
        raise _error(path, _("the file does not exist.")) from None
    except IsADirectoryError:
        raise _error(path, _("it is a folder, not a newsletter file.")) from None
    except PermissionError:
        raise _error(path, _("you do not have permission to read it.")) from None
    except OSError as exc:
        raise _error(
            path, _("it cannot be read ({error}).").format(error=exc.strerror or exc)
        ) from None
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise _error(path, _("it is a folder, not a newsletter file."))
        if not stat.S_ISREG(status.st_mode):
            raise _error(
                path,
                _(
                    "it is not an ordinary file but a device, a pipe or a socket. Only a "
                    "newsletter file saved on a disk can be opened."
                ),
            )
        if status.st_size > MAX_FILE_BYTES:
            raise _error(
                path,
                _(
                    "it is {size} bytes, more than the {limit} bytes a newsletter file can be."
                ).format(size=ui_number(status.st_size), limit=ui_number(MAX_FILE_BYTES)),
            )
        if hasattr(os, "O_NONBLOCK"):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


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
            stamp = _stamp(stream) if stamped else None
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
        images = ImageStore()
        for ref in refs:
            name = IMAGES_FOLDER + ref.filename
            try:
                info = archive.getinfo(name)
            except KeyError:
                raise _error(
                    path,
                    _("the image “{image}” is used but {entry} is missing from the file.").format(
                        image=ref.original_name or ref.filename, entry=name
                    ),
                ) from None
            content = _read_entry(archive, info, MAX_IMAGE_BYTES, path)
            if hashlib.sha256(content).hexdigest() != ref.sha256:
                raise _error(
                    path,
                    _("the image {entry} is damaged (its content does not match its name).").format(
                        entry=name
                    ),
                )
            images.data[ref.sha256] = content
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        RuntimeError,
        NotImplementedError,
        ValueError,
        zlib.error,
        lzma.LZMAError,
    ) as exc:
        # RuntimeError: an encrypted entry; NotImplementedError: an unknown compression.
        raise _error(path, _("the archive is damaged ({error}).").format(error=exc)) from None
    return Bundle(newsletter, images)


def _bounded_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_NUMBER_DIGITS:
        raise _NumberTooLong(digits)
    return int(text)


class _NumberTooLong(Exception):
    def __init__(self, digits: int) -> None:
        super().__init__(digits)
        self.digits = digits


def _parse_document(raw: bytes, path: Path) -> Newsletter:
    try:
        data = json.loads(raw.decode("utf-8"), parse_int=_bounded_int)
    except UnicodeDecodeError:
        raise _error(path, _("{entry} is not UTF-8 text.").format(entry=DOCUMENT_ENTRY)) from None
    except json.JSONDecodeError as exc:
        raise _error(
            path,
            _("{entry} is not valid JSON (line {line}, column {column}: {error}).").format(
                entry=DOCUMENT_ENTRY, line=exc.lineno, column=exc.colno, error=exc.msg
            ),
        ) from None
    except _NumberTooLong as exc:
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
    if _too_many_values(data):
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
    try:
        return Newsletter.model_validate(data)
    except ValidationError as exc:
        raise _error(
            path,
            _("{entry} does not describe a valid newsletter: {problems}.").format(
                entry=DOCUMENT_ENTRY, problems=_format_validation_error(exc)
            ),
        ) from None
    except RecursionError:
        raise _error(path, _too_deep()) from None


def _too_many_values(data: object) -> bool:
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


# --- saving ------------------------------------------------------------------------------------


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
    for ref in bundle.newsletter.image_refs():
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
                result = _stamp(stream)
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


# --- leftovers of saves that never finished ------------------------------------------------------

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
