"""Sanitizing of rich text and validation of links: the one gate user markup passes through."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Final

import nh3

from composer.i18n import ui_message as _

#: The rich-text subset a body may hold (DESIGN.md): paragraphs, line breaks, bold, italic,
#: links and lists. Everything else is dropped, keeping its text.
ALLOWED_TAGS: Final = frozenset({"p", "br", "strong", "em", "a", "ul", "ol", "li"})
ALLOWED_ATTRIBUTES: Final = {"a": {"href"}}
ALLOWED_SCHEMES: Final = frozenset({"http", "https", "mailto", "tel"})

# Word and web pages say bold and italic in older ways; map them before nh3 drops the tags.
_SYNONYMS: Final = (
    (re.compile(r"<(/?)b(\s[^>]*)?>", re.IGNORECASE), r"<\1strong>"),
    (re.compile(r"<(/?)i(\s[^>]*)?>", re.IGNORECASE), r"<\1em>"),
)
# Tags whose content must disappear with them, not be kept as text.
_CLEAN_CONTENT: Final = frozenset({"script", "style", "head", "title", "xml", "template"})

#: Merge tags of the common email services: Mailchimp ``*|UNSUB|*``, Campaign Monitor / Liquid
#: ``{{ UnsubscribeURL }}``, listmonk-like ``[unsubscribe]`` and ``{unsubscribe_url}``.
MERGE_TAG: Final = re.compile(
    r"^(\*\|[A-Z0-9_:]+\|\*|\{\{\s*[\w.]+\s*\}\}|\{\{\{\s*[\w.]+\s*\}\}\}|\[[\w-]+\]|\{[\w.-]+\}|%%?[\w-]+%%?)$"
)

_URL: Final = re.compile(
    r"^(https?)://[^\s/?#<>\"']+\.[^\s/?#<>\"']+(:\d+)?([/?#][^\s<>\"]*)?$", re.I
)
_MAILTO: Final = re.compile(r"^mailto:[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+([?][^\s<>\"]*)?$", re.I)
_TEL: Final = re.compile(r"^tel:\+?[0-9][0-9 ().-]{2,}$", re.I)


# Control characters, lone surrogates and Unicode noncharacters (U+FDD0–U+FDEF and the last two
# code points of every plane) have no place in HTML or XML.
_NONCHARACTERS: Final = "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
_UNPRINTABLE: Final = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef" + _NONCHARACTERS + "]"
)


def printable(text: str) -> str:
    """``text`` without control characters and lone surrogates.

    They cannot appear in HTML or in a UTF-8 file, and pasted text sometimes carries them
    invisibly.
    """
    return _UNPRINTABLE.sub("", text)


def sanitize(html: str) -> str:
    """Reduce markup to the allowed rich-text subset.

    Args:
        html: markup from the user, a file or the clipboard (Word, web pages).

    Returns:
        Markup holding only ``p, br, strong, em, a[href], ul, ol, li``, links only to http(s),
        mailto and tel. Text is kept; scripts and styles vanish with their content.
    """
    html = printable(html)
    for pattern, replacement in _SYNONYMS:
        html = pattern.sub(replacement, html)
    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(_CLEAN_CONTENT),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
    return cleaned.strip()


def is_merge_tag(value: str) -> bool:
    """Tell whether ``value`` is an email service's merge tag such as ``*|UNSUB|*``."""
    return bool(MERGE_TAG.match(value.strip()))


def link_problem(value: str, *, allow_merge_tag: bool = False) -> str | None:
    """Say what is wrong with a link, or return None when it is fine.

    Args:
        value: the link as typed.
        allow_merge_tag: accept an email service's merge tag (unsubscribe, web version).

    Returns:
        A sentence for the user, or None for a valid link.
    """
    value = value.strip()
    if not value:
        return _("The link is empty.")
    if allow_merge_tag and is_merge_tag(value):
        return None
    scheme = value.split(":", 1)[0].lower() if ":" in value else ""
    if scheme in ("http", "https"):
        if _URL.match(value):
            return None
        return _("“{link}” is not a complete web address.").format(link=value)
    if scheme == "mailto":
        if _MAILTO.match(value):
            return None
        return _("“{link}” is not a valid email link.").format(link=value)
    if scheme == "tel":
        if _TEL.match(value):
            return None
        return _("“{link}” is not a valid telephone link.").format(link=value)
    if "@" in value and " " not in value and not scheme:
        return _("“{link}” looks like an email address: write it as mailto:{link}.").format(
            link=value
        )
    if not scheme and "." in value and " " not in value:
        return _("“{link}” has no scheme: write it as https://{link}.").format(link=value)
    if allow_merge_tag:
        return _(
            "“{link}” is not a link: use https://, mailto: or tel: or an email service merge "
            "tag such as *|UNSUB|*."
        ).format(link=value)
    return _("“{link}” is not a link: use https://, mailto: or tel:.").format(link=value)


class _PlainTextWriter(HTMLParser):
    """Turns sanitized rich text into readable plain text for the text/plain part."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, bool]] = []  # (text, is a list item)
        self.in_item = False
        self.line: list[str] = []
        self.lists: list[list[int]] = []  # one counter per open list; -1 marks a bulleted list
        self.href: str | None = None
        self.link_text: list[str] = []

    def _flush(self) -> None:
        lines = (" ".join(line.split()) for line in "".join(self.line).split("\n"))
        text = "\n".join(line for line in lines if line)
        if text:
            self.blocks.append((text, self.in_item))
        self.line = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("p", "ul", "ol"):
            self._flush()
        if tag == "ul":
            self.lists.append([-1])
        elif tag == "ol":
            self.lists.append([0])
        elif tag == "li":
            self._flush()
            self.in_item = True
            counter = self.lists[-1] if self.lists else [-1]
            if counter[0] >= 0:
                counter[0] += 1
                self.line.append(f"{counter[0]}. ")
            else:
                self.line.append("- ")
        elif tag == "br":
            self.line.append("\n")
        elif tag == "a":
            self.href = dict(attrs).get("href")
            self.link_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "li"):
            self._flush()
            self.in_item = False
        elif tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.pop()
        elif tag == "a" and self.href is not None:
            text = " ".join("".join(self.link_text).split())
            if self.href not in (text, f"mailto:{text}", f"tel:{text}"):
                self.line.append(f" <{self.href}>")
            self.href = None

    def handle_data(self, data: str) -> None:
        self.line.append(data)
        if self.href is not None:
            self.link_text.append(data)


def to_plain_text(html: str) -> str:
    """Readable plain text of sanitized rich text: paragraphs apart, links as ``text <url>``."""
    writer = _PlainTextWriter()
    writer.feed(html)
    writer.close()
    writer._flush()
    out = ""
    previous_item = False
    for text, is_item in writer.blocks:
        if out:
            out += "\n" if is_item and previous_item else "\n\n"
        out += text
        previous_item = is_item
    return out
