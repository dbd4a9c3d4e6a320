"""Checks of the content: each rule fires on the mistake it is for and stays quiet otherwise."""

from __future__ import annotations

import re

import pytest
from check_documents import (
    clean_project,
    found,
    where,
    with_block,
    with_blocks,
    with_settings,
)

import composer.checks.content
from composer.checks import Severity, run_checks
from composer.model import BlockBase, Bundle, make_block
from composer.render import contrast_ratio


def test_contrast_low_fires_for_a_light_accent_and_names_the_colour_shown_instead() -> None:
    findings = found(with_settings(clean_project(), accent_color="#ffcc00"), "contrast-low")
    assert where(findings) == [(None, "accent_color")]
    # The renderer darkens the accent under white text; the user learns which colour readers see.
    shown = re.search(r"use the darker (#[0-9a-f]{6}) instead", findings[0].message)
    assert shown is not None
    assert contrast_ratio("#ffffff", shown.group(1)) >= 4.5
    assert "1.5:1" in findings[0].message


def test_contrast_low_suggests_a_readable_accent_when_the_theme_keeps_it_as_chosen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A theme that used the accent as chosen would leave white text unreadable on it.
    monkeypatch.setattr(
        composer.checks.content, "theme_colours", lambda accent, theme: {"accent": accent}
    )
    findings = found(with_settings(clean_project(), accent_color="#ffcc00"), "contrast-low")
    suggestion = re.search(r"such as (#[0-9a-f]{6})", findings[0].message)
    assert suggestion is not None
    assert contrast_ratio("#ffffff", suggestion.group(1)) >= 4.5


def test_contrast_low_quiet_for_the_default_accent() -> None:
    assert found(clean_project(), "contrast-low") == []


@pytest.mark.parametrize(
    ("kind", "fields", "focus"),
    [
        ("article", {}, "headline"),
        ("text", {}, "body"),
        ("button", {}, "label"),
        ("contact", {"heading": "Mer information"}, "name"),
        ("image", {"caption": "Utan bild"}, "image"),
        ("masthead", {}, "title"),
    ],
)
def test_block_empty_fires(kind: str, fields: dict[str, str], focus: str) -> None:
    bundle = with_blocks(clean_project(), make_block(kind, id="tom", **fields))
    findings = found(bundle, "block-empty")
    assert where(findings) == [("tom", focus)]


def test_block_empty_quiet_for_a_section_heading_and_a_divider() -> None:
    bundle = with_blocks(
        clean_project(),
        make_block("text", id="rubrik", heading="Aktuellt"),
        make_block("divider", id="linje"),
    )
    assert found(bundle, "block-empty") == []


@pytest.mark.parametrize(("block_id", "field"), [("planet", "headline"), ("masthead", "title")])
def test_headline_all_caps_fires(block_id: str, field: str) -> None:
    bundle = with_block(clean_project(), block_id, **{field: "NYHETER FRÅN BRYSSEL"})
    findings = found(bundle, "headline-all-caps")
    assert where(findings) == [(block_id, field)]


def test_headline_all_caps_quiet_for_acronyms_and_sentence_case() -> None:
    bundle = with_block(clean_project(), "planet", headline="EU")
    bundle = with_blocks(bundle, make_block("text", id="t", heading="Nytt från EU och NATO"))
    assert found(bundle, "headline-all-caps") == []


def test_article_without_image_fires() -> None:
    findings = found(with_block(clean_project(), "planet", image=None), "article-no-image")
    assert where(findings) == [("planet", "image")]


def test_article_without_image_quiet_for_an_empty_article() -> None:
    # An empty article is reported as empty; asking for a picture as well would be noise.
    bundle = with_blocks(clean_project(), make_block("article", id="tom"))
    assert found(bundle, "article-no-image") == []


def test_article_long_fires_over_four_hundred_words() -> None:
    body = "<p>" + "ord " * 401 + "</p>"
    findings = found(with_block(clean_project(), "planet", body=body), "article-long")
    assert where(findings) == [("planet", "body")]
    assert "401 words" in findings[0].message


def test_article_long_quiet_at_four_hundred_words() -> None:
    body = "<p>" + "ord " * 400 + "</p>"
    assert found(with_block(clean_project(), "planet", body=body), "article-long") == []


