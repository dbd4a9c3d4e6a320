"""Checks of the links: each rule fires on the mistake it is for and stays quiet otherwise."""

from __future__ import annotations

import pytest
from check_documents import (
    clean_project,
    found,
    where,
    with_block,
    with_blocks,
    with_settings,
)

from composer.model import Bundle, Organisation, make_block


def test_link_empty_fires_for_a_label_without_address() -> None:
    bundle = with_block(clean_project(), "planet", link_url="")
    bundle = with_blocks(bundle, make_block("button", id="knapp", label="Anmäl dig"))
    bundle = with_block(bundle, "planet", body='<p>Se <a href="">rapporten</a>.</p>')
    findings = found(bundle, "link-empty")
    assert where(findings) == [("planet", "body"), ("planet", "link_url"), ("knapp", "url")]
    assert "“rapporten”" in findings[0].message
    assert "“Anmäl dig”" in findings[2].message


def test_link_empty_fires_for_a_link_with_no_words() -> None:
    body = '<p>Text<a href="https://example.se/x"></a></p>'
    findings = found(with_block(clean_project(), "planet", body=body), "link-empty")
    assert where(findings) == [("planet", "body")]


def test_link_empty_quiet_when_the_address_is_there() -> None:
    # An address without a label gets the program's "Read more": vague, but not empty.
    bundle = with_block(clean_project(), "planet", link_label="")
    assert found(bundle, "link-empty") == []


def test_link_invalid_fires_for_a_link_the_sanitizer_disarmed() -> None:
    body = '<p>Se <a href="javascript:alert(1)">rapporten</a>.</p>'
    findings = found(with_block(clean_project(), "planet", body=body), "link-invalid")
    assert where(findings) == [("planet", "body")]
    assert "“rapporten”" in findings[0].message
    assert "https://" in findings[0].message


def test_link_invalid_fires_for_an_address_without_scheme_and_says_the_fix() -> None:
    body = '<p>Se <a href="www.example.se/rapport">rapporten</a>.</p>'
    findings = found(with_block(clean_project(), "planet", body=body), "link-invalid")
    assert where(findings) == [("planet", "body")]
    assert "“https://www.example.se/rapport”" in findings[0].message


def test_link_invalid_fires_for_a_field_that_escaped_validation() -> None:
    # model_copy does not validate: an editor that used it must not get a bad link out.
    bundle = clean_project()
    block = bundle.newsletter.blocks[1].model_copy(update={"link_url": "info@example.se"})
    bundle = Bundle(
        bundle.newsletter.model_copy(update={"blocks": (bundle.newsletter.blocks[0], block)}),
        bundle.images,
    )
    findings = found(bundle, "link-invalid")
    assert where(findings) == [("planet", "link_url")]
    assert "mailto:info@example.se" in findings[0].message


def test_link_invalid_quiet_for_mail_phone_and_merge_tag_links() -> None:
    body = (
        '<p><a href="mailto:info@example.se">Mejla oss</a>, <a href="tel:+3221234567">ring '
        'kontoret</a> eller <a href="*|ARCHIVE|*">läs tidigare nummer</a>.</p>'
    )
    bundle = with_block(clean_project(), "planet", body=body)
    bundle = with_settings(bundle, unsubscribe_url="*|UNSUB|*")
    assert found(bundle, "link-invalid") == []


def test_link_http_fires_in_text_and_settings() -> None:
    body = '<p>Se <a href="http://example.se/rapport">rapporten</a>.</p>'
    bundle = with_block(clean_project(), "planet", body=body)
    bundle = with_settings(bundle, organisation=Organisation(website="http://example.se"))
    findings = found(bundle, "link-http")
    assert where(findings) == [(None, "organisation.website"), ("planet", "body")]


def test_link_http_quiet_for_https() -> None:
    assert found(clean_project(), "link-http") == []


@pytest.mark.parametrize("text", ["här", "Klicka HÄR!", "läs mer »", "Read more…", "länk", "LINK"])
def test_link_vague_fires_for_a_text_that_says_nothing(text: str) -> None:
    body = f'<p>Riktlinjerna finns <a href="https://example.se/r">{text}</a>.</p>'
    findings = found(with_block(clean_project(), "planet", body=body), "link-vague")
    assert where(findings) == [("planet", "body")]
    assert f"“{text}”" in findings[0].message


def test_link_vague_fires_for_an_article_link_without_a_label_and_suggests_one() -> None:
    findings = found(with_block(clean_project(), "planet", link_label=""), "link-vague")
    assert where(findings) == [("planet", "link_label")]
    # The newsletter is Swedish: the button says "Läs mer", the example is Swedish too.
    assert "“Läs mer”" in findings[0].message
    assert "“Läs mer om Planet”" in findings[0].message


def test_link_vague_fires_for_a_button_label() -> None:
    button = make_block("button", id="knapp", label="Klicka här", url="https://example.se/a")
    assert where(found(with_blocks(clean_project(), button), "link-vague")) == [("knapp", "label")]


def test_link_vague_quiet_for_the_seeds_descriptive_link_ending_in_har() -> None:
    # The seed's "Läs mer om MaNTT:s riktlinjer här" names its destination: it passes.
    body = '<p><a href="https://example.se/mantt">Läs mer om MaNTT:s riktlinjer här</a></p>'
    assert found(with_block(clean_project(), "planet", body=body), "link-vague") == []
