"""Structure of pasted and imported markup: paragraphs, headings, real lists, tables by row."""

from __future__ import annotations

import html as html_module
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Final, Literal

from lxml import etree
from lxml import html as lxml_html

from composer.richtext import cut_deep_markup, printable, sanitize

__all__ = ["CELL_SEPARATOR", "Piece", "clean_paste", "read_pieces", "write_pieces"]

PieceKind = Literal["paragraph", "heading", "caption", "list", "picture"]

#: Between the cells of a table row, once the row is a paragraph.
CELL_SEPARATOR: Final = " · "

_HEADINGS: Final = {f"h{level}": level for level in range(1, 7)}
#: Elements whose content is not text a reader sees.
_SKIP: Final = frozenset(
    {
        "script",
        "style",
        "head",
        "title",
        "meta",
        "link",
        "noscript",
        "template",
        "xml",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "video",
        "audio",
        "canvas",
        "map",
        "input",
        "button",
        "select",
        "option",
        "textarea",
    }
)
#: Elements that begin and end a paragraph of their own (lists and tables are handled apart).
_BLOCK: Final = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "p",
        "pre",
        "section",
        "summary",
        "td",
        "th",
        "tr",
        "tbody",
        "thead",
        "tfoot",
    }
)
_BOLD_TAGS: Final = frozenset({"b", "strong"})
_ITALIC_TAGS: Final = frozenset({"i", "em", "cite", "dfn"})
_BOLD_STYLE: Final = re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)\b", re.I)
_NOT_BOLD_STYLE: Final = re.compile(r"font-weight\s*:\s*(normal|lighter|[1-5]00)\b", re.I)
_ITALIC_STYLE: Final = re.compile(r"font-style\s*:\s*(italic|oblique)\b", re.I)
_NOT_ITALIC_STYLE: Final = re.compile(r"font-style\s*:\s*normal\b", re.I)
_CAPTION_CLASS: Final = re.compile(r"caption|bildtext|figcaption", re.I)
_LINK_SCHEME: Final = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
_SPACE: Final = re.compile(r"[ \t\r\n\f]+")
#: What a reader cannot see: spaces, no-break spaces, zero-width characters.
_INVISIBLE: Final = " \t\r\n\f\xa0\u200b\u200c\u200d\u2060\ufeff"
#: Pictures this small are icons, spacers or web bugs, never an article's photo.
_SMALLEST_PICTURE: Final = 32
#: Nesting past this depth is read as plain text: no real document nests so deep, and the
#: walk must not exhaust Python's stack on a hostile paste.
_MAX_WALK_DEPTH: Final = 200

#: libxml2 stops at 256 levels and drops the rest (cut_deep_markup keeps within that, and
#: the walk reads what nests deeper still as text).
_PARSER: Final = lxml_html.HTMLParser(huge_tree=True)

# Word marks the bullet or number of a list paragraph as "downlevel-revealed" conditional
# content (<![if !supportLists]>…<![endif]>, in Outlook <!--[if !supportLists]-->…); HTML
# parsers keep only the text in it, which is how "·  " ends up in front of the item.
_WORD_MARKER: Final = re.compile(
    r"<!(?:--)?\[if\s+!supportLists\](?:--)?>(.*?)<!(?:--)?\[endif\](?:--)?>", re.I | re.S
)
_CONDITIONAL: Final = re.compile(r"<!\[(?:if\s[^\]]*|endif)\]>", re.I)
_XML_DECLARATION: Final = re.compile(r"^\s*<\?xml[^>]*>", re.I)
_MSO_LIST: Final = re.compile(r"mso-list\s*:\s*(l\d+)\s+level(\d+)", re.I)
_MSO_IGNORE: Final = re.compile(r"mso-list\s*:\s*ignore", re.I)
_NUMBER_MARKER: Final = re.compile(r"^\(?([0-9]{1,3}|[a-z]|[ivxlcdm]{1,6})[.)]$", re.I)
_TEXT_MARKER: Final = re.compile(
    r"^[\s\xa0]*([·•▪◦‣∙o§\-–*]|\(?(?:[0-9]{1,3}|[a-z]|[ivxlcdm]{1,6})[.)])[\s\xa0]+", re.I
)


