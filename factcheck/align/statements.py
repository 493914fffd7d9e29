"""Which quotes are the same statement (translations differ), paired through an inverted
index of their rarer words."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from rapidfuzz import fuzz
from unidecode import unidecode

from factcheck.align.groups import MAX_POSTING
from factcheck.schemas import AttributionClaim

# Two statements are the same when this share of the shorter one's words is in the longer.
STATEMENT_OVERLAP = 0.7


MIN_STATEMENT_WORDS = 4


# Short statements ("Today the workers won") must match almost word for word.
SHORT_STATEMENT_WORDS = 8


SHORT_STATEMENT_OVERLAP = 0.9


def _statement_words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", unidecode(text).lower())


def same_statement(a: str, b: str) -> bool:
    return _same_words(_statement_words(a), _statement_words(b))


def _same_words(wa: list[str], wb: list[str]) -> bool:
    if min(len(wa), len(wb)) < MIN_STATEMENT_WORDS:
        return False
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    long_set = set(long_)
    overlap = sum(1 for w in short if w in long_set) / len(short)
    if len(short) < SHORT_STATEMENT_WORDS:
        # A short quote is the same statement when it is a verbatim piece of the other one
        # ("We keep our word" inside the minister's post), or nearly all of it.
        if f" {' '.join(short)} " in f" {' '.join(long_)} ":
            return True
        return overlap >= SHORT_STATEMENT_OVERLAP and len(long_) <= 2 * len(short)
    if overlap >= STATEMENT_OVERLAP:
        return True
    # Translations reorder and re-inflect; a high character-level partial match also counts.
    return bool(fuzz.partial_ratio(" ".join(short), " ".join(long_)) >= 90)


def statement_pairs(
    attributions: list[AttributionClaim],
) -> list[tuple[AttributionClaim, AttributionClaim]]:
    """Same-statement pairs across articles, without comparing every pair:

    - the same words (a quote repeated by many outlets) form one group, linked as a chain to its
      first member (enough for the sides of a contradiction, linear in the group);
    - distinct statements are candidates when they share half of the shorter one's words of
      four letters or more (one for a very short quote), counted through an inverted index
      that skips words too common to tell statements apart. Translations keep enough of them
      ("river", "thirst", "peoples") to be found.
    """
    words = [_statement_words(a.statement) for a in attributions]
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for n, ws in enumerate(words):
        groups[tuple(ws)].append(n)
    out: list[tuple[int, int]] = []
    reps: list[int] = []
    for members in groups.values():
        reps.append(members[0])
        if len(words[members[0]]) >= MIN_STATEMENT_WORDS:
            first = members[0]
            home = attributions[first].article_id
            # A member from the first one's own article links to another article's instead.
            other = next((m for m in members if attributions[m].article_id != home), None)
            for m in members[1:]:
                same = attributions[m].article_id == attributions[first].article_id
                if not same:
                    out.append((first, m))
                elif other is not None:
                    out.append((other, m))
    long_words = {n: {w for w in words[n] if len(w) >= 4} for n in reps}
    index: dict[str, list[int]] = defaultdict(list)
    for n in reps:
        for w in long_words[n]:
            index[w].append(n)
    shared: Counter[tuple[int, int]] = Counter()
    for postings in index.values():
        if len(postings) > MAX_POSTING:
            continue
        for x, i in enumerate(postings):
            for j in postings[x + 1 :]:
                shared[(i, j)] += 1
    for (i, j), count in shared.items():
        fewest = min(len(long_words[i]), len(long_words[j]))
        needed = 1 if min(len(words[i]), len(words[j])) < SHORT_STATEMENT_WORDS else 2
        if count >= max(needed, fewest / 2) and _same_words(words[i], words[j]):
            out.append((i, j))
    pairs = sorted({(min(i, j), max(i, j)) for i, j in out})
    return [
        (attributions[i], attributions[j])
        for i, j in pairs
        if attributions[i].article_id != attributions[j].article_id
    ]
