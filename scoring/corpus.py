"""The labelled training corpus: loading, schema checks and story-group splits.

The corpus lives in ``data/training/sentences/<lang>.jsonl`` (one labelled sentence per
line) and ``data/training/articles/<lang>.jsonl`` (whole labelled articles, evaluation
only). Splits are assigned per story group so near-paraphrases never straddle splits.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from scoring.taxonomy import MODALITIES, SIGNAL_NAMES

LANGS: tuple[str, ...] = ("de", "en", "fr", "es", "it", "ru")
SPLITS: tuple[str, ...] = ("train", "dev", "test")
ORIGINS: tuple[str, ...] = ("hand", "template")
CODE = re.compile(r"^(?:[A-Z]{3})$")


@dataclass
class Problem:
    """One schema violation, located by file and line."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Sentence:
    """One labelled sentence of the corpus."""

    id: str
    lang: str
    text: str
    signals: list[str]
    dyads: dict[str, list[list[str | None]]]
    modality: dict[str, str]
    group: str
    origin: str = "hand"
    hard_negative: bool = False
    split: str | None = None
    extra: dict = field(default_factory=dict)


def _check_dyads(rec: dict, problems: list[str]) -> None:
    signals = rec.get("signals", [])
    dyads = rec.get("dyads", {})
    if not isinstance(dyads, dict):
        problems.append("dyads must be an object {signal: [[actor, target], ...]}")
        return
    if set(dyads) != set(signals):
        problems.append(f"dyads keys {sorted(dyads)} must equal signals {sorted(signals)}")
    for sig, pairs in dyads.items():
        if not isinstance(pairs, list) or not pairs:
            problems.append(f"dyads[{sig}] must be a non-empty list of [actor, target]")
            continue
        for pair in pairs:
            if not (isinstance(pair, list) and len(pair) == 2):
                problems.append(f"dyads[{sig}] entry {pair!r} is not [actor, target]")
                continue
            codes = [c for c in pair if c is not None]
            if not codes:
                problems.append(f"dyads[{sig}] entry {pair!r} names no state")
            for c in codes:
                if not (isinstance(c, str) and CODE.match(c)):
                    problems.append(f"dyads[{sig}] code {c!r} is not ISO alpha-3")
            if len(codes) == 2 and codes[0] == codes[1]:
                problems.append(f"dyads[{sig}] entry {pair!r} pairs a state with itself")


def check_record(rec: object) -> list[str]:
    """Return the schema problems of one sentence record (empty when valid)."""
    if not isinstance(rec, dict):
        return ["record is not a JSON object"]
    problems: list[str] = []
    for key, typ in (("id", str), ("lang", str), ("text", str), ("group", str)):
        if not isinstance(rec.get(key), typ) or not rec.get(key):
            problems.append(f"{key} must be a non-empty string")
    if rec.get("lang") not in LANGS:
        problems.append(f"lang {rec.get('lang')!r} not in {LANGS}")
    signals = rec.get("signals")
    if not isinstance(signals, list) or any(s not in SIGNAL_NAMES for s in signals):
        problems.append(f"signals must be a list drawn from {SIGNAL_NAMES}")
        return problems
    if len(set(signals)) != len(signals):
        problems.append("signals repeat")
    _check_dyads(rec, problems)
    modality = rec.get("modality", {})
    if not isinstance(modality, dict) or set(modality) != set(signals):
        problems.append("modality must be an object with one entry per signal")
    else:
        for sig, mod in modality.items():
            if mod not in MODALITIES:
                problems.append(f"modality[{sig}] {mod!r} not in {MODALITIES}")
    if rec.get("origin", "hand") not in ORIGINS:
        problems.append(f"origin must be one of {ORIGINS}")
    if rec.get("split") not in (None, *SPLITS):
        problems.append(f"split must be one of {SPLITS}")
    hard = rec.get("hard_negative", False)
    if not isinstance(hard, bool):
        problems.append("hard_negative must be true or false")
    elif hard and signals:
        problems.append("hard_negative is only for sentences without signals")
    return problems


