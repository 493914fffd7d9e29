"""How the HTML report grows with the number of articles: render time and page size. Medians.

    python benchmarks/report_html.py [--repeat 5]

Figures, not a test: these machines are shared and noisy, so nothing here asserts a time.
Each synthetic article is about 1,700 characters with three figures and one quote; every
cluster has two contradictions whose sides grow with the cluster.
"""

from __future__ import annotations

import argparse
import statistics
import time

from factcheck.ingest import article_from_text
from factcheck.pipeline import run_pipeline
from factcheck.report import to_html, to_markdown
from factcheck.rules import RuleExtractor
from factcheck.schemas import Article

FILLER = (
    "Delegations from both countries met in the capital to discuss trade, security and "
    "migration, and officials described the talks as constructive and detailed. "
) * 8


def _cluster(n: int) -> list[Article]:
    articles = []
    for k in range(n):
        hours = "three hours" if k % 4 else "less than two hours"
        people = "almost 10,000 people" if k % 3 else "around 8,000 migrants"
        text = (
            f"The meeting lasted {hours}, officials said. {FILLER}\n\n"
            f"A caravan of {people} is heading north. {FILLER}\n\n"
            f'"We will keep talking," the minister told reporters. It was the {k + 2}nd round.'
        )
        articles.append(article_from_text(text, article_id=f"a{k:03d}", source=f"a{k:03d}.txt"))
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{'articles':>8} {'claims':>7} {'contra':>6} {'html ms':>8} {'md ms':>7} {'html KB':>8}")
    base = None
    for n in (2, 20, 200):
        articles = _cluster(n)
        report = run_pipeline(articles, RuleExtractor())
        html_times, md_times, page = [], [], ""
        for _ in range(args.repeat):
            start = time.perf_counter()
            page = to_html(report, articles=articles)
            html_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            to_markdown(report)
            md_times.append(time.perf_counter() - start)
        html_ms = statistics.median(html_times) * 1000
        base = base or html_ms / n
        print(
            f"{n:>8} {len(report.claims):>7} {len(report.contradictions):>6} {html_ms:>8.1f} "
            f"{statistics.median(md_times) * 1000:>7.1f} {len(page.encode()) / 1024:>8.0f}"
            f"   ({html_ms / n / base:.2f}× the 2-article time per article)"
        )


if __name__ == "__main__":
    main()
