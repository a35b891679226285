"""Entity linking: one stable `entity_id` for every spelling and partial form of a name.

Mentions are grouped by name key (`keys.name_key`, after the curated alias groups), keys
that differ by a spelling slip are joined by fuzzy matching, and a partial name (كيم,
بيسكوف) is resolved to a fuller name of the same type: one in the same article first, else
the most frequent one in the batch and the warehouse. Entities already in the warehouse
(`known`) keep their ids; a new entity's id hashes its type and the key of its fullest name,
so re-running the same input never renumbers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator

import polars as pl
from rapidfuzz import fuzz, process

from transforms.frames import ENTITIES, MENTIONS, empty, span_id
from transforms.linking.aliases import alias_groups, resolve_key
from transforms.linking.keys import head_variants, is_distinct_name, name_key, proclitic_variants

TYPE_ORDER = ("PERS", "LOC", "ORG", "MISC")  # tie-break when a name's type votes are even
FUZZY_MIN_SCORE = 90.0  # whole key; كم جنج ان / كم جنج ال (two Kims) scores 88.9
FUZZY_MIN_TOKEN_SCORE = 85.0  # every token pair too, so one differing short token blocks a merge
FUZZY_MIN_CHARS = 6  # short keys match exactly or not at all
PARTIAL_MIN_CHARS = 2  # a one-letter skeleton (جو, تشو) is too ambiguous to stand for a fuller name
# Which end of a fuller name a partial name may be. Persons: given or family name; named
# things: the family (سويوز -> سويوز-2); organisations: the distinctive tail (بلومبرغ ->
# وكالة بلومبرغ). Places never: كوريا is neither كوريا الشمالية nor كوريا الجنوبية.
PARTIAL_ENDS = {"PERS": ("prefix", "suffix"), "MISC": ("prefix",), "ORG": ("suffix",)}
# A new fuller name may take over a known entity known only by a part of it (بيسكوف seen in an
# earlier run, دميتري بيسكوف now): family-name ends only, so a bare known كيم absorbs no Kim.
ADOPT_ENDS = {"PERS": ("suffix",), "MISC": ("prefix",), "ORG": ("suffix",)}

Tokens = tuple[str, ...]


class _Components:
    """Union-find over name keys; a component holds at most one known entity id."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.known_id: dict[str, str] = {}

    def add(self, key: str, known_id: str | None = None) -> None:
        if key not in self.parent:
            self.parent[key] = key
        if known_id:
            self.known_id.setdefault(self.find(key), known_id)

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        ka, kb = self.known_id.get(ra), self.known_id.get(rb)
        if ra == rb or (ka and kb and ka != kb):
            return
        self.parent[rb] = ra
        if kb:
            self.known_id[ra] = kb


def _vote(types: Iterable[str | None]) -> str | None:
    counts = Counter(t for t in types if t)
    if not counts:
        return None
    return max(counts, key=lambda t: (counts[t], -TYPE_ORDER.index(t) if t in TYPE_ORDER else -99))


def _tokens(key: str) -> Tokens:
    return tuple(key.split(" ")) if key else ()


def _parts(toks: Tokens, ends: Iterable[str]) -> Iterator[tuple[int, Tokens]]:
    """(length, tokens) of each proper prefix and suffix of a name that `ends` allows."""
    for n in range(1, len(toks)):
        if "prefix" in ends:
            yield n, toks[:n]
        if "suffix" in ends:
            yield n, toks[-n:]


def _is_partial(short: Tokens, full: Tokens, ends: Iterable[str]) -> bool:
    return any(part == short for _, part in _parts(full, ends))


def _fuzzy_same(a: str, b: str) -> bool:
    """Token by token alike; Arabic names told apart by vowels (محمد / محمود) must be equal."""
    ta, tb = _tokens(a), _tokens(b)
    return len(ta) == len(tb) and all(
        x == y or (fuzz.ratio(x, y) >= FUZZY_MIN_TOKEN_SCORE and not (is_distinct_name(x) or is_distinct_name(y)))
        for x, y in zip(ta, tb)
    )


def _biggest_first(row: dict) -> tuple:
    """Sort key of known entities: most mentions first (unknown counts last), then by id."""
    n = row["n_mentions"]
    return (n is None, -(n or 0), row["entity_id"])


