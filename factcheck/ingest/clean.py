"""Clean article text: remove boilerplate lines and blocks, read title, date and outlet.

Cleaning only ever *removes* whole boilerplate lines/blocks (cookie banners, share widgets,
comment forms, related-link lines, duplicated captions), the wire dateline that opens the story
("WASHINGTON (Reuters) - ", see ``dateline``) and normalises whitespace between paragraphs: the
article's own sentences stay byte-for-byte, because every claim span later points into
``Article.text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factcheck.errors import InputError
from factcheck.ingest.dateline import read_dateline
from factcheck.ingest.language import language_code
from factcheck.ingest.markup import (
    COOKIE_STRONG,
    english_share,
    has_words,
    is_cookie_banner,
    is_foreign_block,
    mentions_cookies,
    strip_markdown,
    title_of,
)
from factcheck.schemas import Article

_NO_TEXT = "no article text after removing boilerplate"
# How HTML pages (local files, standard input, list rows) are read: "web" = trafilatura, with
# our BeautifulSoup rules ("html") where it finds nothing. trafilatura kept as many article
# paragraphs and let through 122 page-furniture lines against 280 on pages without semantic
# tags (python benchmarks/html_cleaning.py); fetched URLs always use it.
HTML_READER = "web"


@dataclass(frozen=True)
class Metadata:
    """What a page or a list row says about an article, beside its text."""

    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    author: str | None = None
    url: str | None = None


@dataclass
class CleanedText:
    text: str
    date: str | None = None
    outlet: str | None = None
    title: str | None = None
    removed: list[str] = field(default_factory=list)


# --- line rules ---------------------------------------------------------------------------

_I = re.IGNORECASE
_WIDGET_WORD = (
    r"share(?: (?:this|this (?:article|story|post)|on \w+|via \w+))?|tweet|x|twitter|facebook|"
    r"whatsapp|telegram|e-?mail|copy link|link copied|copied|print|linkedin|reddit|pinterest|"
    r"messenger|flipboard|pocket|sms|threads|bluesky|compartir|teilen|paylaş|partager|"
    r"advertisement|sponsored|anzeige|publicidad|accept all|reject all|accept|decline|"
    r"manage (?:preferences|cookies|options)|cookie settings|follow us|comments?"
)
_WIDGET_LINE = re.compile(rf"^\s*(?:(?:{_WIDGET_WORD})(?:\s*[|•·,/:]+\s*|\s+|$))+$", _I)
_FORM_LINE = re.compile(
    r"^\s*(?:your email address will not be published|required fields are marked|"
    r"save my name,? email|notify me of (?:follow-up|new)|you must be logged in to post|"
    r"(?:post|submit) comment$|(?:name|email|website|comment)\s*\*?$|cancel reply$|"
    r"scroll to continue|story continues below|continue reading$)",
    _I,
)
_COMMENT_HEADING = re.compile(
    r"^\s*(?:leave a (?:reply|comment)|post a comment|add (?:a )?comment|\d+ comments?|"
    r"join the (?:conversation|discussion)|deja (?:un|tu) comentario|kommentar schreiben|"
    r"laisser un commentaire|yorum yap)\s*(?:cancel reply)?\s*:?\s*$",
    _I,
)
# "See also  Headline", "Read more: Headline": a link to another story, not this one's text.
_SEE_ALSO = re.compile(
    r"^\s*(?:see also|read also|also read|read more|related|more on this|lee también|"
    r"ver también|leia também|lire aussi|auch interessant|ayrıca bakınız)"
    r"(?:\s*[:|»>\-–—]|\u00a0|\s{2,}|\s*$)",
    _I,
)
_MEDIA_SUFFIX = re.compile(
    r"\s*\(\+\s*(?:photos?|videos?|fotos?|gallery|galer[ií]a|audio|infographic)\)\s*$", _I
)
_SELF_REPEAT = re.compile(r"^(\s*)(\S.*?\S)(?:\s{2,}\2)+\s*$")
# "date 2023-12-28 (MENAFN) ..." or "2025-11-04 (WIRE) ...": a scraper's metadata, not the story.
_META_PREFIX = re.compile(
    r"^\s*(?:(?:date|published|updated)\s*:?\s*(?=\d)|(?=\d{4}-\d{2}-\d{2}[T\d:.Z ]*\())"
    r"(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+Z?)?[ \t]*(?:\(([^()\n]{1,60})\)[ \t]*(?:[-–—][ \t]*)?)?",
    _I,
)

# --- block rules ---------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?…\"'”’»)\]]$")


def _is_paragraph(block: str) -> bool:
    return has_words(block, 20) or bool(_SENTENCE_END.search(block.rstrip()))


def _is_tail_junk(block: str) -> bool:
    """A very short last line with no sentence punctuation: a leftover link or widget label."""
    s = block.strip()
    return "\n" not in s and len(s) <= 40 and len(s.split()) <= 4 and not _SENTENCE_END.search(s)


def _norm(line: str) -> str:
    return " ".join(line.split()).casefold()


def _filter_lines(lines: list[str], removed: list[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for line in lines:
        if not line.strip():
            out.append("")
            continue
        m = _SELF_REPEAT.match(line) if len(line) <= 600 else None
        if m and has_words(m.group(2), 3):
            removed.append(line[len(m.group(1)) + len(m.group(2)) :].strip())
            line = m.group(1) + m.group(2)
        short = len(line) <= 200  # widgets and link lines are short; never test long paragraphs
        if short and (_WIDGET_LINE.match(line) or _FORM_LINE.match(line) or _SEE_ALSO.match(line)):
            removed.append(line)
            continue
        if _COMMENT_HEADING.match(line) and not any(_is_paragraph(x) for x in out if x):
            removed.append(line)  # a "Leave a comment" link above the story, not a form
            continue
        key = _norm(line)
        if key in seen and has_words(line, 3):
            removed.append(line)  # a caption or headline repeated by the page template
            continue
        seen.add(key)
        suffix = _MEDIA_SUFFIX.search(line) if short else None
        if suffix:
            removed.append(suffix.group(0).strip())
            line = line[: suffix.start()]
        out.append(line)
    return out


def _blocks(lines: list[str]) -> list[str]:
    return [b for b in re.split(r"\n\s*\n", "\n".join(lines)) if b.strip()]


def _banner(block: str) -> bool:
    # A whole article pasted as one line can end with a banner: keeping a banner is better
    # than losing the article, so only banner-sized blocks go.
    return len(block) < MAX_BANNER_CHARS and is_cookie_banner(block)


MAX_BANNER_CHARS = 1500


def _filter_blocks(blocks: list[str], removed: list[str]) -> list[str]:
    # A comment form: everything after a "Leave a Reply" heading in the second half of the page.
    total, pos = sum(map(len, blocks)), 0
    for i, block in enumerate(blocks):
        heading = _COMMENT_HEADING.match(block.split("\n", 1)[0])
        if heading and 2 * pos >= total and any(_is_paragraph(b) for b in blocks[:i]):
            removed.extend(b.strip() for b in blocks[i:])
            blocks = blocks[:i]
            break
        pos += len(block)
    english = english_share("\n".join(blocks)) >= 0.2
    while blocks and (
        _banner(blocks[-1])
        or (english and is_foreign_block(blocks[-1]))
        or (len(blocks) > 1 and _is_tail_junk(blocks[-1]) and _is_paragraph(blocks[-2]))
    ):
        removed.append(blocks.pop().strip())
    while blocks and _banner(blocks[0]):
        removed.append(blocks.pop(0).strip())
    kept: list[str] = []
    for block in blocks:
        if len(block) < 800 and mentions_cookies(block) and COOKIE_STRONG.search(block):
            removed.append(block)
        else:
            kept.append(block)
    return kept


def _clean_body(text: str, removed: list[str]) -> str:
    lines = [line.rstrip() for line in text.split("\n")]
    blocks = _filter_blocks(_blocks(_filter_lines(lines, removed)), removed)
    return "\n\n".join(b.strip("\n") for b in blocks).strip()


def _cut_dateline(text: str, removed: list[str]) -> tuple[str, str | None, str | None]:
    """Cut the dateline that opens the story: it is on one of the first lines (after a title,
    a standfirst), never further down, where "LONDON — " would be the story's own words."""
    for n, start in enumerate(m.start() for m in re.finditer(r"^[ \t]*(?=\S)", text, re.M)):
        if n >= 4:
            break
        end = text.find("\n", start)
        line = text[start : end if end >= 0 else len(text)]
        found = read_dateline(line) if _is_paragraph(line) else None  # not a masthead
        if found is not None:
            removed.append(line[: found.length].strip())
            return text[:start] + text[start + found.length :], found.date, found.outlet
    return text, None, None


