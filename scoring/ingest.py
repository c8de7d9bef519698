"""Ingestion: files in, scored articles and events in the store, every failure named.

Inputs are read, cleaned and scored in batches; each batch commits atomically, so a crash
loses at most the batch in flight and a re-run completes it without duplicates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from scoring.article import Article, ArticleError, make_article
from scoring.model import TensionModel
from scoring.pipeline import score_articles
from scoring.readers import Failure, iter_paths, read_file
from scoring.store import Store

BATCH_SIZE = 500


@dataclass
class IngestReport:
    """What an ingest did, for the CLI summary and the dashboard's per-file results."""

    read: int = 0
    new: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    events: int = 0
    undated: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        """Inputs (files or records) that could not be read."""
        return len(self.failures)

    def summary(self) -> str:
        """One line for humans: read, new, duplicates, failed."""
        return (
            f"read {self.read}, new {self.new}, duplicates {self.duplicates} "
            f"(+{self.near_duplicates} near-duplicates kept as copies), failed {self.failed}, "
            f"undated {len(self.undated)}, events {self.events}"
        )


def read_articles(
    paths: Iterable[Path], default_date: date | None = None, report: IngestReport | None = None
) -> Iterator[Article]:
    """Yield every readable article; failures and warnings go to the report."""
    report = report if report is not None else IngestReport()
    for item in iter_paths(list(paths)):
        if isinstance(item, Failure):
            report.failures.append(item)
            continue
        for record in read_file(item):
            if isinstance(record, Failure):
                report.failures.append(record)
                continue
            try:
                article = make_article(record.fields, record.origin, default_date, page=record.page)
            except ArticleError as exc:
                report.failures.append(Failure(record.origin, str(exc)))
                continue
            report.read += 1
            report.warnings += [f"{record.origin}: {w}" for w in article.warnings]
            if article.date is None:
                report.undated.append(record.origin)
            yield article


def ingest(
    paths: Iterable[Path],
    store: Store,
    model: TensionModel,
    default_date: date | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Read, score and store; one transaction per batch. Returns the report."""
    report = IngestReport()
    batch: list[Article] = []
    version = str(model.meta.get("version", ""))

    def flush() -> None:
        known = store.known_hashes([a.content_hash for a in batch])
        todo = [a for a in batch if a.content_hash not in known]
        result = store.add(score_articles(todo, model), model_version=version)
        report.new += result.new
        report.duplicates += len(batch) - len(todo) + result.duplicates
        report.near_duplicates += result.near_duplicates
        report.events += result.events
        batch.clear()
        if progress:
            progress(report)

    for article in read_articles(paths, default_date, report):
        batch.append(article)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return report
