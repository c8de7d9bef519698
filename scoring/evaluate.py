"""Evaluation: precision, recall and F1 per signal and per language, and pair accuracy.

Everything the model card and `python -m scoring evaluate` print comes from here, so the
numbers a reader sees are computed one way only.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from scoring.taxonomy import SIGNAL_NAMES


@dataclass
class Scores:
    """Precision, recall, F1 and support of one label or one group."""

    precision: float
    recall: float
    f1: float
    support: int

    def as_row(self) -> dict[str, float | int]:
        """Rounded, for tables."""
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "support": self.support,
        }


def prf(tp: float, fp: float, fn: float) -> Scores:
    """Scores from counts (0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return Scores(p, r, f, int(tp + fn))


@dataclass
class Report:
    """Sentence-level evaluation of a multi-label prediction."""

    per_signal: dict[str, Scores]
    per_language: dict[str, float]
    micro: Scores
    macro_f1: float
    confusions: list[tuple[str, str, int]] = field(default_factory=list)
    n: int = 0

    def table(self) -> str:
        """A plain-text table for the terminal and the model card."""
        lines = [f"{'signal':18s} {'P':>6s} {'R':>6s} {'F1':>6s} {'n':>5s}"]
        for name, s in self.per_signal.items():
            lines.append(
                f"{name:18s} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.support:5d}"
            )
        lines.append(
            f"{'micro':18s} {self.micro.precision:6.3f} {self.micro.recall:6.3f} "
            f"{self.micro.f1:6.3f} {self.micro.support:5d}"
        )
        lines.append(f"{'macro-F1':18s} {'':6s} {'':6s} {self.macro_f1:6.3f}")
        lines.append(
            "macro-F1 per language: "
            + ", ".join(f"{k} {v:.3f}" for k, v in self.per_language.items())
        )
        if self.confusions:
            lines.append("most frequent confusions (gold → predicted instead):")
            lines += [f"  {g} → {p}: {n}" for g, p, n in self.confusions[:10]]
        return "\n".join(lines)


def _macro(truth: np.ndarray, pred: np.ndarray) -> float:
    f1s = [
        prf(*_counts(truth[:, j], pred[:, j])).f1
        for j in range(truth.shape[1])
        if truth[:, j].any()
    ]
    return float(np.mean(f1s)) if f1s else 0.0


def _counts(t: np.ndarray, p: np.ndarray) -> tuple[float, float, float]:
    tp = float(np.sum((t == 1) & (p == 1)))
    fp = float(np.sum((t == 0) & (p == 1)))
    fn = float(np.sum((t == 1) & (p == 0)))
    return tp, fp, fn


def evaluate(truth: np.ndarray, pred: np.ndarray, langs: Sequence[str]) -> Report:
    """Per-signal, micro and macro scores, macro-F1 per language, and top confusions."""
    truth, pred = np.asarray(truth), np.asarray(pred)
    per_signal = {
        name: prf(*_counts(truth[:, j], pred[:, j])) for j, name in enumerate(SIGNAL_NAMES)
    }
    micro = prf(*_counts(truth.ravel(), pred.ravel()))
    lang_arr = np.asarray(langs)
    per_language = {
        lang: round(_macro(truth[lang_arr == lang], pred[lang_arr == lang]), 4)
        for lang in sorted(set(langs))
    }
    confusions: Counter[tuple[str, str]] = Counter()
    for i in range(len(truth)):
        missed = [SIGNAL_NAMES[j] for j in np.nonzero((truth[i] == 1) & (pred[i] == 0))[0]]
        extra = [SIGNAL_NAMES[j] for j in np.nonzero((truth[i] == 0) & (pred[i] == 1))[0]]
        for g in missed or ["none"]:
            for p in extra:
                confusions[(g, p)] += 1
        if not extra:
            for g in missed:
                confusions[(g, "none")] += 1
    return Report(
        per_signal=per_signal,
        per_language=per_language,
        micro=micro,
        macro_f1=_macro(truth, pred),
        confusions=[(g, p, n) for (g, p), n in confusions.most_common()],
        n=len(truth),
    )


def pair_scores(
    gold: Sequence[set[tuple[str, str]]], found: Sequence[set[tuple[str, str]]]
) -> Scores:
    """Precision and recall of (signal, dyad) findings per article, summed over articles."""
    tp = fp = fn = 0
    for g, f in zip(gold, found, strict=True):
        tp += len(g & f)
        fp += len(f - g)
        fn += len(g - f)
    return prf(tp, fp, fn)


def reliability(
    proba: np.ndarray, truth: np.ndarray, bins: int = 10
) -> list[tuple[float, float, int]]:
    """Calibration table: per probability bin, mean predicted vs observed frequency, count."""
    p, t = np.asarray(proba).ravel(), np.asarray(truth).ravel()
    edges = np.linspace(0, 1, bins + 1)
    rows = []
    for lo, hi in itertools.pairwise(edges):
        mask = (p >= lo) & ((p < hi) if hi < 1 else (p <= hi))
        if mask.any():
            rows.append((float(p[mask].mean()), float(t[mask].mean()), int(mask.sum())))
    return rows


def expected_calibration_error(proba: np.ndarray, truth: np.ndarray, bins: int = 10) -> float:
    """Count-weighted mean gap between predicted and observed frequency."""
    rows = reliability(proba, truth, bins)
    total = sum(n for _, _, n in rows)
    return float(sum(abs(m - o) * n for m, o, n in rows) / max(total, 1))
