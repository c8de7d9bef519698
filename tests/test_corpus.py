"""The labelled corpus keeps its promises: schema, sizes, balance, and clean splits."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from datasketch import MinHash, MinHashLSH

from scoring.corpus import LANGS, check_file, load_sentences, refresh_card
from scoring.taxonomy import SIGNAL_NAMES

TRAINING = Path(__file__).resolve().parent.parent / "data" / "training"
MAJOR = ("de", "en", "fr", "es")
FILES = sorted((TRAINING / "sentences").glob("*.jsonl"))
_WORD = re.compile(r"\w+")


@pytest.fixture(scope="module")
def corpus():
    return load_sentences(FILES)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_file_matches_the_schema(path: Path) -> None:
    assert check_file(path) == []


def test_sizes_per_language(corpus) -> None:
    per_lang = Counter(s.lang for s in corpus)
    assert len(corpus) >= 5000
    for lang in MAJOR:
        assert per_lang[lang] >= 1000, lang
    for lang in ("it", "ru"):
        assert per_lang[lang] >= 300, lang


def test_every_signal_is_well_represented(corpus) -> None:
    overall = Counter(sig for s in corpus for sig in s.signals)
    for sig in SIGNAL_NAMES:
        assert overall[sig] >= 250, sig
        for lang in MAJOR:
            n = sum(1 for s in corpus if s.lang == lang and sig in s.signals)
            assert n >= 40, (sig, lang, n)


def test_negatives_are_plentiful_and_mostly_hard(corpus) -> None:
    negatives = [s for s in corpus if not s.signals]
    assert len(negatives) >= 0.35 * len(corpus)
    assert sum(s.hard_negative for s in negatives) >= 0.5 * len(negatives)


def test_template_text_is_at_most_a_fifth(corpus) -> None:
    assert sum(s.origin == "template" for s in corpus) <= 0.2 * len(corpus)


def test_every_record_has_a_split_and_groups_never_straddle(corpus) -> None:
    splits: dict[str, set[str]] = {}
    for s in corpus:
        assert s.split in ("train", "dev", "test"), s.id
        splits.setdefault(s.group, set()).add(s.split)
    assert all(len(v) == 1 for v in splits.values())


def test_each_split_sees_every_signal_in_every_major_language(corpus) -> None:
    for split in ("dev", "test"):
        for lang in MAJOR:
            present = {
                sig for s in corpus if s.split == split and s.lang == lang for sig in s.signals
            }
            assert len(present) >= 10, (split, lang, set(SIGNAL_NAMES) - present)


def _tokens(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def test_no_near_duplicates_across_splits(corpus) -> None:
    lsh = MinHashLSH(threshold=0.8, num_perm=64)
    hashes = {}
    for s in corpus:
        mh = MinHash(num_perm=64, seed=3)
        mh.update_batch([t.encode() for t in _tokens(s.text)])
        hashes[s.id] = mh
        lsh.insert(s.id, mh)
    by_id = {s.id: s for s in corpus}
    offenders = []
    for s in corpus:
        for other in lsh.query(hashes[s.id]):
            o = by_id[other]
            if other <= s.id or o.split == s.split:
                continue
            a, b = _tokens(s.text), _tokens(o.text)
            if len(a & b) / max(len(a | b), 1) >= 0.9:
                offenders.append((s.id, other))
    assert offenders == []


def test_whole_articles_cover_six_languages() -> None:
    records = [
        json.loads(line)
        for path in sorted((TRAINING / "articles").glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert len(records) >= 60
    assert {r["lang"] for r in records} == set(LANGS)
    assert all(len(r["sentences"]) >= 3 and r["date"] for r in records)


def test_data_card_counts_match_the_files(corpus) -> None:
    card = TRAINING / "DATA_CARD.md"
    assert refresh_card(card, corpus) == card.read_text(encoding="utf-8"), (
        "run `python -m scoring.corpus --card`"
    )
