"""Proclitic splitting and the lexicon-driven decision of what is a clitic."""

from transforms.ner import clitics


def known_from(*forms: str):
    return lambda form: 1.0 if form in forms else 0.0


def test_splits_lists_conjunction_and_preposition_alternatives():
    assert clitics.splits("وبموسكو") == ((0, "وبموسكو"), (1, "بموسكو"), (2, "موسكو"))
    assert clitics.splits("لبوتين") == ((0, "لبوتين"), (1, "بوتين"))


def test_lam_lam_restores_the_article():
    assert clitics.splits("للكرملين")[-1] == (1, "الكرملين")


def test_short_words_are_never_split():
    assert clitics.splits("بكم") == ((0, "بكم"),)
    assert clitics.splits("ولد") == ((0, "ولد"),)


def test_stem_strips_clitics_and_article_only_when_long_enough():
    assert clitics.stem("والصين") == "صين"
    assert clitics.stem("بالعراق") == "عراق"
    assert clitics.stem("الله") == "الله"


def test_known_name_keeps_its_initial_letter():
    known = known_from("بوتين", "وليد")
    assert clitics.proclitic_length("بوتين", known) == 0
    assert clitics.proclitic_length("لبوتين", known) == 1
    assert clitics.proclitic_length("وليد", known) == 0


def test_unknown_names_follow_the_article_and_conjunction_rules():
    unknown = known_from()
    assert clitics.proclitic_length("للكرملين", unknown) == 1
    assert clitics.proclitic_length("بالعراق", unknown) == 1
    assert clitics.proclitic_length("وموسكو", unknown) == 1
    assert clitics.proclitic_length("بيسكوف", unknown) == 0
