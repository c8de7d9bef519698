"""The weekly review: movers, alerts with causes, signals by type, escaped text, HTML and PDF."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scoring.ingest import ingest
from scoring.report import render_html, week_bounds, weekly_review
from scoring.store import Store

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = "<script>alert('x')</script>"


def article(i: int, day: str, text: str, title: str = "") -> str:
    return (
        json.dumps(
            {"id": f"r{i}", "date": day, "title": title, "source": f"wire-{i % 3}", "text": text}
        )
        + "\n"
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory, model):
    folder = tmp_path_factory.mktemp("report")
    lines = [
        article(
            i, f"2024-05-{1 + i:02d}", "Routine trade figures were published in Seoul and Tokyo."
        )
        for i in range(10)
    ]
    lines += [
        article(
            20,
            "2024-06-17",
            "China began large-scale military drills around Taiwan on Monday, "
            "sending warships and fighter jets towards the island.",
            title=HOSTILE,
        ),
        article(
            21,
            "2024-06-19",
            "Taipei summoned China's representative and accused Beijing of "
            "threatening regional peace with its military exercises.",
        ),
        article(
            22,
            "2024-06-20",
            "North Korea fired a ballistic missile into the sea off Japan, "
            "Tokyo's defence ministry said.",
        ),
    ]
    source = folder / "in.jsonl"
    source.write_text("".join(lines), encoding="utf-8")
    path = folder / "store"
    with Store(path) as s:
        ingest([source], s, model)
    return path


def test_iso_week_bounds_across_a_year_end() -> None:
    assert [d.isoformat() for d in week_bounds("2025-W01")] == ["2024-12-30", "2025-01-05"]
    with pytest.raises(ValueError, match="ISO week"):
        week_bounds("June")


def test_review_lists_movers_signals_and_drivers(store: Path) -> None:
    with Store(store) as s:
        review = weekly_review(s, "2024-W25")
    assert review.events > 0 and review.articles == 3
    assert set(review.new_signals["signal"]) >= {"military_posture", "weapons_test"}
    assert review.new_signals["events"].sum() > 0
    assert len(review.movers) and (review.movers["change"] > 0).any()
    assert len(review.drivers) and review.drivers["sentence"].str.len().min() > 10


def test_html_escapes_article_text(store: Path) -> None:
    with Store(store) as s:
        page = render_html(weekly_review(s, "2024-W25"))
    assert HOSTILE not in page and "Weekly tension review 2024-W25" in page
    assert "Methodology" in page and "<table>" in page


def test_report_command_writes_html_and_pdf(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.html"
    args = [
        sys.executable,
        "-m",
        "scoring",
        "report",
        "--week",
        "2024-W25",
        "--out",
        str(out),
        "--store",
        str(store),
    ]
    if shutil.which("chromium"):
        args.append("--pdf")
    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    if shutil.which("chromium"):
        assert out.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
