"""The tension index: from weighted events to a daily and weekly score per country pair.

Parameters live in ``IndexParams`` (one place, documented in docs/scoring.md). An event's
contribution is severity × probability × modality factor × kind factor; a story carried by
many outlets counts once; de-escalation subtracts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from scoring.taxonomy import signal as get_signal

MODALITY_FACTORS: dict[str, float] = {
    "considered": 0.4,
    "announced": 0.7,
    "implemented": 1.0,
    "denied": 0.05,
    "reversed": -0.5,
}
"""Considered < announced < implemented; a denial counts almost nothing; a reversal undoes."""

KIND_FACTORS: dict[str, float] = {"direct": 1.0, "alignment": 0.6}
"""A third party's pact or arms deal weighs less than an act aimed at the pair itself."""

DIRECT_OVERRIDES: dict[str, float] = {"defence_pact": -0.5}
"""A pact between two states brings them closer: for their own pair it eases tension.

Its escalation weight goes to the third states it is aimed at (kind ``alignment``).
"""


@dataclass(frozen=True)
class IndexParams:
    """Every tunable of the index, in one place."""

    modality_factors: dict[str, float] = field(default_factory=lambda: dict(MODALITY_FACTORS))
    kind_factors: dict[str, float] = field(default_factory=lambda: dict(KIND_FACTORS))
    direct_overrides: dict[str, float] = field(default_factory=lambda: dict(DIRECT_OVERRIDES))
    half_life_days: float = 7.0
    """Smoothing: yesterday's pressure counts half after a week."""
    baseline_days: int = 180
    """The pair's own trailing history that a reading is compared with."""
    scale_half_point: float = 10.0
    """Smoothed tension points that read 50 on the 0-100 scale."""
    alert_z: float = 2.0
    """A pair alerts when its smoothed index is this many deviations above its baseline …"""
    alert_min_scale: float = 25.0
    """… and stands at least this high on the 0-100 scale (no alerts on near-silent pairs)."""
    pair_thresholds: dict[str, float] = field(default_factory=dict)
    """Per-pair absolute alert lines on the 0-100 scale (e.g. {"CHN-TWN": 60}), replacing the
    baseline-relative rule for those pairs."""


DEFAULT_PARAMS = IndexParams()


def event_weight(
    signal: str, probability: float, modality: str, kind: str, params: IndexParams = DEFAULT_PARAMS
) -> float:
    """Signed tension points of one event before duplicate discounting."""
    spec = get_signal(signal)
    factor = params.kind_factors.get(kind, 1.0)
    if kind == "direct" and signal in params.direct_overrides:
        factor = params.direct_overrides[signal]
    modality_factor = params.modality_factors.get(modality, 1.0)
    return spec.sign * spec.severity * probability * modality_factor * factor


BANDS: tuple[tuple[float, str], ...] = (
    (80.0, "severe"),
    (60.0, "high"),
    (40.0, "elevated"),
    (20.0, "guarded"),
    (0.0, "calm"),
)
"""Named readings of the 0-100 scale, from the top."""


def band(scale: float) -> str:
    """The named band of a 0-100 reading."""
    for floor, name in BANDS:
        if scale >= floor:
            return name
    return "calm"


def to_scale(points: pd.Series, params: IndexParams = DEFAULT_PARAMS) -> pd.Series:
    """Smoothed tension points on the 0-100 scale (``scale_half_point`` reads 50)."""
    positive = points.clip(lower=0.0)
    return 100.0 * positive / (positive + params.scale_half_point)


def pair_key(events: pd.DataFrame, directed: bool = False) -> pd.Series:
    """The pair an event counts for: undirected dyad, or 'ACTOR>TARGET' when directed."""
    if directed:
        return events["actor"] + ">" + events["target"]
    return events["dyad"]


def contributions(events: pd.DataFrame, directed: bool = False) -> pd.DataFrame:
    """One row per (story, pair, signal): its strongest event, however many copies carry it.

    Several sentences of one article, and every syndicated copy of the story, report the
    same event; counting each would let one wire story move the index like ten. A direct
    event of a pair outranks a third-party (alignment) reading of the same signal. The day is
    the story's first publication; ``sources`` counts the distinct outlets that carried it.
    """
    if events.empty:
        return pd.DataFrame(
            columns=[
                "story_id",
                "pair",
                "signal",
                "day",
                "contribution",
                "article_id",
                "sentence",
                "probability",
                "modality",
                "kind",
                "copies",
                "sources",
            ]
        )
    ev = events[events["date"].notna()].copy()
    ev["pair"] = pair_key(ev, directed)
    ev["strength"] = ev["weight"].abs()
    ev["direct"] = ev["kind"] == "direct"
    ev = ev.sort_values(["direct", "strength", "date"], ascending=[False, False, True])
    keys = ["story_id", "pair", "signal"]
    first = ev.drop_duplicates(keys).set_index(keys)
    grouped = ev.groupby(keys)
    out = pd.DataFrame(
        {
            "day": grouped["date"].min(),
            "contribution": first["weight"],
            "article_id": first["article_id"],
            "sentence": first["sentence"],
            "probability": first["probability"],
            "modality": first["modality"],
            "kind": first["kind"],
            "copies": grouped["article_id"].nunique(),
            "sources": grouped["source"].nunique() if "source" in ev else 1,
        }
    ).reset_index()
    out["day"] = pd.to_datetime(out["day"])
    return out


