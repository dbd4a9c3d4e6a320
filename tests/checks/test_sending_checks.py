"""Checks of the subject, preview text, unsubscribe and web-version links, and size."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_documents import (
    clean_project,
    found,
    where,
    with_blocks,
    with_settings,
)

from composer.checks import CLIP_LIMIT, Severity
from composer.errors import ExportError
from composer.export import export
from composer.model import Bundle
from composer.render import RenderResult


def test_subject_missing_fires() -> None:
    findings = found(with_settings(clean_project(), subject="  "), "subject-missing")
    assert where(findings) == [(None, "subject")]
    assert findings[0].severity is Severity.ERROR


def test_subject_missing_quiet() -> None:
    assert found(clean_project(), "subject-missing") == []


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


def test_web_version_missing_fires() -> None:
    findings = found(with_settings(clean_project(), web_version_url=""), "web-version-missing")
    assert where(findings) == [(None, "web_version_url")]
    assert findings[0].severity is Severity.TIP


def test_web_version_missing_quiet_with_a_merge_tag() -> None:
    bundle = with_settings(clean_project(), web_version_url="*|ARCHIVE|*")
    assert found(bundle, "web-version-missing") == []


def test_sender_unusable_fires_where_the_eml_export_would_refuse(tmp_path: Path) -> None:
    bundle = with_settings(clean_project(), sender_email="åsa@northsweden.eu")
    findings = found(bundle, "sender-unusable")
    assert where(findings) == [(None, "sender_email")]
    assert findings[0].severity is Severity.ERROR
    assert "åsa@northsweden.eu" in findings[0].message
    with pytest.raises(ExportError):  # what the check foresaw
        export(bundle, tmp_path / "brev.eml", "eml")


def test_sender_unusable_quiet_for_a_good_or_an_international_domain() -> None:
    assert found(clean_project(), "sender-unusable") == []
    bundle = with_settings(clean_project(), sender_email="info@göteborg.se")
    assert found(bundle, "sender-unusable") == []
