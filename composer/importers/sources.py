"""One entry for every source: a .docx, .md, .txt or .html file, or a web address."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from composer.errors import ImportSourceError
from composer.i18n import ui_message as _
from composer.importers.article import Imported
from composer.importers.fetch import MAX_PAGE_BYTES, fetch, is_web_address

__all__ = ["SOURCE_SUFFIXES", "import_source"]

#: The file types that can be imported, by suffix.
SOURCE_SUFFIXES: Final = (".docx", ".md", ".markdown", ".txt", ".html", ".htm")
_WEB_PAGE_TYPES: Final = ("text/html", "application/xhtml+xml", "")


def _import_address(url: str, split_headings: bool) -> Imported:
    from composer.importers.web_page import import_web_page

    download = fetch(url, MAX_PAGE_BYTES)
    if download.content_type not in _WEB_PAGE_TYPES:
        raise ImportSourceError(
            _(
                "Cannot import “{url}”: it is not a web page but a file of the type "
                "“{type}”. Download it and import the file instead."
            ).format(url=url, type=download.content_type)
        )
    return import_web_page(
        download.data,
        url,
        url=download.url,
        charset=download.charset,
        split_headings=split_headings,
    )


def _import_file(path: Path, split_headings: bool) -> Imported:
    suffix = path.suffix.lower()
    if suffix not in SOURCE_SUFFIXES:
        raise ImportSourceError(
            _(
                "Cannot import “{name}”: only Word documents (.docx), Markdown (.md), text "
                "(.txt) and web pages (.html) can be imported."
            ).format(name=path.name)
        )
    if not path.exists():
        raise ImportSourceError(
            _("Cannot import “{name}”: there is no such file.").format(name=str(path))
        )
    if suffix == ".docx":
        from composer.importers.word import import_docx, read_docx

        return import_docx(read_docx(path), path.name, split_headings=split_headings)
    if suffix in (".html", ".htm"):
        from composer.importers.web_page import import_web_page, read_html_file

        return import_web_page(
            read_html_file(path), path.name, folder=path.parent, split_headings=split_headings
        )
    from composer.importers.text import (
        decode_text,
        import_markdown,
        import_plain_text,
        read_text_file,
    )

    text = decode_text(read_text_file(path))
    if suffix == ".txt":
        return import_plain_text(text, path.name, split_headings=split_headings)
    return import_markdown(text, path.name, path.parent, split_headings=split_headings)


def import_source(source: str | Path, *, split_headings: bool = False) -> Imported:
    """The articles of a file or a web page.

    A web address is downloaded (only http and https, with a timeout and a size cap), and
    so are its pictures; a file's pictures are read from beside it, never online.

    Args:
        source: a file (.docx, .md, .txt, .html) or a web address.
        split_headings: one article per Heading 1 (or Heading 2) section.

    Raises:
        ImportSourceError: the source cannot be read or downloaded, or holds no text.
    """
    if isinstance(source, str) and is_web_address(source):
        return _import_address(source, split_headings)
    return _import_file(Path(source), split_headings)
