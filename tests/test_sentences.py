"""Sentence splitting keeps abbreviations, initials and German ordinal dates together."""

import pytest

from scoring.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Seoul reagierte am 21. Juni 2024. Moskau schwieg.", 2),
        ("Dr. Kim sagte, die U.S. Regierung sei informiert. Dann ging er.", 2),
        ("M. Macron a parlé. Le Kremlin a répondu.", 2),
        ("«Es un error», dijo el canciller. Luego se fue.", 2),
        ("Он сказал, т.е. ничего нового. Путин уехал.", 2),
        ("Erste Zeile ohne Punkt\nZweite Zeile.", 2),
        ("Warum? Darum!", 2),
        ("Gen. Austin met J. Smith on Monday.", 1),
    ],
)
def test_sentence_counts(text: str, expected: int) -> None:
    assert len(split_sentences(text)) == expected


def test_spans_point_into_the_text() -> None:
    text = "  Seoul summoned the envoy.  Moscow replied.\n\nNo comment."
    for span in split_sentences(text):
        assert text[span.start : span.end] == span.text
