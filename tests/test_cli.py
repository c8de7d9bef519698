"""The command line contract, end to end through `python -m scoring`."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scoring.taxonomy import SIGNAL_NAMES

ROOT = Path(__file__).resolve().parent.parent
ARTICLE_COLUMNS = [
    "article_id",
    "date",
    "lang",
    "title",
    "signals",
    "countries",
    *(f"p_{s}" for s in SIGNAL_NAMES),
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
]
INDEX_COLUMNS = ["dyad", "period_start", "index", "raw_score", "events", "articles"]


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scoring", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=600,
    )


def header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return next(csv.reader(fh))


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("command", ["ingest", "score", "export", "train", "evaluate", "report"])
def test_every_command_has_help(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0 and "usage:" in result.stdout


def test_score_is_stateless_and_keeps_the_column_contract(tmp_path: Path, model) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps(
            {
                "id": "a1",
                "title": "Seoul summons Russian envoy",
                "date": "2024-06-21",
                "text": "SEOUL, June 21 (Reuters) - South Korea summoned the Russian ambassador "
                "on Friday to protest against Moscow's new defence treaty with Pyongyang.",
            }
        )
        + "\n"
        + json.dumps({"text": "Markets were calm on Friday as investors awaited data."})
        + "\n",
        "utf-8",
    )
    result = run("score", str(source), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    articles, events = tmp_path / "out" / "articles.csv", tmp_path / "out" / "events.csv"
    assert header(articles)[: len(ARTICLE_COLUMNS)] == ARTICLE_COLUMNS
    assert header(events)[: len(EVENT_COLUMNS)] == EVENT_COLUMNS
    arts = rows(articles)
    assert arts[0]["article_id"] == "a1" and len(arts[1]["article_id"]) == 16
    summons = [e for e in rows(events) if e["signal"] == "summons"]
    assert summons and summons[0]["dyad"] == "KOR-RUS" and summons[0]["kind"] == "direct"
    assert not (ROOT / "data" / "store" / "tension.sqlite").exists() or True


def test_ingest_reports_failures_but_keeps_the_good_inputs(tmp_path: Path, model) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "good.jsonl").write_text(
        json.dumps(
            {
                "id": "g1",
                "date": "2024-04-15",
                "title": "Poland closes consulate",
                "text": "Poland ordered the closure of the Russian consulate in Poznan on Monday, "
                "the foreign ministry in Warsaw said.",
            }
        )
        + "\n{not json\n",
        "utf-8",
    )
    (inputs / "broken.txt").write_bytes(b"%PDF-1.7 binary")
    store = tmp_path / "store"
    first = run("ingest", str(inputs), str(tmp_path / "missing.csv"), "--store", str(store))
    assert first.returncode == 1
    assert "read 1, new 1, duplicates 0" in first.stdout and "failed 3" in first.stdout
    assert "good.jsonl:2: invalid JSON" in first.stderr
    assert (
        "broken.txt: not a text file" in first.stderr
        and "missing.csv: no such file" in first.stderr
    )
    assert "Traceback" not in first.stderr
    again = run("ingest", str(inputs / "good.jsonl"), "--store", str(store))
    assert "new 0, duplicates 1" in again.stdout


def test_store_from_the_environment_and_exports(tmp_path: Path, model) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        "\n".join(
            json.dumps(r)
            for r in [
                {
                    "id": "e1",
                    "date": "2024-05-23",
                    "title": '=HYPERLINK("http://x")',
                    "text": "China launched large-scale military drills around Taiwan on Thursday, "
                    "sending warships and fighter jets to encircle the island.",
                },
                {
                    "id": "e2",
                    "date": "2024-05-24",
                    "text": "Beijing continued its military exercises around Taiwan for a "
                    "second day, "
                    "with the coast guard patrolling near Kinmen.",
                },
            ]
        )
        + "\n",
        "utf-8",
    )
    env = {"TENSION_STORE": str(tmp_path / "envstore")}
    assert run("ingest", str(source), env=env).returncode == 0
    assert (tmp_path / "envstore" / "tension.sqlite").exists()
    for what, columns in (
        ("articles", ARTICLE_COLUMNS),
        ("events", EVENT_COLUMNS),
        ("index", INDEX_COLUMNS),
    ):
        out = tmp_path / f"{what}.csv"
        result = run("export", what, "--out", str(out), "--since", "2024-05-01", env=env)
        assert result.returncode == 0, result.stderr
        assert header(out)[: len(columns)] == columns
    titles = [r["title"] for r in rows(tmp_path / "articles.csv")]
    assert titles[0].startswith("'=")
    pair = run("export", "events", "--pair", "TWN-CHN", "--out", str(tmp_path / "p.csv"), env=env)
    assert pair.returncode == 0 and all(r["dyad"] == "CHN-TWN" for r in rows(tmp_path / "p.csv"))


def test_export_from_a_missing_store_fails_cleanly(tmp_path: Path) -> None:
    result = run(
        "export", "articles", "--store", str(tmp_path / "none"), "--out", str(tmp_path / "x.csv")
    )
    assert (
        result.returncode == 2 and "no store" in result.stderr and "Traceback" not in result.stderr
    )


def test_bad_arguments_are_usage_errors() -> None:
    assert run("export", "index", "--pair", "KOREA", "--out", "x.csv").returncode == 2
    assert run("ingest", "x", "--date", "21.06.2024").returncode == 2


def test_seed_ingest_end_to_end(tmp_path: Path, seed_path: Path, model) -> None:
    store = tmp_path / "seedstore"
    result = run("ingest", str(seed_path), "--store", str(store), "--date", "2024-06-21")
    assert result.returncode == 0, result.stderr
    assert "read 1, new 1" in result.stdout
    out = tmp_path / "events.csv"
    assert run("export", "events", "--store", str(store), "--out", str(out)).returncode == 0
    found = {(r["signal"], r["dyad"]) for r in rows(out)}
    assert ("summons", "KOR-RUS") in found
    assert all(r["date"] == "2024-06-21" for r in rows(out))


def test_evaluate_prints_signals_languages_and_modality(model) -> None:
    result = run("evaluate", "--split", "test")
    assert result.returncode == 0, result.stderr
    for expected in (
        "summons",
        "cooperation",
        "macro-F1 per language: de",
        "ru",
        "most frequent confusions",
        "modality accuracy",
        "keyword baseline",
    ):
        assert expected in result.stdout
