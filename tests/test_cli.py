"""The CLI as a user meets it, run in-process through an injected Environment (httpie's
MockEnvironment pattern): help, version, messages, exit codes, closed pipes."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import factcheck.cli as cli
from factcheck import __version__
from factcheck.cli import Environment, ExitStatus, main
from factcheck.errors import ExtractionError
from factcheck.schemas import Article, Claim, ExtractionStats, ExtractorInfo, QuantityClaim
from tests.doubles import FakeExtractor

THREE = "The meeting lasted three hours, officials said on Tuesday.\n"
LESS = "The meeting lasted less than two hours, a diplomat said.\n"
AGREE = "The meeting lasted almost three hours, a spokesman said.\n"
GERMAN = (
    "Das Treffen der beiden Minister dauerte am Dienstag drei Stunden, sagten Beamte. Die "
    "Delegationen vereinbarten eine Arbeitsgruppe, aber kein Datum für ein zweites Treffen.\n"
)


@dataclass
class Result:
    code: int
    out: str
    err: str


def run(*args: str, stdin: bytes = b"", tty: bool = False) -> Result:
    out, err = io.StringIO(), io.StringIO()
    env = Environment(
        stdin=io.BytesIO(stdin),
        stdout=out,
        stderr=err,
        environ={},
        stdout_isatty=tty,
        stderr_isatty=tty,
    )
    code = main(list(args), env)
    return Result(code, out.getvalue(), err.getvalue())


def write(folder: Path, **files: str) -> Path:
    for name, text in files.items():
        (folder / name.replace("_", ".")).write_text(text, encoding="utf-8")
    return folder


# --- help and version ---------------------------------------------------------------------


def test_help_is_written_for_users(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    top = capsys.readouterr().out
    for expected in ("examples:", "exit codes:", "OPENAI_API_KEY", "FACTCHECK_", "check", "-V"):
        assert expected in top, expected
    assert "thin wiring" not in top and "``" not in top  # not the module docstring
    assert main(["check", "--help"]) == 0
    check = capsys.readouterr().out
    for expected in ("--fail-on", "--quiet", "--verbose", "--no-progress", "URL", ".jsonl"):
        assert expected in check, expected
    assert "--fetch-timeout" in check and "default 20" in check


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version(flag: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([flag]) == 0
    assert capsys.readouterr().out.strip() == f"factcheck {__version__}"


def test_options_may_come_before_the_command(tmp_path: Path) -> None:
    # How scripts wrap a configured checker: FACTCHECK="factcheck --model m" then "check DIR".
    folder = write(tmp_path, a_txt=THREE, b_txt=LESS)
    after = run("check", str(folder), "--format", "json", "--cache-dir", "check")
    before = run("--format", "json", "--cache-dir", "check", "check", str(folder))
    assert before.code == after.code == 1 and before.err == after.err
    assert json.loads(before.out)["contradictions"] == json.loads(after.out)["contradictions"]
    # An option value that is a command's name is still a value.
    assert run("--format", "check").code == 2


def test_usage_error_points_to_help() -> None:
    result = run("check", "--fail-on", "sometimes", "x.txt")
    assert result.code == ExitStatus.USAGE
    assert "invalid choice" in result.err and "--help" in result.err


# --- exit codes -----------------------------------------------------------------------------


def test_fail_on_high_ignores_lower_severities(tmp_path: Path) -> None:
    # 10,000 vs 8,000: a medium-severity gap; 45 minutes vs three hours: high.
    medium = write(
        tmp_path,
        a_txt="Almost 10,000 people joined the caravan, organisers said.\n",
        b_txt="Around 8,000 people joined the caravan, police said.\n",
    )
    assert run("check", str(medium)).code == ExitStatus.CONTRADICTIONS
    assert run("check", str(medium), "--fail-on", "high").code == ExitStatus.OK
    high = write(tmp_path / ".." / tmp_path.name, b_txt="Only 900 people joined the caravan.\n")
    result = run("check", str(high), "--fail-on", "high", "--format", "json")
    assert json.loads(result.out)["contradictions"][0]["severity"] == "high"
    assert result.code == ExitStatus.CONTRADICTIONS


def test_non_english_article_is_skipped_named_once_and_makes_the_run_partial(
    tmp_path: Path,
) -> None:
    write(tmp_path, a_txt=THREE, b_txt=LESS, de_txt=GERMAN)
    result = run("check", str(tmp_path), "--format", "json")
    assert result.code == ExitStatus.PARTIAL
    report = json.loads(result.out)
    statuses = {a["id"]: (a["status"], a["language"]) for a in report["articles"]}
    # One sentence is too short to tell its language: such an article is always read.
    assert statuses == {"a": ("ok", None), "b": ("ok", None), "de": ("skipped", "de")}
    [skipped] = [a for a in report["articles"] if a["status"] == "skipped"]
    assert "German" in skipped["reason"] and "English only" in skipped["reason"]
    assert report["status"] == "partial" and len(report["contradictions"]) == 1
    assert result.err.count("de.txt") == 1 and "not checked" in result.err


def test_only_non_english_articles_means_nothing_was_checked(tmp_path: Path) -> None:
    write(tmp_path, de_txt=GERMAN, de2_txt=GERMAN.replace("drei", "zwei"))
    result = run("check", str(tmp_path))
    assert result.code == ExitStatus.USAGE
    assert "No contradictions found" not in result.out
    assert "Nothing was checked" in result.out
    assert "error: nothing was checked" in result.err


def _use(monkeypatch: pytest.MonkeyPatch, extractor: object, backend: str = "openai") -> None:
    monkeypatch.setattr(cli, "_make_extractor", lambda ns, env: (extractor, 1, backend))


def test_a_model_backend_still_reads_non_english_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeExtractor()
    _use(monkeypatch, fake)
    write(tmp_path, a_txt=THREE, de_txt=GERMAN)
    result = run("check", str(tmp_path), "--format", "json")
    assert sorted(fake.calls) == ["a", "de"]
    assert {a["status"] for a in json.loads(result.out)["articles"]} == {"ok"}


class _DownExtractor(FakeExtractor):
    def extract(self, article: Article) -> list[Claim]:
        raise ExtractionError(article.id, "connection refused after 4 retries")


def test_endpoint_down_exits_2_and_never_says_no_contradictions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 10, row 12."""
    _use(monkeypatch, _DownExtractor())
    write(tmp_path, a_txt=THREE, b_txt=LESS)
    for fmt in ("text", "markdown", "json"):
        result = run("check", str(tmp_path), "--format", fmt)
        assert result.code == ExitStatus.USAGE, fmt
        assert "No contradictions found" not in result.out
        assert "nothing was checked" in result.err
    assert json.loads(result.out)["status"] == "nothing_checked"


