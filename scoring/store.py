"""The store: one folder holding one SQLite database in WAL mode.

Why SQLite/WAL: the dashboard must keep reading while an ingest writes, from another
process. DuckDB refuses a second process (even read-only) while a writer holds the file;
SQLite in WAL mode gives readers a consistent snapshot during writes, needs no server, and
its transactions make a killed ingest roll back cleanly. Each batch of articles (rows,
events, dedup keys) commits in one transaction, so nobody ever sees half a batch, and a
re-run skips what is already in (articles are keyed by content hash).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from scoring import dedup
from scoring.pipeline import ScoredArticle
from scoring.taxonomy import SIGNAL_NAMES

DB_NAME = "tension.sqlite"
PROB_COLUMNS = [f"p_{s}" for s in SIGNAL_NAMES]

MIGRATIONS: list[list[str]] = [
    [
        """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
        f"""CREATE TABLE articles (
            article_id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            date TEXT, date_source TEXT NOT NULL, lang TEXT NOT NULL,
            title TEXT NOT NULL, text TEXT NOT NULL, url TEXT NOT NULL, source TEXT NOT NULL,
            dateline TEXT NOT NULL, origin TEXT NOT NULL,
            signals TEXT NOT NULL, countries TEXT NOT NULL,
            {", ".join(f"{c} REAL NOT NULL" for c in PROB_COLUMNS)},
            duplicate_of TEXT, story_id TEXT NOT NULL, minhash BLOB NOT NULL,
            batch_id INTEGER NOT NULL, ingested_at TEXT NOT NULL)""",
        """CREATE INDEX articles_date ON articles(date)""",
        """CREATE INDEX articles_story ON articles(story_id)""",
        """CREATE TABLE events (
            event_id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(article_id),
            story_id TEXT NOT NULL,
            date TEXT, event_date TEXT,
            sentence_index INTEGER NOT NULL, sentence TEXT NOT NULL,
            signal TEXT NOT NULL, probability REAL NOT NULL, modality TEXT NOT NULL,
            actor TEXT NOT NULL, target TEXT NOT NULL, dyad TEXT NOT NULL,
            kind TEXT NOT NULL, weight REAL NOT NULL)""",
        """CREATE INDEX events_dyad_date ON events(dyad, date)""",
        """CREATE INDEX events_article ON events(article_id)""",
        """CREATE TABLE lsh (band_key INTEGER NOT NULL, article_id TEXT NOT NULL)""",
        """CREATE INDEX lsh_key ON lsh(band_key)""",
        """CREATE TABLE batches (
            batch_id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT,
            articles INTEGER NOT NULL DEFAULT 0, events INTEGER NOT NULL DEFAULT 0,
            model_version TEXT NOT NULL DEFAULT '')""",
    ],
    [
        """CREATE TABLE feedback (
            feedback_id INTEGER PRIMARY KEY,
            event_id INTEGER NOT NULL REFERENCES events(event_id),
            verdict TEXT NOT NULL CHECK (verdict IN ('confirm', 'reject', 'relabel')),
            signal TEXT, actor TEXT, target TEXT, modality TEXT,
            reviewer TEXT NOT NULL, reviewed_at TEXT NOT NULL, note TEXT NOT NULL DEFAULT '')""",
        """CREATE INDEX feedback_event ON feedback(event_id)""",
    ],
]
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(RuntimeError):
    """The store cannot be opened or is from a newer version of the tool."""


