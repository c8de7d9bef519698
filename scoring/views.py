"""What each dashboard page shows, computed by the library so the dashboard only displays.

Every function takes a Store (and filters) and returns frames ready to chart or tabulate;
the dashboard caches them by the store's revision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from scoring.countries import country_name, flag
from scoring.index import DEFAULT_PARAMS, IndexParams, contributions, daily_index, weekly_index
from scoring.sentences import article_sentences
from scoring.store import Store
from scoring.taxonomy import SIGNAL_NAMES


def pair_label(dyad: str) -> str:
    """'KOR-RUS' → '🇰🇷 South Korea – 🇷🇺 Russia'."""
    return " – ".join(f"{flag(c)} {country_name(c)}".strip() for c in dyad.split("-"))


@dataclass
class Overview:
    """The Overview page: this week's pairs, the country heatmap, alerts and store facts."""

    as_of: date | None
    pairs: pd.DataFrame
    heatmap: pd.DataFrame
    alerts: pd.DataFrame
    stats: dict[str, object]


def daily(
    store: Store, params: IndexParams = DEFAULT_PARAMS, directed: bool = False
) -> pd.DataFrame:
    """The daily index of every pair in the store."""
    return daily_index(store.events(), params, directed)


def overview(
    store: Store, as_of: date | None = None, params: IndexParams = DEFAULT_PARAMS
) -> Overview:
    """Highest and fastest-rising pairs at ``as_of`` (default: the latest day with data)."""
    index = daily(store, params)
    stats = store.stats()
    if index.empty:
        empty = pd.DataFrame(columns=["dyad", "pair", "index", "change_7d", "band", "z", "alert"])
        return Overview(None, empty, pd.DataFrame(), empty, stats)
    day = pd.Timestamp(as_of) if as_of else index["day"].max()
    now = index[index["day"] == day].set_index("dyad")
    before = index[index["day"] == day - timedelta(days=7)].set_index("dyad")["index"]
    pairs = pd.DataFrame(
        {
            "index": now["index"],
            "change_7d": now["index"] - before.reindex(now.index).fillna(0.0),
            "band": now["band"],
            "z": now["z"],
            "alert": now["alert"],
        }
    ).reset_index()
    pairs = pairs[pairs["index"] > 0.5].sort_values("index", ascending=False)
    pairs = pairs.round({"index": 1, "change_7d": 1, "z": 2})
    pairs.insert(1, "pair", pairs["dyad"].map(pair_label))
    split = pairs["dyad"].str.split("-", expand=True) if len(pairs) else None
    heat = pd.DataFrame()
    if split is not None:
        codes = sorted(set(split[0]) | set(split[1]))
        names = [country_name(c) for c in codes]
        heat = pd.DataFrame(0.0, index=names, columns=names)
        for (a, b), value in zip(split.itertuples(index=False), pairs["index"], strict=True):
            heat.loc[country_name(a), country_name(b)] = value
            heat.loc[country_name(b), country_name(a)] = value
    alerts = pairs[pairs["alert"]].copy()
    events = store.events(
        since=(day - timedelta(days=7)).date().isoformat(), until=day.date().isoformat()
    )
    drivers = contributions(events)
    alerts["cause"] = alerts["dyad"].map(lambda d: _top_cause(drivers, d))
    return Overview(
        day.date(), pairs.reset_index(drop=True), heat, alerts.reset_index(drop=True), stats
    )


def _top_cause(drivers: pd.DataFrame, dyad: str) -> str:
    rows = drivers[(drivers["pair"] == dyad) & (drivers["contribution"] > 0)]
    if rows.empty:
        return ""
    top = rows.loc[rows["contribution"].idxmax()]
    return f"{top['signal']} ({top['contribution']:+.1f}): {top['sentence'][:200]}"


def alerts_since(store: Store, since: str, params: IndexParams = DEFAULT_PARAMS) -> pd.DataFrame:
    """Pairs alerting on any day from ``since`` on, with the day, reading and cause."""
    index = daily(store, params)
    hits = index[index["alert"] & (index["day"] >= pd.Timestamp(since))]
    if hits.empty:
        return pd.DataFrame(columns=["dyad", "day", "index", "z", "cause"])
    hits = hits.sort_values("index", ascending=False).drop_duplicates("dyad")
    drivers = contributions(
        store.events(since=(pd.Timestamp(since) - timedelta(days=7)).date().isoformat())
    )
    out = hits[["dyad", "day", "index", "z"]].copy()
    out["cause"] = out["dyad"].map(lambda d: _top_cause(drivers, d))
    return out.reset_index(drop=True)


