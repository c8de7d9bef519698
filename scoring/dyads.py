"""Country-pair attribution: which states a detected signal concerns, and who did what to whom.

For every state a sentence mentions, a learned role model (logistic regression over the
words around the mention, its kind and position, and the signal) says whether it is the
actor, the target or a bystander. Passive voice ("the Russian ambassador was summoned by
Seoul"), adjectives ("den russischen Botschafter") and metonyms ("the Kremlin warned") are
all learned from the labelled corpus rather than hand-coded per language. When a sentence
names only one side, the article supplies the other: its dateline, title and the states it
talks about most.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from scoring.countries import Mention

ROLES = ("actor", "target", "none")
ALIGNMENT_SIGNALS = frozenset({"defence_pact", "arms_policy"})
"""A pact or arms deal between A and C, aimed at B, also raises A–B and C–B tension."""
_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Pair:
    """One attributed pair for one signal: actor → target, and how it was found."""

    actor: str
    target: str
    kind: str = "direct"


def _window(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    left = _TOKEN.findall(text[max(0, start - 60) : start])[-2:]
    right = _TOKEN.findall(text[end : end + 60])[:2]
    return [t.lower()[:6] for t in left], [t.lower()[:6] for t in right]


def _trigger_distances(
    text: str, mentions: dict[str, list[Mention]], triggers: frozenset[str]
) -> dict[str, tuple[int, str]]:
    """Per code: token distance from its nearest mention to the nearest trigger, and the side."""
    tokens = [(m.start(), m.group().lower()) for m in _TOKEN.finditer(text)]
    hits = [i for i, (_, tok) in enumerate(tokens) if tok in triggers]
    starts = [start for start, _ in tokens]
    out: dict[str, tuple[int, str]] = {}
    if not hits:
        return out
    for code, ms in mentions.items():
        best = (10_000, "none")
        for m in ms:
            at = bisect_right(starts, m.start) - 1
            for h in hits:
                d = abs(h - at)
                if d < best[0]:
                    best = (d, "right" if h > at else "left")
        out[code] = best
    return out


def _bucket(d: int) -> str:
    return "0-1" if d <= 1 else "2-3" if d <= 3 else "4-7" if d <= 7 else "8+"


def mention_features(
    text: str,
    mentions: Sequence[Mention],
    signal: str,
    triggers: frozenset[str] = frozenset(),
) -> tuple[list[str], list[dict[str, float]]]:
    """One feature dict per distinct code mentioned in a sentence, for one signal.

    ``triggers`` are the words the signal's classifier head weighs most; how close a state
    stands to them tells which clause of a long sentence the signal belongs to.
    """
    order: list[str] = []
    by_code: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.code not in by_code:
            order.append(m.code)
        by_code.setdefault(m.code, []).append(m)
    distances = _trigger_distances(text, by_code, triggers)
    nearest = min(distances.values())[0] if distances else None
    rows = []
    n = len(order)
    for rank, code in enumerate(order):
        first = by_code[code][0]
        left, right = _window(text, first.start, first.end)
        f: dict[str, float] = {
            f"sig={signal}": 1.0,
            f"rank={min(rank, 3)}": 1.0,
            f"sig={signal}|rank={min(rank, 3)}": 1.0,
            f"last={rank == n - 1}": 1.0,
            f"n={min(n, 4)}": 1.0,
            f"pos={int(4 * first.start / max(len(text), 1))}": 1.0,
            f"count={min(len(by_code[code]), 3)}": 1.0,
        }
        if code in distances:
            d, side = distances[code]
            f[f"trig={_bucket(d)}"] = 1.0
            f[f"trig_side={side}"] = 1.0
            f[f"sig={signal}|trig={_bucket(d)}|{side}"] = 1.0
            f[f"nearest={d == nearest}"] = 1.0
        else:
            f["trig=none"] = 1.0
        for m in by_code[code][:3]:
            f[f"kind={m.kind}"] = 1.0
            f[f"sig={signal}|kind={m.kind}"] = 1.0
        for i, tok in enumerate(reversed(left), 1):
            f[f"L{i}={tok}"] = 1.0
            f[f"sig={signal}|L{i}={tok}"] = 1.0
        for i, tok in enumerate(right, 1):
            f[f"R{i}={tok}"] = 1.0
            f[f"sig={signal}|R{i}={tok}"] = 1.0
        rows.append(f)
    return order, rows


class CompactDictVectorizer(DictVectorizer):
    """DictVectorizer that persists its feature names as one array (small skops files)."""

    def __getstate__(self) -> dict:
        state = dict(super().__getstate__())
        state.pop("vocabulary_", None)
        names = state.pop("feature_names_", None)
        if names is not None:
            state["feature_names_array_"] = np.asarray(names, dtype=str)
        return state

    def __setstate__(self, state: dict) -> None:
        names = state.pop("feature_names_array_", None)
        if names is not None:
            state["feature_names_"] = names.tolist()
            state["vocabulary_"] = {name: i for i, name in enumerate(state["feature_names_"])}
        super().__setstate__(state)


class RoleClassifier(ClassifierMixin, BaseEstimator):
    """Per mentioned state: actor, target or none, for a given signal.

    ``triggers`` maps each signal to its trigger words (see ``trigger_words``).
    """

    def __init__(self, C: float = 1.0, triggers: dict[str, list[str]] | None = None) -> None:
        self.C = C
        self.triggers = triggers

    def trigger_set(self, signal: str) -> frozenset[str]:
        """The trigger words of one signal (empty when none were given)."""
        return frozenset((self.triggers or {}).get(signal, ()))

    def fit(self, X: Sequence[dict[str, float]], y: Sequence[str]) -> RoleClassifier:
        """Fit on mention feature dicts and their role labels."""
        self.vectorizer_ = CompactDictVectorizer().fit(X)
        self.head_ = LogisticRegression(C=self.C, max_iter=3000).fit(
            self.vectorizer_.transform(X), list(y)
        )
        self.classes_ = self.head_.classes_
        return self

    def predict_proba(self, X: Sequence[dict[str, float]]) -> np.ndarray:
        """Role probabilities, columns in ``classes_`` order."""
        return self.head_.predict_proba(self.vectorizer_.transform(X))


def trigger_words(
    vectorizer: object, coef: np.ndarray, signals: Sequence[str], k: int = 80
) -> dict[str, list[str]]:
    """Each signal's k words (letters only, 4+) with the largest positive weight in its head.

    ``vectorizer`` is the word TF-IDF whose columns come first in ``coef`` (n_features × n_signals).
    """
    terms = vectorizer.get_feature_names_out()
    out: dict[str, list[str]] = {}
    for j, signal in enumerate(signals):
        weights = (
            np.asarray(coef[: len(terms), j].todense()).ravel()
            if hasattr(coef, "todense")
            else np.asarray(coef[: len(terms), j]).ravel()
        )
        order = np.argsort(-weights)
        words = [
            str(terms[i])
            for i in order
            if weights[i] > 0 and str(terms[i]).isalpha() and len(terms[i]) >= 4
        ]
        out[signal] = words[:k]
    return out


def gold_roles(codes: Sequence[str], pairs: Sequence[Sequence[str | None]]) -> list[str]:
    """Training labels: a code is actor if it acts in any pair, else target, else none."""
    actors = {a for a, _ in pairs if a}
    targets = {t for _, t in pairs if t}
    return ["actor" if c in actors else "target" if c in targets else "none" for c in codes]


@dataclass
class ArticleContext:
    """What the article says around a sentence: its dateline state and its main states."""

    dateline: str | None
    title_codes: list[str]
    salience: Counter[str]

    def ranked(self, exclude: set[str]) -> list[str]:
        """Context states, most likely first: dateline, then title, then most mentioned."""
        out: list[str] = []
        for code in [
            self.dateline,
            *self.title_codes,
            *(c for c, _ in self.salience.most_common()),
        ]:
            if code and code not in exclude and code not in out:
                out.append(code)
        return out


Job = tuple[str, Sequence[Mention], str, ArticleContext]
"""One detected signal to attribute: sentence, its mentions, the signal, the article context."""


def attribute_batch(
    roles: RoleClassifier, jobs: Sequence[Job], threshold: float = 0.35, keep: float = 0.5
) -> list[list[Pair]]:
    """The pairs each detected signal concerns, direct only (alignment is added per article).

    All mentions of the whole batch go through the role model in one call. Each ordered pair
    of mentioned states scores p(actor) × p(target); the best pair is kept, and others only
    when they score at least ``keep`` × the best (a trilateral drill has three actors; a
    summons sentence that also names a pact partner does not). When a sentence names only
    one side, the article's context supplies the other.
    """
    triggers: dict[str, frozenset[str]] = {}
    prepared = []
    for text, mentions, signal, _ in jobs:
        if signal not in triggers:
            triggers[signal] = roles.trigger_set(signal)
        prepared.append(mention_features(text, mentions, signal, triggers[signal]))
    rows = [row for _, block in prepared for row in block]
    proba = roles.predict_proba(rows) if rows else np.zeros((0, len(roles.classes_)))
    classes = list(roles.classes_)
    actor_col, target_col = classes.index("actor"), classes.index("target")
    out: list[list[Pair]] = []
    offset = 0
    for (codes, block), job in zip(prepared, jobs, strict=True):
        part = proba[offset : offset + len(block)]
        offset += len(block)
        p_actor = dict(zip(codes, part[:, actor_col].tolist(), strict=True))
        p_target = dict(zip(codes, part[:, target_col].tolist(), strict=True))
        out.append(_decode(codes, p_actor, p_target, job[3], threshold, keep))
    return out


def _decode(
    codes: list[str],
    p_actor: dict[str, float],
    p_target: dict[str, float],
    context: ArticleContext,
    threshold: float,
    keep: float,
) -> list[Pair]:
    scored = [
        (p_actor[a] * p_target[t], a, t)
        for a in codes
        for t in codes
        if a != t and p_actor[a] >= threshold and p_target[t] >= threshold
    ]
    if scored:
        best = max(scored)[0]
        return [Pair(a, t) for score, a, t in sorted(scored, reverse=True) if score >= keep * best]
    if codes:
        lead = max(codes, key=lambda c: max(p_actor[c], p_target[c]))
        fill = context.ranked({lead})
        if not fill:
            return []
        if p_actor[lead] >= p_target[lead]:
            return [Pair(lead, fill[0])]
        return [Pair(fill[0], lead)]
    fill = context.ranked(set())
    return [Pair(fill[0], fill[1])] if len(fill) >= 2 else []


def alignment_pairs(signal: str, pairs: Sequence[Pair], opposed: set[str]) -> list[Pair]:
    """Third-party contributions of a pact or arms deal: A–B and C–B for each opposed B."""
    if signal not in ALIGNMENT_SIGNALS:
        return []
    out: list[Pair] = []
    for pair in pairs:
        for third in sorted(opposed - {pair.actor, pair.target}):
            for member in (pair.actor, pair.target):
                out.append(Pair(member, third, "alignment"))
    return out
