"""Scoring: a pure function from a batch of articles to scored articles and events.

Sentences of the whole batch are classified in one call (vectorised features are the
costly step), then each detected signal is attributed to country pairs, given a modality
and a weight. Nothing here touches a store, so a batch can be scored in a worker process
today and on a distributed engine later.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from scoring.article import Article
from scoring.countries import CountryResolver, Mention, default_resolver
from scoring.dates import event_date
from scoring.dyads import ALIGNMENT_SIGNALS, ArticleContext, Pair, alignment_pairs, attribute_batch
from scoring.index import event_weight
from scoring.model import TensionModel
from scoring.sentences import article_sentences
from scoring.taxonomy import BY_NAME, SIGNAL_NAMES


@dataclass(frozen=True, slots=True)
class Event:
    """One (article, sentence, signal, pair) finding: the unit every score is built from."""

    article_id: str
    date: date | None
    sentence_index: int
    sentence: str
    signal: str
    probability: float
    modality: str
    actor: str
    target: str
    kind: str
    weight: float
    event_date: date | None

    @property
    def dyad(self) -> str:
        """Both codes sorted and joined by '-', e.g. KOR-RUS."""
        return "-".join(sorted((self.actor, self.target)))


@dataclass
class ScoredArticle:
    """An article with its per-signal probabilities, countries and events."""

    article: Article
    probabilities: dict[str, float]
    signals: list[str]
    countries: list[str]
    events: list[Event] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)


@dataclass
class _Doc:
    article: Article
    sentences: list[str]
    mentions: list[list[Mention]]
    context: ArticleContext


def _prepare(article: Article, resolver: CountryResolver) -> _Doc:
    lang = article.lang if article.lang in ("de", "en", "fr", "es", "it", "ru") else None
    sentences = article_sentences(article.title, article.text)
    mentions = [resolver.find(s, lang) for s in sentences]
    dateline_codes = resolver.codes(article.dateline, lang) if article.dateline else []
    title_codes = resolver.codes(article.title, lang) if article.title else []
    salience: Counter[str] = Counter(m.code for ms in mentions for m in ms)
    context = ArticleContext(dateline_codes[0] if dateline_codes else None, title_codes, salience)
    return _Doc(article, sentences, mentions, context)


def score_articles(
    articles: Sequence[Article], model: TensionModel, resolver: CountryResolver | None = None
) -> list[ScoredArticle]:
    """Score a batch: sentence signals, modality, pairs and weights for every article."""
    resolver = resolver or default_resolver()
    docs = [_prepare(a, resolver) for a in articles]
    flat = [s for d in docs for s in d.sentences]
    owner = [(k, i) for k, d in enumerate(docs) for i in range(len(d.sentences))]
    proba = model.signals.predict_proba(flat) if flat else np.zeros((0, len(SIGNAL_NAMES)))
    rows, cols = np.nonzero(proba >= model.signals.thresholds_)
    signals = [SIGNAL_NAMES[c] for c in cols]
    modalities = model.modality.predict([flat[r] for r in rows], signals)
    jobs = []
    for r, signal in zip(rows, signals, strict=True):
        k, i = owner[r]
        jobs.append((flat[r], docs[k].mentions[i], signal, docs[k].context))
    pairs = attribute_batch(model.roles, jobs)
    hits: list[list[tuple[int, str, float, str, Pair]]] = [[] for _ in docs]
    for r, c, signal, modality, found in zip(rows, cols, signals, modalities, pairs, strict=True):
        k, i = owner[r]
        hits[k] += [(i, signal, float(proba[r, c]), str(modality), pair) for pair in found]
    out: list[ScoredArticle] = []
    offset = 0
    for doc, direct in zip(docs, hits, strict=True):
        n = len(doc.sentences)
        out.append(_score_doc(doc, proba[offset : offset + n], direct, model))
        offset += n
    return out


def _score_doc(
    doc: _Doc,
    proba: np.ndarray,
    direct: list[tuple[int, str, float, str, Pair]],
    model: TensionModel,
) -> ScoredArticle:
    """One article's signals, countries and events, with alignment added."""
    article = doc.article
    thresholds = model.signals.thresholds_
    article_proba = proba.max(axis=0) if len(proba) else np.zeros(len(SIGNAL_NAMES))
    opposed_to: dict[str, set[str]] = {}
    for _, signal, _, _, pair in direct:
        if BY_NAME[signal].sign > 0 and signal not in ALIGNMENT_SIGNALS:
            opposed_to.setdefault(pair.actor, set()).add(pair.target)
            opposed_to.setdefault(pair.target, set()).add(pair.actor)
    events: list[Event] = []
    for i, signal, p, modality, pair in direct:
        opposed = opposed_to.get(pair.actor, set()) | opposed_to.get(pair.target, set())
        for found in (pair, *alignment_pairs(signal, [pair], opposed)):
            events.append(_event(article, doc.sentences[i], i, signal, p, modality, found))
    signals = [s for j, s in enumerate(SIGNAL_NAMES) if article_proba[j] >= thresholds[j]]
    return ScoredArticle(
        article=article,
        probabilities={s: float(article_proba[j]) for j, s in enumerate(SIGNAL_NAMES)},
        signals=signals,
        countries=[c for c, _ in doc.context.salience.most_common()],
        events=list(dict.fromkeys(events)),
        sentences=doc.sentences,
    )


def _event(
    article: Article, sentence: str, index: int, signal: str, p: float, modality: str, pair: Pair
) -> Event:
    return Event(
        article_id=article.article_id,
        date=article.date,
        sentence_index=index,
        sentence=sentence,
        signal=signal,
        probability=round(p, 4),
        modality=modality,
        actor=pair.actor,
        target=pair.target,
        kind=pair.kind,
        weight=round(event_weight(signal, p, modality, pair.kind), 4),
        event_date=event_date(sentence, article.date) if article.date else None,
    )
