"""Command line: thin wiring of ingest → pipeline → report. ``main(argv, env) -> exit code``.

The parser and the exit codes are declared in ``factcheck.cli_args``. Every stream goes through
an ``Environment`` (httpie's pattern) so tests run the CLI in-process with their own stdin,
stdout and stderr. Exit codes: see ``ExitStatus``; a reader that closes the pipe early
(``| head -1``) changes neither the code nor stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any, BinaryIO, TextIO

from factcheck.cli_args import ExitStatus, UsageExit, build_parser
from factcheck.errors import FactcheckError, UsageError

if TYPE_CHECKING:
    from factcheck.extract import Extractor
    from factcheck.pipeline import Judge
    from factcheck.schemas import Article, Report


@dataclass
class Environment:
    """Where the CLI reads and writes; ``Environment()`` is the real process."""

    # None when the process has no standard input at all (CI runs us that way).
    stdin: BinaryIO | None = field(default_factory=lambda: getattr(sys.stdin, "buffer", None))
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)
    stdout_isatty: bool | None = None  # None: ask the stream
    stderr_isatty: bool | None = None

    def __post_init__(self) -> None:
        if self.stdout_isatty is None:
            self.stdout_isatty = _isatty(self.stdout)
        if self.stderr_isatty is None:
            self.stderr_isatty = _isatty(self.stderr)


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class _Messages:
    """Diagnostics on stderr, one unwrapped line each so scripts can grep them; every message
    is said once."""

    def __init__(self, env: Environment, *, quiet: bool = False, verbose: bool = False) -> None:
        self.env, self.quiet, self.verbose = env, quiet, verbose
        self.said: set[str] = set()

    def _say(self, line: str) -> None:
        if line in self.said:
            return
        self.said.add(line)
        # stderr closed too (``2>&1 | head``): nothing left to tell anyone. File names and
        # reasons inside are shown, never obeyed: a newline or ESC prints escaped.
        from factcheck.report.sanitize import one_line

        with contextlib.suppress(BrokenPipeError, ValueError):
            print(one_line(line), file=self.env.stderr, flush=True)

    def error(self, message: str) -> None:
        self._say(f"error: {message}")

    def warning(self, message: str) -> None:
        if not self.quiet:
            self._say(f"warning: {message}")

    def info(self, message: str) -> None:
        if self.verbose:
            self._say(message)


def _make_extractor(ns: argparse.Namespace, env: Environment) -> tuple[Extractor, int, str]:
    from factcheck.config import settings_from_args
    from factcheck.extract import make_extractor

    settings = settings_from_args(ns, env=env.environ)
    return make_extractor(settings), settings.concurrency, settings.backend


def _make_judge(ns: argparse.Namespace, env: Environment) -> Judge | None:
    """The --judge model, or None when not asked for."""
    from factcheck.config import settings_from_args

    settings = settings_from_args(ns, env=env.environ)
    if not settings.judge:
        return None
    from factcheck.extract import make_judge

    judge: Judge = make_judge(settings)
    return judge


def _open_output(ns: argparse.Namespace, env: Environment) -> TextIO:
    """Opened before any extraction, so a bad -o path never wastes a (paid) model run."""
    if ns.output is None:
        return env.stdout
    try:
        return ns.output.open("w", encoding="utf-8")  # type: ignore[no-any-return]
    except OSError as exc:
        raise UsageError(f"{ns.output}: cannot write the report: {exc.strerror}") from None


def _render(
    report: Report,
    out: TextIO,
    ns: argparse.Namespace,
    env: Environment,
    articles: Sequence[Article] = (),
) -> None:
    from factcheck.report import render_claims, render_text, to_html, to_json, to_markdown

    if ns.format == "html":
        out.write(to_html(report, articles=articles))
    elif ns.format == "json":
        out.write(to_json(report))
    elif ns.format == "markdown":
        out.write(to_markdown(report))
    else:
        from rich.console import Console

        class _Console(Console):
            def on_broken_pipe(self) -> None:
                # rich would exit(1) here; the exit code must say what was found instead.
                self.quiet = True
                raise BrokenPipeError

        console = _Console(file=out, width=None if out is env.stdout else 120)
        if ns.command == "extract":
            render_claims(report, console)
        else:
            render_text(report, console)


def _emit(
    report: Report,
    out: TextIO,
    ns: argparse.Namespace,
    env: Environment,
    articles: Sequence[Article] = (),
) -> None:

    try:
        _render(report, out, ns, env, articles)
        out.flush()
    except BrokenPipeError:
        _silence(out, env)
    finally:
        if out is not env.stdout:
            out.close()


def _silence(out: TextIO, env: Environment) -> None:
    """The reader went away (``| head``): send the rest of our output nowhere, so neither the
    exit code nor stderr changes (Python would print a traceback when flushing at exit)."""
    if out is sys.stdout:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _check(
    articles: list[Article],
    extractor: Extractor,
    ns: argparse.Namespace,
    env: Environment,
    **options: Any,
) -> Report:
    """The pipeline, with a progress bar on stderr when a person watches it there."""
    from factcheck.pipeline import run_pipeline

    if not (env.stderr_isatty and ns.progress and not ns.quiet and len(articles) > 1):
        return run_pipeline(articles, extractor, **options)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("extracting"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=Console(file=env.stderr), transient=True) as bar:
        task = bar.add_task("extract", total=len(articles))
        return run_pipeline(
            articles, extractor, on_article_done=lambda _id: bar.advance(task), **options
        )


def exit_status(report: Report, *, fail_on: str = "any", single: bool = False) -> ExitStatus:
    """The exit code a finished run stands for (see ``ExitStatus``)."""
    from factcheck.schemas import RunStatus, Severity

    checked = [a for a in report.articles if a.status == "ok"]
    if report.status == RunStatus.NOTHING_CHECKED:
        return ExitStatus.USAGE
    if report.status == RunStatus.NOTHING_GROUNDED:
        return ExitStatus.PARTIAL
    if report.status == RunStatus.PARTIAL:
        return ExitStatus.PARTIAL  # some article was read but not checked: say so, even if
        # the rest is a single article
    if not single and len(checked) < 2:
        return ExitStatus.USAGE
    if single:
        return ExitStatus.OK
    from factcheck.schemas import Certainty

    sure = [c for c in report.contradictions if c.certainty is Certainty.CONFIDENT]
    found = [c for c in sure if fail_on == "any" or c.severity == Severity.HIGH]
    return ExitStatus.CONTRADICTIONS if found else ExitStatus.OK


def _closing_error(report: Report, single: bool) -> str | None:
    from factcheck.schemas import RunStatus

    checked = [a for a in report.articles if a.status == "ok"]
    if report.status == RunStatus.NOTHING_CHECKED:
        return "nothing was checked: every article failed or was skipped (reasons above)"
    if report.status == RunStatus.NOTHING_GROUNDED:
        return (
            "no extracted claim survived grounding (its evidence is not in the article): "
            "nothing was compared"
        )
    if not single and len(checked) == 1:
        return f"only one article was checked ({checked[0].source}): nothing to compare it with"
    return None


def _run(ns: argparse.Namespace, env: Environment, inputs: list[str]) -> int:
    from factcheck.ingest import FetchOptions, load_articles
    from factcheck.ingest.locate import locate_evidence

    single = ns.command == "extract"
    say = _Messages(env, quiet=ns.quiet, verbose=ns.verbose)
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    loaded = load_articles(
        inputs, stdin=env.stdin, fetch_options=FetchOptions(timeout=ns.fetch_timeout)
    )
    timings["read"] = time.perf_counter() - clock
    problems = [str(p) for p in loaded.problems]
    # The text report on this very terminal shows the warnings itself: say them only once.
    report_shows_them = (
        ns.format == "text" and ns.output is None and env.stdout_isatty and env.stderr_isatty
    )
    if not loaded.articles:
        for message in problems:
            say.warning(message)
        say.error("no readable article in the input; nothing to check")
        return ExitStatus.USAGE
    if single and len(loaded.articles) > 1:
        say.error(f"{inputs[0]}: extract takes one article file, not {len(loaded.articles)}")
        return ExitStatus.USAGE
    extractor, concurrency, backend = _make_extractor(ns, env)
    judge = None if single else _make_judge(ns, env)
    out = _open_output(ns, env)
    articles = loaded.articles
    if not single and len(articles) == 1:
        problems.append(
            f"only one article could be read ({articles[0].source}): nothing to compare"
        )
    say.info(f"read {len(articles)} article(s); extractor: {backend}")
    report = _check(
        articles,
        extractor,
        ns,
        env,
        concurrency=concurrency,
        warnings=problems,
        # The offline rules read English only; a model reads any language.
        languages={"en"} if backend == "rules" else None,
        timings=timings,
        show_possible=getattr(ns, "show", "confident") == "possible",
        judge=judge,
    )
    report = locate_evidence(report, articles)
    if not report_shows_them:
        for message in report.warnings:
            say.warning(message)
    clock = time.perf_counter()
    _emit(report, out, ns, env, articles)
    timings["render"] = time.perf_counter() - clock
    say.info("timings: " + ", ".join(f"{k} {v:.2f} s" for k, v in timings.items()))
    closing = _closing_error(report, single)
    if closing is not None:
        say.error(closing)
    return exit_status(report, fail_on=getattr(ns, "fail_on", "any"), single=single)


def _command(ns: argparse.Namespace, env: Environment) -> int:
    if ns.command == "check":
        return _run(ns, env, list(ns.inputs))
    if ns.command == "extract":
        return _run(ns, env, [ns.input])
    if ns.command == "schema":
        from factcheck.report.schema import report_json_schema_text

        env.stdout.write(report_json_schema_text())
        return ExitStatus.OK
    if ns.command == "cache":
        from factcheck.config import settings_from_args
        from factcheck.llm.cache import clear_cache

        removed = clear_cache(settings_from_args(ns, env=env.environ))
        print(f"removed {removed} cached response(s)", file=env.stderr)
        return ExitStatus.OK
    from factcheck.eval import run_eval_command

    return run_eval_command(
        ns,
        extractor_factory=lambda args: _make_extractor(args, env)[0],
        judge_factory=lambda args: _make_judge(args, env),
    )


def _configure_logging(env: Environment) -> None:
    """Our own warnings, one line each. Libraries we drive (instructor, openai) log every
    failed attempt at ERROR, multi-line; we report outcomes ourselves, so theirs stay out."""
    handler = logging.StreamHandler(env.stderr)
    handler.setFormatter(logging.Formatter("warning: %(message)s"))
    handler.addFilter(logging.Filter("factcheck"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)


def main(argv: Sequence[str] | None = None, env: Environment | None = None) -> int:
    gc.set_threshold(*_GC_THRESHOLDS)
    env = env or Environment()
    args = list(sys.argv[1:] if argv is None else argv)
    _configure_logging(env)
    try:
        ns = build_parser().parse_command_line(args)
    except UsageExit as exc:
        print(exc, file=env.stderr)
        return ExitStatus.USAGE
    except SystemExit as exc:  # --help / --version
        return int(exc.code or 0)
    try:
        return int(_command(ns, env))
    except FactcheckError as exc:
        _Messages(env).error(str(exc))
        return ExitStatus.USAGE


# A run holds every article's claims until the report is written: millions of objects that
# the cyclic collector, at its default thresholds, re-examines over and over without finding
# a cycle (3,000 generated articles: 3.5 of 16 CPU seconds). Collecting less often keeps it on
# for whatever cycles there are (benchmarks/scaling.py measures it). Set by the command line;
# a program using the library (``run_pipeline``) keeps its own settings.
_GC_THRESHOLDS = (100_000, 50, 1000)


def main_entry() -> None:
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence(sys.stdout, Environment())
    sys.exit(code)
