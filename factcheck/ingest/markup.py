"""Markdown → plain article text plus metadata, and the page-structure tests
``factcheck.ingest`` applies to every format (headline below a masthead, consent banners,
page chrome in another language). HTML lives in ``soup.py`` (our rules) and ``web.py``
(trafilatura). (Not named ``html.py``: with ``factcheck/`` on ``sys.path`` it would shadow the
stdlib ``html``.)
"""

from __future__ import annotations

import re

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


def has_words(text: str, count: int) -> bool:
    """``len(words(text)) >= count``, reading no further than the ``count``-th word."""
    for found, _ in enumerate(_WORD.finditer(text.lower()), start=1):
        if found >= count:
            return True
    return count <= 0


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
