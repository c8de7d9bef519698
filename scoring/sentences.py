"""Sentence segmentation for wire copy in six languages.

A small rule-based splitter: news prose is regular enough that a handful of rules
(abbreviations, initials, German ordinal dates such as "21. Juni") beat a model here,
and it keeps character offsets so the dashboard can highlight the evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = frozenset(
    "dr mr mrs ms prof st sen rep gov gen lt col sgt capt cmdr adm maj jr sr vs nr abs "
    "bzw ca evtl ggf inkl usw vgl zb z.b u.a d.h o.ä s.o. ua dh hr fr frau mme mlle mm m "
    "sra sres srta dña dra lic ing av avda sig sigg dott ecc pag jan feb apr jun jul aug "
    "sep sept oct okt nov dec dez janv févr avr juil déc ene abr ago dic gen febbr u.s "
    "u.k u.n e.u g ул г гг т.е т.д т.п им др проф".split()
)
_BOUNDARY = re.compile(r"[.!?…]+[\"'»”“)\]]*\s+")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?…]+[\"'»”“)\]]*\s+$")
_STARTS_SENTENCE = re.compile(r"[\"'«»„“(\[¿¡–—-]*\s*[A-ZÀ-ÖØ-ÞА-ЯЁ0-9]")


@dataclass(frozen=True, slots=True)
class Span:
    """A sentence and where it stands in the original text."""

    text: str
    start: int
    end: int


def _is_false_boundary(before: str, after: str) -> bool:
    """True when the punctuation ending ``before`` does not end a sentence."""
    if not _STARTS_SENTENCE.match(after):
        return True
    match = _WORD_BEFORE.search(before)
    if not match:
        return False
    word = match.group(1).lower()
    if word in _ABBREVIATIONS or word.rstrip(".") in _ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "J. Smith", "M. Macron"
    return word.isdigit() and len(word) <= 2 and before.rstrip()[-1] == "."  # "21. Juni"


def split_sentences(text: str) -> list[Span]:
    """Split text into sentences; every line break also ends a sentence."""
    spans: list[Span] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        _split_line(line, offset, spans)
        offset += len(line)
    return spans


def _split_line(line: str, offset: int, spans: list[Span]) -> None:
    start = 0
    for match in _BOUNDARY.finditer(line):
        end = match.end()
        if _is_false_boundary(line[:end], line[end:]):
            continue
        _add(line, start, end, offset, spans)
        start = end
    _add(line, start, len(line), offset, spans)


def _add(line: str, start: int, end: int, offset: int, spans: list[Span]) -> None:
    chunk = line[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    begin = offset + start + lead
    spans.append(Span(stripped, begin, begin + len(stripped)))


_TITLE_PARTS = re.compile(r"\s+[|–—]\s+")


def article_sentences(title: str, text: str) -> list[str]:
    """The sentences scoring sees: title parts first ("A | B" is two headlines), then the body."""
    parts = [p.strip() for p in _TITLE_PARTS.split(title) if p.strip()] if title else []
    return parts + [span.text for span in split_sentences(text)]
