"""The spelling tip: misspelt words listed with their block and field, in both languages."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pytest
from check_documents import clean_project, found, where, with_block, with_settings

import composer.spelling
from composer.checks import LISTED_WORDS, run_checks
from composer.model import make_block
from composer.spelling import SpellChecker


def test_misspelt_words_are_listed_with_their_block_and_field() -> None:
    bundle = with_settings(clean_project(), subject="Nyhetsbrev från Bryssell")
    bundle = with_block(
        bundle,
        "planet",
        headline="Planet",
        body="<p>Ett <strong>sammarbets</strong>projekt i Norrbotten. Mer på "
        '<a href="https://example.se">https://example.se/planet</a>, *|FNAME|*.</p>'
        "<ul><li>framgångsrrika</li><li>framgångsrrika</li></ul>",
    )
    findings = found(bundle, "misspelt")
    assert where(findings) == [(None, "subject"), ("planet", "body")]
    assert [f.location for f in findings] == ["settings (subject)", "Article “Planet”"]
    assert "in the subject: “Bryssell”." in findings[0].message
    # Each word once, in reading order; bold inside a word does not split it.
    assert "in the text: “sammarbetsprojekt”, “framgångsrrika”." in findings[1].message


def test_an_english_newsletter_is_checked_in_english() -> None:
    bundle = with_settings(
        clean_project(),
        language="en",
        subject="Planet in Brussels",
        preheader="Planet was presented in Brussels.",
    )
    bundle = with_block(bundle, "masthead", title="North Sweden in the EU")
    bundle = with_block(
        bundle,
        "planet",
        image_alt="Participants at the seminar.",
        image_caption="Norrbotten was there.",
        link_label="Read more about Planet",
        body="<p>The office will recieve the report.</p>",
    )
    findings = found(bundle, "misspelt")
    assert where(findings) == [("planet", "body")]
    assert "“recieve”" in findings[0].message


def test_names_and_addresses_are_not_checked() -> None:
    bundle = with_settings(clean_project(), sender_name="Mikael Jansson")
    bundle = with_block(bundle, "planet", signature="Johan Leymann")
    contact = make_block(
        "contact", id="kontakt", name="Mikael Jansson", role="Handläggare", phone="+32 2 501"
    )
    bundle = bundle.__class__(
        bundle.newsletter.model_copy(update={"blocks": (*bundle.newsletter.blocks, contact)}),
        bundle.images,
    )
    assert found(bundle, "misspelt") == []
    bundle = with_block(bundle, "kontakt", role="Handläggarre")
    assert where(found(bundle, "misspelt")) == [("kontakt", "role")]


def test_the_users_own_words_are_spelt_right(tmp_path: Path) -> None:
    bundle = with_block(clean_project(), "planet", headline="Leymann om Planet")
    assert where(found(bundle, "misspelt")) == [("planet", "headline")]
    checker = SpellChecker(tmp_path)
    checker.add("Leymann")
    assert [f for f in run_checks(bundle, spelling=checker) if f.code == "misspelt"] == []


def test_a_long_list_is_cut_short() -> None:
    wrong = [f"felstavatt{letter}ord" for letter in "bcdfghjklmnpqrstv"]
    bundle = with_block(clean_project(), "planet", body=f"<p>{' '.join(wrong)}</p>")
    (finding,) = found(bundle, "misspelt")
    assert f"“{wrong[LISTED_WORDS - 1]}” and {len(wrong) - LISTED_WORDS} more." in finding.message
    assert wrong[LISTED_WORDS] not in finding.message


def test_the_tip_speaks_swedish_to_a_swedish_user() -> None:
    bundle = with_block(clean_project(), "planet", headline="Plannet i Bryssell")
    (finding,) = [f for f in run_checks(bundle, language="sv") if f.code == "misspelt"]
    assert finding.message.startswith("Möjliga stavfel i rubriken: ”Plannet”, ”Bryssell”.")


def test_without_a_dictionary_the_check_says_so_instead_of_failing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def missing(name: str) -> importlib.metadata.Distribution:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "distribution", missing)
    monkeypatch.setattr(composer.spelling, "_DICTIONARIES", {})
    bundle = with_block(clean_project(), "planet", headline="Plannet")
    findings = found(bundle, "spelling-unavailable")
    assert len(findings) == 1 and "hunspell-sv" in findings[0].message
