"""The sentence classifier: which of the twelve signals a sentence reports, and how surely.

A multi-label scikit-learn estimator: word and character n-gram TF-IDF features (character
n-grams survive inflection — "russischen", "российского" — and unseen compounds), one
logistic-regression head per signal, and per-signal decision thresholds tuned on the dev
split. The model card compares this against other designs and reports the calibration
(reliability on dev) of the probabilities the index multiplies by.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from joblib import Parallel, delayed
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion
from sklearn.svm import LinearSVC

from scoring.taxonomy import MODALITIES, SIGNAL_NAMES

FEATURES = ("word", "char", "union")
HEADS = ("logreg", "svm")


_WORD_CACHE_LIMIT = 300_000
"""Distinct words whose n-gram indices are kept; the cache starts afresh beyond this."""


def _wb_ngrams(word: str, low: int, high: int) -> list[str]:
    """scikit-learn's char_wb n-grams of one word, in the same order and with the same rules."""
    padded = f" {word} "
    grams = []
    for n in range(low, high + 1):
        offset = 0
        grams.append(padded[offset : offset + n])
        while offset + n < len(padded):
            offset += 1
            grams.append(padded[offset : offset + n])
        if offset == 0:
            break
    return grams


class CompactTfidf(TfidfVectorizer):
    """TfidfVectorizer that persists its vocabulary as one array, not a dict of 100k nodes.

    skops writes a dict entry by entry into its JSON schema, which made a model file of
    200 MB; an array of terms in vocabulary order is a few MB and loads in a blink.
    """

    def transform(self, raw_documents: Sequence[str]) -> sparse.csr_matrix:
        """Same result as TfidfVectorizer.transform, much faster for character n-grams.

        A word's char_wb n-grams never depend on its neighbours, so each distinct word is
        analysed once and its vocabulary indices are cached; news repeats its words a lot.
        """
        if (
            self.analyzer != "char_wb"
            or not self.lowercase
            or self.preprocessor
            or self.strip_accents
        ):
            return super().transform(raw_documents)
        return self._tfidf.transform(self._char_wb_counts(raw_documents), copy=False)

    def _char_wb_counts(self, docs: Sequence[str]) -> sparse.csr_matrix:
        cache: dict[str, np.ndarray] = self.__dict__.setdefault("_word_cache", {})
        if len(cache) > _WORD_CACHE_LIMIT:
            cache.clear()
        vocabulary = self.vocabulary_
        low, high = self.ngram_range
        pieces: list[np.ndarray] = []
        indptr = [0]
        total = 0
        for doc in docs:
            for word in doc.lower().split():
                found = cache.get(word)
                if found is None:
                    found = np.array(
                        [vocabulary[g] for g in _wb_ngrams(word, low, high) if g in vocabulary],
                        dtype=np.int32,
                    )
                    cache[word] = found
                pieces.append(found)
                total += len(found)
            indptr.append(total)
        indices = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int32)
        counts = sparse.csr_matrix(
            (np.ones(len(indices), dtype=self.dtype), indices, np.asarray(indptr)),
            shape=(len(indptr) - 1, len(vocabulary)),
        )
        counts.sum_duplicates()
        return counts

    def __getstate__(self) -> dict:
        state = dict(super().__getstate__())
        state.pop("_word_cache", None)
        vocabulary = state.pop("vocabulary_", None)
        if vocabulary is not None:
            terms = np.empty(len(vocabulary), dtype=object)
            for term, index in vocabulary.items():
                terms[index] = term
            state["vocabulary_terms_"] = terms.astype(str)
        state.pop("stop_words_", None)
        return state

    def __setstate__(self, state: dict) -> None:
        terms = state.pop("vocabulary_terms_", None)
        if terms is not None:
            state["vocabulary_"] = {str(t): i for i, t in enumerate(terms.tolist())}
        super().__setstate__(state)


