"""The counted object: the noun a number counts, without clitics or article, in the singular when the
rules can tell (no morphological analyser is available offline).

Order: the plural table (قذائف -> قذيفة), then sound feminine plurals (مسيرات -> مسيرة; اختيارات ->
اختيار for verbal nouns), sound masculine and nisba plurals (مسلحين -> مسلح، فلسطينيين -> فلسطيني),
and the accusative alef that follows numbers 11-99 (صاروخا -> صاروخ).
"""

from __future__ import annotations

from camel_tools.utils.dediac import dediac_ar

from transforms.quantities.lexicon import Lexicon, norm
from transforms.quantities.phrases import bare_stem
from transforms.quantities.tokens import Tok, skip_norm_prefix

TATWEEL = "\u0640"


def clean(text: str) -> str:
    return dediac_ar(text).replace(TATWEEL, "")


def singular(surface: str, lex: Lexicon) -> str:
    """Singular of a clitic-free noun in surface spelling."""
    word = clean(surface)
    key = norm(word)
    if key in lex.plurals:
        return lex.plurals[key]
    if key + "ن" in lex.plurals:  # construct form: مقاتلي الحزب
        return lex.plurals[key + "ن"]
    if len(key) > 3 and key.endswith("ات"):
        return word[:-2] if _masculine_at(key[:-2]) else word[:-2] + "ة"
    if len(key) > 4 and key.endswith(("يين", "يون", "ين")) or len(key) > 5 and key.endswith("ون"):
        return word[:-2]  # فلسطينيين -> فلسطيني، مسلحين -> مسلح (a number's noun in -ين is not a singular)
    if len(key) > 3 and key.endswith("ا") and not key.endswith(("اا", "يا")):
        return word[:-1]
    if len(key) > 4 and key.endswith("يا"):  # جنديا -> جندي
        return word[:-1]
    return word


def _masculine_at(stem: str) -> bool:
    """Stems whose -ات plural has no ة in the singular: verbal nouns of the derived forms (اختيارات،
    اجتماعات، استثمارات، تحقيقات) and stems in -اء (إجراءات، لقاءات)."""
    if stem.endswith("اء"):
        return True
    if len(stem) >= 5 and stem[0] == "ا" and stem[-2] == "ا":
        return True  # افتعال، انفعال، استفعال، إفعال (but إصابة، إدارة have four letters)
    return len(stem) == 5 and stem[0] == "ت" and stem[-2] == "ي"  # تفعيل


def object_of(tok: Tok, lex: Lexicon) -> str:
    """Counted object named by a word token: article and article-bearing clitics stripped, singularised."""
    pre, _ = bare_stem(tok)
    return singular(tok.text[skip_norm_prefix(tok.text, len(pre)) :], lex)


def is_content_word(tok: Tok, lex: Lexicon) -> bool:
    """An Arabic word that may name a counted thing: not a function word, number, month or cue."""
    if tok.kind != "word" or tok.latin or len(tok.norm) < 2:
        return False
    _, stem = bare_stem(tok)
    return not (
        lex.cue(tok.norm, "function")
        or lex.cue(stem, "function")
        or tok.norm in lex.number_words
        or stem in lex.number_words
        or stem in lex.months
        or tok.norm in lex.qualifiers_before
    )
