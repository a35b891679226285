"""Near-duplicates: republished copies link to their original; same-event articles do not."""

from __future__ import annotations

import polars as pl
import pytest
from ingest_samples import seed

from transforms.dedup import DUPLICATES, NUM_PERM, SIGNATURES, near_duplicates, signatures

SEEDS = {f"seed{n}": seed(n) for n in range(5)}


def edited_copy(text: str) -> str:
    """Another outlet's copy: one sentence cut, a few words changed, a credit line added."""
    lines = text.split("\n")
    del lines[3]
    edited = "\n".join(lines).replace("الأربعاء", "الخميس").replace("بوتين", "الرئيس بوتين", 3)
    return "موسكو (وكالات) -\n" + edited


def frame(articles: dict[str, str]) -> pl.DataFrame:
    return pl.DataFrame({"article_id": list(articles), "body": list(articles.values())})


def test_same_summit_articles_are_not_duplicates():
    assert near_duplicates(frame({"seed0": SEEDS["seed0"], "seed2": SEEDS["seed2"]})).is_empty()
    assert near_duplicates(frame(SEEDS)).is_empty()


def test_edited_copy_links_to_the_original():
    found = near_duplicates(frame({**SEEDS, "copy": edited_copy(SEEDS["seed0"])}))
    assert found.schema == pl.Schema(DUPLICATES)
    assert found.select("article_id", "duplicate_of").rows() == [("copy", "seed0")]
    assert 0.8 < found["similarity"][0] < 1.0


def test_later_run_matches_stored_signatures():
    stored = signatures(frame(SEEDS))
    assert stored.schema == pl.Schema(SIGNATURES)
    assert stored["minhash"].list.len().to_list() == [NUM_PERM] * 5
    found = near_duplicates(frame({"copy": edited_copy(SEEDS["seed0"])}), known=stored)
    assert found.select("article_id", "duplicate_of").rows() == [("copy", "seed0")]


def test_ready_signatures_are_used_as_given():
    batch = signatures(frame({"seed0": SEEDS["seed0"], "copy": edited_copy(SEEDS["seed0"])}))
    assert near_duplicates(batch)["duplicate_of"].to_list() == ["seed0"]


def test_copies_of_a_copy_link_to_the_first_original():
    copy = edited_copy(SEEDS["seed0"])
    found = near_duplicates(frame({"seed0": SEEDS["seed0"], "copy": copy, "copy2": copy + "\nانتهى"}))
    assert found.select("article_id", "duplicate_of").rows() == [("copy", "seed0"), ("copy2", "seed0")]


def test_exact_duplicates_are_robust():
    articles = pl.DataFrame(
        {
            "article_id": ["seed0", "seed0", "same-body", "empty1", "empty2"],
            "body": [SEEDS["seed0"], SEEDS["seed0"], SEEDS["seed0"], "", " ... "],
        }
    )
    found = near_duplicates(articles, known=signatures(frame({"seed0": SEEDS["seed0"]})))
    # a repeated id is the same article, bodies without words are nothing to compare
    assert found.rows() == [("same-body", "seed0", 1.0)]


def test_signature_of_another_size_is_refused():
    stored = pl.DataFrame({"article_id": ["old"], "minhash": [[1, 2, 3]]}, schema=SIGNATURES)
    with pytest.raises(ValueError, match="recompute"):
        near_duplicates(frame({"seed0": SEEDS["seed0"]}), known=stored)
