"""Analyst feedback: verdicts are kept with who and when, and become training records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scoring import feedback
from scoring.corpus import check_record, load_sentences
from scoring.ingest import ingest
from scoring.store import Store


@pytest.fixture()
def store(tmp_path: Path, model):
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps(
            {
                "id": "f1",
                "date": "2024-06-21",
                "lang": "en",
                "text": "Seoul summoned the Russian ambassador on Friday. "
                "Moscow warned Seoul against arming Ukraine.",
            }
        )
        + "\n",
        "utf-8",
    )
    with Store(tmp_path / "store") as s:
        ingest([source], s, model)
        yield s


def first_event(store: Store) -> int:
    return int(store.conn.execute("SELECT MIN(event_id) FROM events").fetchone()[0])


def test_verdicts_need_a_reviewer_and_valid_labels(store: Store) -> None:
    event = first_event(store)
    with pytest.raises(ValueError, match="reviewer"):
        feedback.record(store, event, "confirm", reviewer=" ")
    with pytest.raises(ValueError, match="unknown signal"):
        feedback.record(store, event, "relabel", "ana", signal="war", actor="KOR", target="RUS")
    with pytest.raises(ValueError, match="ISO alpha-3"):
        feedback.record(
            store, event, "relabel", "ana", signal="threat", actor="Korea", target="RUS"
        )


def test_audit_trail_keeps_history_and_latest_verdict_trains(store: Store, tmp_path: Path) -> None:
    event = first_event(store)
    feedback.record(store, event, "confirm", "ana")
    feedback.record(
        store,
        event,
        "relabel",
        "ben",
        signal="threat",
        actor="RUS",
        target="KOR",
        modality="implemented",
        note="it is the warning",
    )
    trail = feedback.audit_trail(store)
    assert list(trail["reviewer"]) == ["ben", "ana"]
    assert list(trail["verdict"]) == ["relabel", "confirm"]
    assert event not in set(feedback.review_queue(store, limit=100)["event_id"])
    path = tmp_path / "feedback.jsonl"
    assert feedback.export_training(store, path) == 1
    record = json.loads(path.read_text(encoding="utf-8"))
    assert check_record(record) == []
    assert record["signals"] == ["threat"] and record["dyads"] == {"threat": [["RUS", "KOR"]]}
    assert load_sentences([path])[0].split == "train"


def test_rejections_become_negative_examples(store: Store) -> None:
    feedback.record(store, first_event(store), "reject", "ana")
    (record,) = feedback.training_records(store)
    assert record["signals"] == [] and check_record(record) == []
