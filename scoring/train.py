"""Training: from the labelled corpus (and analyst feedback) to a versioned model bundle.

Thresholds are tuned on dev; the shipped model is then refitted on train + dev with the same
settings. The test split is read once, by the model card, after everything is fixed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from scoring.classifier import ModalityClassifier, SignalClassifier, labels_matrix
from scoring.corpus import Sentence, load_sentences
from scoring.countries import CountryResolver, default_resolver
from scoring.dyads import RoleClassifier, gold_roles, mention_features, trigger_words
from scoring.model import TensionModel
from scoring.settings import TRAINING


@dataclass(frozen=True)
class TrainParams:
    """The chosen design (see the model card's comparison for why)."""

    features: str = "union"
    head: str = "logreg"
    C: float = 8.0
    class_weight: str | None = "balanced"
    n_jobs: int = -1
    """Signal heads are fitted in parallel on all cores."""
    modality_C: float = 4.0
    roles_C: float = 1.0


def sentence_files(training_dir: Path = TRAINING) -> list[Path]:
    """The corpus's sentence files, in a stable order."""
    return sorted((training_dir / "sentences").glob("*.jsonl"))


def load_corpus(training_dir: Path = TRAINING, extra: Sequence[Path] = ()) -> list[Sentence]:
    """All labelled sentences, plus analyst feedback files when given."""
    return load_sentences([*sentence_files(training_dir), *extra])


def by_split(sentences: Sequence[Sentence], *splits: str) -> list[Sentence]:
    """The sentences of the given splits (feedback without a split counts as train)."""
    return [s for s in sentences if (s.split or "train") in splits]


def fit_signals(train: Sequence[Sentence], params: TrainParams) -> SignalClassifier:
    """Fit the signal heads on labelled sentences."""
    model = SignalClassifier(
        features=params.features,
        head=params.head,
        C=params.C,
        class_weight=params.class_weight,
        n_jobs=params.n_jobs,
    )
    return model.fit([s.text for s in train], labels_matrix([s.signals for s in train]))


def signal_modalities(
    sentences: Sequence[Sentence],
) -> tuple[list[str], list[str], list[str]]:
    """Every labelled (sentence, signal) pair with its modality: texts, signals, modalities."""
    pairs = [(s.text, sig, s.modality[sig]) for s in sentences for sig in s.signals]
    texts, signals, modalities = (
        (list(column) for column in zip(*pairs, strict=True)) if pairs else ([], [], [])
    )
    return texts, signals, modalities


def fit_modality(train: Sequence[Sentence], params: TrainParams) -> ModalityClassifier:
    """Fit the modality head on every (sentence, signal) pair of the training data."""
    texts, signals, labels = signal_modalities(train)
    return ModalityClassifier(C=params.modality_C).fit(texts, labels, signals)


def role_examples(
    sentences: Sequence[Sentence],
    resolver: CountryResolver,
    triggers: dict[str, list[str]] | None = None,
) -> tuple[list[dict[str, float]], list[str]]:
    """Mention features and gold roles for every signal of every sentence."""
    X: list[dict[str, float]] = []
    y: list[str] = []
    sets = {k: frozenset(v) for k, v in (triggers or {}).items()}
    for s in sentences:
        if not s.signals:
            continue
        mentions = resolver.find(s.text, s.lang)
        for sig in s.signals:
            codes, rows = mention_features(s.text, mentions, sig, sets.get(sig, frozenset()))
            X += rows
            y += gold_roles(codes, s.dyads[sig])
    return X, y


def fit_roles(
    train: Sequence[Sentence],
    params: TrainParams,
    resolver: CountryResolver,
    signals: SignalClassifier,
) -> RoleClassifier:
    """Fit the actor/target/none role model, with the signal heads' trigger words."""
    vectorizer = signals.vectorizer_
    if params.features == "union":
        vectorizer = dict(vectorizer.transformer_list)["word"]
    triggers = (
        trigger_words(vectorizer, signals.coef_, list(signals.classes_))
        if params.features != "char" and params.head == "logreg"
        else None
    )
    X, y = role_examples(train, resolver, triggers)
    return RoleClassifier(C=params.roles_C, triggers=triggers).fit(X, y)


def corpus_hash(paths: Sequence[Path]) -> str:
    """A short hash of the training files, to tie a model to its data."""
    digest = hashlib.sha1()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def train(
    training_dir: Path = TRAINING,
    feedback: Sequence[Path] = (),
    params: TrainParams | None = None,
    resolver: CountryResolver | None = None,
) -> tuple[TensionModel, dict[str, object]]:
    """Train the bundle. Returns the model and what the card needs (dev thresholds, counts)."""
    params = params or TrainParams()
    resolver = resolver or default_resolver()
    corpus = load_corpus(training_dir, feedback)
    train_part, dev = by_split(corpus, "train"), by_split(corpus, "dev")
    tuned = fit_signals(train_part, params)
    tuned.tune_thresholds([s.text for s in dev], labels_matrix([s.signals for s in dev]))
    final_data = by_split(corpus, "train", "dev")
    signals = fit_signals(final_data, params)
    signals.thresholds_ = tuned.thresholds_
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    files = [*sentence_files(training_dir), *feedback]
    meta: dict[str, object] = {
        "version": f"{stamp}-{corpus_hash(files)}",
        "trained_at": stamp,
        "params": params.__dict__,
        "train_sentences": len(final_data),
        "thresholds": {
            n: float(t) for n, t in zip(signals.classes_, signals.thresholds_, strict=True)
        },
    }
    model = TensionModel(
        signals=signals,
        modality=fit_modality(final_data, params),
        roles=fit_roles(final_data, params, resolver, signals),
        meta=meta,
    )
    return model, {"dev_model": tuned, "corpus": corpus}
