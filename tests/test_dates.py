"""Dates written as the newsletter's readers write them, and moved on month by month."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from composer.dates import add_months, follow_month, format_date, parse_date


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("1 december 2012", "sv"),
        ("2012-12-01", "sv"),
        ("1 dec. 2012", "sv"),
        ("1 December 2012", "en"),
        ("1 Dec 2012", "en"),
        (" 2012-12-1 ", "en"),
    ],
)
def test_a_date_is_read_as_written(text: str, language: str) -> None:
    assert parse_date(text, language) == dt.date(2012, 12, 1)


@pytest.mark.parametrize("text", ["", "1 smarch 2012", "31 februari 2012", "2012-13-01", "12/1"])
def test_what_is_no_date_is_none(text: str) -> None:
    assert parse_date(text, "sv") is None


@given(st.dates(min_value=dt.date(1000, 1, 1)), st.sampled_from(["sv", "en"]))
def test_every_written_date_reads_back(date: dt.date, language: str) -> None:
    assert parse_date(format_date(date, language), language) == date


def test_dates_are_written_as_the_newsletter_does() -> None:
    assert format_date(dt.date(2012, 12, 1), "sv") == "1 december 2012"
    assert format_date(dt.date(2012, 12, 1), "en") == "1 December 2012"


def test_a_month_on_keeps_the_day_within_the_month() -> None:
    assert add_months(dt.date(2013, 1, 31), 1) == dt.date(2013, 2, 28)
    assert add_months(dt.date(2012, 12, 15), 1) == dt.date(2013, 1, 15)
    assert add_months(dt.date(2013, 1, 15), -1) == dt.date(2012, 12, 15)


def test_only_months_follow_never_the_verb_may() -> None:
    may, june = dt.date(2013, 5, 1), dt.date(2013, 6, 1)
    assert follow_month("You may read it in May", may, june, "en") == "You may read it in June"
    assert follow_month("MAJ 2013, maj", may, june, "sv") == "JUNI 2013, juni"
    # An English month in a Swedish newsletter follows only with its year.
    assert follow_month("May 2013 and May", may, june, "sv") == "June 2013 and May"
