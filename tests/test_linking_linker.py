"""The linker: variants and partial names share an entity, distinct people do not, ids are stable."""

from __future__ import annotations

import polars as pl
from linking_helpers import spans

from transforms.frames import ENTITIES, MENTIONS, empty, span_id
from transforms.linking import link_mentions

NONE = empty(ENTITIES)


def ids_by_surface(items: list[tuple[str, str, str]], known: pl.DataFrame = NONE) -> dict[tuple[str, str], str]:
    mentions, _ = link_mentions(spans(items), known)
    return {(r["article_id"], r["surface"]): r["entity_id"] for r in mentions.iter_rows(named=True)}


def test_issue_examples_are_one_entity_each() -> None:
    groups = [
        ("PERS", ["كيم جونغ أون", "كيم جونج أون", "كيم جونغ-أون", "كيم"]),
        ("LOC", ["بيونغ يانغ", "بيونج يانج"]),
        ("LOC", ["فوستوشني", "فوستوتشني"]),
        ("PERS", ["دميتري بيسكوف", "ديمتري بيسكوف", "بيسكوف"]),
        ("LOC", ["كوريا الشمالية", "جمهورية كوريا الشعبية الديمقراطية", "كوريا الديمقراطية"]),
    ]
    # Each variant in its own article: linking must work across articles, not only within one.
    items = [(f"a{i}", name, t) for t, names in groups for i, name in enumerate(names)]
    ids = ids_by_surface(items)
    per_group = [{ids[(f"a{i}", name)] for i, name in enumerate(names)} for _, names in groups]
    assert all(len(g) == 1 for g in per_group)
    assert len(set().union(*per_group)) == len(groups)


def test_people_sharing_a_first_name_are_not_merged() -> None:
    items = [
        ("a", "كيم جونغ أون", "PERS"),
        ("b", "كيم هونغ كيون", "PERS"),
        ("c", "كيم ميونج سيك", "PERS"),
        ("d", "كيم جونغ إيل", "PERS"),
    ]
    assert len(set(ids_by_surface(items).values())) == 4


def test_partial_name_prefers_the_fuller_name_in_its_article() -> None:
    items = [
        ("a", "كيم جونغ أون", "PERS"),
        ("a", "كيم جونغ أون", "PERS"),
        ("a", "كيم", "PERS"),
        ("b", "كيم هونغ كيون", "PERS"),
        ("b", "كيم", "PERS"),
        ("c", "كيم", "PERS"),  # no fuller name here: the most frequent one in the batch
    ]
    ids = ids_by_surface(items)
    assert ids[("a", "كيم")] == ids[("a", "كيم جونغ أون")]
    assert ids[("b", "كيم")] == ids[("b", "كيم هونغ كيون")]
    assert ids[("c", "كيم")] == ids[("a", "كيم جونغ أون")]


def test_places_are_not_partial_names() -> None:
    ids = ids_by_surface([("a", "كوريا الشمالية", "LOC"), ("a", "كوريا", "LOC")])
    assert ids[("a", "كوريا")] != ids[("a", "كوريا الشمالية")]


def test_fuzzy_spelling_slip_leftover_proclitic_and_place_head() -> None:
    items = [
        ("a", "فلاديفوستوك", "LOC"), ("b", "فلاديسفوستوك", "LOC"), ("a", "الكرملين", "ORG"), ("b", "لكرملين", "ORG"),
        ("a", "دنيبرو", "LOC"), ("b", "مدينة دنيبرو", "LOC"), ("a", "القاهرة", "LOC"), ("b", "مطار القاهرة", "LOC"),
    ]
    ids = ids_by_surface(items)
    assert ids[("a", "فلاديفوستوك")] == ids[("b", "فلاديسفوستوك")]
    assert ids[("a", "الكرملين")] == ids[("b", "لكرملين")]
    assert ids[("a", "دنيبرو")] == ids[("b", "مدينة دنيبرو")]
    assert ids[("a", "القاهرة")] != ids[("b", "مطار القاهرة")]


def test_majority_type_wins_and_mentions_follow_it() -> None:
    mentions, entities = link_mentions(spans([("a", "موسكو", "LOC"), ("b", "موسكو", "LOC"), ("c", "موسكو", "ORG")]), NONE)
    assert mentions["type"].to_list() == ["LOC"] * 3
    assert mentions["entity_id"].n_unique() == 1
    assert entities["type"].to_list() == ["LOC"]


