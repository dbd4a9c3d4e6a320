"""The message's headers with what users type: Swedish links and addresses, hostile recipients."""

from __future__ import annotations

import email
import email.policy
import re
from email.message import EmailMessage

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from composer import eml
from composer.errors import ExportError
from composer.model import Settings


def headers_of(settings: Settings, to: str | None = None) -> EmailMessage:
    """The message for ``settings`` as a strict parser reads it back from its bytes."""
    recipients = eml.recipients(to, settings.language)
    message = eml.build_message("<p>x</p>", "x", [], settings, to=recipients)
    parsed = email.message_from_bytes(eml.message_bytes(message), policy=email.policy.strict)
    assert isinstance(parsed, EmailMessage)
    return parsed


@pytest.mark.parametrize(
    ("link", "header"),
    [
        (
            "https://www.northsweden.eu/nyhetsbrev/avregistrera-å",
            "<https://www.northsweden.eu/nyhetsbrev/avregistrera-%C3%A5>",
        ),
        ("https://www.göteborg.se/av?å=1", "<https://www.xn--gteborg-90a.se/av?%C3%A5=1>"),
        ("mailto:avregistrera@exämple.se", "<mailto:avregistrera@xn--exmple-cua.se>"),
        # RFC 6068: an address with letters outside A–Z before the @ is percent-encoded.
        ("mailto:åsa@example.se", "<mailto:%C3%A5sa@example.se>"),
        # A merge tag inside the link: the email service replaces it and writes the header.
        ("https://x.se/av?e=*|EMAIL|*", None),
    ],
)
def test_list_unsubscribe_is_ascii_whatever_the_link(link: str, header: str | None) -> None:
    settings = Settings(sender_email="info@northsweden.eu", unsubscribe_url=link)
    assert headers_of(settings)["List-Unsubscribe"] == header


def test_an_international_sender_domain_is_written_in_idna_2008() -> None:
    settings = Settings(sender_name="Straße", sender_email="info@straße.de")
    parsed = headers_of(settings)
    assert parsed["From"].addresses[0].addr_spec == "info@xn--strae-oqa.de"
    assert parsed["Message-ID"].endswith("@xn--strae-oqa.de>")


@pytest.mark.parametrize(
    ("to", "problem"),
    [
        ("me@example.org\r\nBcc: x@example.org", "holds a line break"),
        ("me@example.org\nBcc: x@example.org", "holds a line break"),
        ("Me <me@example.org>\x0bBcc", "control character (U+000B)"),
        ("åsa@example.org", "letters outside A–Z before the @"),
    ],
)
def test_recipients_that_could_carry_a_header_or_not_be_delivered_are_refused(
    to: str, problem: str
) -> None:
    with pytest.raises(ExportError, match=re.escape(problem)):
        eml.recipients(to, "sv")


def test_a_sender_address_with_a_line_break_is_refused_by_the_settings() -> None:
    with pytest.raises(ValueError, match="holds a line break"):
        Settings(sender_email="info@northsweden.eu\r\nBcc: x@example.org")


@pytest.mark.parametrize(
    ("link", "address", "header", "one_click"),
    [
        # Both known: the web form (one-click) and a mail to the unsubscribe address.
        (
            "https://www.northsweden.eu/avregistrera",
            "avregistrera@northsweden.eu",
            "<https://www.northsweden.eu/avregistrera>, "
            "<mailto:avregistrera@northsweden.eu?subject=Avregistrera>",
            True,
        ),
        (
            "",
            "avregistrera@northsweden.eu",
            "<mailto:avregistrera@northsweden.eu?subject=Avregistrera>",
            False,
        ),
        # The link is a mailto link already: no second one.
        (
            "mailto:av@northsweden.eu",
            "avregistrera@northsweden.eu",
            "<mailto:av@northsweden.eu>",
            False,
        ),
        # International addresses leave in ASCII.
        (
            "",
            "avregistrera@exämple.se",
            "<mailto:avregistrera@xn--exmple-cua.se?subject=Avregistrera>",
            False,
        ),
        # The email service that replaces a merge tag writes the header itself.
        ("*|UNSUB|*", "avregistrera@northsweden.eu", None, False),
    ],
)
def test_list_unsubscribe_names_the_link_and_the_address(
    link: str, address: str, header: str | None, one_click: bool
) -> None:
    settings = Settings(
        sender_email="info@northsweden.eu", unsubscribe_url=link, unsubscribe_email=address
    )
    parsed = headers_of(settings)
    found = parsed["List-Unsubscribe"]
    assert (None if found is None else str(found).strip()) == header
    assert (parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click") is one_click


def test_the_mailto_subject_is_in_the_newsletters_language() -> None:
    settings = Settings(
        sender_email="info@northsweden.eu",
        unsubscribe_email="unsubscribe@northsweden.eu",
        language="en",
    )
    assert str(headers_of(settings)["List-Unsubscribe"]).strip() == (
        "<mailto:unsubscribe@northsweden.eu?subject=Unsubscribe>"
    )


def test_an_unsubscribe_address_must_be_an_address() -> None:
    with pytest.raises(ValueError, match="not an email address"):
        Settings(unsubscribe_email="avregistrera på hemsidan")


def test_x_unsent_only_in_a_draft() -> None:
    settings = Settings(sender_email="info@northsweden.eu")
    assert headers_of(settings)["X-Unsent"] is None
    message = eml.build_message("<p>x</p>", "x", [], settings, to=[], draft=True)
    parsed = email.message_from_bytes(eml.message_bytes(message), policy=email.policy.strict)
    assert parsed["X-Unsent"] == "1"
    assert parsed["To"] is None


@settings(max_examples=60, deadline=None)
@given(
    domain=st.from_regex(r"[a-z]{1,20}(-[a-z]{1,10})?\.(se|eu|org)", fullmatch=True),
    path=st.from_regex(r"(/[a-z0-9-]{1,12}){0,4}", fullmatch=True),
    local=st.from_regex(r"[a-z]{1,12}(\.[a-z]{1,8})?", fullmatch=True),
)
def test_header_lines_fold_only_before_a_link_or_id(domain: str, path: str, local: str) -> None:
    settings_ = Settings(
        sender_email=f"info@{domain}",
        unsubscribe_url=f"https://www.{domain}{path}",
        unsubscribe_email=f"{local}@{domain}",
    )
    logo = b"\x89PNG"
    cid = eml.content_id(logo, domain)
    images = [eml.InlineImage("01-logo.png", logo, "image/png", cid)]
    message = eml.build_message("<p>x</p>", "x", images, settings_, to=[])
    data = eml.message_bytes(message)
    parsed = email.message_from_bytes(data, policy=email.policy.strict)
    links = [f"https://www.{domain}{path}", f"mailto:{local}@{domain}?subject=Avregistrera"]
    assert str(parsed["List-Unsubscribe"]).strip() == ", ".join(f"<{x}>" for x in links)
    head = data.split(b"\r\n\r\n", 1)[0].decode("ascii").split("\r\n")
    for line in head:
        # A line passes 78 characters only where a single link could not be folded.
        assert len(line) <= 78 or line.count("<") == 1, line
    part = next(p for p in parsed.walk() if p["Content-ID"])
    assert part["Content-ID"] == f"<{cid}>"
