"""Scraped aggregator pages: title, dateline and body come out; furniture does not."""

from scoring.clean import clean_page, split_dateline

PAGE = """Manöver vor Taiwan | Peking schickt Kriegsschiffe

Manöver vor Taiwan | Peking schickt Kriegsschiffe
Manöver vor Taiwan | Peking schickt Kriegsschiffe
-

(Taipeh) China hat am Montag ein großes Manöver rund um Taiwan begonnen.


Gepostet um 9:12 Uhr.

Das Verteidigungsministerium in Taipeh zählte 25 Kriegsschiffe.

-

PREV Frankreich gewinnt gegen Spanien im Halbfinale
NEXT Japan meldet Rekordexporte nach Russland
"""


def test_title_dateline_body() -> None:
    page = clean_page(PAGE)
    assert page.title == "Manöver vor Taiwan | Peking schickt Kriegsschiffe"
    assert page.dateline == "Taipeh"
    assert page.body.startswith("China hat am Montag")
    assert "Kriegsschiffe." in page.body


def test_navigation_repeated_titles_and_posted_line_are_dropped() -> None:
    body = clean_page(PAGE).body
    for furniture in ("PREV", "NEXT", "Frankreich", "Japan", "Gepostet", "Manöver vor Taiwan |"):
        assert furniture not in body
    assert "\n-\n" not in "\n" + body + "\n"


def test_datelines_in_wire_styles() -> None:
    assert split_dateline("SEOUL, June 21 (Reuters) - South Korea said")[0] == "Seoul"
    assert split_dateline("MOSKAU/KIEW (dpa) - Russland hat")[0] == "Moskau"
    assert split_dateline("(AP) — The ministry said")[0] == ""
    assert split_dateline("US President Biden said") == ("", "US President Biden said")
