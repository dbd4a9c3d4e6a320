"""Checks of the dates readers see: an article dated far from its issue."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from composer.checks.context import CheckContext
from composer.checks.registry import Finding, Severity, check
from composer.dates import format_date, months_between
from composer.i18n import ui_language
from composer.i18n import ui_message as _
from composer.model import ArticleBlock

#: An article older than this many calendar months before its issue looks like a mistake.
MAX_ARTICLE_AGE_MONTHS: Final = 2


@check
def article_date_far(context: CheckContext) -> Iterator[Finding]:
    """An article dated after its issue, or long before it, is most often a date left as it was.

    A new article once took today's date, and a December 2012 issue read "30 November 2026".
    """
    issue = context.settings.issue_date
    if issue is None:
        return
    language = ui_language()  # the dates are part of the message, in the message's language
    for block in context.newsletter.blocks:
        if not isinstance(block, ArticleBlock) or block.date is None:
            continue
        values = {
            "date": format_date(block.date, language),
            "issue": format_date(issue, language),
        }
        if block.date > issue:
            message = _(
                "The article is dated {date}, after the issue date {issue}: readers would read "
                "about something that has not happened yet. Correct the article's date, or the "
                "issue date in the settings."
            ).format(**values)
        elif months_between(block.date, issue) > MAX_ARTICLE_AGE_MONTHS:
            message = _(
                "The article is dated {date}, more than {months} months before the issue date "
                "{issue}, so it looks like old news. Correct the article's date, or take it "
                "out of the date line."
            ).format(months=MAX_ARTICLE_AGE_MONTHS, **values)
        else:
            continue
        yield Finding(Severity.WARNING, "article-date-far", message, block.id, "date")
