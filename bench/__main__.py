"""Throughput, memory and latency figures, printed as a table (never asserted in tests).

    python -m bench [--articles N] [--runs R]

Every figure is the median of R runs on the same synthetic corpus, so ratios against the
floor (read + lowercase + tokenise) and the keyword baseline are fair within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.synth import write
from scoring import views
from scoring.baseline import KeywordBaseline
from scoring.index import daily_index
from scoring.ingest import IngestReport, ingest, read_articles
from scoring.model import load_model
from scoring.pipeline import score_articles
from scoring.report import weekly_review
from scoring.sentences import split_sentences
from scoring.store import Store

_TOKEN = re.compile(r"\w+")


def timed(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    """Median wall time of fn over runs, and its last result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def machine() -> str:
    """One line describing the machine the figures come from."""
    cpu = platform.processor() or platform.machine()
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    n, runs = args.articles, args.runs
    model = load_model()
    rows: list[tuple[str, str]] = [("machine", machine())]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write(Path(tmp) / "synthetic.jsonl", n)

        def floor() -> int:
            count = 0
            with corpus.open(encoding="utf-8") as fh:
                for line in fh:
                    count += len(_TOKEN.findall(json.loads(line)["text"].lower()))
            return count

        t_floor, _ = timed(floor, runs)
        articles = list(read_articles([corpus]))
        baseline = KeywordBaseline()

        def keywords() -> int:
            return int(
                baseline.predict([s.text for a in articles for s in split_sentences(a.text)]).sum()
            )

        t_kw, _ = timed(keywords, runs)
        t_score, _ = timed(
            lambda: [
                score_articles(articles[i : i + 500], model) for i in range(0, len(articles), 500)
            ],
            runs,
        )

        def end_to_end() -> IngestReport:
            with tempfile.TemporaryDirectory() as store_dir, Store(store_dir) as store:
                return ingest([corpus], store, model)

        t_e2e, report = timed(end_to_end, runs)

        def end_to_end_all_cores() -> IngestReport:
            with tempfile.TemporaryDirectory() as store_dir, Store(store_dir) as store:
                return ingest([corpus], store, model, workers=os.cpu_count() or 1)

        t_e2e_all, _ = timed(end_to_end_all_cores, runs)
        store_dir = Path(tmp) / "store"
        with Store(store_dir) as store:
            ingest([corpus], store, model)
            t_index, _ = timed(lambda: daily_index(store.events()), runs)
            pair = views.known_pairs(store)[0]
            t_over, _ = timed(lambda: views.overview(store), runs)
            t_pair, _ = timed(lambda: views.pair_view(store, pair), runs)
            last = store.conn.execute("SELECT MAX(date) FROM articles").fetchone()[0]
            from datetime import date

            d = date.fromisoformat(last).isocalendar()
            t_week, _ = timed(lambda: weekly_review(store, f"{d.year}-W{d.week:02d}"), runs)
            events = store.stats()["events"]
    rate = lambda t: f"{n / t:,.0f} articles/s"  # noqa: E731
    rows += [
        ("corpus", f"{n:,} synthetic articles, {events:,} events stored"),
        ("floor (read + lowercase + tokenise)", rate(t_floor)),
        (f"keyword baseline ({baseline.size} keywords)", rate(t_kw)),
        ("score (classify + attribute), 1 core", rate(t_score)),
        ("end-to-end ingest, 1 core", f"{rate(t_e2e)} ({t_floor / t_e2e:.1%} of floor)"),
        (f"end-to-end ingest, {os.cpu_count()} workers", rate(t_e2e_all)),
        ("index recomputation (all pairs)", f"{t_index * 1000:,.0f} ms"),
        ("overview query", f"{t_over * 1000:,.0f} ms"),
        (f"pair view query ({pair})", f"{t_pair * 1000:,.0f} ms"),
        ("weekly review query", f"{t_week * 1000:,.0f} ms"),
        (
            "peak memory (RSS)",
            f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB",
        ),
    ]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")
    print(f"last ingest: {report.summary() if isinstance(report, IngestReport) else report}")


if __name__ == "__main__":
    main()
