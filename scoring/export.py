"""CSV export that is safe to open in Excel or LibreOffice.

A cell that starts with =, +, -, @, a tab or a carriage return is read as a formula by
spreadsheet programs (CSV injection). Every text cell is neutralised the OWASP way, by a
leading apostrophe; numbers are written as numbers. Files are written atomically.
"""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

import pandas as pd

from scoring.pipeline import ScoredArticle
from scoring.taxonomy import BY_NAME, SIGNAL_NAMES

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")
ARTICLE_COLUMNS = [
    "article_id",
    "date",
    "lang",
    "title",
    "signals",
    "countries",
    *(f"p_{s}" for s in SIGNAL_NAMES),
    "source",
    "url",
    "date_source",
    "duplicate_of",
]
EVENT_COLUMNS = [
    "article_id",
    "date",
    "sentence",
    "signal",
    "probability",
    "actor",
    "target",
    "dyad",
    "weight",
    "evidence",
    "kind",
    "modality",
    "event_date",
    "cameo",
    "plover",
    "source",
    "url",
    "duplicate_of",
]


def safe_cell(value: object) -> object:
    """Neutralise a text cell that a spreadsheet would run as a formula.

    Carriage returns become line feeds first: a bare CR inside a cell would otherwise let a
    reader start a new row there, with a formula at its start.
    """
    if not isinstance(value, str):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if value.lstrip(" ").startswith(FORMULA_START):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell neutralised; numeric columns untouched."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(safe_cell)
    return out


def write_csv(frame: pd.DataFrame, path: Path, bom: bool = False) -> Path:
    """Write a safe CSV (UTF-8, optional BOM for Excel) via a temp file renamed into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".export-", suffix=".csv")
    os.close(fd)
    try:
        safe_frame(frame).to_csv(
            tmp, index=False, encoding="utf-8-sig" if bom else "utf-8", quoting=csv.QUOTE_NONNUMERIC
        )
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def to_bytes(frame: pd.DataFrame, bom: bool = False) -> bytes:
    """The same safe CSV as bytes, for download buttons."""
    text = safe_frame(frame).to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC)
    return text.encode("utf-8-sig" if bom else "utf-8")


def with_codes(events: pd.DataFrame) -> pd.DataFrame:
    """Events in the export layout: contract columns first, CAMEO and PLOVER codes added."""
    out = events.copy()
    out["evidence"] = out["sentence"]
    out["sentence"] = out["sentence_index"]
    out["cameo"] = out["signal"].map(lambda s: BY_NAME[s].cameo)
    out["plover"] = out["signal"].map(lambda s: BY_NAME[s].plover)
    for column in EVENT_COLUMNS:
        if column not in out:
            out[column] = ""
    rest = [c for c in out.columns if c not in EVENT_COLUMNS and c != "sentence_index"]
    return out[EVENT_COLUMNS + rest]


def scored_frames(scored: list[ScoredArticle]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Articles and events frames for a stateless `score` run."""
    arts, evs = [], []
    for item in scored:
        a = item.article
        arts.append(
            {
                "article_id": a.article_id,
                "date": a.date.isoformat() if a.date else "",
                "lang": a.lang,
                "title": a.title,
                "signals": ";".join(item.signals),
                "countries": ";".join(item.countries),
                **{f"p_{s}": round(item.probabilities[s], 4) for s in SIGNAL_NAMES},
                "source": a.source,
                "url": a.url,
                "date_source": a.date_source,
                "duplicate_of": "",
            }
        )
        for e in item.events:
            evs.append(
                {
                    "article_id": e.article_id,
                    "date": e.date.isoformat() if e.date else "",
                    "sentence_index": e.sentence_index,
                    "sentence": e.sentence,
                    "signal": e.signal,
                    "probability": e.probability,
                    "actor": e.actor,
                    "target": e.target,
                    "dyad": e.dyad,
                    "weight": e.weight,
                    "kind": e.kind,
                    "modality": e.modality,
                    "event_date": e.event_date.isoformat() if e.event_date else "",
                    "source": a.source,
                    "url": a.url,
                    "duplicate_of": "",
                }
            )
    articles = pd.DataFrame(arts, columns=ARTICLE_COLUMNS)
    events = pd.DataFrame(
        evs,
        columns=[c for c in EVENT_COLUMNS if c not in ("evidence", "cameo", "plover")]
        + ["sentence_index"],
    )
    return articles, with_codes(events)
