"""The check of article dates against the issue date."""

from __future__ import annotations

import datetime as dt

from check_documents import clean_project, found, where, with_block, with_settings

from composer.checks import Severity
from composer.model import Bundle


def test_article_date_far_fires_on_a_2026_article_in_a_2012_issue() -> None:
    bundle = with_settings(clean_project(), issue_date=dt.date(2012, 12, 1))
    bundle = with_block(bundle, "planet", date=dt.date(2026, 11, 30))
    findings = found(bundle, "article-date-far")
    assert where(findings) == [("planet", "date")]
    assert findings[0].severity is Severity.WARNING
    assert "30 November 2026" in findings[0].message


def test_article_date_far_fires_on_old_news() -> None:
    bundle = with_settings(clean_project(), issue_date=dt.date(2012, 12, 1))
    assert found(with_block(bundle, "planet", date=dt.date(2012, 9, 30)), "article-date-far")
    assert not found(with_block(bundle, "planet", date=dt.date(2012, 10, 1)), "article-date-far")


def test_article_date_far_quiet_on_the_sample(sample: Bundle) -> None:
    assert found(sample, "article-date-far") == []
