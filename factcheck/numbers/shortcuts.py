"""Shortcuts of the number parser: which sentences and which tokens can hold a number at all.

Most sentences have no digit, currency sign, number word, time unit or fraction, and most
tokens cannot start a number; the parser skips them without tokenizing or trying. Each test
here may only say "maybe" too often, never "no" wrongly: tests/numbers/test_prefilter.py runs
the parser with and without them on generated text and on the eval articles.
"""

from __future__ import annotations

import re
from itertools import compress, count

from factcheck.numbers import lexicon as lx
from factcheck.numbers import tokens as nw
from factcheck.numbers import units as un
from factcheck.numbers.tokens import Tok

# Letters ``re.IGNORECASE`` equates with ASCII ones that ``str.lower`` leaves alone (dotless i,
# long s), and the combining dot ``str.lower`` adds to "İ" (which ``re`` equates with "i").
_FOLD = str.maketrans({"ı": "i", "ſ": "s", "\u0307": None})


def fold(text: str) -> str:
    """Lower-cased text in which a substring test finds every word an IGNORECASE regex would
    (the pre-checks of the parser's and the rules' case-insensitive patterns)."""
    low = text.lower()
    if low.isascii() or not ("ı" in low or "ſ" in low or "\u0307" in low):
        return low  # three C scans: translating looks up every character in a dict
    return low.translate(_FOLD)


def contains_any(text: str, needles: tuple[str, ...]) -> bool:
    """Whether any needle is a substring of ``text``: the pre-check of a pattern, run on most
    sentences (a plain loop: ``any()`` over a generator costs twice as much per needle)."""
    for needle in needles:  # noqa: SIM110 (see above)
        if needle in text:
            return True
    return False


_START_WORDS = lx.NUMBER_WORDS | {"a", "an", "one", "half"}
_CURRENCY_TEXT = frozenset(lx.CURRENCY_SYMBOLS) | lx.CURRENCY_CODES | frozenset(un.SYMBOL_PREFIX)


def _time_unit_forms() -> set[str]:
    """Every word ``singular`` maps to a time unit: the unit, and what its rules strip back to
    it (+s, +es, y -> ies, irregular plurals), each form checked against ``singular``."""
    forms = set()
    for unit in lx.TIME_UNITS:
        candidates = {unit, unit + "s", unit + "es", unit[:-1] + "ies"}
        candidates |= {w for w, one in lx.IRREGULAR_SINGULAR.items() if one == unit}
        forms |= {w for w in candidates if nw.singular(w) == unit}
    return forms


_TIME_UNIT_FORMS = frozenset(_time_unit_forms())
# The words of text2num's English lexicon (its ``apply``, text2num-rs src/lang/en/mod.rs). It
# values a word alone only when the word is one of them followed by any number of "s" (it
# strips them all: "fives", "thousands"), so any other word is surely not a number, and the
# call, which answers those by raising an exception (20,000 instructions a word, once per new
# word of an article), is not made. tests/numbers/test_word_starts.py checks the rule against
# text2num itself on every character, every short word and every near-miss of these words.
_TEXT2NUM_STEMS = frozenset(
    """
    zero o nought one first oneth two second three third four fourth five fifth six sixth
    seven seventh eight eighth nine ninth ten tenth eleven eleventh twelve twelfth thirteen
    thirteenth fourteen fourteenth fifteen fifteenth sixteen sixteenth seventeen seventeenth
    eighteen eighteenth nineteen nineteenth twenty twentieth thirty thirtieth fourty forty
    fortieth fourtieth fifty fiftieth sixty sixteeth seventy seventieth eighty eightieth ninety
    ninetieth hundred hundredth thousand thousandth million millionth billion billionth
    """.split()
)


def _word_may_start(low: str) -> bool:
    # ``low in _TIME_UNIT_FORMS`` is ``singular(low) in lx.TIME_UNITS`` (tests/numbers).
    return (
        low in _START_WORDS
        or low in _TIME_UNIT_FORMS
        # text2num knows more words ("thousands"); see _TEXT2NUM_STEMS for the pre-test
        or (low.rstrip("s") in _TEXT2NUM_STEMS and nw.words_value([low]) is not None)
    )


def may_start_number(tok: Tok) -> bool:
    """False only where ``_number_at`` surely finds nothing: most tokens are plain words,
    and skipping them spares the parser a dozen calls each. It must never say False where
    ``_number_at`` would succeed (tests/numbers compares the parser with and without it)."""
    if tok.blocked:
        return False
    return tok.is_num or tok.text in _CURRENCY_TEXT or _word_may_start(tok.low)


# The lower-case words ``start_candidates`` has looked at, and those among them that may start
# a number: a digit, the lower-case form of a currency text, a word ``_word_may_start`` allows.
# Set lookups in C then find a sentence's few such words, where a Python call per token (most
# of them plain words) was a tenth of the parser. Emptied when large: the answers never
# change, only what they cost.
_SEEN: set[str] = set()
_MAY_START: set[str] = set()
_MAX_SEEN = 1 << 16
_CURRENCY_LOWS = frozenset(text.lower() for text in _CURRENCY_TEXT)


