"""Word documents (.docx) through mammoth, made for semantic .docx to HTML conversion."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Final

from composer.errors import ImportSourceError
from composer.i18n import ui_message as _
from composer.i18n import ui_number
from composer.importers.article import Imported, Picture, build_articles
from composer.importers.files import read_source_file
from composer.importers.structure import read_pieces

if TYPE_CHECKING:
    from mammoth.documents import Image as MammothImage

__all__ = ["MAX_DOCX_BYTES", "import_docx"]

#: Largest .docx accepted: a month's articles with their photos fit many times over.
MAX_DOCX_BYTES: Final = 100 * 1024 * 1024
#: Largest the unpacked parts of a .docx may be together (its pictures mostly).
_MAX_UNPACKED_BYTES: Final = 400 * 1024 * 1024
#: What the document part of a .docx may unpack to: text, far beyond any newsletter.
_MAX_DOCUMENT_PART: Final = 50 * 1024 * 1024
_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_EXTENSIONS: Final = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/gif": "gif",
    "image/webp": "webp",
    "image/x-emf": "emf",
    "image/x-wmf": "wmf",
    "image/tiff": "tif",
    "image/bmp": "bmp",
}
# Word's own title and caption styles say what they are; mammoth's default map knows the
# headings, lists, bold, italic and links. Style names match whatever their case.
_STYLE_MAP: Final = """
p[style-name='Title'] => h1:fresh
p[style-name='Caption'] => p.caption:fresh
"""


def _check_package(data: bytes, name: str) -> None:
    """Refuse what is not a .docx, or would unpack to far more than any document holds."""
    if data.startswith(_OLE_MAGIC):
        raise ImportSourceError(
            _(
                "Cannot import “{name}”: it is an older Word document (.doc). Open it in Word "
                "and save it as a Word document (.docx), then import that."
            ).format(name=name)
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            infos = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        infos = None
    if infos is None or not any(info.filename == "word/document.xml" for info in infos):
        raise ImportSourceError(
            _(
                "Cannot import “{name}”: it is not a Word document (.docx), or it is damaged. "
                "Open it in Word and save it again as a .docx."
            ).format(name=name)
        )
    document_part = next(info for info in infos if info.filename == "word/document.xml")
    if (
        sum(info.file_size for info in infos) > _MAX_UNPACKED_BYTES
        or document_part.file_size > _MAX_DOCUMENT_PART
    ):
        raise ImportSourceError(
            _(
                "Cannot import “{name}”: it unpacks to more than {limit} MB, far more than a "
                "document of articles holds. Save the articles in a smaller document."
            ).format(name=name, limit=ui_number(_MAX_UNPACKED_BYTES // 1_000_000))
        )


def read_docx(path: Path) -> bytes:
    """The bytes of a .docx file, refused when too large or unreadable."""
    return read_source_file(
        path,
        MAX_DOCX_BYTES,
        lambda size: _(
            "Cannot import “{name}”: it is {size} MB, more than the {limit} MB a "
            "document of articles may be."
        ).format(
            name=path.name,
            size=ui_number(size // 1_000_000),
            limit=ui_number(MAX_DOCX_BYTES // 1_000_000),
        ),
    )


def import_docx(data: bytes, name: str, *, split_headings: bool = False) -> Imported:
    """The articles of a Word document.

    The headline, paragraphs, bold and italic, links, bulleted and numbered lists and the
    first picture with its description become an article; a table, a paragraph per row.

    Args:
        data: the .docx file's content.
        name: its file name, for messages and the pictures' names.
        split_headings: one article per Heading 1 (or Heading 2) section.

    Raises:
        ImportSourceError: the file is not a readable .docx, or holds no text.
    """
    import mammoth

    _check_package(data, name)
    stem = Path(name).stem or "document"
    pictures: dict[str, Picture] = {}

    def keep_picture(image: MammothImage) -> dict[str, str]:
        src = f"picture:{len(pictures) + 1}"
        extension = _EXTENSIONS.get(image.content_type or "", "bin")
        with image.open() as stream:
            content = stream.read(_MAX_UNPACKED_BYTES + 1)
        pictures[src] = Picture(content, f"{stem}-{len(pictures) + 1}.{extension}")
        return {"src": src}

    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data),
            style_map=_STYLE_MAP,
            convert_image=mammoth.images.img_element(keep_picture),
        )
    except Exception as exc:  # mammoth's parsers raise anything on a damaged part
        raise ImportSourceError(
            _(
                "Cannot import “{name}”: Word's content in it cannot be read ({reason}). Open "
                "it in Word and save it again as a .docx."
            ).format(name=name, reason=exc)
        ) from None

    def load(src: str) -> Picture:
        return pictures[src]

    return build_articles(
        read_pieces(result.value), load, source=name, split_headings=split_headings
    )
