"""Every dashboard page renders over a real store, filters change what it shows, and article
text (even hostile HTML) is displayed as text."""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scoring.ingest import ingest
from scoring.store import Store

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = (
    "<script>alert('x')</script><img src=x onerror=alert(1)> **bold** [link](http://evil.example)"
)


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory, model) -> Path:
    folder = tmp_path_factory.mktemp("dash")
    source = folder / "demo.jsonl"
    with (ROOT / "data" / "demo" / "asia.jsonl").open(encoding="utf-8") as fh:
        lines = list(islice(fh, 150))
    lines.append(
        json.dumps(
            {
                "id": "hostile-1",
                "date": "2024-06-22",
                "source": "=cmd|' /C calc'!A0",
                "title": "<b>Seoul summons envoy</b>",
                "text": f"South Korea summoned the Russian ambassador on Saturday. {HOSTILE}",
            }
        )
        + "\n"
    )
    source.write_text("".join(lines), encoding="utf-8")
    with Store(folder / "store") as store:
        ingest([source], store, model)
    return folder / "store"


@pytest.fixture()
def app(store_dir: Path, monkeypatch) -> AppTest:
    monkeypatch.setenv("TENSION_STORE", str(store_dir))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    assert not at.exception
    return at


def goto(at: AppTest, page: str) -> AppTest:
    at.sidebar.radio(key="page").set_value(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == page
    return at


def test_overview_shows_counts_tables_and_downloads(app: AppTest) -> None:
    assert app.title[0].value == "Overview"
    assert [m.label for m in app.metric] == ["Articles", "Events", "As of", "Last ingest"]
    assert int(app.metric[0].value) == 151
    assert len(app.dataframe) >= 2
    assert len(app.get("download_button")) >= 3


@pytest.mark.parametrize("page", ["Country pair", "Articles", "Weekly review", "Ingest", "Model"])
def test_every_page_renders(app: AppTest, page: str) -> None:
    goto(app, page)
    assert app.expander[0].label == "How to read this page"


def test_pair_filters_change_the_events(app: AppTest) -> None:
    goto(app, "Country pair")
    table = app.dataframe[0].value
    first = table["signal"].value_counts().index[0]
    assert table["signal"].nunique() > 1
    app.multiselect(key="signals").set_value([first]).run()
    assert set(app.dataframe[0].value["signal"]) == {first}
    app.multiselect(key="signals").set_value(list(table["signal"].unique()))
    app.slider(key="min_p").set_value(float(table["probability"].median())).run()
    assert 0 < len(app.dataframe[0].value) < len(table)


def test_article_search_and_hostile_text_shows_as_text(app: AppTest) -> None:
    goto(app, "Articles")
    everything = len(app.dataframe[0].value)
    app.text_input(key="q").set_value("summoned the Russian ambassador on Saturday").run()
    assert 1 <= len(app.dataframe[0].value) < everything
    app.selectbox(key="pick").set_value("hostile-1").run()
    shown = " ".join(m.value for m in app.markdown)
    assert "\\<script\\>" in shown and "<script>" not in shown
    assert "\\[link\\]\\(http" in shown
    assert all(not getattr(m, "allow_html", False) for m in app.markdown)


def test_weekly_review_has_report_and_csv_downloads(app: AppTest) -> None:
    goto(app, "Weekly review")
    labels = [b.proto.label for b in app.get("download_button")]
    assert "Download report (HTML)" in labels
    assert sum(label.startswith("Download CSV") for label in labels) >= 3


def test_model_page_shows_test_metrics_and_review_queue(app: AppTest) -> None:
    goto(app, "Model")
    signals = app.dataframe[0].value
    assert len(signals) == 12 and {"precision", "recall", "f1"} <= set(signals.columns)
    assert any(s.value == "Review queue" for s in app.subheader)
