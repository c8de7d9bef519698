"""The article: one news item, cleaned, dated and identified, ready to be scored.

Readers hand over loose records (whatever the file called its fields); this module turns
each into an Article or a clear error, so every format obeys the same rules.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from scoring.clean import clean_body, clean_page, posted_lines
from scoring.dates import DateError, date_from_text, parse_date
from scoring.language import detect_language
from scoring.settings import MAX_ARTICLE_CHARS, MAX_FIELD_CHARS

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "guid", "uid", "uuid"),
    "text": ("text", "body", "content", "article", "fulltext", "full_text", "story", "maintext"),
    "title": ("title", "headline", "heading", "header"),
    "date": (
        "date",
        "published",
        "published_at",
        "pubdate",
        "pub_date",
        "publication_date",
        "datetime",
        "timestamp",
        "date_publish",
    ),
    "url": ("url", "link", "href", "source_url"),
    "source": ("source", "site", "sitename", "publisher", "outlet", "feed", "domain"),
    "lang": ("lang", "language"),
    "dateline": ("dateline",),
}


TEXT_DATE_CHARS = 600
"""Only a date near the top (title, "posted on" line, dateline, lead) is the publication date.

It is read before cleaning, because the "Gepostet am 21.06.2024" line that carries it is
page furniture that cleaning drops."""


class ArticleError(ValueError):
    """A record that cannot become an article; the message says why."""


@dataclass
class Article:
    """A cleaned, dated news article. ``date_source`` says where its date came from."""

    article_id: str
    text: str
    title: str = ""
    date: date | None = None
    date_source: str = "none"
    url: str = ""
    source: str = ""
    lang: str = "und"
    dateline: str = ""
    origin: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        """Stable hash of what makes this copy: re-ingesting it adds nothing."""
        return content_hash(self.title, self.text, self.source, self.url)


def content_hash(title: str, text: str, source: str = "", url: str = "") -> str:
    """SHA-1 over the white-space-normalised title, body, source and URL.

    The outlet is part of the identity: the same wire text carried by two outlets is two
    copies of one story (kept, and counted once by the index), not a re-ingest.
    """
    parts = [" ".join(part.split()) for part in (title, text, source, url)]
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()


def map_fields(record: dict[str, object]) -> dict[str, object]:
    """Map a record's own column names onto ours (case-insensitive, first alias wins)."""
    lowered = {str(k).strip().lower(): v for k, v in record.items()}
    out: dict[str, object] = {}
    for ours, aliases in FIELD_ALIASES.items():
        for alias in aliases:
            value = lowered.get(alias)
            if value not in (None, ""):
                out[ours] = value
                break
    return out


def _short(value: object, name: str, warnings: list[str]) -> str:
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)):
        raise ArticleError(f"field {name!r} must be text, got {type(value).__name__}")
    text = " ".join(str(value).split())
    if len(text) > MAX_FIELD_CHARS:
        warnings.append(f"{name} truncated to {MAX_FIELD_CHARS} characters")
        text = text[:MAX_FIELD_CHARS]
    return text


def make_article(
    record: dict[str, object],
    origin: str = "",
    default_date: date | None = None,
    today: date | None = None,
    page: bool = False,
) -> Article:
    """Build an Article from a record; raise ArticleError with the reason if it cannot be.

    ``page`` marks scraped plain text, whose first line is the title.
    """
    fields = map_fields(record)
    text = fields.get("text")
    if text is None:
        raise ArticleError("no 'text' field (or body/content)")
    if not isinstance(text, str):
        raise ArticleError(f"'text' must be a string, got {type(text).__name__}")
    warnings: list[str] = []
    if len(text) > MAX_ARTICLE_CHARS:
        warnings.append(f"text truncated from {len(text)} to {MAX_ARTICLE_CHARS} characters")
        text = text[:MAX_ARTICLE_CHARS]
    title = _short(fields.get("title"), "title", warnings)
    dateline = _short(fields.get("dateline"), "dateline", warnings)
    head = "\n".join([*posted_lines(text[:5000]), title, text[:TEXT_DATE_CHARS]])
    cleaned = clean_page(text) if page and not title else clean_body(text, title)
    title = title or cleaned.title
    text, dateline = cleaned.body, dateline or cleaned.dateline
    if not text.strip():
        raise ArticleError("empty text")
    published, date_source = _resolve_date(fields.get("date"), head, default_date, today)
    lang = _short(fields.get("lang"), "lang", warnings).lower()[:2] or detect_language(
        title + "\n" + text
    )
    given_id = _short(fields.get("id"), "id", warnings)
    url = _short(fields.get("url"), "url", warnings)
    source = _short(fields.get("source"), "source", warnings)
    return Article(
        article_id=given_id or content_hash(title, text, source, url)[:16],
        text=text,
        title=title,
        date=published,
        date_source=date_source,
        url=url,
        source=source,
        lang=lang,
        dateline=dateline,
        origin=origin,
        warnings=warnings,
    )


def _resolve_date(
    meta: object, text: str, default: date | None, today: date | None
) -> tuple[date | None, str]:
    """Metadata first, then a full date written in the text, then the operator's default."""
    if meta not in (None, ""):
        try:
            return parse_date(meta, today), "metadata"
        except DateError as exc:
            raise ArticleError(str(exc)) from None
    found = date_from_text(text, today)
    if found:
        return found, "text"
    if default:
        return default, "default"
    return None, "none"
