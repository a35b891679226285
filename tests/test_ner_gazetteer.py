"""Gazetteer matching (multiword, clitics, hyphens) and the shipped lists."""

from transforms.arabic import norm_ar
import sqlite3

from transforms.ner.gazetteer import (
    Entry,
    Gazetteer,
    cities_from_csv,
    clubs_from_names,
    default_gazetteer,
    person_parts_from_db,
    person_parts_from_full_names,
)


def norms(text: str) -> list[str]:
    return [norm_ar(w) for w in text.split()]


def test_longest_match_with_clitic_on_the_first_token():
    gaz = Gazetteer()
    gaz.add([("كوريا", Entry("COUNTRY")), ("كوريا الشمالية", Entry("LOC")), ("بوتين", Entry("PERS"))])
    matches = gaz.match(norms("زار لبوتين وكوريا الشمالية"))
    assert [(m.start, m.end, m.prefix) for m in matches] == [(1, 2, 1), (2, 4, 1)]
    assert matches[1].entries == (Entry("LOC"),)


def test_hyphen_between_name_parts_is_skipped():
    gaz = Gazetteer()
    gaz.add([("كيم جونغ أون", Entry("PERS"))])
    (match,) = gaz.match(norms("قال كيم جونغ - أون"))
    assert (match.start, match.end) == (1, 5)


def test_shipped_lists_cover_countries_cities_and_aliases():
    gaz = default_gazetteer()
    assert Entry("COUNTRY") in gaz.lookup(norm_ar("روسيا"))
    assert Entry("CITY") in gaz.lookup(norm_ar("وطوكيو"))
    assert Entry("ORG", "government") in gaz.lookup(norm_ar("الكرملين"))
    assert gaz.starts_name(norm_ar("بيونغ"))
    assert Entry("CLUB") in gaz.lookup(norm_ar("برشلونة"))


def test_cities_from_csv_adds_bare_governorate_names_and_drops_latin():
    lines = [
        "CountryNameAr,CountryNameEn,CityNameAr,CityNameEn,Population",
        '"أفغانستان","Afghanistan","ولاية قندهار","Kandahar",614254',
        '"مصر","Egypt","Suez","Suez",500000',
        '"مصر","Egypt","قندهار","Kandahar",10',
    ]
    assert cities_from_csv(lines) == [("قندهار", 614254), ("ولاية قندهار", 614254)]


def test_person_parts_from_db_keep_frequent_arab_one_word_units(tmp_path):
    db = tmp_path / "names.sqlite3"
    with sqlite3.connect(db) as con:
        con.execute("CREATE TABLE units (arabic_key, latin, country, role, count)")
        con.executemany(
            "INSERT INTO units VALUES (?, ?, ?, ?, ?)",
            [
                ("أحمد", "Ahmed", "EG", "given", 3),
                ("السيد", "El Sayed", "EG", "surname", 1),
                ("السيد", "Al Sayed", "SY", "surname", 1),
                ("رضائي", "Rezaei", "IR", "surname", 9),
                ("عبد الله", "Abdullah", "SA", "given", 9),
                ("خالد", "Khaled", "SA", "unknown", 9),
            ],
        )
    assert person_parts_from_db(db, min_count=2) == {"given": {"احمد"}, "family": {"السيد"}}


def test_person_parts_from_full_names_take_first_and_last_words():
    parts = person_parts_from_full_names(["جورج دبليو بوش", "ابن خلدون", "50 سنت", "بيليه"])
    assert parts == {"given": {"جورج"}, "family": {"بوش", "خلدون"}}


def test_clubs_lose_heads_sport_tails_and_country_adjectives():
    names = ["نادي برشلونة لكرة القدم", "نادي السد القطري", "دوري أبطال أوروبا", "إيه سي ميلان", "FC X"]
    assert clubs_from_names(names) == {"برشلونة", "السد القطري", "السد", "إيه سي ميلان"}
