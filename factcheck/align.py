"""Line claims up across articles: which quantities measure the same thing, which quotes are
the same statement, and who each speaker is across the whole cluster."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from unidecode import unidecode

from factcheck.rules.speakers import EntityResolver, is_handle
from factcheck.rules.subjects import content_terms, surface_word
from factcheck.schemas import AttributionClaim, Claim, QuantityClaim, Topic

# Weighted share of subject terms two quantities must have in common to be comparable.
SUBJECT_THRESHOLD = 0.3
RATE_THRESHOLD = 0.1
MIN_SUBJECT_TERMS = 2
# Two statements are the same when this share of the shorter one's words is in the longer.
STATEMENT_OVERLAP = 0.7
MIN_STATEMENT_WORDS = 4
# Short statements ("Today the workers won") must match almost word for word.
SHORT_STATEMENT_WORDS = 8
SHORT_STATEMENT_OVERLAP = 0.9


@dataclass
class Aligned:
    claims: list[Claim]
    quantity_pairs: list[tuple[QuantityClaim, QuantityClaim]] = field(default_factory=list)
    statement_pairs: list[tuple[AttributionClaim, AttributionClaim]] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)


def _display_name(claim: AttributionClaim) -> str | None:
    """'Andrés Manuel (@lopezobrador_)' -> 'Andrés Manuel' for embedded posts."""
    if claim.speaker_text and claim.speaker and is_handle(claim.speaker):
        name = re.sub(r"\(@\w+\)", "", claim.speaker_text).strip()
        return name or None
    return None


def canonical_speakers(claims: list[AttributionClaim]) -> list[AttributionClaim]:
    resolver = EntityResolver()
    for c in claims:
        if c.speaker and not is_handle(c.speaker):
            resolver.add(c.speaker)
    out = []
    for c in claims:
        speaker = c.speaker
        display = _display_name(c)
        if display is not None:
            via_name = resolver.canonical(display)
            via_handle = resolver.canonical(speaker)
            # Prefer whichever of display name and handle links to a known person.
            speaker = via_handle if via_handle != speaker else via_name
        else:
            speaker = resolver.canonical(speaker)
        out.append(c.model_copy(update={"speaker": speaker}))
    return out


def _weights(term_sets: list[set[str]]) -> dict[str, float]:
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


def pair_score(a: QuantityClaim, b: QuantityClaim, weights: dict[str, float]) -> float | None:
    """How surely a and b measure the same thing; None when they cannot."""
    if a.article_id == b.article_id:
        return None
    if (a.dimension, a.unit, a.rate) != (b.dimension, b.unit, b.rate):
        return None
    times_a = {t for t in a.subject_terms if t.startswith("time:")}
    times_b = {t for t in b.subject_terms if t.startswith("time:")}
    if times_a and times_b and not times_a & times_b:
        return None
    events_a = {t for t in a.subject_terms if t.startswith("event:")}
    events_b = {t for t in b.subject_terms if t.startswith("event:")}
    similarity = subject_similarity(a.subject_terms, b.subject_terms, weights)
    if events_a or events_b:
        return 1.0 + similarity if events_a & events_b else None
    threshold = SUBJECT_THRESHOLD
    if a.rate and a.unit != "person":
        # The same rate of the same specific thing ("trucks a day") in one news cluster is
        # almost always the same figure; the clause words differ more than the subject does.
        if times_a and times_a == times_b:
            return 1.0 + similarity
        threshold = RATE_THRESHOLD
    return similarity if similarity >= threshold else None


def comparable(a: QuantityClaim, b: QuantityClaim, weights: dict[str, float]) -> bool:
    return pair_score(a, b, weights) is not None


def mutual_best_pairs(
    quantities: list[QuantityClaim], weights: dict[str, float]
) -> list[tuple[QuantityClaim, QuantityClaim]]:
    """Comparable pairs, keeping for each pair of articles only best matches: when one
    sentence gives "14 percent over its term, including an immediate four percent", the other
    article's "14%" must pair with the 14, not with both."""
    scores: dict[tuple[str, str], float] = {}
    ordered: list[tuple[str, str, float]] = []  # document order, for stable output
    for i, a in enumerate(quantities):
        for b in quantities[i + 1 :]:
            score = pair_score(a, b, weights)
            if score is not None:
                scores[(a.id, b.id)] = scores[(b.id, a.id)] = score
                ordered.append((a.id, b.id, score))
    by_id = {q.id: q for q in quantities}
    # Best score of each claim against each other article, computed once (linear in pairs).
    top: dict[tuple[str, str], float] = {}
    for (x, y), v in scores.items():
        key = (x, by_id[y].article_id)
        top[key] = max(top.get(key, v), v)

    pairs = []
    for x, y, v in ordered:
        # One-sided best: an article may state the same thing twice ("less than two
        # hours ... a little more than an hour and a half"), and both must pair.
        if v == top[(x, by_id[y].article_id)] or v == top[(y, by_id[x].article_id)]:
            pairs.append((by_id[x], by_id[y]))
    return pairs


def _statement_words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", unidecode(text).lower())


def same_statement(a: str, b: str) -> bool:
    wa, wb = _statement_words(a), _statement_words(b)
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


def _fill_terms(claim: QuantityClaim) -> QuantityClaim:
    if claim.subject_terms:
        return claim
    return claim.model_copy(update={"subject_terms": content_terms(claim.measured)})


def _components(ids: list[str], pairs: list[tuple[str, str]]) -> list[list[str]]:
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[find(a)] = find(b)
    groups: dict[str, list[str]] = {}
    for i in ids:
        groups.setdefault(find(i), []).append(i)
    return [g for g in groups.values() if len(g) > 1]


def _topic_label(group: list[QuantityClaim], weights: dict[str, float]) -> str:
    first = group[0]
    if first.dimension.value == "duration":
        return Counter(c.measured for c in group).most_common(1)[0][0]
    counts = Counter(t for c in group for t in set(c.subject_terms) if ":" not in t)
    shared = [t for t, n in counts.items() if n > 1]
    shared.sort(key=lambda t: (-counts[t] * weights.get(t, 1.0), t))
    # Show the words as the articles wrote them, not their stems.
    texts = [c.evidence.text for c in group]
    words = [surface_word(t, texts) for t in shared[:2]]
    noun = "people" if first.unit == "person" else f"{first.unit}s"
    what = {"count": f"number of {noun}"}.get(first.dimension.value, first.dimension.value)
    label = f"{what} ({', '.join(words)})" if words else what
    return f"{label}, {first.rate}" if first.rate else label


def align_claims(claims: list[Claim]) -> Aligned:
    quantities = [_fill_terms(c) for c in claims if isinstance(c, QuantityClaim)]
    attributions = canonical_speakers([c for c in claims if isinstance(c, AttributionClaim)])
    weights = _weights([set(q.subject_terms) for q in quantities])
    q_pairs = mutual_best_pairs(quantities, weights)
    s_pairs = [
        (a, b)
        for i, a in enumerate(attributions)
        for b in attributions[i + 1 :]
        if a.article_id != b.article_id and same_statement(a.statement, b.statement)
    ]
    by_id = {q.id: q for q in quantities}
    topics = []
    for n, group in enumerate(
        _components([q.id for q in quantities], [(a.id, b.id) for a, b in q_pairs])
    ):
        measured = _topic_label([by_id[i] for i in group], weights)
        topics.append(Topic(id=f"t{n + 1}", measured=measured, claim_ids=group))
    return Aligned(
        claims=[*quantities, *attributions],
        quantity_pairs=q_pairs,
        statement_pairs=s_pairs,
        topics=topics,
    )
