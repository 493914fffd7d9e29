"""The command line's shape: commands, flags, help written for users, exit codes.

What the commands do lives in ``factcheck.cli`` (httpie keeps ``cli/definition.py`` apart from
``core.py`` the same way), so help texts can change without touching the program logic.
"""

from __future__ import annotations

import argparse
from enum import IntEnum
from pathlib import Path

from factcheck import __version__


class ExitStatus(IntEnum):
    """The exit codes ``factcheck check`` promises (README, ``--help``)."""

    OK = 0  # no contradiction found (extract: claims shown; cache/schema: done)
    CONTRADICTIONS = 1  # contradictions found (with --fail-on high: a high-severity one)
    USAGE = 2  # bad command line or input, or nothing could be checked
    PARTIAL = 3  # some article could not be checked; the rest is reported


DESCRIPTION = """\
Find contradictions between news articles about the same event: figures that cannot both be
true ("three hours" vs "less than two hours") and quotes given to different people or channels.
Every finding shows the evidence sentence from each article, side by side."""

EXAMPLES = """\
examples:
  factcheck check examples/seed                 the five seed articles, offline, no model
  factcheck check a.txt b.html https://example.org/story
  factcheck check articles.csv --format json -o report.json
  curl -s https://example.org/story | factcheck check - other.txt
  factcheck check --model gpt-4o-mini articles/ (OPENAI_API_KEY set)
  factcheck check articles/ --fail-on high -q   in CI: exit 1 only for high severity

exit codes:
  0  no contradiction found
  1  contradictions found (with --fail-on high: at least one of high severity)
  2  usage or input error, or nothing could be checked (no readable article, only one,
     every article failed or was skipped)
  3  partial: some article could not be checked (named on stderr and in the report's
     warnings), or no extracted claim survived grounding; the rest is reported

environment:
  OPENAI_API_KEY          key for api.openai.com (read from the environment only)
  OPENAI_BASE_URL         an OpenAI-compatible endpoint (same as --base-url)
  FACTCHECK_<SETTING>     any extractor flag, e.g. FACTCHECK_MODEL, FACTCHECK_BACKEND,
                          FACTCHECK_CACHE_DIR (default ~/.cache/factcheck), FACTCHECK_NO_CACHE
  [tool.factcheck]        the same settings in pyproject.toml; a flag wins over the
                          environment, which wins over the file
  NO_COLOR                plain text without colours"""

INPUTS_HELP = """\
articles to compare: files (.txt .md .html), directories (read recursively), globs
('news/**/*.txt'), http(s):// URLs (fetched), - (one article on standard input),
.jsonl or .csv lists of articles (columns id, url or text, outlet, date, title)"""


class _Parser(argparse.ArgumentParser):
    """argparse exits on its own; ``main`` turns this into exit code 2 without ``sys.exit``."""

    commands: dict[str, argparse.ArgumentParser]

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageExit(f"{self.prog}: error: {message}\n(see '{self.prog} --help')")

    def parse_command_line(self, argv: list[str]) -> argparse.Namespace:
        """Options may also come before the command, as in ``FACTCHECK="factcheck --base-url
        URL --model m"`` followed by ``check DIR`` (how scripts wrap a configured checker):
        they are moved after it, where they belong."""
        return self.parse_args(self._command_first(argv))

    def _command_first(self, argv: list[str]) -> list[str]:
        commands = getattr(self, "commands", {})
        takes_value = {
            option: action.nargs != 0
            for sub in commands.values()
            for action in sub._actions
            for option in action.option_strings
        }
        i = 0
        while i < len(argv):
            token = argv[i]
            if token in commands:
                return [token, *argv[:i], *argv[i + 1 :]] if i else argv
            if not token.startswith("-") or token in ("-h", "--help", "-V", "--version"):
                return argv  # argparse says what is wrong, or prints help / the version
            name = token.split("=", 1)[0]
            i += 2 if takes_value.get(name, False) and "=" not in token else 1
        return argv


class UsageExit(Exception):
    pass


