"""Ingest: everything a user can name (files, directories, globs, URLs, ``-`` for standard input,
.jsonl/.csv lists) read into ``Article``s with cleaned text, title, date, outlet, author and
language; every input that cannot be used is named with its reason, never fatal."""

from factcheck.ingest.clean import CleanedText, Metadata, article_from_text, clean_text
from factcheck.ingest.decode import decode_bytes
from factcheck.ingest.fetch import FetchOptions, Page, fetch, is_url
from factcheck.ingest.files import MAX_BYTES, read_article
from factcheck.ingest.language import detect_language, language_code, language_name
from factcheck.ingest.sources import STDIN, IngestResult, load_articles
from factcheck.ingest.tables import COLUMNS
from factcheck.ingest.walk import KINDS, TABLES, InputProblem

__all__ = [
    "COLUMNS",
    "KINDS",
    "MAX_BYTES",
    "STDIN",
    "TABLES",
    "CleanedText",
    "FetchOptions",
    "IngestResult",
    "InputProblem",
    "Metadata",
    "Page",
    "article_from_text",
    "clean_text",
    "decode_bytes",
    "detect_language",
    "fetch",
    "is_url",
    "language_code",
    "language_name",
    "load_articles",
    "read_article",
]
