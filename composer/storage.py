"""The ``.newsletter`` file: a zip of ``document.json`` and content-addressed ``images/``."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from pydantic import ValidationError

from composer.errors import DocumentLoadError, DocumentSaveError
from composer.model import SCHEMA_VERSION, ImageRef, Newsletter

DOCUMENT_ENTRY: Final = "document.json"
IMAGES_FOLDER: Final = "images/"
#: Limits that keep a hostile file from filling memory: no real newsletter comes near them.
MAX_DOCUMENT_BYTES: Final = 20 * 1024 * 1024
MAX_IMAGE_BYTES: Final = 60 * 1024 * 1024
MAX_TOTAL_BYTES: Final = 1024 * 1024 * 1024
MAX_ENTRIES: Final = 2000
FILE_SUFFIX: Final = ".newsletter"


@dataclass
class ImageStore:
    """The original image files of a document, keyed by their SHA-256."""

    data: dict[str, bytes] = field(default_factory=dict)

    def add(self, content: bytes, extension: str, original_name: str = "") -> ImageRef:
        """Store ``content`` (deduplicated by hash) and return the reference a block holds."""
        digest = hashlib.sha256(content).hexdigest()
        self.data.setdefault(digest, content)
        return ImageRef(sha256=digest, extension=extension, original_name=original_name)

    def get(self, ref: ImageRef) -> bytes:
        """The bytes of ``ref``; KeyError if the document does not hold them."""
        return self.data[ref.sha256]

    def __contains__(self, ref: object) -> bool:
        return isinstance(ref, ImageRef) and ref.sha256 in self.data


@dataclass
class Project:
    """What a ``.newsletter`` file holds: the document and its images."""

    newsletter: Newsletter
    images: ImageStore = field(default_factory=ImageStore)


def _error(path: Path, problem: str) -> DocumentLoadError:
    return DocumentLoadError(f"Cannot open “{path.name}”: {problem}")


def _safe_entry_name(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return not (
        name.startswith(("/", "\\"))
        or (len(name) > 1 and name[1] == ":")
        or ".." in parts
        or "\x00" in name
    )


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, path: Path) -> bytes:
    # file_size in the central directory can lie; read at most limit + 1 bytes to be sure.
    if info.file_size > limit:
        raise _error(
            path,
            f"the entry “{info.filename}” is {info.file_size:,} bytes, more than "
            f"the {limit:,} bytes a newsletter may hold there.",
        )
    with archive.open(info) as stream:
        content = stream.read(limit + 1)
    if len(content) > limit:
        raise _error(
            path,
            f"the entry “{info.filename}” is larger than the {limit:,} bytes a "
            "newsletter may hold there.",
        )
    return content


def _format_validation_error(exc: ValidationError) -> str:
    lines = []
    for item in exc.errors()[:5]:
        location = ".".join(str(part) for part in item["loc"]) or "(document)"
        lines.append(f"{location}: {item['msg']}")
    more = len(exc.errors()) - 5
    if more > 0:
        lines.append(f"… and {more} more")
    return "; ".join(lines)


def load(path: str | os.PathLike[str]) -> Project:
    """Read a ``.newsletter`` file, trusting nothing in it.

    Args:
        path: the file to read. It is only read, never modified.

    Returns:
        The document with its images.

    Raises:
        DocumentLoadError: with a message that says what is wrong with the file.
    """
    path = Path(path)
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise _error(path, "the file does not exist.") from None
    except IsADirectoryError:
        raise _error(path, "it is a folder, not a newsletter file.") from None
    except PermissionError:
        raise _error(path, "you do not have permission to read it.") from None
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _error(
            path,
            "it is not a newsletter file (it is not a zip archive). It may be "
            "damaged or of another kind.",
        ) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise _error(path, f"it holds {len(infos):,} entries, more than a newsletter can.")
        total = 0
        for info in infos:
            if not _safe_entry_name(info.filename):
                raise _error(
                    path,
                    f"it contains an unsafe entry name “{info.filename}” "
                    "(absolute or with “..”); it was refused for safety.",
                )
            total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise _error(
                path,
                f"its contents unpack to {total:,} bytes, more than the "
                f"{MAX_TOTAL_BYTES:,} bytes allowed.",
            )
        try:
            doc_info = archive.getinfo(DOCUMENT_ENTRY)
        except KeyError:
            raise _error(
                path, f"it has no {DOCUMENT_ENTRY} inside, so it is not a newsletter file."
            ) from None
        try:
            raw = _read_entry(archive, doc_info, MAX_DOCUMENT_BYTES, path)
            newsletter = _parse_document(raw, path)
            images = ImageStore()
            for ref in newsletter.image_refs():
                name = IMAGES_FOLDER + ref.filename
                try:
                    info = archive.getinfo(name)
                except KeyError:
                    raise _error(
                        path,
                        f"the image “{ref.original_name or ref.filename}” is "
                        f"used but {name} is missing from the file.",
                    ) from None
                content = _read_entry(archive, info, MAX_IMAGE_BYTES, path)
                if hashlib.sha256(content).hexdigest() != ref.sha256:
                    raise _error(
                        path, f"the image {name} is damaged (its content does not match its name)."
                    )
                images.data[ref.sha256] = content
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError) as exc:
            raise _error(path, f"the archive is damaged ({exc}).") from None
    return Project(newsletter, images)


def _parse_document(raw: bytes, path: Path) -> Newsletter:
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise _error(path, f"{DOCUMENT_ENTRY} is not UTF-8 text.") from None
    except json.JSONDecodeError as exc:
        raise _error(
            path,
            f"{DOCUMENT_ENTRY} is not valid JSON (line {exc.lineno}, column "
            f"{exc.colno}: {exc.msg}).",
        ) from None
    except RecursionError:
        raise _error(path, f"{DOCUMENT_ENTRY} is nested too deeply to be a newsletter.") from None
    if not isinstance(data, dict):
        raise _error(path, f"{DOCUMENT_ENTRY} does not hold a newsletter object.")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _error(path, f"{DOCUMENT_ENTRY} has no valid schema_version.")
    if version > SCHEMA_VERSION:
        raise _error(
            path,
            f"it was written by a newer version of Newsletter Composer (file "
            f"format {version}; this version reads up to {SCHEMA_VERSION}). "
            "Update the program to open it.",
        )
    if version < 1:
        raise _error(path, f"its file format version {version} is not one this program knows.")
    try:
        return Newsletter.model_validate(data)
    except ValidationError as exc:
        raise _error(
            path,
            f"{DOCUMENT_ENTRY} does not describe a valid newsletter: "
            f"{_format_validation_error(exc)}.",
        ) from None
    except RecursionError:
        raise _error(path, f"{DOCUMENT_ENTRY} is nested too deeply to be a newsletter.") from None


def document_bytes(newsletter: Newsletter) -> bytes:
    """The ``document.json`` content: stable key order, UTF-8, readable."""
    data = newsletter.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False).encode("utf-8") + b"\n"


def _entries(project: Project) -> Iterator[tuple[str, bytes]]:
    yield DOCUMENT_ENTRY, document_bytes(project.newsletter)
    for ref in project.newsletter.image_refs():
        try:
            content = project.images.get(ref)
        except KeyError:
            raise DocumentSaveError(
                f"The image “{ref.original_name or ref.filename}” is used "
                "but its data is missing; remove or replace it and save "
                "again."
            ) from None
        yield IMAGES_FOLDER + ref.filename, content


def save(project: Project, path: str | os.PathLike[str]) -> None:
    """Write ``project`` to ``path`` atomically, keeping the previous file as ``path.bak``.

    The file is written to a temporary file in the same folder, flushed to disk and then
    renamed over the target, so a crash or a full disk never leaves a half-written newsletter.

    Raises:
        DocumentSaveError: when the file cannot be written; the old file is untouched.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise DocumentSaveError(f"Cannot save “{path.name}”: {exc.strerror or exc}.") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as stream:
            with zipfile.ZipFile(stream, "w") as archive:
                for name, content in _entries(project):
                    # Images are already compressed; deflating them again costs time for nothing.
                    method = zipfile.ZIP_DEFLATED if name == DOCUMENT_ENTRY else zipfile.ZIP_STORED
                    info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
                    info.compress_type = method
                    info.external_attr = 0o644 << 16
                    archive.writestr(info, content)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            # Copy, not move: the target must exist at every instant, old or new.
            shutil.copy2(path, path.with_name(path.name + ".bak"))
        os.replace(tmp, path)
        _fsync_folder(folder)
    except DocumentSaveError:
        tmp.unlink(missing_ok=True)
        raise
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise DocumentSaveError(
            f"Cannot save “{path.name}”: {exc.strerror or exc}. The "
            "previous version of the file is unchanged."
        ) from None


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not possible (nor needed) on every platform.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
