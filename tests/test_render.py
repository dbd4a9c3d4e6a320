"""Rendering: user text stays data, dates read Swedish, CSS is inlined, output is stable."""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

import composer.render
from composer.cli import main
from composer.errors import RenderError
from composer.i18n import set_ui_language, translations
from composer.model import BlockBase, Bundle, ImageStore, Newsletter, Settings, make_block
from composer.render import clear_caches, format_date, relative_resolver, render, theme


def _render(newsletter: Newsletter) -> str:
    return render(newsletter, relative_resolver(ImageStore())).html


def _style_blocks(html: str) -> list[str]:
    """The ``<style>`` blocks every client sees (not those inside Outlook's conditionals)."""
    visible = re.sub(r"<!--.*?-->", "", html, flags=re.S)
    return re.findall(r"<style[^>]*>(.*?)</style>", visible, re.S)


def _top_level_rules(css: str) -> list[str]:
    """Selectors of the rules outside any at-rule."""
    depth, start, rules = 0, 0, []
    for i, char in enumerate(css):
        if char == "{":
            if depth == 0:
                rules.append(css[start:i].strip())
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                start = i + 1
    return rules


HOSTILE = [
    "{{ 7*7 }}",
    "{% for x in y %}",
    "<script>alert(1)</script>",
    "<b>fet</b>",
    '" onmouseover="alert(1)',
    "{# kommentar #}",
    "${7*7}",
]


@pytest.mark.parametrize("typed", HOSTILE)
def test_text_typed_by_the_user_is_data_never_code(typed: str) -> None:
    newsletter = Newsletter(
        settings=Settings(subject=typed, preheader=typed),
        blocks=(
            make_block("masthead", title=typed, tagline=typed),
            make_block(
                "article",
                headline=typed,
                category=typed,
                signature=typed,
                body=f"<p>{typed}</p>",
                image_caption=typed,
            ),
            make_block("contact", name=typed, heading=typed),
        ),
    )
    result = render(newsletter, relative_resolver(ImageStore()))
    doc = lxml_html.fromstring(result.html)
    assert doc.findtext(".//h1") == typed
    assert doc.findtext(".//h2") == typed
    assert doc.findtext(".//title") == typed
    assert not doc.xpath("//script")
    assert not doc.xpath("//*[@onmouseover]")
    assert "49" not in result.html
    assert typed in result.text
    assert "<b>fet</b>" not in result.html


@given(typed=st.text(max_size=60))
@settings(max_examples=80, deadline=None)
def test_any_headline_comes_out_exactly_as_typed(typed: str) -> None:
    newsletter = Newsletter(blocks=(make_block("article", headline=typed),))
    headline = newsletter.blocks[0].headline  # type: ignore[union-attr]
    doc = lxml_html.fromstring(_render(newsletter))
    found = doc.findtext(".//h2")
    assert (found or "") == headline
    assert not doc.xpath("//script")


@pytest.mark.parametrize(
    ("language", "date", "expected"),
    [
        ("sv", dt.date(2012, 11, 1), "1 november 2012"),
        ("sv", dt.date(2012, 10, 25), "25 oktober 2012"),
        ("sv", dt.date(2013, 2, 14), "14 februari 2013"),
        ("en", dt.date(2012, 11, 1), "1 November 2012"),
    ],
)
def test_dates_are_written_in_the_newsletter_language(
    language: str, date: dt.date, expected: str
) -> None:
    assert format_date(date, language) == expected
    newsletter = Newsletter(
        settings=Settings(language=language),  # type: ignore[arg-type]
        blocks=(make_block("article", headline="Planet", date=date),),
    )
    result = render(newsletter, relative_resolver(ImageStore()))
    assert expected in lxml_html.fromstring(result.html).text_content()
    assert expected in result.text


def test_template_words_follow_the_newsletter_language() -> None:
    blocks = (make_block("button", url="https://example.org"),)
    sv = render(
        Newsletter(settings=Settings(unsubscribe_url="https://x.se/a"), blocks=blocks),
        relative_resolver(ImageStore()),
    )
    en = render(
        Newsletter(
            settings=Settings(language="en", unsubscribe_url="https://x.se/a"), blocks=blocks
        ),
        relative_resolver(ImageStore()),
    )
    assert "Läs mer" in sv.html and "Avregistrera" in sv.html
    assert "Read more" in en.html and "Unsubscribe" in en.html
    assert lxml_html.fromstring(sv.html).get("lang") == "sv"
    assert lxml_html.fromstring(en.html).get("lang") == "en"