def _known_keys(known_by_id: dict[str, dict]) -> dict[str, list[str]]:
    """Known entity id -> keys of its canonical name and aliases (a key claimed once, biggest entity first)."""
    claimed: set[str] = set()
    out: dict[str, list[str]] = {}
    for row in sorted(known_by_id.values(), key=_biggest_first):
        keys = {resolve_key(n) for n in [row["canonical_name"], *(row["aliases"] or [])] if n}
        out[row["entity_id"]] = sorted(k for k in keys - claimed if k)
        claimed |= keys
    return out


def _surface_keys(surfaces: set[str], known_keys: set[str]) -> dict[str, str]:
    """Key of each surface; a proclitic or place head the recogniser left on is dropped when that finds a name."""
    keys = {s: resolve_key(s) or s for s in surfaces}  # a name of punctuation only keys as itself
    present = set(keys.values()) | known_keys
    listed = alias_groups()
    for surface, key in keys.items():
        if key in known_keys or key in listed:
            continue
        for variant in proclitic_variants(surface) + head_variants(surface):
            vkey = resolve_key(variant)
            if vkey and vkey != key and vkey in present:
                keys[surface] = vkey
                break
    return keys


def _join_fuzzy(comps: _Components, batch_keys: Iterable[str], key_type: dict[str, str | None]) -> None:
    """Join keys of one type that differ by a spelling slip (فلاديسفوستوك / فلاديفوستوك)."""
    blocks: dict[tuple[str | None, int], list[str]] = defaultdict(list)
    for key in sorted(comps.parent):
        if len(key.replace(" ", "")) >= FUZZY_MIN_CHARS:
            blocks[(key_type.get(key), len(_tokens(key)))].append(key)
    for key in sorted(set(batch_keys)):
        block = blocks.get((key_type.get(key), len(_tokens(key))), [])
        if len(key.replace(" ", "")) < FUZZY_MIN_CHARS or len(block) < 2:
            continue
        for other, _, _ in process.extract(key, block, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE, limit=None):
            if other != key and _fuzzy_same(key, other):
                comps.union(key, other)


def _adopt_partial_knowns(comps: _Components, batch_keys: Iterable[str], key_type: dict[str, str | None]) -> None:
    """Join a new name to the one known entity whose every name is a part of it (see ADOPT_ENDS)."""
    longest: dict[str, int] = defaultdict(int)
    for key in comps.parent:
        root = comps.find(key)
        if root in comps.known_id:
            longest[root] = max(longest[root], len(_tokens(key)))
    by_part: dict[tuple[str | None, Tokens], set[str]] = defaultdict(set)
    for key in comps.parent:
        root = comps.find(key)
        if root in longest and len(key.replace(" ", "")) >= PARTIAL_MIN_CHARS:
            by_part[(key_type.get(key), _tokens(key))].add(root)
    claims: dict[str, set[str]] = defaultdict(set)
    for key in set(batch_keys):
        root, toks = comps.find(key), _tokens(key)
        if root in comps.known_id:
            continue
        for n, part in _parts(toks, ADOPT_ENDS.get(key_type.get(key) or "", ())):
            for known_root in by_part.get((key_type.get(key), part), ()):
                if longest[known_root] <= n:
                    claims[known_root].add(root)
    for known_root, roots in sorted(claims.items()):
        if len(roots) == 1:
            comps.union(known_root, roots.pop())


