"""Articles from URLs, against a loopback server (tests/ingest/conftest.py) serving our pages."""

from __future__ import annotations

import io
import json
import time

import pytest

from factcheck.cli import Environment, main
from factcheck.errors import InputError
from factcheck.ingest import FetchOptions, fetch, load_articles
from tests.ingest.conftest import PageServer

FAST = FetchOptions(timeout=1.0, max_bytes=1_000_000)


def test_article_page_keeps_the_story_and_drops_the_page_around_it(pages: PageServer) -> None:
    [article] = load_articles([pages.url("/news/summit-a.html")]).articles
    assert (article.title, article.outlet, article.date, article.author) == (
        "Border summit ends without a deal",
        "Northgate Herald",
        "2024-06-11",
        "Mara Ellison",
    )
    text = article.text
    assert "lasted three hours on Tuesday" in text
    assert "about 2,000 trucks wait every day" in text
    # The embedded post is what the minister said: it stays, with its attribution line.
    assert '"We made progress, but the work is not finished," the post said.' in text
    assert text.endswith("a spokesperson for the ministry said.")
    for junk in (
        "cookies",
        "Accept all",
        "Politics",
        "Share on",
        "Related stories",
        "Ferry strike",
    ):
        assert junk not in text, junk
    for junk in ("riverwatcher", "Typical.", "14 hours", "Post comment", "rights reserved"):
        assert junk not in text, junk  # readers' comments are not the article
    assert article.source == pages.url("/news/summit-a.html")
    assert article.raw_text.startswith("<!DOCTYPE html>")
    assert article.language == "en"


def test_second_page_drops_menus_newsletter_most_read_and_comments(pages: PageServer) -> None:
    [article] = load_articles([pages.url("/news/summit-b.html")]).articles
    text = article.text
    assert "met for less than two hours on Tuesday" in text
    for junk in ("Subscribe", "Opinion", "Read more", "newsletter", "Most read", "bus lanes"):
        assert junk not in text, junk
    assert "guest_77" not in text and "three hours at least" not in text
    assert article.outlet == "Valley Courier"


@pytest.mark.parametrize("path", ["/latin1-meta.html", "/latin1-header.html"])
def test_latin1_page_is_decoded_by_its_declared_charset(pages: PageServer, path: str) -> None:
    [article] = load_articles([pages.url(path)]).articles
    assert "About 300 café owners marched" in article.text
    assert "José Nuñez" in article.text and "Élodie Fauré" in article.text
    assert article.title == "Café owners protest new terrace rules"


def test_redirect_is_followed_and_the_given_url_named(pages: PageServer) -> None:
    page = fetch(pages.url("/old/summit-a"), FAST)
    assert page.final_url == pages.url("/news/summit-a.html")
    assert page.url == pages.url("/old/summit-a")


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/gone.html", "HTTP 404 Not Found"),
        ("/broken.html", "HTTP 500 Internal Server Error"),
        ("/report.pdf", "not an HTML page (application/pdf)"),
        ("/huge.html", "page too large (6000007 bytes > 1000000)"),
        ("/loop", "too many redirects (more than 5)"),
        ("/slow.html", "timed out after 1 s"),
    ],
)
def test_fetch_failures_name_the_url_and_the_reason(
    pages: PageServer, path: str, reason: str
) -> None:
    with pytest.raises(InputError) as info:
        fetch(pages.url(path), FAST)
    assert (info.value.path, info.value.reason) == (pages.url(path), reason)


def test_size_limit_holds_without_a_content_length(pages: PageServer) -> None:
    pages.routes["/huge.html"].headers["Transfer-Encoding"] = "chunked"
    options = FetchOptions(timeout=5.0, max_bytes=100_000)
    with pytest.raises(InputError, match="page too large"):
        fetch(pages.url("/huge.html"), options)


def test_unreachable_host_is_named() -> None:
    with pytest.raises(InputError, match="cannot connect"):
        fetch("http://127.0.0.1:9/none.html", FAST)


def test_failed_pages_are_named_once_and_the_rest_is_checked(pages: PageServer) -> None:
    urls = [
        pages.url("/news/summit-a.html"),
        pages.url("/gone.html"),
        pages.url("/report.pdf"),
        pages.url("/empty.html"),
        pages.url("/news/summit-b.html"),
    ]
    result = load_articles(urls, fetch_options=FAST)
    assert [a.id for a in result.articles] == ["summit-a", "summit-b"]
    assert {p.path: p.reason for p in result.problems} == {
        pages.url("/gone.html"): "HTTP 404 Not Found",
        pages.url("/report.pdf"): "not an HTML page (application/pdf)",
        pages.url("/empty.html"): "no article text found on the page",
    }


def _cli(*args: str, stdin: bytes = b"") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    env = Environment(stdin=io.BytesIO(stdin), stdout=out, stderr=err, environ={})
    code = main(list(args), env)
    return code, out.getvalue(), err.getvalue()


def test_contradiction_across_two_fetched_pages_end_to_end(pages: PageServer) -> None:
    a, b = pages.url("/news/summit-a.html"), pages.url("/news/summit-b.html")
    code, out, err = _cli("check", a, b, pages.url("/gone.html"), "--format", "json")
    # An input that cannot be read is a warning (like an unreadable file): the exit code
    # still says what was found among the articles that were read.
    assert code == 1, err
    assert err.count("/gone.html") == 1 and "HTTP 404" in err
    report = json.loads(out)
    assert [x["id"] for x in report["articles"]] == ["summit-a", "summit-b"]
    assert any("/gone.html: HTTP 404" in w for w in report["warnings"])
    [contradiction] = report["contradictions"]
    sides = {ref["source"]: ref["evidence"]["text"] for ref in contradiction["claims"]}
    assert "lasted three hours" in sides[a] and "less than two hours" in sides[b]
    assert [(x["outlet"], x["date"]) for x in report["articles"]] == [
        ("Northgate Herald", "2024-06-11"),
        ("Valley Courier", "2024-06-12"),
    ]


def test_two_good_pages_without_failures_exit_1(pages: PageServer) -> None:
    a, b = pages.url("/news/summit-a.html"), pages.url("/news/summit-b.html")
    code, out, _err = _cli("check", a, b)
    assert code == 1
    assert "three hours" in out and "less than two hours" in out


def test_a_slow_page_does_not_hold_the_run(pages: PageServer) -> None:
    a, b = pages.url("/news/summit-a.html"), pages.url("/news/summit-b.html")
    started = time.monotonic()
    code, _out, err = _cli("check", a, b, pages.url("/slow.html"), "--fetch-timeout", "1")
    assert time.monotonic() - started < 2.9  # the page answers only after 3 s
    assert code == 1 and "/slow.html: timed out after 1 s" in err
