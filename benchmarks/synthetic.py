"""Synthetic news corpora with planted contradictions, for the speed and scale benchmarks.

Every word comes from the pools below or from syllables glued at random: no real article text.
A corpus is a set of invented events (a place, a year, a counted thing, a few people); each
event is covered by ``PER_EVENT`` articles from invented outlets that agree on everything except
two planted contradictions:

- numeric: the last article of the event gives another figure for the event's count;
- attribution: the last article gives the event's quote to a different person.

``planted.json`` lists them (file names), so a report can be scored: found, missed, and
contradictions nobody planted (between unrelated events that happen to read alike).

    python benchmarks/synthetic.py 100 /tmp/corpus          # 100 articles + planted.json
    python benchmarks/synthetic.py --dense 10 /tmp/dense     # one ~10 MB number-dense article
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PER_EVENT = 5

# Syllables for invented places, surnames and outlets.
_ONSETS = "b br c d dr f g gr h j k kl l m n p pr r s st t tr v w z".split()
_VOWELS = "a e i o u ai ea io ou".split()
_CODAS = "n r l s th nd rk lm st x".split()
# Common given names (gender-guesser knows them): the rules need a first name to see a person.
FIRST_NAMES = """Maria Anna Peter John Laura David Elena Thomas Sofia Daniel Clara Martin Julia
    Paul Nina Simon Rosa Victor Irene Oscar Alice Hugo Marta Felix Olga Ivan Lena Carlos Eva
    Adam Sara Leon Vera Pablo Ines Karl Mila Tomas Rita Emil Dora Lucas Ada Bruno Ella""".split()
ROLES = """mayor governor spokesperson director minister commissioner chief official""".split()
# What an event counts: plural noun (its own unit, so unrelated events rarely compare) and
# what happened to it; verbs and adjectives vary the wording.
COUNTED = """trucks boats tractors buses cranes barges ferries wagons drones tents kiosks
    cabins pumps generators turbines lorries trailers vans bicycles scooters canoes rafts
    sheds warehouses silos hangars towers bridges tunnels pylons""".split()
VERBS = """damaged stranded inspected recovered grounded towed repaired seized deployed
    abandoned flooded cleared impounded registered evacuated""".split()
NOUNS = """harbour plant council board agency depot valley district market quarry station
    bureau league union fund office ministry tribunal committee inquiry""".split()
ADJECTIVES = """northern coastal regional temporary local provincial rural municipal eastern
    western southern central upper lower outer inner""".split()
# Words for quotes and filler: each event's quote is a random draw, so two events' quotes
# almost never share 70 % of their words.
QUOTE_WORDS = """rebuild protect promise answer deliver restore finish demand expect secure
    families workers roads schools water power homes jobs future winter season budget plan
    every before after together quickly fairly again nobody everyone tomorrow soon river
    valley market bridge harbour school clinic farm factory street square village town
    honest careful patient ready strong open safe clear fair slow steady full late early""".split()
FILLER = [
    "The {adj} {noun} met on {day} to review the situation in {place}.",
    "Residents of {place} gathered near the {noun} as news spread through the {adj} district.",
    "Crews from the {adj} {noun} worked through the night, according to a local report.",
    "The {noun} in {place} said it would publish a full account in the coming weeks.",
    "Traffic around the {adj} {noun} remained slow for most of {day}.",
    "Several {noun} staff members declined to comment when contacted on {day}.",
    "The situation in {place} drew attention from the {adj} {noun} and nearby towns.",
    "Local shops near the {noun} reopened later in the afternoon.",
]
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def _word(rng: random.Random, syllables: int) -> str:
    parts = [rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables)]
    return ("".join(parts) + rng.choice(_CODAS)).capitalize()


@dataclass
class Event:
    index: int
    place: str
    year: int
    counted: str
    verb: str
    count: int
    wrong_count: int
    speaker: tuple[str, str]  # (full name, role)
    other: tuple[str, str]  # who the odd article gives the quote to
    quote: str
    outlets: list[str]


def _event(rng: random.Random, index: int, used: set[str]) -> Event:
    def fresh(syllables: int) -> str:
        while True:
            w = _word(rng, syllables)
            if w not in used:
                used.add(w)
                return w

    def person() -> tuple[str, str]:
        return f"{rng.choice(FIRST_NAMES)} {fresh(2)}", rng.choice(ROLES)

    count = rng.randrange(120, 9000)
    speaker, other = person(), person()
    quote_words = rng.sample(QUOTE_WORDS, rng.randrange(8, 13))
    quote = "We will " + " ".join(quote_words)
    return Event(
        index=index,
        place=fresh(3),
        year=rng.randrange(1950, 2050),
        counted=rng.choice(COUNTED),
        verb=rng.choice(VERBS),
        count=count,
        wrong_count=int(count * rng.uniform(1.6, 2.4)),
        speaker=speaker,
        other=other,
        quote=quote,
        outlets=[f"The {fresh(2)} {rng.choice(['Post', 'Herald', 'Times', 'Wire'])}"
                 for _ in range(PER_EVENT)],
    )  # fmt: skip


def _figure_sentence(rng: random.Random, e: Event, value: int) -> str:
    forms = [
        "In {year}, {n:,} {counted} were {verb} in {place}, officials said.",
        "Officials said {n:,} {counted} were {verb} across {place} in {year}.",
        "A total of {n:,} {counted} were {verb} in {place} during {year}.",
    ]
    return rng.choice(forms).format(
        n=value, counted=e.counted, verb=e.verb, place=e.place, year=e.year
    )


def _quote_sentence(rng: random.Random, e: Event, who: tuple[str, str]) -> str:
    name, role = who
    forms = [
        "“{q},” said {name}, the {role} of {place}.",
        "“{q},” {name} told the {place} council.",
        "{name}, the {role}, said: “{q}.”",
    ]
    return rng.choice(forms).format(q=e.quote, name=name, role=role, place=e.place)


def _filler(rng: random.Random, e: Event) -> str:
    return rng.choice(FILLER).format(
        adj=rng.choice(ADJECTIVES), noun=rng.choice(NOUNS), place=e.place, day=rng.choice(DAYS)
    )


def article_text(rng: random.Random, e: Event, k: int, filler: int = 22) -> str:
    """Article ``k`` of event ``e``; the last one carries both planted contradictions."""
    odd = k == PER_EVENT - 1
    title = f"{e.outlets[k]}: {e.counted.capitalize()} {e.verb} in {e.place}"
    body = [
        _figure_sentence(rng, e, e.wrong_count if odd else e.count),
        _quote_sentence(rng, e, e.other if odd else e.speaker),
        *(_filler(rng, e) for _ in range(filler)),
    ]
    # The other person appears in every article, so the odd attribution is a real person.
    body.insert(2, f"{e.other[0]}, a {e.other[1]}, visited {e.place} on {rng.choice(DAYS)}.")
    head, rest = body[:2], body[2:]
    rng.shuffle(rest)
    paragraphs = [
        " ".join(head[:1] + rest[:5]),
        " ".join(head[1:] + rest[5:12]),
        " ".join(rest[12:18]),
        " ".join(rest[18:]),
    ]
    return title + "\n\n" + "\n\n".join(p for p in paragraphs if p) + "\n"


def generate(n_articles: int, seed: int = 7) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """(file name -> text, planted contradictions) for ``n_articles`` articles."""
    rng = random.Random(seed)
    used: set[str] = set()
    files: dict[str, str] = {}
    planted: list[dict[str, Any]] = []
    n_events = max(1, -(-n_articles // PER_EVENT))
    for i in range(n_events):
        e = _event(rng, i, used)
        names = []
        for k in range(PER_EVENT):
            if len(files) == n_articles:
                break
            name = f"e{i:05d}_{k}.txt"
            files[name] = article_text(rng, e, k)
            names.append(name)
        if len(names) == PER_EVENT:
            odd, rest = names[-1], names[:-1]
            planted.append({"kind": "numeric", "odd": odd, "others": rest,
                            "values": [e.count, e.wrong_count]})  # fmt: skip
            planted.append({"kind": "attribution_speaker", "odd": odd, "others": rest,
                            "speakers": [e.speaker[0], e.other[0]]})  # fmt: skip
    return files, planted


def dense_article(megabytes: float, seed: int = 11) -> str:
    """A number-dense article of about ``megabytes`` MB: figures in nearly every sentence."""
    rng = random.Random(seed)
    used: set[str] = set()
    parts: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        e = _event(rng, 0, used)
        para = " ".join(
            [_figure_sentence(rng, e, rng.randrange(10, 99999)) for _ in range(4)]
            + [_quote_sentence(rng, e, e.speaker), _filler(rng, e)]
        )
        parts.append(para)
        size += len(para) + 2
    return "\n\n".join(parts) + "\n"


def write_corpus(n_articles: int, out: Path, seed: int = 7) -> list[dict[str, Any]]:
    out.mkdir(parents=True, exist_ok=True)
    files, planted = generate(n_articles, seed)
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
    (out / "planted.json").write_text(json.dumps(planted, indent=1), encoding="utf-8")
    return planted


def score(report: dict[str, Any], planted: list[dict[str, Any]]) -> tuple[int, int, int]:
    """(planted found, planted, contradictions that match no plant) for a JSON report."""

    def files_of(c: dict[str, Any]) -> set[str]:
        return {Path(ref["source"]).name for ref in c["claims"]}

    # A plant is one odd article against four others: the report may give it as several pairs
    # (odd vs each other), and every one of them is that plant, not an unplanted flag.
    matched: set[int] = set()
    found = 0
    for plant in planted:
        kinds = {"numeric"} if plant["kind"] == "numeric" else {"attribution_speaker"}
        hits = {
            n
            for n, c in enumerate(report["contradictions"])
            if c["kind"] in kinds
            and plant["odd"] in (names := files_of(c))
            and names & set(plant["others"])
        }
        found += bool(hits)
        matched |= hits
    return found, len(planted), len(report["contradictions"]) - len(matched)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("size", type=float, help="articles (or MB with --dense)")
    parser.add_argument("out", type=Path)
    parser.add_argument("--dense", action="store_true", help="one number-dense article")
    parser.add_argument("--seed", type=int, default=7)
    ns = parser.parse_args()
    if ns.dense:
        ns.out.mkdir(parents=True, exist_ok=True)
        (ns.out / "dense.txt").write_text(dense_article(ns.size, ns.seed), encoding="utf-8")
        return
    planted = write_corpus(int(ns.size), ns.out, ns.seed)
    print(f"{int(ns.size)} articles, {len(planted)} planted contradictions in {ns.out}")


if __name__ == "__main__":
    main()
