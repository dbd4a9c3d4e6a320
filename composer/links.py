"""Links as the user typed them and as they leave in an email: ASCII only, nothing else changed.

The user types ``https://www.northsweden.eu/nyhetsbrev/avregistrera-å`` and keeps seeing
that in the editor. What leaves the program (the HTML's ``href``, the plain-text part, the
``List-Unsubscribe`` header) is the same address written in ASCII, as RFC 3986 and RFC 6068
want it and as a mail header must be: the server name in IDNA (``xn--…``), every other
non-ASCII character percent-encoded as UTF-8. ``%XX`` already written, printable ASCII and the
merge tags of email services (``*|UNSUB|*``, ``{{ unsubscribe }}``, ``[unsubscribe]``) are left
exactly as typed: the service replaces the tags before sending.

``outgoing(model)`` does this to every link field of a document, at output time.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from html import escape, unescape
from typing import Final, TypeVar
from urllib.parse import quote, unquote

import idna
from pydantic import BaseModel

#: Merge tags of the common email services: Mailchimp ``*|UNSUB|*``, Campaign Monitor / Liquid
#: ``{{ UnsubscribeURL }}``, listmonk-like ``[unsubscribe]`` and ``{unsubscribe_url}``.
MERGE_TAG: Final = re.compile(
    r"^(\*\|[A-Z0-9_:]+\|\*|\{\{\s*[\w.]+\s*\}\}|\{\{\{\s*[\w.]+\s*\}\}\}|\[[\w-]+\]|\{[\w.-]+\}|%%?[\w-]+%%?)$"
)
#: Merge tags inside a link (``https://example.org/?e=*|EMAIL|*``): the forms that cannot be
#: mistaken for ordinary URL syntax (``[0]``, ``%C3``).
_MERGE_TAG_INSIDE: Final = re.compile(r"\*\|[A-Z0-9_:]+\|\*|\{\{\{?\s*[\w.]+\s*\}\}\}?|%%[\w-]+%%")

#: The Unicode noncharacters: U+FDD0–U+FDEF and the last two code points of every plane.
NONCHARACTERS: Final = "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
#: Control characters, lone surrogates and noncharacters, and the invisible marks that come
#: along with pasted text (zero-width space, byte-order mark, direction marks and overrides):
#: never part of an address. A line break could add a header to an email, a direction
#: override makes an address look like another, some cannot even be written as UTF-8.
UNPRINTABLE: Final = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff"
    "\ud800-\udfff\ufdd0-\ufdef" + NONCHARACTERS + "]"
)
#: ASCII that may stand in a URI as typed: RFC 3986's characters (``%`` included: an ``%XX``
#: stays as written) and ``{ | } ^``, which merge tags use and every browser accepts.
_KEPT_ASCII: Final = (
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%{|}^"
)
_NEEDS_ENCODING: Final = re.compile(f"[^{re.escape(_KEPT_ASCII)}]")
#: ``scheme://authority`` followed by the path, query and fragment.
_HIERARCHICAL: Final = re.compile(
    r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?P<authority>[^/?#]*)(?P<rest>.*)$", re.S
)
_PORT: Final = re.compile(r":[0-9]*$")
_LDH_LABEL: Final = re.compile(r"^[A-Za-z0-9-]+$")
_HREF: Final = re.compile(r'(<a\s[^>]*?href=")([^"]*)(")', re.I)


def is_merge_tag(value: str) -> bool:
    """Tell whether ``value`` is an email service's merge tag such as ``*|UNSUB|*``."""
    return bool(MERGE_TAG.match(value.strip()))


def has_merge_tag(value: str) -> bool:
    """Tell whether ``value`` is a merge tag or holds one (``https://x.se/?e=*|EMAIL|*``)."""
    return is_merge_tag(value) or bool(_MERGE_TAG_INSIDE.search(value))


def unprintable_character(value: str) -> str | None:
    """The first control character (or lone surrogate, or noncharacter) in ``value``, if any."""
    found = UNPRINTABLE.search(value)
    return found.group() if found else None


def character_name(char: str) -> str:
    """A character as a user can look it up: ``U+000A``."""
    return f"U+{ord(char):04X}"


