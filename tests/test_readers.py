"""Every reader turns a file into records, and every broken input into a named failure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scoring.article import ArticleError, make_article
from scoring.readers import Failure, InputError, Record, decode, iter_paths, read_file


def read(path: Path) -> tuple[list[Record], list[Failure]]:
    items = list(read_file(path))
    return [i for i in items if isinstance(i, Record)], [i for i in items if isinstance(i, Failure)]


def test_plain_text_page_is_one_record(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "Titel\n\nTitel\n-\n\n(Berlin) Die Regierung bestellte den Botschafter ein.\n", "utf-8"
    )
    records, failures = read(page)
    assert not failures and len(records) == 1 and records[0].page
    article = make_article(records[0].fields, page=True)
    assert article.title == "Titel" and article.dateline == "Berlin"


def test_jsonl_maps_columns_and_names_the_broken_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps(
            {"headline": "A", "body": "Seoul summoned the envoy.", "published": "2024-06-21"}
        )
        + "\n{broken json\n"
        + json.dumps({"title": "no text here"})
        + "\n",
        "utf-8",
    )
    records, failures = read(path)
    assert len(records) == 2
    assert failures[0].origin.endswith("feed.jsonl:2") and "invalid JSON" in failures[0].reason
    article = make_article(records[0].fields)
    assert (article.title, str(article.date)) == ("A", "2024-06-21")
    with pytest.raises(ArticleError, match="no 'text' field"):
        make_article(records[1].fields)


def test_text_must_be_a_string() -> None:
    with pytest.raises(ArticleError, match="must be a string"):
        make_article({"text": ["a", "list"]})


def test_csv_with_semicolons_and_quoted_newlines(tmp_path: Path) -> None:
    path = tmp_path / "items.csv"
    path.write_text('title;text;date\n"T";"Zeile eins.\nZeile zwei.";2024-01-05\n', "utf-8")
    records, failures = read(path)
    assert not failures and records[0].fields["text"] == "Zeile eins.\nZeile zwei."


def test_csv_without_text_column_fails_clearly(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("title,date\nA,2024-01-01\n", "utf-8")
    _, failures = read(path)
    assert len(failures) == 1 and "no text column" in failures[0].reason


def test_rss_feed_entries(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(
        """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
        <item><title>Envoy expelled</title><link>https://news.example/1</link>
        <description>&lt;p&gt;Estonia expelled a Russian diplomat.&lt;/p&gt;</description>
        <pubDate>Fri, 21 Jun 2024 07:47:00 GMT</pubDate></item></channel></rss>""",
        "utf-8",
    )
    records, failures = read(path)
    assert not failures
    article = make_article(records[0].fields)
    assert article.text == "Estonia expelled a Russian diplomat."
    assert (article.source, str(article.date)) == ("Wire", "2024-06-21")


def test_html_page_main_text_without_scripts(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    body = " ".join(["Die Regierung in Vilnius wies am Montag zwei Diplomaten aus."] * 8)
    path.write_text(
        f"<html><head><title>Ausweisung</title><script>alert(1)</script></head><body>"
        f"<nav>Home | Sport</nav><article><h1>Ausweisung</h1><p>{body}</p>"
        f"<p onclick='steal()'>{body}</p></article></body></html>",
        "utf-8",
    )
    records, failures = read(path)
    assert not failures
    text = str(records[0].fields["text"])
    assert "Vilnius" in text and "alert(1)" not in text and "steal" not in text


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\t ", "white space"),
        (b"PK\x03\x04rest-of-zip", "ZIP"),
        (b"%PDF-1.7 ...", "PDF"),
        (b"abc\x00\x01\x02def", "NUL"),
    ],
)
def test_unreadable_text_files(tmp_path: Path, payload: bytes, reason: str) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(payload)
    _, failures = read(path)
    assert len(failures) == 1 and reason in failures[0].reason


def test_latin1_and_bom_are_decoded_not_mangled() -> None:
    assert decode("Außenministerium in Moskau".encode("latin-1")) == "Außenministerium in Moskau"
    assert decode("Südkorea".encode("utf-8-sig")) == "Südkorea"
    assert decode("Élysée – “quote”".encode("cp1252")) == "Élysée – “quote”"


def test_missing_paths_and_unknown_suffixes(tmp_path: Path) -> None:
    (tmp_path / "notes.docx").write_bytes(b"x")
    assert [str(f) for f in iter_paths([tmp_path / "nope"])] == [
        f"{tmp_path / 'nope'}: no such file or folder"
    ]
    _, failures = read(tmp_path / "notes.docx")
    assert "unsupported file type .docx" in failures[0].reason


def test_binary_refused_by_decode() -> None:
    with pytest.raises(InputError):
        decode(bytes(range(256)) * 10)