def without_blocks(bundle: Bundle, *kept: str) -> Bundle:
    """``bundle`` with only the blocks ``kept``."""
    blocks = tuple(block for block in bundle.newsletter.blocks if block.id in kept)
    return Bundle(bundle.newsletter.model_copy(update={"blocks": blocks}), bundle.images)


@pytest.mark.parametrize(
    "extra",
    [
        (),
        (make_block("contact", id="c", name="Anna Berg"), make_block("button", id="b")),
        # A section heading, an empty text block and a picture give nothing to read either.
        (make_block("text", id="t", heading="Aktuellt", body="<p> </p>"),),
    ],
)
def test_content_missing_fires_for_a_newsletter_with_nothing_to_read(
    extra: tuple[BlockBase, ...],
) -> None:
    bundle = with_blocks(without_blocks(clean_project(), "masthead"), *extra)
    findings = found(bundle, "content-missing")
    assert where(findings) == [(None, None)]
    assert findings[0].severity is Severity.ERROR
    assert findings[0].location == "the whole newsletter"


@pytest.mark.parametrize(
    "block",
    [
        make_block("article", id="a", headline="Planet"),
        make_block("article", id="a", body="<p>Planet presenterades.</p>"),
        make_block("text", id="t", body="<p>Välkommen!</p>"),
    ],
)
def test_content_missing_quiet_with_an_article_or_a_text(block: BlockBase) -> None:
    bundle = with_blocks(without_blocks(clean_project(), "masthead"), block)
    assert found(bundle, "content-missing") == []
    assert found(clean_project(), "content-missing") == []


def test_content_missing_speaks_swedish() -> None:
    bundle = without_blocks(clean_project(), "masthead")
    findings = [f for f in run_checks(bundle, language="sv") if f.code == "content-missing"]
    assert findings[0].message.startswith("Nyhetsbrevet har ännu ingen artikel och ingen text")


# Found in the user trial: the new block types were unknown to these checks. An empty side
# article passed without a word, and a newsletter of side articles and columns was an error.
@pytest.mark.parametrize(
    ("block", "focus"),
    [
        (make_block("side", id="tom"), "headline"),
        (make_block("columns", id="tom"), "first_headline"),
    ],
)
def test_block_empty_fires_for_an_empty_side_article_or_two_columns(
    block: BlockBase, focus: str
) -> None:
    findings = found(with_blocks(clean_project(), block), "block-empty")
    assert where(findings) == [("tom", focus)]


def test_block_empty_quiet_for_two_columns_with_one_filled() -> None:
    block = make_block("columns", id="halv", second_headline="Praktikplatser")
    assert found(with_blocks(clean_project(), block), "block-empty") == []


@pytest.mark.parametrize(
    "block",
    [
        make_block("side", id="s", headline="Vinterkonferens i Luleå"),
        make_block("side", id="s", body="<p>Konferensen hålls i februari.</p>"),
        make_block("columns", id="k", second_body="<p>Sök senast 1 mars.</p>"),
    ],
)
def test_content_missing_quiet_with_a_side_article_or_a_column(block: BlockBase) -> None:
    bundle = with_blocks(without_blocks(clean_project(), "masthead"), block)
    assert found(bundle, "content-missing") == []


@pytest.mark.parametrize(
    ("block", "field"),
    [
        (make_block("side", id="x", headline="NYHETER FRÅN BRYSSEL"), "headline"),
        (make_block("columns", id="x", second_headline="NYHETER FRÅN BRYSSEL"), "second_headline"),
    ],
)
def test_headline_all_caps_fires_for_side_articles_and_columns(
    block: BlockBase, field: str
) -> None:
    findings = found(with_blocks(clean_project(), block), "headline-all-caps")
    assert where(findings) == [("x", field)]


def test_an_empty_side_article_is_reported_in_swedish() -> None:
    bundle = with_blocks(clean_project(), make_block("side", id="tom"))
    findings = [f for f in run_checks(bundle, language="sv") if f.code == "block-empty"]
    assert findings[0].message.startswith("Sidoartikeln har varken rubrik eller text")
