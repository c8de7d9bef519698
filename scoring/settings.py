"""Paths, limits and environment overrides: the knobs an operator may turn, in one place."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
TRAINING = DATA / "training"
MODELS = DATA / "models"
MODEL_PATH = MODELS / "tension-model.skops"

STORE_ENV = "TENSION_STORE"
DEFAULT_STORE = DATA / "store"

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Larger input files are rejected unread: nothing a newsroom feeds in is this big."""
MAX_SINGLE_ARTICLE_BYTES = 5 * 1024 * 1024
"""A .txt or .html page larger than this is not an article; it is rejected."""
MAX_ARTICLE_CHARS = 100_000
"""Longer article texts are truncated, with a warning, before scoring."""
MAX_FIELD_CHARS = 2_000
"""Titles, sources and URLs longer than this are truncated."""


def store_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The store folder: an explicit argument, else $TENSION_STORE, else data/store."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(STORE_ENV)
    return Path(env) if env else DEFAULT_STORE