def iso_weeks(events: pd.DataFrame) -> list[str]:
    """The ISO weeks (like 2024-W25) that have events, newest first."""
    days = pd.to_datetime(events["date"].dropna())
    return sorted(
        {f"{d.isocalendar().year}-W{d.isocalendar().week:02d}" for d in days}, reverse=True
    )


def known_pairs(store: Store) -> list[str]:
    """Every pair with at least one event, most events first."""
    frame = store.conn.execute(
        "SELECT dyad, COUNT(*) n FROM events GROUP BY dyad ORDER BY n DESC"
    ).fetchall()
    return [row[0] for row in frame]


@dataclass
class PairView:
    """The Country pair page: index series, contributions by signal, and the events."""

    series: pd.DataFrame
    by_signal: pd.DataFrame
    events: pd.DataFrame


def pair_view(
    store: Store,
    dyad: str,
    period: str = "day",
    since: str | None = None,
    until: str | None = None,
    signals: list[str] | None = None,
    min_probability: float = 0.0,
    langs: list[str] | None = None,
    sources: list[str] | None = None,
    params: IndexParams = DEFAULT_PARAMS,
) -> PairView:
    """One pair under the page's filters; the index is recomputed from the filtered events."""
    events = store.events(pair=dyad, until=until)
    mask = events["probability"] >= min_probability
    if signals is not None:
        mask &= events["signal"].isin(signals)
    if langs is not None:
        mask &= events["lang"].isin(langs)
    if sources is not None:
        mask &= events["source"].isin(sources)
    events = events[mask]
    series = daily_index(events, params, end=until)
    if period == "week":
        series = weekly_index(series).rename(columns={"period_start": "day"})
    contrib = contributions(events)
    by_signal = (
        contrib.assign(
            period=contrib["day"].dt.to_period("W").dt.start_time
            if period == "week"
            else contrib["day"]
        )
        .pivot_table(
            index="period", columns="signal", values="contribution", aggfunc="sum", fill_value=0.0
        )
        .reindex(columns=[s for s in SIGNAL_NAMES if s in set(contrib["signal"])])
        if len(contrib)
        else pd.DataFrame()
    )
    if since:
        series = series[series["day"] >= pd.Timestamp(since)]
        events = events[events["date"] >= since]
        if len(by_signal):
            by_signal = by_signal[by_signal.index >= pd.Timestamp(since)]
    return PairView(series.reset_index(drop=True), by_signal, events.reset_index(drop=True))


def search_articles(
    store: Store,
    query: str = "",
    since: str | None = None,
    until: str | None = None,
    signals: list[str] | None = None,
    langs: list[str] | None = None,
    country: str | None = None,
) -> pd.DataFrame:
    """Articles matching a text query and filters, newest first."""
    frame = store.articles(since, until)
    if query:
        q = query.lower()
        mask = frame["title"].str.lower().str.contains(q, regex=False)
        ids = {
            r[0]
            for r in store.conn.execute(
                "SELECT article_id FROM articles WHERE instr(lower(text), ?) > 0", (q,)
            )
        }
        frame = frame[mask | frame["article_id"].isin(ids)]
    if signals:
        frame = frame[frame["signals"].map(lambda s: bool(set(s.split(";")) & set(signals)))]
    if langs:
        frame = frame[frame["lang"].isin(langs)]
    if country:
        frame = frame[frame["countries"].map(lambda s: country in s.split(";"))]
    return frame.sort_values("date", ascending=False, na_position="last").reset_index(drop=True)


def article_segments(store: Store, article_id: str) -> list[tuple[str, list[str]]]:
    """The article as (sentence, signals) pieces, so the page can highlight evidence as text."""
    article = store.article(article_id)
    if article is None:
        return []
    events = store.events(article_id=article_id)
    by_sentence: dict[int, list[str]] = {}
    for row in events.itertuples():
        by_sentence.setdefault(int(row.sentence_index), [])
        if row.signal not in by_sentence[int(row.sentence_index)]:
            by_sentence[int(row.sentence_index)].append(row.signal)
    sentences = article_sentences(str(article["title"]), str(article["text"]))
    return [(text, by_sentence.get(i, [])) for i, text in enumerate(sentences)]
