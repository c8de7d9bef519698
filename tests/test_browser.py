"""End to end in a real headless Chromium (Debian's, never a downloaded one): the app opens,
a pair is selected, a CSV downloads, and screenshots are saved."""

from __future__ import annotations

import csv
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from itertools import islice
from pathlib import Path

import pytest

from scoring.ingest import ingest
from scoring.store import Store

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium")
HOSTILE = "<img src=x onerror=alert(1)><script>alert(2)</script>"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None, reason="Debian chromium not installed (make browser-deps)"
    ),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, model):
    folder = tmp_path_factory.mktemp("browser")
    source = folder / "demo.jsonl"
    hostile = {
        "id": "hostile-1",
        "date": "2024-06-22",
        "title": "Envoy summoned",
        "text": f"South Korea summoned the Russian ambassador on Saturday. {HOSTILE}",
    }
    with (ROOT / "data" / "demo" / "asia.jsonl").open(encoding="utf-8") as fh:
        source.write_text("".join(islice(fh, 120)) + json.dumps(hostile) + "\n", encoding="utf-8")
    with Store(folder / "store") as store:
        ingest([source], store, model)
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "dashboard.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        env={**os.environ, "TENSION_STORE": str(folder / "store")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    yield url
    proc.terminate()
    proc.wait(timeout=20)


def test_open_select_pair_download_csv(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        page.goto(server)
        page.get_by_text("Highest tension").wait_for(timeout=90_000)
        page.screenshot(path=str(tmp_path / "overview.png"))
        page.get_by_text("Country pair", exact=True).first.click()
        page.get_by_text("Pair (type to search)").wait_for(timeout=60_000)
        page.get_by_role("combobox").first.click()
        page.keyboard.type("Taiwan")
        page.keyboard.press("Enter")
        page.get_by_text("Events (").wait_for(timeout=60_000)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(tmp_path / "pair.png"))
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name="Download CSV").first.click()
        target = tmp_path / "index.csv"
        info.value.save_as(target)
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.get_by_text("Articles", exact=True).first.click()
        page.get_by_label("Search text or title").fill("ambassador on Saturday")
        page.keyboard.press("Enter")
        page.get_by_text("onerror=alert(1)").first.wait_for(timeout=60_000)
        page.screenshot(path=str(tmp_path / "hostile.png"))
        assert dialogs == []
        assert page.locator("img[src=x]").count() == 0
        browser.close()
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and {"day", "index", "raw_score"} <= set(rows[0])
    assert (tmp_path / "overview.png").stat().st_size > 10_000
    assert (tmp_path / "pair.png").stat().st_size > 10_000
