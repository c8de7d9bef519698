"""Dates: metadata first, then the text, then --date; weekdays resolve against publication."""

from datetime import date

import pytest

from scoring.article import make_article
from scoring.dates import DateError, dates_in_text, event_date, parse_date, resolve_weekday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Am 20. Juni 2024 bestellte Seoul", date(2024, 6, 20)),
        ("On June 20, 2024, Seoul summoned", date(2024, 6, 20)),
        ("Le 20 juin 2024, Séoul a convoqué", date(2024, 6, 20)),
        ("El 20 de junio de 2024 Seúl convocó", date(2024, 6, 20)),
        ("Il 20 giugno 2024 Seul ha convocato", date(2024, 6, 20)),
        ("20 июня 2024 года Сеул вызвал", date(2024, 6, 20)),
        ("Stand: 20.06.2024", date(2024, 6, 20)),
        ("published 2024-06-20", date(2024, 6, 20)),
    ],
)
def test_full_dates_in_six_languages(text: str, expected: date) -> None:
    assert dates_in_text(text) == [expected]


def test_relative_weekday_resolves_to_the_latest_such_day() -> None:
    friday = date(2024, 6, 21)
    assert resolve_weekday(friday, "Mittwoch") == date(2024, 6, 19)
    assert resolve_weekday(friday, "vendredi") == friday
    assert event_date("signed during the visit on Wednesday", friday) == date(2024, 6, 19)
    assert event_date("В четверг Путин предупредил", friday) == date(2024, 6, 20)


def test_metadata_wins_then_text_then_default() -> None:
    rec = {"text": "Am 19. Juni 2024 begann es.", "date": "2024-06-21"}
    assert make_article(rec).date_source == "metadata"
    assert make_article({"text": "Am 19. Juni 2024 begann es."}).date == date(2024, 6, 19)
    art = make_article({"text": "Am Freitag begann es."}, default_date=date(2024, 6, 21))
    assert (art.date, art.date_source) == (date(2024, 6, 21), "default")


def test_no_date_is_flagged_not_invented() -> None:
    art = make_article({"text": "Gepostet um 7:47 Uhr. Seoul reagierte."})
    assert art.date is None and art.date_source == "none"


@pytest.mark.parametrize("bad", ["2099-01-01", "1850-05-01", "not a date", "32/13/2024"])
def test_implausible_or_unreadable_dates_are_errors(bad: str) -> None:
    with pytest.raises(DateError):
        parse_date(bad, today=date(2026, 11, 27))


def test_slashed_dates_are_day_first_unless_impossible() -> None:
    assert dates_in_text("Posted on 01/04/2025 at 1:20 p.m.") == [date(2025, 4, 1)]
    assert dates_in_text("Posted 04/25/2025") == [date(2025, 4, 25)]


def test_the_posted_line_of_a_scraped_page_dates_it() -> None:
    page = (
        "Titel\n\nTitel\n-\n\n(Seoul) Erster Satz.\n\nGepostet am 21.06.2024 um 7:47 Uhr.\n\nMehr."
    )
    article = make_article({"text": page}, page=True)
    assert (article.date, article.date_source) == (date(2024, 6, 21), "text")
    assert "Gepostet" not in article.text
