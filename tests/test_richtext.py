"""The sanitizer and link rules: what users paste and type is cut down to what email can show."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html
from pydantic import ValidationError

from composer.model import TextBlock
from composer.richtext import (
    ALLOWED_TAGS,
    MAX_DEPTH,
    address_problem,
    link_problem,
    sanitize,
    to_plain_text,
)

WORD_PASTE = """<html><head><style>p.MsoNormal{margin:0}</style></head><body>
<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->
<p class="MsoNormal" style="mso-line-height:12pt"><b>Viktigt:</b> <i>mötet</i> flyttas
<span style="color:red">till</span> <a href="https://example.org/möte" target="_blank"
onclick="steal()">Bryssel</a>.<o:p></o:p></p>
<script>alert(1)</script><a href="javascript:alert(1)">klicka</a>
<img src="https://tracker.example/pixel.gif"><iframe src="https://x"></iframe>
<h1>Rubrik</h1><table><tr><td>cell</td></tr></table></body></html>"""


def test_paste_from_word_keeps_only_the_allowed_subset() -> None:
    clean = sanitize(WORD_PASTE)
    doc = lxml_html.fragment_fromstring(clean, create_parent="div")
    tags = {element.tag for element in doc.iter()} - {"div"}
    assert tags <= ALLOWED_TAGS
    assert "<strong>Viktigt:</strong>" in clean
    assert "<em>mötet</em>" in clean
    assert '<a href="https://example.org/möte">Bryssel</a>' in clean
    for gone in (
        "alert",
        "style",
        "class=",
        "onclick",
        "javascript:",
        "target",
        "<img",
        "iframe",
        "MsoNormal",
        "WordDocument",
    ):
        assert gone not in clean, gone
    assert "Rubrik" in clean and "cell" in clean  # text of dropped tags is kept


@given(st.text(max_size=200))
@settings(max_examples=200, deadline=None)
def test_sanitized_output_is_stable_and_within_the_subset(markup: str) -> None:
    clean = sanitize(markup)
    assert sanitize(clean) == clean
    if clean:
        doc = lxml_html.fragment_fromstring(clean, create_parent="div")
        assert {element.tag for element in doc.iter()} - {"div"} <= ALLOWED_TAGS
        for link in doc.iter("a"):
            href = link.get("href")
            assert (
                href is None
                or href.split(":", 1)[0].lower() in {"http", "https", "mailto", "tel"}
                or ":" not in href
            )


@pytest.mark.parametrize(
    "link",
    [
        "https://www.northsweden.eu",
        "http://example.org/a?b=c#d",
        "mailto:info@northsweden.eu",
        "tel:+32 2 501 07 40",
        "https://sv.wikipedia.org/wiki/Piteå",
    ],
)
def test_good_links(link: str) -> None:
    assert link_problem(link) is None


@pytest.mark.parametrize(
    ("link", "advice"),
    [
        ("www.northsweden.eu", "https://www.northsweden.eu"),
        ("info@northsweden.eu", "mailto:info@northsweden.eu"),
        ("javascript:alert(1)", "use https://"),
        ("https://", "not a complete web address"),
        ("ftp://example.org", "use https://"),
        ("", "empty"),
        ("*|UNSUB|*", "use https://"),
        # Control characters: invisible, and a line break could add a header to an email.
        ("https://example.org/a\x00b", "control character (U+0000)"),
        ("https://example.org/\x1b[31m", "control character (U+001B)"),
        ("https://example.org/a\r\nBcc: x@example.org", "line break"),
        ("mailto:a@example.org\nBcc: x@example.org", "line break"),
        ("https://example.org/\u0085x", "control character (U+0085)"),
        # Invisible marks pasted along: a zero-width space breaks the link, an override hides.
        ("https://example.org/\u200bnyheter", "control character (U+200B)"),
        ("https://example.org/\u202egnp.exe", "control character (U+202E)"),
        # A server name that cannot be written in IDNA could not leave in an email.
        ("https://ä_b.se/", "server name that cannot be used"),
        ("mailto:info@ä_b.se", "domain that cannot be used"),
    ],
)
def test_bad_links_say_how_to_fix_them(link: str, advice: str) -> None:
    problem = link_problem(link)
    assert problem is not None
    assert advice in problem


@pytest.mark.parametrize(
    "tag", ["*|UNSUB|*", "{{ UnsubscribeURL }}", "[unsubscribe]", "{unsubscribe_url}"]
)
def test_merge_tags_are_links_where_allowed(tag: str) -> None:
    assert link_problem(tag, allow_merge_tag=True) is None
    assert link_problem(tag) is not None


def test_plain_text_of_rich_text() -> None:
    html = (
        "<p>Hej <strong>alla</strong>!</p><ul><li>ett</li><li>två</li></ul>"
        '<p><a href="https://x.se/a">Läs mer om Planet</a><br>rad två</p>'
    )
    assert to_plain_text(html) == (
        "Hej alla!\n\n- ett\n- två\n\nLäs mer om Planet <https://x.se/a>\nrad två"
    )


def test_a_link_written_out_is_not_repeated_in_the_plain_text_once_encoded() -> None:
    html = '<p><a href="https://xn--exmple-cua.se/%C3%A5">https://exämple.se/å</a></p>'
    assert to_plain_text(html) == "https://exämple.se/å"


@pytest.mark.parametrize(
    ("address", "advice"),
    [
        ("me@example.org\r\nBcc: x@example.org", "line break"),
        ("me@example.org\x00", "control character (U+0000)"),
        ("me@example.org\u2028", None),  # a line separator is no control character to email
        ("åsa@exämple.se", None),
    ],
)
def test_addresses_with_control_characters_are_refused(address: str, advice: str | None) -> None:
    problem = address_problem(address)
    if advice is None:
        assert problem is None
    else:
        assert problem is not None and advice in problem
        assert "\n" not in problem and "\x00" not in problem  # the sentence stays one line


def depth(markup: str) -> int:
    """How many elements deep ``markup`` nests (a line break adds no level)."""
    root = lxml_html.fragment_fromstring(markup, create_parent="div")
    # The ancestors of an element count the wrapping div, not the element itself.
    return max(len(list(element.iterancestors())) for element in root.iter() if element.tag != "br")


def test_deeply_nested_emphasis_is_italic_once() -> None:
    clean = sanitize("<p>" + "<em>" * 250 + "djupt" + "</em>" * 250 + "</p>")
    assert clean == "<p><em>djupt</em></p>"
    clean = sanitize("<p>" + "<em><strong>" * 200 + "djupt")
    assert clean == "<p><em><strong>djupt</strong></em></p>"


def test_lists_nested_deeper_than_the_limit_are_flattened_keeping_every_item() -> None:
    markup = "<ul>" + "<li>punkt<ul>" * 130 + "<li>sist</li>" + "</ul></li>" * 130 + "</ul>"
    clean = sanitize(markup)
    assert depth(clean) <= MAX_DEPTH
    assert to_plain_text(clean).split().count("punkt") == 130
    assert "sist" in clean
    # The items past the limit stay on lines of their own.
    assert "punkt<br>punkt" in clean
    assert sanitize(clean) == clean


def test_nesting_within_the_limit_is_kept_as_it_is() -> None:
    markup = "<ol>" + "<li>a<ol>" * 5 + "<li><p><em><strong>b</strong></em></p></li>"
    markup += "</ol></li>" * 5 + "</ol>"
    assert depth(markup) == 15
    assert sanitize(markup) == markup


@given(
    st.lists(
        st.sampled_from(["<ul>", "<li>", "<ol>", "<em>", "<p>", "<div>", "x", "</li>", "</em>"]),
        max_size=600,
    )
)
@settings(max_examples=100, deadline=None)
def test_no_markup_nests_deeper_than_the_limit(parts: list[str]) -> None:
    clean = sanitize("".join(parts))
    if clean:
        assert depth(clean) <= MAX_DEPTH
        assert sanitize(clean) == clean


def test_text_that_grows_past_the_limit_once_cleaned_is_refused_not_saved_unreadable() -> None:
    # 50,000 unclosed items are 200,000 characters, and 450,000 once each is closed: a file
    # holding them could not be opened again.
    with pytest.raises(ValidationError, match="Split it over several blocks"):
        TextBlock(body="<li>" * 50_000)