@dataclass(frozen=True, slots=True)
class AddResult:
    """What one add() did: new articles, exact duplicates skipped, and events written."""

    new: int
    duplicates: int
    events: int
    near_duplicates: int


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """A tension store in a folder. Open it with ``Store(path)``; it creates what is missing."""

    def __init__(self, path: Path | str, create: bool = True) -> None:
        self.path = Path(path)
        db = self.path / DB_NAME
        if not db.exists() and not create:
            raise StoreError(f"no store at {self.path} (expected {db})")
        self.path.mkdir(parents=True, exist_ok=True)
        try:
            self.conn = sqlite3.connect(
                db, timeout=60, isolation_level=None, check_same_thread=False
            )
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{db} is not a usable store: {exc}") from exc

    def close(self) -> None:
        """Close the connection (the WAL is checkpointed by SQLite)."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any error: all or nothing."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"store schema {version} is newer than this tool's {SCHEMA_VERSION}; "
                "upgrade the tool"
            )
        for target in range(version, SCHEMA_VERSION):
            with self.transaction() as conn:
                for statement in MIGRATIONS[target]:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {target + 1}")

    @property
    def schema_version(self) -> int:
        """The schema version the database is at."""
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def revision(self) -> str:
        """Changes whenever a batch commits: a cache key for readers."""
        row = self.conn.execute("SELECT MAX(batch_id), COUNT(*) FROM batches").fetchone()
        return f"{row[0] or 0}-{row[1]}"

    def _present(self, column: str, values: Sequence[str]) -> set[str]:
        """Which of these values of an articles column are stored (500 per query)."""
        found: set[str] = set()
        for start in range(0, len(values), 500):
            chunk = list(values[start : start + 500])
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT {column} FROM articles WHERE {column} IN ({marks})"
            found.update(r[0] for r in self.conn.execute(sql, chunk))
        return found

    def known_hashes(self, hashes: Sequence[str]) -> set[str]:
        """Which of these content hashes are already stored."""
        return self._present("content_hash", hashes)

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of these article ids are already stored."""
        return self._present("article_id", ids)

    def _story_of(
        self,
        sig: np.ndarray,
        keys: list[int],
        pending: dict[int, list[tuple[str, str, np.ndarray]]],
    ) -> tuple[str | None, str | None]:
        """The first stored (or pending) article this one near-duplicates, and its story."""
        candidates: dict[str, tuple[str, np.ndarray]] = {}
        marks = ",".join("?" * len(keys))
        rows = self.conn.execute(
            f"""SELECT a.article_id, a.story_id, a.minhash FROM lsh l
                JOIN articles a ON a.article_id = l.article_id
                WHERE l.band_key IN ({marks}) GROUP BY a.article_id""",
            keys,
        ).fetchall()
        for article_id, story, blob in rows:
            candidates[article_id] = (story, np.frombuffer(blob, dtype=np.uint32))
        for key in keys:
            for article_id, story, other in pending.get(key, []):
                candidates.setdefault(article_id, (story, other))
        best: tuple[float, str, str] | None = None
        for article_id, (story, other) in candidates.items():
            sim = dedup.similarity(sig, other)
            if sim >= dedup.THRESHOLD and (best is None or sim > best[0]):
                best = (sim, article_id, story)
        return (best[1], best[2]) if best else (None, None)

    def add(self, scored: Sequence[ScoredArticle], model_version: str = "") -> AddResult:
        """Store a batch of scored articles and their events in one transaction.

        Articles whose content (or id) is already stored are skipped; near-duplicates are
        stored with ``duplicate_of`` and share the first copy's story id.
        """
        new = dup = events = near = 0
        with self.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO batches (started_at, model_version) VALUES (?, ?)",
                (_now(), model_version),
            )
            batch_id = cur.lastrowid
            hashes = [s.article.content_hash for s in scored]
            seen_hashes = self.known_hashes(hashes)
            seen_ids = self.known_ids([s.article.article_id for s in scored])
            pending: dict[int, list[tuple[str, str, np.ndarray]]] = {}
            now = _now()
            for item, content_hash in zip(scored, hashes, strict=True):
                a = item.article
                if content_hash in seen_hashes or a.article_id in seen_ids:
                    dup += 1
                    continue
                seen_hashes.add(content_hash)
                seen_ids.add(a.article_id)
                sig = dedup.signature(a.title + "\n" + a.text)
                keys = dedup.band_keys(sig)
                duplicate_of, story = self._story_of(sig, keys, pending)
                story = story or a.article_id
                near += duplicate_of is not None
                conn.execute(
                    f"""INSERT INTO articles (article_id, content_hash, date, date_source, lang,
                        title, text, url, source, dateline, origin, signals, countries,
                        {", ".join(PROB_COLUMNS)}, duplicate_of, story_id, minhash, batch_id,
                        ingested_at) VALUES ({",".join("?" * (18 + len(PROB_COLUMNS)))})""",
                    (
                        a.article_id,
                        content_hash,
                        a.date.isoformat() if a.date else None,
                        a.date_source,
                        a.lang,
                        a.title,
                        a.text,
                        a.url,
                        a.source,
                        a.dateline,
                        a.origin,
                        ";".join(item.signals),
                        ";".join(item.countries),
                        *(item.probabilities[s] for s in SIGNAL_NAMES),
                        duplicate_of,
                        story,
                        sig.tobytes(),
                        batch_id,
                        now,
                    ),
                )
                conn.executemany(
                    "INSERT INTO lsh (band_key, article_id) VALUES (?, ?)",
                    [(k, a.article_id) for k in keys],
                )
                for k in keys:
                    pending.setdefault(k, []).append((a.article_id, story, sig))
                conn.executemany(
                    """INSERT INTO events (article_id, story_id, date, event_date, sentence_index,
                        sentence, signal, probability, modality, actor, target, dyad, kind, weight)
                        VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                    [
                        (
                            e.article_id,
                            story,
                            e.date.isoformat() if e.date else None,
                            e.event_date.isoformat() if e.event_date else None,
                            e.sentence_index,
                            e.sentence,
                            e.signal,
                            e.probability,
                            e.modality,
                            e.actor,
                            e.target,
                            e.dyad,
                            e.kind,
                            e.weight,
                        )
                        for e in item.events
                    ],
                )
                new += 1
                events += len(item.events)
            conn.execute(
                "UPDATE batches SET finished_at = ?, articles = ?, events = ? WHERE batch_id = ?",
                (_now(), new, events, batch_id),
            )
        return AddResult(new=new, duplicates=dup, events=events, near_duplicates=near)

    def articles(
        self,
        since: str | None = None,
        until: str | None = None,
        pair: str | None = None,
        with_text: bool = False,
    ) -> pd.DataFrame:
        """Articles as a frame, filtered by date range and (via its events) by pair."""
        cols = [
            "article_id",
            "date",
            "date_source",
            "lang",
            "title",
            "url",
            "source",
            "dateline",
            "signals",
            "countries",
            *PROB_COLUMNS,
            "duplicate_of",
            "story_id",
            "ingested_at",
        ]
        if with_text:
            cols.append("text")
        where, params = _filters("a.date", since, until)
        if pair:
            where.append("a.article_id IN (SELECT article_id FROM events WHERE dyad = ?)")
            params.append(pair)
        sql = f"SELECT {', '.join('a.' + c for c in cols)} FROM articles a"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return pd.read_sql_query(sql + " ORDER BY a.date, a.article_id", self.conn, params=params)

    def events(
        self,
        since: str | None = None,
        until: str | None = None,
        pair: str | None = None,
        article_id: str | None = None,
    ) -> pd.DataFrame:
        """Events joined with their article's source facts, filtered like ``articles``."""
        where, params = _filters("e.date", since, until)
        if pair:
            where.append("e.dyad = ?")
            params.append(pair)
        if article_id:
            where.append("e.article_id = ?")
            params.append(article_id)
        sql = """SELECT e.article_id, e.date, e.event_date, e.sentence_index, e.sentence, e.signal,
                 e.probability, e.modality, e.actor, e.target, e.dyad, e.kind, e.weight,
                 e.story_id, a.duplicate_of, a.title, a.url, a.source, a.lang
                 FROM events e JOIN articles a ON a.article_id = e.article_id"""
        if where:
            sql += " WHERE " + " AND ".join(where)
        return pd.read_sql_query(
            sql + " ORDER BY e.date, e.article_id, e.sentence_index", self.conn, params=params
        )

    def article(self, article_id: str) -> dict[str, object] | None:
        """One article with its text, or None."""
        cur = self.conn.execute("SELECT * FROM articles WHERE article_id = ?", (article_id,))
        row = cur.fetchone()
        if row is None:
            return None
        out = dict(zip([d[0] for d in cur.description], row, strict=True))
        out.pop("minhash", None)
        return out

    def stats(self) -> dict[str, object]:
        """Counts and the last ingest time, for the overview page and the CLI."""
        articles, last = self.conn.execute(
            "SELECT COUNT(*), MAX(ingested_at) FROM articles"
        ).fetchone()
        events = self.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        undated = self.conn.execute("SELECT COUNT(*) FROM articles WHERE date IS NULL").fetchone()[
            0
        ]
        return {"articles": articles, "events": events, "undated": undated, "last_ingest": last}


def _filters(column: str, since: str | None, until: str | None) -> tuple[list[str], list[object]]:
    where: list[str] = []
    params: list[object] = []
    if since:
        where.append(f"{column} >= ?")
        params.append(since)
    if until:
        where.append(f"{column} <= ?")
        params.append(until)
    return where, params
