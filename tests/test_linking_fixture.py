"""The hand-annotated seed fixture: offsets match the raw files, and mentions re-locate in cleaned text."""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from flows.entity_commands import DEFAULT_FIXTURE, DEFAULT_SEEDS, locate_gold, recognise, register, seed_articles
from transforms.frames import ENTITIES, empty
from transforms.linking import link_mentions
from transforms.linking.scoring import mention_scores, pairwise_link_scores

LAYOUT = json.loads(DEFAULT_FIXTURE.with_name("seeds_layout.json").read_text(encoding="utf-8"))
GOLD = json.loads(DEFAULT_FIXTURE.read_text(encoding="utf-8"))
TEXT = {p.name: p.read_text(encoding="utf-8") for p in Path(DEFAULT_SEEDS).glob("*.txt")}
TYPES = {"PERS", "LOC", "ORG", "MISC"}


def test_every_seed_is_annotated_and_offsets_match_the_raw_text() -> None:
    assert {m["file"] for m in GOLD} == set(TEXT)
    for m in GOLD:
        assert TEXT[m["file"]][m["char_start"] : m["char_end"]] == m["surface"], m
        assert m["type"] in TYPES and m["cluster"] and m["zone"] in {"body", "title"}


def test_spans_are_trimmed_and_do_not_overlap() -> None:
    by_file = defaultdict(list)
    for m in GOLD:
        assert m["surface"] == m["surface"].strip() and not re.match(r"[«»\"“”(]", m["surface"]), m
        by_file[m["file"]].append((m["char_start"], m["char_end"]))
    for spans in by_file.values():
        spans.sort()
        assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))


def test_no_mention_inside_page_junk() -> None:
    junk = defaultdict(list)
    for j in LAYOUT["junk"]:
        junk[j["file"]].append((j["char_start"], j["char_end"]))
    for m in GOLD:
        assert not any(a <= m["char_start"] < b for a, b in junk[m["file"]]), m


def test_a_cluster_has_one_type() -> None:
    types = defaultdict(set)
    for m in GOLD:
        types[m["cluster"]].add(m["type"])
    assert all(len(t) == 1 for t in types.values())


def test_occurrence_index_counts_earlier_finds_in_the_same_part_and_zone() -> None:
    """`occurrence` = finds of the surface before the mention, in its part and zone, outside junk."""
    def within(spans: list[dict], file: str, pos: int) -> bool:
        return any(s["file"] == file and s["char_start"] <= pos < s["char_end"] for s in spans)

    def part(file: str, pos: int) -> int:
        return max([0] + [p["part"] for p in LAYOUT["part_starts"] if p["file"] == file and p["char_start"] <= pos])

    for m in GOLD:
        f, start = m["file"], m["char_start"]
        earlier = [
            h.start()
            for h in re.finditer(re.escape(m["surface"]), TEXT[f][:start])
            if not within(LAYOUT["junk"], f, h.start())
            and part(f, h.start()) == m["part"] == part(f, start)
            and within(LAYOUT["titles"], f, h.start()) == (m["zone"] == "title")
        ]
        assert len(earlier) == m["occurrence"], m


def test_gold_mentions_relocate_in_the_cleaned_articles() -> None:
    articles = seed_articles(DEFAULT_SEEDS)
    located = locate_gold(articles, GOLD)
    assert located.height == sum(m["zone"] == "body" for m in GOLD)
    bodies = dict(articles.select("article_id", "body").iter_rows())
    for row in located.iter_rows(named=True):
        assert bodies[row["article_id"]][row["char_start"] : row["char_end"]] == row["surface"]


def test_linker_reaches_the_target_on_gold_mentions() -> None:
    gold = locate_gold(seed_articles(DEFAULT_SEEDS), GOLD)
    linked, entities = link_mentions(gold.drop("cluster"), empty(ENTITIES))
    assert pairwise_link_scores(gold, linked).f1 >= 0.95
    relinked, again = link_mentions(gold.drop("cluster"), entities)  # a re-run against the warehouse
    assert relinked["entity_id"].to_list() == linked["entity_id"].to_list() and again.equals(entities)


def test_recogniser_and_linker_reach_the_targets_on_the_seeds() -> None:
    articles = seed_articles(DEFAULT_SEEDS)
    predicted = recognise(articles)
    if isinstance(predicted, str):
        pytest.skip(predicted)
    gold = locate_gold(articles, GOLD)
    linked, _ = link_mentions(predicted, empty(ENTITIES))
    assert mention_scores(gold, linked)["ALL"].f1 >= 0.85
    assert pairwise_link_scores(gold, linked).f1 >= 0.85


def test_eval_entities_command_runs_on_gold_only() -> None:
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["eval-entities", "--gold-only"])
    assert args.func(args) == 0