def link_mentions(mentions: pl.DataFrame, known: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Mentions (`frames.MENTIONS`, `entity_id` never null) and the entities they touch (`frames.ENTITIES`).

    `mentions` has the `frames.SPANS_NER` columns; `known` the `frames.ENTITIES` rows already in
    the warehouse (may be empty). A mention's `type` becomes its entity's type (the majority
    vote of the entity's mentions, or the known type). Entity counts cover this batch only.
    """
    return _link(mentions, {r["entity_id"]: r for r in known.iter_rows(named=True)})


class Linker:
    """`link_mentions` over a run's batches, keeping the known entities in memory between them.

    The single writer links every batch against the warehouse's entities and what earlier
    batches made of them; holding those rows here (updated with the rows each batch stores)
    spares re-reading and converting the whole entities table per batch, and lets the writer
    store each entity once, at the end of the run (`changed`), instead of replacing it batch
    after batch inside the run's transaction.
    """

    def __init__(self, known: pl.DataFrame) -> None:
        self.known = {r["entity_id"]: r for r in known.iter_rows(named=True)}
        self._changed: set[str] = set()

    def link(self, mentions: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
        """`link_mentions(mentions, <the known entities>)`."""
        return _link(mentions, self.known)

    def update(self, entities: pl.DataFrame) -> None:
        """Entity rows (`frames.ENTITIES`) stored by a batch: they replace the known ones."""
        for row in entities.iter_rows(named=True):
            self.known[row["entity_id"]] = row
            self._changed.add(row["entity_id"])

    def changed(self) -> pl.DataFrame:
        """The current rows of every entity `update` touched, by id."""
        return pl.DataFrame([self.known[e] for e in sorted(self._changed)], schema=ENTITIES)


def _link(mentions: pl.DataFrame, known_by_id: dict[str, dict]) -> tuple[pl.DataFrame, pl.DataFrame]:
    if mentions.is_empty():
        return empty(MENTIONS), empty(ENTITIES)
    rows = mentions.to_dicts()
    known_keys = _known_keys(known_by_id)

    comps = _Components()
    key_type: dict[str, str | None] = {}
    for entity_id, keys in known_keys.items():
        for key in keys:
            comps.add(key, entity_id)
            comps.union(keys[0], key)
            key_type[key] = known_by_id[entity_id]["type"]

    surface_key = _surface_keys({r["surface"] for r in rows}, set().union(*known_keys.values()))
    mention_keys = [surface_key[r["surface"]] for r in rows]
    votes: dict[str, list[str]] = defaultdict(list)
    for key, row in zip(mention_keys, rows):
        comps.add(key)
        votes[key].append(row["type"])
    for key, types in votes.items():
        key_type.setdefault(key, _vote(types))
    _join_fuzzy(comps, mention_keys, key_type)
    _adopt_partial_knowns(comps, mention_keys, key_type)

    roots = [comps.find(k) for k in mention_keys]
    comp_type = _component_types(comps, roots, rows, known_by_id)
    resolve = _partial_resolver(comps, comp_type, roots, rows, mention_keys, known_by_id)
    targets = [resolve(key, root, row["article_id"]) for key, root, row in zip(mention_keys, roots, rows)]
    return _build(rows, mention_keys, targets, comps, known_by_id)


def _component_types(
    comps: _Components, roots: list[str], rows: list[dict], known_by_id: dict[str, dict]
) -> dict[str, str | None]:
    """Type of each component: the known entity's type, else the vote of its mentions."""
    types: dict[str, list[str]] = defaultdict(list)
    for root, row in zip(roots, rows):
        types[root].append(row["type"])
    out = {root: _vote(t) for root, t in types.items()}
    for key in comps.parent:
        root = comps.find(key)
        if root in comps.known_id:
            out[root] = known_by_id[comps.known_id[root]]["type"]
    return out


def _partial_resolver(
    comps: _Components,
    comp_type: dict[str, str | None],
    roots: list[str],
    rows: list[dict],
    mention_keys: list[str],
    known_by_id: dict[str, dict],
) -> Callable[[str, str, str], str]:
    """A function (key, own component, article) -> component the mention belongs to.

    The candidates for a partial key are the components holding a fuller name it is part of
    (its own component too, when that holds one), minus those whose names are themselves
    parts of another candidate's (كيم جونغ under كيم جونغ أون). Candidates in the article win
    by support (mentions of their other names there), then by frequency overall, so one
    mis-cut span (كيم مخاطباً) does not capture a well-attested name's short form.
    """
    by_root: dict[str, set[str]] = defaultdict(set)
    for key in comps.parent:
        by_root[comps.find(key)].add(key)
    fuller: dict[tuple[str | None, Tokens], set[str]] = defaultdict(set)
    for root, keys in by_root.items():
        ends = PARTIAL_ENDS.get(comp_type.get(root) or "", ())
        for key in keys:
            for _, part in _parts(_tokens(key), ends):
                fuller[(comp_type.get(root), part)].add(root)
    key_article: Counter = Counter()
    first_pos: dict[tuple[str, str], int] = {}
    total: Counter = Counter()
    for key, root, row in zip(mention_keys, roots, rows):
        key_article[(key, row["article_id"])] += 1
        first_pos.setdefault((root, row["article_id"]), row["char_start"])
        total[root] += 1
    for root, entity_id in comps.known_id.items():
        total[root] += known_by_id[entity_id]["n_mentions"] or 0

    def support(c: str, key: str, article: str) -> int:
        return sum(key_article[(k, article)] for k in by_root[c] if k != key)

    def covered(c: str, by: str, key: str) -> bool:
        ends = PARTIAL_ENDS.get(comp_type.get(by) or "", ())
        return any(_is_partial(_tokens(kc), _tokens(kb), ends) for kc in by_root[c] - {key} for kb in by_root[by])

    uncovered: dict[tuple[str, str | None], set[str]] = {}

    def candidates(key: str, ctype: str | None) -> set[str]:
        """Components with a fuller name of type `ctype` that `key` is part of, none covered by another
        (the same for every article: computed once per key)."""
        if (key, ctype) not in uncovered:
            cands: set[str] = set()
            if len(key.replace(" ", "")) >= PARTIAL_MIN_CHARS:
                cands = fuller.get((ctype, _tokens(key)), set())
            uncovered[(key, ctype)] = {c for c in cands if not any(covered(c, o, key) for o in cands if o != c)}
        return uncovered[(key, ctype)]

    memo: dict[tuple[str, str], str] = {}

    def resolve(key: str, own: str, article: str) -> str:
        if (key, article) not in memo:
            cands = candidates(key, comp_type.get(own))
            local = [c for c in cands if support(c, key, article)]
            if local:
                target = min(local, key=lambda c: (-support(c, key, article), -total[c], first_pos[(c, article)], c))
            elif cands and own not in comps.known_id:
                target = min(cands, key=lambda c: (-total[c], c))
            else:
                target = own
            memo[(key, article)] = target
        return memo[(key, article)]

    return resolve


def _build(
    rows: list[dict],
    mention_keys: list[str],
    targets: list[str],
    comps: _Components,
    known_by_id: dict[str, dict],
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Assign ids, canonical names, aliases and types; return the two frames."""
    members: dict[str, list[int]] = defaultdict(list)
    for i, target in enumerate(targets):
        members[target].append(i)
    entity_rows, entity_of = [], {}
    for root, idx in sorted(members.items()):
        known_row = known_by_id.get(comps.known_id.get(root, ""))
        own = [i for i in idx if comps.find(mention_keys[i]) == root]  # full forms, not partials
        etype = known_row["type"] if known_row else _vote(rows[i]["type"] for i in idx)
        main_key = _main_key([mention_keys[i] for i in (own or idx)])
        canonical = _canonical(main_key, [rows[i]["surface"] for i in (own or idx)], known_row)
        entity_id = known_row["entity_id"] if known_row else span_id(etype, main_key)
        subtype = _vote(rows[i]["subtype"] for i in idx if rows[i]["type"] == etype)
        surfaces = {rows[i]["surface"] for i in idx} | set((known_row or {}).get("aliases") or []) | {canonical}
        entity_rows.append(
            {
                "entity_id": entity_id,
                "type": etype,
                "canonical_name": canonical,
                "aliases": sorted(surfaces),
                "n_mentions": len(idx),
                "n_articles": len({rows[i]["article_id"] for i in idx}),
            }
        )
        for i in idx:
            entity_of[i] = (entity_id, etype, subtype)
    out_rows = [
        {
            "mention_id": span_id(row["article_id"], row["char_start"], row["char_end"]),
            **row,
            "type": entity_of[i][1],
            "subtype": entity_of[i][2],
            "entity_id": entity_of[i][0],
        }
        for i, row in enumerate(rows)
    ]
    mentions = pl.DataFrame(out_rows, schema=MENTIONS)
    entities = pl.DataFrame(entity_rows, schema=ENTITIES).unique("entity_id", keep="first", maintain_order=True)
    return mentions, entities.sort("entity_id")


def _main_key(keys: list[str]) -> str:
    """The fullest key (most tokens), then the most frequent: the one a new entity's id hashes."""
    counts = Counter(keys)
    return min(counts, key=lambda k: (-len(_tokens(k)), -counts[k], k))


def _canonical(main_key: str, surfaces: list[str], known_row: dict | None) -> str:
    """The alias group's name, else the most frequent surface of the fullest key (a known name unless a fuller one appears)."""
    group = alias_groups().get(main_key)
    if group:
        return group.canonical
    exact = [s for s in surfaces if name_key(s) == main_key] or surfaces
    counts = Counter(exact)
    best = min(counts, key=lambda s: (-counts[s], len(s), s))
    if known_row and len(_tokens(name_key(known_row["canonical_name"]))) >= len(_tokens(main_key)):
        return known_row["canonical_name"]
    return best
