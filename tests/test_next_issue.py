"""The next issue from the last one: what recurs is copied, the month moves on, the rest goes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from lxml import html as lxml_html

from composer.checks import run_checks
from composer.cli import main
from composer.errors import ComposerError
from composer.model import (
    ArticleBlock,
    Bundle,
    ColumnsBlock,
    ContactBlock,
    MastheadBlock,
    SideArticleBlock,
    TextBlock,
)
from composer.next_issue import next_issue, next_issue_number
from composer.render import relative_resolver, render
from composer.storage import load, save


def test_new_from_the_sample_is_the_december_issue_without_articles(
    tmp_path: Path, sample: Bundle
) -> None:
    save(sample, tmp_path / "nov.newsletter")
    assert main(["new", "--from", str(tmp_path / "nov.newsletter"), "-o", str(tmp_path / "d")]) == 0
    december = load(tmp_path / "d")
    settings = december.newsletter.settings
    assert settings.issue_date == dt.date(2012, 12, 1)
    assert settings.subject == "Norra Sverige i EU – nyhetsbrev december 2012"
    assert settings.web_version_url == "https://www.northsweden.eu/nyhetsbrev/2012-12"
    assert settings.organisation == sample.newsletter.settings.organisation
    assert settings.logo is not None and settings.logo in december.images
    kinds = [block.kind for block in december.newsletter.blocks]
    assert kinds == ["masthead", "divider", "text", "contact"]
    contact = december.newsletter.blocks[-1]
    assert isinstance(contact, ContactBlock) and contact.photo in december.images
    text, old_text = december.newsletter.blocks[2], sample.newsletter.blocks[3]
    assert isinstance(text, TextBlock) and isinstance(old_text, TextBlock)
    assert text.body == old_text.body
    # Only the pictures the new issue shows travel with it: the article's photo stays behind.
    assert set(december.images.data) == {ref.sha256 for ref in december.newsletter.image_refs()}
    footer = lxml_html.fromstring(
        render(december.newsletter, relative_resolver(december.images)).html
    ).text_content()
    assert "North Sweden European Office" in footer and "Rue du Luxembourg 3" in footer


def test_kept_articles_move_to_the_new_month_with_their_photos(
    tmp_path: Path, sample: Bundle
) -> None:
    save(sample, tmp_path / "nov.newsletter")
    args = ["new", "--from", str(tmp_path / "nov.newsletter"), "-o", str(tmp_path / "dec")]
    assert main([*args, "--keep-articles"]) == 0
    december = load(tmp_path / "dec")
    article = december.newsletter.block("planet")
    assert isinstance(article, ArticleBlock)
    assert article.date == dt.date(2012, 12, 1)
    assert article.image is not None and december.images.get(article.image)


def test_a_given_issue_date_moves_every_date_and_month_with_it(sample: Bundle) -> None:
    march = next_issue(sample, keep_articles=True, issue_date=dt.date(2013, 3, 15))
    settings = march.newsletter.settings
    assert settings.issue_date == dt.date(2013, 3, 15)
    assert settings.subject == "Norra Sverige i EU – nyhetsbrev mars 2013"
    article = march.newsletter.block("planet")
    assert isinstance(article, ArticleBlock) and article.date == dt.date(2013, 3, 1)


def test_the_month_s_news_stays_behind_and_its_teaser_with_it(sample: Bundle) -> None:
    side = SideArticleBlock(id="side", headline="Hamnarna rustas", body="<p>Kort.</p>")
    columns = ColumnsBlock(id="cols", first_headline="Möte", second_headline="Praktik")
    newsletter = sample.newsletter.model_copy(
        update={"blocks": (*sample.newsletter.blocks, side, columns)}
    )
    november = Bundle(newsletter, sample.images)
    teaser = november.newsletter.settings.preheader
    assert teaser and "november" not in teaser.lower()

    december = next_issue(november)
    kinds = [block.kind for block in december.newsletter.blocks]
    assert kinds == ["masthead", "divider", "text", "contact"]
    # November's teaser named an article left behind: the check asks for December's.
    assert december.newsletter.settings.preheader == ""
    assert "preheader-missing" in {finding.code for finding in run_checks(december)}

    kept = next_issue(november, keep_articles=True).newsletter
    assert {"planet", "side", "cols"} <= {block.id for block in kept.blocks}
    assert kept.settings.preheader == teaser


def test_an_english_subject_and_tagline_follow_the_month(sample: Bundle) -> None:
    newsletter = sample.newsletter
    masthead = newsletter.blocks[0].model_copy(update={"tagline": "Newsletter – November 2012"})
    settings = newsletter.settings.model_copy(
        update={
            "language": "en",
            "subject": "News from Brussels, November 2012",
            "preheader": "What happened in November",
        }
    )
    bundle = Bundle(
        newsletter.model_copy(update={"settings": settings, "blocks": (masthead,)}),
        sample.images,
    )
    december = next_issue(bundle).newsletter
    assert december.settings.subject == "News from Brussels, December 2012"
    assert december.settings.preheader == "What happened in December"
    head = december.blocks[0]
    assert isinstance(head, MastheadBlock) and head.tagline == "Newsletter – December 2012"


def test_an_issue_without_a_date_needs_one_given(sample: Bundle) -> None:
    settings = sample.newsletter.settings.model_copy(update={"issue_date": None})
    undated = Bundle(sample.newsletter.model_copy(update={"settings": settings}), sample.images)
    with pytest.raises(ComposerError, match="no issue date"):
        next_issue(undated)
    assert next_issue(undated, issue_date=dt.date(2013, 1, 1)).newsletter.settings.issue_date


def test_the_issue_number_counts_up_and_shows_in_the_masthead(sample: Bundle) -> None:
    settings = sample.newsletter.settings.model_copy(update={"issue_number": "Nr 11/2012"})
    numbered = Bundle(sample.newsletter.model_copy(update={"settings": settings}), sample.images)
    december = next_issue(numbered).newsletter
    assert december.settings.issue_number == "Nr 12/2012"
    result = render(december, relative_resolver(sample.images))
    masthead = lxml_html.fromstring(result.html).xpath("//h1/following-sibling::p")[0]
    assert masthead.text_content() == (
        "Nyhetsbrev från North Sweden European Office · december 2012 · Nr 12/2012"
    )
    # The text version wraps the line at 72 characters, maybe inside the number.
    assert " · Nr 12/2012" in " ".join(result.text.split("=" * 60)[0].split())


@pytest.mark.parametrize(
    ("number", "old", "new", "expected"),
    [
        ("Nr 11/2012", dt.date(2012, 11, 1), dt.date(2012, 12, 1), "Nr 12/2012"),
        ("Nr 12/2012", dt.date(2012, 12, 1), dt.date(2013, 1, 1), "Nr 1/2013"),
        ("No. 7", dt.date(2012, 12, 1), dt.date(2013, 1, 1), "No. 8"),
        ("Julnumret", dt.date(2012, 12, 1), dt.date(2013, 1, 1), "Julnumret"),
    ],
)
def test_issue_numbers(number: str, old: dt.date, new: dt.date, expected: str) -> None:
    assert next_issue_number(number, old, new) == expected


def test_new_refuses_to_write_over_the_last_issue(tmp_path: Path, sample: Bundle) -> None:
    save(sample, tmp_path / "nov.newsletter")
    before = (tmp_path / "nov.newsletter").read_bytes()
    path = str(tmp_path / "nov.newsletter")
    assert main(["new", "--from", path, "-o", path]) == 2
    assert (tmp_path / "nov.newsletter").read_bytes() == before
