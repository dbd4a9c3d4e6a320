"""Links leave the program in ASCII, meaning what the user typed, wherever they go."""

from __future__ import annotations

import email
import email.policy
import re
from email.message import EmailMessage

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html
from pydantic import ValidationError

from composer import eml
from composer.links import encoded_hrefs, encoded_url, outgoing, readable_url
from composer.model import ArticleBlock, ImageStore, Newsletter, Organisation, Settings, TextBlock
from composer.render import RenderResult, relative_resolver, render

SWEDISH_UNSUBSCRIBE = "https://www.northsweden.eu/nyhetsbrev/avregistrera-å"


@pytest.mark.parametrize(
    ("typed", "sent"),
    [
        (SWEDISH_UNSUBSCRIBE, "https://www.northsweden.eu/nyhetsbrev/avregistrera-%C3%A5"),
        ("https://www.göteborg.se/", "https://www.xn--gteborg-90a.se/"),
        ("https://ÖREBRO.se/Å?ö=ä#Ä", "https://xn--rebro-iua.se/%C3%85?%C3%B6=%C3%A4#%C3%84"),
        # IDNA 2008 as browsers do: ß is a letter of its own, not "ss".
        ("https://straße.de/", "https://xn--strae-oqa.de/"),
        # A symbol domain IDNA 2008 refuses still has its IDNA 2003 name.
        ("https://i❤.ws/", "https://xn--i-7iq.ws/"),
        (
            "https://user:lösen@exämple.se:8080/å",
            "https://user:l%C3%B6sen@xn--exmple-cua.se:8080/%C3%A5",
        ),
        # What is encoded already stays as it is, not encoded twice.
        ("https://x.se/avregistrera-%C3%A5?a=%20", "https://x.se/avregistrera-%C3%A5?a=%20"),
        ("https://x.se/å%C3%A5", "https://x.se/%C3%A5%C3%A5"),
        # Merge tags inside a link are the email service's: untouched.
        ("https://x.se/å?e=*|EMAIL|*", "https://x.se/%C3%A5?e=*|EMAIL|*"),
        ("https://x.se/å?n={{ förnamn }}", "https://x.se/%C3%A5?n={{ förnamn }}"),
        ("https://x.se/å?n=%%Email%%", "https://x.se/%C3%A5?n=%%Email%%"),
        # RFC 6068: the local part percent-encoded, the domain in IDNA.
        ("mailto:åsa@exämple.se", "mailto:%C3%A5sa@xn--exmple-cua.se"),
        ("mailto:a@b.se,c@ö.se?subject=Hej då", "mailto:a@b.se,c@xn--nda.se?subject=Hej%20d%C3%A5"),
        ("tel:+46 70 123 45 67", "tel:+46%2070%20123%2045%2067"),
        ("https://www.northsweden.eu/", "https://www.northsweden.eu/"),
    ],
)
def test_links_are_written_in_ascii_meaning_the_same(typed: str, sent: str) -> None:
    assert encoded_url(typed) == sent


@pytest.mark.parametrize(
    "tag", ["*|UNSUB|*", "{{ unsubscribe }}", "[unsubscribe]", "{unsubscribe_url}", "%%unsub%%"]
)
def test_merge_tags_leave_exactly_as_typed(tag: str) -> None:
    assert encoded_url(tag) == tag


@pytest.mark.parametrize(
    "typed",
    [SWEDISH_UNSUBSCRIBE, "https://www.göteborg.se/å", "https://i❤.ws/", "https://x.se/%2F"],
)
def test_the_readable_form_gives_back_what_was_typed(typed: str) -> None:
    assert readable_url(encoded_url(typed)) == typed


def test_rich_text_hrefs_are_encoded_and_its_text_kept() -> None:
    body = '<p>Läs <a href="https://exämple.se/å?a=1&amp;b=2">här på exämple.se/å</a></p>'
    assert encoded_hrefs(body) == (
        '<p>Läs <a href="https://xn--exmple-cua.se/%C3%A5?a=1&amp;b=2">här på exämple.se/å</a></p>'
    )


def test_outgoing_copies_the_newsletter_and_leaves_the_typed_one_alone() -> None:
    typed = Newsletter(
        settings=Settings(
            unsubscribe_url=SWEDISH_UNSUBSCRIBE,
            web_version_url="*|ARCHIVE|*",
            organisation=Organisation(website="https://www.göteborg.se"),
        ),
        blocks=(
            ArticleBlock(
                link_url="https://exämple.se/", body='<p><a href="https://ö.se">ö</a></p>'
            ),
        ),
    )
    sent = outgoing(typed)
    assert sent.settings.unsubscribe_url == encoded_url(SWEDISH_UNSUBSCRIBE)
    assert sent.settings.web_version_url == "*|ARCHIVE|*"
    assert sent.settings.organisation.website == "https://www.xn--gteborg-90a.se"
    article = sent.blocks[0]
    assert isinstance(article, ArticleBlock)
    assert article.link_url == "https://xn--exmple-cua.se/"
    assert article.body == '<p><a href="https://xn--nda.se">ö</a></p>'
    assert typed.settings.unsubscribe_url == SWEDISH_UNSUBSCRIBE
    plain = Newsletter(blocks=(ArticleBlock(link_url="https://x.se/"),))
    assert outgoing(plain) is plain  # nothing to encode: nothing copied


