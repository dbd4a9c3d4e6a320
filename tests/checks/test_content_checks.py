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
from composer.model import make_block
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
