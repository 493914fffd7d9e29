"""The tracker reads a sentence's channel cue only when a question reaches it; its answers must
be those of reading every sentence's cue in one pass, whatever order the questions come in."""

from __future__ import annotations

import random
from bisect import bisect_left
from pathlib import Path

from factcheck.rules.discourse import Tracker, detect_channel, outside_quotes, reporting_frame
from factcheck.rules.mentions import find_people
from factcheck.schemas import Channel

ROOT = Path(__file__).resolve().parents[2]

Answer = tuple[str | None, Channel, str | None]


def _one_pass(tracker: Tracker) -> list[tuple[int, Answer]]:
    """The channel in force at every event, read sentence by sentence (the eager spelling)."""
    out: list[tuple[int, Answer]] = []
    current: str | None = None
    channel: tuple[Channel, str | None] = (Channel.UNKNOWN, None)
    events = zip(tracker._event_starts, tracker._event_who, tracker._event_text, strict=True)
    for start, who, text in events:
        own = detect_channel(outside_quotes(reporting_frame(text)))
        if who != current:
            channel = (Channel.UNKNOWN, None)
        if own[0] is not Channel.UNKNOWN:
            channel = own
        current = who
        out.append((start, (who, *channel)))
    return out


def _expected(events: list[tuple[int, Answer]], offset: int) -> Answer:
    k = bisect_left([start for start, _ in events], offset)
    return events[k - 1][1] if k else (None, Channel.UNKNOWN, None)


def _check(text: str, rng: random.Random) -> int:
    tracker = Tracker(text, find_people(text))
    events = _one_pass(tracker)
    offsets = [start + d for start, _ in events for d in (0, 1)] + [0, len(text) + 1]
    rng.shuffle(offsets)  # questions in any order: the memos must not depend on it
    for offset in offsets:
        assert tracker.current(offset) == _expected(events, offset), offset
    return sum(1 for _, (_, channel, _) in events if channel is not Channel.UNKNOWN)


def test_channels_on_demand_are_those_of_one_pass_over_the_eval_articles() -> None:
    paths = sorted((ROOT / "evals").glob("v*/clusters/*/*.txt"))
    assert paths
    rng = random.Random(5)
    with_channel = sum(_check(path.read_text(encoding="utf-8"), rng) for path in paths)
    assert with_channel > 50  # the articles do carry channels over


def test_a_channel_carries_over_until_the_speaker_changes() -> None:
    text = (
        "Governor Tomas Rielly thanked the volunteers on his X account.\n\n"
        "He said the crews had worked all night. He thanked the linemen.\n"
        "Mayor Ana Ostrova told reporters the schools would reopen. She said the roads were "
        "clear. Rielly said the power was back."
    )
    assert _check(text, random.Random(1)) > 0
    tracker = Tracker(text, find_people(text))
    assert tracker.current(text.index("He thanked") + 1)[1] is Channel.SOCIAL_POST
    assert tracker.current(text.index("She said") + 1)[1] is Channel.PRESS_BRIEFING
    assert tracker.current(len(text))[1] is Channel.UNKNOWN
