"""From pieces of imported content to article blocks, pictures through the document's gate."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Final

from composer.document import Document
from composer.errors import ComposerError, ImportSourceError
from composer.i18n import ui_message as _
from composer.i18n import ui_number
from composer.importers.structure import Piece, write_pieces
from composer.model import MAX_TEXT_LENGTH, BlockBase, ImageRef, ImageStore, make_block

__all__ = [
    "Hints",
    "Imported",
    "Picture",
    "PictureLoader",
    "build_articles",
    "read_date_line",
]

_MONTHS: Final = {
    "januari": 1,
    "january": 1,
    "jan": 1,
    "februari": 2,
    "february": 2,
    "feb": 2,
    "mars": 3,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "maj": 5,
    "may": 5,
    "juni": 6,
    "june": 6,
    "jun": 6,
    "juli": 7,
    "july": 7,
    "jul": 7,
    "augusti": 8,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "october": 10,
    "okt": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_MONTH: Final = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE: Final = (
    rf"(?:(?P<d1>\d{{1,2}})(?:\.|:[ae])?\s+(?P<m1>{_MONTH})\.?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{1,2})-(?P<d3>\d{1,2})"
    r"|(?P<d4>\d{1,2})[./](?P<m4>\d{1,2})[./](?P<y4>\d{4}))"
)
_WEEKDAY: Final = (
    r"(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:en)?,?\s+(?:den\s+)?"
)
_LABEL: Final = r"(?:(?:publicerad|publicerat|uppdaterad|datum|published|posted|date)\s*:?\s*)"
_DATE_FIRST: Final = re.compile(rf"^{_LABEL}?(?:{_WEEKDAY})?{_DATE}\b(?P<rest>.*)$", re.I | re.S)
_DATE_LAST: Final = re.compile(rf"^(?P<rest>.*?)\s*{_LABEL}?(?:{_WEEKDAY})?{_DATE}$", re.I | re.S)
_SEPARATORS: Final = " \t\xa0|·•–—-:,/"
#: A date line is short; a category, a few words.
_DATE_LINE_LENGTH: Final = 120
_CATEGORY_LENGTH: Final = 60
_CATEGORY_WORDS: Final = 8
#: "/Johan Leymann": how Swedish news items are signed.
_SIGNATURE: Final = re.compile(r"^/\s*[^\W\d_][\w.'’ -]{1,60}$")
#: A short line standing alone before text is its heading (a plain-text file's title).
_HEADING_LENGTH: Final = 80


@dataclass(frozen=True)
class Picture:
    """A picture file as a source holds it.

    Attributes:
        data: the file's content.
        name: its file name, kept for messages and export names.
    """

    data: bytes
    name: str


#: Gives the picture a source refers to (by its ``src``); raises ComposerError if it cannot.
PictureLoader = Callable[[str], Picture]


@dataclass(frozen=True)
class Hints:
    """What a source says about its article outside the body (a web page's metadata).

    Attributes:
        headline: the title, used when the body does not begin with a heading.
        date: the publication date.
        category: the section or category.
    """

    headline: str = ""
    date: dt.date | None = None
    category: str = ""


@dataclass
class Imported:
    """What an import made: blocks in reading order and the pictures they show.

    Attributes:
        blocks: new blocks (fresh ids), articles and the pictures and text around them.
        images: the picture files, accepted by the same gate as a picture the user chooses.
        notes: what the user should know: a picture left out and why, …
    """

    blocks: list[BlockBase] = field(default_factory=list)
    images: ImageStore = field(default_factory=ImageStore)
    notes: list[str] = field(default_factory=list)


def _date(match: re.Match[str]) -> dt.date | None:
    groups = match.groupdict()
    for number in "1234":
        year, month, day = groups[f"y{number}"], groups[f"m{number}"], groups[f"d{number}"]
        if year is None or month is None or day is None:
            continue
        month_number = int(month) if month.isdigit() else _MONTHS[month.lower()]
        try:
            return dt.date(int(year), month_number, int(day))
        except ValueError:
            return None
    return None


def read_date_line(text: str) -> tuple[dt.date, str] | None:
    """The date and the category of a line such as "01 Nov 2012 Norra Sverige i EU".

    The date may come first or last, in Swedish or English ("1 november 2012", "Nov 1,
    2012"), as ISO (2012-11-01) or as day.month.year; what else the line says is the category.

    Returns:
        (date, category, "" if none), or None when ``text`` is not such a line.
    """
    text = " ".join(text.split())
    if not text or len(text) > _DATE_LINE_LENGTH:
        return None
    for pattern in (_DATE_FIRST, _DATE_LAST):
        match = pattern.match(text)
        if match is None:
            continue
        date = _date(match)
        category = match.group("rest").strip(_SEPARATORS)
        if (
            date is not None
            and len(category) <= _CATEGORY_LENGTH
            and len(category.split()) <= _CATEGORY_WORDS
            and not category.endswith((".", "!", "?"))
        ):
            return date, category
    return None


class _Pictures:
    """Loads each picture once and keeps it through ``Document.add_image``."""

    def __init__(self, load: PictureLoader, imported: Imported) -> None:
        self._load = load
        self._imported = imported
        self._gate = Document()
        self._loaded: dict[str, ImageRef | None] = {}

    def get(self, src: str) -> ImageRef | None:
        if src not in self._loaded:
            self._loaded[src] = self._add(src)
        return self._loaded[src]

    def _add(self, src: str) -> ImageRef | None:
        shown = src if len(src) <= 80 else src[:77] + "…"
        try:
            picture = self._load(src)
            # A picture inside the source (Word's) is known by its name; others by address.
            shown = picture.name if src.startswith("picture:") else shown
            ref, _info = self._gate.add_image(picture.data, picture.name)
        except ComposerError as exc:
            self._imported.notes.append(
                _("The picture “{picture}” was left out: {reason}").format(
                    picture=shown, reason=exc
                )
            )
            return None
        # The gate keeps a working copy (Document.add_image); that is what the ref names.
        self._imported.images.data[ref.sha256] = self._gate.images.get(ref)
        return ref


def _split(pieces: Sequence[Piece], split_headings: bool) -> list[list[Piece]]:
    """The pieces by article: all in one, or one article per Heading 1 or 2 section.

    A section with nothing but its heading (a document's title above its first article)
    makes no article.
    """
    if not split_headings:
        return [list(pieces)]
    sections: list[list[Piece]] = [[]]
    for piece in pieces:
        if piece.kind == "heading" and piece.level <= 2 and sections[-1]:
            sections.append([])
        sections[-1].append(piece)
    return [section for section in sections if _has_content(section)] or [list(pieces)]


def _has_content(section: Sequence[Piece]) -> bool:
    return any(piece.kind != "heading" for piece in section)


def _signature_index(pieces: Sequence[Piece]) -> int | None:
    for index in range(len(pieces) - 1, -1, -1):
        piece = pieces[index]
        if piece.kind == "paragraph" and _SIGNATURE.match(piece.text.strip()):
            return index
    return None


def _is_heading_line(piece: Piece) -> bool:
    text = piece.text.strip()
    return piece.kind == "heading" or (
        piece.kind == "paragraph"
        and 0 < len(text) <= _HEADING_LENGTH
        and not text.endswith((".", ":", "!", "?"))
    )


@dataclass
class _Article:
    """One article being assembled."""

    headline: str = ""
    date: dt.date | None = None
    category: str = ""
    signature: str = ""
    body: list[Piece] = field(default_factory=list)
    pictures: list[tuple[str, str, str]] = field(default_factory=list)  # src, alt, caption
    after: list[Piece] = field(default_factory=list)

    def take_date_line(self, piece: Piece) -> bool:
        """Take the date and category from ``piece`` if it is the article's date line."""
        found = read_date_line(piece.text) if piece.kind in ("paragraph", "caption") else None
        if found is None or (self.date is not None and found[0] != self.date):
            return False
        self.date = found[0]
        self.category = self.category or found[1]
        return True


def _assemble(section: list[Piece], hints: Hints, first: bool) -> _Article:
    article = _Article(date=hints.date, category=hints.category)
    pieces = list(section)
    # The headline: a heading before any text, else the source's title (first article only).
    for index, piece in enumerate(pieces):
        if piece.kind == "heading":
            article.headline = piece.text.strip()
            del pieces[index]
            break
        if piece.kind in ("paragraph", "list"):
            if first and hints.date is None and index == 0 and read_date_line(piece.text):
                continue
            break
    if not article.headline and first:
        article.headline = hints.headline
    if pieces and article.take_date_line(pieces[0]):
        del pieces[0]
    signature = _signature_index(pieces)
    if signature is not None:
        article.signature = " ".join(pieces[signature].text.split())
        trailing = pieces[signature + 1 :]
        del pieces[signature:]
        if trailing and article.take_date_line(trailing[0]):
            del trailing[0]
        article.after = trailing
    elif pieces and article.take_date_line(pieces[-1]):
        del pieces[-1]
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        if piece.kind == "picture":
            caption = ""
            if index + 1 < len(pieces) and pieces[index + 1].kind == "caption":
                caption = " ".join(pieces.pop(index + 1).text.split())
            article.pictures.append((piece.src, piece.alt, caption))
        else:
            article.body.append(piece)
        index += 1
    return article


def _body(pieces: Sequence[Piece], source: str) -> str:
    body = write_pieces(pieces)
    if len(body) > MAX_TEXT_LENGTH:
        raise ImportSourceError(
            _(
                "Cannot import “{source}”: an article of it is {length} characters long, more "
                "than the {limit} a block can hold. Give it headings and import it one article "
                "per heading."
            ).format(
                source=source,
                length=ui_number(len(body)),
                limit=ui_number(MAX_TEXT_LENGTH),
            )
        )
    return body


def build_articles(
    pieces: Sequence[Piece],
    load_picture: PictureLoader,
    *,
    source: str,
    split_headings: bool = False,
    hints: Hints | None = None,
) -> Imported:
    """Article blocks from the pieces of a source.

    Each article takes its headline from the heading it starts with, a date and category
    from a line such as "01 Nov 2012 Norra Sverige i EU", its first picture (with the
    description and caption) as its photo and a closing "/Name" as its signature. Further
    pictures follow the article as picture blocks; text after the signature follows it as a
    text block.

    Args:
        pieces: the source's content (``structure.read_pieces``).
        load_picture: gives the file a picture's ``src`` refers to.
        source: the file or address, as the user named it, for messages.
        split_headings: one article per Heading 1 (or Heading 2) section.
        hints: what the source says outside its body (a web page's title and date).

    Raises:
        ImportSourceError: the source holds no text, or an article is too long for a block.
    """
    hints = hints or Hints()
    imported = Imported()
    pictures = _Pictures(load_picture, imported)
    for number, section in enumerate(_split(pieces, split_headings)):
        article = _assemble(section, hints, number == 0)
        if not (article.body or article.pictures or article.headline):
            continue
        first, *others = article.pictures or [("", "", "")]
        image = pictures.get(first[0]) if first[0] else None
        imported.blocks.append(
            make_block(
                "article",
                headline=article.headline,
                date=article.date,
                category=article.category,
                image=image,
                image_alt=first[1] if image else "",
                image_caption=first[2] if image else "",
                body=_body(article.body, source),
                signature=article.signature,
            )
        )
        for src, alt, caption in others:
            ref = pictures.get(src)
            if ref is not None:
                imported.blocks.append(make_block("image", image=ref, alt=alt, caption=caption))
        if article.after:
            heading = ""
            rest = article.after
            if len(rest) > 1 and _is_heading_line(rest[0]):
                heading, rest = " ".join(rest[0].text.split()), rest[1:]
            body = _body([piece for piece in rest if piece.kind != "picture"], source)
            if body or heading:
                imported.blocks.append(make_block("text", heading=heading, body=body))
    if not imported.blocks:
        raise ImportSourceError(
            _("Cannot import “{source}”: it holds no text to make an article of.").format(
                source=source
            )
        )
    return imported