# --- public API ----------------------------------------------------------------------------


def clean_text(raw: str, kind: str = "txt") -> CleanedText:
    if kind not in ("txt", "md", "html"):
        raise ValueError(f"unknown article kind {kind!r}")
    text = raw.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    title = date = outlet = None
    if kind == "html":
        from factcheck.ingest.soup import html_to_text  # bs4 loads only for HTML

        doc = html_to_text(text)
        text, title, date, outlet = doc.text, doc.title, doc.date, doc.outlet
    elif kind == "md":
        text, meta = strip_markdown(text)
        title, date = meta.get("title"), meta.get("date")
        iso = re.match(r"\d{4}-\d{2}-\d{2}", date or "")
        date = iso.group(0) if iso else date
        outlet = meta.get("outlet") or meta.get("source") or meta.get("publisher")
    removed: list[str] = []
    # Rules see each other's effect (a dropped share line exposes the metadata prefix, a dropped
    # banner a junk line), so run to a fixpoint; that is also what makes cleaning idempotent.
    for _ in range(8):
        prefix = _META_PREFIX.match(text)
        if prefix:
            removed.append(prefix.group(0).strip())
            date = date or prefix.group(1)
            outlet = outlet or (prefix.group(2).strip() if prefix.group(2) else None)
        cleaned = _clean_body(text[prefix.end() :] if prefix else text, removed)
        if cleaned == text:
            break
        text = cleaned
    text, line_date, line_outlet = _cut_dateline(text, removed)
    date, outlet = date or line_date, outlet or line_outlet
    if title is None:
        title = title_of(text)
    if title is not None:
        title = _MEDIA_SUFFIX.sub("", " ".join(title.split())) or None
    return CleanedText(text=text, date=date, outlet=outlet, title=title, removed=removed)