def daily_index(
    events: pd.DataFrame,
    params: IndexParams = DEFAULT_PARAMS,
    directed: bool = False,
    end: str | None = None,
) -> pd.DataFrame:
    """Per pair and day: raw score, smoothed index, baseline z-score, 0-100 scale and band.

    Days without events are present with a raw score of 0, so calm periods show as calm and
    the smoothing decays through them.
    """
    contrib = contributions(events, directed)
    columns = [
        "dyad",
        "day",
        "raw_score",
        "events",
        "articles",
        "smoothed",
        "baseline",
        "z",
        "index",
        "baseline_index",
        "band",
        "alert",
    ]
    if contrib.empty:
        return pd.DataFrame(columns=columns)
    last = pd.Timestamp(end) if end else contrib["day"].max()
    per_day = contrib.groupby(["pair", "day"]).agg(
        raw_score=("contribution", "sum"),
        events=("contribution", "size"),
        articles=("story_id", "nunique"),
    )
    first = contrib.groupby("pair")["day"].min() - pd.Timedelta(days=1)
    final = contrib.groupby("pair")["day"].max().clip(lower=last)
    lengths = ((final - first).dt.days + 1).to_numpy()
    pairs = np.repeat(first.index.to_numpy(), lengths)
    offsets = np.concatenate([np.arange(n) for n in lengths])
    days = np.repeat(first.to_numpy(), lengths) + pd.to_timedelta(offsets, unit="D").to_numpy()
    grid = pd.MultiIndex.from_arrays([pairs, days], names=["pair", "day"])
    frame = per_day.reindex(grid, fill_value=0).reset_index()
    alpha = 1.0 - 0.5 ** (1.0 / params.half_life_days)
    by_pair = frame.groupby("pair", sort=False)
    # s_t = decay * s_(t-1) + raw_t, from 0 on the day before a pair's first event, equals
    # the exponentially weighted mean (adjust=False) divided by alpha.
    frame["smoothed"] = (
        by_pair["raw_score"].transform(lambda x: x.ewm(alpha=alpha, adjust=False).mean()) / alpha
    )
    frame = frame[offsets > 0].reset_index(drop=True)
    history = frame.groupby("pair", sort=False)["smoothed"].shift(1)
    rolling = history.groupby(frame["pair"], sort=False).rolling(
        params.baseline_days, min_periods=1
    )
    frame["baseline"] = rolling.mean().reset_index(level=0, drop=True).fillna(0.0)
    spread = rolling.std().reset_index(level=0, drop=True).fillna(0.0).clip(lower=1.0)
    frame["z"] = (frame["smoothed"] - frame["baseline"]) / spread
    frame["index"] = to_scale(frame["smoothed"], params)
    frame["baseline_index"] = to_scale(frame["baseline"], params)
    frame["band"] = frame["index"].map(band)
    relative = (frame["z"] >= params.alert_z) & (frame["index"] >= params.alert_min_scale)
    line = frame["pair"].map(params.pair_thresholds)
    frame["alert"] = relative.where(line.isna(), frame["index"] >= line)
    frame["events"] = frame["events"].astype(int)
    frame["articles"] = frame["articles"].astype(int)
    return frame.rename(columns={"pair": "dyad"})[columns]


def weekly_index(daily: pd.DataFrame) -> pd.DataFrame:
    """Per pair and ISO week (Monday start): summed raw score and the reading at week's end."""
    columns = [
        "dyad",
        "period_start",
        "week",
        "index",
        "raw_score",
        "events",
        "articles",
        "smoothed",
        "baseline_index",
        "z",
        "band",
        "alert",
    ]
    if daily.empty:
        return pd.DataFrame(columns=columns)
    d = daily.copy()
    d["period_start"] = d["day"] - pd.to_timedelta(d["day"].dt.day_of_week, unit="D")
    iso = d["period_start"].dt.isocalendar()
    d["week"] = iso["year"].astype(str) + "-W" + iso["week"].astype(str).str.zfill(2)
    d = d.sort_values("day")
    grouped = d.groupby(["dyad", "period_start", "week"])
    out = grouped.agg(
        raw_score=("raw_score", "sum"),
        events=("events", "sum"),
        articles=("articles", "sum"),
        index=("index", "last"),
        smoothed=("smoothed", "last"),
        baseline_index=("baseline_index", "last"),
        z=("z", "last"),
        band=("band", "last"),
        alert=("alert", "any"),
    ).reset_index()
    return out[columns]


EXPORT_COLUMNS = ["dyad", "period_start", "index", "raw_score", "events", "articles"]
"""The index export's contract columns, in order; the rest follow."""


def period_index(
    events: pd.DataFrame,
    period: str = "day",
    params: IndexParams = DEFAULT_PARAMS,
    directed: bool = False,
    end: str | None = None,
) -> pd.DataFrame:
    """The index by 'day' or 'week', with ``period_start`` as the period column."""
    if period not in ("day", "week"):
        raise ValueError(f"period must be 'day' or 'week', got {period!r}")
    daily = daily_index(events, params, directed, end)
    out = weekly_index(daily) if period == "week" else daily.rename(columns={"day": "period_start"})
    return out[EXPORT_COLUMNS + [c for c in out.columns if c not in EXPORT_COLUMNS]]


def explain(
    events: pd.DataFrame, pair: str, start: str, end: str, directed: bool = False
) -> pd.DataFrame:
    """The events behind a pair's score in a period, largest contribution first."""
    contrib = contributions(events, directed)
    mask = (
        (contrib["pair"] == pair)
        & (contrib["day"] >= pd.Timestamp(start))
        & (contrib["day"] <= pd.Timestamp(end))
    )
    out = contrib[mask].copy()
    out["strength"] = out["contribution"].abs()
    return out.sort_values("strength", ascending=False).drop(columns="strength")
