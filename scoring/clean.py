"""Cleaning pages scraped from news aggregators into title, dateline and body.

Scraped text repeats the title, carries a lone "-", a "Gepostet um 7:47 Uhr" line and
PREV/NEXT navigation naming unrelated stories. Those lines would add false signals and
false countries, so they go before anything is scored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_RULE = re.compile(r"^[\s\-–—_*=•·|]+$")
_POSTED = re.compile(
    r"^(gepostet|veröffentlicht|aktualisiert|posted|published|updated|publié|mis à jour|"
    r"publicado|actualizado|pubblicato|aggiornato|опубликовано|обновлено)\b[^!?]{0,60}$",
    re.IGNORECASE,
)
_NEXT_SENTENCE = re.compile(r"[.!?]\s+\w")
_NAVIGATION = re.compile(
    r"^(prev|next|previous|zurück|weiter|précédent|suivant|anterior|siguiente|precedente|"
    r"successivo|предыдущая|следующая|назад|далее|lesen sie auch|read more|read also|"
    r"related|lire aussi|à lire aussi|leer más|lee también|leggi anche|читайте также|"
    r"share|teilen|partager|compartir|condividi|поделиться|advertisement|anzeige|werbung|"
    r"publicité|publicidad|pubblicità|реклама)\b",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^\s*(?:\((?P<paren>[^()\d]{2,40})\)\s*[-–—:]?\s*"
    r"|(?P<caps>[A-ZÀ-ÖØ-ÞА-ЯЁ][A-ZÀ-ÖØ-ÞА-ЯЁ .'/-]{1,40}[A-ZÀ-ÖØ-ÞА-ЯЁ])"
    r"(?:,[^()\n]{0,30})?\s*(?:\([^()\n]{1,30}\))?\s*[-–—.:/]+\s*)"
)


_AGENCIES = frozenset(
    "ap afp dpa reuters efe ansa agi adnkronos apa kyodo yonhap xinhua tass ria kna ats "
    "sda europa press epd upi bloomberg тасс риа интерфакс".split()
)


@dataclass(frozen=True, slots=True)
class Page:
    """The parts of a scraped page that carry news."""

    title: str
    dateline: str
    body: str


def _is_posted(line: str) -> bool:
    return bool(_POSTED.match(line)) and not _NEXT_SENTENCE.search(line)


def _is_furniture(line: str, title: str) -> bool:
    if _RULE.match(line) or _is_posted(line) or _NAVIGATION.match(line):
        return True
    return bool(title) and line == title


def posted_lines(raw: str) -> list[str]:
    """The "Gepostet am 21.06.2024 um 7:47 Uhr" lines of a page: they carry its publication date."""
    return [line for line in _lines(raw) if _POSTED.match(line) and not _NEXT_SENTENCE.search(line)]


def split_dateline(text: str) -> tuple[str, str]:
    """Split a leading dateline ("(Seoul)", "SEOUL, June 21 (Reuters) -") from the text."""
    match = _DATELINE.match(text)
    if not match:
        return "", text
    place = (match.group("paren") or match.group("caps") or "").strip()
    if match.group("caps") and len(place.split()) > 4:
        return "", text
    place = place.split("/")[0].strip().title() if place.isupper() else place
    if place.lower() in _AGENCIES:
        place = ""
    return place, text[match.end() :]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


def clean_body(text: str, title: str = "") -> Page:
    """Drop furniture lines and repeated titles from a body and split off its dateline."""
    body = [line for line in _lines(text) if line and not _is_furniture(line, title)]
    dateline = ""
    if body:
        dateline, first = split_dateline(body[0])
        body[0] = first.strip()
    return Page(title=title, dateline=dateline, body="\n".join(line for line in body if line))


def clean_page(raw: str) -> Page:
    """Strip aggregator furniture from a plain-text page; its first line is the title."""
    lines = [line for line in _lines(raw) if line]
    title = ""
    if len(lines) > 1 and len(lines[0]) < 300 and not lines[0].endswith((".", ":")):
        title = lines.pop(0)
    return clean_body("\n".join(lines), title)
