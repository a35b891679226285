"""Matching table phrases (units, qualifiers, months) on token sequences, and clitic-aware word stems."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TypeVar

from transforms.quantities.lexicon import PROCLITICS, clitic_forms, per_table, split_clitics
from transforms.quantities.tokens import Tok, skip_norm_prefix

V = TypeVar("V")

# Proclitics a matched phrase may carry on its first word (بحوالي، لنحو، وفبراير).
PHRASE_CLITICS = ("", "و", "ب", "ل", "ف", "وب", "ول")
ARTICLE_PREFIXES = sorted((p for p in PROCLITICS if "ال" in p or p.endswith("لل")), key=len, reverse=True)


@per_table
def phrase_firsts(table: Collection[str]) -> dict[str, tuple[str, str]]:
    """The first words of a table's phrases, in all their clitic forms: a phrase can start nowhere else."""
    return clitic_forms(frozenset(phrase.split(" ")[0] for phrase in table))


@per_table
def phrase_lasts(table: Collection[str]) -> dict[str, tuple[str, str]]:
    """The last words of a table's phrases, in all their clitic forms: a phrase can end nowhere else."""
    return clitic_forms(frozenset(phrase.split(" ")[-1] for phrase in table))


def match_after(toks: list[Tok], j: int, table: Mapping[str, V], max_words: int, clitics: tuple[str, ...] = ("",)) -> tuple[int, V, int] | None:
    """Longest table phrase starting at token j: (number of tokens, value, surface chars of clitics)."""
    if j >= len(toks) or toks[j].norm not in phrase_firsts(table):
        return None
    for n in range(min(max_words, len(toks) - j), 0, -1):
        words = [t.norm for t in toks[j : j + n]]
        for pre in clitics:
            if words[0].startswith(pre) and len(words[0]) > len(pre):
                key = " ".join([words[0][len(pre) :], *words[1:]])
                if key in table:
                    return n, table[key], skip_norm_prefix(toks[j].text, len(pre))
    return None


def match_before(toks: list[Tok], s: int, table: Mapping[str, V], max_words: int) -> tuple[int, int, V] | None:
    """Longest table phrase ending right before token s: (first token, first char after clitics, value)."""
    if s == 0 or toks[s - 1].norm not in phrase_lasts(table):
        return None
    for n in range(min(max_words, s), 0, -1):
        words = [t.norm for t in toks[s - n : s]]
        for pre in PHRASE_CLITICS:
            if words[0].startswith(pre) and len(words[0]) > len(pre):
                key = " ".join([words[0][len(pre) :], *words[1:]])
                if key in table:
                    first = toks[s - n]
                    return s - n, first.start + skip_norm_prefix(first.text, len(pre)), table[key]
    return None


def stem_start(tok: Tok, proclitics: str) -> int:
    """First char of a word once prepositions and conjunctions are dropped; the article stays (الأسبوعين),
    except in ل+ال (للأعوام -> أعوام), where the article has lost its alef."""
    if proclitics.endswith("لل"):
        return tok.start + skip_norm_prefix(tok.text, len(proclitics))
    keep = 2 if proclitics.endswith("ال") else 0
    return tok.start + skip_norm_prefix(tok.text, len(proclitics) - keep)


def word_split(tok: Tok, table: Mapping[str, object] | frozenset[str]) -> tuple[str, str] | None:
    """(proclitics, stem) of a word token whose stem is in `table`."""
    return split_clitics(tok.norm, table) if tok.kind == "word" else None


def bare_stem(tok: Tok) -> tuple[str, str]:
    """(proclitics, stem) of an open-class word: only article-bearing prefixes (وال، بال، لل) are sure
    enough to strip without a dictionary (و starts وزير، ب starts بيت)."""
    word = tok.norm
    for pre in ARTICLE_PREFIXES:
        if word.startswith(pre) and len(word) - len(pre) >= 2:
            at = pre.find("ال")  # (لل has lost the article's alef; clitics carry no diacritics)
            if at >= 0 and tok.text[at : at + 1] in "أإآ":
                return "", word  # ألقاب، آلاف: a hamzated alef is not the article
            return pre, word[len(pre) :]
    return "", word
