"""Offline language identification with lingua, restricted to the languages we meet.

Restricting lingua to a dozen languages keeps it fast and accurate; languages outside our
six are still recognised (so a Portuguese article is not scored as Spanish unflagged).
"""

from __future__ import annotations

from functools import cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

SUPPORTED: tuple[str, ...] = ("de", "en", "fr", "es", "it", "ru")
"""Languages the classifier was trained on."""
RECOGNISED: tuple[str, ...] = (*SUPPORTED, "pt", "nl", "pl", "uk", "tr", "sv")
"""Also recognised, so they are flagged rather than mistaken for a supported one."""
SAMPLE_CHARS = 1_500
"""Detection reads the start of the text only: enough for a confident answer, and fast."""


@cache
def _detector() -> LanguageDetector:
    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in RECOGNISED]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or "und" when it cannot be told."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < 3:
        return "und"
    found = _detector().detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found else "und"
