"""Checks of the pictures: each rule fires on the mistake it is for and stays quiet otherwise."""

from __future__ import annotations

import re

import pytest
from check_documents import (
    clean_project,
    found,
    picture,
    planet_picture,
    where,
    with_block,
    with_blocks,
    with_picture,
    with_settings,
)

from composer.model import BLOCK_CLASSES, THEMES, Bundle, ImageRef, PictureSlot, make_block
from composer.render import theme


def test_image_missing_fires_for_a_picture_the_document_lost() -> None:
    bundle = clean_project()
    bundle.images.data.clear()
    assert where(found(bundle, "image-missing")) == [("planet", "image")]


def test_image_missing_fires_for_the_logo_only_when_a_masthead_shows_it() -> None:
    lost = ImageRef(sha256="ab" * 32, extension="png", original_name="logo.png")
    bundle = with_settings(clean_project(), logo=lost)
    findings = found(bundle, "image-missing")
    assert where(findings) == [(None, "logo")]
    assert "logo.png" in findings[0].message
    without_masthead = Bundle(
        bundle.newsletter.model_copy(update={"blocks": bundle.newsletter.blocks[1:]}),
        bundle.images,
    )
    assert found(without_masthead, "image-missing") == []


def test_image_missing_quiet() -> None:
    assert found(clean_project(), "image-missing") == []


def test_image_unreadable_fires() -> None:
    bundle, ref = with_picture(clean_project(), b"this is not a picture at all", "trasig.jpg")
    bundle = with_block(bundle, "planet", image=ref)
    findings = found(bundle, "image-unreadable")
    assert where(findings) == [("planet", "image")]
    assert "trasig.jpg" in findings[0].message


def test_image_unreadable_quiet() -> None:
    assert found(clean_project(), "image-unreadable") == []


def test_alt_missing_fires_for_an_article_picture() -> None:
    findings = found(with_block(clean_project(), "planet", image_alt=""), "alt-missing")
    assert where(findings) == [("planet", "image_alt")]
    assert "seminariet.jpg" in findings[0].message


def test_alt_missing_fires_for_an_image_block_and_offers_decorative() -> None:
    bundle = clean_project()
    ref = planet_picture(bundle)
    bundle = with_blocks(bundle, make_block("image", id="bild", image=ref))
    findings = found(bundle, "alt-missing")
    assert where(findings) == [("bild", "alt")]
    assert "decorative" in findings[0].message


def test_alt_missing_quiet_for_decorative_pictures_and_named_contacts() -> None:
    bundle = clean_project()
    ref = planet_picture(bundle)
    portrait = bundle.images.add(picture(200, 200), "jpg", "ansikte.jpg")
    bundle = with_blocks(
        bundle,
        make_block("image", id="bild", image=ref, decorative=True),
        # The template describes a contact photo by the person's name when no text is given.
        make_block("contact", id="kontakt", name="Mikael Janson", photo=portrait),
    )
    assert found(bundle, "alt-missing") == []


def test_image_too_large_fires_and_says_how_big_the_file_is() -> None:
    # The article slot is 600 px, 1200 px for sharp screens; 2401 px is over 4x the pixels.
    bundle, ref = with_picture(clean_project(), picture(2401, 1600), "IMG_5383.JPG")
    findings = found(with_block(bundle, "planet", image=ref), "image-too-large")
    assert where(findings) == [("planet", "image")]
    assert "2401 × 1600" in findings[0].message
    assert re.search(r"\(\d+ KB\)", findings[0].message)
    assert "scaled down" in findings[0].message


def test_image_too_large_fires_for_the_logo() -> None:
    width = theme("classic").slot_width("logo") * 4 + 1
    bundle, ref = with_picture(clean_project(), picture(width, 100), "logo.jpg")
    bundle = with_settings(bundle, logo=ref, logo_alt="North Sweden")
    assert where(found(bundle, "image-too-large")) == [(None, "logo")]


def test_image_too_large_quiet_at_four_times_the_pixels_and_for_animations() -> None:
    bundle, ref = with_picture(clean_project(), picture(2400, 1600))
    assert found(with_block(bundle, "planet", image=ref), "image-too-large") == []
    # Animations are sent as they are (scaling would lose the motion): no promise to scale.
    bundle, gif = with_picture(clean_project(), picture(3000, 200, animated=True), "anim.gif")
    assert found(with_block(bundle, "planet", image=gif), "image-too-large") == []


def test_image_too_small_fires_for_a_picture_narrower_than_its_slot() -> None:
    bundle, ref = with_picture(clean_project(), picture(599, 400), "liten.jpg")
    findings = found(with_block(bundle, "planet", image=ref), "image-too-small")
    assert where(findings) == [("planet", "image")]
    assert "599" in findings[0].message
    assert "1200" in findings[0].message


def test_image_too_small_fires_for_a_contact_photo() -> None:
    bundle, ref = with_picture(clean_project(), picture(80, 80), "ansikte.jpg")
    bundle = with_blocks(bundle, make_block("contact", id="kontakt", name="M J", photo=ref))
    assert where(found(bundle, "image-too-small")) == [("kontakt", "photo")]


def test_image_too_small_quiet_at_the_slot_width() -> None:
    bundle, ref = with_picture(clean_project(), picture(600, 400))
    assert found(with_block(bundle, "planet", image=ref), "image-too-small") == []


@pytest.mark.parametrize("theme_name", THEMES)
def test_every_picture_is_measured_against_its_place_in_the_newsletters_theme(
    theme_name: str,
) -> None:
    # The logo, an article's picture, a picture block's and a contact photo, each one pixel
    # narrower than the theme shows it (minimal's column is narrower than classic's).
    slots = theme(theme_name)
    bundle = clean_project()
    narrow = {
        kind: bundle.images.add(picture(slots.slot_width(kind) - 1, 60), "jpg", f"{kind}.jpg")
        for kind in ("logo", "article", "image", "contact")
    }
    bundle = with_settings(bundle, theme=theme_name, logo=narrow["logo"], logo_alt="Logga")
    bundle = with_block(bundle, "planet", image=narrow["article"])
    bundle = with_blocks(
        bundle,
        make_block("image", id="bild", image=narrow["image"], alt="Bryssel"),
        make_block("contact", id="kontakt", name="M J", photo=narrow["contact"]),
    )
    findings = found(bundle, "image-too-small")
    assert where(findings) == [
        (None, "logo"),
        ("planet", "image"),
        ("bild", "image"),
        ("kontakt", "photo"),
    ]
    for finding, kind in zip(findings, narrow, strict=True):
        assert f"its place is {slots.slot_width(kind)} pixels wide" in finding.message


@pytest.mark.parametrize(
    ("kind", "slot"),
    [(kind, slot) for kind, cls in BLOCK_CLASSES.items() for slot in cls.picture_slots],
)
def test_every_picture_slot_a_block_type_declares_is_checked(kind: str, slot: PictureSlot) -> None:
    lost = ImageRef(sha256="cd" * 32, extension="jpg", original_name="borta.jpg")
    bundle = with_blocks(clean_project(), make_block(kind, id="ny", **{slot.image_field: lost}))
    assert where(found(bundle, "image-missing")) == [("ny", slot.image_field)]


def test_image_gps_fires() -> None:
    bundle, ref = with_picture(clean_project(), picture(1200, 800, gps=True), "IMG_5383.JPG")
    findings = found(with_block(bundle, "planet", image=ref), "image-gps")
    assert where(findings) == [("planet", "image")]
    assert "removed" in findings[0].message


def test_image_gps_quiet() -> None:
    assert found(clean_project(), "image-gps") == []