def test_sample_keeps_swedish_letters_and_inlines_every_rule(sample: Bundle) -> None:
    result = render(sample.newsletter, relative_resolver(sample.images))
    for word in (
        "Älvsbyn",
        "Piteå",
        "förutsättningar",
        "Läs mer om Planet-projektet",
        "Kontaktperson",
        "Mikael Janson",
        "1 november 2012",
    ):
        assert word in result.html
        assert word in result.text
    assert "&#" not in result.html.replace("&#847;", "")  # letters are UTF-8, not entities
    for css in _style_blocks(result.html):
        if "light-dark(" in css:
            continue  # the colour pairs Thunderbird can use (tests/test_email_html.py)
        for selector in _top_level_rules(css):
            assert selector.startswith("@media") or "[data-og" in selector, selector
    doc = lxml_html.fromstring(result.html)
    paragraph = doc.xpath("//p[contains(., 'Torsdagen den 25 oktober')]")[0]
    assert "font-size:16px" in paragraph.get("style").replace(" ", "")
    for link in doc.xpath("//body//a[@href]"):
        assert "color:" in link.get("style", ""), lxml_html.tostring(link)


def test_rendering_twice_gives_identical_bytes(sample: Bundle) -> None:
    first = render(sample.newsletter, relative_resolver(sample.images))
    second = render(sample.newsletter, relative_resolver(sample.images))
    assert first.html.encode() == second.html.encode()
    assert first.text == second.text


def test_resolver_decides_image_sources(sample: Bundle) -> None:
    from composer.render import StoreResolver

    resolver = StoreResolver(sample.images, lambda ref, width: f"cid:{ref.sha256[:8]}-{width}")
    doc = lxml_html.fromstring(render(sample.newsletter, resolver).html)
    sources = [img.get("src") for img in doc.xpath("//img")]
    assert sources and all(src.startswith("cid:") for src in sources)
    photo = doc.xpath("//img[contains(@alt, 'Seminariedeltagare')]")[0]
    assert photo.get("width") == "600"
    assert photo.get("height") == "375"  # the drawn photo is 1600×1000


def test_plain_text_has_links_and_every_headline(sample: Bundle) -> None:
    text = render(sample.newsletter, relative_resolver(sample.images)).text
    assert "Planet\n------" in text
    # Lines are wrapped, never inside the link.
    assert (
        "Läs mer om MaNTT:s riktlinjer <https://www.northsweden.eu/nyheter/mantt-riktlinjer>"
        in " ".join(text.split())
    )
    assert "\n<https://www.northsweden.eu/nyheter/mantt-riktlinjer>\n" in text
    assert "Avregistrera: https://www.northsweden.eu/nyhetsbrev/avregistrera" in text
    assert "<p>" not in text


def _paragraph_blocks(words: list[str]) -> tuple[BlockBase, ...]:
    kinds = ["article", "text", "button", "divider", "contact"]
    blocks: list[BlockBase] = []
    for i, word in enumerate(words):
        kind = kinds[i % len(kinds)]
        fields = {
            "article": {"headline": word, "body": f"<p>{word}</p>"},
            "text": {"heading": word, "body": f"<p><a href='https://x.se'>{word}</a></p>"},
            "button": {"label": word, "url": "https://x.se"},
            "divider": {},
            "contact": {"name": word, "email": "a@b.se"},
        }[kind]
        blocks.append(make_block(kind, **fields))
    return tuple(blocks)


@given(
    words=st.lists(st.sampled_from(["Planet", "Piteå", "MaNTT", "Kalix", "Boden"]), max_size=6),
    warm=st.lists(st.integers(0, 5), max_size=4),
)
@settings(max_examples=40, deadline=None)
def test_cached_blocks_give_the_same_bytes_as_a_cold_render(
    words: list[str], warm: list[int]
) -> None:
    """The preview re-inlines only changed blocks; the result must not depend on history."""
    blocks = _paragraph_blocks(words)
    newsletter = Newsletter(settings=Settings(subject="Test"), blocks=blocks)
    clear_caches()
    cold = _render(newsletter)
    clear_caches()
    # Warm the cache with other documents sharing some of the blocks, in another order.
    partial = tuple(blocks[i] for i in dict.fromkeys(warm) if i < len(blocks))
    _render(Newsletter(settings=Settings(subject="Annan"), blocks=partial[::-1]))
    _render(newsletter.model_copy(update={"blocks": blocks[1:]}))
    assert _render(newsletter) == cold


