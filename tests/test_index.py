"""The tension index on hand-computed examples."""

from __future__ import annotations

import pandas as pd
import pytest

from scoring.index import (
    IndexParams,
    band,
    contributions,
    daily_index,
    event_weight,
    explain,
    weekly_index,
)


def ev(
    article: str,
    day: str,
    signal: str,
    p: float,
    dyad: str = "KOR-RUS",
    story: str | None = None,
    modality: str = "implemented",
    kind: str = "direct",
    source: str = "wire",
) -> dict:
    actor, target = dyad.split("-")
    return {
        "article_id": article,
        "story_id": story or article,
        "date": day,
        "signal": signal,
        "probability": p,
        "modality": modality,
        "kind": kind,
        "actor": actor,
        "target": target,
        "dyad": dyad,
        "weight": event_weight(signal, p, modality, kind),
        "sentence": f"{signal} in {article}",
        "source": source,
    }


def test_event_weight_is_severity_probability_modality_kind() -> None:
    assert event_weight("summons", 0.8, "implemented", "direct") == pytest.approx(3.0 * 0.8)
    assert event_weight("threat", 1.0, "considered", "direct") == pytest.approx(6.0 * 0.4)
    assert event_weight("talks", 1.0, "implemented", "direct") == pytest.approx(-3.0)
    assert event_weight("expulsion", 1.0, "denied", "direct") == pytest.approx(5.0 * 0.05)
    assert event_weight("defence_pact", 1.0, "implemented", "alignment") == pytest.approx(4.0 * 0.6)
    assert event_weight("defence_pact", 1.0, "implemented", "direct") == pytest.approx(-2.0)


def test_a_story_counts_once_however_many_outlets_carry_it() -> None:
    events = pd.DataFrame(
        [
            ev("a1", "2024-06-21", "summons", 0.9, story="s1", source="wire"),
            ev("a2", "2024-06-21", "summons", 0.7, story="s1", source="paper"),
            ev("a3", "2024-06-22", "summons", 0.8, story="s1", source="blog"),
        ]
    )
    contrib = contributions(events)
    assert len(contrib) == 1
    row = contrib.iloc[0]
    assert row["contribution"] == pytest.approx(3.0 * 0.9)
    assert (row["copies"], row["sources"], str(row["day"].date())) == (3, 3, "2024-06-21")


def test_daily_raw_smoothing_and_calm_days() -> None:
    params = IndexParams(half_life_days=1.0)
    events = pd.DataFrame(
        [
            ev("a1", "2024-06-21", "summons", 1.0),
            ev("a2", "2024-06-21", "threat", 0.5),
            ev("a3", "2024-06-23", "talks", 1.0),
        ]
    )
    daily = daily_index(events, params).set_index("day")
    assert list(daily["raw_score"]) == pytest.approx([3.0 + 3.0, 0.0, -3.0])
    assert list(daily["smoothed"]) == pytest.approx([6.0, 3.0, 1.5 - 3.0])
    assert daily.loc["2024-06-21", "index"] == pytest.approx(100 * 6 / 16)
    assert daily.loc["2024-06-23", "index"] == 0.0
    assert list(daily["events"]) == [2, 0, 1]


def test_weeks_are_iso_weeks_across_a_year_end() -> None:
    events = pd.DataFrame(
        [
            ev("a1", "2024-12-30", "summons", 1.0),  # Monday of 2025-W01
            ev("a2", "2025-01-05", "summons", 1.0),  # Sunday of 2025-W01
            ev("a3", "2024-12-29", "summons", 1.0),  # Sunday of 2024-W52
        ]
    )
    weekly = weekly_index(daily_index(events))
    assert list(weekly["week"]) == ["2024-W52", "2025-W01"]
    assert list(weekly["raw_score"]) == pytest.approx([3.0, 6.0])
    assert str(weekly["period_start"].iloc[1].date()) == "2024-12-30"


def test_empty_input_gives_empty_frames() -> None:
    empty = pd.DataFrame(columns=list(ev("a", "2024-01-01", "summons", 1.0)))
    assert daily_index(empty).empty and weekly_index(daily_index(empty)).empty


def test_alerts_need_a_jump_against_the_pairs_own_history() -> None:
    quiet = [ev(f"q{i}", f"2024-03-{i:02d}", "accusation", 0.5) for i in range(1, 29)]
    burst = [
        ev(f"b{i}", "2024-04-10", sig, 1.0)
        for i, sig in enumerate(["armed_clash", "threat", "expulsion"])
    ]
    daily = daily_index(pd.DataFrame(quiet + burst)).set_index("day")
    assert not daily.loc[:"2024-04-09", "alert"].any()
    assert daily.loc["2024-04-10", "alert"]


def test_bands() -> None:
    assert [band(x) for x in (0, 19.9, 20, 45, 65, 99)] == [
        "calm",
        "calm",
        "guarded",
        "elevated",
        "high",
        "severe",
    ]


def test_explain_sorts_by_contribution() -> None:
    events = pd.DataFrame(
        [
            ev("a1", "2024-06-21", "accusation", 1.0),
            ev("a2", "2024-06-21", "armed_clash", 0.9),
            ev("a3", "2024-06-21", "talks", 1.0),
        ]
    )
    out = explain(events, "KOR-RUS", "2024-06-01", "2024-06-30")
    assert list(out["signal"]) == ["armed_clash", "talks", "accusation"]


def test_a_pair_threshold_replaces_the_relative_rule() -> None:
    events = pd.DataFrame([ev("a1", "2024-06-21", "summons", 1.0)])
    relative = daily_index(events).set_index("day")
    fixed = daily_index(events, IndexParams(pair_thresholds={"KOR-RUS": 20.0})).set_index("day")
    assert not relative.loc["2024-06-21", "alert"]
    assert fixed.loc["2024-06-21", "alert"]
