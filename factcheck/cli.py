"""Command line: thin wiring of ingest → pipeline → report. ``main(argv) -> exit code``.

Exit codes: 0 no contradiction, 1 contradictions found, 2 usage or input error (nothing could
be checked), 3 partial run (some article could not be extracted; the rest is reported).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from factcheck import __version__
from factcheck.errors import FactcheckError, UsageError
from factcheck.extract import Extractor, make_extractor, make_judge
from factcheck.ingest import load_articles
from factcheck.pipeline import Judge, run_pipeline
from factcheck.report import FORMATS, render_claims, render_text, to_json, to_markdown
from factcheck.schemas import Report, report_json_schema_text

EXIT_OK, EXIT_CONTRADICTIONS, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    """argparse exits with 2 on its own; we keep that code but never ``sys.exit`` from main."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageExit(f"{self.prog}: error: {message}")


class _UsageExit(Exception):
    pass


def _build_parser() -> argparse.ArgumentParser:
    from factcheck.config import add_model_arguments
    from factcheck.eval import add_eval_arguments

    parser = _Parser(prog="factcheck", description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = sub.add_parser("check", help="find contradictions between articles")
    check.add_argument("paths", nargs="+", help="files, directories or globs (.txt .md .html)")
    _add_output_arguments(check)
    add_model_arguments(check)

    extract = sub.add_parser("extract", help="show the claims found in one article")
    extract.add_argument("path", help="an article file")
    _add_output_arguments(extract)
    add_model_arguments(extract)

    ev = sub.add_parser("eval", help="score extraction and detection on the frozen eval set")
    add_model_arguments(ev)
    add_eval_arguments(ev)

    sub.add_parser("schema", help="print the JSON Schema of the --format json report")

    cache = sub.add_parser("cache", help="manage the model-response cache")
    cache.add_argument("action", choices=["clear"])
    add_model_arguments(cache)
    return parser


def _add_output_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=FORMATS, default="text", help="output format")
    p.add_argument("-o", "--output", type=Path, help="write the report to this file")


def _make_extractor(ns: argparse.Namespace) -> tuple[Extractor, int]:
    from factcheck.config import settings_from_args

    settings = settings_from_args(ns)
    return make_extractor(settings), settings.concurrency


def _make_judge(ns: argparse.Namespace) -> Judge | None:
    """The --judge model, or None when not asked for."""
    from factcheck.config import settings_from_args

    settings = settings_from_args(ns)
    judge: Judge | None = make_judge(settings) if settings.judge else None
    return judge


def _open_output(ns: argparse.Namespace) -> TextIO:
    """Opened before any extraction, so a bad -o path never wastes a (paid) model run."""
    if ns.output is None:
        return sys.stdout
    try:
        return ns.output.open("w", encoding="utf-8")  # type: ignore[no-any-return]
    except OSError as exc:
        raise UsageError(f"{ns.output}: cannot write the report: {exc.strerror}") from None


def _emit(
    report: Report, out: TextIO, ns: argparse.Namespace, problems: list[str], claims_only: bool
) -> None:
    try:
        if ns.format == "json":
            out.write(to_json(report))
        elif ns.format == "markdown":
            out.write(to_markdown(report, problems=problems))
        else:
            console = Console(file=out, width=None if out is sys.stdout else 120)
            if claims_only:
                render_claims(report, console)
            else:
                render_text(report, console, problems=problems)
    finally:
        if out is not sys.stdout:
            out.close()


def _run(ns: argparse.Namespace, paths: list[str], *, single: bool) -> int:
    err = Console(stderr=True)
    loaded = load_articles(paths)
    problems = [str(p) for p in loaded.problems]
    for message in problems:
        _say(f"warning: {message}")
    if not loaded.articles:
        _say("error: no readable article in the input; nothing to check")
        return EXIT_USAGE
    if single and len(loaded.articles) > 1:
        _say(f"error: {paths[0]}: extract takes one article file, not {len(loaded.articles)}")
        return EXIT_USAGE
    extractor, concurrency = _make_extractor(ns)
    judge = _make_judge(ns) if not single else None
    out = _open_output(ns)
    articles = loaded.articles
    warnings: list[str] = []
    if not single and len(articles) == 1:
        warnings.append(
            f"only one article could be read ({articles[0].source}): nothing to compare it with"
        )
    if len(articles) > 1 and err.is_terminal:
        with Progress(
            TextColumn("extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            console=err,
            transient=True,
        ) as progress:
            task = progress.add_task("extract", total=len(articles))
            report = run_pipeline(
                articles,
                extractor,
                concurrency=concurrency,
                warnings=warnings,
                on_article_done=lambda _id: progress.advance(task),
                judge=judge,
            )
    else:
        report = run_pipeline(
            articles, extractor, concurrency=concurrency, warnings=warnings, judge=judge
        )
    _emit(report, out, ns, problems, claims_only=single)
    if report.partial:
        return EXIT_PARTIAL
    if warnings:
        _say(f"error: {warnings[0]}")
        return EXIT_USAGE
    if single:
        return EXIT_OK
    return EXIT_CONTRADICTIONS if report.contradictions else EXIT_OK


def _say(message: str) -> None:
    """Diagnostics go to stderr on one unwrapped line, so scripts can grep them."""
    print(message, file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="warning: %(message)s")
    try:
        ns = _build_parser().parse_args(args)
    except _UsageExit as exc:
        _say(str(exc))
        return EXIT_USAGE
    except SystemExit as exc:  # --help / --version
        return int(exc.code or 0)
    try:
        if ns.command == "check":
            return _run(ns, list(ns.paths), single=False)
        if ns.command == "extract":
            return _run(ns, [ns.path], single=True)
        if ns.command == "schema":
            sys.stdout.write(report_json_schema_text())
            return EXIT_OK
        if ns.command == "cache":
            from factcheck.config import settings_from_args
            from factcheck.llm.cache import clear_cache

            removed = clear_cache(settings_from_args(ns))
            _say(f"removed {removed} cached response(s)")
            return EXIT_OK
        from factcheck.eval import run_eval_command

        return run_eval_command(
            ns, extractor_factory=lambda args: _make_extractor(args)[0], judge_factory=_make_judge
        )
    except FactcheckError as exc:
        _say(f"error: {exc}")
        return EXIT_USAGE


def main_entry() -> None:
    sys.exit(main())
