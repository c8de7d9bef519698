"""Bad input gets a clear error and nothing is lost: a matrix of broken inputs, each next to a
good one, through the same ingest the CLI uses."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from scoring.ingest import ingest
from scoring.settings import MAX_ARTICLE_CHARS, MAX_FIELD_CHARS
from scoring.store import Store

GOOD = {
    "id": "good-1",
    "date": "2024-04-15",
    "title": "Poland closes consulate",
    "text": "Poland ordered the closure of the Russian consulate in Poznan on Monday.",
}


def _zip_bytes(tmp: Path) -> bytes:
    path = tmp / "a.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("x.txt", "hello")
    return path.read_bytes()


CASES: list[tuple[str, str, object, str | None, int]] = [
    # (kind, file name, content, expected reason fragment or None, good records inside)
    ("empty file", "empty.txt", b"", "empty file", 0),
    ("white space only", "blank.txt", b"  \n\t\n ", "white space", 0),
    ("binary with a text extension", "bin.txt", bytes(range(256)) * 4, "not a text file", 0),
    ("zip renamed .txt", "zip.txt", "ZIP", "ZIP archive", 0),
    ("pdf renamed .txt", "doc.txt", b"%PDF-1.7\n%\xe2\xe3", "PDF document", 0),
    (
        "Latin-1 text",
        "latin1.txt",
        "Titel\n\nDie Außenministerin äußerte sich in Moskau.".encode("latin-1"),
        None,
        1,
    ),
    (
        "Windows-1252 text",
        "cp1252.txt",
        "Title\n\n“Quoted” – the Élysée said.".encode("cp1252"),
        None,
        1,
    ),
    ("UTF-8 with BOM", "bom.txt", "\ufeffTitle\n\nSeoul said.".encode(), None, 1),
    (
        "JSONL with one broken line",
        "mixed.jsonl",
        json.dumps(GOOD) + "\n{oops\n",
        "invalid JSON",
        1,
    ),
    (
        "JSONL object without text",
        "notext.jsonl",
        json.dumps({"title": "t"}) + "\n",
        "no 'text' field",
        0,
    ),
    (
        "JSONL text not a string",
        "nostr.jsonl",
        json.dumps({"text": 42}) + "\n",
        "must be a string",
        0,
    ),
    (
        "JSONL non-ISO date",
        "oddate.jsonl",
        json.dumps({**GOOD, "id": "d1", "date": "15/04/2024"}) + "\n",
        None,
        1,
    ),
    (
        "JSONL far-future date",
        "future.jsonl",
        json.dumps({**GOOD, "id": "f1", "date": "2099-01-01"}) + "\n",
        "in the future",
        0,
    ),
    (
        "JSONL unreadable date",
        "baddate.jsonl",
        json.dumps({**GOOD, "id": "b1", "date": "soon"}) + "\n",
        "unreadable date",
        0,
    ),
    ("CSV without text column", "notext.csv", "title,date\nA,2024-01-01\n", "no text column", 0),
    (
        "CSV with quoted newlines",
        "newlines.csv",
        'title,text\n"T","Line one.\nLine two."\n',
        None,
        1,
    ),
    ("CSV with semicolons", "semi.csv", "title;text\nT;Estonia expelled a diplomat.\n", None, 1),
    ("CSV row with extra cells", "extra.csv", "title,text\nA,B,C\n", "more cells", 0),
    ("RSS that is not XML", "feed.rss", "this is not xml <<<", "not a valid RSS/Atom feed", 0),
    (
        "HTML with script and handlers",
        "page.html",
        "<html><body><script>alert(1)</script><p onclick='x()'>"
        + "Vilnius expelled two diplomats. " * 20
        + "</p></body></html>",
        None,
        1,
    ),
    ("unsupported extension", "notes.docx", b"PK", "unsupported file type", 0),
]


@pytest.mark.parametrize(
    ("kind", "name", "content", "reason", "good"), CASES, ids=[c[0] for c in CASES]
)
def test_bad_input_matrix(tmp_path: Path, model, kind, name, content, reason, good) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    data = _zip_bytes(tmp_path) if content == "ZIP" else content
    (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    anchor = {
        "id": "anchor",
        "date": "2024-05-02",
        "text": "Lithuania expelled a Belarusian envoy.",
    }
    (folder / "always-good.jsonl").write_text(json.dumps(anchor) + "\n", "utf-8")
    with Store(tmp_path / "store") as store:
        # A folder only yields readable types; an unsupported file is named when given directly.
        paths = [folder, folder / name] if name.endswith(".docx") else [folder]
        report = ingest(paths, store, model)
        stored = store.stats()["articles"]
    assert report.read == 1 + good and stored == 1 + good, kind
    if reason is None:
        assert not report.failures, [str(f) for f in report.failures]
    else:
        assert report.failures and all(name in f.origin for f in report.failures)
        assert any(reason in f.reason for f in report.failures), [str(f) for f in report.failures]


def test_missing_path_is_named(tmp_path: Path, model) -> None:
    with Store(tmp_path / "store") as store:
        report = ingest([tmp_path / "nowhere"], store, model)
    assert [f.reason for f in report.failures] == ["no such file or folder"]


def test_oversize_inputs_are_rejected_or_truncated_not_loaded(tmp_path: Path, model) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.write(b"Title\n\n")
        fh.write(b"Lorem ipsum dolor sit amet. " * (50 * 1024 * 1024 // 28))
    huge = tmp_path / "huge.jsonl"
    huge.write_text(
        json.dumps(
            {
                "id": "h1",
                "date": "2024-01-02",
                "title": "T" * 1_000_000,
                "text": "Seoul summoned the envoy. " * 20_000,
            }
        )
        + "\n",
        "utf-8",
    )
    with Store(tmp_path / "store") as store:
        report = ingest([big, huge], store, model)
        row = store.article("h1")
    assert any("big.txt" in f.origin and "over the 5 MB limit" in f.reason for f in report.failures)
    assert row is not None and len(row["title"]) == MAX_FIELD_CHARS
    assert len(row["text"]) <= MAX_ARTICLE_CHARS
    assert any("truncated" in w for w in report.warnings)


def test_a_folder_with_thousands_of_files(tmp_path: Path, model) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(2000):
        (folder / f"{i:04d}.jsonl").write_text(
            json.dumps(
                {"id": f"m{i}", "date": "2024-03-01", "text": f"Routine market note number {i}."}
            )
            + "\n",
            "utf-8",
        )
    (folder / "9999.txt").write_bytes(b"")
    with Store(tmp_path / "store") as store:
        report = ingest([folder], store, model)
        assert store.stats()["articles"] == 2000
    assert report.read == 2000 and len(report.failures) == 1
