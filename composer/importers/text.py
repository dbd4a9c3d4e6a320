"""Markdown (markdown-it-py, CommonMark) and plain text files."""

from __future__ import annotations

import html as html_module
import re
from pathlib import Path
from typing import Final

from composer.errors import ImportSourceError
from composer.i18n import ui_message as _
from composer.i18n import ui_number
from composer.importers.article import Imported, Picture, build_articles
from composer.importers.files import read_source_file
from composer.importers.pictures import local_picture_loader
from composer.importers.structure import Piece, read_pieces

__all__ = ["MAX_TEXT_FILE_BYTES", "decode_text", "import_markdown", "import_plain_text"]

#: Largest text file accepted: a whole year of newsletters is a few hundred kilobytes.
MAX_TEXT_FILE_BYTES: Final = 10 * 1024 * 1024
_BULLET: Final = re.compile(r"^\s*[-*•·–]\s+")
_NUMBER: Final = re.compile(r"^\s*\d{1,3}[.)]\s+")
_URL: Final = re.compile(r"https?://[^\s<>\"]+")
#: Lines at least this long, then a line break: the text was wrapped, not broken on purpose.
_WRAPPED_LINE: Final = 50
_TITLE_LENGTH: Final = 80


def decode_text(data: bytes) -> str:
    """Text of a file: UTF-8 (with or without its mark), else Windows' Western encoding."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Notepad and older Word "Save as text" wrote cp1252 on Swedish Windows.
        return data.decode("cp1252", errors="replace")


def read_text_file(path: Path) -> bytes:
    """The bytes of a text file, refused when too large or unreadable."""
    return read_source_file(
        path,
        MAX_TEXT_FILE_BYTES,
        lambda _size: _(
            "Cannot import “{name}”: it is larger than {limit} MB, far more than a "
            "newsletter's articles."
        ).format(name=path.name, limit=ui_number(MAX_TEXT_FILE_BYTES // 1_000_000)),
    )


def import_markdown(
    text: str, name: str, folder: Path | None, *, split_headings: bool = False
) -> Imported:
    """The articles of a Markdown text (CommonMark, with tables).

    Args:
        text: the Markdown.
        name: the file's name, for messages.
        folder: where its pictures are looked for (never online).
        split_headings: one article per ``#`` (or ``##``) section.
    """
    from markdown_it import MarkdownIt

    # Raw HTML in the text stays text: a Markdown file is prose, not a web page.
    converter = MarkdownIt("commonmark", {"html": False}).enable("table")
    return build_articles(
        read_pieces(converter.render(text)),
        local_picture_loader(folder, name),
        source=name,
        split_headings=split_headings,
    )


def _linked(text: str) -> str:
    """Escaped ``text`` with its web addresses as links."""
    out: list[str] = []
    position = 0
    for match in _URL.finditer(text):
        url = match.group().rstrip(".,;:!?)»”’'")
        out.append(html_module.escape(text[position : match.start()], quote=False))
        escaped = html_module.escape(url)
        out.append(f'<a href="{escaped}">{escaped}</a>')
        position = match.start() + len(url)
    out.append(html_module.escape(text[position:], quote=False))
    return "".join(out)


def _paragraph(lines: list[str]) -> str:
    wrapped = all(len(line) >= _WRAPPED_LINE for line in lines[:-1])
    return (" " if wrapped else "<br>").join(_linked(line.strip()) for line in lines)


def plain_text_pieces(text: str) -> list[Piece]:
    """Paragraphs (separated by blank lines), lists (lines with "-", "•" or "1."), a title."""
    blocks = [
        [line for line in block.splitlines() if line.strip()]
        for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    ]
    blocks = [block for block in blocks if block]
    pieces: list[Piece] = []
    for index, lines in enumerate(blocks):
        for pattern, tag in ((_BULLET, "ul"), (_NUMBER, "ol")):
            if all(pattern.match(line) for line in lines):
                items = "".join(f"<li>{_linked(pattern.sub('', line))}</li>" for line in lines)
                pieces.append(Piece("list", f"<{tag}>{items}</{tag}>"))
                break
        else:
            title = lines[0].strip()
            if (
                index == 0
                and len(lines) == 1
                and len(blocks) > 1
                and len(title) <= _TITLE_LENGTH
                and not title.endswith((".", ":", "!", "?"))
            ):
                pieces.append(Piece("heading", _linked(title), level=1))
            else:
                pieces.append(Piece("paragraph", _paragraph(lines)))
    return pieces


def import_plain_text(text: str, name: str, *, split_headings: bool = False) -> Imported:
    """The article of a plain text: its first short line the headline, then paragraphs.

    Args:
        text: the text.
        name: the file's name, for messages.
        split_headings: kept for a uniform call; plain text has one title at most.
    """

    def no_pictures(src: str) -> Picture:
        raise ImportSourceError(_("plain text holds no pictures."))

    return build_articles(
        plain_text_pieces(text), no_pictures, source=name, split_headings=split_headings
    )
