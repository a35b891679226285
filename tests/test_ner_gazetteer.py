"""Gazetteer matching (multiword, clitics, hyphens) and the shipped lists."""

from transforms.arabic import norm_ar
from transforms.ner.gazetteer import Entry, Gazetteer, cities_from_csv, default_gazetteer


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


def test_cities_from_csv_adds_bare_governorate_names_and_drops_latin():
    lines = [
        "CountryNameAr,CountryNameEn,CityNameAr,CityNameEn,Population",
        '"أفغانستان","Afghanistan","ولاية قندهار","Kandahar",614254',
        '"مصر","Egypt","Suez","Suez",500000',
        '"مصر","Egypt","قندهار","Kandahar",10',
    ]
    assert cities_from_csv(lines) == [("قندهار", 614254), ("ولاية قندهار", 614254)]
