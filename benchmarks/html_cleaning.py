"""Which reader should turn a local .html page into article text: our BeautifulSoup rules
(``factcheck.ingest.markup`` + ``clean``) or trafilatura (``factcheck.ingest.web``)?

The eval set has no .html articles, so every .txt/.md article of ``examples/seed`` and
``evals/v1`` is wrapped into web pages we wrote (three page styles with cookie banners, menus,
share bars, related links, newsletter boxes, readers' comments and an embedded post) and read
back both ways. Measured per reader:

- paragraphs kept: the article's paragraphs (as the .txt reader cleans them) found in the
  page's text, whitespace aside (a line break inside a paragraph becomes <br>)
- whole: articles whose text is exactly the original article, whitespace aside
- chrome leaked: page furniture sentences that ended up in the article text
- same contradictions: per eval cluster, the contradictions found on the pages equal those
  found on the original files (same article pairs and figures)

    python benchmarks/html_cleaning.py
"""

from __future__ import annotations

import html
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck.ingest import article_from_text, read_article  # noqa: E402
from factcheck.pipeline import run_pipeline  # noqa: E402
from factcheck.rules import RuleExtractor  # noqa: E402
from factcheck.schemas import Article  # noqa: E402

CHROME = [
    "We use cookies to give you the best experience on our website",
    "Manage cookie preferences",
    "World Politics Business Culture",
    "Share this article on Facebook",
    "Related: Storm damages coastal road near the harbour",
    "Related: Council to vote on new parking rules",
    "Sign up for the morning briefing",
    "Most read this week",
    "Five things to know before the weekend",
    "Comment by localreader: this is the worst decision in years",
    "Comment by j.smith: I counted at least twice as many people",
    "All rights reserved",
    "Advertisement",
    "Subscribe now for full access",
]


def _paragraphs(article: Article) -> list[str]:
    return [p.strip() for p in article.text.split("\n\n") if p.strip()]


def _p(text: str) -> str:
    return "<p>" + html.escape(text).replace("\n", "<br>\n") + "</p>"


def page_semantic(title: str, paras: list[str]) -> str:
    body = "\n".join(_p(p) for p in paras)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)} | The Daily Example</title></head><body>
<div id="cookie-banner"><p>{CHROME[0]}. <a>Accept</a></p><p>{CHROME[1]}</p></div>
<header><nav><a>World</a> <a>Politics</a> <a>Business</a> <a>Culture</a></nav></header>
<main><article><h1>{html.escape(title)}</h1>
<div class="share-bar"><a>{CHROME[3]}</a></div>
{body}
<aside class="related"><p>{CHROME[4]}</p><p>{CHROME[5]}</p></aside>
</article>
<section class="comments"><h2>Comments</h2><p>{CHROME[9]}</p><p>{CHROME[10]}</p></section>
</main><footer><p>© 2024 The Daily Example. {CHROME[11]}.</p></footer></body></html>"""


def page_divs(title: str, paras: list[str]) -> str:
    """No semantic tags and neutral class names: only the page's shape tells what is what."""
    body = "\n".join(_p(p) for p in paras)
    return f"""<html><head><title>{html.escape(title)}</title></head><body>
<div class="x1"><div class="x2">{CHROME[0]}.</div><div class="x3">{CHROME[1]}</div></div>
<div class="top"><a>World</a> | <a>Politics</a> | <a>Business</a> | <a>Culture</a></div>
<div class="x4"><div class="x5"><h1>{html.escape(title)}</h1>
<div class="x6">{CHROME[12]}</div>
{body}
<div class="x7"><p>{CHROME[6]}</p><input><button>Go</button></div>
</div>
<div class="x8"><h3>{CHROME[7]}</h3><ul><li><a>{CHROME[8]}</a></li><li><a>{CHROME[4]}</a></li></ul></div>
<div class="x9"><p>{CHROME[9]}</p><p>{CHROME[10]}</p></div></div>
<div class="x10">{CHROME[13]} · {CHROME[11]}</div></body></html>"""


def page_embed(title: str, paras: list[str]) -> str:
    """A news page whose middle paragraph is an embedded social post (blockquote)."""
    mid = len(paras) // 2
    parts = [_p(p) for p in paras]
    if len(paras) > 2:
        parts[mid] = f'<blockquote class="twitter-tweet">{parts[mid]}</blockquote>'
    body = "\n".join(parts)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<meta property="og:title" content="{html.escape(title)}">
<meta property="og:site_name" content="Example Wire"></head><body>
<div class="consent"><p>{CHROME[0]}.</p></div>
<nav><ul><li>World</li><li>Politics</li><li>Business</li><li>Culture</li></ul></nav>
<main><h1>{html.escape(title)}</h1>{body}
<div class="newsletter"><p>{CHROME[6]}</p></div>
<div class="most-read"><h3>{CHROME[7]}</h3><p>{CHROME[8]}</p></div></main>
<div id="disqus_thread"><p>{CHROME[9]}</p></div><footer>{CHROME[11]}</footer></body></html>"""


TEMPLATES: dict[str, Callable[[str, list[str]], str]] = {
    "semantic": page_semantic,
    "divs": page_divs,
    "embed": page_embed,
}
READERS = {"beautifulsoup rules": "html", "trafilatura": "web"}


def corpus() -> dict[str, list[Article]]:
    clusters: dict[str, list[Article]] = {}
    folders = [ROOT / "examples" / "seed", *sorted((ROOT / "evals" / "v1" / "clusters").iterdir())]
    for folder in folders:
        files = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md"))
        key = folder.name if folder.parent.name == "clusters" else "examples-seed"
        clusters[key] = [read_article(p) for p in files]
    return clusters


def _signature(articles: list[Article]) -> set[tuple[str, ...]]:
    report = run_pipeline(articles, RuleExtractor())
    return {
        tuple(sorted(f"{r.article_id}={r.summary}" for r in c.claims))
        for c in report.contradictions
    }


def main() -> None:
    clusters = corpus()
    n_articles = sum(map(len, clusters.values()))
    print(f"{n_articles} articles in {len(clusters)} clusters x {len(TEMPLATES)} page styles\n")
    truth = {name: _signature(arts) for name, arts in clusters.items()}
    print(
        f"{'reader':22} {'style':9} {'paras kept':>10} {'whole':>6} {'chrome':>7} "
        f"{'same contra':>11} {'ms/page':>8}"
    )
    for reader, kind in READERS.items():
        for style, template in TEMPLATES.items():
            kept = total = exact = leaked = same = 0
            times: list[float] = []
            for name, articles in clusters.items():
                pages: list[Article] = []
                for art in articles:
                    paras = _paragraphs(art)
                    title, body = (
                        (paras[0], paras[1:])
                        if art.title == paras[0]
                        else (art.title or "News", paras)
                    )
                    raw = template(title, body)
                    start = time.perf_counter()
                    got = article_from_text(raw, article_id=art.id, source=art.source, kind=kind)
                    times.append(time.perf_counter() - start)
                    pages.append(got)
                    total += len(body)
                    flat = " ".join(got.text.split())
                    kept += sum(" ".join(p.split()) in flat for p in body)
                    exact += flat.endswith(" ".join(" ".join(body).split()))
                    leaked += sum(c in got.text for c in CHROME)
                same += _signature(pages) == truth[name]
            print(
                f"{reader:22} {style:9} {kept / total:10.3f} {exact:6d} {leaked:7d} "
                f"{same:>5d}/{len(clusters):<5d} {1000 * statistics.median(times):8.1f}"
            )


if __name__ == "__main__":
    main()
