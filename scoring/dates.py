"""Publication dates: from metadata, from the text, or from the operator's --date.

An undated article must never be silently dated "today": the index would move on the
wrong day. Each resolved date therefore carries its source, and no date is an error.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from dateutil import parser as dateutil_parser

MONTHS: dict[str, int] = {}
_MONTH_NAMES = {
    "en": "january february march april may june july august september october november december",
    "de": "januar februar märz april mai juni juli august september oktober november dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
    "dicembre",
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
}
for _names in _MONTH_NAMES.values():
    for _number, _name in enumerate(_names.split(), 1):
        MONTHS[_name] = _number
MONTHS.update({"jänner": 1, "setiembre": 9, "sept": 9})

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<d>[0-3]?\d)(?:\.|er|º)?\s+(?:de\s+)?(?P<m>{_MONTH})\.?,?\s+(?:de\s+)?(?P<y>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_MONTH_DAY_YEAR = re.compile(
    rf"\b(?P<m>{_MONTH})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_ISO = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")
_NUMERIC = re.compile(r"\b(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)\b")
_SLASHED = re.compile(r"\b(?P<d>[0-3]?\d)/(?P<m>[0-3]?\d)/(?P<y>(?:19|20)\d\d)\b")
"""Day first, as in most of the world's press; month first only when the day cannot be."""

WEEKDAYS: dict[str, int] = {}
for _lang_days in (
    "monday tuesday wednesday thursday friday saturday sunday",
    "montag dienstag mittwoch donnerstag freitag samstag sonntag",
    "lundi mardi mercredi jeudi vendredi samedi dimanche",
    "lunes martes miércoles jueves viernes sábado domingo",
    "lunedì martedì mercoledì giovedì venerdì sabato domenica",
    "понедельник вторник среду четверг пятницу субботу воскресенье",
):
    for _index, _day in enumerate(_lang_days.split()):
        WEEKDAYS[_day] = _index
WEEKDAYS.update({"sonnabend": 5, "среда": 2, "пятница": 4, "суббота": 5})
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)

MAX_FUTURE = timedelta(days=2)
"""Dates further ahead of the ingest day than this are implausible and rejected."""
MIN_DATE = date(1990, 1, 1)


class DateError(ValueError):
    """A date that cannot be read or is not plausible for a news article."""


def _build(y: str, m: str | int, d: str) -> date | None:
    month = m if isinstance(m, int) else (int(m) if m.isdigit() else MONTHS.get(m.lower()))
    try:
        return date(int(y), int(month or 0), int(d))
    except ValueError:
        return None


def dates_in_text(text: str) -> list[date]:
    """Every full calendar date written in the text, in order of appearance."""
    found: list[tuple[int, date]] = []
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _ISO, _NUMERIC, _SLASHED):
        for match in pattern.finditer(text):
            day, month = match["d"], match["m"]
            if pattern is _SLASHED and int(month) > 12:
                day, month = month, day
            built = _build(match["y"], month, day)
            if built:
                found.append((match.start(), built))
    return [d for _, d in sorted(found)]


def parse_date(value: object, today: date | None = None) -> date:
    """Parse a metadata date (ISO, RFC 822, "20. Juni 2024" …) and check it is plausible."""
    if isinstance(value, datetime):
        parsed = value.date()
    elif isinstance(value, date):
        parsed = value
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        in_text = dates_in_text(text)
        if in_text:
            parsed = in_text[0]
        else:
            try:
                parsed = dateutil_parser.parse(text, dayfirst=not _ISO.match(text)).date()
            except (ValueError, OverflowError) as exc:
                raise DateError(f"unreadable date {text!r}") from exc
    else:
        raise DateError(f"unreadable date {value!r}")
    check_plausible(parsed, today)
    return parsed


def check_plausible(value: date, today: date | None = None) -> None:
    """Reject dates before 1990 or more than two days in the future."""
    today = today or date.today()
    if value < MIN_DATE:
        raise DateError(f"date {value.isoformat()} is before {MIN_DATE.isoformat()}")
    if value > today + MAX_FUTURE:
        raise DateError(f"date {value.isoformat()} is in the future")


def date_from_text(text: str, today: date | None = None) -> date | None:
    """The first plausible full date in the text, or None."""
    for candidate in dates_in_text(text):
        try:
            check_plausible(candidate, today)
        except DateError:
            continue
        return candidate
    return None


def resolve_weekday(published: date, weekday_word: str) -> date | None:
    """The date a weekday word ("am Mittwoch") means: its latest day on or before publication."""
    index = WEEKDAYS.get(weekday_word.lower())
    if index is None:
        return None
    return published - timedelta(days=(published.weekday() - index) % 7)


def event_date(sentence: str, published: date) -> date:
    """When a sentence's event happened: a weekday it names, resolved against publication."""
    full = dates_in_text(sentence)
    if full and full[0] <= published:
        return full[0]
    match = _WEEKDAY.search(sentence)
    if match:
        return resolve_weekday(published, match.group(1)) or published
    return published
