"""Analyst feedback: confirm, reject or relabel events, kept as an audit trail and training data.

The review queue shows the events the model was least sure of. Every verdict is stored with
who and when (never overwritten: the latest verdict on an event wins, the older ones stay as
history) and can be exported in the corpus's sentence format for `python -m scoring train`.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from scoring.corpus import LANGS
from scoring.store import Store
from scoring.taxonomy import MODALITIES, SIGNAL_NAMES

VERDICTS = ("confirm", "reject", "relabel")


def review_queue(store: Store, limit: int = 50, band: float = 0.2) -> pd.DataFrame:
    """Direct events with the least certain probabilities that nobody has reviewed yet."""
    return pd.read_sql_query(
        """SELECT e.event_id, e.article_id, e.date, e.signal, e.probability, e.modality,
                  e.actor, e.target, e.dyad, e.sentence, a.lang, a.title
           FROM events e JOIN articles a ON a.article_id = e.article_id
           WHERE e.kind = 'direct' AND e.probability < ?
             AND e.event_id NOT IN (SELECT event_id FROM feedback)
           ORDER BY e.probability ASC, e.event_id LIMIT ?""",
        store.conn,
        params=(0.5 + band, limit),
    )


def record(
    store: Store,
    event_id: int,
    verdict: str,
    reviewer: str,
    signal: str | None = None,
    actor: str | None = None,
    target: str | None = None,
    modality: str | None = None,
    note: str = "",
) -> None:
    """Store one verdict; relabels must name a known signal and two ISO codes."""
    if verdict not in VERDICTS:
        raise ValueError(f"verdict must be one of {VERDICTS}")
    if not reviewer.strip():
        raise ValueError("a reviewer name is required for the audit trail")
    if verdict == "relabel":
        if signal not in SIGNAL_NAMES:
            raise ValueError(f"unknown signal {signal!r}")
        if modality is not None and modality not in MODALITIES:
            raise ValueError(f"unknown modality {modality!r}")
        for code in (actor, target):
            if not (code and len(code) == 3 and code.isalpha() and code.isupper()):
                raise ValueError(f"actor and target must be ISO alpha-3 codes, got {code!r}")
    with store.transaction() as conn:
        conn.execute(
            """INSERT INTO feedback (event_id, verdict, signal, actor, target, modality, reviewer,
               reviewed_at, note) VALUES (?,?,?,?,?,?,?,?,?)""",
            (
                event_id,
                verdict,
                signal,
                actor,
                target,
                modality,
                reviewer.strip(),
                datetime.now(UTC).isoformat(timespec="seconds"),
                note,
            ),
        )


def audit_trail(store: Store) -> pd.DataFrame:
    """Every verdict ever given, newest first, with the event it judged."""
    return pd.read_sql_query(
        """SELECT f.reviewed_at, f.reviewer, f.verdict, f.signal AS new_signal,
                  f.actor AS new_actor, f.target AS new_target, f.modality AS new_modality,
                  f.note, e.event_id, e.signal, e.actor, e.target, e.modality, e.probability,
                  e.sentence
           FROM feedback f JOIN events e ON e.event_id = f.event_id
           ORDER BY f.feedback_id DESC""",
        store.conn,
    )


def training_records(store: Store) -> list[dict[str, object]]:
    """The latest verdict per event as corpus sentence records (split 'train')."""
    trail = audit_trail(store).drop_duplicates("event_id")
    langs = dict(
        store.conn.execute(
            "SELECT e.event_id, a.lang FROM events e JOIN articles a ON a.article_id = e.article_id"
        ).fetchall()
    )
    out = []
    for row in trail.itertuples():
        lang = langs.get(row.event_id)
        if lang not in LANGS:
            continue  # the corpus covers six languages; other feedback stays in the audit trail
        if row.verdict == "reject":
            signals, dyads, modality = [], {}, {}
        else:
            relabel = row.verdict == "relabel"
            sig = row.new_signal if relabel else row.signal
            pair = [row.new_actor, row.new_target] if relabel else [row.actor, row.target]
            mod = row.new_modality if relabel and row.new_modality else row.modality
            signals, dyads, modality = [sig], {sig: [pair]}, {sig: mod}
        out.append(
            {
                "id": f"fb-{row.event_id}",
                "lang": lang,
                "text": row.sentence,
                "signals": signals,
                "dyads": dyads,
                "modality": modality,
                "group": f"feedback-{row.event_id}",
                "origin": "hand",
                "hard_negative": False,
                "split": "train",
                "reviewer": row.reviewer,
            }
        )
    return out


def training_jsonl(store: Store) -> str:
    """The feedback records as JSON Lines, the format `python -m scoring train --feedback` reads."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in training_records(store))


def export_training(store: Store, path: Path) -> int:
    """Write the feedback training file; returns how many records it holds."""
    text = training_jsonl(store)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return text.count("\n")
