"""The ``.eml`` message: the newsletter as one email, pictures inside, for any mail program.

The structure is what mail programs send themselves (``EmailMessage.add_related``)::

    multipart/alternative
      text/plain                      the plain-text alternative, first
      multipart/related
        text/html                     refers to its pictures as cid:…
        image/jpeg, image/png …       Content-ID, Content-Disposition: inline

By default it is a message to view, forward or archive. Made as a draft (``X-Unsent: 1``),
Outlook opens it ready to send and Thunderbird in its editor, from the user's own address.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import EmailPolicy
from typing import Final
from urllib.parse import quote

from composer.errors import ExportError
from composer.i18n import gettext_for
from composer.i18n import ui_message as _
from composer.links import ascii_host, encoded_url, has_merge_tag
from composer.model import Settings
from composer.richtext import address_problem, link_problem

#: Where the message goes when no recipient is given; ``.invalid`` never delivers (RFC 2606),
#: so a forgotten placeholder bounces at once instead of reaching a stranger.
PLACEHOLDER_ADDRESS: Final = "recipient@example.invalid"
#: The longest line SMTP carries (RFC 5322 section 2.1.1), line ending excluded.
MAX_LINE_OCTETS: Final = 998
#: The longest line RFC 5322 recommends (section 2.1.1), line ending excluded.
RECOMMENDED_LINE_OCTETS: Final = 78
#: Headers that must reach the reader exactly as written: a URL or an id split or turned into
#: RFC 2047 encoded words is no longer understood (by the unsubscribe button, by the HTML's
#: ``cid:`` references).
_UNFOLDED: Final = frozenset(
    {"list-unsubscribe", "list-unsubscribe-post", "message-id", "content-id"}
)
_ADDRESS_HEADERS: Final = frozenset({"from", "to", "cc", "reply-to", "sender"})


class _MessagePolicy(EmailPolicy):
    """``email.policy.SMTP`` with header folding that keeps what the user wrote.

    CPython's folder (seen on 3.11; python/cpython#144156) drops or joins the spaces around
    RFC 2047 encoded words when it folds a long non-ASCII header: in a trial, 4 random Swedish
    subjects in 10 came back changed, and Yahoo rejects some such headers outright. It also
    encodes a long URL in ``List-Unsubscribe`` as encoded words. Non-ASCII subjects and display
    names are therefore encoded whole, with ``email.header.Header``, and identifiers and links
    are never split (two of them fold between each other).
    """

    def fold(self, name: str, value: str) -> str:
        """Fold ``name: value`` for a message written as text."""
        special = self._fold_specially(name, value)
        return super().fold(name, value) if special is None else special

    def fold_binary(self, name: str, value: str) -> bytes:
        """Fold ``name: value`` for a message written as bytes."""
        special = self._fold_specially(name, value)
        return super().fold_binary(name, value) if special is None else special.encode("ascii")

    def _fold_specially(self, name: str, value: str) -> str | None:
        key = name.lower()
        text = str(value)
        if key in _UNFOLDED:
            return self._ids(name, text, fold_first=key == "list-unsubscribe")
        if text.isascii() and "=?" not in text:
            return None  # plain ASCII: the standard folder is right
        if key in _ADDRESS_HEADERS:
            addresses: Sequence[Address] = getattr(value, "addresses", ())
            parts = [self._address(name, address) for address in addresses]
            return f"{name}: {f',{self.linesep} '.join(parts)}{self.linesep}"
        return f"{name}: {self._words(name, text)}{self.linesep}"

    def _ids(self, name: str, text: str, *, fold_first: bool) -> str:
        """``name: text``, ``text`` being ids or links in angle brackets separated by ", ".

        A line is folded only before one of them, where it would pass the recommended 78
        characters: between two, and with ``fold_first`` also after the colon, if the first
        then fits. An id or a link is never split, so one longer than a line stays whole.
        Ids are kept short instead of folded: a folded Content-ID is an untried case for many
        mail programs, which must match it to the HTML's cid: exactly.
        """
        items = text.split(", ")
        lines = [f"{name}:"]
        for index, item in enumerate(items):
            piece = item + ("," if index < len(items) - 1 else "")
            fits_alone = 1 + len(piece) <= RECOMMENDED_LINE_OCTETS
            may_fold = index > 0 or (fold_first and fits_alone)
            if may_fold and len(lines[-1]) + 1 + len(piece) > RECOMMENDED_LINE_OCTETS:
                lines.append("")
            lines[-1] += f" {piece}"
        return self.linesep.join(lines) + self.linesep

    def _words(self, name: str, text: str) -> str:
        # Header encodes the whole text as encoded words of at most 75 characters, spaces
        # inside them, so unfolding gives back exactly ``text``.
        return Header(text, "utf-8", maxlinelen=78, header_name=name).encode(linesep=self.linesep)

    def _address(self, name: str, address: Address) -> str:
        if not address.display_name:
            return f"<{address.addr_spec}>"
        if address.display_name.isascii() and "=?" not in address.display_name:
            return str(address)  # quoted where needed
        return f"{self._words(name, address.display_name)} <{address.addr_spec}>"


#: The policy every ``.eml`` is written with: SMTP's settings (CRLF line endings, 78-character
#: lines), with the folding above.
POLICY: Final = _MessagePolicy(linesep="\r\n")


@dataclass(frozen=True)
class InlineImage:
    """A picture carried inside the message and shown by the HTML through ``cid:``.

    Attributes:
        filename: the readable name a mail program shows if asked to save it.
        data: the encoded picture.
        media_type: e.g. ``image/jpeg``.
        content_id: the Content-ID without angle brackets, as written after ``cid:``.
    """

    filename: str
    data: bytes = field(repr=False)
    media_type: str
    content_id: str


def content_id(data: bytes, domain: str) -> str:
    """A Content-ID for a picture: the same for the same picture from the same sender.

    RFC 2392 wants it unique in the world; the content's hash makes it so without a random
    part, so exporting twice gives the same message body. It is kept short, so that its
    header line stays within the 78 characters RFC 5322 recommends for a domain of up to 43.

    Args:
        data: the picture.
        domain: the sender's domain.
    """
    return f"{hashlib.sha256(data).hexdigest()[:20]}@{domain}"


def _ascii_address(addr_spec: str, what: str) -> str:
    """``addr_spec`` with an international domain written in ASCII (IDNA), as mail needs."""
    local, _at, domain = addr_spec.rpartition("@")
    if not local.isascii():
        raise ExportError(
            _(
                "{what} “{address}” has letters outside A–Z before the @, which many mail "
                "systems cannot carry. Use an address without them."
            ).format(what=what, address=addr_spec)
        )
    try:
        return f"{local}@{ascii_host(domain)}"
    except ValueError:
        raise ExportError(
            _("{what} “{address}” has a domain that is not valid.").format(
                what=what, address=addr_spec
            )
        ) from None


def _address(display_name: str, addr_spec: str, what: str) -> Address:
    try:
        return Address(display_name=display_name, addr_spec=_ascii_address(addr_spec, what))
    except (ValueError, IndexError):
        # headerregistry refuses some addresses our looser check lets through.
        raise ExportError(
            _("{what} “{address}” is not a valid email address.").format(
                what=what, address=addr_spec
            )
        ) from None


def sender_address(settings: Settings) -> Address:
    """The From address: the sender's name and email address from the settings.

    Raises:
        ExportError: the settings have no sender email address.
    """
    if not settings.sender_email:
        raise ExportError(
            _(
                "The newsletter has no sender email address, which an email needs for its From "
                "line. Fill in the sender’s name and email address in the newsletter’s "
                "settings and export again."
            )
        )
    name = settings.sender_name or settings.organisation.name
    return _address(name, settings.sender_email, _("The sender address"))


def recipients(to: str | None, language: str) -> list[Address]:
    """The To addresses: those in ``to`` (``a@b.se, Name <c@d.se>``), else a placeholder.

    Args:
        to: addresses separated by commas, as typed by the user, or None.
        language: the newsletter's language, for the placeholder's name.

    Raises:
        ExportError: ``to`` is empty or holds something that is not an email address.
    """
    if to is None:
        return [
            Address(display_name=gettext_for(language)("Recipient"), addr_spec=PLACEHOLDER_ADDRESS)
        ]
    hint = _(
        "Write it as name@example.org or “Name <name@example.org>”, several separated by commas."
    )
    # A line break would let the text after it pass for a header of its own ("Bcc: …").
    if problem := address_problem(to.strip()):
        raise ExportError(problem)
    # A stray comma ("a@b.se, ") leaves an empty entry: not worth an error.
    found = [(name, addr) for name, addr in email.utils.getaddresses([to]) if name or addr]
    if not found:
        raise ExportError(_("The recipient address is empty.") + " " + hint)
    result = []
    for name, addr_spec in found:
        if not addr_spec or link_problem(f"mailto:{addr_spec}"):
            raise ExportError(
                _("The recipient “{address}” is not an email address.").format(address=to.strip())
                + " "
                + hint
            )
        result.append(_address(name, addr_spec, _("The recipient address")))
    return result


def unsubscribe_headers(settings: Settings) -> dict[str, str]:
    """``List-Unsubscribe`` (RFC 2369) and ``List-Unsubscribe-Post`` (RFC 8058) for the settings.

    The header names every way to unsubscribe that the settings know: the unsubscribe link
    (web or mailto) and the unsubscribe address, as a mailto link whose subject says what is
    asked. Gmail and Yahoo show their own unsubscribe button from it and require one-click
    unsubscribe (the Post header, over https only) of bulk senders; mail programs without a
    web form in reach send the mail. A link that is or holds a merge tag gets no header: the
    email service that replaces the tag writes its own. Links are written in ASCII (IDNA,
    percent-encoded), as a header must be.
    """
    link = settings.unsubscribe_url.strip()
    if has_merge_tag(link) or (link and link_problem(link)):
        return {}
    scheme = link.split(":", 1)[0].lower()
    links = [link] if scheme in ("https", "http", "mailto") else []
    address = settings.unsubscribe_email.strip()
    if address and scheme != "mailto":
        subject = gettext_for(settings.language)("Unsubscribe")
        links.append(f"mailto:{address}?subject={quote(subject)}")
    if not links:
        return {}
    headers = {"List-Unsubscribe": ", ".join(f"<{encoded_url(each)}>" for each in links)}
    if scheme == "https":
        # RFC 8058 allows one-click only over https.
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return headers


def build_message(
    html: str,
    text: str,
    images: Sequence[InlineImage],
    settings: Settings,
    *,
    to: Sequence[Address],
    date: dt.datetime | None = None,
    draft: bool = False,
) -> EmailMessage:
    """The newsletter as an email message, ready to be written to a ``.eml`` file.

    Args:
        html: the rendered HTML, its pictures referred to as ``cid:<content_id>``.
        text: the plain-text alternative.
        images: the pictures the HTML shows.
        settings: subject, sender and unsubscribe link.
        to: the recipients; none leaves the To line out (for a draft, to fill in).
        date: the Date header; now when None.
        draft: mark the message unsent (``X-Unsent: 1``): Outlook then opens it as a draft
            ready to send, Thunderbird in its editor with the user's own From. Without it,
            mail programs show it as a message received.

    Raises:
        ExportError: the settings have no sender address, or a header would be too long.
    """
    sender = sender_address(settings)
    message = EmailMessage(policy=POLICY)
    if settings.subject:
        message["Subject"] = settings.subject
    message["From"] = sender
    if to:
        message["To"] = to
    when = date or dt.datetime.now(dt.UTC).astimezone()
    message["Date"] = email.utils.format_datetime(when)
    # 96 random bits: as unique as email.utils.make_msgid's, and short enough that the line
    # stays within 78 characters for a domain of up to 39.
    message["Message-ID"] = f"<{secrets.token_hex(12)}@{sender.domain}>"
    for name, value in unsubscribe_headers(settings).items():
        longest = max(len(link) for link in value.split(", "))
        if len(name) + 2 + longest + 1 > MAX_LINE_OCTETS:
            raise ExportError(
                _(
                    "The unsubscribe link is {length} characters long, too long for an "
                    "email header. Use a shorter link in the newsletter’s settings."
                ).format(length=longest - 2)
            )
        message[name] = value
    if draft:
        message["X-Unsent"] = "1"
    # Quoted-printable keeps every line under 78 octets, whatever premailer's line lengths.
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    html_part = message.get_body(("html",))
    assert html_part is not None
    for image in images:
        maintype, subtype = image.media_type.split("/", 1)
        html_part.add_related(
            image.data,
            maintype=maintype,
            subtype=subtype,
            cid=f"<{image.content_id}>",
            disposition="inline",
            filename=image.filename,
        )
    if images:
        # RFC 2387 requires the type of the root part; add_related() leaves it out.
        html_part.set_param("type", "text/html")
        # add_related() marks the part it wraps as a message of its own; inside one it is noise.
        del html_part["MIME-Version"]
    return message


def message_bytes(message: EmailMessage) -> bytes:
    """``message`` as the bytes of a ``.eml`` file (CRLF line endings, lines ≤ 998 octets).

    Raises:
        ExportError: a line would be longer than SMTP allows (a bug, never expected).
    """
    data = message.as_bytes(policy=POLICY)
    longest = max((len(line) for line in data.split(b"\r\n")), default=0)
    if longest > MAX_LINE_OCTETS:
        raise ExportError(
            _(
                "The message has a line of {length} characters, more than the {limit} "
                "that email allows; it was not written. Please report this problem."
            ).format(length=longest, limit=MAX_LINE_OCTETS)
        )

    return data