@dataclass(frozen=True)
class Piece:
    """One block of imported content, in reading order.

    Attributes:
        kind: a paragraph, a heading, a picture's caption, a whole list, or a picture.
        html: the inline markup of a paragraph, heading or caption; the markup of a list.
        level: a heading's level (1 to 6); 0 otherwise.
        src: a picture's address as the source wrote it.
        alt: a picture's description.
    """

    kind: PieceKind
    html: str = ""
    level: int = 0
    src: str = ""
    alt: str = ""

    @property
    def text(self) -> str:
        """The visible text, on one line."""
        if not self.html:
            return ""
        return " ".join(lxml_html.fragment_fromstring(self.html, create_parent="div").itertext())


def _tag(element: etree._Element) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def _escape(text: str) -> str:
    return html_module.escape(printable(text), quote=False)


def _visible(text: str) -> bool:
    return bool(text.strip(_INVISIBLE))


def _prepare(markup: str) -> str:
    """Word's conditional markup made plain: list markers in a span, the rest unwrapped."""
    markup = _XML_DECLARATION.sub("", markup)
    markup = _WORD_MARKER.sub(r'<span style="mso-list:Ignore">\1</span>', markup)
    return _CONDITIONAL.sub("", markup)


def _parse(markup: str) -> etree._Element | None:
    """The body of ``markup`` as a tree, or None when it holds nothing."""
    markup = cut_deep_markup(_prepare(printable(markup)))
    if not markup.strip():
        return None
    try:
        document = lxml_html.document_fromstring(markup, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None
    body = document.find("body")
    return body if body is not None else document


# --- Word's list paragraphs ----------------------------------------------------------------


def _word_list_item(paragraph: etree._Element) -> tuple[int, bool] | None:
    """(level, numbered) of a Word list paragraph (``mso-list: l0 level1 lfo1``), else None."""
    match = _MSO_LIST.search(paragraph.get("style") or "")
    if match is None:
        return None
    marker = ""
    for span in paragraph.iter("span"):
        if _MSO_IGNORE.search(span.get("style") or ""):
            marker = "".join(span.itertext()).strip(_INVISIBLE)
            span.drop_tree()  # keeps the text after it
            break
    else:
        # Some programs write the marker as plain text in front of the item.
        text = paragraph.text or ""
        found = _TEXT_MARKER.match(text)
        if found:
            marker = found.group(1)
            paragraph.text = text[found.end() :]
    return int(match.group(2)), bool(_NUMBER_MARKER.match(marker))


def _word_lists(body: etree._Element) -> None:
    """Turn runs of Word's list paragraphs into real, nested ``ul`` and ``ol`` lists."""
    items = [
        (element, item)
        for element in list(body.iter("p", "div", *_HEADINGS))
        if (item := _word_list_item(element)) is not None
    ]
    runs: list[list[tuple[etree._Element, tuple[int, bool]]]] = []
    for element, item in items:
        previous = runs[-1][-1][0] if runs else None
        if (
            previous is not None
            and element.getprevious() is previous
            and not _visible(previous.tail or "")
        ):
            runs[-1].append((element, item))
        else:
            runs.append([(element, item)])
    for run in runs:
        _nest(run)


def _nest(run: list[tuple[etree._Element, tuple[int, bool]]]) -> None:
    stack: list[tuple[int, etree._Element]] = []
    top: etree._Element | None = None
    last_tail = run[-1][0].tail
    for paragraph, (level, numbered) in run:
        tag = "ol" if numbered else "ul"
        while stack and stack[-1][0] > level:
            stack.pop()
        if stack and stack[-1][0] == level and stack[-1][1].tag != tag:
            stack.pop()
        if not stack or stack[-1][0] < level:
            new_list = etree.Element(tag)
            if stack:
                parent_list = stack[-1][1]
                holder = (
                    parent_list[-1] if len(parent_list) else etree.SubElement(parent_list, "li")
                )
                holder.append(new_list)
            else:
                paragraph.addprevious(new_list)
                top = new_list
            stack.append((level, new_list))
        item = etree.SubElement(stack[-1][1], "li")
        paragraph.tail = None
        item.append(paragraph)
    if top is not None:
        top.tail = last_tail


# --- the walk --------------------------------------------------------------------------------


def _style_wrappers(element: etree._Element, tag: str) -> tuple[str, str]:
    """The strong/em/a tags an inline element stands for, as (opening, closing) markup."""
    style = element.get("style") or ""
    bold = (tag in _BOLD_TAGS and not _NOT_BOLD_STYLE.search(style)) or bool(
        _BOLD_STYLE.search(style)
    )
    italic = (tag in _ITALIC_TAGS and not _NOT_ITALIC_STYLE.search(style)) or bool(
        _ITALIC_STYLE.search(style)
    )
    opening: list[str] = []
    closing: list[str] = []
    href = (element.get("href") or "").strip()
    # A link without a scheme (a page of the same site, a place in the same page) leads
    # nowhere from an email: its text stays, the link goes.
    if tag == "a" and _LINK_SCHEME.match(href):
        opening.append(f'<a href="{html_module.escape(href)}">')
        closing.insert(0, "</a>")
    if bold:
        opening.append("<strong>")
        closing.insert(0, "</strong>")
    if italic:
        opening.append("<em>")
        closing.insert(0, "</em>")
    return "".join(opening), "".join(closing)


@dataclass
class _Walk:
    """Reads a tree into pieces; inline formatting that spans blocks is carried across."""

    pictures: bool
    pieces: list[Piece] = field(default_factory=list)
    line: list[str] = field(default_factory=list)
    visible: bool = False
    wrappers: list[tuple[str, str]] = field(default_factory=list)
    preformatted: int = 0

    def flush(self, kind: PieceKind = "paragraph", level: int = 0) -> None:
        if self.visible:
            closing = "".join(close for _open, close in reversed(self.wrappers))
            markup = _trim("".join(self.line) + closing)
            self.pieces.append(Piece(kind, markup, level))
        self.line = [opening for opening, _close in self.wrappers]
        self.visible = False

    def text(self, text: str | None) -> None:
        if not text:
            return
        if self.preformatted:
            self.line.append(_escape(text).replace("\n", "<br>"))
        else:
            self.line.append(_escape(_SPACE.sub(" ", text)))
        self.visible = self.visible or _visible(text)

    def children(self, element: etree._Element, depth: int) -> None:
        self.text(element.text)
        for child in element:
            self.walk(child, depth + 1)
            self.text(child.tail)

    def walk(self, element: etree._Element, depth: int = 0) -> None:
        tag = _tag(element)
        if not tag or tag in _SKIP:
            return  # comments, processing instructions, scripts and the like
        if depth > _MAX_WALK_DEPTH:
            self.text(" ".join(element.itertext()))
        elif tag == "br":
            self.line.append("<br>")
        elif tag == "img":
            self.picture(element)
        elif tag in ("ul", "ol"):
            self.flush()
            markup = _list_markup(element, depth)
            if markup:
                self.pieces.append(Piece("list", markup))
        elif tag == "table":
            self.flush()
            self.table(element, depth)
        elif tag in _HEADINGS:
            self.flush()
            self.children(element, depth)
            self.flush("heading", _HEADINGS[tag])
        elif tag in _BLOCK:
            self.flush()
            self.preformatted += tag == "pre"
            self.children(element, depth)
            self.preformatted -= tag == "pre"
            caption = tag == "figcaption" or _CAPTION_CLASS.search(element.get("class") or "")
            self.flush("caption" if caption else "paragraph")
        else:
            opening, closing = _style_wrappers(element, tag)
            if opening:
                self.wrappers.append((opening, closing))
                self.line.append(opening)
            self.children(element, depth)
            if opening:
                self.wrappers.pop()
                self.line.append(closing)

    def picture(self, element: etree._Element) -> None:
        if not self.pictures:
            return
        src = (element.get("src") or "").strip()
        sizes = [element.get("width") or "", element.get("height") or ""]
        tiny = any(size.isdigit() and int(size) < _SMALLEST_PICTURE for size in sizes)
        if src and not tiny:
            self.flush()
            self.pieces.append(
                Piece("picture", src=src, alt=" ".join(element.get("alt", "").split()))
            )

    def table(self, table: etree._Element, depth: int) -> None:
        """A data table becomes a paragraph per row; a layout table, its cells' content."""
        rows = [
            (row, [cell for cell in row if _tag(cell) in ("td", "th")])
            for row in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
        ]
        cell_texts = [[_cell_markup(cell, depth) for cell in cells] for _row, cells in rows]
        if all(sum(1 for text in texts if text) <= 1 for texts in cell_texts):
            for _row, cells in rows:
                for cell in cells:
                    self.walk(cell, depth + 1)
            self.flush()
            return
        for (row, cells), texts in zip(rows, cell_texts, strict=True):
            shown = [text for text in texts if text]
            if not shown:
                continue
            markup = CELL_SEPARATOR.join(shown)
            header = _tag(row.getparent()) == "thead" or all(_tag(cell) == "th" for cell in cells)
            self.pieces.append(
                Piece("paragraph", f"<strong>{markup}</strong>" if header else markup)
            )


def _trim(markup: str) -> str:
    """``markup`` without the spaces and line breaks at its ends."""
    return re.sub(r"^(?:\s|<br>)+|(?:\s|<br>)+$", "", markup)


def _inline_pieces(element: etree._Element, depth: int) -> list[Piece]:
    walk = _Walk(pictures=False)
    walk.children(element, depth)
    walk.flush()
    return walk.pieces


def _list_markup(element: etree._Element, depth: int) -> str:
    """A list with each item on one line (its paragraphs as line breaks), nested lists kept."""
    tag = _tag(element)
    items: list[str] = []
    for child in element:
        if _tag(child) in ("ul", "ol"):
            # A list directly in a list (browsers write it so for indented items): it
            # belongs to the item before it.
            nested = _list_markup(child, depth + 1)
            if items and nested:
                items[-1] = items[-1][: -len("</li>")] + nested + "</li>"
            elif nested:
                items.append(f"<li>{nested}</li>")
            continue
        if _tag(child) != "li":
            continue
        parts = [
            piece.html if piece.kind != "heading" else f"<strong>{piece.html}</strong>"
            for piece in _inline_pieces(child, depth + 1)
            if piece.kind != "list"
        ]
        nested_lists = "".join(
            piece.html for piece in _inline_pieces(child, depth + 1) if piece.kind == "list"
        )
        if parts or nested_lists:
            items.append(f"<li>{'<br>'.join(parts)}{nested_lists}</li>")
    return f"<{tag}>{''.join(items)}</{tag}>" if items else ""


def _cell_markup(cell: etree._Element, depth: int) -> str:
    """A table cell's content on one line: its paragraphs and list items side by side."""
    parts: list[str] = []
    for piece in _inline_pieces(cell, depth + 1):
        if piece.kind == "list":
            items = lxml_html.fragment_fromstring(piece.html, create_parent="div").xpath(".//li")
            parts.append(", ".join(" ".join(item.itertext()).strip() for item in items))
        else:
            parts.append(piece.html)
    return " ".join(part for part in parts if part)


# --- the public functions ----------------------------------------------------------------------


def read_pieces(markup: str, *, pictures: bool = True) -> list[Piece]:
    """The blocks of ``markup`` (a web page, Word's clipboard, a converted file), in order.

    Word's list paragraphs become lists; a data table becomes a paragraph per row, its cells
    separated by CELL_SEPARATOR (a layout table just its content); ``div`` and other
    containers end paragraphs; bold and italic written as styles become ``strong`` and
    ``em``; empty paragraphs are dropped. The pieces' markup is not yet sanitized.

    Args:
        markup: HTML, a whole document or a fragment.
        pictures: make pieces of the pictures (else they are left out).
    """
    body = _parse(markup)
    if body is None:
        return []
    _word_lists(body)
    walk = _Walk(pictures=pictures)
    walk.walk(body)
    walk.flush()
    return walk.pieces


def write_pieces(pieces: Iterable[Piece]) -> str:
    """Pieces as rich text (pictures left out; headings as bold paragraphs), sanitized."""
    return sanitize("".join(_piece_markup(pieces)))


def _piece_markup(pieces: Iterable[Piece]) -> Iterator[str]:
    for piece in pieces:
        if piece.kind == "list":
            yield piece.html
        elif piece.kind == "heading":
            yield f"<p><strong>{piece.html}</strong></p>"
        elif piece.kind != "picture":
            yield f"<p>{piece.html}</p>"


def clean_paste(markup: str) -> str:
    """What pasting ``markup`` (Word, Outlook, LibreOffice, a browser) puts into a body.

    Lists stay lists, Word's list paragraphs included; tables become a paragraph per row;
    empty paragraphs are dropped; then the body's own sanitizer decides what is kept.
    """
    return write_pieces(read_pieces(markup, pictures=False))
