"""Attribution rules on small articles written for the test."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.ingest import article_from_text
from factcheck.rules.quotes import TWEET, _tweets, detect_channel, extract_attributions
from factcheck.schemas import Channel

_GAPS = st.sampled_from(["", " ", "\n", "\n\n", " \n ", "\t"])
# An embedded post's pieces (or near misses), each followed by whitespace that may break lines.
_POST_PIECES = [
    ["body", "a (@q) b", "x", "", "—", "line one\nline two"],
    ["", "https://t.co/x", "pic.twitter.com/a(b)", "http://x—y"],
    ["—", "–", "", "-"],
    ["Ana Doe", "", "A(b", "N—M", "x" * 61],
    ["(@ab)", "(@)", "(@a_1)", "@ab"],
    ["May 5, 2020", "Jan. 12, 2021", "may 5, 2020", ""],
    ["", "tail", "\n"],
]
_POSTS = st.lists(
    st.tuples(*[st.tuples(st.sampled_from(p), _GAPS) for p in _POST_PIECES]), min_size=1, max_size=3
).map(lambda posts: "".join(w + gap for post in posts for w, gap in post))


def _spans(matches: list[re.Match[str]]) -> list[tuple[tuple[int, int], dict[str, str]]]:
    return [(m.span(), m.groupdict()) for m in matches]


@settings(max_examples=500, deadline=None)
@given(_POSTS)
def test_embedded_posts_found_as_finditer_finds_them(text: str) -> None:
    assert _spans(_tweets(text)) == _spans(list(TWEET.pattern.finditer(text))), repr(text)


def test_embedded_posts_found_as_finditer_finds_them_in_the_eval_articles() -> None:
    paths = sorted(Path(__file__).resolve().parents[2].glob("evals/v*/clusters/*/*.txt"))
    assert paths
    found = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        expected = _spans(list(TWEET.pattern.finditer(text)))
        assert _spans(_tweets(text)) == expected, path
        found += len(expected)
    assert found  # the eval set embeds posts


def _attr(text: str) -> list[tuple[str | None, str, str, str]]:
    article = article_from_text(text, article_id="t", source="t.txt")
    return [
        (c.speaker, c.channel.value, c.quote_type, c.statement)
        for c in extract_attributions(article)
    ]


def test_said_the_role_noun_resolves_to_the_named_minister() -> None:
    text = (
        "The talks were productive, according to Foreign Minister Helena Varga, who spoke at "
        "the end of the day.\n\n"
        "“We reached an agreement on the water treaty today,” said the diplomat in brief "
        "statements to the media outside the ministry."
    )
    found = _attr(text)
    [paraphrase] = [f for f in found if f[2] == "paraphrase"]
    [quote] = [f for f in found if f[2] == "direct"]
    assert paraphrase == ("Helena Varga", "unknown", "paraphrase", "The talks were productive")
    (speaker, channel, kind, statement) = quote
    assert speaker == "Helena Varga"
    assert channel == "press_briefing"
    assert kind == "direct"
    assert statement == "We reached an agreement on the water treaty today"


def test_pronoun_takes_the_last_named_speaker_and_channel_of_that_clause() -> None:
    text = (
        "Governor Tomas Rielly thanked the volunteers on his X account.\n\n"
        '"Our crews worked through the night to restore power to every home," he wrote.\n'
        "Mayor Ana Ostrova told reporters the schools would reopen on Monday.\n"
        '"We will not reopen until every building has been inspected," she said.'
    )
    found = _attr(text)
    assert (found[0][0], found[0][1]) == ("Tomas Rielly", "social_post")
    direct = [f for f in found if f[2] == "direct"]
    assert (direct[1][0], direct[1][1]) == ("Ana Ostrova", "press_briefing")


def test_straight_curly_and_mixed_quote_marks() -> None:
    text = (
        "Minister Karl Odum spoke on Tuesday.\n"
        '“We have to finish the bridge before the rains come," Odum said.\n'
        '"The budget is enough for the whole of next year," Odum added.'
    )
    statements = [f[3] for f in _attr(text)]
    assert statements == [
        "We have to finish the bridge before the rains come",
        "The budget is enough for the whole of next year",
    ]


def test_speaker_before_the_quote_and_according_to() -> None:
    text = (
        "In this regard, Prime Minister Lena Holt also said: “There will be no new taxes on "
        "fuel this year.”\n"
        "“The port will stay open all winter long,” according to statements reproduced by "
        "Radio Norte."
    )
    found = _attr(text)
    assert found[0][0] == "Lena Holt"


def test_embedded_post_line_is_a_social_post_by_its_author() -> None:
    text = (
        "The president reacted online.\n\n"
        "We will rebuild every school that the storm destroyed, starting tomorrow. "
        "pic.twitter.com/AbC123 — Marta Quinn (@martaquinn) March 3, 2024\n"
    )
    [(speaker, channel, kind, statement)] = _attr(text)
    assert kind == "direct"
    assert speaker == "@martaquinn"
    assert channel == "social_post"
    assert statement.startswith("We will rebuild every school")


def test_short_scare_quotes_are_not_statements() -> None:
    text = "The meeting was “excellent,” according to Foreign Minister Helena Varga."
    assert _attr(text) == []


def test_reported_speech_is_a_paraphrase() -> None:
    text = "Mayor Ana Ostrova said that the shelters will stay open until the end of March."
    [(speaker, _channel, kind, statement)] = _attr(text)
    assert (speaker, kind) == ("Ana Ostrova", "paraphrase")
    assert statement == "the shelters will stay open until the end of March"


def test_channel_cues() -> None:
    assert detect_channel("he said on his X account")[0] is Channel.SOCIAL_POST
    assert detect_channel("she told reporters at the palace")[0] is Channel.PRESS_BRIEFING
    assert detect_channel("in a joint statement")[0] is Channel.STATEMENT
    assert detect_channel("according to statements reproduced by Telemundo")[0] is (
        Channel.MEDIA_REPORT
    )
    assert detect_channel("he said")[0] is Channel.UNKNOWN