def read_jsonl(path: Path) -> Iterator[tuple[int, object]]:
    """Yield (line number, parsed object or the JSON error) for each non-blank line."""
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, exc


def check_file(path: Path) -> list[Problem]:
    """Check every record of one sentence file, plus id uniqueness and exact duplicates."""
    problems: list[Problem] = []
    seen_ids: dict[str, int] = {}
    seen_text: dict[str, int] = {}
    for number, rec in read_jsonl(path):
        if isinstance(rec, json.JSONDecodeError):
            problems.append(Problem(str(path), number, f"invalid JSON: {rec.msg}"))
            continue
        problems += [Problem(str(path), number, m) for m in check_record(rec)]
        if isinstance(rec, dict):
            rid, text = rec.get("id"), normalise_text(str(rec.get("text", "")))
            if rid in seen_ids:
                problems.append(
                    Problem(str(path), number, f"id {rid!r} repeats line {seen_ids[rid]}")
                )
            seen_ids.setdefault(rid, number)
            if text in seen_text:
                problems.append(Problem(str(path), number, f"text repeats line {seen_text[text]}"))
            seen_text.setdefault(text, number)
    return problems


def normalise_text(text: str) -> str:
    """Lowercase and collapse white space, for duplicate detection."""
    return " ".join(text.lower().split())


def load_sentences(paths: Iterable[Path]) -> list[Sentence]:
    """Load sentence records, failing loudly on the first schema problem."""
    out: list[Sentence] = []
    known = set(Sentence.__dataclass_fields__) - {"extra"}
    for path in paths:
        for number, rec in read_jsonl(path):
            if isinstance(rec, json.JSONDecodeError) or check_record(rec):
                raise ValueError(f"{path}:{number}: invalid record; run python -m scoring.corpus")
            assert isinstance(rec, dict)
            fields = {k: v for k, v in rec.items() if k in known}
            extra = {k: v for k, v in rec.items() if k not in known}
            out.append(Sentence(**fields, extra=extra))
    return out


def main(argv: list[str]) -> int:
    """Check sentence files and print counts; --split writes splits, --card refreshes the card.

    ``python -m scoring.corpus [--split] [--card] [FILE ...]``
    """
    flags = {a for a in argv if a.startswith("--")}
    argv = [a for a in argv if not a.startswith("--")]
    paths = [Path(p) for p in argv] or sorted(Path("data/training/sentences").glob("*.jsonl"))
    problems = [p for path in paths for p in check_file(path)]
    for p in problems[:200]:
        print(p)
    if problems:
        print(f"{len(problems)} problems")
        return 1
    sentences = load_sentences(paths)
    counts: dict[str, int] = {s: 0 for s in SIGNAL_NAMES}
    for s in sentences:
        for sig in s.signals:
            counts[sig] += 1
    none = sum(1 for s in sentences if not s.signals)
    hard = sum(1 for s in sentences if s.hard_negative)
    groups = len({s.group for s in sentences})
    print(f"{len(sentences)} sentences, {groups} groups, {none} without signal ({hard} hard)")
    for sig, n in counts.items():
        print(f"  {sig:17s} {n}")
    if "--split" in flags:
        print("splits:", write_splits(paths))
    if "--card" in flags:
        card = paths[0].parent.parent / "DATA_CARD.md"
        card.write_text(refresh_card(card, load_sentences(paths)), encoding="utf-8")
        print(f"refreshed {card}")
    return 0


SPLIT_SHARES: dict[str, float] = {"train": 0.7, "dev": 0.15, "test": 0.15}


