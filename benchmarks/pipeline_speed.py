"""How long the offline checker takes: seeds, and a synthetic long cluster. Prints medians.

    python benchmarks/pipeline_speed.py [--repeat 7]

Figures, not a test: these machines are shared and noisy, so nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from factcheck.ingest import article_from_text, load_articles
from factcheck.pipeline import run_pipeline
from factcheck.rules import RuleExtractor
from factcheck.schemas import Article

ROOT = Path(__file__).resolve().parent.parent


def _synthetic(n_sentences: int) -> list[Article]:
    sentence = "The meeting lasted {h} hours and {p} people attended, officials said. "
    return [
        article_from_text(
            "".join(sentence.format(h=2 + (i + k) % 5, p=100 + i % 13) for i in range(n_sentences)),
            article_id=f"s{k}",
            source=f"s{k}.txt",
        )
        for k in range(3)
    ]


def _median_seconds(articles: list[Article], repeat: int) -> tuple[float, int]:
    times, claims = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        report = run_pipeline(articles, RuleExtractor())
        times.append(time.perf_counter() - start)
        claims = len(report.claims)
    return statistics.median(times), claims


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    repeat = parser.parse_args().repeat
    seeds = load_articles([str(ROOT / "examples" / "seed")]).articles
    cases = [("seed (5 articles)", seeds)] + [
        (f"synthetic 3 x {n} sentences", _synthetic(n)) for n in (25, 100)
    ]
    for name, articles in cases:
        seconds, claims = _median_seconds(articles, repeat)
        chars = sum(len(a.text) for a in articles)
        print(
            f"{name:32s} median {seconds * 1000:8.1f} ms  {claims:5d} claims  "
            f"{chars / seconds / 1000:8.1f} kchar/s"
        )


if __name__ == "__main__":
    main()
