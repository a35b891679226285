"""Where things live: the repository root, the default inputs and warehouse, shared data."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCES = ["seeds"]
DEFAULT_DB = "warehouse/khabar.duckdb"


def shared_data_dir() -> Path:
    """`../shared/data` beside the clone, or $KHABAR_DATA_DIR; may not exist on a user's machine."""
    return Path(os.environ.get("KHABAR_DATA_DIR", REPO_ROOT.parent / "shared" / "data"))


def anercorp_path(split: str) -> Path:
    """ANERcorp CAMeL Lab split file: split is 'train' or 'test'."""
    return shared_data_dir() / "anercorp" / f"ANERCorp_CamelLab_{split}.txt"
