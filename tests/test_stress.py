"""Slow reliability checks (`make stress`, also run by CI): kill -9 during ingest, and reading
while writing. Figures are printed for docs/reliability.md."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scoring import views
from scoring.store import Store

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow
ARTICLES = 10_000


def corpus(path: Path, n: int = ARTICLES) -> Path:
    """n short team-written articles built from corpus sentences (deterministic)."""
    from scoring.train import load_corpus

    rng = random.Random(5)
    texts = [s.text for s in load_corpus()]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            body = " ".join(rng.sample(texts, 3))
            fh.write(
                json.dumps(
                    {
                        "id": f"s{i:05d}",
                        "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                        "source": f"outlet-{i % 7}",
                        "text": body,
                    }
                )
                + "\n"
            )
    return path


def ingest_cmd(source: Path, store: Path) -> list[str]:
    return [sys.executable, "-m", "scoring", "ingest", str(source), "--store", str(store)]


def counts(store: Path) -> tuple[int, int]:
    with Store(store) as s:
        st = s.stats()
        return int(st["articles"]), int(st["events"])


def consistent(store: Path) -> None:
    """Every event has its article, every visible batch is complete and counted right."""
    conn = sqlite3.connect(store / "tension.sqlite")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    orphans = conn.execute(
        "SELECT COUNT(*) FROM events WHERE article_id NOT IN (SELECT article_id FROM articles)"
    ).fetchone()[0]
    assert orphans == 0
    bad = conn.execute(
        """SELECT COUNT(*) FROM batches b WHERE b.finished_at IS NULL
           OR b.articles != (SELECT COUNT(*) FROM articles a WHERE a.batch_id = b.batch_id)"""
    ).fetchone()[0]
    assert bad == 0
    dup = conn.execute("SELECT COUNT(*) - COUNT(DISTINCT content_hash) FROM articles").fetchone()[0]
    assert dup == 0
    conn.close()


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    return corpus(tmp_path_factory.mktemp("stress") / "articles.jsonl")


@pytest.fixture(scope="module")
def reference(source: Path, tmp_path_factory) -> tuple[int, int]:
    store = tmp_path_factory.mktemp("ref") / "store"
    subprocess.run(ingest_cmd(source, store), cwd=ROOT, check=True, capture_output=True)
    return counts(store)


def test_kill_nine_at_random_points_then_rerun(source: Path, reference, tmp_path: Path) -> None:
    store = tmp_path / "store"
    rng = random.Random(11)
    trials = 12
    for trial in range(trials):
        proc = subprocess.Popen(
            ingest_cmd(source, store),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(4.0, 25.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        stored = 0
        if (store / "tension.sqlite").exists():
            consistent(store)
            stored = counts(store)[0]
        print(f"trial {trial}: killed with {stored} articles stored")
    done = subprocess.run(ingest_cmd(source, store), cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    consistent(store)
    assert counts(store) == reference
    print(f"{trials} kill -9 trials; final {counts(store)} == reference {reference}")


def test_readers_never_fail_or_see_half_a_batch(source: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    Store(store).close()
    writer = subprocess.Popen(
        ingest_cmd(source, store),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ},
    )
    errors, reads = [], 0
    try:
        while writer.poll() is None:
            try:
                with Store(store) as s:
                    views.overview(s)
                    pairs = views.known_pairs(s)
                    if pairs:
                        views.pair_view(s, pairs[0])
                    snapshot = s.conn.execute(
                        """SELECT COUNT(*) FROM batches b WHERE b.articles !=
                           (SELECT COUNT(*) FROM articles a WHERE a.batch_id = b.batch_id)"""
                    ).fetchone()[0]
                    assert snapshot == 0, "a half-written batch was visible"
                reads += 1
            except Exception as exc:  # every failure is a finding
                errors.append(repr(exc))
    finally:
        writer.wait(timeout=600)
    print(f"{reads} dashboard query rounds during the ingest, {len(errors)} errors")
    assert reads > 5 and errors == []