def _formatter(prog: str) -> argparse.HelpFormatter:
    return argparse.RawDescriptionHelpFormatter(prog, max_help_position=30, width=100)


def _add_messages(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("messages (stderr)")
    loud = g.add_mutually_exclusive_group()
    loud.add_argument("-q", "--quiet", action="store_true", help="errors only, no warnings")
    loud.add_argument(
        "-v", "--verbose", action="store_true", help="also what was read and per-stage timings"
    )
    g.add_argument(
        "--no-progress",
        dest="progress",
        action="store_false",
        help="no progress bar (it is shown only when stderr is a terminal)",
    )


# factcheck.report.FORMATS, spelled out so that `--help` does not import the renderers (rich,
# jinja2); tests/test_startup.py keeps the two equal.
FORMATS = ("text", "json", "markdown", "html")


def _add_output(p: argparse.ArgumentParser, *, fail_on: bool) -> None:
    g = p.add_argument_group("output")
    g.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default; for a terminal), json (validates against `factcheck schema`), "
        + ", ".join(f for f in FORMATS if f not in ("text", "json")),
    )
    g.add_argument("-o", "--output", type=Path, metavar="FILE", help="write the report to FILE")
    if fail_on:
        g.add_argument(
            "--show",
            choices=("confident", "possible"),
            default="confident",
            help="confident (default): contradictions whose frames match fully; possible: also "
            "those where one article narrows the figure (a place, a date, an owner), marked as "
            "possible and never counted in the exit code",
        )
        g.add_argument(
            "--fail-on",
            choices=("any", "high"),
            default="any",
            help="which contradictions make the exit code 1: any (default) or only high severity",
        )


def _add_fetch(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("web pages")
    g.add_argument(
        "--fetch-timeout",
        type=float,
        default=20.0,
        metavar="SECONDS",
        help="time limit for each page, connection to last byte (default 20)",
    )


def build_parser() -> _Parser:
    from factcheck.config import add_model_arguments
    from factcheck.eval import add_eval_arguments

    parser = _Parser(
        prog="factcheck", description=DESCRIPTION, epilog=EXAMPLES, formatter_class=_formatter
    )
    parser.add_argument("-V", "--version", action="version", version=f"factcheck {__version__}")
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser, title="commands"
    )

    check = sub.add_parser(
        "check",
        help="compare articles and report contradictions",
        description="Read the articles, extract their claims, line them up and report the "
        "contradictions.\nWithout a model configured the offline extractor runs (English only).",
        epilog=EXAMPLES,
        formatter_class=_formatter,
    )
    check.add_argument("inputs", nargs="+", metavar="INPUT", help=INPUTS_HELP)
    _add_output(check, fail_on=True)
    _add_messages(check)
    _add_fetch(check)
    add_model_arguments(check)

    extract = sub.add_parser(
        "extract",
        help="show the claims found in one article",
        description="Show the quantity and attribution claims found in one article.",
        formatter_class=_formatter,
    )
    extract.add_argument("input", metavar="INPUT", help="one article: a file, a URL or -")
    _add_output(extract, fail_on=False)
    _add_messages(extract)
    _add_fetch(extract)
    add_model_arguments(extract)

    ev = sub.add_parser(
        "eval",
        help="score the extractor on the frozen eval set (exit 1 on a regression)",
        description="Run the pipeline over the frozen eval set (evals/), score it and gate on "
        "the baseline: exit 1 when a score fell by more than the tolerance.",
        formatter_class=_formatter,
    )
    add_model_arguments(ev)
    add_eval_arguments(ev)

    sub.add_parser(
        "schema",
        help="print the JSON Schema of the --format json report",
        description="Print the JSON Schema the --format json report validates against.",
    )

    cache = sub.add_parser(
        "cache",
        help="manage the model-response cache",
        description="Empty the cache of model responses (default ~/.cache/factcheck).",
    )
    cache.add_argument("action", choices=["clear"], help="clear: remove every cached response")
    add_model_arguments(cache)
    parser.commands = dict(sub.choices)
    return parser
