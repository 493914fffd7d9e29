"""The gold's claim pairs: what must be flagged, reported as an update, never flagged, or may be.

Gold lists claims in groups; scoring works on unordered cross-article pairs of claim refs
(only claims of different articles are ever compared).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import combinations

from factcheck.eval.gold import GoldCluster

Pair = frozenset[str]


def ref_article(ref: str) -> str:
    return ref.rsplit(":", 1)[0]


def cross_pairs(groups: Sequence[Sequence[str]]) -> Iterable[tuple[str, str]]:
    """Every (a, b) with a and b in different groups (a from the earlier group) and from
    different articles."""
    for g1, g2 in combinations(groups, 2):
        for a in g1:
            for b in g2:
                if ref_article(a) != ref_article(b):
                    yield a, b


def _all_pairs(claims: Sequence[str]) -> Iterable[tuple[str, str]]:
    for a, b in combinations(claims, 2):
        if ref_article(a) != ref_article(b):
            yield a, b


def gold_conflict_pairs(cluster: GoldCluster) -> dict[Pair, str]:
    """Every pair of claims from different groups (sides) and different articles -> its kind."""
    out: dict[Pair, str] = {}
    for item in cluster.contradictions:
        for a, b in cross_pairs(item.groups):
            out.setdefault(frozenset((a, b)), item.kind)
    return out


def gold_update_pairs(cluster: GoldCluster) -> dict[Pair, str]:
    """Every pair from different time groups of a running tally -> 'earlier -> later' note."""
    out: dict[Pair, str] = {}
    for item in cluster.updates:
        for a, b in cross_pairs(item.groups):
            out.setdefault(
                frozenset((a, b)), f"{a} -> {b}" + (f": {item.note}" if item.note else "")
            )
    return out


def gold_must_not_pairs(cluster: GoldCluster) -> dict[Pair, str]:
    out: dict[Pair, str] = {}
    for item in cluster.must_not_flag:
        for a, b in _all_pairs(item.claims):
            out.setdefault(frozenset((a, b)), item.reason)
    return out


def gold_acceptable_pairs(cluster: GoldCluster) -> dict[Pair, str]:
    out: dict[Pair, str] = {}
    for item in cluster.acceptable:
        for a, b in _all_pairs(item.claims):
            out.setdefault(frozenset((a, b)), item.reason)
    return out