def test_output_frames_follow_the_contract() -> None:
    items = [("a", "فلاديمير بوتين", "PERS"), ("a", "بوتين", "PERS"), ("b", "بوتين", "PERS"), ("b", "روسيا", "LOC")]
    mentions, entities = link_mentions(spans(items), NONE)
    assert mentions.schema == pl.Schema(MENTIONS) and entities.schema == pl.Schema(ENTITIES)
    assert mentions["entity_id"].null_count() == 0
    row = mentions.row(1, named=True)
    assert row["mention_id"] == span_id(row["article_id"], row["char_start"], row["char_end"])
    putin = entities.filter(pl.col("type") == "PERS").row(0, named=True)
    assert putin["canonical_name"] == "فلاديمير بوتين"
    assert putin["aliases"] == ["بوتين", "فلاديمير بوتين"]
    assert (putin["n_mentions"], putin["n_articles"]) == (3, 2)


def test_empty_input() -> None:
    mentions, entities = link_mentions(spans([]), NONE)
    assert mentions.is_empty() and entities.is_empty()


BATCH_1 = [("a", "كيم جونغ أون", "PERS"), ("a", "كيم", "PERS"), ("a", "دميتري بيسكوف", "PERS"), ("a", "بيونغ يانغ", "LOC")]
BATCH_2 = [("b", "كيم جونج أون", "PERS"), ("c", "كيم", "PERS"), ("c", "بيسكوف", "PERS"), ("c", "بيونج يانج", "LOC"), ("c", "سيول", "LOC")]


def test_ids_are_stable_across_reruns_and_batches() -> None:
    once = ids_by_surface(BATCH_1 + BATCH_2)
    assert ids_by_surface(BATCH_1 + BATCH_2) == once
    _, entities = link_mentions(spans(BATCH_1 + BATCH_2), NONE)
    assert ids_by_surface(BATCH_1 + BATCH_2, known=entities) == once  # re-run against the warehouse
    first_mentions, first_entities = link_mentions(spans(BATCH_1), NONE)
    second = ids_by_surface(BATCH_2, known=first_entities)
    first = {(r["article_id"], r["surface"]): r["entity_id"] for r in first_mentions.iter_rows(named=True)}
    assert {**first, **second} == once


def test_known_entity_keeps_its_id_and_gains_aliases() -> None:
    known = pl.DataFrame(
        [{"entity_id": "e-kim", "type": "PERS", "canonical_name": "كيم جونغ أون", "aliases": ["كيم جونغ أون", "كيم"], "n_mentions": 9, "n_articles": 3}],
        schema=ENTITIES,
    )
    mentions, entities = link_mentions(spans([("z", "كيم جونج أون", "PERS"), ("y", "كيم", "PERS")]), known)
    assert set(mentions["entity_id"]) == {"e-kim"}
    row = entities.row(0, named=True)
    assert row["canonical_name"] == "كيم جونغ أون"
    assert row["aliases"] == sorted({"كيم جونغ أون", "كيم", "كيم جونج أون"})
    assert (row["n_mentions"], row["n_articles"]) == (2, 2)  # counts of this batch only


def test_fuller_name_takes_over_a_known_family_name_but_not_a_known_first_name() -> None:
    known = pl.DataFrame(
        [
            {"entity_id": "e-peskov", "type": "PERS", "canonical_name": "بيسكوف", "aliases": ["بيسكوف"], "n_mentions": 2, "n_articles": 1},
            {"entity_id": "e-kim", "type": "PERS", "canonical_name": "كيم", "aliases": ["كيم"], "n_mentions": 2, "n_articles": 1},
        ],
        schema=ENTITIES,
    )
    mentions, entities = link_mentions(spans([("a", "ديمتري بيسكوف", "PERS"), ("b", "كيم ميونج سيك", "PERS")]), known)
    ids = dict(zip(mentions["surface"], mentions["entity_id"]))
    assert ids["ديمتري بيسكوف"] == "e-peskov"
    assert ids["كيم ميونج سيك"] != "e-kim"
    assert entities.filter(pl.col("entity_id") == "e-peskov")["canonical_name"].to_list() == ["ديمتري بيسكوف"]


def test_partial_name_goes_to_the_best_supported_fuller_name_of_its_article() -> None:
    known = pl.DataFrame(
        [{"entity_id": "e-kim", "type": "PERS", "canonical_name": "كيم جونغ أون", "aliases": ["كيم جونغ أون", "كيم"], "n_mentions": 9, "n_articles": 3}],
        schema=ENTITIES,
    )
    items = [
        ("a", "كيم جونغ أون", "PERS"), ("a", "كيم هونغ كيون", "PERS"), ("a", "كيم هونغ كيون", "PERS"), ("a", "كيم", "PERS"),
        ("b", "كيم جونغ أون", "PERS"), ("b", "كيم جونغ أون", "PERS"), ("b", "كيم هونغ كيون", "PERS"), ("b", "كيم", "PERS"),
        ("c", "كيم", "PERS"),
    ]
    ids = ids_by_surface(items, known)
    assert ids[("a", "كيم")] == ids[("a", "كيم هونغ كيون")] != "e-kim"
    assert ids[("b", "كيم")] == ids[("b", "كيم جونغ أون")] == "e-kim"
    assert ids[("c", "كيم")] == "e-kim"
