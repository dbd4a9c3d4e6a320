"""Where an imported picture comes from: the source's own folder, inline data, or the web."""

from __future__ import annotations

import base64
import binascii
import re
from pathlib import Path, PurePosixPath
from typing import Final
from urllib.parse import unquote, urljoin, urlsplit

from composer.errors import ImportSourceError
from composer.i18n import ui_message as _
from composer.i18n import ui_number
from composer.importers.article import Picture, PictureLoader
from composer.importers.fetch import fetch
from composer.importers.files import cannot_read
from composer.regular_file import FileTooLarge, read_regular
from composer.storage import MAX_IMAGE_BYTES

__all__ = ["local_picture_loader", "web_picture_loader"]

_DATA_URI: Final = re.compile(r"^data:image/(?P<type>[a-z+.-]+);base64,(?P<data>.*)$", re.I | re.S)
_DATA_EXTENSIONS: Final = {"jpeg": "jpg", "jpg": "jpg", "png": "png", "gif": "gif", "webp": "webp"}


def _too_large() -> ImportSourceError:
    return ImportSourceError(
        _("it is larger than {limit} MB.").format(limit=ui_number(MAX_IMAGE_BYTES // 1_000_000))
    )


def _inline(src: str) -> Picture | None:
    """The picture written into the page itself (a ``data:`` address), or None."""
    match = _DATA_URI.match(src.strip())
    if match is None:
        return None
    if len(match.group("data")) > MAX_IMAGE_BYTES * 4 // 3 + 4:
        raise _too_large()
    try:
        data = base64.b64decode(match.group("data"), validate=False)
    except (binascii.Error, ValueError):
        raise ImportSourceError(_("its data is damaged.")) from None
    extension = _DATA_EXTENSIONS.get(match.group("type").lower(), "bin")
    return Picture(data, f"picture.{extension}")


def local_picture_loader(folder: Path | None, source: str) -> PictureLoader:
    """Loads the pictures a file refers to, from its own folder only; never online.

    Args:
        folder: the file's folder; None when it has none.
        source: the file's name, for messages.
    """

    def load(src: str) -> Picture:
        inline = _inline(src)
        if inline is not None:
            return inline
        parts = urlsplit(src)
        if parts.scheme in ("http", "https"):
            raise ImportSourceError(
                _(
                    "it is on the web, and importing a file does not go online. Import the "
                    "page from its web address to bring the picture along, or add it by hand."
                )
            )
        if folder is None or parts.scheme not in ("", "file") or parts.netloc:
            raise ImportSourceError(_("its address cannot be followed."))
        if not parts.scheme and parts.path.startswith("/"):
            raise ImportSourceError(
                _(
                    "the page names it by its place on the web site, which a saved page does "
                    "not hold. Import the page from its web address to bring the picture "
                    "along, or add it by hand."
                )
            )
        base = folder.resolve()
        path = (base / unquote(parts.path)).resolve()
        if not path.is_relative_to(base):
            raise ImportSourceError(
                _("it is outside the folder of “{source}”, so it was not read.").format(
                    source=source
                )
            )
        try:
            return Picture(read_regular(path, MAX_IMAGE_BYTES), path.name)
        except FileTooLarge:
            raise _too_large() from None
        except OSError as exc:
            raise ImportSourceError(
                _("it cannot be read ({reason}).").format(reason=cannot_read(path, exc))
            ) from None

    return load


def web_picture_loader(page_url: str) -> PictureLoader:
    """Downloads the pictures a web page refers to (the user asked to import from the web)."""

    def load(src: str) -> Picture:
        inline = _inline(src)
        if inline is not None:
            return inline
        download = fetch(urljoin(page_url, src), MAX_IMAGE_BYTES)
        name = unquote(PurePosixPath(urlsplit(download.url).path).name)
        return Picture(download.data, name or "picture")

    return load