def make_features(
    kind: str = "union", max_features: int = 400_000
) -> TfidfVectorizer | FeatureUnion:
    """The text features: word 1-2 grams, char_wb 2-5 grams, or both side by side."""
    word = CompactTfidf(
        analyzer="word",
        ngram_range=(1, 2),
        min_df=2,
        sublinear_tf=True,
        lowercase=True,
        token_pattern=r"(?u)\b\w+\b",
        max_features=max_features // 2,
        dtype=np.float32,
    )
    char = CompactTfidf(
        analyzer="char_wb",
        ngram_range=(2, 5),
        min_df=2,
        sublinear_tf=True,
        lowercase=True,
        max_features=max_features,
        dtype=np.float32,
    )
    if kind == "word":
        return word
    if kind == "char":
        return char
    if kind == "union":
        return FeatureUnion([("word", word), ("char", char)])
    raise ValueError(f"features must be one of {FEATURES}, got {kind!r}")


def labels_matrix(signal_lists: Sequence[Sequence[str]]) -> np.ndarray:
    """Turn per-sentence signal lists into an (n, 12) 0/1 matrix in taxonomy order."""
    index = {name: j for j, name in enumerate(SIGNAL_NAMES)}
    out = np.zeros((len(signal_lists), len(SIGNAL_NAMES)), dtype=np.int8)
    for i, signals in enumerate(signal_lists):
        for name in signals:
            out[i, index[name]] = 1
    return out


class SignalClassifier(ClassifierMixin, BaseEstimator):
    """Multi-label sentence classifier over the taxonomy's signals.

    Parameters
    ----------
    features : "word", "char" or "union"
    head : "logreg" or "svm" (LinearSVC with sigmoid calibration)
    C : inverse regularisation strength of each head
    class_weight : "balanced" re-weights the rare positives (better recall on the small
        corpus; thresholds are then tuned on dev), or None
    max_features : vocabulary cap of the character features
    n_jobs : heads fitted in parallel (joblib); None is one process
    """

    def __init__(
        self,
        features: str = "union",
        head: str = "logreg",
        C: float = 8.0,
        class_weight: str | None = "balanced",
        max_features: int = 400_000,
        n_jobs: int | None = None,
    ) -> None:
        self.features = features
        self.head = head
        self.C = C
        self.class_weight = class_weight
        self.max_features = max_features
        self.n_jobs = n_jobs

    def _make_head(self) -> LogisticRegression | CalibratedClassifierCV:
        if self.head == "logreg":
            return LogisticRegression(
                C=self.C,
                solver="liblinear",
                class_weight=self.class_weight,
                max_iter=2000,
                random_state=0,
            )
        if self.head == "svm":
            return CalibratedClassifierCV(
                LinearSVC(C=self.C / 8, random_state=0), method="sigmoid", cv=3
            )
        raise ValueError(f"head must be one of {HEADS}, got {self.head!r}")

    def fit(self, X: Sequence[str], y: np.ndarray) -> SignalClassifier:
        """Fit the features and one head per signal; thresholds start at 0.5."""
        y = np.asarray(y)
        self.vectorizer_ = make_features(self.features, self.max_features).fit(X)
        Z = self.vectorizer_.transform(X)
        heads = Parallel(n_jobs=self.n_jobs)(
            delayed(_fit_head)(self._make_head(), Z, y[:, j]) for j in range(y.shape[1])
        )
        self.classes_ = np.array(SIGNAL_NAMES[: y.shape[1]])
        self.thresholds_ = np.full(y.shape[1], 0.5)
        if self.head == "logreg":
            self.coef_ = sparse.csr_matrix(np.vstack([h.coef_[0] for h in heads]).T)
            self.intercept_ = np.array([h.intercept_[0] for h in heads])
        else:
            self.heads_ = heads
        return self

    def predict_proba(self, X: Sequence[str]) -> np.ndarray:
        """Probability of each signal per sentence, shape (n, n_signals)."""
        Z = self.vectorizer_.transform(X)
        if self.head == "logreg":
            logits = np.asarray((Z @ self.coef_).todense()) + self.intercept_
            return 1.0 / (1.0 + np.exp(-logits))
        return np.column_stack([h.predict_proba(Z)[:, 1] for h in self.heads_])

    def predict(self, X: Sequence[str]) -> np.ndarray:
        """0/1 signal matrix using the per-signal thresholds."""
        return (self.predict_proba(X) >= self.thresholds_).astype(np.int8)

    def tune_thresholds(
        self, X: Sequence[str], y: np.ndarray, grid: Sequence[float] | None = None
    ) -> SignalClassifier:
        """Pick each signal's threshold to maximise F1 on held-out (dev) data.

        The grid starts at 0.3: lower thresholds win a little dev F1 by recall but flood
        real news, where most sentences carry no signal, with false alarms.
        """
        proba = self.predict_proba(X)
        y = np.asarray(y)
        grid = np.asarray(grid if grid is not None else np.arange(0.3, 0.86, 0.05))
        self.thresholds_ = np.array(
            [_best_threshold(proba[:, j], y[:, j], grid) for j in range(y.shape[1])]
        )
        return self


