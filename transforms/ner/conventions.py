"""The contract's type conventions applied to recognised spans: what is not a mention, and subtypes.

ANERcorp leaves nationality adjectives (الروسي) and bare titles (الرئيس) untagged too, so
these rules only catch the tagger's slips. A span the curated lists name exactly takes
their type (بيونغ يانغ is a place whatever its context). Subtypes come from the curated aliases first,
then from the trigger word that opens or precedes the name (صاروخ -> weapon, وكالة -> agency).
"""

from __future__ import annotations

from collections.abc import Sequence

from transforms.ner import clitics
from transforms.ner.features import trigger_of
from transforms.ner.gazetteer import Gazetteer, Match

# ANERcorp tags currencies MISC; the warehouse treats them as units of quantities, not names.
_CURRENCIES = {
    "دولار", "دولارا", "دولارات", "يورو", "جنيه", "جنيها", "درهم", "دينار", "روبل", "ين",
    "يوان", "شيكل", "فرنك", "ليره", "روبيه", "استرليني",
}
_NISBA_ENDINGS = ("يون", "يين", "يات", "يه", "ي")
_PLACE_KINDS = {"COUNTRY", "CITY", "LOC"}


def is_nationality(norm: str, gazetteer: Gazetteer) -> bool:
    """A definite nisba adjective of a known place: الروسي (روسيا), الكورية (كوريا), المصريون (مصر)."""
    core = clitics.splits(norm)[-1][1]
    if not core.startswith(clitics.ARTICLE):
        return False
    stem = core[2:]
    for ending in _NISBA_ENDINGS:
        if stem.endswith(ending) and len(stem) - len(ending) >= 2:
            base = stem[: -len(ending)]
            for form in (base, base + "ا", base + "يا", clitics.ARTICLE + base):
                if gazetteer.kinds_starting(form) & _PLACE_KINDS:
                    return True
            return False
    return False


def is_mention(norms: Sequence[str], kind: str, gazetteer: Gazetteer) -> bool:
    """False for spans the contract excludes: nationality adjectives, bare triggers, currencies."""
    if not any(ch.isalnum() for ch in "".join(norms)):
        return False
    if kind == "MISC" and all(clitics.strip_article(w) in _CURRENCIES for w in norms):
        return False
    if len(norms) == 1:
        if is_nationality(norms[0], gazetteer):
            return False
        return trigger_of(norms[0]) is None or bool(gazetteer.lookup(norms[0]))
    return True


_LIST_TYPES = {"COUNTRY": "LOC", "CITY": "LOC", "PERS": "PERS", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}


def naming(matches: Sequence[Match], n: int) -> Match | None:
    """Of a span's list matches (`Gazetteer.match` of its n tokens), the one naming it whole."""
    if len(matches) == 1 and (matches[0].start, matches[0].end) == (0, n):
        return matches[0]
    return None


def listed_type(named: Match | None) -> str | None:
    """The type the lists give a span they name whole (`naming`), when they agree on one type."""
    if named is None:
        return None
    types = {_LIST_TYPES[e.kind] for e in named.entries if e.kind in _LIST_TYPES}
    return types.pop() if len(types) == 1 else None


def subtype(norms: Sequence[str], previous: str | None, kind: str, named: Match | None) -> str | None:
    """Subtype from an alias entry of the span's list match (`naming`), else from its opening or
    preceding trigger."""
    for entry in named.entries if named else ():
        if entry.subtype and entry.kind == kind:
            return entry.subtype
    for word in (norms[0], previous):
        trig = trigger_of(word) if word else None
        if trig and trig[0] == kind and trig[1]:
            return trig[1]
    return None
