"""Which language an article is written in (pycld2, Google's Compact Language Detector 2).

Chosen by measurement (``python benchmarks/language_detect.py``): pycld2 imports in about
10 ms and answers in well under a millisecond per article; py3langid took 1.4 s to its first
answer, langdetect 0.5 s, lingua 20 s. The offline extractor reads English only, so the
pipeline skips articles detected as another language instead of reporting "no contradictions"
for text it never understood; a model backend reads them all.
"""

from __future__ import annotations

from dataclasses import dataclass

# Fewer letters than this and no detector is reliable: the article counts as unknown (read).
MIN_LETTERS = 60
# Precision first: an article is "not English" only when the detector is sure and less than
# this share of its text is English (English articles quoting a foreign statement stay in).
MAX_ENGLISH_PERCENT = 30


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1 where one exists ("de"), else the detector's code
    name: str  # "German"
    reliable: bool
    english_percent: int

    @property
    def is_english(self) -> bool:
        return self.code == "en" or not self.reliable or self.english_percent >= MAX_ENGLISH_PERCENT


def _has_letters(text: str, wanted: int) -> bool:
    """Whether ``text`` has ``wanted`` letters: stops counting there (counting all 4,000
    characters of every article cost a millisecond each)."""
    found = 0
    for char in text:
        if char.isalpha():
            found += 1
            if found >= wanted:
                return True
    return found >= wanted


def detect_language(text: str) -> Language | None:
    """The main language of ``text``, or None when there is too little text to tell."""
    if not _has_letters(text[:4000], MIN_LETTERS):
        return None
    import pycld2  # C extension; imported on first use so `--help` never pays for it

    sample = text[:100_000].encode("utf-8", errors="ignore")
    try:
        reliable, _bytes, details = pycld2.detect(sample)
    except pycld2.error:  # invalid UTF-8 cannot occur after errors="ignore"; be safe anyway
        return None
    name, code, _percent, _score = details[0]
    if code in ("un", "xxx"):
        return None
    english = sum(int(d[2]) for d in details if d[1] == "en")
    return Language(code=code, name=name.title(), reliable=bool(reliable), english_percent=english)


def language_code(text: str) -> str | None:
    """What ``Article.language`` holds: "en" for English (or English enough), the code of
    another language only when the detector is sure, None when it cannot tell."""
    found = detect_language(text)
    if found is None:
        return None
    return "en" if found.is_english else found.code


def language_name(code: str) -> str:
    """ "de" → "German" (the code itself when unknown)."""
    import pycld2

    for name, known in pycld2.LANGUAGES:
        if known == code:
            return str(name).title()
    return code