def ascii_host(host: str) -> str:
    """``host`` with every non-ASCII label written in IDNA (``exämple.se`` → ``xn--exmple-cua.se``).

    ASCII labels stay exactly as typed. A label goes through UTS 46 and IDNA 2008, as modern
    browsers do (so ``ß`` stays a letter of its own); failing that, through IDNA 2003, which
    still names the symbol domains some registries sold (``i❤.ws``).

    Raises:
        ValueError: a label cannot be written in ASCII (a forbidden character, too long).
    """
    labels = []
    for label in host.split("."):
        if label.isascii():
            labels.append(label)
            continue
        try:
            labels.append(idna.encode(label, uts46=True).decode("ascii"))
            continue
        except (UnicodeError, ValueError):
            pass
        try:
            old_style = label.encode("idna").decode("ascii")
        except (UnicodeError, ValueError):
            raise ValueError(f"the name {label!r} cannot be written in IDNA") from None
        if not _LDH_LABEL.match(old_style):
            raise ValueError(f"the name {label!r} cannot be written in IDNA")
        labels.append(old_style)
    return ".".join(labels)


def _percent(text: str) -> str:
    """``text`` with what a URI cannot hold percent-encoded as UTF-8; merge tags untouched."""
    if not _NEEDS_ENCODING.search(text):
        return text
    pieces = []
    start = 0
    for tag in _MERGE_TAG_INSIDE.finditer(text):
        pieces.append(_percent_plain(text[start : tag.start()]))
        pieces.append(tag.group())
        start = tag.end()
    pieces.append(_percent_plain(text[start:]))
    return "".join(pieces)


def _percent_plain(text: str) -> str:
    # A lone surrogate cannot be written as UTF-8; the model refuses it, this only must not fail.
    return quote(text, safe=_KEPT_ASCII, errors="replace")


def _ascii_authority(authority: str) -> str:
    userinfo, at, host_port = authority.rpartition("@")
    if host_port.startswith("["):  # an IPv6 address: ASCII by its own syntax
        host, port = host_port, ""
    else:
        port_match = _PORT.search(host_port)
        port = port_match.group() if port_match else ""
        host = host_port[: len(host_port) - len(port)]
    return _percent(userinfo) + at + ascii_host(host) + _percent(port)


def _ascii_mail_addresses(addresses: str) -> str:
    """The ``to`` of a mailto: link: local parts percent-encoded, domains in IDNA (RFC 6068)."""
    out = []
    for address in addresses.split(","):
        local, at, domain = address.rpartition("@")
        if not at:
            out.append(_percent(address))
            continue
        # Percent-encoded, an "@" in the local part could not be taken for the separator.
        out.append(_percent(local).replace("@", "%40") + "@" + ascii_host(domain))
    return ",".join(out)


def _encode(link: str) -> str:
    if is_merge_tag(link):
        return link
    hierarchical = _HIERARCHICAL.match(link)
    if hierarchical:
        return (
            hierarchical.group("scheme")
            + _ascii_authority(hierarchical.group("authority"))
            + _percent(hierarchical.group("rest"))
        )
    scheme, colon, rest = link.partition(":")
    if colon and scheme.lower() == "mailto":
        addresses, question, query = rest.partition("?")
        return f"{scheme}:{_ascii_mail_addresses(addresses)}{question}{_percent(query)}"
    return _percent(link)


def url_problem(link: str) -> str | None:
    """Why ``link`` cannot be written in ASCII (a server name IDNA refuses), or None."""
    try:
        _encode(link.strip())
    except ValueError as exc:
        return str(exc)
    return None


def encoded_url(link: str) -> str:
    """``link`` as it leaves in an email: ASCII, meaning exactly what the user typed.

    The server name in IDNA, every other non-ASCII character (and a space, quote, angle
    bracket, backslash, backquote or control character) percent-encoded as UTF-8. ``%XX``
    already written, other ASCII and email services' merge tags are kept as typed. Works on
    ``http(s)://``, ``mailto:`` (RFC 6068: local part percent-encoded, domain in IDNA) and
    ``tel:`` links.

    A link whose server name cannot be written in IDNA (which the document model refuses)
    keeps its name percent-encoded instead, so that output never fails.
    """
    link = link.strip()
    if not _NEEDS_ENCODING.search(link):
        return link
    try:
        return _encode(link)
    except ValueError:
        return _percent(link)


