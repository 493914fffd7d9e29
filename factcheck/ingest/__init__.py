"""Ingest: read article files (.txt, .md, .html; paths, directories, globs) into ``Article``s
with cleaned text, title, date and outlet; unreadable inputs are reported, never fatal."""

from factcheck.ingest.clean import CleanedText, article_from_text, clean_text
from factcheck.ingest.files import (
    KINDS,
    MAX_BYTES,
    IngestResult,
    InputProblem,
    load_articles,
    read_article,
)

__all__ = [
    "KINDS",
    "MAX_BYTES",
    "CleanedText",
    "IngestResult",
    "InputProblem",
    "article_from_text",
    "clean_text",
    "load_articles",
    "read_article",
]
