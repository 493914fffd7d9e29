"""Which number-word library values the seed articles' number expressions correctly?

Run: .venv/bin/python benchmarks/number_words_libs.py   (word2number / number-parser optional)
The expressions are the number parts of the quantities in examples/seed/*.txt, with the value
a reader gives them (durations in the unit as written).
"""

from __future__ import annotations

from collections.abc import Callable

from factcheck.numbers import parse_number, parse_quantities

SEED_NUMBERS: list[tuple[str, float]] = [
    ("three", 3),  # three-hour duration
    ("three", 3),  # almost three hours
    ("2, 2 million", 2_200_000),  # more than 2, 2 million migrants
    ("10,000", 10_000),  # almost 10,000 people
    ("8,000", 8_000),  # Around 8,000 migrants
    ("24", 24),  # 24 nationalities
    ("two", 2),  # less than two hours
    ("twenty", 20),  # more than twenty secretaries
    ("an hour and a half", 1.5),  # a little more than an hour and a half
    ("a year", 1),  # in more than a year
]


def _text2num(s: str) -> float | None:
    from text_to_num import text2num

    return float(text2num(s, "en"))


def _alpha2digit(s: str) -> float | None:
    from text_to_num import alpha2digit

    return float(alpha2digit(s, "en").replace(",", ""))


def _word2number(s: str) -> float | None:
    from word2number import w2n  # type: ignore[import-untyped,import-not-found,unused-ignore]

    return float(w2n.word_to_num(s))


def _number_parser(s: str) -> float | None:
    from number_parser import parse_number as np_parse  # type: ignore[import-untyped,import-not-found,unused-ignore]

    value = np_parse(s)
    return None if value is None else float(value)


# The seed quantity phrases as a reader normalises them: (phrase, value, unit, hedge).
SEED_PHRASES: list[tuple[str, float, str, str]] = [
    ("over the three-hour duration", 180, "minute", "exact"),
    ("in the almost three hours of conversation", 180, "minute", "nearly"),
    ("more than 2, 2 million migrants", 2_200_000, "person", "more_than"),
    ("with almost 10,000 people", 10_000, "person", "nearly"),
    ("during the three hours of talks", 180, "minute", "exact"),
    ("Around 8,000 migrants are en route", 8_000, "person", "approximate"),
    ("reportedly of 24 nationalities", 24, "nationality", "exact"),
    ("Around 10,000 migrants have been apprehended daily", 10_000, "person", "approximate"),
    ("The meeting was short, less than two hours", 120, "minute", "less_than"),
    ("more than twenty secretaries participated", 20, "person", "more_than"),
    ("After a little more than an hour and a half,", 90, "minute", "slightly_more"),
]


def main() -> None:
    candidates: dict[str, Callable[[str], float | None]] = {
        "text2num.text2num": _text2num,
        "text2num.alpha2digit": _alpha2digit,
        "word2number": _word2number,
        "number-parser": _number_parser,
        "factcheck.parse_number": parse_number,
    }
    for name, fn in candidates.items():
        try:
            fn("2")
        except ImportError:
            print(f"{name:28s} not installed (pip install it to measure)")
            continue
        except Exception:  # reads "2" badly but is there
            pass
        right = 0
        for expr, want in SEED_NUMBERS:
            try:
                got = fn(expr)
            except Exception:  # the libraries raise assorted errors on what they do not read
                got = None
            right += got is not None and abs(got - want) < 1e-9
        print(f"{name:28s} {right}/{len(SEED_NUMBERS)} seed number expressions")
    good = 0
    for phrase, value, unit, hedge in SEED_PHRASES:
        qs = parse_quantities(phrase)
        ok = len(qs) == 1 and (qs[0].value, qs[0].unit, qs[0].hedge.value) == (value, unit, hedge)
        good += ok
        if not ok:
            print("  miss:", phrase, qs)
    print(f"{'factcheck.parse_quantities':28s} {good}/{len(SEED_PHRASES)} seed quantity phrases")


if __name__ == "__main__":
    main()
