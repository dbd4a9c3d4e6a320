"""Pre-flight checks: each rule fires on the mistake it is for and stays quiet otherwise."""

from __future__ import annotations

import ast
import functools
import io
import json
import re
from pathlib import Path
from typing import Any

import hypothesis
import pytest
from hypothesis import strategies as st
from PIL import ExifTags, Image

import composer.checks
from composer.checks import (
    CLIP_LIMIT,
    Finding,
    Severity,
    run_checks,
    slot_widths,
)
from composer.cli import main
from composer.i18n import translations, ui_language
from composer.model import (
    ArticleBlock,
    BlockBase,
    Bundle,
    ImageRef,
    ImageStore,
    MastheadBlock,
    Newsletter,
    Organisation,
    Settings,
    make_block,
)
from composer.render import RenderResult, contrast_ratio

# --- building documents -----------------------------------------------------------------------
from composer.storage import save

# --- building documents -----------------------------------------------------------------------


@functools.cache
def picture(width: int, height: int, *, gps: bool = False, animated: bool = False) -> bytes:
    """A JPEG (or an animated GIF) of the given size, optionally with a GPS position."""
    out = io.BytesIO()
    if animated:
        frames = [Image.new("RGB", (width, height), colour) for colour in ("red", "blue")]
        frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=100)
        return out.getvalue()
    exif = Image.Exif()
    if gps:
        exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (65.0, 35.0, 0.0)}
    Image.new("RGB", (width, height), "#4a7").save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def clean_project() -> Bundle:
    """A small newsletter that gets through every check without a single finding."""
    images = ImageStore()
    photo = images.add(picture(1200, 800), "jpg", "seminariet.jpg")
    newsletter = Newsletter(
        settings=Settings(
            subject="Norra Sverige i EU – november",
            preheader="Planet presenterades i Bryssel.",
            unsubscribe_url="https://example.se/avregistrera",
            web_version_url="https://example.se/november",
            organisation=Organisation(name="North Sweden", website="https://example.se"),
        ),
        blocks=(
            MastheadBlock(id="masthead", title="Norra Sverige i EU"),
            ArticleBlock(
                id="planet",
                headline="Planet",
                image=photo,
                image_alt="Deltagare vid seminariet.",
                body='<p>Se <a href="https://example.se/riktlinjer">riktlinjerna</a>.</p>',
                link_label="Läs mer om Planet",
                link_url="https://example.se/planet",
            ),
        ),
    )
    return Bundle(newsletter, images)


def with_settings(bundle: Bundle, **changes: Any) -> Bundle:
    """``bundle`` with settings changed (validated like a loaded file)."""
    settings = bundle.newsletter.settings.model_dump() | changes
    newsletter = bundle.newsletter.model_copy(update={"settings": Settings(**settings)})
    return Bundle(newsletter, bundle.images)


def with_block(bundle: Bundle, block_id: str, **changes: Any) -> Bundle:
    """``bundle`` with one block's fields changed (validated like a loaded file)."""
    blocks = tuple(
        make_block(block.kind, **(block.model_dump() | changes)) if block.id == block_id else block
        for block in bundle.newsletter.blocks
    )
    return Bundle(bundle.newsletter.model_copy(update={"blocks": blocks}), bundle.images)


def with_blocks(bundle: Bundle, *extra: BlockBase) -> Bundle:
    """``bundle`` with blocks appended."""
    blocks = (*bundle.newsletter.blocks, *extra)
    return Bundle(bundle.newsletter.model_copy(update={"blocks": blocks}), bundle.images)


def with_picture(bundle: Bundle, data: bytes, name: str = "bild.jpg") -> tuple[Bundle, ImageRef]:
    """``bundle`` holding one more picture, and its reference."""
    extension = "gif" if data.startswith(b"GIF") else "jpg"
    return bundle, bundle.images.add(data, extension, name)


def planet_picture(bundle: Bundle) -> ImageRef:
    """The picture of the clean bundle's article."""
    article = bundle.newsletter.block("planet")
    assert isinstance(article, ArticleBlock) and article.image is not None
    return article.image


def found(bundle: Bundle, code: str, rendered: RenderResult | None = None) -> list[Finding]:
    """The findings with ``code`` (messages in English)."""
    return [f for f in run_checks(bundle, rendered, language="en") if f.code == code]


def where(findings: list[Finding]) -> list[tuple[str | None, str | None]]:
    return [(f.block_id, f.field) for f in findings]


def test_the_clean_document_has_no_findings() -> None:
    # Every "quiet" test below changes this document in one way; it must start out clean.
    assert run_checks(clean_project(), language="en") == []


# --- errors -----------------------------------------------------------------------------------


