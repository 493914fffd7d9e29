"""Score the frames of matched quantities against the gold frames, field by field.

Only matched quantities whose gold carries a frame are judged. Labels outside the gold's frozen
vocabulary count as "other" (as does a missing label), so the score does not move when the
checker learns a word the gold had no label for. Scope items and time phrases are matched by
their words: the texts agree when one is (nearly) contained in the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import get_args

from rapidfuzz import fuzz, utils

from factcheck.eval.dataset import LocatedQuantity
from factcheck.eval.gold import CountedLabel, EventLabel, GoldFrame
from factcheck.eval.matching import greedy
from factcheck.eval.metrics import Area, Case, FrameScores, accuracy, case, prf
from factcheck.schemas import QuantityClaim, Slot

COUNTED_LABELS = frozenset(get_args(CountedLabel))
EVENT_LABELS = frozenset(get_args(EventLabel))
SAME_WORDS_MIN = 90.0


def same_words(a: str, b: str) -> bool:
    """'in Valdora' ~ 'Valdora', 'so far' ~ 'so far on Sunday': one inside the other."""
    return bool(a.strip() and b.strip()) and (
        fuzz.partial_ratio(a, b, processor=utils.default_process) >= SAME_WORDS_MIN
    )


def label(slot: Slot | None, vocabulary: frozenset[str]) -> str:
    value = slot.value.strip().casefold() if slot is not None else ""
    return value if value in vocabulary else "other"


def score_frames(
    matched: Sequence[tuple[QuantityClaim, LocatedQuantity]],
) -> tuple[FrameScores, list[Case]]:
    right = {name: 0 for name in ("counted", "event", "role", "time", "running")}
    judged = 0
    tp = fp = fn = 0
    cases: list[Case] = []
    for pred, item in matched:
        gold = item.gold.frame
        if gold is None:
            continue
        judged += 1
        frame = pred.frame
        got = {
            "counted": label(frame.counted, COUNTED_LABELS),
            "event": label(frame.event, EVENT_LABELS),
            "role": frame.role.value,
            "time": frame.time.text if frame.time is not None else None,
            "running": frame.running,
        }
        want = {
            "counted": gold.counted,
            "event": gold.event,
            "role": gold.role.value,
            "time": gold.time,
            "running": gold.running,
        }
        ok = {name: got[name] == want[name] for name in want}
        ok["time"] = _same_time(frame.time, gold)
        for name, good in ok.items():
            right[name] += good
        hits = greedy(
            ((100.0, 0.0), p, g)
            for p, slot in enumerate(frame.scope)
            for g, want in enumerate(gold.scope)
            if same_words(slot.text or slot.value, want.text)
        )
        tp += len(hits)
        fp += len(frame.scope) - len(hits)
        fn += len(gold.scope) - len(hits)
        found = {g for _, g in hits}
        wrong = [f"{n}: predicted {got[n]!r}, gold {want[n]!r}" for n, g in ok.items() if not g]
        used = {p for p, _ in hits}
        missed = [f"{s.kind.value} {s.text!r}" for g, s in enumerate(gold.scope) if g not in found]
        extra = [f"{s.kind.value} {s.text!r}" for p, s in enumerate(frame.scope) if p not in used]
        wrong += [f"scope missed {', '.join(missed)}"] if missed else []
        wrong += [f"scope extra {', '.join(extra)}"] if extra else []
        if wrong:
            ev = [item.evidence.text]
            cases.append(case(Area.FRAME, "wrong", [item.ref], ev, "; ".join(wrong), [pred.id]))
    scores = FrameScores(
        counted=accuracy(right["counted"], judged),
        event=accuracy(right["event"], judged),
        role=accuracy(right["role"], judged),
        time=accuracy(right["time"], judged),
        running=accuracy(right["running"], judged),
        scope=prf(tp, fp, fn),
    )
    return scores, cases


def _same_time(time: Slot | None, gold: GoldFrame) -> bool:
    if gold.time is None or time is None:
        return gold.time is None and time is None
    return same_words(time.text or time.value, gold.time)
