"""The parser's shortcuts (skip text with no number-like word, skip tokens that cannot start a
number, skip the age/rank/rating scans where no digit or scale word is) never change what it
finds."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.numbers import ParsedQuantity, parse_quantities, scales, tokens
from factcheck.numbers import lexicon as lx
from factcheck.numbers import quantities as qm
from factcheck.numbers import shortcuts as sc
from factcheck.numbers.hedges import hedge_before
from factcheck.schemas import Hedge

ROOT = Path(__file__).resolve().parents[2]
WORDS = (
    "a an one half third thirds quarter of the hour hours day days a.m. dozen hundred "
    "hundreds thousands million bn m k nought twenty-four and or to $ € £ US$ USD MXN 10 "
    "2,400 1.5 007 2024 10km 5% per cent people migrants trucks killed dead injuring some "
    "around nearly more than less Title Monday May record in ago later , . - – “ ” ı ſ "
    "aged AGED age of at years-old year-old old ranked No. fourth FOURTH ſecond largest most "
    "rated 7.5/10 out 53-year-old Gonzalez least LEAST populous 2nd"
).split()


@contextmanager
def _no_shortcuts(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with monkeypatch.context() as m:
        m.setattr(qm, "quantity_free_words", lambda text: None)
        m.setattr(qm, "start_candidates", lambda toks, lows: list(range(len(toks))))
        m.setattr(
            scales,
            "_scans",
            lambda text, digit=None: (list(scales._AGE_RES), list(scales._RANK_RES), True),
        )
        yield


def _both(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[list[ParsedQuantity], ...]:
    fast = parse_quantities(text)
    with _no_shortcuts(monkeypatch):
        slow = parse_quantities(text)
    return fast, slow


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=14), st.sampled_from([" ", "", "\n"]))
def test_shortcuts_change_nothing_on_generated_text(words: list[str], sep: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast, slow = _both(sep.join(words), monkeypatch)
    assert fast == slow


def test_shortcuts_change_nothing_on_the_eval_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    paths = sorted((ROOT / "evals").glob("v*/clusters/*/*.txt"))
    assert paths
    found = 0
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            fast, slow = _both(line, monkeypatch)
            assert fast == slow, line
            found += len(fast)
    assert found > 100


@pytest.mark.parametrize(
    "text",
    [
        "Nought thirds of the voters agreed.",  # a word only text2num values, then a fraction
        "A third of them left; a quarter stayed.",
        "Hundreds of thousands marched for an hour and a half.",
        "The deal was worth USD 5 million.",
        "They waited a day, then half a day more.",
        "The fourth largest city; she was AGED eighty; ranked third; the ſecond most visited.",
        "It lasted an  hour; talks went on for days, in the coming weeks, an hour and a half.",
        "A\nweek later, an\thour, hour and a half, a-week, a 'week', Decades and An Hour.",
        "For years a plan was made; in recent days, a week.",
        "The hour and a half passed.",
        "It is the fourth least visited park, the 2nd least populous state, SIXTH\nleast rating.",
        "He told them he was fifty-three YEARS\nOLD; a page on average; at the AGE\tOF 84.",
        "Mary Smith, 27, said so; Smith , 27, did not; the 3RD most visited, the 2ſt largest.",
        "It was rated 4.5 out\nof 5, about 7 OUT OF 10, 3/10 and 9.5/10 stars.",
        "The FOURTH-largest city, the Eleventh\tmost visited, RANKED twentieth, the _sixth best.",
    ],
)
def test_shortcuts_change_nothing_on_edge_cases(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, slow = _both(text, monkeypatch)
    assert fast == slow


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=14), st.sampled_from([" ", "", "\n"]))
def test_scales_without_digit_is_with_scales_of_nothing(words: list[str], sep: str) -> None:
    text = sep.join(words)
    lows = sc.quantity_free_words(text)
    if lows is not None:  # only asked then
        assert scales.scales_without_digit(text, lows) == scales.with_scales(text, [], False)


def test_a_number_word_alone_makes_a_quantity_maybe() -> None:
    # scales_without_digit relies on it: no number word is a time unit (which alone is no
    # trigger), and each is a trigger word.
    assert sc._TIME_UNIT_FORMS.isdisjoint(lx.NUMBER_WORDS)
    assert all(sc.may_contain_quantity(f"Aged {word}.") for word in lx.NUMBER_WORDS)


def test_text_without_number_words_is_not_tokenized() -> None:
    assert not sc.may_contain_quantity("A man and an idea walked into the harbour.")
    # A time unit alone starts no number: "a week", "an hour", "hour and a half" do.
    assert not sc.may_contain_quantity("A plan will follow in the coming weeks, for years.")
    assert sc.may_contain_quantity("They met for an hour.")
    assert sc.may_contain_quantity("It took an hour and a half") and sc.may_contain_quantity(
        "a  week"
    )
    assert sc.may_contain_quantity("A third of them left.")
    assert sc.may_contain_quantity("It cost USD.")
    assert sc.may_contain_quantity("They waited an hour.")


def _reference_tokenize(text: str) -> list[tuple[object, ...]]:
    """The plain tokenizer: every chunk checked, every token built the simple way."""
    mask = bytearray(len(text))
    for m in re.finditer(r"\S+", text):
        if tokens._chunk_blocked(m.group().strip(tokens._STRIP)):
            mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    out: list[tuple[object, ...]] = []
    prev_end = 0
    for m in tokens._TOKEN_RE.finditer(text):
        t = m.group()
        nl = "\n" in text[prev_end : m.start()]
        out.append((t, m.start(), m.end(), t.lower(), bool(mask[m.start()]), nl,
                    t[0].isdigit(), t[0].isalpha()))  # fmt: skip
        prev_end = m.end()
    return out


PIECES = [*"aZx.:/@#_\\-–0921²,%$ ’'“\n\xa0\t", "http", "www.", "km", "th"]
CHUNKS = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(CHUNKS)
def test_tokenizer_shortcuts_change_nothing(text: str) -> None:
    assert [tuple(t) for t in tokens.tokenize(text)] == _reference_tokenize(text)


@settings(max_examples=400, deadline=None)
@given(CHUNKS)
def test_candidate_runs_are_the_candidate_pattern_s_matches(text: str) -> None:
    expected = [m.span() for m in tokens._CANDIDATE_CHUNK_RE.finditer(text)]
    toks = tokens.tokenize(text)
    gaps = tokens._TOKEN_SPLIT(text)[0::2]
    starts, firsts = [t.start for t in toks], [t.text[0] for t in toks]
    runs = tokens._candidate_runs(text, gaps, starts, firsts)
    assert [(toks[a].start, toks[b - 1].end) for a, b in runs] == expected


def test_plain_characters_are_those_the_odd_class_leaves_out() -> None:
    odd = re.compile(tokens._ODD_CHAR)
    for c in map(chr, range(0x3100)):
        if not c.isspace():
            assert (c in tokens._PLAIN_CHARS) == (odd.fullmatch(c) is None), c


def test_tokenizer_shortcuts_change_nothing_on_the_eval_articles() -> None:
    for path in sorted((ROOT / "evals").glob("v*/clusters/*/*.txt")):
        text = path.read_text(encoding="utf-8")
        assert [tuple(t) for t in tokens.tokenize(text)] == _reference_tokenize(text)


def _start_candidates_both_ways(text: str) -> None:
    toks, lows = tokens.tokens_and_lows(text)
    assert lows == [t.low for t in toks]
    expected = [i for i, t in enumerate(toks) if sc.may_start_number(t)]
    assert sc.start_candidates(toks, lows) == expected, text
    assert sc.start_candidates(toks, lows) == expected, text  # with the words now known


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*WORDS, *PIECES]), max_size=14), st.sampled_from([" ", ""]))
def test_start_candidates_are_the_tokens_that_may_start_a_number(
    words: list[str], sep: str
) -> None:
    _start_candidates_both_ways(sep.join(words))


def test_start_candidates_on_the_eval_articles_and_after_forgetting() -> None:
    paths = sorted((ROOT / "evals").glob("v*/clusters/*/*.txt"))
    with pytest.MonkeyPatch.context() as m:
        m.setattr(sc, "_MAX_SEEN", 50)  # emptied again and again on the way
        for path in paths[:20]:
            _start_candidates_both_ways(path.read_text(encoding="utf-8"))
    for path in paths:
        _start_candidates_both_ways(path.read_text(encoding="utf-8"))


def test_a_digit_stays_a_digit_in_lower_case() -> None:
    # start_candidates finds a digit token by the first character of its lower-case form.
    digits = [chr(c) for c in range(0x110000) if chr(c).isdigit()]
    assert len(digits) > 700
    assert all(d.lower()[0].isdigit() for d in digits)


def _triggers_by_set(word: str) -> bool:
    return word in sc.lx.CURRENCY_CODES or word.lower() in sc._TRIGGER_WORDS


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.sampled_from([*WORDS, "daies", "hrs", "mins", "Hours", "DAYS", "halves", "Thirds"]),
        st.text(alphabet="adehiorsuwyDHMS'’", min_size=1, max_size=9),
    )
)
def test_the_trigger_vocabulary_is_the_trigger_rule(word: str) -> None:
    assert _triggers_by_set(word) == sc._word_triggers(word)


def test_the_trigger_vocabulary_agrees_on_every_eval_word() -> None:
    for path in sorted((ROOT / "evals").glob("v*/clusters/*/*.txt")):
        for word in sc._WORD.findall(path.read_text(encoding="utf-8")):
            assert _triggers_by_set(word) == sc._word_triggers(word), word


def test_trigger_words_and_codes_are_runs_of_ascii_letters_as_the_pre_check_assumes() -> None:
    from factcheck.numbers import lexicon as lx

    assert all(w.isascii() and w.isalpha() for w in sc._TRIGGER_WORDS | lx.CURRENCY_CODES)


@pytest.mark.parametrize(
    "text",
    [
        "Paid in MXN.",
        "\u212aone left",
        "twenty-four",
        "“Two”",
        "o'clock",
        "naïve eight",
        "\ud800 six",
        "We try to rub it in, Cop.",
        "try USD",
    ],
)
def test_pre_check_finds_what_the_word_pattern_finds(text: str) -> None:
    words = re.findall(r"[A-Za-z]+(?:['’][A-Za-z]+)?", text)
    expected = any(sc._word_triggers(w) for w in words)
    assert sc.may_contain_quantity(text) or not expected
    assert sc.may_contain_quantity(text) == expected or "'" in text


@pytest.mark.parametrize(
    ("text", "maybe"),
    [
        ("It was 5.", True),
        ("It cost $ more.", True),
        ("Only ٣ left.", True),  # a digit that is not ASCII
        ("Only 3 left, naïvely.", True),
        ("It cost € more, naïvely.", True),
        ("The ¥ fell.", True),
        ("Naïve words, no figure.", False),
        ("Plain words, no figure.", False),
    ],
)
def test_pre_check_sees_every_digit_and_sign(text: str, maybe: bool) -> None:
    assert sc.may_contain_quantity(text) == maybe
    assert bool(sc._DIGIT_OR_SIGN.search(text)) == maybe


def _hedge_before_reference(toks: list[tokens.Tok], s: int, floor: int) -> tuple[Hedge, int]:
    """``hedge_before`` without its shortcut: every phrase length tried."""
    for size in range(lx.MAX_HEDGE_WORDS, 0, -1):
        a = s - size
        seg = toks[a:s] if a >= floor else []
        if seg and all(t.is_word and not t.blocked for t in seg):
            hedge = lx.HEDGES.get(" ".join(t.low for t in seg))
            if hedge is not None:
                return hedge, a
    return Hedge.EXACT, s


HEDGE_TEXT = [
    *sorted({w for phrase in lx.HEDGES for w in phrase.split()}),
    *"10 - , the Over JUST @x http://a.b".split(),
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(HEDGE_TEXT), max_size=8))
def test_hedge_before_finds_what_trying_every_length_finds(words: list[str]) -> None:
    toks = tokens.tokenize(" ".join(words))
    for s in range(len(toks) + 1):
        for floor in range(s + 1):
            assert hedge_before(toks, s, floor) == _hedge_before_reference(toks, s, floor)


def test_re_digit_is_str_isdecimal() -> None:
    # The parser tests three digits with ``str.isdecimal`` instead of r"\d{3}".
    digit = re.compile(r"\d")
    assert all(c.isdecimal() == bool(digit.fullmatch(c)) for c in map(chr, range(0x110000)))


SHORT = st.text(alphabet="0129٣３²½.,aZ", max_size=8)


@settings(max_examples=600, deadline=None)
@given(SHORT)
def test_tiny_pattern_pretests_pass_every_match(text: str) -> None:
    assert bool(re.fullmatch(r"\d{3}", text)) == (len(text) == 3 and text.isdecimal())
    assert not qm._YEAR.fullmatch(text) or len(text) == 4
    assert not qm._CODE.match(text) or text[0] == "0"
    assert not tokens._DOTTED_THOUSANDS.fullmatch(text) or text[-4:-3] == "."


@pytest.mark.parametrize(
    ("text", "unit"),
    [("It went at 90 km/h.", "km/h"), ("It went at 90 k m h today", "km/h"), ("at 90 m p h", "km/h"),
     ("at 90 mph", "km/h"), ("It lasted 2 and a half hours.", "minute"), ("At 4 p.m. 9 died", "person")],
)  # fmt: skip
def test_word_sequences_after_their_first_word_test(text: str, unit: str) -> None:
    assert [q.unit for q in parse_quantities(text)][:1] == ([unit] if unit else [])
