"""Access to the county's source documents (the "seeds") for provenance checks.

The seeds are PDF-extracted text: spaces and line breaks fall inside words
("回 车镇"). Quotes are therefore compared after removing all whitespace,
which keeps every character the document has, in order.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

SEED_ENV = "XIXIA_SEEDS"
_SENTENCE_END = "。；;！？!?"


def find_seed_dir(start: Path | None = None) -> Path | None:
    """$XIXIA_SEEDS, else the nearest shared/seeds beside an ancestor of the repo."""
    if os.environ.get(SEED_ENV):
        path = Path(os.environ[SEED_ENV])
        return path if path.is_dir() else None
    here = (start or Path(__file__)).resolve()
    for parent in here.parents:
        candidate = parent / "shared" / "seeds"
        if candidate.is_dir():
            return candidate
    return None


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@lru_cache(maxsize=None)
def seed_text(name: str, seed_dir: str) -> str:
    return squash((Path(seed_dir) / name).read_text(encoding="utf-8"))


def sentences(text: str) -> list[str]:
    parts = re.split(f"(?<=[{_SENTENCE_END}])", text)
    return [p for p in parts if p]


def sentence_containing(anchor: str, text: str) -> str:
    """The whole sentence of `text` containing `anchor` (both whitespace-free)."""
    anchor = squash(anchor)
    hits = [s for s in sentences(text) if anchor in s]
    if not hits:
        # The anchor may straddle a sentence end; fall back to the raw span.
        pos = text.find(anchor)
        if pos < 0:
            raise KeyError(f"anchor not found in seed: {anchor[:40]}")
        return anchor
    return hits[0]
