"""What the checks look at: the document, its rendering, and its pictures and links."""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Final

from composer.errors import ComposerError
from composer.i18n import gettext_for, ui_language
from composer.model import (
    COLUMN_PREFIXES,
    ArticleBlock,
    BlockBase,
    Bundle,
    ButtonBlock,
    ColumnsBlock,
    ContactBlock,
    ImageBlock,
    ImageRef,
    LinksBlock,
    MastheadBlock,
    Newsletter,
    PictureSlot,
    Settings,
    SideArticleBlock,
    TextBlock,
)
from composer.render import RenderResult, Theme, theme
from composer.spelling import SpellChecker


@dataclass(frozen=True)
class Picture:
    """One place the newsletter shows a picture.

    Attributes:
        block: the block, or None for the logo (a setting).
        slot: where it is shown: its picture and description fields, and the kind of place.
        ref: the picture.
        alt: the description the email will carry (after the templates' fallbacks).
        decorative: the user marked it as decoration: an empty description is right.
    """

    block: BlockBase | None
    slot: PictureSlot
    ref: ImageRef
    alt: str
    decorative: bool

    @property
    def block_id(self) -> str | None:
        """The block's id, or None for the logo."""
        return None if self.block is None else self.block.id

    @property
    def name(self) -> str:
        """The picture's name as the user knows it."""
        return self.ref.original_name or self.ref.filename

    @property
    def can_be_decorative(self) -> bool:
        """The block lets the user mark the picture as decoration instead of describing it."""
        return isinstance(self.block, ImageBlock)


@dataclass(frozen=True)
class Link:
    """One link the reader can click.

    Attributes:
        block_id: the block, or None for a setting.
        field: the field holding the link (``body`` for links inside rich text).
        url: the address as stored; None for a rich-text link whose address the sanitizer
            removed because it was unsafe or not a link at all.
        text: the words the reader clicks ("" when they are not the user's, e.g. the footer).
        text_field: the field holding those words (for links whose label is a separate field).
        merge_tag_allowed: an email service's merge tag is a valid address here.
        default_text: the text is the program's "Read more", used because no label was set.
    """

    block_id: str | None
    field: str
    url: str | None
    text: str
    text_field: str
    merge_tag_allowed: bool = False
    default_text: bool = False


@dataclass(frozen=True)
class ImageProbe:
    """A picture's header facts, or why export would refuse it (``refusal``)."""

    width: int = 0
    height: int = 0
    has_gps: bool = False
    animated: bool = False
    file_size: int = 0
    unreadable: bool = False
    refusal: str = ""


