"""The next issue of a newsletter, made from the last one: same settings and recurring blocks.

What recurs from month to month (the masthead, the office's introduction, contacts, buttons,
dividers, pictures such as banners and the footer's settings) is copied; the articles, side
articles and two-column rows, the news of the month, are left behind unless asked for. The issue
date moves on, and what names the old month (subject, preview text, web version address, the
masthead's tagline) names the new one. A preview text that does not name the month is about the
month's news: when the news is left behind it goes too, and the pre-flight check asks for a new
one, so November's teaser is not what December's readers see in their inbox.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from composer.dates import add_months, follow_month, months_between
from composer.errors import ComposerError
from composer.i18n import ui_message as _
from composer.model import (
    ArticleBlock,
    BlockBase,
    Bundle,
    ColumnsBlock,
    ImageStore,
    MastheadBlock,
    Newsletter,
    SideArticleBlock,
)

#: The blocks that hold the month's news: left behind unless the articles are kept.
NEWS_BLOCKS: Final = (ArticleBlock, SideArticleBlock, ColumnsBlock)
#: The settings whose text follows the month ("nyhetsbrev november 2012").
_MONTH_SETTINGS: Final = ("subject", "preheader", "web_version_url")
#: "Nr 11/2012", "No. 3 – 2013", "#11": the first number is the issue's, a year after it its year.
_ISSUE_NUMBER: Final = re.compile(r"(\d+)(?:(\s*[/–-]\s*)(\d{4}))?")


def next_issue_number(number: str, old: dt.date | None, new: dt.date | None) -> str:
    """``number`` counted up: "Nr 11/2012" -> "Nr 12/2012"; "Nr 12/2012" -> "Nr 1/2013".

    The numbering starts again at 1 when the issue names its year and the new issue is in a
    later year; a number without a year simply counts up. Text without a number is kept.
    """
    match = _ISSUE_NUMBER.search(number)
    if match is None:
        return number
    count = int(match[1]) + 1
    year = match[3]
    if year is not None and old is not None and new is not None and new.year != old.year:
        count = 1 if new.year > old.year else count
        year = str(int(year) + new.year - old.year)
    replacement = f"{count}{match[2]}{year}" if year is not None else str(count)
    return number[: match.start()] + replacement + number[match.end() :]


def is_recurring(block: BlockBase) -> bool:
    """Whether a block belongs to every issue (everything but the month's news)."""
    return not isinstance(block, NEWS_BLOCKS)


def next_issue(
    last: Bundle, *, keep_articles: bool = False, issue_date: dt.date | None = None
) -> Bundle:
    """The issue after ``last``.

    Args:
        last: the previous issue with its pictures.
        keep_articles: also copy the articles; their dates move on by as many months as the
            issue date does (same day of the month, clamped: 31 January -> 28 February).
        issue_date: the new issue's date; by default a month after the last one's.

    Returns:
        A new newsletter with only the pictures it shows.

    Raises:
        ComposerError: neither the last issue nor the caller gives a date to start from.
    """
    settings = last.newsletter.settings
    old = settings.issue_date
    if issue_date is None:
        if old is None:
            raise ComposerError(
                _(
                    "The earlier issue has no issue date, so the next month is unknown. Give the "
                    "new issue's date, or set the issue date in the earlier issue's settings."
                )
            )
        issue_date = add_months(old, 1)
    update: dict[str, object] = {"issue_date": issue_date}
    if old is not None:
        for name in _MONTH_SETTINGS:
            update[name] = follow_month(getattr(settings, name), old, issue_date, settings.language)
    if not keep_articles and update.get("preheader", settings.preheader) == settings.preheader:
        update["preheader"] = ""
    if settings.issue_number:
        update["issue_number"] = next_issue_number(settings.issue_number, old, issue_date)
    shift = months_between(old, issue_date) if old is not None else 0
    blocks: list[BlockBase] = []
    for block in last.newsletter.blocks:
        if isinstance(block, NEWS_BLOCKS):
            if not keep_articles:
                continue
            if isinstance(block, ArticleBlock) and block.date is not None:
                block = block.model_copy(update={"date": add_months(block.date, shift)})
        elif isinstance(block, MastheadBlock) and old is not None:
            tagline = follow_month(block.tagline, old, issue_date, settings.language)
            block = block.model_copy(update={"tagline": tagline})
        blocks.append(block)
    newsletter = Newsletter.model_validate(
        {
            "settings": settings.model_copy(update=update).model_dump(),
            "blocks": [block.model_dump() for block in blocks],
        }
    )
    images = ImageStore()
    for ref in newsletter.image_refs():
        images.data[ref.sha256] = last.images.get(ref)
    return Bundle(newsletter, images)
