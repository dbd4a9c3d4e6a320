"""Web pages, from an address or a saved file: the main article found by trafilatura.

trafilatura tells the article from the navigation, header, sidebar and footer around it,
and keeps headings, paragraphs, lists, bold, italic, links and pictures, with the title and
date of the page. What it leaves out, the date line and the category above a headline
("01 Nov 2012 Norra Sverige i EU"), is read here from the page itself.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Final
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from composer.errors import ImportSourceError
from composer.i18n import ui_message as _
from composer.i18n import ui_number
from composer.importers.article import (
    Hints,
    Imported,
    PictureLoader,
    build_articles,
    read_date_line,
)
from composer.importers.files import read_source_file
from composer.importers.pictures import local_picture_loader, web_picture_loader
from composer.importers.structure import Piece, read_pieces

__all__ = ["MAX_HTML_FILE_BYTES", "decode_page", "import_web_page", "read_html_file"]

#: Largest saved web page accepted (without its pictures, which are files of their own).
MAX_HTML_FILE_BYTES: Final = 10 * 1024 * 1024
_META_CHARSET: Final = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_OUTSIDE_ARTICLE: Final = "ancestor-or-self::*[self::nav or self::footer or self::header]"
_DATE_CLASSES: Final = (
    "//*[self::time or contains(@class, 'date') or contains(@class, 'datum') or "
    "contains(@class, 'byline') or contains(@class, 'published') or "
    "contains(@class, 'meta')]"
)
_CATEGORY_CLASSES: Final = (
    "//*[contains(@class, 'categor') or contains(@class, 'kategori') or "
    "contains(@class, 'section')]"
)
_CATEGORY_LENGTH: Final = 60
#: Fewer words than this are a menu or a footer, not an article.
_FEWEST_WORDS: Final = 15
#: How many elements with a date-like class are read, at most.
_DATE_CANDIDATES: Final = 20


def decode_page(data: bytes, charset: str | None = None) -> str:
    """The text of a web page: the server's encoding, the page's own, else UTF-8 or cp1252."""
    declared = [charset] if charset else []
    match = _META_CHARSET.search(data[:4096])
    if match:
        declared.append(match.group(1).decode("ascii"))
    for encoding in [*declared, "utf-8"]:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")


def read_html_file(path: Path) -> bytes:
    """The bytes of a saved web page, refused when too large or unreadable."""
    return read_source_file(
        path,
        MAX_HTML_FILE_BYTES,
        lambda _size: _(
            "Cannot import “{name}”: it is larger than {limit} MB, more than a web page should be."
        ).format(name=path.name, limit=ui_number(MAX_HTML_FILE_BYTES // 1_000_000)),
    )


def _text(element: etree._Element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def _outside_article(element: etree._Element) -> bool:
    return bool(element.xpath(_OUTSIDE_ARTICLE))


def _headline_element(root: etree._Element, title: str) -> etree._Element | None:
    headings = root.xpath("//h1|//h2")
    wanted = title.casefold()
    for heading in headings:
        if _text(heading).casefold() == wanted:
            return heading
    return next((h for h in headings if h.tag == "h1"), None)


def _neighbours(element: etree._Element) -> list[etree._Element]:
    """The elements just before and after ``element``, and around its parent."""
    found: list[etree._Element] = []
    for node in (element, element.getparent()):
        if node is None:
            continue
        before, after = node.getprevious(), node.getnext()
        found += [n for n in (before, after) if n is not None]
        if before is not None and before.getprevious() is not None:
            found.append(before.getprevious())
        if after is not None and after.getnext() is not None:
            found.append(after.getnext())
    return found


def _address_of_saved_page(page: str) -> str:
    """Where a saved page was on the web (its canonical address), or ""."""
    try:
        root = lxml_html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        return ""
    for address in root.xpath(
        "//link[@rel='canonical']/@href|//meta[@property='og:url']/@content|//base/@href"
    ):
        if urlsplit(str(address)).scheme in ("http", "https"):
            return str(address)
    return ""


def _page_hints(page: str, title: str, date: str) -> Hints:
    """The date and category the page shows around its headline, its title and date."""
    found_date: dt.date | None = None
    category = ""
    try:
        root = lxml_html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        root = None
    if root is not None:
        section = root.xpath("//meta[@property='article:section']/@content")
        category = " ".join(str(section[0]).split()) if section else ""
        headline = _headline_element(root, title)
        candidates = _neighbours(headline) if headline is not None else []
        candidates += root.xpath(_DATE_CLASSES)[:_DATE_CANDIDATES]
        for candidate in candidates:
            if not isinstance(candidate.tag, str) or _outside_article(candidate):
                continue
            line = read_date_line(_text(candidate))
            if line is not None:
                found_date, category = line[0], category or line[1]
                break
        if not category:
            for element in root.xpath(_CATEGORY_CLASSES):
                text = _text(element)
                if 0 < len(text) <= _CATEGORY_LENGTH and not _outside_article(element):
                    category = text
                    break
    if found_date is None and date:
        try:
            found_date = dt.date.fromisoformat(date[:10])
        except ValueError:
            found_date = None
    return Hints(headline=title, date=found_date, category=category)


def _too_short(extracted: str) -> bool:
    """Whether what was found is too little to be an article (a menu's words, a footer)."""
    body = lxml_html.document_fromstring(extracted).find("body")
    words = " ".join(body.itertext()).split() if body is not None else []
    return len(words) < _FEWEST_WORDS


def import_web_page(
    data: bytes,
    source: str,
    *,
    url: str | None = None,
    folder: Path | None = None,
    charset: str | None = None,
    split_headings: bool = False,
) -> Imported:
    """The main article of a web page.

    Args:
        data: the page as the server sent it or the browser saved it.
        source: the address or file name, for messages.
        url: the page's address when it was downloaded; its pictures are downloaded too.
        folder: the folder of a saved page, where its pictures are looked for (never online).
        charset: the encoding the server declared.
        split_headings: one article per Heading 1 (or Heading 2) section.

    Raises:
        ImportSourceError: the page holds no article.
    """
    import trafilatura

    page = decode_page(data, charset)
    extracted = trafilatura.extract(
        page,
        url=url,
        output_format="html",
        with_metadata=True,
        include_formatting=True,
        include_links=True,
        include_images=True,
        include_tables=True,
        include_comments=False,
        # Only dates the page states (in its metadata or beside the headline), no guesses.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if not extracted or _too_short(extracted):
        raise ImportSourceError(
            _(
                "Cannot import “{source}”: no article was found on the page. Copy its text "
                "and paste it into an article instead."
            ).format(source=source)
        )
    document = lxml_html.document_fromstring(extracted)
    meta = {
        str(element.get("name")): str(element.get("content") or "")
        for element in document.iter("meta")
    }
    hints = _page_hints(page, meta.get("title", ""), meta.get("date", ""))
    body = document.find("body")
    if body is None:
        body = document
    base = url or _address_of_saved_page(page)
    if base:
        # Links to the site's own pages, made whole; pictures stay as the page names them.
        for link in body.iter("a"):
            if link.get("href"):
                link.set("href", urljoin(base, link.get("href", "").strip()))
    markup = lxml_html.tostring(body, encoding="unicode")
    pieces = read_pieces(markup)
    lead = meta.get("image", "")
    if lead and not any(piece.kind == "picture" for piece in pieces):
        # The lead picture stands above the article on many sites (og:image says which).
        pieces.insert(0, Piece("picture", src=lead))
    loader: PictureLoader = (
        web_picture_loader(url) if url is not None else local_picture_loader(folder, source)
    )
    return build_articles(pieces, loader, source=source, split_headings=split_headings, hints=hints)
