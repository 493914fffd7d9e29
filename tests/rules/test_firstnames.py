"""The first-name gazetteer: same names as gender-guesser's detector, read once, thread-safe."""

from __future__ import annotations

import threading

import pytest

from factcheck.rules import firstnames
from factcheck.rules.mentions import is_first_name


def test_same_names_as_gender_guessers_case_insensitive_detector() -> None:
    detector = pytest.importorskip("gender_guesser.detector").Detector(case_sensitive=False)
    assert firstnames.first_names() == frozenset(detector.names)


def test_plus_in_a_name_stands_for_nothing_a_space_or_a_hyphen() -> None:
    data = b"# comment\nM  Jean+Pierre                 1\n?F Ana                         1\n"
    assert firstnames._parse(data) == {"jeanpierre", "jean pierre", "jean-pierre", "ana"}


def test_first_name_lookup_ignores_case_titles_and_parentheses() -> None:
    assert is_first_name("Maria") and is_first_name("maria") and is_first_name("(Joe)")
    assert not is_first_name("President")
    assert not is_first_name("Xqzvtl")


def test_threads_share_one_copy_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(firstnames, "_names", None)
    calls: list[int] = []
    real = firstnames._parse
    barrier = threading.Barrier(8)

    def counting(data: bytes) -> frozenset[str]:
        calls.append(1)
        return real(data)

    monkeypatch.setattr(firstnames, "_parse", counting)
    seen: list[frozenset[str]] = []

    def work() -> None:
        barrier.wait()
        seen.append(firstnames.first_names())

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert len(seen) == 8 and all(s is seen[0] for s in seen)
