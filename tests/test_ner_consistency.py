"""Document consistency and the contract's conventions (nationalities, titles, currencies, subtypes)."""

from transforms.arabic import norm_ar
from transforms.ner.consistency import propagate
from transforms.ner.conventions import is_mention, is_nationality, listed_type, naming, subtype
from transforms.ner.gazetteer import default_gazetteer


def doc(*sentences: str) -> list[list[str]]:
    return [[norm_ar(w) for w in s.split()] for s in sentences]


def strip_clitic(norm: str) -> str:
    return norm[1:] if norm in {"لبوتين", "وبوش"} else norm


def test_a_name_tagged_once_is_tagged_again():
    sentences = doc("قال فلاديمير بوتين اليوم", "وأكد بوتين ذلك", "ثم اتصل لبوتين")
    tags = [["O", "B-PERS", "I-PERS", "O"], ["O", "O", "O"], ["O", "O", "O"]]
    fixed = propagate(sentences, tags, strip_clitic)
    assert fixed[1] == ["O", "B-PERS", "O"]
    assert fixed[2] == ["O", "O", "B-PERS"]


def test_majority_type_wins_and_existing_tags_are_kept():
    sentences = doc("زار واشنطن", "في واشنطن", "من واشنطن", "قالت واشنطن")
    tags = [["O", "B-LOC"], ["O", "B-LOC"], ["O", "B-ORG"], ["O", "O"]]
    fixed = propagate(sentences, tags, strip_clitic)
    assert fixed[2] == ["O", "B-ORG"] and fixed[3] == ["O", "B-LOC"]


def test_short_forms_do_not_spread():
    sentences = doc("قال لي", "لي")
    assert propagate(sentences, [["O", "B-PERS"], ["O"]], strip_clitic)[1] == ["O"]


def test_nationality_adjectives_are_recognised_from_place_names():
    gaz = default_gazetteer()
    for word in ["الروسي", "الكورية", "المصريون", "والأمريكي"]:
        assert is_nationality(norm_ar(word), gaz), word
    for word in ["روسيا", "الكرملين", "علي"]:
        assert not is_nationality(norm_ar(word), gaz), word


def test_titles_alone_are_not_mentions_but_named_things_are():
    gaz = default_gazetteer()
    assert not is_mention([norm_ar("الرئيس")], "PERS", gaz)
    assert not is_mention([","], "ORG", gaz)
    assert not is_mention([norm_ar("الدولار")], "MISC", gaz)
    assert is_mention([norm_ar("بوتين")], "PERS", gaz)


def test_listed_type_and_subtypes():
    gaz = default_gazetteer()

    def named(text: str):
        words = doc(text)[0]
        return naming(gaz.match(words), len(words))

    assert listed_type(named("بيونغ يانغ")) == "LOC"
    assert listed_type(named("يانغ بيونغ")) is None
    assert subtype(doc("وكالة تاس")[0], None, "ORG", named("وكالة تاس")) == "media"
    assert subtype(doc("هواسونغ")[0], norm_ar("صاروخ"), "MISC", named("هواسونغ")) == "weapon"
    assert subtype(doc("فوستوك")[0], norm_ar("صاروخ"), "MISC", named("فوستوك")) == "weapon"
    assert subtype(doc("أبابيل")[0], norm_ar("المركبة"), "MISC", named("أبابيل")) == "spacecraft"
    assert subtype(doc("روسيا")[0], None, "LOC", named("روسيا")) is None