def test_a_document_larger_than_the_cache_still_renders_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from composer.render import inlining

    newsletter = Newsletter(blocks=_paragraph_blocks(["Planet", "Piteå", "MaNTT", "Kalix"]))
    clear_caches()
    expected = _render(newsletter)
    clear_caches()
    monkeypatch.setattr(inlining._INLINED, "limit", 2)
    assert _render(newsletter) == expected


def _fresh_stylesheet_render(accent: str) -> str:
    """A render that parses its stylesheets anew: an accent no other test uses, no premailer yet."""
    from composer.render import inlining

    inlining._premailer.cache_clear()
    clear_caches()
    newsletter = Newsletter(
        settings=Settings(accent_color=accent), blocks=_paragraph_blocks(["Planet", "Piteå"])
    )
    return _render(newsletter)


def test_parsed_stylesheets_are_stored_whole_and_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    parsed = _fresh_stylesheet_render("#2b5d8a")
    stored = sorted((tmp_path / "newsletter-composer" / "stylesheets").iterdir())
    assert stored and all(path.suffix == ".json" for path in stored)  # no temporary left
    for path in stored:
        assert set(json.loads(path.read_text(encoding="utf-8"))) == {"rules", "leftover"}
    files = {path: path.stat().st_ino for path in stored}
    # A later run (a fresh premailer) takes the stored rules, not parsing and storing them
    # again, and renders the same bytes.
    assert _fresh_stylesheet_render("#2b5d8a") == parsed
    assert {path: path.stat().st_ino for path in stored} == files


def test_a_stylesheet_cache_that_cannot_be_written_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "writable"))
    expected = _fresh_stylesheet_render("#3c6e9b")
    blocked = tmp_path / "blocked"
    (blocked / "newsletter-composer").mkdir(parents=True)
    (blocked / "newsletter-composer" / "stylesheets").write_text("a file, not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert _fresh_stylesheet_render("#3c6e9b") == expected


# --- messages to the user -------------------------------------------------------------------

RENDER_PACKAGE = Path(composer.render.__file__).resolve().parent
PLACEHOLDER = re.compile(r"\{\w*\}")


def _marked_messages(source: str) -> list[str]:
    """The texts given to ``_()`` in ``source``."""
    return [
        node.args[0].value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "_"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ]


def test_every_message_of_the_render_has_a_swedish_translation() -> None:
    catalog = translations("sv")
    messages = [
        message
        for path in sorted(RENDER_PACKAGE.glob("*.py"))
        for message in _marked_messages(path.read_text(encoding="utf-8"))
    ]
    assert len(messages) >= 5
    for message in messages:
        swedish = catalog.gettext(message)
        assert swedish != message, f"no Swedish for: {message}"
        assert sorted(PLACEHOLDER.findall(swedish)) == sorted(PLACEHOLDER.findall(message))


def test_render_errors_never_carry_an_untranslated_message() -> None:
    for path in sorted(RENDER_PACKAGE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "RenderError":
                for argument in node.args:
                    literal = isinstance(argument, ast.JoinedStr) or (
                        isinstance(argument, ast.Constant) and isinstance(argument.value, str)
                    )
                    assert not literal, f"{path.name}: {ast.unparse(node)}"


@pytest.fixture
def swedish() -> Iterator[None]:
    """The program speaks Swedish to its user; English again afterwards."""
    set_ui_language("sv")
    yield
    set_ui_language(None)


@pytest.mark.usefixtures("swedish")
def test_an_unknown_theme_is_named_in_swedish() -> None:
    with pytest.raises(RenderError) as raised:
        theme("glossig")
    assert str(raised.value) == (
        "Det finns inget tema som heter ”glossig”; välj ett av classic, minimal i "
        "nyhetsbrevets inställningar."
    )


@pytest.mark.usefixtures("swedish")
def test_the_render_command_says_in_swedish_when_it_cannot_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = tmp_path / "s.newsletter"
    main(["sample", "-o", str(document)])
    target = tmp_path / "saknas" / "brev.html"
    assert main(["render", str(document), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"Det går inte att skriva ”{target}”:" in err
    assert "Traceback" not in err
