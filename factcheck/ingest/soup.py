"""HTML → plain article text plus metadata with BeautifulSoup: our own rules, the fallback
where trafilatura (``factcheck.ingest.web``) finds no article.

Only page furniture is dropped here (scripts, navigation, headers, footers, forms, and
elements whose class/id names them as cookie banners, share bars, comments, related links);
the resulting text then goes through the same boilerplate rules as a ``.txt`` article.
Imported only when a page is read, so runs over plain text never load bs4.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction, Tag
from bs4.element import NavigableString, PageElement

_DROP_TAGS = (
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "noscript",
    "iframe",
    "svg",
    "button",
    "template",
    "select",
    "dialog",
)
# Matched against class and id tokens: these name widgets, never article prose.
_JUNK_ATTR = re.compile(
    r"(?:^|[-_])(?:cookie|consent|gdpr|cmp|share|sharing|social|related|comments?|newsletter|"
    r"subscribe|promo|advert|ads?|sponsor|popup|modal|breadcrumbs?|sidebar|paywall)(?:$|[-_])",
    re.IGNORECASE,
)
_BLOCK_TAGS = frozenset(
    str.split(
        "p div section article main h1 h2 h3 h4 h5 h6 li ul ol blockquote pre figure figcaption "
        "table tr dl dt dd address hr body"
    )
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class HtmlDoc:
    text: str
    title: str | None
    date: str | None
    outlet: str | None


def _meta(soup: BeautifulSoup, *keys: str) -> str | None:
    for key in keys:
        for attr in ("property", "name", "itemprop"):
            tag = soup.find("meta", attrs={attr: key})
            if isinstance(tag, Tag):
                content = tag.get("content")
                if isinstance(content, str) and content.strip():
                    return content.strip()
    return None


def _date(soup: BeautifulSoup) -> str | None:
    value = _meta(soup, "article:published_time", "datePublished", "date", "pubdate")
    if value is None:
        time_tag = soup.find("time", attrs={"datetime": True})
        if isinstance(time_tag, Tag):
            dt = time_tag.get("datetime")
            value = dt if isinstance(dt, str) else None
    if value is None:
        return None
    match = _ISO_DATE.match(value.strip())
    return match.group(0) if match else None


def _is_junk(tag: Tag) -> bool:
    names: list[str] = []
    classes = tag.get("class")
    if isinstance(classes, list):
        names.extend(classes)
    elif isinstance(classes, str):
        names.append(classes)
    ident = tag.get("id")
    if isinstance(ident, str):
        names.append(ident)
    if tag.get("aria-hidden") == "true" or tag.get("hidden") is not None:
        return True
    return any(_JUNK_ATTR.search(name) for name in names)


def _render(root: Tag) -> str:
    """Text of ``root`` with a blank line around every block element (iterative: pages nest
    deeper than Python's recursion limit)."""
    out: list[str] = []
    stack: list[PageElement | None] = [*reversed(list(root.children))]
    while stack:
        node = stack.pop()
        if node is None:
            out.append("\n\n")
        elif isinstance(node, (Comment, Declaration, Doctype, ProcessingInstruction)):
            continue
        elif isinstance(node, NavigableString):
            # HTML whitespace semantics: any run of whitespace inside flowing text is one space.
            out.append(re.sub(r"\s+", " ", str(node)))
        elif isinstance(node, Tag):
            if node.name == "br":
                out.append("\n")
            elif node.name in _BLOCK_TAGS:
                out.append("\n\n")
                stack.append(None)
            stack.extend(reversed(list(node.children)))
    return "".join(out)


def html_to_text(raw: str) -> HtmlDoc:
    soup = BeautifulSoup(raw, "html.parser")
    title = _meta(soup, "og:title", "twitter:title")
    if title is None and soup.title is not None and soup.title.string:
        title = soup.title.string.strip() or None
    date = _date(soup)
    outlet = _meta(soup, "og:site_name", "application-name")
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    # A class such as "has-sidebar" on <body> or <article> must not take the story with it.
    page_chars = len(soup.get_text())
    stack: list[Tag] = [soup]
    while stack:
        for child in list(stack.pop().children):
            if not isinstance(child, Tag):
                continue
            keep = child.name in ("html", "body", "main", "article") or not _is_junk(child)
            if keep or len(child.get_text()) >= 0.4 * page_chars:
                stack.append(child)
            else:
                child.decompose()
    # Prefer the largest <article>, then <main>: pages often carry several teaser articles.
    articles = [a for a in soup.find_all("article") if isinstance(a, Tag)]
    root: Tag | None = max(articles, key=lambda a: len(a.get_text()), default=None)
    if root is None:
        found = soup.find("main") or soup.find("body")
        root = found if isinstance(found, Tag) else soup
    lines = [line.strip() for line in _render(root).split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if title is not None and outlet is not None:
        # "Headline | Outlet" or "Headline - Outlet" in <title>: the outlet is metadata, not title.
        title = re.sub(rf"\s*[|\-–—·:]\s*{re.escape(outlet)}\s*$", "", title) or title
    return HtmlDoc(text=text, title=title, date=date, outlet=outlet)
