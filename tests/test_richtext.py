"""The sanitizer and link rules: what users paste and type is cut down to what email can show."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from composer.richtext import ALLOWED_TAGS, link_problem, sanitize, to_plain_text

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
