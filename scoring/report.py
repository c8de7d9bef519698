"""The weekly review: what moved, what is new, and which pairs crossed their alert line.

A library function builds the review as data (frames and figures); the HTML rendering
escapes every piece of article text, so a hostile title can never become markup. The same
review object feeds the dashboard page and `python -m scoring report`.
"""

from __future__ import annotations

import html
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from scoring.index import DEFAULT_PARAMS, IndexParams, contributions, daily_index
from scoring.store import Store
from scoring.taxonomy import SIGNAL_NAMES
from scoring.views import pair_label

TOP_PAIRS = 8
METHODOLOGY = (
    "Each sentence of each article is scored by a trained classifier for twelve signals "
    "(summons, expulsion, sanctions, defence pact, arms policy, threat, military posture, "
    "weapons test, armed clash, accusation; talks and cooperation subtract). A signal counts "
    "for the country pair it concerns with weight = severity × probability × modality "
    "(considered < announced < implemented; denials ≈ 0) × kind (third-party alignment 0.6). "
    "A story carried by several outlets counts once. The daily score is smoothed with a "
    "7-day half-life; the 0-100 index maps it onto named bands, and an alert fires when a "
    "pair stands two deviations above its own 180-day history and at least 25 on the scale."
)


def week_bounds(week: str) -> tuple[date, date]:
    """Monday and Sunday of an ISO week written like 2024-W25."""
    try:
        year, number = week.upper().split("-W")
        monday = date.fromisocalendar(int(year), int(number), 1)
    except ValueError:
        raise ValueError(f"not an ISO week like 2024-W25: {week!r}") from None
    return monday, monday + timedelta(days=6)


@dataclass
class Review:
    """Everything the weekly review shows, as data."""

    week: str
    start: date
    end: date
    movers: pd.DataFrame
    new_signals: pd.DataFrame
    alerts: pd.DataFrame
    drivers: pd.DataFrame
    series: pd.DataFrame
    articles: int
    events: int


def weekly_review(
    store: Store, week: str, params: IndexParams = DEFAULT_PARAMS, top: int = TOP_PAIRS
) -> Review:
    """Build the review of one ISO week from the store."""
    start, end = week_bounds(week)
    events = store.events(until=end.isoformat())
    daily = daily_index(events, params, end=end.isoformat())
    this_end = daily[daily["day"] == pd.Timestamp(end)].set_index("dyad")
    last_end = daily[daily["day"] == pd.Timestamp(end - timedelta(days=7))].set_index("dyad")
    movers = pd.DataFrame(
        {
            "index": this_end["index"],
            "previous": last_end["index"].reindex(this_end.index).fillna(0.0),
            "band": this_end["band"],
            "z": this_end["z"],
        }
    )
    movers["change"] = movers["index"] - movers["previous"]
    movers = movers[(movers["index"] > 0.5) | (movers["previous"] > 0.5)]
    movers = movers.sort_values(["change", "index"], ascending=False).reset_index()
    movers.insert(1, "pair", movers["dyad"].map(pair_label))
    in_week = daily[(daily["day"] >= pd.Timestamp(start)) & (daily["day"] <= pd.Timestamp(end))]
    alert_pairs = sorted(set(in_week.loc[in_week["alert"], "dyad"]))
    week_events = events[
        (events["date"] >= start.isoformat()) & (events["date"] <= end.isoformat())
    ]
    counts = week_events[week_events["kind"] == "direct"].groupby("signal").size()
    new_signals = counts.reindex(list(SIGNAL_NAMES), fill_value=0).rename("events").reset_index()
    contrib = contributions(week_events)
    drivers = contrib.assign(strength=contrib["contribution"].abs()).sort_values(
        "strength", ascending=False
    )
    drivers = drivers.rename(columns={"pair": "dyad"}).drop(columns="strength")
    alerts = movers[movers["dyad"].isin(alert_pairs)].copy()
    alerts["cause"] = alerts["dyad"].map(lambda d: _cause(drivers, d))
    top_pairs = list(movers.sort_values("index", ascending=False)["dyad"].head(top))
    window = daily[
        daily["dyad"].isin(top_pairs) & (daily["day"] >= pd.Timestamp(end - timedelta(days=90)))
    ]
    return Review(
        week=week.upper(),
        start=start,
        end=end,
        movers=movers,
        new_signals=new_signals,
        alerts=alerts.reset_index(drop=True),
        drivers=drivers.reset_index(drop=True),
        series=window.reset_index(drop=True),
        articles=int(week_events["article_id"].nunique()),
        events=len(week_events),
    )


