"""Diplomatic Tension Monitor — the Streamlit dashboard.

A thin shell over the `scoring` library: every number shown is computed there; this file
only lays out pages, caches queries by store revision, and offers CSV downloads of exactly
what each chart and table shows. Article text is always shown as escaped text, never HTML.
"""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from scoring import feedback, settings, views
from scoring.export import to_bytes, with_codes
from scoring.index import BANDS
from scoring.ingest import ingest
from scoring.model import ModelLoadError, load_model
from scoring.readers import SUFFIXES
from scoring.report import render_html, weekly_review
from scoring.store import Store
from scoring.taxonomy import MODALITIES, SIGNAL_NAMES

PALETTE = px.colors.qualitative.Safe + px.colors.qualitative.Vivid
SIGNAL_COLOURS = {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(SIGNAL_NAMES)}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&\"'=^%@])")

st.set_page_config(page_title="Diplomatic Tension Monitor", page_icon="🌐", layout="wide")


def store_path() -> Path:
    """The store the dashboard reads ($TENSION_STORE or data/store)."""
    return settings.store_path()


def open_store() -> Store:
    return Store(store_path())


def revision() -> str:
    with open_store() as store:
        return store.revision()


def plain(text: str) -> str:
    """Escape every Markdown and HTML character so article text shows as typed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def download(frame: pd.DataFrame, name: str, key: str) -> None:
    """A CSV download (Excel-safe) of exactly the frame shown."""
    st.download_button(
        f"Download CSV ({len(frame)} rows)",
        to_bytes(frame, bom=True),
        file_name=name,
        mime="text/csv",
        key=key,
    )


@st.cache_data(show_spinner=False)
def cached_overview(path: str, rev: str) -> views.Overview:
    with Store(path) as store:
        return views.overview(store)


@st.cache_data(show_spinner=False)
def cached_pairs(path: str, rev: str) -> list[str]:
    with Store(path) as store:
        return views.known_pairs(store)


@st.cache_data(show_spinner=False)
def cached_pair_view(
    path: str,
    rev: str,
    dyad: str,
    period: str,
    since: str,
    until: str,
    signals: tuple[str, ...],
    min_p: float,
    langs: tuple[str, ...] | None,
    sources: tuple[str, ...] | None,
) -> views.PairView:
    with Store(path) as store:
        return views.pair_view(
            store,
            dyad,
            period,
            since,
            until,
            list(signals),
            min_p,
            list(langs) if langs is not None else None,
            list(sources) if sources is not None else None,
        )


@st.cache_data(show_spinner=False)
def cached_events(path: str, rev: str) -> pd.DataFrame:
    with Store(path) as store:
        return store.events()


@st.cache_data(show_spinner=False)
def cached_review(path: str, rev: str, week: str):
    with Store(path) as store:
        return weekly_review(store, week)


@st.cache_resource(show_spinner=False)
def cached_model():
    return load_model()


def how_to_read(text: str) -> None:
    with st.expander("How to read this page"):
        st.write(text)


def page_overview() -> None:
    st.title("Overview")
    how_to_read(
        "Pairs of countries ranked by their tension index (0-100) on the latest day with data, "
        "and how much it moved in 7 days. Bands: "
        + ", ".join(f"{name} ≥ {floor:.0f}" for floor, name in BANDS)
        + ". An alert means a pair stands well above its own recent history."
    )
    ov = cached_overview(str(store_path()), revision())
    stats = ov.stats
    cols = st.columns(4)
    cols[0].metric("Articles", f"{stats['articles']:,}")
    cols[1].metric("Events", f"{stats['events']:,}")
    cols[2].metric("As of", str(ov.as_of or "—"))
    cols[3].metric("Last ingest", str(stats["last_ingest"] or "never")[:16].replace("T", " "))
    if ov.pairs.empty:
        st.info(
            "The store is empty. Add articles on the Ingest page or with "
            "`python -m scoring ingest`."
        )
        return
    left, right = st.columns([3, 2])
    with left:
        st.subheader("Highest tension")
        top = ov.pairs.head(15)[["pair", "dyad", "index", "change_7d", "band", "alert"]]
        st.dataframe(top, hide_index=True, width="stretch")
        download(top, "top_pairs.csv", "dl_top")
        st.subheader("Fastest rising (7 days)")
        rising = ov.pairs.sort_values("change_7d", ascending=False).head(10)[
            ["pair", "dyad", "index", "change_7d", "band"]
        ]
        st.dataframe(rising, hide_index=True, width="stretch")
        download(rising, "rising_pairs.csv", "dl_rising")
    with right:
        st.subheader("Country × country")
        if not ov.heatmap.empty:
            fig = px.imshow(
                ov.heatmap, color_continuous_scale="Reds", zmin=0, zmax=100, aspect="auto"
            )
            fig.update_layout(height=480, margin={"t": 10, "b": 10})
            st.plotly_chart(fig, width="stretch")
            download(ov.heatmap.reset_index(names="country"), "heatmap.csv", "dl_heat")
    st.subheader("Alerts")
    if ov.alerts.empty:
        st.write("No pair is above its alert threshold.")
    else:
        for row in ov.alerts.itertuples():
            st.warning(
                f"**{plain(row.pair)}** — index {row.index:.0f} (z {row.z:.1f}): {plain(row.cause)}"
            )
        download(ov.alerts[["pair", "dyad", "index", "z", "cause"]], "alerts.csv", "dl_alerts")


def page_pair() -> None:
    st.title("Country pair")
    how_to_read(
        "The index of one pair over time. The line is the 0-100 index, the grey band its own "
        "180-day baseline; bars show what each signal contributed (de-escalation below zero); "
        "markers are events — hover for the sentence. Select a period on the chart (box select) "
        "to list its events."
    )
    path, rev = str(store_path()), revision()
    pairs = cached_pairs(path, rev)
    if not pairs:
        st.info("No events in the store yet.")
        return
    dyad = st.selectbox("Pair (type to search)", pairs, format_func=views.pair_label, key="pair")
    events_all = cached_events(path, rev)
    mine = events_all[events_all["dyad"] == dyad]
    c1, c2, c3 = st.columns(3)
    period = c1.radio("Period", ["day", "week"], horizontal=True, key="period")
    first = pd.Timestamp(mine["date"].min()).date() if len(mine) else date(2024, 1, 1)
    last = pd.Timestamp(mine["date"].max()).date() if len(mine) else date.today()
    span = c2.date_input("Date range", (first, last), key="range")
    min_p = c3.slider("Minimum confidence", 0.0, 1.0, 0.0, 0.05, key="min_p")
    c4, c5, c6 = st.columns(3)
    signals = c4.multiselect("Signals", SIGNAL_NAMES, default=list(SIGNAL_NAMES), key="signals")
    all_langs = sorted(mine["lang"].dropna().unique())
    langs = c5.multiselect("Languages", all_langs, default=all_langs, key="langs")
    all_sources = sorted(mine["source"].dropna().unique())
    sources = c6.multiselect("Sources", all_sources, default=all_sources, key="sources")
    since, until = (
        (span[0], span[1]) if isinstance(span, tuple) and len(span) == 2 else (first, last)
    )
    view = cached_pair_view(
        path,
        rev,
        dyad,
        period,
        since.isoformat(),
        until.isoformat(),
        tuple(signals),
        min_p,
        tuple(langs),
        tuple(sources),
    )
    if view.series.empty:
        st.info("No events match these filters.")
        return
    fig = go.Figure()
    s = view.series
    fig.add_trace(
        go.Scatter(
            x=s["day"],
            y=s["baseline_index"],
            name="baseline",
            mode="lines",
            line={"color": "rgba(120,120,120,0.5)", "width": 6},
        )
    )
    fig.add_trace(
        go.Scatter(x=s["day"], y=s["index"], name="index", mode="lines", line={"color": "#b2182b"})
    )
    ev = view.events
    for signal in [x for x in SIGNAL_NAMES if x in set(ev["signal"])]:
        part = ev[ev["signal"] == signal]
        fig.add_trace(
            go.Scatter(
                x=pd.to_datetime(part["date"]),
                y=[102] * len(part),
                mode="markers",
                name=signal,
                marker={"color": SIGNAL_COLOURS[signal], "size": 9, "symbol": "diamond"},
                customdata=part[["sentence", "modality", "probability"]].to_numpy(),
                hovertemplate="%{customdata[0]}<br>%{customdata[1]}, p=%{customdata[2]:.2f}<extra>"
                + signal
                + "</extra>",
            )
        )
    fig.update_layout(
        height=380,
        yaxis={"range": [0, 106], "title": "index"},
        dragmode="select",
        margin={"t": 10},
        legend={"orientation": "h"},
    )
    picked = st.plotly_chart(fig, width="stretch", on_select="rerun", key="pair_chart")
    download(s, f"{dyad}_index_{period}.csv", "dl_series")
    if not view.by_signal.empty:
        bars = go.Figure()
        for signal in view.by_signal.columns:
            bars.add_trace(
                go.Bar(
                    x=view.by_signal.index,
                    y=view.by_signal[signal],
                    name=signal,
                    marker_color=SIGNAL_COLOURS[signal],
                )
            )
        bars.update_layout(
            barmode="relative",
            height=300,
            margin={"t": 10},
            yaxis={"title": "contribution"},
            legend={"orientation": "h"},
        )
        st.plotly_chart(bars, width="stretch")
        download(view.by_signal.reset_index(), f"{dyad}_by_signal.csv", "dl_bysignal")
    chosen = ev
    points = (
        (picked or {}).get("selection", {}).get("points", [])
        if isinstance(picked, dict)
        else getattr(getattr(picked, "selection", None), "points", [])
    )
    if points:
        xs = pd.to_datetime([p["x"] for p in points])
        chosen = ev[pd.to_datetime(ev["date"]).between(xs.min(), xs.max())]
        st.caption(f"Selected {xs.min().date()} to {xs.max().date()}")
    st.subheader(f"Events ({len(chosen)})")
    table = chosen[
        [
            "date",
            "signal",
            "modality",
            "probability",
            "actor",
            "target",
            "kind",
            "weight",
            "sentence",
            "source",
            "lang",
            "title",
            "url",
        ]
    ].sort_values("date", ascending=False)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={"url": st.column_config.LinkColumn("url")},
    )
    download(with_codes(chosen), f"{dyad}_events.csv", "dl_events")
    with st.expander("Evidence, highlighted"):
        for row in table.head(30).itertuples():
            st.markdown(
                f"**{row.date}** · {row.signal} · {row.modality} · p={row.probability:.2f} · "
                f"{plain(row.source or '')} ({row.lang})  \n"
                f":orange-background[{plain(row.sentence)}]"
            )


def page_articles() -> None:
    st.title("Articles")
    how_to_read(
        "Search the stored articles. Pick one to read it with the sentences that carry a "
        "signal highlighted. Text is shown exactly as stored, never as HTML."
    )
    path = store_path()
    c1, c2, c3 = st.columns([2, 1, 1])
    query = c1.text_input("Search text or title", key="q")
    signals = c2.multiselect("Signals", SIGNAL_NAMES, key="a_signals")
    langs = c3.multiselect("Languages", ["de", "en", "fr", "es", "it", "ru"], key="a_langs")
    with Store(path) as store:
        found = views.search_articles(store, query, signals=signals or None, langs=langs or None)
    shown = found[["article_id", "date", "lang", "source", "title", "signals", "countries"]]
    st.dataframe(shown, hide_index=True, width="stretch")
    download(shown, "articles.csv", "dl_articles")
    if found.empty:
        return
    pick = st.selectbox(
        "Read article",
        found["article_id"].head(200),
        format_func=lambda a: f"{a} — {found.set_index('article_id').loc[a, 'title']}"[:120],
        key="pick",
    )
    with Store(path) as store:
        pieces = views.article_segments(store, pick)
        meta = store.article(pick) or {}
    st.caption(plain(f"{meta.get('date')} · {meta.get('source')} · {meta.get('url')}"))
    for text, sigs in pieces:
        if sigs:
            st.markdown(f":orange-background[{plain(text)}] " + " ".join(f"`{s}`" for s in sigs))
        else:
            st.markdown(plain(text))


def page_review() -> None:
    st.title("Weekly review")
    how_to_read(
        "The Monday briefing: top movers, pairs crossing their alert line with the events "
        "that drove them, new signals by type, and the top pairs over 90 days."
    )
    path, rev = str(store_path()), revision()
    events = cached_events(path, rev)
    if events.empty:
        st.info("No events yet.")
        return
    week = st.selectbox("ISO week", views.iso_weeks(events), key="week")
    review = cached_review(path, rev, week)
    st.write(f"{review.start} to {review.end}: {review.articles} articles, {review.events} events")
    st.subheader("Top movers")
    movers = review.movers.head(15)[["pair", "dyad", "index", "previous", "change", "band"]]
    st.dataframe(movers, hide_index=True, width="stretch")
    download(movers, f"movers_{week}.csv", "dl_movers")
    st.subheader("Alerts")
    if review.alerts.empty:
        st.write("No pair crossed its alert threshold this week.")
    else:
        for row in review.alerts.itertuples():
            st.warning(f"**{plain(row.pair)}** — {plain(row.cause)}")
    st.subheader("New signals by type")
    fig = px.bar(
        review.new_signals,
        x="signal",
        y="events",
        color="signal",
        color_discrete_map=SIGNAL_COLOURS,
    )
    fig.update_layout(showlegend=False, height=300, margin={"t": 10})
    st.plotly_chart(fig, width="stretch")
    download(review.new_signals, f"signals_{week}.csv", "dl_newsig")
    st.subheader("Events that drove the week")
    drivers = review.drivers.head(30)[
        ["dyad", "signal", "contribution", "modality", "sources", "sentence"]
    ]
    st.dataframe(drivers, hide_index=True, width="stretch")
    download(review.drivers, f"drivers_{week}.csv", "dl_drivers")
    st.download_button(
        "Download report (HTML)",
        render_html(review).encode("utf-8"),
        file_name=f"tension-review-{week}.html",
        mime="text/html",
        key="dl_html",
    )
    week_events = events[
        (events["date"] >= review.start.isoformat()) & (events["date"] <= review.end.isoformat())
    ]
    download(with_codes(week_events), f"events_{week}.csv", "dl_week_events")


def page_ingest() -> None:
    st.title("Ingest")
    how_to_read(
        "Upload news files (" + ", ".join(sorted(SUFFIXES)) + "). Each file is read, "
        "scored and stored in batches; broken files are listed with the reason and the "
        "rest still goes in. New data shows on every page at once."
    )
    uploads = st.file_uploader("Files", accept_multiple_files=True, key="uploads")
    default_date = st.date_input(
        "Publication date for files that carry none", value=None, key="ing_date"
    )
    if not uploads or not st.button("Ingest", key="go"):
        return
    try:
        model = cached_model()
    except ModelLoadError as exc:
        st.error(str(exc))
        return
    bar = st.progress(0.0, text="Reading…")
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for upload in uploads:
            target = Path(tmp) / Path(upload.name).name
            target.write_bytes(upload.getvalue())
            paths.append(target)
        with open_store() as store:
            report = ingest(
                paths,
                store,
                model,
                default_date=default_date,
                progress=lambda r: bar.progress(
                    min(0.99, r.new / max(r.read, 1)), text=r.summary()
                ),
            )
    bar.progress(1.0, text="Done")
    st.success(report.summary())
    if report.failures:
        st.error("Some inputs failed:")
        st.dataframe(
            pd.DataFrame(
                [{"input": Path(f.origin).name, "reason": f.reason} for f in report.failures]
            ),
            hide_index=True,
        )
    for warning in report.warnings[:50]:
        st.caption(plain(warning))
    st.cache_data.clear()


def page_model() -> None:
    st.title("Model")
    how_to_read(
        "How well the classifier reads, per signal and language, on held-out test "
        "sentences; and a review queue where analysts confirm, reject or relabel the "
        "events the model was least sure of. Verdicts are kept with who and when."
    )
    try:
        model = cached_model()
    except ModelLoadError as exc:
        st.error(str(exc))
        return
    meta = model.meta
    st.write(
        f"Model version `{meta.get('version')}`, "
        f"trained on {meta.get('train_sentences')} sentences."
    )
    metrics = meta.get("test_metrics") or {}
    if metrics:
        per_signal = pd.DataFrame(metrics["per_signal"]).T.reset_index(names="signal")
        st.subheader("Test metrics per signal")
        st.dataframe(per_signal, hide_index=True)
        download(per_signal, "model_per_signal.csv", "dl_model_sig")
        per_lang = pd.DataFrame(
            {
                "language": list(metrics["per_language"]),
                "macro_f1": list(metrics["per_language"].values()),
            }
        )
        st.subheader("Test macro-F1 per language")
        st.dataframe(per_lang, hide_index=True)
        download(per_lang, "model_per_language.csv", "dl_model_lang")
    card = settings.MODELS / "MODEL_CARD.md"
    if card.is_file():
        with st.expander("Full model card"):
            st.markdown(card.read_text(encoding="utf-8"))
    st.subheader("Review queue")
    reviewer = st.text_input("Your name (for the audit trail)", key="reviewer")
    with open_store() as store:
        queue = feedback.review_queue(store, limit=20)
    if queue.empty:
        st.write("Nothing to review.")
    for row in queue.head(10).itertuples():
        with st.container(border=True):
            st.markdown(
                f"**{row.signal}** {row.actor} → {row.target} · p={row.probability:.2f} · "
                f"{row.lang}  \n{plain(row.sentence)}"
            )
            c1, c2, c3, c4, c5, c6 = st.columns([1, 1, 2, 1, 1, 1])
            sig = c3.selectbox(
                "Signal", SIGNAL_NAMES, index=SIGNAL_NAMES.index(row.signal), key=f"s{row.event_id}"
            )
            actor = c4.text_input("Actor", row.actor, key=f"a{row.event_id}")
            target = c5.text_input("Target", row.target, key=f"t{row.event_id}")
            mod = c6.selectbox(
                "Modality",
                MODALITIES,
                index=MODALITIES.index(row.modality) if row.modality in MODALITIES else 2,
                key=f"m{row.event_id}",
            )
            verdict = None
            if c1.button("Confirm", key=f"c{row.event_id}"):
                verdict = "confirm"
            if c2.button("Reject", key=f"r{row.event_id}"):
                verdict = "reject"
            if c3.button("Relabel", key=f"l{row.event_id}"):
                verdict = "relabel"
            if verdict:
                try:
                    with open_store() as store:
                        feedback.record(
                            store,
                            int(row.event_id),
                            verdict,
                            reviewer,
                            sig,
                            actor.upper(),
                            target.upper(),
                            mod,
                        )
                    st.rerun()
                except ValueError as exc:
                    st.error(str(exc))
    with open_store() as store:
        trail = feedback.audit_trail(store)
        jsonl = feedback.training_jsonl(store)
    st.subheader("Audit trail")
    st.dataframe(trail, hide_index=True, width="stretch")
    download(trail, "audit_trail.csv", "dl_trail")
    st.download_button(
        "Export feedback as training data (JSONL)",
        jsonl.encode("utf-8"),
        file_name="feedback.jsonl",
        key="dl_feedback",
    )


PAGES = {
    "Overview": page_overview,
    "Country pair": page_pair,
    "Articles": page_articles,
    "Weekly review": page_review,
    "Ingest": page_ingest,
    "Model": page_model,
}

st.sidebar.title("🌐 Tension Monitor")
choice = st.sidebar.radio("Page", list(PAGES), key="page")
st.sidebar.caption(f"Store: {store_path()}")
PAGES[choice]()
