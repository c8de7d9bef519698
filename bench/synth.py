"""A deterministic synthetic corpus for scale tests, built from the team's own sentences.

Articles are 8-16 sentences of one language drawn from the labelled corpus (so they read like
wire copy and name countries): each sentence is a signal sentence with probability
``SIGNAL_SHARE`` and a no-signal sentence otherwise, as in real news where most sentences are
background. Each has a title, a date in a two-year window and a source. The same seed always
gives the same corpus.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from scoring.corpus import load_sentences
from scoring.settings import TRAINING

SOURCES = ["wire-a", "wire-b", "daily-c", "portal-d", "agency-e", "gazette-f"]
SIGNAL_SHARE = 0.15


def generate(n: int, seed: int = 7) -> Iterator[dict[str, str]]:
    """Yield n article records (id, lang, date, source, title, text)."""
    rng = random.Random(seed)
    pools: dict[tuple[str, bool], list[str]] = {}
    for s in load_sentences(sorted((TRAINING / "sentences").glob("*.jsonl"))):
        pools.setdefault((s.lang, bool(s.signals)), []).append(s.text)
    langs = sorted({lang for lang, _ in pools})
    start = date(2024, 1, 1)
    for i in range(n):
        lang = rng.choice(langs)
        body = [
            rng.choice(pools[(lang, rng.random() < SIGNAL_SHARE)])
            for _ in range(rng.randint(8, 16))
        ]
        pool = pools[(lang, True)]
        yield {
            "id": f"syn-{seed}-{i:07d}",
            "lang": lang,
            "date": (start + timedelta(days=rng.randrange(730))).isoformat(),
            "source": rng.choice(SOURCES),
            "title": rng.choice(pool)[:90],
            "text": "\n\n".join(" ".join(body[j : j + 2]) for j in range(0, len(body), 2)),
        }


def write(path: Path, n: int, seed: int = 7) -> Path:
    """Write n synthetic articles as JSONL."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for record in generate(n, seed):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