def assign_splits(sentences: list[Sentence]) -> dict[str, str]:
    """Split story groups (never sentences) into train/dev/test, per language.

    Groups that already have a split keep it (a test sentence stays a test sentence when
    the corpus grows). New groups are placed greedily and deterministically: the largest
    first, each to the split whose share of the group's labels (signals, or "none") lags its
    target most, so every split sees every signal in every language.
    """
    out: dict[str, str] = {}
    for lang in LANGS:
        groups: dict[str, list[Sentence]] = {}
        for s in sentences:
            if s.lang == lang:
                groups.setdefault(s.group, []).append(s)
        totals: dict[str, int] = {}
        for members in groups.values():
            for s in members:
                for label in s.signals or ["none"]:
                    totals[label] = totals.get(label, 0) + 1
        have = {split: dict.fromkeys(totals, 0) for split in SPLITS}
        fixed = {g: m[0].split for g, m in groups.items() if m[0].split in SPLITS}
        order = sorted(groups, key=lambda g: (g not in fixed, -len(groups[g]), g))
        for name in order:
            labels: dict[str, int] = {}
            for s in groups[name]:
                for label in s.signals or ["none"]:
                    labels[label] = labels.get(label, 0) + 1
            if name in fixed:
                out[name] = fixed[name]
                for lab, n in labels.items():
                    have[fixed[name]][lab] += n
                continue

            def deficit(
                split: str,
                labels: dict[str, int] = labels,
                have: dict[str, dict[str, int]] = have,
                totals: dict[str, int] = totals,
            ) -> float:
                return sum(
                    (SPLIT_SHARES[split] * totals[lab] - have[split][lab]) / totals[lab] * n
                    for lab, n in labels.items()
                )

            best = max(SPLITS, key=lambda sp: (deficit(sp), sp == "train"))
            out[name] = best
            for lab, n in labels.items():
                have[best][lab] += n
    return out


def write_splits(paths: Iterable[Path]) -> dict[str, int]:
    """Write the assigned split into every record of the sentence files (in place)."""
    paths = list(paths)
    splits = assign_splits(load_sentences(paths))
    counts = dict.fromkeys(SPLITS, 0)
    for path in paths:
        lines = []
        for _, rec in read_jsonl(path):
            assert isinstance(rec, dict)
            rec["split"] = splits[rec["group"]]
            counts[rec["split"]] += 1
            lines.append(json.dumps(rec, ensure_ascii=False))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return counts


CARD_START = "<!-- counts:start -->"
CARD_END = "<!-- counts:end -->"


def counts_markdown(sentences: list[Sentence]) -> str:
    """The data card's count tables: signal × language × split, and totals per language."""
    lines = [
        "| signal | " + " | ".join(LANGS) + " | total | train | dev | test |",
        "|---" * (len(LANGS) + 5) + "|",
    ]
    for label in [*SIGNAL_NAMES, "(no signal)", "(hard negative)"]:

        def has(s: Sentence, label: str = label) -> bool:
            if label == "(no signal)":
                return not s.signals
            if label == "(hard negative)":
                return s.hard_negative
            return label in s.signals

        row = [sum(1 for s in sentences if s.lang == lang and has(s)) for lang in LANGS]
        per_split = [sum(1 for s in sentences if s.split == sp and has(s)) for sp in SPLITS]
        lines.append(
            f"| {label} | "
            + " | ".join(map(str, row))
            + f" | {sum(row)} | "
            + " | ".join(map(str, per_split))
            + " |"
        )
    totals = [sum(1 for s in sentences if s.lang == lang) for lang in LANGS]
    splits = [sum(1 for s in sentences if s.split == sp) for sp in SPLITS]
    lines.append(
        "| **sentences** | "
        + " | ".join(map(str, totals))
        + f" | {sum(totals)} | "
        + " | ".join(map(str, splits))
        + " |"
    )
    groups = [len({s.group for s in sentences if s.lang == lang}) for lang in LANGS]
    lines.append("| story groups | " + " | ".join(map(str, groups)) + f" | {sum(groups)} | | | |")
    templates = sum(1 for s in sentences if s.origin == "template")
    multi = sum(1 for s in sentences if len(s.signals) > 1)
    lines.append("")
    lines.append(f"Multi-signal sentences: {multi}. Template-generated sentences: {templates}.")
    return "\n".join(lines)


def refresh_card(card: Path, sentences: list[Sentence]) -> str:
    """The card's text with its count section regenerated (between the two markers)."""
    text = card.read_text(encoding="utf-8")
    head, rest = text.split(CARD_START, 1)
    _, tail = rest.split(CARD_END, 1)
    return f"{head}{CARD_START}\n{counts_markdown(sentences)}\n{CARD_END}{tail}"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
