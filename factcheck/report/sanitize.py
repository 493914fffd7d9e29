"""Make text we did not write safe for each output: terminal, Markdown (HTML: Jinja2 autoescape).

Article text, file names, outlets and model fields are data. Before they reach an output they
lose what that output would obey instead of show: terminal control sequences, Markdown and HTML
syntax, a newline that starts a fake line.
"""

from __future__ import annotations

import re

# ECMA-48 sequences, stripped whole so no "[31m" debris is left: CSI (7- and 8-bit), OSC and
# the other string commands up to their terminator, then two-byte escapes.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -~]?"
)
# C0 except tab and newline, DEL, C1, and the bidi embeddings/overrides/isolates that can make
# a terminal or browser show text in an order other than the bytes (CVE-2021-42574).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_NAME_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_VISIBLE = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def plain_text(text: str) -> str:
    """Prose (article text, explanations): escape sequences and control characters removed.

    Line breaks are kept as ``\\n``; every other control character is dropped.
    """
    text = _LINE_BREAKS.sub("\n", text)
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


def flat_text(text: str) -> str:
    """Prose on one line: ``plain_text`` with runs of whitespace folded to one space."""
    return " ".join(plain_text(text).split())


def one_line(text: str) -> str:
    """A name (file, article id, outlet, model field): every control character made visible.

    Nothing is dropped, so the user can still find the file; a newline shows as ``\\n`` and
    cannot start a line of its own.
    """
    return _NAME_CONTROL.sub(_show, text)


def _show(m: re.Match[str]) -> str:
    c = m.group()
    return _VISIBLE.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")


# CommonMark: any ASCII punctuation may be backslash-escaped. These are the ones that start
# emphasis, code, links, images, autolinks, strikethrough or a table cell anywhere in a line.
# An underscore between two letters or digits cannot start or end emphasis, so "004_4f75" stays
# readable in the raw file.
_MD_INLINE = re.compile(r"([\\`*\[\]|~!]|(?<![^\W_])_|_(?![^\W_]))")
# Block syntax only counts at the start of a line: headings, quotes, lists, rules, fences.
_MD_BLOCK_START = re.compile(r"^(\s*)([#>+\-=])|^(\s*\d{1,9})([.)])(?=\s|$)")


def md_text(text: str) -> str:
    """Text for a Markdown paragraph, list item or table cell: shown, never interpreted.

    ``<``, ``>`` and ``&`` become entities (a CommonMark renderer passes raw HTML through, and
    the entity form reads the same in every renderer); syntax characters get a backslash; line
    breaks fold to spaces so a cell or list item cannot end early.
    """
    text = flat_text(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_BLOCK_START.sub(_escape_block_start, text)


def _escape_block_start(m: re.Match[str]) -> str:
    # "1. x" escapes its dot (1\. x): a backslash before a digit is not an escape.
    lead, mark = (m.group(1), m.group(2)) if m.group(2) else (m.group(3), m.group(4))
    return f"{lead}\\{mark}"
