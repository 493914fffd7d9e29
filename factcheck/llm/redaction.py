"""Keep secrets (the API key) out of what a model server sends us and out of library logs.

A hostile or broken server can echo the key: in an error body, in a valid answer's fields, in
the response ``id`` or ``system_fingerprint``. ``scrub`` removes from a text

- the key itself;
- any fragment of it of ``FRAGMENT`` characters or more: pydantic and log formatters shorten
  long values (``input_value='sk-…'``), which would otherwise print part of a key;
- the key written with JSON ``\\u00XX`` escapes, at any nesting depth (a tool call's arguments
  are JSON inside JSON), which a plain search would miss.

A text with no trace of the key is returned unchanged, byte for byte.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

MASK = "***"
MIN_SECRET = 4  # shorter "keys" (placeholders like "x") would mask ordinary text
FRAGMENT = 12  # a key fragment this long is masked; shorter ones are too likely by chance
_GRAM = FRAGMENT // 2  # every fragment of FRAGMENT chars contains a gram starting at k*_GRAM
# A JSON escape of a character a key is made of, behind any number of backslashes (nesting).
_ESCAPE = re.compile(r"\\+u00([0-9A-Fa-f]{2})")


def _unescape(match: re.Match[str]) -> str:
    char = chr(int(match.group(1), 16))
    return char if char.isascii() and (char.isalnum() or char in "-_.") else match.group(0)


def _spans(text: str, secret: str) -> list[tuple[int, int]]:
    """Where ``text`` holds the secret or a fragment of it of FRAGMENT characters or more."""
    if len(secret) < FRAGMENT:
        out, at = [], text.find(secret)
        while at != -1:
            out.append((at, at + len(secret)))
            at = text.find(secret, at + 1)
        return out
    spans: list[tuple[int, int]] = []
    for start in range(0, len(secret) - _GRAM + 1, _GRAM):
        gram = secret[start : start + _GRAM]
        at = text.find(gram)
        while at != -1:
            a, s = at, start  # grow the match both ways while text and secret agree
            while a > 0 and s > 0 and text[a - 1] == secret[s - 1]:
                a, s = a - 1, s - 1
            b, e = at + _GRAM, start + _GRAM
            while b < len(text) and e < len(secret) and text[b] == secret[e]:
                b, e = b + 1, e + 1
            if b - a >= FRAGMENT:
                spans.append((a, b))
            at = text.find(gram, at + 1)
    return spans


def scrub(text: str, secrets: Iterable[str | None]) -> str:
    keys = [s for s in secrets if s and len(s) >= MIN_SECRET]
    if not keys:
        return text
    plain = _ESCAPE.sub(_unescape, text) if "\\" in text else text
    spans = sorted(span for key in keys for span in _spans(plain, key))
    if not spans:
        return text
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    out: list[str] = []
    end = 0
    for a, b in merged:
        out += [plain[end:a], MASK]
        end = b
    out.append(plain[end:])
    return "".join(out)


def scrub_bytes(data: bytes, secrets: Iterable[str | None]) -> bytes:
    """``scrub`` for a body of any encoding: undecodable bytes pass through unchanged."""
    keys = [s for s in secrets if s]
    if not keys or not data:
        return data
    text = data.decode("utf-8", errors="surrogateescape")
    clean = scrub(text, keys)
    return data if clean is text else clean.encode("utf-8", errors="surrogateescape")


def redact(text: str, secret: str | None) -> str:
    return scrub(text, [secret])


class _Redactor(logging.Filter):
    """Removes registered secrets from log records of the libraries we drive.

    Some servers echo the API key in error bodies, and instructor logs those bodies verbatim.
    Logger filters only see records of their own logger, so it is attached to each one.
    """

    PREFIXES = ("instructor", "openai", "httpx2", "httpcore2", "factcheck")

    def __init__(self) -> None:
        super().__init__()
        self.secrets: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        clean = scrub(message, self.secrets)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info:
            text = logging.Formatter().formatException(record.exc_info)
            record.exc_text = scrub(text, self.secrets)
        return True

    def protect(self, secret: str | None) -> None:
        if not secret or len(secret) < MIN_SECRET:
            return
        self.secrets.add(secret)
        for name in [*logging.root.manager.loggerDict, *self.PREFIXES]:
            if name.split(".")[0] in self.PREFIXES:
                logger = logging.getLogger(name)
                if self not in logger.filters:
                    logger.addFilter(self)


REDACTOR = _Redactor()


__all__ = ["FRAGMENT", "MASK", "REDACTOR", "redact", "scrub", "scrub_bytes"]