def _cause(drivers: pd.DataFrame, dyad: str, n: int = 3) -> str:
    rows = drivers[drivers["dyad"] == dyad].head(n)
    return "; ".join(
        f"{r.signal} ({r.contribution:+.1f}): {r.sentence[:160]}" for r in rows.itertuples()
    )


def small_multiples(review: Review) -> go.Figure:
    """One small index chart per top pair over the last 90 days, on a shared 0-100 axis."""
    pairs = list(dict.fromkeys(review.series["dyad"]))
    cols = 2
    rows = max(1, (len(pairs) + cols - 1) // cols)
    fig = make_subplots(
        rows=rows,
        cols=cols,
        subplot_titles=[pair_label(p) for p in pairs] or [""],
        shared_yaxes=True,
    )
    for i, pair in enumerate(pairs):
        data = review.series[review.series["dyad"] == pair]
        fig.add_trace(
            go.Scatter(x=data["day"], y=data["index"], mode="lines", name=pair, showlegend=False),
            row=i // cols + 1,
            col=i % cols + 1,
        )
    fig.update_yaxes(range=[0, 100])
    fig.update_layout(height=220 * rows, margin={"t": 40, "b": 20, "l": 30, "r": 10})
    return fig


def _table(frame: pd.DataFrame, columns: list[str]) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = []
    for row in frame[columns].itertuples(index=False):
        cells = "".join(
            f"<td>{html.escape(f'{v:.1f}' if isinstance(v, float) else str(v))}</td>" for v in row
        )
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def render_html(review: Review) -> str:
    """A self-contained HTML page (plotly.js inlined: it opens offline)."""
    esc = html.escape
    movers = review.movers.head(15)
    drivers = review.drivers.head(20).assign(pair=lambda d: d["dyad"].map(pair_label))
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        f"<title>Weekly tension review {esc(review.week)}</title>",
        "<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}"
        "table{border-collapse:collapse;width:100%;margin:1em 0}"
        "td,th{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;font-size:14px}"
        "th{background:#f3f3f3}</style></head><body>",
        f"<h1>Weekly tension review {esc(review.week)}</h1>",
        f"<p>{esc(review.start.isoformat())} to {esc(review.end.isoformat())}: "
        f"{review.articles} articles, {review.events} events.</p>",
        "<h2>Top movers (index 0-100, change on the previous week)</h2>",
        _table(movers, ["pair", "index", "previous", "change", "band"]),
        "<h2>Pairs crossing their alert threshold</h2>",
        _table(review.alerts, ["pair", "index", "z", "cause"])
        if len(review.alerts)
        else "<p>No pair crossed its alert threshold this week.</p>",
        "<h2>New signals by type</h2>",
        _table(review.new_signals, ["signal", "events"]),
        "<h2>Events that drove the week</h2>",
        _table(drivers, ["pair", "signal", "contribution", "modality", "sources", "sentence"]),
        "<h2>Top pairs, last 90 days</h2>",
        small_multiples(review).to_html(full_html=False, include_plotlyjs=True),
        "<h2>Methodology</h2>",
        f"<p>{esc(METHODOLOGY)}</p>",
        "</body></html>",
    ]
    return "\n".join(parts)


def chromium() -> str | None:
    """Path of a headless-capable Chromium, if installed (Debian package `chromium`)."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def html_to_pdf(source: Path, target: Path) -> Path:
    """Print an HTML file to PDF with headless Chromium (no network, no browser download)."""
    browser = chromium()
    if browser is None:
        raise RuntimeError("PDF needs Chromium: run `make browser-deps`")
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--virtual-time-budget=5000",
            f"--print-to-pdf={target}",
            source.resolve().as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return target


def write_report(store: Store, week: str, out: Path, pdf: bool = False) -> list[Path]:
    """Write the review as HTML (and PDF on request); returns the files written."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(weekly_review(store, week)), encoding="utf-8")
    written = [out]
    if pdf:
        written.append(html_to_pdf(out, out.with_suffix(".pdf")))
    return written
