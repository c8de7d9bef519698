"""Ingestion: files in, scored articles and events in the store, every failure named.

Inputs are read, cleaned and scored in batches; each batch commits atomically, so a crash
loses at most the batch in flight and a re-run completes it without duplicates.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from scoring.article import Article, ArticleError, make_article
from scoring.model import TensionModel, load_model
from scoring.pipeline import ScoredArticle, score_articles
from scoring.readers import Failure, iter_paths, read_file
from scoring.settings import MODEL_PATH
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
    earliest: date | None = None
    """The earliest publication date read: alerts are evaluated from there on."""
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
            elif report.earliest is None or article.date < report.earliest:
                report.earliest = article.date
            yield article


_WORKER_MODEL: TensionModel | None = None


def _load_worker_model(path: Path) -> None:
    global _WORKER_MODEL
    _WORKER_MODEL = load_model(path)


def _score_in_worker(batch: list[Article]) -> list[ScoredArticle]:
    assert _WORKER_MODEL is not None
    return score_articles(batch, _WORKER_MODEL)


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(
    paths: Iterable[Path],
    store: Store,
    model: TensionModel,
    default_date: date | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[IngestReport], None] | None = None,
    workers: int = 1,
    model_path: Path = MODEL_PATH,
) -> IngestReport:
    """Read, score and store; one transaction per batch. Returns the report.

    With ``workers`` > 1, batches are scored in that many processes (each loads the model
    from ``model_path``) while this process reads and writes, in input order.
    """
    report = IngestReport()
    version = str(model.meta.get("version", ""))

    def fresh(batch: list[Article]) -> list[Article]:
        known = store.known_hashes([a.content_hash for a in batch])
        report.duplicates += sum(a.content_hash in known for a in batch)
        return [a for a in batch if a.content_hash not in known]

    def commit(scored: list[ScoredArticle]) -> None:
        result = store.add(scored, model_version=version)
        report.new += result.new
        report.duplicates += result.duplicates
        report.near_duplicates += result.near_duplicates
        report.events += result.events
        if progress:
            progress(report)

    batches = (fresh(b) for b in _chunks(read_articles(paths, default_date, report), batch_size))
    if workers <= 1:
        for batch in batches:
            commit(score_articles(batch, model))
        return report
    with ProcessPoolExecutor(
        workers, initializer=_load_worker_model, initargs=(model_path,)
    ) as pool:
        pending: deque[Future[list[ScoredArticle]]] = deque()
        for batch in batches:
            pending.append(pool.submit(_score_in_worker, batch))
            if len(pending) > 2 * workers:
                commit(pending.popleft().result())
        while pending:
            commit(pending.popleft().result())
    return report