class _InventingExtractor(FakeExtractor):
    """Every claim's evidence is text the article does not contain."""

    def extract(self, article: Article) -> list[Claim]:
        from factcheck.rules import RuleExtractor

        claims = RuleExtractor().extract(article)
        forged = [c for c in claims if isinstance(c, QuantityClaim)]
        return [
            c.model_copy(
                update={
                    "evidence": c.evidence.model_copy(update={"text": "X" * len(c.evidence.text)})
                }
            )
            for c in forged
        ]

    def info(self) -> ExtractorInfo:
        return ExtractorInfo(name="llama-cpp")

    def stats(self, article_id: str) -> ExtractionStats:
        return ExtractionStats()


def test_nothing_surviving_grounding_is_said_and_exits_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 10, row 16."""
    _use(monkeypatch, _InventingExtractor(), backend="llama-cpp")
    write(tmp_path, a_txt=THREE, b_txt=LESS)
    result = run("check", str(tmp_path))
    assert result.code == ExitStatus.PARTIAL
    assert "No contradictions found" not in result.out
    assert "Nothing was compared" in result.out
    assert "no extracted claim survived grounding" in result.err


# --- messages -------------------------------------------------------------------------------


def test_warnings_are_said_once_and_listed_in_the_json(tmp_path: Path) -> None:
    write(tmp_path, a_txt=THREE, b_txt=LESS, notes_pdf="%PDF")
    result = run("check", str(tmp_path), "--format", "json")
    assert result.err.count("notes.pdf") == 1
    assert any("notes.pdf" in w and "unsupported" in w for w in json.loads(result.out)["warnings"])
    # On a terminal the text report shows them, so stderr stays quiet about them.
    on_tty = run("check", str(tmp_path), tty=True)
    assert "notes.pdf" not in on_tty.err
    assert on_tty.out.count("notes.pdf") == 1


def test_quiet_and_verbose(tmp_path: Path) -> None:
    write(tmp_path, a_txt=THREE, b_txt=LESS, notes_pdf="%PDF")
    quiet = run("check", str(tmp_path), "-q")
    assert quiet.code == ExitStatus.CONTRADICTIONS and quiet.err == ""
    verbose = run("check", str(tmp_path), "-v")
    [timings] = [line for line in verbose.err.splitlines() if line.startswith("timings:")]
    for stage in ("read", "extract", "align", "compare", "render"):
        assert f"{stage} " in timings
    assert "read 2 article(s); extractor: rules" in verbose.err
    assert run("check", str(tmp_path), "-q", "-v").code == ExitStatus.USAGE


def test_progress_only_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, a_txt=THREE, b_txt=LESS)
    advanced: list[str] = []
    real = cli._check

    def spy(*args: object, **kwargs: object) -> object:
        env, ns = args[3], args[2]
        advanced.append(f"{env.stderr_isatty}/{ns.progress}")  # type: ignore[attr-defined]
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cli, "_check", spy)
    assert "extracting" not in run("check", str(tmp_path)).err
    assert run("check", str(tmp_path), "--no-progress", tty=True).code == 1
    assert advanced == ["False/True", "True/False"]


def test_stdin_article_is_compared_with_a_file(tmp_path: Path) -> None:
    write(tmp_path, a_txt=THREE)
    result = run("check", "-", str(tmp_path / "a.txt"), "--format", "json", stdin=LESS.encode())
    assert result.code == ExitStatus.CONTRADICTIONS
    assert {a["source"] for a in json.loads(result.out)["articles"]} == {
        "<stdin>",
        str(tmp_path / "a.txt"),
    }


# --- closed pipes -------------------------------------------------------------------------


class _ClosedPipe(io.StringIO):
    def write(self, s: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")


def test_closed_stdout_changes_neither_the_code_nor_stderr(tmp_path: Path) -> None:
    write(tmp_path, a_txt=THREE, b_txt=LESS)
    err = io.StringIO()
    env = Environment(stdout=_ClosedPipe(), stderr=err, environ={}, stdin=io.BytesIO())
    for fmt in ("text", "json", "markdown"):
        assert main(["check", str(tmp_path), "--format", fmt], env) == ExitStatus.CONTRADICTIONS
    assert err.getvalue() == ""


def test_head_closing_the_pipe_keeps_the_exit_code(tmp_path: Path, seed_dir: Path) -> None:
    for n in range(4):  # enough JSON to overflow the pipe buffer after `head` has gone
        shutil.copytree(seed_dir, tmp_path / f"copy{n}")
    script = (
        f"{sys.executable} -c 'from factcheck.cli import main_entry; main_entry()' "
        f"check {tmp_path} --format json | head -1; exit ${{PIPESTATUS[0]}}"
    )
    done = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.stdout == "{\n"
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
    assert done.returncode == ExitStatus.CONTRADICTIONS


def test_extract_reads_one_article_from_stdin() -> None:
    result = run("extract", "-", "--format", "json", stdin=THREE.encode())
    assert result.code == ExitStatus.OK
    [claim] = json.loads(result.out)["claims"]
    assert claim["raw"] == "three hours"
    assert claim["evidence"]["raw"] == {"start": 0, "end": 58, "line": 1, "column": 1}


def test_no_standard_input_at_all_is_a_warning_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", None)  # CI runs without standard input
    write(tmp_path, a_txt=THREE, b_txt=LESS)
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", "-", str(tmp_path)], Environment(stdout=out, stderr=err, environ={}))
    assert code == ExitStatus.CONTRADICTIONS
    assert "-: no standard input" in err.getvalue()


def test_one_article_says_there_is_nothing_to_compare(tmp_path: Path) -> None:
    write(tmp_path, a_txt=THREE)
    result = run("check", str(tmp_path / "a.txt"))
    assert result.code == ExitStatus.USAGE
    assert "Nothing to compare" in result.out and "No contradictions found" not in result.out