class _LinkCollector(HTMLParser):
    """Collects the ``<a>`` elements of sanitized rich text: address and visible words."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str | None, str]] = []
        self._open: list[str] | None = None
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href = dict(attrs).get("href")
            self._open = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open is not None:
            self.links.append((self._href, " ".join("".join(self._open).split())))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)


# Bodies are immutable strings and most survive an edit unchanged: parse each one once.
@functools.lru_cache(maxsize=1024)
def body_links(html: str) -> tuple[tuple[str | None, str], ...]:
    """The links of sanitized rich text as (href or None, visible text), in reading order."""
    collector = _LinkCollector()
    collector.feed(html)
    collector.close()
    return tuple(collector.links)


def normalized(text: str) -> str:
    """Lower case, punctuation as spaces, single spaces: "Läs mer »" becomes "läs mer"."""
    kept = "".join(
        char if unicodedata.category(char)[0] in "LN" else " " for char in text.casefold()
    )
    return " ".join(kept.split())


class CheckContext:
    """What a check looks at: the document, its rendering, and facts gathered once per run."""

    def __init__(
        self, bundle: Bundle, rendered: RenderResult, spelling: SpellChecker | None = None
    ) -> None:
        """Look at ``bundle`` as rendered in ``rendered``; ``spelling`` knows the user's words."""
        self.bundle = bundle
        self.spelling = spelling
        self.newsletter: Newsletter = bundle.newsletter
        self.settings: Settings = bundle.newsletter.settings
        self.rendered = rendered
        self._theme: Theme = theme(self.settings.theme)
        # Several rules ask about each picture: probe it once per run (by content hash).
        self._probes: dict[str, ImageProbe | None] = {}

    @functools.cached_property
    def html_size(self) -> int:
        """The size of the rendered HTML in bytes, as mail servers count it."""
        return len(self.rendered.html.encode("utf-8"))

    @functools.cached_property
    def pictures(self) -> list[Picture]:
        """Every picture the email shows, in reading order (the logo first)."""
        # Only the masthead shows the logo: without one, the logo is not in the email.
        shows_logo = any(isinstance(block, MastheadBlock) for block in self.newsletter.blocks)
        return [
            Picture(
                block,
                slot,
                ref,
                self._described_as(block, slot),
                isinstance(block, ImageBlock) and block.decorative,
            )
            for block, slot, ref in self.newsletter.pictures()
            if block is not None or shows_logo
        ]

    def _described_as(self, block: BlockBase | None, slot: PictureSlot) -> str:
        """The description the email gives a picture: its own, else the templates' fallback."""
        written = str(getattr(self.settings if block is None else block, slot.alt_field))
        if written:
            return written
        # The templates describe the logo by the organisation's name and a contact photo by
        # the person's name when no description was written (blocks/masthead, blocks/contact).
        if block is None:
            return self.settings.organisation.name
        if isinstance(block, ContactBlock):
            return block.name
        return ""

    def probe(self, picture: Picture) -> ImageProbe | None:
        """What the picture's file header says, or None when the document lacks the file."""
        sha256 = picture.ref.sha256
        if sha256 not in self._probes:
            self._probes[sha256] = (
                _probe(sha256, self.bundle.images.get(picture.ref), picture.name)
                if picture.ref in self.bundle.images
                else None
            )
        return self._probes[sha256]

    def slot_width(self, picture: Picture) -> int:
        """The width in CSS pixels the newsletter's theme shows ``picture`` at."""
        return self._theme.slot_width(picture.slot.kind)

    @functools.cached_property
    def links(self) -> list[Link]:
        """Every link the user wrote, in reading order; the settings' links last."""
        read_more = gettext_for(self.settings.language)("Read more")
        found: list[Link] = []
        for block in self.newsletter.blocks:
            # Rich text and its read-more link, by field: a two-column row has two of each.
            prefixes = COLUMN_PREFIXES if isinstance(block, ColumnsBlock) else ("",)
            for prefix in prefixes:
                name = f"{prefix}_" if prefix else ""
                if isinstance(block, ArticleBlock | TextBlock | SideArticleBlock | ColumnsBlock):
                    for href, text in body_links(getattr(block, f"{name}body")):
                        found.append(Link(block.id, f"{name}body", href, text, f"{name}body"))
                if not isinstance(block, ArticleBlock | SideArticleBlock | ColumnsBlock):
                    continue
                url, label = getattr(block, f"{name}link_url"), getattr(block, f"{name}link_label")
                if url or label:
                    found.append(
                        Link(
                            block.id,
                            f"{name}link_url",
                            url,
                            label or read_more,
                            f"{name}link_label",
                            default_text=not label,
                        )
                    )
            if isinstance(block, LinksBlock):
                # Each icon is the link; its description is the name of what it links to.
                found.extend(Link(block.id, field, url, "", field) for field, url in block.links())
            elif isinstance(block, ButtonBlock) and (block.url or block.label):
                found.append(
                    Link(
                        block.id,
                        "url",
                        block.url,
                        block.label or read_more,
                        "label",
                        default_text=not block.label,
                    )
                )
            elif isinstance(block, ImageBlock) and block.link_url:
                # The picture is the link; its description is checked as alt text.
                found.append(Link(block.id, "link_url", block.link_url, "", "alt"))
        settings = self.settings
        if settings.organisation.website:
            found.append(
                Link(
                    None,
                    "organisation.website",
                    settings.organisation.website,
                    "",
                    "organisation.website",
                )
            )
        for name in ("unsubscribe_url", "web_version_url"):
            if value := getattr(settings, name):
                found.append(Link(None, name, value, "", name, merge_tag_allowed=True))
        return found


# Reading a picture as export does costs a decode, and the GUI re-runs the checks after every
# edit. The key holds the content hash, so a cached answer can never be stale.
_PROBES: dict[tuple[str, str, str], ImageProbe] = {}
_PROBE_CACHE_SIZE: Final = 512


def _probe(sha256: str, data: bytes, name: str) -> ImageProbe:
    key = (sha256, name, ui_language())  # the refusal names the file, in the user's language
    cached = _PROBES.get(key)
    if cached is not None:
        return cached
    from composer.images import verify

    try:
        info = verify(data, name)
    except ComposerError as exc:
        result = ImageProbe(file_size=len(data), unreadable=True, refusal=str(exc))
    else:
        result = ImageProbe(info.width, info.height, info.has_gps, info.animated, len(data))
    if len(_PROBES) >= _PROBE_CACHE_SIZE:
        _PROBES.clear()
    _PROBES[key] = result
    return result
