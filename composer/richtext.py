"""Sanitizing of rich text and validation of links: the one gate user markup passes through."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Final

import nh3

from composer.i18n import ui_message as _
from composer.links import (
    MERGE_TAG,
    NONCHARACTERS,
    UNPRINTABLE,
    character_name,
    encoded_url,
    is_merge_tag,
    unprintable_character,
    url_problem,
)

__all__ = [
    "ALLOWED_ATTRIBUTES",
    "ALLOWED_SCHEMES",
    "ALLOWED_TAGS",
    "MAX_DEPTH",
    "MERGE_TAG",
    "address_problem",
    "cut_deep_markup",
    "is_merge_tag",
    "link_problem",
    "printable",
    "sanitize",
    "to_plain_text",
]

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

_URL: Final = re.compile(
    r"^(https?)://[^\s/?#<>\"']+\.[^\s/?#<>\"']+(:\d+)?([/?#][^\s<>\"]*)?$", re.I
)
_MAILTO: Final = re.compile(r"^mailto:[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+([?][^\s<>\"]*)?$", re.I)
_TEL: Final = re.compile(r"^tel:\+?[0-9][0-9 ().-]{2,}$", re.I)


# Control characters other than tab, line feed and carriage return, lone surrogates and the
# noncharacters have no place in HTML or XML. (Addresses are stricter: links.UNPRINTABLE.)
_UNPRINTABLE: Final = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef" + NONCHARACTERS + "]"
)

#: How deep the elements of rich text may nest. Deeper markup is flattened: it comes only from
#: a hostile file or a broken paste (no one indents a list sixteen levels in a newsletter), and
#: libxml2, which inlines the CSS, silently drops everything after the 256th level of an email,
#: whose layout already takes a dozen. Sixteen is eight levels of lists, with room to spare.
MAX_DEPTH: Final = 16
#: Markup nested deeper than this is cut before nh3 parses it, so a hostile body cannot take
#: seconds (html5ever's work grows with depth times length: 25,000 nested lists took 6 s).
_PARSE_DEPTH: Final = 256
_VOID: Final = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
#: A tag of any markup, as a guard needs it: the next ``<`` ends it, so a search stays linear.
_RAW_TAG: Final = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*>")
#: The start of a tag, for a quick count of nesting.
_RAW_TAG_START: Final = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)")
#: A tag of nh3's output, exactly: it writes ``<`` and ``>`` as ``&lt;`` and ``&gt;`` in text
#: and in attribute values alike.
_CLEAN_TAG: Final = re.compile(r"<(/?)([a-z]+)[^>]*>")
#: Elements that begin a line of their own.
_BLOCKS: Final = frozenset({"p", "br", "ul", "ol", "li"})
#: Nested in themselves, these say nothing more: <em><em>x</em></em> is italic once.
_IDEMPOTENT: Final = frozenset({"em", "strong"})


def printable(text: str) -> str:
    """``text`` without control characters and lone surrogates.

    They cannot appear in HTML or in a UTF-8 file, and pasted text sometimes carries them
    invisibly.
    """
    return _UNPRINTABLE.sub("", text)


def _close_implied(stack: list[str], tag: str) -> None:
    """Close what HTML closes when ``tag`` starts: the open item of a list, a paragraph."""
    if tag == "li":
        for index in range(len(stack) - 1, -1, -1):
            if stack[index] in ("ul", "ol", "menu"):
                return
            if stack[index] == "li":
                del stack[index:]
                return
    elif stack and stack[-1] == "p":
        stack.pop()


def _cut_deep_markup(html: str) -> str:
    """``html`` without the tags nested beyond _PARSE_DEPTH (their text is kept).

    A guard, not a parser: it knows just enough of HTML's implied end tags (``li``, ``p``)
    not to count a long list of unclosed items as nesting.
    """
    if html.count("<") <= _PARSE_DEPTH or _most_open(html) <= _PARSE_DEPTH:
        return html
    stack: list[str] = []
    dropped: dict[str, int] = {}
    pieces: list[str] = []
    start = 0
    for tag in _RAW_TAG.finditer(html):
        closing, name = tag.group(1), tag.group(2).lower()
        keep = True
        if closing:
            if name in stack:
                del stack[len(stack) - 1 - stack[::-1].index(name) :]
            elif dropped.get(name):
                dropped[name] -= 1
                keep = False
        elif name not in _VOID and not tag.group().endswith("/>"):
            _close_implied(stack, name)
            if len(stack) >= _PARSE_DEPTH:
                dropped[name] = dropped.get(name, 0) + 1
                keep = False
            else:
                stack.append(name)
        if not keep:
            pieces.append(html[start : tag.start()])
            start = tag.end()
    pieces.append(html[start:])
    return "".join(pieces)


def cut_deep_markup(html: str) -> str:
    """``html`` without the tags nested deeper than parsers read (their text is kept)."""
    return _cut_deep_markup(html)


def _most_open(html: str) -> int:
    """The most elements open at once, at most: every start tag counts, closed or not."""
    most = open_now = 0
    for closing, name in _RAW_TAG_START.findall(html):
        if closing:
            open_now -= 1
        elif name.lower() not in _VOID:
            open_now += 1
            if open_now > most:
                most = open_now
    return most


def _depth(html: str) -> int:
    """How deep sanitized markup nests (its tags are all closed; ``br`` adds no level)."""
    deepest = depth = 0
    for closing, name in _CLEAN_TAG.findall(html):
        if closing:
            depth -= 1
        elif name != "br":
            depth += 1
            if depth > deepest:
                deepest = depth
    return deepest


def _flatten(html: str) -> str:
    """Sanitized markup nested at most MAX_DEPTH deep, all its text kept.

    ``em`` inside ``em`` (``strong`` inside ``strong``) is dropped: it changes nothing. Past
    MAX_DEPTH, elements are dropped with their tags; a dropped list item or paragraph after
    text leaves a line break, so items stay on lines of their own.
    """
    if _depth(html) <= MAX_DEPTH:
        return html
    pieces: list[str] = []
    open_elements: list[tuple[str, bool]] = []  # (tag, written)
    written = 0
    line_start = True  # nothing but tags since the last line break, paragraph or item
    start = 0
    for tag in _CLEAN_TAG.finditer(html):
        text = html[start : tag.start()]
        pieces.append(text)
        line_start = line_start and not text.strip()
        start = tag.end()
        name = tag.group(2)
        if tag.group(1):
            # nh3 writes well-formed markup: an end tag closes the innermost open element.
            while open_elements:
                open_name, was_written = open_elements.pop()
                if was_written:
                    pieces.append(f"</{open_name}>")
                    written -= 1
                    line_start = line_start or open_name in _BLOCKS
                if open_name == name:
                    break
            continue
        redundant = name in _IDEMPOTENT and (name, True) in open_elements
        keep = name == "br" or (not redundant and written < MAX_DEPTH)
        if keep:
            pieces.append(tag.group())
            line_start = line_start or name in _BLOCKS
        elif name in ("li", "p") and not line_start:
            pieces.append("<br>")
            line_start = True
        if name != "br":
            open_elements.append((name, keep))
            written += keep
    pieces.append(html[start:])
    return "".join(pieces)


def sanitize(html: str) -> str:
    """Reduce markup to the allowed rich-text subset.

    Args:
        html: markup from the user, a file or the clipboard (Word, web pages).

    Returns:
        Markup holding only ``p, br, strong, em, a[href], ul, ol, li``, links only to http(s),
        mailto and tel, nested at most MAX_DEPTH deep. Text is kept; scripts and styles vanish
        with their content.
    """
    html = _cut_deep_markup(printable(html))
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
    return _flatten(cleaned).strip()


def address_problem(value: str) -> str | None:
    """Say why ``value`` (a web or email address) holds a character no address can, or None.

    A line break in an address field could add a header to the email (``Bcc:``); other control
    characters arrive invisibly with pasted text.
    """
    char = unprintable_character(value)
    if char is None:
        return None
    # U+FFFD, the mark of a character that cannot be shown, where each one is.
    shown = UNPRINTABLE.sub("\ufffd", value)
    if char in "\r\n":
        return _(
            "“{address}” holds a line break, which no address can contain. Write it on one line."
        ).format(address=shown)
    return _(
        "“{address}” holds an invisible control character ({code}), which no address can "
        "contain. Type the address again instead of pasting it."
    ).format(address=shown, code=character_name(char))


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
    if problem := address_problem(value):
        return problem
    if allow_merge_tag and is_merge_tag(value):
        return None
    scheme = value.split(":", 1)[0].lower() if ":" in value else ""
    if scheme in ("http", "https"):
        if not _URL.match(value):
            return _("“{link}” is not a complete web address.").format(link=value)
        if url_problem(value):
            return _(
                "“{link}” has a server name that cannot be used: check the part after "
                "“//” for characters a web address cannot hold."
            ).format(link=value)
        return None
    if scheme == "mailto":
        if not _MAILTO.match(value):
            return _("“{link}” is not a valid email link.").format(link=value)
        if url_problem(value):
            return _(
                "“{link}” has a domain that cannot be used: check the part after the @ for "
                "characters an email address cannot hold."
            ).format(link=value)
        return None
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
            shown = (text, f"mailto:{text}", f"tel:{text}")
            # The text part gets the link as it leaves (encoded): "exämple.se" still shows it.
            if self.href not in shown and self.href not in map(encoded_url, shown):
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
