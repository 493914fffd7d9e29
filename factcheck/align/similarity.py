"""The fallback for figures without a frame event: IDF-weighted words around the number,
closest first, with candidates from an inverted index."""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from factcheck.align.groups import MAX_POSTING, ONE_SIDED_SCOPE
from factcheck.align.scopes import scope_confidence
from factcheck.schemas import QuantityClaim

# Weighted share of subject terms two quantities must have in common to be comparable when no
# frame event links them (the fallback).
SUBJECT_THRESHOLD = 0.3


RATE_THRESHOLD = 0.1


MIN_SUBJECT_TERMS = 2
SAME_WORDS = 0.6
# Blocks up to this size compare every pair; larger ones take candidates from an index.
SMALL_BLOCK = 60


def weights_of(term_sets: list[set[str]]) -> dict[str, float]:
    df: Counter[str] = Counter(t for terms in term_sets for t in terms)
    n = max(len(term_sets), 1)
    return {t: math.log(1 + n / d) for t, d in df.items()}


def _proximity(rank: int) -> float:
    # The words right next to a number say what it counts; the rest of the clause is context.
    return 1.0 if rank < 3 else 0.5 if rank < 6 else 0.25 if rank < 10 else 0.1


def subject_similarity(a: list[str], b: list[str], weights: dict[str, float]) -> float:
    """Shared weight of two claims' subject terms (IDF x proximity), relative to the lighter."""
    a = [t for t in a if ":" not in t]  # event:/time: tags are decided separately
    b = [t for t in b if ":" not in t]
    if not a or not b:
        return 0.0
    wa = {t: weights.get(t, 1.0) * _proximity(r) for r, t in enumerate(a)}
    wb = {t: weights.get(t, 1.0) * _proximity(r) for r, t in enumerate(b)}
    shared = sum(min(wa[t], wb[t]) for t in wa.keys() & wb.keys())
    # A claim with one or two context words ("Housing gets €100 million") is weak evidence:
    # one shared word must not make it "the same thing" as a long, busy sentence.
    lighter = min((wa, wb), key=lambda w: sum(w.values()))
    mass = sum(lighter.values())
    if len(lighter) < MIN_SUBJECT_TERMS:
        mass *= MIN_SUBJECT_TERMS / len(lighter)
    return shared / mass


def word_matches(
    block: list[QuantityClaim], weights: dict[str, float]
) -> list[tuple[QuantityClaim, QuantityClaim, float]]:
    """Fallback for figures with no frame event: candidates share one of their three closest
    words (inverted index), and must share enough weighted words overall."""
    index: dict[str, list[int]] = defaultdict(list)
    if len(block) <= SMALL_BLOCK:  # a news cluster: every pair is cheap
        index["*"] = list(range(len(block)))
    else:
        for n, c in enumerate(block):
            tags = [t for t in c.subject_terms if t.startswith("event:")]
            for t in [*tags, *[t for t in c.subject_terms if ":" not in t][:3]]:
                index[t].append(n)
    seen: set[tuple[int, int]] = set()
    out: list[tuple[QuantityClaim, QuantityClaim, float]] = []
    for postings in index.values():
        if len(postings) > MAX_POSTING:
            continue
        for x, i in enumerate(postings):
            for j in postings[x + 1 :]:
                a, b = block[i], block[j]
                if (i, j) in seen or a.article_id == b.article_id:
                    continue
                seen.add((i, j))
                score = _word_score(a, b, weights)
                if score is not None:
                    out.append((a, b, score))
    return out


def _word_score(a: QuantityClaim, b: QuantityClaim, weights: dict[str, float]) -> float | None:
    """Confidence that two figures without frame events measure the same thing."""
    times_a = {t for t in a.subject_terms if t.startswith("time:")}
    times_b = {t for t in b.subject_terms if t.startswith("time:")}
    if times_a and times_b and not times_a & times_b:
        return None
    scope = scope_confidence(a, b)
    if scope is None:
        return None
    events_a = {t for t in a.subject_terms if t.startswith("event:")}
    events_b = {t for t in b.subject_terms if t.startswith("event:")}
    similarity = subject_similarity(a.subject_terms, b.subject_terms, weights)
    if events_a or events_b:
        return scope if events_a & events_b else None
    threshold = SUBJECT_THRESHOLD
    if a.rate and a.unit != "person":
        # The same rate of the same specific thing ("trucks a day") in one news cluster is
        # almost always the same figure; the clause words differ more than the subject does.
        if times_a and times_a == times_b:
            return scope
        threshold = RATE_THRESHOLD
    if similarity < threshold:
        return None
    # Shared words are weaker evidence than a frame: only a count of one specific thing
    # ("trucks", "homes") with enough words on both sides is a confident match on words alone;
    # people, lengths, sums and shares that merely share words are possible matches.
    if a.dimension.value == "duration":
        return scope  # durations with shared clause words: the old, reliable matcher
    specific = (
        a.dimension.value == "count"
        and a.frame.counted is not None
        and a.frame.counted.value not in ("people", "")
        and min(len(a.subject_terms), len(b.subject_terms)) >= MIN_SUBJECT_TERMS
    )
    # Nearly the same sentence around the number (one fact reported twice, or revised) is a
    # confident match whatever is counted.
    echo = similarity >= SAME_WORDS and min(len(a.subject_terms), len(b.subject_terms)) >= 3
    return scope * (1.0 if specific or echo else ONE_SIDED_SCOPE)