def start_candidates(toks: list[Tok], lows: list[str]) -> list[int]:
    """The indices of the tokens ``may_start_number`` says True for, in order; ``lows`` holds
    the tokens' ``low``. Each such token's word is in ``_MAY_START`` (a digit stays a digit in
    lower case, tests/numbers), so only the tokens of those words are tested one by one."""
    if not _SEEN.issuperset(lows):
        if len(_SEEN) > _MAX_SEEN:
            _SEEN.clear()
            _MAY_START.clear()
        for word in set(lows).difference(_SEEN):
            _SEEN.add(word)
            if word[0].isdigit() or word in _CURRENCY_LOWS or _word_may_start(word):
                _MAY_START.add(word)
    places = compress(count(), map(_MAY_START.__contains__, lows))
    return [k for k in places if may_start_number(toks[k])]


# Words that can make a number of a text: digits, signs, number words, time units, fractions
# ("a"/"an" only before one of these: "a dozen", "an hour", "a third of"; and a word only
# text2num values, such as "nought", only before a fraction: "nought thirds of"). A text
# without any has no quantity. No text2num call here: most words are not numbers, and it
# answers those with an exception.
_DIGIT_OR_SIGN = re.compile(r"[\d$€£¥]")
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")  # the tokenizer's words
_FRACTION_WORDS = frozenset(lx.FRACTIONS) | {f"{f}s" for f in lx.FRACTIONS}


def _word_triggers(word: str) -> bool:
    if word in lx.CURRENCY_CODES:
        return True
    low = word.lower()
    if low in ("a", "an"):
        return False
    return low in _START_WORDS or low in _FRACTION_WORDS or nw.singular(low) in lx.TIME_UNITS


# The lower-cased words for which ``_word_triggers`` is true (currency codes aside): tested
# against it word for word.
_TRIGGER_WORDS = frozenset((_START_WORDS | _FRACTION_WORDS | _TIME_UNIT_FORMS) - {"a", "an"})


def may_contain_quantity(text: str) -> bool:
    """False only for text the parser surely finds nothing in (most sentences): it is then
    not tokenized at all. Set operations in C, no Python call per word."""
    return quantity_free_words(text) is None


def quantity_free_words(text: str) -> list[bytes] | None:
    """None where ``may_contain_quantity`` is True; else the runs of ASCII letters of
    ``text``, lower-cased (read by ``scales.scales_without_digit``)."""
    # An ASCII digit or "$" becomes "0" in ``runs`` below (a byte is ASCII only as itself in
    # UTF-8); other digits and signs are not ASCII, and only text that is not needs the pattern.
    runs = text.encode("utf-8", "replace").translate(_LETTER_RUNS)
    if b"0" in runs or (not text.isascii() and _DIGIT_OR_SIGN.search(text)):
        return None
    # Every word of ``_WORD`` without an apostrophe (every trigger word and code) is a whole
    # run of ASCII letters, and in UTF-8 every other character is bytes that are not letters:
    # mapping those to spaces and splitting finds each (and a few extra pieces, "o" and "clock"
    # of "o'clock": only ever "maybe" more often). Bytes methods run in C over a table, where
    # the word pattern costs 45 ns a character: this test is 2.5 times faster.
    words = runs.lower().split()
    if _TRIGGER_OR_CODE_BYTES.isdisjoint(words):
        return words  # most sentences: the same answer as no ``hits`` below, with no new set
    hits = _TRIGGER_OR_CODE_BYTES.intersection(words)
    if not _CODE_LOWS.isdisjoint(hits):
        # A code only counts in capitals ("USD", not "try"): the words split again as written.
        if not _CODES.isdisjoint(runs.split()):
            return None
        hits -= _CODE_LOWS - _TRIGGER_BYTES
    if not hits <= _TIME_UNIT_BYTES:
        return None
    # A time unit starts no number by itself, only after "a"/"an": "a week", "an hour" ("half
    # a day" and "hour and a half" have their "half", "two weeks" its "two"). "In recent
    # days", "for years", "in the coming weeks" are most of what a unit alone triggers, and
    # the tokenizer and parser cost 70 microseconds a sentence. The words in order, one space
    # apart: the tokenizer's "a" then "week" (only spaces between them) are " a week " here.
    if not hits:
        return words
    joined = b" " + b" ".join(words) + b" "
    if any(b" a " + u + b" " in joined or b" an " + u + b" " in joined for u in hits):
        return None
    return words


# Every byte but an ASCII letter, to a space (an ASCII digit and "$" to "0"); the words as bytes.
_LETTER_RUNS = bytes(
    b if chr(b).isalpha() and b < 128 else 48 if chr(b) in "0123456789$" else 32 for b in range(256)
)
_CODES = frozenset(code.encode() for code in lx.CURRENCY_CODES)
_TRIGGER_BYTES = frozenset(word.encode() for word in _TRIGGER_WORDS)
_TIME_UNIT_BYTES = frozenset(word.encode() for word in _TIME_UNIT_FORMS)
# A code's lower-case form (a code in capitals is one among the lowered words as that form).
_CODE_LOWS = frozenset(code.lower() for code in _CODES)
_TRIGGER_OR_CODE_BYTES = _TRIGGER_BYTES | _CODE_LOWS
