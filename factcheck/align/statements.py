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
    """Same-statement pairs across articles. Candidates share two words of four letters or
    more (one for a very short quote) through an inverted index that skips words too common
    to tell statements apart, so a thousand articles are not a million comparisons;
    translations keep enough words ("river", "thirst", "peoples") to be found."""
    words = [_statement_words(a.statement) for a in attributions]
    index: dict[str, list[int]] = defaultdict(list)
    for n, ws in enumerate(words):
        for w in {w for w in ws if len(w) >= 4}:
            index[w].append(n)
    shared: Counter[tuple[int, int]] = Counter()
    for postings in index.values():
        if len(postings) > MAX_POSTING:
            continue
        for x, i in enumerate(postings):
            for j in postings[x + 1 :]:
                if attributions[i].article_id != attributions[j].article_id:
                    shared[(i, j)] += 1
    out = []
    for (i, j), count in sorted(shared.items()):
        needed = 1 if min(len(words[i]), len(words[j])) < SHORT_STATEMENT_WORDS else 2
        if count >= needed and _same_words(words[i], words[j]):
            out.append((attributions[i], attributions[j]))
    return out
