"""`python -m scoring …`: a thin command line over the library, one command per verb."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from scoring import settings

MAX_ALERTS_SHOWN = 10
"""Alerts printed after an ingest; the rest are on the dashboard's Overview page."""


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def _pair(value: str) -> str:
    parts = value.upper().replace(">", "-").split("-")
    if len(parts) != 2 or not all(len(p) == 3 and p.isalpha() for p in parts):
        raise argparse.ArgumentTypeError(
            f"a pair is two ISO alpha-3 codes like KOR-RUS, not {value!r}"
        )
    return "-".join(sorted(parts))


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def cmd_ingest(args: argparse.Namespace) -> int:
    """Read files and folders into the store; non-zero exit when any input failed."""
    from scoring.ingest import ingest
    from scoring.model import load_model
    from scoring.store import Store
    from scoring.views import alerts_since

    model = load_model(args.model)
    with Store(settings.store_path(args.store)) as store:
        report = ingest(
            [Path(p) for p in args.paths],
            store,
            model,
            default_date=args.date,
            workers=args.workers,
            model_path=args.model,
        )
    for failure in report.failures:
        _err(f"failed: {failure}")
    for warning in report.warnings:
        _err(f"warning: {warning}")
    for origin in report.undated:
        _err(f"warning: {origin}: no publication date found (give --date); stored undated")
    print(report.summary())
    if report.earliest:
        with Store(settings.store_path(args.store)) as store:
            alerts = alerts_since(store, report.earliest.isoformat())
        for row in alerts.head(MAX_ALERTS_SHOWN).itertuples():
            print(
                f"alert: {row.dyad} index {row.index:.0f} (z {row.z:.1f}) on {row.day.date()}: "
                f"{row.cause}"
            )
        if len(alerts) > MAX_ALERTS_SHOWN:
            print(f"… and {len(alerts) - MAX_ALERTS_SHOWN} more pairs alerting (see the dashboard)")
    return 1 if report.failures else 0


def cmd_score(args: argparse.Namespace) -> int:
    """Score a JSONL file of articles into articles.csv and events.csv; no store involved."""
    from scoring.export import scored_frames, write_csv
    from scoring.ingest import IngestReport, read_articles
    from scoring.model import load_model
    from scoring.pipeline import score_articles

    model = load_model(args.model)
    report = IngestReport()
    articles = list(read_articles([Path(args.input)], args.date, report))
    articles_frame, events_frame = scored_frames(score_articles(articles, model))
    out = Path(args.out)
    write_csv(articles_frame, out / "articles.csv", bom=args.bom)
    write_csv(events_frame, out / "events.csv", bom=args.bom)
    for failure in report.failures:
        _err(f"failed: {failure}")
    print(f"scored {len(articles_frame)} articles, {len(events_frame)} events -> {out}")
    return 1 if report.failures else 0


