"""CRF features for Arabic tokens, computed once per distinct word and reused across the window.

Python feature extraction is the cost of a CRF tagger, so everything that depends on the
word alone (forms, affixes, shape, trigger class, cluster) is cached per normalised form,
including the copies prefixed for each window offset. Only gazetteer membership depends
on the sentence and is added per position.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache

from transforms.ner import clitics
from transforms.ner.gazetteer import DATA_DIR, Gazetteer, Match, person_parts, read_list

WINDOW = (-2, -1, 1, 2)
_DIGIT = re.compile(r"\d")
_LATIN = re.compile(r"[A-Za-z]")
_ARABIC = re.compile(r"[\u0621-\u064A]")
_NISBA = re.compile(r"^ال.{2,}(ي|يه|يون|يين|يات)$")
BOS, EOS = "BOS", "EOS"
_BIGRAM, _JOIN = "bi=", "|"


@cache
def triggers() -> dict[str, tuple[str, str | None]]:
    """Normalised trigger word -> (type it announces, subtype or None)."""
    from transforms.arabic import norm_ar

    return {
        norm_ar(row[0]): (row[1], row[2] if len(row) > 2 and row[2] else None)
        for row in read_list(DATA_DIR / "triggers.tsv")
    }


def trigger_of(norm: str) -> tuple[str, str | None] | None:
    """Trigger entry of a word, looked up with and without its proclitics."""
    table = triggers()
    for _, form in reversed(clitics.splits(norm)):
        if form in table:
            return table[form]
    return None


@cache
def person_role_index() -> dict[str, tuple[str, ...]]:
    """Word -> the person-name lists holding it, in `person_parts` order."""
    index: dict[str, tuple[str, ...]] = {}
    for role, names in person_parts().items():
        for name in names:
            index[name] = (*index.get(name, ()), role)
    return index


def person_roles(norm: str) -> list[str]:
    """Person-name lists ("given", "family") holding the word, as written or else without proclitics."""
    index = person_role_index()
    for _, form in clitics.splits(norm):
        roles = index.get(form)
        if roles:
            return list(roles)
    return []


def shape(word: str) -> str:
    """Coarse word class: number, Latin, Arabic, mixed or punctuation."""
    has_digit, has_latin, has_arabic = (
        bool(_DIGIT.search(word)),
        bool(_LATIN.search(word)),
        bool(_ARABIC.search(word)),
    )
    if has_arabic:
        return "arnum" if has_digit else "ar"
    if has_latin:
        return "lat"
    if has_digit:
        return "num"
    return "punct"


def bigram_attribute(previous: str, word: str) -> str:
    """The attribute of a word following another."""
    return f"{_BIGRAM}{previous}{_JOIN}{word}"


def bigram_pairs(attribute: str) -> list[tuple[str, str]]:
    """Every (previous, word) pair whose bigram attribute this is (words may hold the separator)."""
    if not attribute.startswith(_BIGRAM):
        return []
    body = attribute[len(_BIGRAM) :]
    return [(body[:i], body[i + 1 :]) for i, ch in enumerate(body) if ch == _JOIN]


def match_attributes(match: Match, n: int) -> list[tuple[int, str]]:
    """(position, attribute) of a list match in a sentence of n tokens: gB / gI and the list's
    kinds on its tokens, +1:gB on the token before, -1:gE on the token after, and gMulti on
    each token of a multiword match."""
    kinds = sorted({e.kind for e in match.entries})
    out = []
    for j in range(match.start, match.end):
        tag = "gB" if j == match.start else "gI"
        out += [(j, f"{tag}={kind}") for kind in kinds]
        if j - 1 >= 0 and j == match.start:
            out += [(j - 1, f"+1:gB={kind}") for kind in kinds]
        if j == match.end - 1 and j + 1 < n:
            out += [(j + 1, f"-1:gE={kind}") for kind in kinds]
    if match.end - match.start > 1:
        out += [(j, "gMulti") for j in range(match.start, match.end)]
    return out


class FeatureExtractor:
    """Turns sentences of normalised tokens into crfsuite feature lists."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        clusters: Mapping[str, str] | None = None,
        names: Gazetteer | None = None,
    ) -> None:
        """`names`: the training data's own names, matched apart so they never mask a list match."""
        self.gazetteer = gazetteer
        self.clusters = clusters or {}
        self.names = names or Gazetteer()
        self._cache: dict[str, tuple[list[str], dict[int, list[str]]]] = {}

    def word_attributes(self, norm: str) -> tuple[list[str], list[str]]:
        """A word's context attributes (its neighbours see them too, prefixed by offset) and the
        attributes only it has; its own features are both lists."""
        core = clitics.splits(norm)[-1][1]
        st = clitics.strip_article(core)
        sh = shape(norm)
        context = [f"w={norm}", f"st={st}", f"sh={sh}"]
        trig = trigger_of(norm)
        if trig:
            context.append(f"tr={trig[0]}")
        context += [f"pn={role}" for role in person_roles(norm)]
        cluster = self.clusters.get(st)
        if cluster:
            context += [f"cc={cluster.split('-')[0]}", f"c={cluster}"]
        elif self.clusters:
            context.append("rare")
        extras = [
            f"p2={norm[:2]}",
            f"p3={norm[:3]}",
            f"s1={norm[-1:]}",
            f"s2={norm[-2:]}",
            f"s3={norm[-3:]}",
            f"sp3={st[:3]}",
            f"ss2={st[-2:]}",
            f"len={min(len(st), 9)}",
        ]
        if core.startswith(clitics.ARTICLE):
            extras.append("al")
        if core != norm:
            extras.append("clitic")
        if _NISBA.match(core):
            extras.append("nisba")
        if self.gazetteer.lookup(norm):
            extras.append("lex")
        return context, extras

    def word_features(self, norm: str) -> tuple[list[str], dict[int, list[str]]]:
        """Own features of a word, and its context features keyed by window offset (cached)."""
        hit = self._cache.get(norm)
        if hit is not None:
            return hit
        context, extras = self.word_attributes(norm)
        hit = ([*context, *extras], {k: [f"{k}:{f}" for f in context] for k in WINDOW})
        self._cache[norm] = hit
        return hit

    def sentence_features(self, norms: Sequence[str]) -> list[list[str]]:
        """Feature lists for each token of one sentence."""
        per_word = [self.word_features(w) for w in norms]
        n = len(norms)
        out: list[list[str]] = []
        for i in range(n):
            feats = list(per_word[i][0])
            for k in WINDOW:
                j = i + k
                if 0 <= j < n:
                    feats += per_word[j][1][k]
            if i == 0:
                feats.append(BOS)
            if i == n - 1:
                feats.append(EOS)
            if i > 0:
                feats.append(bigram_attribute(norms[i - 1], norms[i]))
            out.append(feats)
        for m in [*self.gazetteer.match(norms), *self.names.match(norms)]:
            for j, attribute in match_attributes(m, n):
                out[j].append(attribute)
        return out
