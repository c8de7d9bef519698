"""The user's sample article (read from ../shared/seeds, never copied into the repo)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from scoring.article import make_article
from scoring.pipeline import score_articles
from scoring.readers import Record, read_file

NAVIGATION_WORDS = ("Nissan", "China", "Seine", "Eröffnungsfeier", "Fabriken")


@pytest.fixture(scope="module")
def seed_article(seed_path: Path):
    records = [r for r in read_file(seed_path) if isinstance(r, Record)]
    assert len(records) == 1
    return make_article(records[0].fields, records[0].origin, date(2024, 6, 21), page=True)


def test_cleaning_keeps_title_dateline_and_body(seed_article) -> None:
    assert seed_article.title.startswith("Verteidigungsabkommen zwischen Moskau und Pjöngjang")
    assert seed_article.dateline == "Seoul"
    assert seed_article.text.startswith("Südkorea hat am Freitag")
    assert seed_article.lang == "de"
    for word in NAVIGATION_WORDS:
        assert word not in seed_article.text
    assert "Gepostet" not in seed_article.text and "PREV" not in seed_article.text
    assert seed_article.text.count(seed_article.title) == 0


@pytest.fixture(scope="module")
def seed_events(seed_article, model):
    (scored,) = score_articles([seed_article], model)
    return scored.events


def _has(events, signal: str, *dyads: str) -> bool:
    return any(e.signal == signal and e.dyad in dyads for e in events)


def test_summons_of_the_russian_ambassador(seed_events) -> None:
    assert _has(seed_events, "summons", "KOR-RUS")
    direct = [e for e in seed_events if e.signal == "summons" and e.dyad == "KOR-RUS"]
    assert (direct[0].actor, direct[0].target) == ("KOR", "RUS")


def test_defence_pact_between_moscow_and_pyongyang(seed_events) -> None:
    assert _has(seed_events, "defence_pact", "PRK-RUS")


def test_pact_aligns_against_seoul(seed_events) -> None:
    alignment = {
        e.dyad for e in seed_events if e.signal == "defence_pact" and e.kind == "alignment"
    }
    assert {"KOR-RUS", "KOR-PRK"} <= alignment


@pytest.mark.xfail(
    reason="known miss: the model scores Seoul's 'will reconsider its ban on weapons deliveries' "
    "below the arms_policy threshold (reported in the model card)",
    strict=False,
)
def test_arms_policy_reconsidered(seed_events) -> None:
    assert _has(seed_events, "arms_policy", "KOR-UKR", "KOR-RUS")


def test_putins_warning_is_a_threat_to_seoul(seed_events) -> None:
    warning = [e for e in seed_events if e.signal == "threat" and "warnte" in e.sentence]
    assert [(e.actor, e.target) for e in warning] == [("RUS", "KOR")]
    assert warning[0].event_date == date(2024, 6, 20)  # "Am Donnerstag", published Friday


def test_nothing_from_the_navigation_lines(seed_events) -> None:
    for e in seed_events:
        assert not any(word in e.sentence for word in NAVIGATION_WORDS)
        assert "CHN" not in (e.actor, e.target) and "FRA" not in (e.actor, e.target)