def cmd_export(args: argparse.Namespace) -> int:
    """Export articles, events or the index from a store to an Excel-safe CSV."""
    from scoring.export import ARTICLE_COLUMNS, with_codes, write_csv
    from scoring.index import period_index
    from scoring.store import Store

    with Store(settings.store_path(args.store), create=False) as store:
        if args.what == "articles":
            frame = store.articles(args.since, args.until, args.pair)
            frame = frame[ARTICLE_COLUMNS + [c for c in frame if c not in ARTICLE_COLUMNS]]
        elif args.what == "events":
            frame = with_codes(store.events(args.since, args.until, args.pair))
        else:
            frame = period_index(
                store.events(until=args.until), args.period, directed=args.directed
            )
            if args.pair:
                frame = frame[frame["dyad"] == args.pair]
            if args.since:
                frame = frame[frame["period_start"] >= args.since]
            frame = frame.assign(period_start=frame["period_start"].dt.date.astype(str))
    write_csv(frame, Path(args.out), bom=args.bom)
    print(f"wrote {len(frame)} rows to {args.out}")
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    """Train the model from data/training (plus feedback) and write it with its model card."""
    from scoring.model import save_model
    from scoring.model_card import write_card
    from scoring.train import train

    model, extras = train(Path(args.training), [Path(p) for p in args.feedback])
    card = write_card(model, extras, Path(args.card))
    path = save_model(model, Path(args.model))
    print(f"model {model.meta['version']} -> {path}; card -> {card}")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Print per-signal and per-language metrics of the saved model on a split."""
    from scoring.model import load_model
    from scoring.model_card import evaluate_split

    model = load_model(args.model)
    print(evaluate_split(model, args.split, Path(args.training)))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Write the weekly review for an ISO week as HTML (and PDF when Chromium is installed)."""
    from scoring.report import write_report
    from scoring.store import Store

    with Store(settings.store_path(args.store), create=False) as store:
        written = write_report(store, args.week, Path(args.out), pdf=args.pdf)
    for path in written:
        print(f"wrote {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; every command has its own --help."""
    parser = argparse.ArgumentParser(
        prog="python -m scoring",
        description="Diplomatic Tension Monitor: score news for escalation between states.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    model_help = f"model file (default {settings.MODEL_PATH.relative_to(settings.ROOT)})"
    store_help = f"store folder (default ${settings.STORE_ENV} or data/store)"

    p = sub.add_parser(
        "ingest", help="read files or folders into the store", description=cmd_ingest.__doc__
    )
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help=".txt/.md .html .jsonl .csv .xml/.rss/.atom"
    )
    p.add_argument("--store", help=store_help)
    p.add_argument("--date", type=_date, help="publication date for inputs that carry none")
    p.add_argument("--workers", type=int, default=1, help="processes that score in parallel")
    p.add_argument("--model", default=settings.MODEL_PATH, type=Path, help=model_help)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser(
        "score", help="score a JSONL file to CSVs (stateless)", description=cmd_score.__doc__
    )
    p.add_argument("input", metavar="INPUT.jsonl")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--date", type=_date, help="publication date for articles that carry none")
    p.add_argument("--bom", action="store_true", help="write a UTF-8 BOM (for Excel)")
    p.add_argument("--model", default=settings.MODEL_PATH, type=Path, help=model_help)
    p.set_defaults(func=cmd_score)

    p = sub.add_parser(
        "export", help="export articles, events or the index to CSV", description=cmd_export.__doc__
    )
    p.add_argument("what", choices=["articles", "events", "index"])
    p.add_argument("--store", help=store_help)
    p.add_argument("--out", required=True, metavar="FILE.csv")
    p.add_argument("--pair", type=_pair, metavar="AAA-BBB")
    p.add_argument("--since", type=lambda v: _date(v).isoformat(), metavar="DATE")
    p.add_argument("--until", type=lambda v: _date(v).isoformat(), metavar="DATE")
    p.add_argument("--period", choices=["day", "week"], default="day", help="index period")
    p.add_argument("--directed", action="store_true", help="index per actor→target")
    p.add_argument("--bom", action="store_true", help="write a UTF-8 BOM (for Excel)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "train", help="train the model and write its model card", description=cmd_train.__doc__
    )
    p.add_argument("--training", default=settings.TRAINING, help="labelled corpus folder")
    p.add_argument("--feedback", nargs="*", default=[], help="analyst feedback JSONL files")
    p.add_argument("--model", default=settings.MODEL_PATH, help="where to write the model")
    p.add_argument("--card", default=settings.MODELS / "MODEL_CARD.md", help="model card path")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser(
        "evaluate", help="metrics of the saved model on a split", description=cmd_evaluate.__doc__
    )
    p.add_argument("--split", choices=["dev", "test"], default="dev")
    p.add_argument("--training", default=settings.TRAINING, help="labelled corpus folder")
    p.add_argument("--model", default=settings.MODEL_PATH, type=Path, help=model_help)
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser(
        "report", help="weekly review for an ISO week", description=cmd_report.__doc__
    )
    p.add_argument("--week", required=True, help="ISO week, e.g. 2024-W25")
    p.add_argument("--out", required=True, metavar="FILE.html")
    p.add_argument("--store", help=store_help)
    p.add_argument("--pdf", action="store_true", help="also write a PDF (needs Debian chromium)")
    p.set_defaults(func=cmd_report)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; expected errors print a message, never a traceback."""
    from scoring.model import ModelLoadError
    from scoring.store import StoreError

    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (ModelLoadError, StoreError) as exc:
        _err(f"error: {exc}")
        return 2
    except KeyboardInterrupt:
        _err("interrupted; committed batches are kept, re-run to complete")
        return 130
