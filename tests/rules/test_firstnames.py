"""The first-name gazetteer: same names as gender-guesser's detector, read once, thread-safe,
kept parsed in the user's cache directory."""

from __future__ import annotations

import os
import threading
from pathlib import Path

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
    real = firstnames._load
    barrier = threading.Barrier(8)

    def counting() -> frozenset[str]:
        calls.append(1)
        return real()

    monkeypatch.setattr(firstnames, "_load", counting)
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


@pytest.fixture
def names_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small data file standing in for gender-guesser's, and a cache of our own."""
    data = tmp_path / "nam_dict.txt"
    data.write_bytes(
        b"# names\nM  Aad                         1\nF  Ana                         1\n"
    )
    monkeypatch.setattr(firstnames, "_data_file", lambda: data)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return data


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = firstnames._parse

    def counting(data: bytes) -> frozenset[str]:
        calls.append(1)
        return real(data)

    monkeypatch.setattr(firstnames, "_parse", counting)
    return calls


def test_parsed_once_then_read_from_the_cache(
    names_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _count_parses(monkeypatch)
    assert firstnames._load() == {"aad", "ana"}
    entry = firstnames._cache_file(names_file)
    assert entry is not None and entry.is_file()
    assert firstnames._load() == {"aad", "ana"}
    assert len(calls) == 1


def test_a_changed_data_file_is_parsed_again(
    names_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _count_parses(monkeypatch)
    firstnames._load()
    names_file.write_bytes(names_file.read_bytes() + b"M  Bob                         1\n")
    os.utime(names_file, ns=(1, 1))  # a new size and time: a new key
    assert firstnames._load() == {"aad", "ana", "bob"}
    assert len(calls) == 2


@pytest.mark.parametrize("damage", [b"", b"not marshal", b"\xe9\x00\x01", None])
def test_a_damaged_or_foreign_cache_entry_is_parsed_again_and_replaced(
    names_file: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes | None
) -> None:
    import marshal

    entry = firstnames._cache_file(names_file)
    assert entry is not None
    entry.parent.mkdir(parents=True)
    entry.write_bytes(marshal.dumps(["aad", 3]) if damage is None else damage)
    calls = _count_parses(monkeypatch)
    assert firstnames._load() == {"aad", "ana"}
    assert firstnames._load() == {"aad", "ana"}
    assert len(calls) == 1  # replaced by a good entry the second load read


@pytest.mark.parametrize("payload", [frozenset({"aad", 3}), ["aad", "ana"], frozenset({b"aad"})])
def test_a_well_framed_entry_of_anything_but_a_set_of_names_is_parsed_again(
    names_file: Path, monkeypatch: pytest.MonkeyPatch, payload: object
) -> None:
    entry = firstnames._cache_file(names_file)
    assert entry is not None
    firstnames._to_cache(entry, payload)  # type: ignore[arg-type]  # right magic and digest
    calls = _count_parses(monkeypatch)
    assert firstnames._load() == {"aad", "ana"}
    assert len(calls) == 1


def test_an_unwritable_cache_only_costs_the_parse(
    names_file: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # mkdir under a file fails
    calls = _count_parses(monkeypatch)
    assert firstnames._load() == {"aad", "ana"}
    assert firstnames._load() == {"aad", "ana"}
    assert len(calls) == 2
    assert list(tmp_path.glob("**/.first-names-*")) == []


def test_a_flipped_byte_is_caught_by_the_checksum_not_read_as_another_list(
    names_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    firstnames._load()
    entry = firstnames._cache_file(names_file)
    assert entry is not None
    data = bytearray(entry.read_bytes())
    data[-3] ^= 0x01  # inside a name: still valid marshal, a different set
    entry.write_bytes(bytes(data))
    calls = _count_parses(monkeypatch)
    assert firstnames._load() == {"aad", "ana"}
    assert len(calls) == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_at_the_entry_does_not_block(names_file: Path) -> None:
    entry = firstnames._cache_file(names_file)
    assert entry is not None
    entry.parent.mkdir(parents=True)
    os.mkfifo(entry)
    found: list[frozenset[str]] = []
    worker = threading.Thread(target=lambda: found.append(firstnames._load()), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert found == [{"aad", "ana"}]


def test_no_home_and_a_relative_cache_home_mean_no_cache(
    names_file: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # XDG: ignore a relative path
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    entry = firstnames._cache_file(names_file)
    assert entry is not None and entry.is_relative_to(tmp_path / "home" / ".cache")

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert firstnames._cache_file(names_file) is None
    assert firstnames._load() == {"aad", "ana"}
    assert not (tmp_path / "relative").exists()


def test_writing_an_entry_keeps_only_the_newest_few(
    names_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = firstnames._cache_file(names_file)
    assert entry is not None
    entry.parent.mkdir(parents=True)
    old = []
    for k in range(6):  # entries of older gender-guessers, oldest first
        stale = entry.parent / f"first-names-old{k}.marshal"
        stale.write_bytes(b"x")
        os.utime(stale, ns=(k + 1, k + 1))
        old.append(stale)
    other = entry.parent / "notes.txt"  # not ours: left alone
    other.write_bytes(b"x")
    os.utime(other, ns=(1, 1))
    firstnames._load()
    kept = sorted(p.name for p in entry.parent.iterdir())
    newest = [p.name for p in old[-(firstnames._KEEP - 1) :]]
    assert kept == sorted([entry.name, "notes.txt", *newest])
