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
from transforms.ner.gazetteer import DATA_DIR, Gazetteer, person_parts, read_list

WINDOW = (-2, -1, 1, 2)
_DIGIT = re.compile(r"\d")
_LATIN = re.compile(r"[A-Za-z]")
_ARABIC = re.compile(r"[\u0621-\u064A]")
_NISBA = re.compile(r"^ال.{2,}(ي|يه|يون|يين|يات)$")


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


def person_roles(norm: str) -> list[str]:
    """Person-name lists ("given", "family") holding the word, as written or else without proclitics."""
    parts = person_parts()
    for _, form in clitics.splits(norm):
        roles = [role for role, names in parts.items() if form in names]
        if roles:
            return roles
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

    def word_features(self, norm: str) -> tuple[list[str], dict[int, list[str]]]:
        """Own features of a word, and its context features keyed by window offset."""
        hit = self._cache.get(norm)
        if hit is not None:
            return hit
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
        own = [
            *context,
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
            own.append("al")
        if core != norm:
            own.append("clitic")
        if _NISBA.match(core):
            own.append("nisba")
        if self.gazetteer.lookup(norm):
            own.append("lex")
        hit = (own, {k: [f"{k}:{f}" for f in context] for k in WINDOW})
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
                feats.append("BOS")
            if i == n - 1:
                feats.append("EOS")
            if i > 0:
                feats.append(f"bi={norms[i - 1]}|{norms[i]}")
            out.append(feats)
        for m in [*self.gazetteer.match(norms), *self.names.match(norms)]:
            kinds = sorted({e.kind for e in m.entries})
            for j in range(m.start, m.end):
                tag = "gB" if j == m.start else "gI"
                out[j] += [f"{tag}={kind}" for kind in kinds]
                if j - 1 >= 0 and j == m.start:
                    out[j - 1] += [f"+1:gB={kind}" for kind in kinds]
                if j == m.end - 1 and j + 1 < n:
                    out[j + 1] += [f"-1:gE={kind}" for kind in kinds]
            if m.end - m.start > 1:
                for j in range(m.start, m.end):
                    out[j].append("gMulti")
        return out