def hrefs(html: str) -> list[str]:
    return [str(href) for href in lxml_html.fromstring(html).xpath("//@href")]


def test_the_email_has_the_encoded_links_and_shows_the_readable_web_site() -> None:
    newsletter = Newsletter(
        settings=Settings(
            unsubscribe_url=SWEDISH_UNSUBSCRIBE,
            organisation=Organisation(name="Göteborg", website="https://www.göteborg.se/"),
        ),
        blocks=(TextBlock(body='<p><a href="https://exämple.se/å">https://exämple.se/å</a></p>'),),
    )
    result = render(newsletter, relative_resolver(ImageStore()))
    links = hrefs(result.html)
    assert "https://www.northsweden.eu/nyhetsbrev/avregistrera-%C3%A5" in links
    assert "https://www.xn--gteborg-90a.se/" in links
    assert "https://xn--exmple-cua.se/%C3%A5" in links
    assert all(link.isascii() for link in links)
    footer_site = lxml_html.fromstring(result.html).xpath(
        "//a[@href='https://www.xn--gteborg-90a.se/']"
    )[0]
    assert footer_site.text_content() == "göteborg.se"
    assert "Avregistrera: https://www.northsweden.eu/nyhetsbrev/avregistrera-%C3%A5" in result.text
    # A link written out as its own text is not repeated in the text part.
    assert "https://exämple.se/å\n" in result.text + "\n"
    assert "<https://xn--exmple-cua.se/%C3%A5>" not in result.text


# --- any link the model accepts leaves without error -------------------------------------------

_LETTERS = st.sampled_from("abcxyzåäöÅÄÖßéüñøæ0123456789-")
_ANY = st.characters(codec="utf-8", exclude_categories=["Cs"])
_LABEL = st.text(_LETTERS, min_size=1, max_size=12)
_HOST = st.lists(_LABEL, min_size=2, max_size=4).map(".".join)
_PATH = st.text(st.one_of(_LETTERS, _ANY, st.sampled_from("/?#&=%|*{}[]@:+,;")), max_size=40)
_TAG = st.sampled_from(["", "*|EMAIL|*", "{{ x }}", "{{förnamn}}", "%%Email%%", "[x]"])


@st.composite
def typed_links(draw: st.DrawFn) -> str:
    """Links as people type them: http(s) and mailto with Swedish and stranger characters."""
    kind = draw(st.sampled_from(["https", "http", "mailto", "other"]))
    if kind == "mailto":
        local = draw(st.text(_LETTERS, min_size=1, max_size=10))
        return f"mailto:{local}@{draw(_HOST)}{draw(st.sampled_from(['', '?subject=']))}"
    if kind == "other":
        return draw(st.text(_ANY, max_size=40))
    port = draw(st.sampled_from(["", ":8080", ":"]))
    return f"{kind}://{draw(_HOST)}{port}/{draw(_PATH)}{draw(_TAG)}"


def read_back_strictly(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.strict)
    assert isinstance(message, EmailMessage)
    return message


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(link=typed_links())
def test_any_link_the_model_accepts_renders_and_exports_as_eml(link: str) -> None:
    try:
        newsletter = Newsletter(
            settings=Settings(
                subject="Nyhetsbrev",
                sender_email="info@northsweden.eu",
                unsubscribe_url=link,
                web_version_url=link,
                organisation=Organisation(website=link if "://" in link else ""),
            ),
            blocks=(
                ArticleBlock(
                    headline="Planet",
                    link_url=link,
                    body=f'<p><a href="{link.replace(chr(34), "")}">länk</a></p>',
                ),
            ),
        )
    except ValidationError:
        assume(False)
        return
    result: RenderResult = render(newsletter, relative_resolver(ImageStore()))
    assert all(href.isascii() for href in hrefs(result.html))
    message = eml.build_message(
        result.html, result.text, [], newsletter.settings, to=eml.recipients(None, "sv")
    )
    data = eml.message_bytes(message)
    parsed = read_back_strictly(data)
    header = parsed["List-Unsubscribe"]
    if header is not None:  # folded after the colon when that keeps it within 78 characters
        assert re.fullmatch(r"<[\x21-\x7e]+>", str(header).strip())
        assert str(header).strip() == f"<{encoded_url(link)}>"
    text = parsed.get_body(("plain",))
    assert text is not None
    assert encoded_url(link) in text.get_content()
