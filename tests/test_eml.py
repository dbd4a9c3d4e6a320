"""The message's headers with what users type: Swedish links and addresses, hostile recipients."""

from __future__ import annotations

import email
import email.policy
import re
from email.message import EmailMessage

import pytest

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