def _readable_part(match: re.Match[str]) -> str:
    try:
        return unquote(match.group(), errors="strict")
    except UnicodeDecodeError:
        return match.group()


def _readable_label(label: str) -> str:
    try:
        return str(idna.decode(label))
    except (UnicodeError, ValueError):
        pass
    try:
        return label.encode("ascii").decode("idna")  # the IDNA 2003 names ascii_host writes
    except (UnicodeError, ValueError):
        return label


def readable_url(link: str) -> str:
    """``link`` as a person reads it: IDNA names and percent-encoded letters decoded.

    The inverse of ``encoded_url`` for showing an address (the footer's web site) in the
    text of an email; ASCII that has a meaning in a URI (``%2F``) stays encoded.
    """
    hierarchical = _HIERARCHICAL.match(link)
    if hierarchical and "xn--" in hierarchical.group("authority").lower():
        labels = []
        for label in hierarchical.group("authority").split("."):
            labels.append(_readable_label(label) if label.lower().startswith("xn--") else label)
        link = hierarchical.group("scheme") + ".".join(labels) + hierarchical.group("rest")
    # Only runs of bytes 0x80–0xFF: the UTF-8 of letters outside ASCII.
    return re.sub(r"(?:%[89A-Fa-f][0-9A-Fa-f])+", _readable_part, link)


def _encoded_href(match: re.Match[str]) -> str:
    href = unescape(match.group(2))
    return match.group(1) + escape(encoded_url(href), quote=True) + match.group(3)


@functools.lru_cache(maxsize=256)  # the preview renders on every key: unchanged bodies hit
def encoded_hrefs(html: str) -> str:
    """Sanitized rich text with every ``<a href>`` written as ``encoded_url`` writes it."""
    if html.isascii():
        return html
    return _HREF.sub(_encoded_href, html)


@dataclass(frozen=True)
class FieldRole:
    """Marks a document field (in its ``Annotated`` type) for ``outgoing``.

    Attributes:
        name: ``link`` (one URL, email address or merge tag) or ``rich text`` (markup whose
            ``<a href>`` are links).
    """

    name: str


#: The role of a field holding one link (``Annotated[str, …, LINK_FIELD]``).
LINK_FIELD: Final = FieldRole("link")
#: The role of a field holding sanitized rich text.
RICH_TEXT_FIELD: Final = FieldRole("rich text")

Model = TypeVar("Model", bound=BaseModel)


@functools.lru_cache(maxsize=64)
def _roles(cls: type[BaseModel]) -> tuple[tuple[str, FieldRole | None], ...]:
    roles = []
    for name, info in cls.model_fields.items():
        marks = [item for item in info.metadata if isinstance(item, FieldRole)]
        roles.append((name, marks[0] if marks else None))
    return tuple(roles)


def _outgoing_value(value: object) -> object:
    if isinstance(value, BaseModel):
        return outgoing(value)
    if isinstance(value, tuple):
        items = tuple(_outgoing_value(item) for item in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    return value


def outgoing(model: Model) -> Model:
    """``model`` (a newsletter, its settings, a block) with its links as they leave the program.

    Every field marked LINK_FIELD is written as ``encoded_url`` writes it, and every
    ``<a href>`` of a RICH_TEXT_FIELD; models and tuples of models inside are done alike. The
    document itself is not changed: the editor keeps showing what the user typed.

    Returns:
        A copy with the links encoded, or ``model`` itself when no link needed it.
    """
    updates: dict[str, object] = {}
    for name, role in _roles(type(model)):
        value = getattr(model, name)
        new: object
        if role is LINK_FIELD and isinstance(value, str):
            new = encoded_url(value)
        elif role is RICH_TEXT_FIELD and isinstance(value, str):
            new = encoded_hrefs(value)
        else:
            new = _outgoing_value(value)
        if new is not value and new != value:
            updates[name] = new
    return model.model_copy(update=updates) if updates else model
