"""Shared fixtures: the seed article (read from ../shared, never copied), a trained model."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT.parent / "shared" / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The user's sample article; tests using it skip when ../shared/seeds is absent."""
    seeds = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not seeds:
        pytest.skip(f"seed folder {SEED_DIR} is absent (it is never copied into the repo)")
    return seeds[0]


@pytest.fixture(scope="session")
def model():
    """The trained model bundle (built by `make model` before the suite runs)."""
    from scoring.model import load_model
    from scoring.settings import MODEL_PATH

    if not MODEL_PATH.is_file():
        pytest.fail(f"no model at {MODEL_PATH}: run the suite through `make test`")
    return load_model(MODEL_PATH)