def test_subject_missing_fires() -> None:
    findings = found(with_settings(clean_project(), subject="  "), "subject-missing")
    assert where(findings) == [(None, "subject")]
    assert findings[0].severity is Severity.ERROR


def test_subject_missing_quiet() -> None:
    assert found(clean_project(), "subject-missing") == []


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


def test_unsubscribe_missing_fires() -> None:
    findings = found(with_settings(clean_project(), unsubscribe_url=""), "unsubscribe-missing")
    assert where(findings) == [(None, "unsubscribe_url")]


def test_unsubscribe_missing_quiet_with_a_merge_tag() -> None:
    bundle = with_settings(clean_project(), unsubscribe_url="{{ UnsubscribeURL }}")
    assert found(bundle, "unsubscribe-missing") == []


def test_html_clipped_fires_for_a_newsletter_of_sixty_long_articles(sample: Bundle) -> None:
    planet = sample.newsletter.block("planet")
    copies = [planet.model_copy(update={"id": f"planet-{n}"}) for n in range(60)]
    bundle = with_blocks(sample, *copies)
    findings = found(bundle, "html-clipped")
    assert where(findings) == [(None, None)]
    assert findings[0].severity is Severity.ERROR
    assert found(bundle, "html-near-clip") == []


def test_html_clipped_counts_utf8_bytes_not_characters() -> None:
    # Swedish letters take two bytes each: 52 300 "å" are 104 600 bytes, over the limit.
    rendered = RenderResult(html="å" * (CLIP_LIMIT // 2 + 1), text="")
    assert where(found(clean_project(), "html-clipped", rendered)) == [(None, None)]


def test_html_clipped_quiet_at_the_limit() -> None:
    rendered = RenderResult(html="x" * CLIP_LIMIT, text="")
    assert found(clean_project(), "html-clipped", rendered) == []


# --- warnings ---------------------------------------------------------------------------------


def test_preheader_missing_fires() -> None:
    findings = found(with_settings(clean_project(), preheader=""), "preheader-missing")
    assert where(findings) == [(None, "preheader")]
    assert findings[0].severity is Severity.WARNING


def test_preheader_missing_quiet() -> None:
    assert found(clean_project(), "preheader-missing") == []


@pytest.mark.parametrize(
    "preheader", ["Norra Sverige i EU – november", "norra sverige i EU, november: Planet i fokus"]
)
def test_preheader_repeats_subject_fires(preheader: str) -> None:
    findings = found(
        with_settings(clean_project(), preheader=preheader), "preheader-repeats-subject"
    )
    assert where(findings) == [(None, "preheader")]


def test_preheader_repeats_subject_quiet_when_it_adds_something() -> None:
    bundle = with_settings(clean_project(), preheader="I november: Norra Sverige i EU i Bryssel")
    assert found(bundle, "preheader-repeats-subject") == []


def test_subject_long_fires_over_sixty_characters() -> None:
    findings = found(with_settings(clean_project(), subject="x" * 61), "subject-long")
    assert where(findings) == [(None, "subject")]
    assert "61" in findings[0].message


def test_subject_long_quiet_at_sixty_characters() -> None:
    assert found(with_settings(clean_project(), subject="x" * 60), "subject-long") == []


def test_html_near_clip_fires_within_fifteen_percent() -> None:
    rendered = RenderResult(html="x" * (int(CLIP_LIMIT * 0.85) + 1), text="")
    findings = found(clean_project(), "html-near-clip", rendered)
    assert where(findings) == [(None, None)]
    assert "102 KB" in findings[0].message


def test_html_near_clip_quiet_below_the_margin() -> None:
    rendered = RenderResult(html="x" * int(CLIP_LIMIT * 0.85), text="")
    assert found(clean_project(), "html-near-clip", rendered) == []


def test_image_too_large_fires_and_says_how_big_the_file_is() -> None:
    # The article slot is 600 px, 1200 px for sharp screens; 2401 px is over 4x the pixels.
    bundle, ref = with_picture(clean_project(), picture(2401, 1600), "IMG_5383.JPG")
    findings = found(with_block(bundle, "planet", image=ref), "image-too-large")
    assert where(findings) == [("planet", "image")]
    assert "2401 × 1600" in findings[0].message
    assert re.search(r"\(\d+ KB\)", findings[0].message)
    assert "scaled down" in findings[0].message


def test_image_too_large_fires_for_the_logo() -> None:
    width = slot_widths("classic")["logo"] * 4 + 1
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


def test_slot_widths_come_from_the_templates() -> None:
    widths = slot_widths("classic")
    assert set(widths) == {"logo", "article", "image", "contact"}
    assert widths["article"] == 600  # the classic layout's pictures run edge to edge


def test_image_gps_fires() -> None:
    bundle, ref = with_picture(clean_project(), picture(1200, 800, gps=True), "IMG_5383.JPG")
    findings = found(with_block(bundle, "planet", image=ref), "image-gps")
    assert where(findings) == [("planet", "image")]
    assert "removed" in findings[0].message


def test_image_gps_quiet() -> None:
    assert found(clean_project(), "image-gps") == []


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
    monkeypatch.setattr(composer.checks, "theme_colours", lambda accent, theme: {"accent": accent})
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


# --- tips -------------------------------------------------------------------------------------


def test_web_version_missing_fires() -> None:
    findings = found(with_settings(clean_project(), web_version_url=""), "web-version-missing")
    assert where(findings) == [(None, "web_version_url")]
    assert findings[0].severity is Severity.TIP


def test_web_version_missing_quiet_with_a_merge_tag() -> None:
    bundle = with_settings(clean_project(), web_version_url="*|ARCHIVE|*")
    assert found(bundle, "web-version-missing") == []


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


# --- the whole run ----------------------------------------------------------------------------


def test_the_sample_newsletter_has_exactly_the_intended_findings(sample: Bundle) -> None:
    # None. The sample is what we show new users as "done right": a subject of 45
    # characters, a preheader that adds to it, unsubscribe and web-version links, described
    # pictures sized for their slots (1600 px photo for a 1200 px need, 400 px logo for 320,
    # 240 px portrait for 192), descriptive link texts ("Läs mer om MaNTT:s riktlinjer",
    # "Läs mer om Planet-projektet"), the default accent, and a 12 KB email.
    assert [f.code for f in run_checks(sample, language="en")] == []


def test_findings_come_errors_first_then_in_reading_order() -> None:
    bundle = with_settings(clean_project(), preheader="", web_version_url="", subject="")
    bundle = with_block(bundle, "planet", image_alt="", headline="PLANET")
    bundle = with_block(bundle, "masthead", title="")
    findings = run_checks(bundle, language="en")
    assert [(f.severity.value, f.code) for f in findings] == [
        ("error", "subject-missing"),
        ("error", "alt-missing"),
        ("warning", "preheader-missing"),
        ("warning", "block-empty"),  # the masthead comes before the article
        ("warning", "headline-all-caps"),
        ("tip", "web-version-missing"),
    ]


def test_findings_name_their_place_for_people() -> None:
    bundle = with_settings(clean_project(), subject="")
    bundle = with_block(bundle, "planet", image_alt="")
    bundle = with_blocks(bundle, make_block("divider", id="linje"), make_block("text", id="t"))
    locations = {f.code: f.location for f in run_checks(bundle, language="en")}
    assert locations["subject-missing"] == "settings (subject)"
    assert locations["alt-missing"] == "article “Planet”"
    assert locations["block-empty"] == "text (block 4)"
    swedish = {f.code: f.location for f in run_checks(bundle, language="sv")}
    assert swedish["subject-missing"] == "inställningar (ämnesrad)"
    assert swedish["alt-missing"] == "artikel ”Planet”"


def test_messages_are_swedish_for_a_swedish_user() -> None:
    bundle = with_settings(clean_project(), subject="", accent_color="#ffcc00")
    messages = {f.code: f.message for f in run_checks(bundle, language="sv")}
    assert messages["subject-missing"].startswith("Nyhetsbrevet har ingen ämnesrad.")
    # Numbers are written the Swedish way too.
    assert re.search(r"är bara 1,\d:1", messages["contrast-low"])


def _check_messages() -> list[str]:
    """Every message text wrapped in _() in composer/checks.py."""
    tree = ast.parse(Path(composer.checks.__file__).read_text(encoding="utf-8"))
    return [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "_"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ]


def test_every_check_message_has_a_swedish_translation_with_the_same_placeholders() -> None:
    catalog = translations("sv")
    messages = [*_check_messages(), "Read more about {topic}"]
    assert len(messages) > 40
    for message in messages:
        translated = catalog.gettext(message)
        if message not in ("text", "{size} MB", "{kind} (block {position})"):  # same in Swedish
            assert translated != message, f"no Swedish for: {message}"
        assert sorted(re.findall(r"\{\w+\}", translated)) == sorted(
            re.findall(r"\{\w+\}", message)
        ), message


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({"LANG": "sv_SE.UTF-8"}, "sv"),
        ({"LANGUAGE": "sv:en", "LANG": "en_GB.UTF-8"}, "sv"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "sv_SE.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_ui_language_follows_the_environment(environ: dict[str, str], language: str) -> None:
    assert ui_language(environ) == language


# --- the check command ------------------------------------------------------------------------


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command speaks English, whatever the machine running the tests is set to."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.setenv("COLUMNS", "100")


def bad_project(sample: Bundle) -> Bundle:
    """The sample with the mistakes a hurried sender makes."""
    bundle = with_settings(sample, subject="", preheader="", accent_color="#ffcc00")
    body = (
        '<p>Programmet finns <a href="https://example.se/p">här</a>, och '
        '<a href="javascript:void(0)">anmälan</a> också.</p>'
    )
    bundle = with_block(bundle, "planet", image_alt="", body=body)
    return with_blocks(bundle, make_block("button", id="knapp", label="Anmäl dig"))


def test_check_on_the_sample_exits_0_and_says_it_is_ready(
    tmp_path: Path, sample: Bundle, english: None, capsys: pytest.CaptureFixture[str]
) -> None:
    save(sample, tmp_path / "sample.newsletter")
    assert main(["check", str(tmp_path / "sample.newsletter")]) == 0
    assert capsys.readouterr().out == "No problems found: the newsletter is ready to send.\n"


def test_check_on_a_bad_document_exits_1_with_grouped_actionable_findings(
    tmp_path: Path, sample: Bundle, english: None, capsys: pytest.CaptureFixture[str]
) -> None:
    save(bad_project(sample), tmp_path / "bad.newsletter")
    assert main(["check", str(tmp_path / "bad.newsletter")]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "Errors – fix these before sending (4)"
    assert lines.index("Errors – fix these before sending (4)") < lines.index(
        "Warnings – worth fixing (3)"
    )
    assert lines[-1] == "Errors: 4 · Warnings: 3 · Tips: 0"
    # Each finding: its place on one line, then the message, indented and wrapped.
    places = [line[4:] for line in lines if line.startswith("  • ")]
    assert places == [
        "settings (subject)",
        "article “Planet”",
        "article “Planet”",
        "button “Anmäl dig”",
        "settings (preview text)",
        "settings (accent colour)",
        "article “Planet”",
    ]
    assert all(len(line) <= 100 for line in lines)
    text = " ".join(line.strip() for line in lines)
    assert "The newsletter has no subject. Write one in the settings" in text
    assert "The link on the words “anmälan” was removed" in text
    assert "The link text “här” says nothing about where the link leads" in text


def test_check_json_is_for_machines(
    tmp_path: Path, sample: Bundle, english: None, capsys: pytest.CaptureFixture[str]
) -> None:
    save(bad_project(sample), tmp_path / "bad.newsletter")
    assert main(["check", str(tmp_path / "bad.newsletter"), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["counts"] == {"error": 4, "warning": 3, "tip": 0}
    first = report["findings"][0]
    assert first == {
        "severity": "error",
        "code": "subject-missing",
        "message": first["message"],
        "block_id": None,
        "field": "subject",
        "location": "settings (subject)",
    }
    assert {"code": "alt-missing", "block_id": "planet", "field": "image_alt"}.items() <= (
        report["findings"][1].items()
    )


def test_check_exits_0_when_there_are_only_warnings(
    tmp_path: Path, sample: Bundle, english: None, capsys: pytest.CaptureFixture[str]
) -> None:
    save(with_settings(sample, preheader=""), tmp_path / "w.newsletter")
    assert main(["check", str(tmp_path / "w.newsletter")]) == 0
    assert "Warnings – worth fixing (1)" in capsys.readouterr().out


def test_check_exits_2_for_a_file_that_is_not_a_newsletter(
    tmp_path: Path, english: None, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "brev.newsletter").write_text("hej", encoding="utf-8")
    assert main(["check", str(tmp_path / "brev.newsletter")]) == 2
    assert main(["check", str(tmp_path / "saknas.newsletter")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "brev.newsletter" in captured.err
    assert "Traceback" not in captured.err


def test_check_speaks_swedish_to_a_swedish_user(
    tmp_path: Path,
    sample: Bundle,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    save(bad_project(sample), tmp_path / "bad.newsletter")
    assert main(["check", str(tmp_path / "bad.newsletter")]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Fel – rätta dessa innan du skickar (4)\n  • inställningar (ämnesrad)\n")
    assert "Länktexten ”här” säger inget om vart länken leder" in " ".join(out.split())


@hypothesis.settings(max_examples=60, deadline=None)
@hypothesis.given(
    body=st.text(alphabet=st.sampled_from('<>/"= apbrhef:#.här\u00e5Xi'), max_size=80),
    headline=st.text(max_size=30),
    label=st.text(max_size=20),
)
def test_checks_report_findings_and_never_raise_whatever_the_user_typed(
    body: str, headline: str, label: str
) -> None:
    # Checks are rules that return findings: odd markup or text must never stop them. (The
    # rendering is given, small: this is about the checks, not the renderer.)
    bundle = with_block(clean_project(), "planet", body=body, headline=headline, link_label=label)
    rendered = RenderResult(html="<html></html>", text="")
    for finding in run_checks(bundle, rendered, language="sv"):
        assert finding.message.endswith((".", ")")), finding
        assert finding.location
