"""Readers for every input format a risk team collects: text, HTML, JSONL, CSV, feeds.

Each reader turns one file into records and per-record errors; it never raises for bad
content, so one broken file (or line) is reported by name and the rest of the batch goes in.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from scoring.article import FIELD_ALIASES
from scoring.settings import MAX_FILE_BYTES, MAX_SINGLE_ARTICLE_BYTES

TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv", ".tsv"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | FEED_SUFFIXES

_MAGIC = {
    b"PK\x03\x04": "a ZIP archive (or Office document)",
    b"%PDF": "a PDF document",
    b"\x1f\x8b": "a gzip archive",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
}


class InputError(ValueError):
    """A file or record that cannot be read; the message gives the reason."""


@dataclass(frozen=True, slots=True)
class Record:
    """One raw article record and where it came from (``path:line`` for line formats)."""

    fields: dict[str, object]
    origin: str
    page: bool = False
    """True for scraped plain text, whose first line is the title."""


@dataclass(frozen=True, slots=True)
class Failure:
    """One input that could not be read, by name and reason."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


def decode(data: bytes) -> str:
    """Decode bytes as UTF-8 (BOM or not), else a detected encoding; refuse binary data."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"not a text file: looks like {what}")
    if b"\x00" in data[:4096]:
        raise InputError("not a text file: contains NUL bytes (binary data)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputError("unknown text encoding (not UTF-8, and no other encoding fits)")
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError(f"text encoding {best.encoding} does not decode the file") from exc
    controls = sum(1 for ch in text[:10_000] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > 0.01 * min(len(text), 10_000):
        raise InputError("not a text file: too many control characters (binary data)")
    return text


def iter_paths(paths: list[Path]) -> Iterator[Path | Failure]:
    """Expand folders recursively (sorted, readable suffixes only); name what does not exist."""
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in SUFFIXES and not child.name.startswith("."):
                    yield child
        elif path.is_file():
            yield path
        else:
            yield Failure(str(path), "no such file or folder")


def read_file(path: Path) -> Iterator[Record | Failure]:
    """Read one file into records; every problem comes out as a Failure, never an exception."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield Failure(
            str(path),
            f"unsupported file type {suffix or '(none)'}; use one of "
            + ", ".join(sorted(SUFFIXES)),
        )
        return
    try:
        size = path.stat().st_size
        limit = MAX_FILE_BYTES
        if suffix in TEXT_SUFFIXES | HTML_SUFFIXES:
            limit = MAX_SINGLE_ARTICLE_BYTES
        if size > limit:
            raise InputError(f"file is {size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit")
        if size == 0:
            raise InputError("empty file")
        text = decode(path.read_bytes())
        if not text.strip():
            raise InputError("file holds only white space")
        reader = _READERS[suffix]
        yield from reader(text, str(path))
    except InputError as exc:
        yield Failure(str(path), str(exc))
    except OSError as exc:
        yield Failure(str(path), f"cannot read: {exc.strerror or exc}")


def html_to_text(html: str) -> str:
    """Visible text of an HTML fragment (feed summaries); scripts and styles dropped."""
    from lxml import html as lxml_html
    from lxml.etree import ParserError

    try:
        root = lxml_html.fromstring(html)
    except (ParserError, ValueError):
        return html
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for block in root.xpath("//p|//br|//div|//li|//h1|//h2|//h3"):
        block.tail = "\n" + (block.tail or "")
    return root.text_content()


def _read_text(text: str, origin: str) -> Iterator[Record | Failure]:
    yield Record({"text": text}, origin, page=True)


def _read_html(text: str, origin: str) -> Iterator[Record | Failure]:
    import trafilatura

    doc = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    body = getattr(doc, "text", None) if doc is not None else None
    if not body:
        body = html_to_text(text)
    if not body.strip():
        raise InputError("HTML page has no readable main text")
    fields: dict[str, object] = {"text": body}
    for name in ("title", "date", "url", "sitename"):
        value = getattr(doc, name, None) if doc is not None else None
        if value:
            fields["source" if name == "sitename" else name] = value
    yield Record(fields, origin)


def _read_jsonl(text: str, origin: str) -> Iterator[Record | Failure]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield Failure(where, f"expected a JSON object, got {type(obj).__name__}")
            continue
        yield Record(obj, where)


def _read_csv(text: str, origin: str) -> Iterator[Record | Failure]:
    sample = text[:20_000]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(MAX_FILE_BYTES)
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if not set(header) & set(FIELD_ALIASES["text"]):
        raise InputError(
            f"no text column: found columns {header}; expected one of {list(FIELD_ALIASES['text'])}"
        )
    try:
        for row in reader:
            where = f"{origin}:{reader.line_num}"
            if None in row:
                yield Failure(where, "row has more cells than the header")
                continue
            yield Record(dict(row), where)
    except csv.Error as exc:
        yield Failure(f"{origin}:{reader.line_num}", f"malformed CSV: {exc}")


def _read_feed(text: str, origin: str) -> Iterator[Record | Failure]:
    import feedparser

    feed = feedparser.parse(text)
    if feed.bozo and not feed.entries:
        reason = getattr(feed, "bozo_exception", "not a valid RSS/Atom feed")
        raise InputError(f"not a valid RSS/Atom feed: {reason}")
    if not feed.entries:
        raise InputError("feed has no entries")
    site = feed.feed.get("title", "")
    for number, entry in enumerate(feed.entries, 1):
        content = entry.get("content") or []
        body = content[0].get("value", "") if content else entry.get("summary", "")
        fields: dict[str, object] = {
            "id": entry.get("id") or entry.get("link") or "",
            "title": entry.get("title", ""),
            "text": html_to_text(body) if body else "",
            "url": entry.get("link", ""),
            "source": site,
            "date": entry.get("published") or entry.get("updated") or "",
        }
        yield Record(fields, f"{origin}#{number}")


_READERS = {
    **dict.fromkeys(TEXT_SUFFIXES, _read_text),
    **dict.fromkeys(HTML_SUFFIXES, _read_html),
    **dict.fromkeys(JSONL_SUFFIXES, _read_jsonl),
    **dict.fromkeys(CSV_SUFFIXES, _read_csv),
    **dict.fromkeys(FEED_SUFFIXES, _read_feed),
}
