"""Bad input: a clear one-line message naming the file, exit 2 only when nothing can be checked,
and every readable article still reported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from factcheck.cli import main

GOOD_A = "The meeting lasted three hours, officials said on Tuesday.\n"
GOOD_B = "The meeting lasted less than two hours, a diplomat said.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(GOOD_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD_B, encoding="utf-8")
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\n  ", "empty"),
        ("binary.txt", b"\x00\x01\x02PK\x03\x04" * 50, "binary"),
        ("damaged.txt", "Café talks lasted 3 hours \xff".encode() + b"\xff", "UTF-8"),
    ],
)
def test_bad_file_is_named_and_the_others_are_still_checked(
    folder: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, reason: str
) -> None:
    (folder / name).write_bytes(content)
    code, out, err = _run(capsys, "check", str(folder), "--format", "json")
    assert code == 1  # the two good articles still contradict each other
    lines = [line for line in err.splitlines() if name in line]
    assert len(lines) == 1 and reason.lower() in lines[0].lower(), err
    report = json.loads(out)
    assert {a["id"] for a in report["articles"]} == {"a", "b"}
    assert len(report["contradictions"]) == 1


def test_directory_without_articles_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    code, _out, err = _run(capsys, "check", str(tmp_path))
    assert code == 2
    assert str(tmp_path) in err and "no" in err.lower()


def test_missing_path_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = _run(capsys, "check", str(tmp_path / "nope.txt"))
    assert code == 2
    assert "nope.txt" in err


def test_single_article_is_reported_but_cannot_be_checked(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "check", str(folder / "a.txt"), "--format", "json")
    assert code == 2
    assert "a.txt" in err and "only one article" in err
    report = json.loads(out)
    assert [a["id"] for a in report["articles"]] == ["a"]
    assert report["claims"], "the article's claims are still reported"


def test_no_contradiction_exits_0(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "b.txt").write_text("The meeting lasted almost three hours.\n", encoding="utf-8")
    code, out, _err = _run(capsys, "check", str(folder / "*.txt"))
    assert code == 0
    assert "No contradictions" in out


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "check")[0] == 2
    assert _run(capsys, "frobnicate")[0] == 2
    code, _out, err = _run(capsys, "check", "x.txt", "--format", "yaml")
    assert code == 2 and "invalid choice" in err


def test_output_file_and_seed_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = Path(__file__).resolve().parent.parent / "examples" / "seed"
    shutil.copytree(seed, tmp_path / "seed")
    out_file = tmp_path / "report.md"
    code, out, _err = _run(
        capsys, "check", str(tmp_path / "seed"), "--format", "markdown", "-o", str(out_file)
    )
    assert code == 1 and out == ""
    assert out_file.read_text(encoding="utf-8").startswith("# factcheck report")


def test_schema_command_prints_the_exported_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _run(capsys, "schema")
    assert code == 0
    committed = Path(__file__).resolve().parent.parent / "docs" / "report.schema.json"
    assert out == committed.read_text(encoding="utf-8"), (
        "docs/report.schema.json is stale: run `factcheck schema > docs/report.schema.json`"
    )
