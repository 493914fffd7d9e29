"""A web page → the article on it: main text, title, outlet, date and author, by trafilatura.

trafilatura is imported on first use (about 0.5 s), so runs without web pages never load it.
Its text then goes through the same line and block rules as a ``.txt`` article (share lines,
consent banners, "Read more" links it let through), and every claim span points into that text.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageText:
    text: str  # one paragraph per block, blank lines between
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    author: str | None = None


def extract_page(html: str, url: str | None = None) -> PageText | None:
    """The main text and metadata of an HTML page; None when no article text is found."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,  # readers' comments are not the article
        include_tables=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
        favor_precision=True,  # precision first, as everywhere in factcheck
    )
    if doc is None or isinstance(doc, dict) or not (doc.text or "").strip():
        return None
    # trafilatura puts one element per line; our sentence splitter and title rules read a
    # blank line as the paragraph boundary.
    lines = [" ".join(line.split()) for line in str(doc.text).split("\n")]
    return PageText(
        text="\n\n".join(line for line in lines if line),
        title=_clean(doc.title),
        outlet=_clean(doc.sitename),
        date=_clean(doc.date),
        author=_clean(doc.author),
    )


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


# Fewer words than this is a menu or an error page, not an article.
MIN_WORDS = 12


def read_page(html: str, url: str | None = None) -> PageText | None:
    """The page's article, or None when trafilatura finds fewer than ``MIN_WORDS`` words
    (the caller then tries our own rules)."""
    page = extract_page(html, url)
    if page is None or len(page.text.split()) < MIN_WORDS:
        return None
    return page
