"""The store: versioned schema, idempotent ingest, near-duplicate stories, read while written."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from scoring import dedup
from scoring.ingest import ingest
from scoring.store import SCHEMA_VERSION, Store, StoreError

STORY = (
    "MOSCOW, March 3 (Reuters) - Russia expelled two Estonian diplomats on Monday in "
    "retaliation for Tallinn's decision last week, the foreign ministry said in a statement. "
    "The diplomats were given five days to leave the country, the ministry added, and the "
    "Estonian ambassador was handed a formal protest note at the ministry in Moscow."
)


def write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_schema_is_versioned_and_newer_stores_are_refused(tmp_path: Path) -> None:
    with Store(tmp_path / "s") as store:
        assert store.schema_version == SCHEMA_VERSION
    conn = sqlite3.connect(tmp_path / "s" / "tension.sqlite")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(tmp_path / "s")
    with pytest.raises(StoreError, match="no store"):
        Store(tmp_path / "absent", create=False)


def test_reingest_adds_nothing(tmp_path: Path, model) -> None:
    source = write(tmp_path / "a.jsonl", [{"id": "a", "date": "2024-03-03", "text": STORY}])
    with Store(tmp_path / "s") as store:
        first = ingest([source], store, model)
        second = ingest([source], store, model)
        assert (first.new, second.new, second.duplicates) == (1, 0, 1)
        assert store.stats()["articles"] == 1


def test_syndicated_copies_share_a_story_and_keep_their_rows(tmp_path: Path, model) -> None:
    copy = STORY.replace("MOSCOW, March 3 (Reuters) - ", "(Tallinn) ").replace(
        " in a statement", ""
    )
    other = "Chile and Argentina signed a fisheries agreement in Santiago on Tuesday."
    source = write(
        tmp_path / "a.jsonl",
        [
            {"id": "wire", "date": "2024-03-03", "source": "wire", "text": STORY},
            {"id": "paper", "date": "2024-03-04", "source": "paper", "text": copy},
            {"id": "other", "date": "2024-03-04", "source": "paper", "text": other},
        ],
    )
    assert dedup.similarity(dedup.signature(STORY), dedup.signature(copy)) >= dedup.THRESHOLD
    with Store(tmp_path / "s") as store:
        report = ingest([source], store, model)
        arts = store.articles().set_index("article_id")
        events = store.events()
    assert report.new == 3 and report.near_duplicates == 1
    assert arts.loc["paper", "duplicate_of"] == "wire"
    assert arts.loc["paper", "story_id"] == arts.loc["wire", "story_id"] == "wire"
    assert arts.loc["other", "story_id"] == "other"
    assert set(events["article_id"]) >= {"wire", "paper"}


def test_a_reader_sees_the_store_while_a_transaction_is_open(tmp_path: Path, model) -> None:
    source = write(tmp_path / "a.jsonl", [{"id": "a", "date": "2024-03-03", "text": STORY}])
    with Store(tmp_path / "s") as writer, Store(tmp_path / "s") as reader:
        ingest([source], writer, model)
        writer.conn.execute("BEGIN IMMEDIATE")
        writer.conn.execute("DELETE FROM events")
        assert reader.stats()["events"] > 0
        writer.conn.execute("ROLLBACK")


def test_identical_wire_text_from_two_outlets_is_two_copies_of_one_story(
    tmp_path: Path, model
) -> None:
    source = write(
        tmp_path / "a.jsonl",
        [
            {
                "date": "2024-03-03",
                "source": "wire",
                "url": "https://news.example/1",
                "text": STORY,
            },
            {
                "date": "2024-03-03",
                "source": "paper",
                "url": "https://news.example/2",
                "text": STORY,
            },
        ],
    )
    with Store(tmp_path / "s") as store:
        report = ingest([source], store, model)
        arts = store.articles()
    assert (report.new, report.duplicates, report.near_duplicates) == (2, 0, 1)
    assert arts["story_id"].nunique() == 1 and arts["duplicate_of"].notna().sum() == 1