def article_from_text(
    raw: str,
    *,
    article_id: str,
    source: str,
    kind: str = "txt",
    meta: Metadata | None = None,
) -> Article:
    """Clean ``raw`` into an ``Article``; ``meta`` (from a page or a list row) wins over what
    the text itself says. ``kind="web"`` reads an HTML page with trafilatura (``HTML_READER``:
    what local .html files use; measured in benchmarks/html_cleaning.py)."""
    if not raw.strip():
        raise InputError(source, "empty file")
    given = meta or Metadata()
    page = None
    if kind == "web":
        from factcheck.ingest.web import read_page

        page = read_page(raw, given.url)
    if page is not None:
        cleaned = clean_text(page.text, "txt")
        found = Metadata(title=page.title, outlet=page.outlet, date=page.date, author=page.author)
    else:
        # Our own rules read what trafilatura cannot (tiny pages, nesting deeper than lxml
        # parses): "web" falls back to "html".
        cleaned = clean_text(raw, "html" if kind == "web" else kind)
        found = Metadata(title=cleaned.title, outlet=cleaned.outlet, date=cleaned.date)
    if not cleaned.text:
        raise InputError(
            source,
            "no article text found on the page" if page is None and kind == "web" else _NO_TEXT,
        )
    return Article(
        id=article_id,
        source=source,
        date=given.date or found.date or cleaned.date,
        outlet=given.outlet or found.outlet or cleaned.outlet,
        title=given.title or found.title or cleaned.title,
        author=given.author or found.author,
        language=language_code(cleaned.text),
        raw_text=raw,
        text=cleaned.text,
    )
