"""How well ``parse_quantities`` alone finds the gold quantities of the eval clusters.

Run: .venv/bin/python benchmarks/numbers_gold.py [-v]
Recall: a gold quantity_text (located after its evidence) overlapped by a parsed quantity; "right"
also needs the same interval, unit and rate. Extra: parsed quantities overlapping no gold one
(the extractor, not this parser, decides which quantities are claims, so some are expected).
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from factcheck.numbers import parse_quantities

ROOT = Path(__file__).resolve().parent.parent / "evals" / "v1" / "clusters"


def _same(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (
        a is not None and b is not None and math.isclose(a, b, rel_tol=1e-6)
    )


def main(verbose: bool) -> None:
    gold = found = right = parsed = extra = 0
    for gold_file in sorted(ROOT.glob("*/gold.json")):
        cluster = json.loads(gold_file.read_text(encoding="utf-8"))
        for art in cluster["articles"]:
            text = (gold_file.parent / art["file"]).read_text(encoding="utf-8")
            qs = parse_quantities(text)
            spans = []
            for g in art.get("quantities", []):
                gold += 1
                pos = text.find(g["quantity_text"], max(text.find(g["evidence"][:60]), 0))
                if pos < 0:
                    continue
                spans.append((pos, pos + len(g["quantity_text"])))
                hits = [q for q in qs if q.start < spans[-1][1] and spans[-1][0] < q.end]
                found += bool(hits)
                ok = bool(hits) and _same(hits[0].low, g["low"]) and _same(hits[0].high, g["high"])
                ok = ok and (hits[0].unit, hits[0].rate) == (g["unit"], g.get("rate"))
                right += ok
                if verbose and not ok:
                    print("gold  ", art["id"], repr(g["quantity_text"]), hits[:1])
            for q in qs:
                parsed += 1
                if not any(q.start < b and a < q.end for a, b in spans):
                    extra += 1
                    if verbose:
                        print("extra ", art["id"], repr(q.text))
    print(f"gold {gold}: found {found}, right (interval+unit+rate) {right}")
    print(f"parsed {parsed}: not in gold {extra}")


if __name__ == "__main__":
    main("-v" in sys.argv)
