"""`khabar train-ner` and `khabar eval-ner`: file handling around transforms.ner."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from flows.paths import REPO_ROOT, anercorp_path, shared_data_dir

if TYPE_CHECKING:  # the commands import transforms.ner lazily so `khabar --help` stays fast
    from transforms.ner.conll import Sentence
    from transforms.ner.crf import CrfTagger

DEFAULT_MODEL = REPO_ROOT / "transforms/ner/models/anercorp_crf.crfsuite"
DOC_SIZE = 20
DOC_SIZE_HELP = "sentences per pseudo-document for the consistency pass (ANERcorp has no article breaks; 0: off)"


def read_corpus(path: Path) -> list[Sentence]:
    """Sentences of a CoNLL `TOKEN TAG` file."""
    from transforms.ner.conll import read_conll

    with path.open(encoding="utf-8") as handle:
        return read_conll(handle)


def seed_sentences() -> list[list[str]]:
    """Tokenised lines of the repository's seed articles: unlabelled text for the clusters."""
    from camel_tools.tokenizers.word import simple_word_tokenize

    lines = []
    for path in sorted((REPO_ROOT / "seeds").glob("*.txt")):
        lines += path.read_text(encoding="utf-8").splitlines()
    return [simple_word_tokenize(line) for line in lines if line.strip()]


def train_ner(args: argparse.Namespace) -> int:
    """Train on the train file minus its dev tail, write the model, print dev scores."""
    from transforms.ner.clusters import learn_clusters
    from transforms.ner.crf import CrfTagger, train
    from transforms.ner.evaluation import split_dev

    corpus = read_corpus(args.train)
    train_part, dev = split_dev(corpus, args.dev_fraction)
    unlabelled = [words for words, _ in corpus] + seed_sentences()
    clusters = learn_clusters(unlabelled, n_clusters=args.clusters)
    train(train_part, args.out, clusters, params={"max_iterations": args.iterations})
    size = args.out.stat().st_size / 1e6
    print(f"model {args.out} ({size:.1f} MB), {len(train_part)} training sentences")
    if dev:
        print(f"dev: {len(dev)} sentences")
        report(CrfTagger(args.out), dev, args.doc_size)
    return 0


def report(tagger: CrfTagger, corpus: list[Sentence], doc_size: int) -> None:
    """Print scores with sentences tagged alone, then with the document consistency pass."""
    from transforms.ner.conll import format_scores
    from transforms.ner.evaluation import evaluate

    alone = evaluate(tagger, corpus)
    print("sentences tagged one by one:")
    print(format_scores(alone.scores))
    if doc_size > 0:
        docs = evaluate(tagger, corpus, doc_size)
        print(f"runs of {doc_size} sentences as documents, with the consistency pass:")
        print(format_scores(docs.scores))
    print(f"speed: {alone.tokens_per_second:,.0f} tokens/s (one thread, features included)")


def eval_ner(args: argparse.Namespace) -> int:
    """Print entity-level P/R/F1 per type and tagging speed on one core."""
    from transforms.ner.crf import CrfTagger

    if not args.data.exists():
        print(f"no such data file: {args.data}")
        return 2
    corpus = read_corpus(args.data)
    print(f"{args.data}: {len(corpus)} sentences, {sum(len(w) for w, _ in corpus)} tokens")
    report(CrfTagger(args.model), corpus, args.doc_size)
    return 0


CITIES_HEADER = """# Arabic city names with population, derived by `khabar build-ner-gazetteer` from
# world-cities.csv of https://github.com/jamsshhayd/world-cities-translations (commit 4f746eb),
# data originally from Wikidata. Licence: CC BY 4.0, attribution to that repository.
"""


PERSON_HEADER = """# One-word {role} names (normalised), derived by `khabar build-ner-gazetteer`
# (--names-db, --people-json): name units of Arab League rows seen {min_count}+ times in
# resources/names.sqlite3 of the PyPI package arabic-name-romanizer 0.2.0 (MIT, UNICEF; data
# from Wikidata, CC0, and Zerrouki's Algerian names corpus, CC0), and first / last words of
# the names in jsons/people/peoples.json of the PyPI package arwikicats 0.2.3 (MIT).
"""


