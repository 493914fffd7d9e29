"""Bytes → text: a byte-order mark first, then the charset the server or the page declares,
then UTF-8, then a guess by charset-normalizer; binary data is refused with its reason."""

from __future__ import annotations

import codecs
import re

from factcheck.errors import InputError

# <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">;
# browsers look at the first 1024 bytes, pages written by hand sometimes put it a little later.
_META_CHARSET = re.compile(
    rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]{1,40})", re.I
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]{1,40})", re.I)
# What browsers do (WHATWG Encoding): a page labelled Latin-1 or ASCII is read as windows-1252,
# whose extra characters (curly quotes, dashes, €) are common in such pages.
_ALIASES = {"iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252"}
_ALIASES |= {"us-ascii": "cp1252", "ascii": "cp1252", "l1": "cp1252"}
_UTF8 = {"utf-8", "utf8"}
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


_NOT_CONTROL = bytes(range(32, 256)) + b"\t\n\r\f\v\x1b"


def charset_from_content_type(content_type: str | None) -> str | None:
    """The charset parameter of an HTTP ``Content-Type`` header, if any."""
    match = _HEADER_CHARSET.search(content_type or "")
    return match.group(1) if match else None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag near its top."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    name = _ALIASES.get(label.strip().lower(), label.strip().lower())
    try:
        return codecs.lookup(name).name
    except LookupError:  # an unknown label is ignored, as browsers do
        return None


def _refuse_binary(data: bytes, source: str) -> None:
    if b"\x00" in data:
        raise InputError(source, "binary file (NUL bytes), not text")
    sample = data[:8192]
    # Control bytes other than whitespace and ESC, counted in C (a Python loop over every byte
    # was a fifth of the ingest time).
    control = len(sample.translate(None, _NOT_CONTROL))
    if sample and control / len(sample) > 0.1:
        raise InputError(source, "binary file (mostly control bytes), not text")


def _guess(data: bytes, source: str) -> str:
    # Imported here: only files that are not UTF-8 pay for it.
    from charset_normalizer import from_bytes

    results = list(from_bytes(data))
    if not results:
        raise InputError(source, "not text in any encoding we know (not UTF-8, no charset given)")
    best = results[0]
    # Short Western-European text decodes equally well in several single-byte code pages and
    # charset-normalizer then picks the first by name (cp1250, which turns ñ into ń): among the
    # ties, prefer windows-1252, by far the most common legacy encoding of news pages.
    ties = [r.encoding for r in results if r.chaos <= best.chaos + 0.01]
    if best.encoding != "cp1252" and "cp1252" in ties:
        return data.decode("cp1252")
    return str(best)


def decode_bytes(
    data: bytes, source: str, *, declared: str | None = None, html: bool = False
) -> str:
    """Decode an article: BOM > ``declared`` (an HTTP header's charset) > an HTML page's own
    ``<meta charset>`` > UTF-8 > a guess. Raises ``InputError`` for binary or undecodable data."""
    wide = "utf-32" if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) else "utf-16"
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        try:  # a byte-order mark makes UTF-16/32 unambiguous; without one it is binary to us
            return data.decode(wide)
        except UnicodeDecodeError as exc:
            raise InputError(source, f"invalid {wide.upper()} at byte {exc.start}") from None
    _refuse_binary(data, source)
    if data.startswith(b"\xef\xbb\xbf"):
        declared = "utf-8"
    for label in (declared, declared_charset(data) if html else None):
        codec = _codec(label)
        if codec is None:
            continue
        try:
            return data.decode(codec).removeprefix("\ufeff")
        except UnicodeDecodeError:
            if codec.replace("_", "-") in _UTF8:
                break  # a page that says UTF-8 but is not: guess below
            continue
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        if _UTF8_MULTIBYTE.search(data):
            # Real UTF-8 sequences around a bad byte: a damaged UTF-8 file, not a legacy
            # encoding; guessing would turn every accented letter into mojibake.
            raise InputError(source, f"invalid UTF-8 at byte {exc.start}") from None
        return _guess(data, source)
