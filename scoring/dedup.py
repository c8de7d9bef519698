"""Near-duplicate detection: syndicated copies of one story count once.

MinHash signatures over word 4-gram shingles, banded for locality-sensitive hashing:
a candidate shares at least one band key, and is a duplicate when the estimated Jaccard
similarity of its shingles reaches ``THRESHOLD``. Band keys live in the store, so lookups
scale to millions of articles without holding an index in memory.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
THRESHOLD = 0.7
"""Estimated shingle Jaccard at or above which two articles are one story.

Light edits (a changed headline, a byline, a trimmed last paragraph) stay above 0.7;
two different stories on the same event in the same words rarely do.
"""
SHINGLE = 4
_WORD = re.compile(r"\w+", re.UNICODE)


def _hash32(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=4).digest(), "little")


def shingles(text: str) -> set[bytes]:
    """Word 4-grams of the lower-cased text (the words themselves for very short texts)."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return {w.encode() for w in words}
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> np.ndarray:
    """The MinHash signature of a text (NUM_PERM unsigned 32-bit values)."""
    mh = MinHash(num_perm=NUM_PERM, hashfunc=_hash32, seed=7)
    items = shingles(text)
    if items:
        mh.update_batch(list(items))
    return mh.hashvalues.astype(np.uint32)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 63-bit key per band (fits an SQLite INTEGER)."""
    keys = []
    for b in range(BANDS):
        chunk = sig[b * ROWS : (b + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=bytes([b]) * 8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return float(np.mean(a == b))
