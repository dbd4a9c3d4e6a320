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
from pathlib import Path
from typing import Final

from pydantic import ValidationError

from composer.errors import DocumentLoadError, DocumentSaveError
from composer.i18n import ui_message as _
from composer.i18n import ui_number
from composer.model import SCHEMA_VERSION, Bundle, ImageStore, Newsletter

DOCUMENT_ENTRY: Final = "document.json"
IMAGES_FOLDER: Final = "images/"
#: Limits that keep a hostile file from filling memory: no real newsletter comes near them.
MAX_DOCUMENT_BYTES: Final = 20 * 1024 * 1024
MAX_IMAGE_BYTES: Final = 60 * 1024 * 1024
MAX_TOTAL_BYTES: Final = 1024 * 1024 * 1024
MAX_ENTRIES: Final = 2000
FILE_SUFFIX: Final = ".newsletter"


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
    # file_size in the central directory can lie; read at most limit + 1 bytes to be sure.
    if info.file_size > limit:
        raise _error(
            path,
            _(
                "the entry “{entry}” is {size} bytes, more than the {limit} bytes a "
                "newsletter may hold there."
            ).format(entry=info.filename, size=ui_number(info.file_size), limit=ui_number(limit)),
        )
    with archive.open(info) as stream:
        content = stream.read(limit + 1)
    if len(content) > limit:
        raise _error(
            path,
            _(
                "the entry “{entry}” is larger than the {limit} bytes a newsletter may hold there."
            ).format(entry=info.filename, limit=ui_number(limit)),
        )
    return content


def _format_validation_error(exc: ValidationError) -> str:
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
    path = Path(path)
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise _error(path, _("the file does not exist.")) from None
    except IsADirectoryError:
        raise _error(path, _("it is a folder, not a newsletter file.")) from None
    except PermissionError:
        raise _error(path, _("you do not have permission to read it.")) from None
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _error(
            path,
            _(
                "it is not a newsletter file (it is not a zip archive). It may be "
                "damaged or of another kind."
            ),
        ) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise _error(
                path,
                _("it holds {count} entries, more than a newsletter can.").format(
                    count=ui_number(len(infos))
                ),
            )
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
            total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise _error(
                path,
                _(
                    "its contents unpack to {size} bytes, more than the {limit} bytes allowed."
                ).format(size=ui_number(total), limit=ui_number(MAX_TOTAL_BYTES)),
            )
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
            images = ImageStore()
            for ref in newsletter.image_refs():
                name = IMAGES_FOLDER + ref.filename
                try:
                    info = archive.getinfo(name)
                except KeyError:
                    raise _error(
                        path,
                        _(
                            "the image “{image}” is used but {entry} is missing from the file."
                        ).format(image=ref.original_name or ref.filename, entry=name),
                    ) from None
                content = _read_entry(archive, info, MAX_IMAGE_BYTES, path)
                if hashlib.sha256(content).hexdigest() != ref.sha256:
                    raise _error(
                        path,
                        _(
                            "the image {entry} is damaged (its content does not match its name)."
                        ).format(entry=name),
                    )
                images.data[ref.sha256] = content
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError) as exc:
            raise _error(path, _("the archive is damaged ({error}).").format(error=exc)) from None
    return Bundle(newsletter, images)


def _parse_document(raw: bytes, path: Path) -> Newsletter:
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise _error(path, _("{entry} is not UTF-8 text.").format(entry=DOCUMENT_ENTRY)) from None
    except json.JSONDecodeError as exc:
        raise _error(
            path,
            _("{entry} is not valid JSON (line {line}, column {column}: {error}).").format(
                entry=DOCUMENT_ENTRY, line=exc.lineno, column=exc.colno, error=exc.msg
            ),
        ) from None
    except RecursionError:
        raise _error(path, _too_deep()) from None
    if not isinstance(data, dict):
        raise _error(
            path, _("{entry} does not hold a newsletter object.").format(entry=DOCUMENT_ENTRY)
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


def _too_deep() -> str:
    return _("{entry} is nested too deeply to be a newsletter.").format(entry=DOCUMENT_ENTRY)


def document_bytes(newsletter: Newsletter) -> bytes:
    """The ``document.json`` content: stable key order, UTF-8, readable."""
    data = newsletter.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False).encode("utf-8") + b"\n"


def _entries(bundle: Bundle) -> Iterator[tuple[str, bytes]]:
    yield DOCUMENT_ENTRY, document_bytes(bundle.newsletter)
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
        yield IMAGES_FOLDER + ref.filename, content


def save(bundle: Bundle, path: str | os.PathLike[str]) -> None:
    """Write ``bundle`` to ``path`` atomically, keeping the previous file as ``path.bak``.

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
        raise DocumentSaveError(
            _("Cannot save “{name}”: {error}.").format(name=path.name, error=exc.strerror or exc)
        ) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as stream:
            with zipfile.ZipFile(stream, "w") as archive:
                for name, content in _entries(bundle):
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
            _(
                "Cannot save “{name}”: {error}. The previous version of the file is unchanged."
            ).format(name=path.name, error=exc.strerror or exc)
        ) from None


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not possible (nor needed) on every platform.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
