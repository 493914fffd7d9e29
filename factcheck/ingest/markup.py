"""Markup → plain article text plus metadata: HTML (beautifulsoup4) and minimal Markdown;
also the page-structure tests ``factcheck.ingest`` applies to every format (headline below a
masthead, consent banners, page chrome in another language).

Only page furniture is dropped here (scripts, navigation, headers, footers, forms, and
elements whose class/id names them as cookie banners, share bars, comments, related links);
the resulting text then goes through the same boilerplate rules as a ``.txt`` article.
(Not named ``html.py``: with ``factcheck/`` on ``sys.path`` it would shadow the stdlib ``html``.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

# beautifulsoup4 (with soupsieve, a fifth of the start-up time) is imported by the functions
# that read HTML: a run over .txt and .md files never loads it.
if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag
    from bs4.element import PageElement

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
    from bs4 import Tag

    for key in keys:
        for attr in ("property", "name", "itemprop"):
            tag = soup.find("meta", attrs={attr: key})
            if isinstance(tag, Tag):
                content = tag.get("content")
                if isinstance(content, str) and content.strip():
                    return content.strip()
    return None


def _date(soup: BeautifulSoup) -> str | None:
    from bs4 import Tag

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
    from bs4 import Comment, Declaration, Doctype, ProcessingInstruction, Tag
    from bs4.element import NavigableString

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
    from bs4 import BeautifulSoup, Tag

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


_MD_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"<!--.*?-->", re.DOTALL), ""),
    (re.compile(r"^[ \t]*(?:[-*_=][ \t]*){3,}$", re.MULTILINE), ""),  # rules, setext underlines
    (re.compile(r"^[ \t]*\[[^\]\n]+\]:[ \t]+\S+.*$", re.MULTILINE), ""),  # link definitions
    (re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"), ""),  # images carry no article text
    (re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)"), r"\1"),
    (re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]"), r"\1"),
    (re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE), r"\2"),
    (re.compile(r"^([ \t]*)>[ \t]?", re.MULTILINE), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
]
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.DOTALL)


def strip_markdown(raw: str) -> tuple[str, dict[str, str]]:
    meta: dict[str, str] = {}
    front = _FRONT_MATTER.match(raw)
    if front:
        for line in front.group(1).split("\n"):
            key, sep, value = line.partition(":")
            if sep:
                meta[key.strip().lower()] = value.strip().strip("\"'")
        raw = raw[front.end() :]
    heading = re.search(r"^#[ \t]+(.+?)[ \t#]*$", raw, re.MULTILINE)
    if heading and "title" not in meta:
        meta["title"] = heading.group(1)
    for pattern, repl in _MD_RULES:
        raw = pattern.sub(repl, raw)
    return raw, meta


# --- headline below the masthead ------------------------------------------------------------

# Masthead and section lines above a headline: "OUTLET | Section", "[Translated from ...]".
_MASTHEAD = re.compile(r"^\[.*\]$| \| |^\S+(?: \S+){0,3} — \S+(?: \S+){0,3}$")


def _is_masthead(line: str) -> bool:
    name = line.split(" — ")[0]  # "OUTLET NAME — tagline"
    letters = [c for c in name if c.isalpha()]
    shouting = len(name.split()) >= 2 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
    return shouting or bool(_MASTHEAD.search(line.strip()))


def _is_byline(line: str) -> bool:
    """ "By A. Reporter" or "Brussels, 10 June 2025" under a headline: short, not a sentence."""
    return len(line.split()) <= 10 and line.rstrip()[-1] not in ".!?"


def title_of(text: str) -> str | None:
    """The first short line without closing punctuation, set off by a blank line, below any
    masthead lines; a byline may follow it in the same block."""
    blocks = text.split("\n\n")
    for i, block in enumerate(blocks[:4]):
        lines = block.strip().split("\n")
        if all(_is_masthead(line) for line in lines):
            continue
        first = lines[0].strip()
        if i + 1 == len(blocks) or len(first) > 200 or len(first.split()) > 25:
            return None
        if first[-1] in ".,;:" or not all(_is_byline(line) for line in lines[1:]):
            return None
        return first
    return None


# --- consent banners and page chrome in another language ---------------------------------

_I = re.IGNORECASE
_COOKIE_WORD = re.compile(r"cookie|çerez|témoins? de connexion", _I)
_COOKIE_SIGNAL = re.compile(
    r"consent|accept|agree|privacy|personal data|advertis|partners|browser|preferences|"
    r"settings|reklam|kabul|izin|gizlilik|tarayıcı|kişisel|sitemiz|akzeptier|datenschutz|"
    r"einstellungen|aceptar|consentimiento|privacidad|publicidad|navegador|accepter|"
    r"consentement|confidentialité|publicité|navigateur|website|this site|our site",
    _I,
)
# First-person site voice: strong enough to drop such a block anywhere in the document.
COOKIE_STRONG = re.compile(
    r"\b(?:we|this (?:web)?site|our (?:web)?site)\b[^.]{0,30}\buses?\b[^.]{0,20}\bcookies|"
    r"(?:utilizamos|usamos|nous utilisons|wir verwenden|wir nutzen)[^.]{0,20}cookies|"
    r"accept (?:all )?cookies|cookies? (?:policy|settings)|cookies akzeptieren|"
    r"çerezler kullanılmaktadır|çerez politikası",
    _I,
)
_EN_STOP = frozenset(
    str.split(
        "the a an of and to in is are was were be been has have had that this for on with as by at "
        "from it its he she they we his her their not but or which will would said"
    )
)
# Function words of other Latin-script languages a news page's chrome is often written in.
_OTHER_STOP = frozenset(
    str.split(
        "de la el los las y en del que por para con una un es se lo al le les des et du est pour "
        "dans une der die das und ist mit von zu den nicht ein eine il di che per ve bu bir ile "
        "için da olarak daha ya ne o em os as um uma não"
    )
)
_WORD = re.compile(r"[^\W\d_]+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def english_share(text: str) -> float:
    found = words(text)
    return sum(map(_EN_STOP.__contains__, found)) / len(found) if found else 0.0


def is_foreign_block(block: str) -> bool:
    """A block in another language than an English article (e.g. a localised consent text)."""
    found = words(block)
    if len(found) < 6 or english_share(block) >= 0.08:
        return False
    return sum(map(_OTHER_STOP.__contains__, found)) / len(found) >= 0.08


# re.IGNORECASE also equates dotless i and long s with i and s, and lower() turns "İ" into "i"
# plus a combining dot: folded away so a substring test finds what the patterns would.
_FOLD = str.maketrans({"ı": "i", "ſ": "s", "\u0307": None})


def mentions_cookies(block: str) -> bool:
    """Whether ``block`` has a word every cookie pattern needs: a C substring test instead of
    the patterns' many alternatives at every position (most of the cleaning time)."""
    low = block.lower()
    if not low.isascii():
        low = low.translate(_FOLD)
    return "cookie" in low or "çerez" in low or "témoin" in low


def is_cookie_banner(block: str) -> bool:
    if not mentions_cookies(block):
        return False
    return bool(COOKIE_STRONG.search(block)) or bool(
        _COOKIE_WORD.search(block) and _COOKIE_SIGNAL.search(block)
    )