def _fit_head(head: BaseEstimator, Z: sparse.csr_matrix, y: np.ndarray) -> BaseEstimator:
    return head.fit(Z, y)


def _best_threshold(scores: np.ndarray, truth: np.ndarray, grid: np.ndarray) -> float:
    """Threshold with the best F1; ties go to the one nearest 0.5 (less dev-specific)."""
    best, best_f1 = 0.5, -1.0
    for t in sorted(grid, key=lambda t: abs(t - 0.5)):
        pred = scores >= t
        tp = float(np.sum(pred & (truth == 1)))
        f1 = 2 * tp / max(float(pred.sum() + truth.sum()), 1.0)
        if f1 > best_f1 + 1e-9:
            best, best_f1 = float(t), f1
    return best


class ModalityClassifier(ClassifierMixin, BaseEstimator):
    """How real a detected signal is: considered, announced, implemented, denied or reversed.

    Learned from the corpus with the same word and character features as the signal heads:
    the cues are words and word pieces ("will reconsider", "dementierte", "a annoncé",
    "отверг"), and the signal name is a feature because the same words shift meaning by
    signal ("suspended" an exercise vs. "suspended" talks). Classes are re-weighted: nine in
    ten labelled signals are "implemented", and an unweighted head never says anything else
    (macro-F1 on dev 0.28 unweighted, 0.59 balanced).
    """

    def __init__(self, C: float = 4.0, class_weight: str | None = "balanced") -> None:
        self.C = C
        self.class_weight = class_weight

    def _rows(self, texts: Sequence[str], signals: Sequence[str]) -> list[str]:
        return [f"{text} __signal_{signal}" for text, signal in zip(texts, signals, strict=True)]

    def fit(self, X: Sequence[str], y: Sequence[str], signals: Sequence[str]) -> ModalityClassifier:
        """Fit on (sentence, signal) pairs and their modality labels."""
        rows = self._rows(X, signals)
        self.vectorizer_ = make_features("union").fit(rows)
        self.head_ = LogisticRegression(
            C=self.C, max_iter=3000, class_weight=self.class_weight
        ).fit(self.vectorizer_.transform(rows), list(y))
        self.classes_ = self.head_.classes_
        return self

    def predict(self, X: Sequence[str], signals: Sequence[str]) -> np.ndarray:
        """Most likely modality per (sentence, signal)."""
        if not len(X):
            return np.array([], dtype=object)
        return self.head_.predict(self.vectorizer_.transform(self._rows(X, signals)))


__all__ = [
    "FEATURES",
    "HEADS",
    "MODALITIES",
    "CompactTfidf",
    "ModalityClassifier",
    "SignalClassifier",
    "labels_matrix",
    "make_features",
]