CLUBS_HEADER = """# Sports-club names, derived by `khabar build-ner-gazetteer --clubs-json` from
# jsons/sports/Clubs_key.json of the PyPI package arwikicats 0.2.3 (MIT): Arabic values,
# club heads and sport tails removed.
"""


def write_list(name: str, header: str, lines: list[str]) -> None:
    """Write one derived data file of transforms/ner/data, header first, and say how long it is."""
    from transforms.ner.gazetteer import DATA_DIR

    out = DATA_DIR / name
    out.write_text(header + "".join(f"{line}\n" for line in lines), encoding="utf-8")
    print(f"{out}: {len(lines)} names")


def build_gazetteer(args: argparse.Namespace) -> int:
    """Derive the shipped city, person-name and club lists from their sources (files are committed).

    Each list is rebuilt when its source is given; the person lists need both of theirs.
    """
    from transforms.ner.gazetteer import (
        PERSON_LISTS,
        cities_from_csv,
        clubs_from_names,
        person_parts_from_db,
        person_parts_from_full_names,
    )

    if bool(args.names_db) != bool(args.people_json):
        print("--names-db and --people-json go together")
        return 2
    if args.cities.exists():
        with args.cities.open(encoding="utf-8-sig") as handle:
            write_list("cities_ar.tsv", CITIES_HEADER, [f"{n}\t{p}" for n, p in cities_from_csv(handle)])
    if args.names_db:
        parts = person_parts_from_db(args.names_db, args.min_count)
        people = json.loads(args.people_json.read_text(encoding="utf-8")).values()
        for role, names in person_parts_from_full_names(people).items():
            parts[role] |= names
        for role, file_name in PERSON_LISTS.items():
            header = PERSON_HEADER.format(role=role, min_count=args.min_count)
            write_list(file_name, header, sorted(parts[role]))
    if args.clubs_json:
        clubs = clubs_from_names(json.loads(args.clubs_json.read_text(encoding="utf-8")).values())
        write_list("clubs_ar.txt", CLUBS_HEADER, sorted(clubs))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add train-ner and eval-ner to the khabar command."""
    train_p = subparsers.add_parser("train-ner", help="train the CRF named-entity recogniser")
    train_p.add_argument("--train", type=Path, default=anercorp_path("train"))
    train_p.add_argument("--dev-fraction", type=float, default=0.1)
    train_p.add_argument("--out", type=Path, default=DEFAULT_MODEL)
    train_p.add_argument("--iterations", type=int, default=150)
    train_p.add_argument("--clusters", type=int, default=512, help="word clusters (0: none)")
    train_p.add_argument("--doc-size", type=int, default=DOC_SIZE, help=DOC_SIZE_HELP)
    train_p.set_defaults(func=train_ner)

    eval_p = subparsers.add_parser("eval-ner", help="score the CRF recogniser on a CoNLL file")
    eval_p.add_argument("--data", type=Path, default=anercorp_path("test"))
    eval_p.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    eval_p.add_argument("--doc-size", type=int, default=DOC_SIZE, help=DOC_SIZE_HELP)
    eval_p.set_defaults(func=eval_ner)

    gaz_p = subparsers.add_parser(
        "build-ner-gazetteer", help="derive the city and person-name lists from their sources"
    )
    gaz_p.add_argument(
        "--cities", type=Path, default=shared_data_dir() / "world_cities_ar" / "world-cities.csv"
    )
    gaz_p.add_argument(
        "--names-db",
        type=Path,
        help="names.sqlite3 of arabic-name-romanizer (pip install --no-deps into a throwaway venv)",
    )
    gaz_p.add_argument(
        "--people-json", type=Path, help="jsons/people/peoples.json of arwikicats (same way)"
    )
    gaz_p.add_argument(
        "--clubs-json", type=Path, help="jsons/sports/Clubs_key.json of arwikicats (same way)"
    )
    gaz_p.add_argument("--min-count", type=int, default=2, help="least attestations of a name unit")
    gaz_p.set_defaults(func=build_gazetteer)
