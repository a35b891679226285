"""Token features: forms, shapes, triggers, window copies and gazetteer membership."""

from transforms.arabic import norm_ar
from transforms.ner.features import FeatureExtractor, person_roles, shape, trigger_of
from transforms.ner.gazetteer import Entry, Gazetteer


def extractor() -> FeatureExtractor:
    gaz = Gazetteer()
    gaz.add([("بيونغ يانغ", Entry("CITY")), ("بوتين", Entry("PERS"))])
    return FeatureExtractor(gaz, clusters={"بوتين": "3-41"})


def test_shape_classes():
    assert [shape(w) for w in ["بوتين", "2023", "BM", ".", "ميغ31"]] == [
        "ar", "num", "lat", "punct", "arnum"
    ]


def test_trigger_words_are_found_through_clitics():
    assert trigger_of(norm_ar("الرئيس")) == ("PERS", None)
    assert trigger_of(norm_ar("ووكالة")) == ("ORG", "agency")
    assert trigger_of(norm_ar("بوتين")) is None


def test_word_features_hold_forms_affixes_and_cluster():
    own, context = extractor().word_features(norm_ar("لبوتين"))
    assert {"w=لبوتين", "st=بوتين", "sh=ar", "c=3-41", "cc=3", "clitic", "lex"} <= set(own)
    assert "-1:st=بوتين" in context[-1] and "2:w=لبوتين" in context[2]


def test_sentence_features_copy_neighbours_and_mark_gazetteer_spans():
    feats = extractor().sentence_features([norm_ar(w) for w in "قال الرئيس بوتين في بيونغ يانغ".split()])
    assert "-1:tr=PERS" in feats[2] and "1:w=بوتين" in feats[1]
    assert "gB=PERS" in feats[2]
    assert {"gB=CITY", "gMulti"} <= set(feats[4]) and "gI=CITY" in feats[5]
    assert "BOS" in feats[0] and "EOS" in feats[5]


def test_features_are_cached_per_word():
    ext = extractor()
    assert ext.word_features("روسيا") is ext.word_features("روسيا")


def test_person_name_lists_mark_given_and_family_names_through_clitics():
    assert "given" in person_roles(norm_ar("وأحمد"))
    assert "family" in person_roles(norm_ar("بوش"))
    assert person_roles(norm_ar("قال")) == []
    feats = extractor().sentence_features([norm_ar(w) for w in "قال أحمد الشامي".split()])
    assert "pn=given" in feats[1] and "-1:pn=given" in feats[2]

