"""Dates as a newsletter's readers write them, and the arithmetic of a monthly issue.

Month names come from Babel (CLDR), so "december" in Swedish and "December" in English are
spelt as the newsletter spells them; dates are written as the rendered email writes them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from typing import Final

#: The Babel locale of each newsletter language; an EU office writing English writes
#: British dates ("1 November 2012"), as ``composer.render.format_date`` does.
_LOCALES: Final = {"sv": "sv", "en": "en_GB"}
_ISO_DATE: Final = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_WRITTEN_DATE: Final = re.compile(r"^\s*(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})\s*$")


def _locale(language: str) -> str:
    return _LOCALES.get(language, language)


@functools.cache
def month_names(language: str) -> tuple[str, ...]:
    """The twelve months' names in ``language``, January first ("januari", "January")."""
    from babel.dates import get_month_names

    names = get_month_names("wide", context="format", locale=_locale(language))
    return tuple(names[month] for month in range(1, 13))


@functools.cache
def _month_numbers(language: str) -> dict[str, int]:
    """Every month's wide and abbreviated names, lower case, to its number."""
    from babel.dates import get_month_names

    numbers: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            names = get_month_names(width, context=context, locale=_locale(language))
            for month, name in names.items():
                numbers[name.lower().rstrip(".")] = month
    return numbers


def format_date(date: dt.date, language: str) -> str:
    """``date`` as the newsletter writes it: "1 december 2012" (sv), "1 December 2012" (en)."""
    from babel.dates import format_date as babel_format_date

    return babel_format_date(date, format="long", locale=_locale(language))


def parse_date(text: str, language: str) -> dt.date | None:
    """The date ``text`` names, or None if it names none.

    Accepted: ISO "2012-12-01" in any language, and a written date in ``language`` with the
    month's full or short name: "1 december 2012", "1 dec. 2012" (sv); "1 December 2012" (en).
    """
    if match := _ISO_DATE.match(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _WRITTEN_DATE.match(text):
        month_number = _month_numbers(language).get(match[2].lower())
        if month_number is None:
            return None
        year, month, day = int(match[3]), month_number, int(match[1])
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def add_months(date: dt.date, months: int, day: int | None = None) -> dt.date:
    """``date`` moved by ``months`` months, on ``day`` (default: its own) clamped to the month.

    31 January plus one month is 28 or 29 February, not 3 March.
    """
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day or date.day, last))


def months_between(earlier: dt.date, later: dt.date) -> int:
    """How many whole calendar months ``later`` is after ``earlier`` (negative when before)."""
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def _case_like(word: str, model: str) -> str:
    """``word`` in the case of ``model``: "NOVEMBER" -> "DECEMBER", "November" -> "December"."""
    if model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word.capitalize()
    return word


def follow_month(text: str, old: dt.date, new: dt.date, language: str) -> str:
    """``text`` with the month and year of ``old`` made those of ``new``.

    "nyhetsbrev november 2012" becomes "nyhetsbrev december 2012"; the year changes only where
    it follows the month or stands in ``old``'s ISO month ("2012-11"), so other numbers are
    left alone. Month names in ``language`` are recognised alone or with the year, English ones
    (in a Swedish newsletter) only with the year. A name is a month only spelt as one:
    "May", "MAY" or (in Swedish, where months are lower case) "maj", never the verb "may".
    """
    for lang in dict.fromkeys((language, "en")):
        old_name = month_names(lang)[old.month - 1]
        new_name = month_names(lang)[new.month - 1]
        spellings = "|".join(
            re.escape(name) for name in dict.fromkeys((old_name, old_name.capitalize()))
        )
        year = rf"(\s+{old.year}\b)" + ("?" if lang == language else "")
        pattern = re.compile(rf"\b({spellings}|{re.escape(old_name.upper())})\b{year}")

        def replace(match: re.Match[str], new_name: str = new_name) -> str:
            spaces = match[2][: -len(str(old.year))] if match[2] else ""
            return _case_like(new_name, match[1]) + (f"{spaces}{new.year}" if match[2] else "")

        text = pattern.sub(replace, text)
    return re.sub(rf"\b{old.year}-{old.month:02d}\b", f"{new.year}-{new.month:02d}", text)
