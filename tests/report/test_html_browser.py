"""The HTML report as a person sees it: headless Chromium opens the file, we look and click.

Skipped where Chromium is missing, unless FACTCHECK_REQUIRE_BROWSER=1 (.ci/run sets it): then
a missing browser fails the run.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck.cli import main
from factcheck.report import to_html
from tests.report.browser import Browser, Page, find_chromium
from tests.report.builders import crowd_report

# Read at import: the autouse fixture in conftest clears FACTCHECK_* variables for each test.
REQUIRE = os.environ.get("FACTCHECK_REQUIRE_BROWSER") == "1"
CHROMIUM = find_chromium()
WIDTH, HEIGHT = 1280, 1400

VISIBLE_JS = """
const visible = (e) => {
  // checkVisibility also sees content a closed <details> keeps laid out but skips painting.
  const r = e.getBoundingClientRect();
  return r.width > 0 && r.height > 0 &&
    e.checkVisibility({visibilityProperty: true, opacityProperty: true});
};
"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    if CHROMIUM is None:
        message = "Chromium is not installed (Debian: apt-get install chromium)"
        if REQUIRE:
            pytest.fail(message + " and FACTCHECK_REQUIRE_BROWSER=1")
        pytest.skip(message)
    b = Browser(CHROMIUM, tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield b
    finally:
        b.close()


@pytest.fixture(scope="module")
def seed_page(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Page:
    out = tmp_path_factory.mktemp("seed-html") / "report.html"
    seed = Path(__file__).resolve().parents[2] / "examples" / "seed"
    assert main(["check", str(seed), "--format", "html", "-o", str(out)]) == 1
    return browser.open(out.as_uri(), WIDTH, HEIGHT)


def test_both_seed_contradictions_are_on_the_first_screen(seed_page: Page, tmp_path: Path) -> None:
    cards = seed_page.eval(
        "(() => {"
        + VISIBLE_JS
        + """
        return [...document.querySelectorAll(".card")].map((c) => ({
          topic: c.querySelector("h3").textContent,
          visible: visible(c),
          top: c.getBoundingClientRect().top,
          lineBottom: c.querySelector(".nl").getBoundingClientRect().bottom,
          hits: [...c.querySelectorAll("mark.hit")].filter(visible).map((m) => m.textContent),
          bars: [...c.querySelectorAll(".nl-bar")].filter(visible).length,
          gap: c.querySelector(".nl-gap") && visible(c.querySelector(".nl-gap"))
            ? c.querySelector(".nl-gap").textContent : null,
        }));
      })()"""
    )
    shot = seed_page.screenshot(tmp_path / "seed-report.png")
    seed_page.screenshot(tmp_path / "seed-report-full.png", full_page=True)
    assert shot.stat().st_size > 10_000
    assert [c["topic"] for c in cards] == [
        "meeting duration",
        "caravan size",
    ]
    meeting, caravan = cards
    assert all(c["visible"] for c in cards)
    # "At a glance": both cards and both number lines lie within the first screen.
    assert caravan["lineBottom"] < HEIGHT, cards
    assert sorted(meeting["hits"]) == sorted(
        [
            "less than two hours",
            "a little more than an hour and a half",
            "three-hour",
            "almost three hours",
            "three hours",
        ]
    )
    assert sorted(caravan["hits"]) == ["Around 8,000 migrants", "almost 10,000 people"]
    assert meeting["gap"].strip() == "42 min apart" and caravan["gap"].strip() == "400 people apart"
    assert (
        meeting["bars"] == 4 and caravan["bars"] == 2
    )  # "three-hour" and "three hours": one bar, ×2


def test_article_view_highlights_every_claim_and_shows_it_on_hover(seed_page: Page) -> None:
    seed_page.eval("window.scrollTo(0, 0)")
    x, y = seed_page.center_of('button[data-all="open"]')
    seed_page.click_at(x, y)
    marks = seed_page.eval(
        "(() => {"
        + VISIBLE_JS
        + """
        const all = [...document.querySelectorAll("details.article mark.hl")];
        return {shown: all.filter(visible).length,
                claims: new Set(all.flatMap((m) => m.dataset.c.split(" "))).size,
                conflict: all.filter((m) => m.classList.contains("x")).map((m) => m.textContent)};
      })()"""
    )
    total = seed_page.eval(
        "JSON.parse(document.getElementById('fc-data').textContent).claims.length"
    )
    assert marks["claims"] == total == 45
    assert marks["shown"] >= total
    assert "almost 10,000 people" in marks["conflict"]
    assert seed_page.eval("document.getElementById('claim-panel').hidden") is True
    x, y = seed_page.center_of("details.article mark.hl.q.x")
    seed_page.mouse("mouseMoved", x, y)
    panel = seed_page.eval("document.getElementById('claim-panel').innerText")
    assert seed_page.eval("document.getElementById('claim-panel').hidden") is False
    for field in ("measured", "interval", "hedge", "dimension", "contradiction"):
        assert field in panel, panel


def test_a_card_link_opens_the_article_at_the_claim(seed_page: Page) -> None:
    seed_page.eval("document.querySelectorAll('details.article').forEach((d) => d.open = false)")
    x, y = seed_page.center_of("#card-1 a[data-art]")
    seed_page.click_at(x, y)
    state = seed_page.eval(
        """(() => { const a = document.querySelector('#card-1 a[data-art]');
        const box = document.getElementById(a.dataset.art);
        const mark = box.querySelector('mark[data-c~="' + a.dataset.claim + '"]');
        const r = mark.getBoundingClientRect();
        return {open: box.open, inView: r.top >= 0 && r.bottom <= innerHeight,
                panel: document.getElementById('claim-panel').innerText}; })()"""
    )
    assert state["open"] and state["inView"], state
    assert "Around 8,000 migrants" in state["panel"]


def test_filters_hide_and_show_cards(seed_page: Page) -> None:
    x, y = seed_page.center_of('input[data-filter="severity"][value="high"]')
    seed_page.click_at(x, y)
    hidden = seed_page.eval("[...document.querySelectorAll('.card')].map((c) => c.hidden)")
    shown = seed_page.eval("document.getElementById('fc-shown').textContent")
    seed_page.click_at(x, y)
    assert hidden == [True, False] and shown == "1 of 2 shown"
    assert seed_page.eval("[...document.querySelectorAll('.card')].map((c) => c.hidden)") == [
        False,
        False,
    ]


HOSTILE = {
    "page.html": "<html><head><title>Talks</title></head><body><article><p>The meeting lasted "
    "three hours, officials said &lt;script&gt;window.__pwned = 1; document.title = 'pwned'"
    '&lt;/script&gt;.</p><p>&lt;img src=x onerror="window.__pwned = 2"&gt; was the caption.'
    "</p></article></body></html>",
    "b<img src=x onerror=alert(1)>.txt": "The meeting lasted less than two hours <img src=x "
    "onerror=\"window.__pwned = 3; document.title = 'pwned'\"> and ended early.\n"
    '"We are ready </script><script>window.__pwned = 4</script>," the mayor said at a briefing.',
}


@pytest.mark.parametrize("strip_csp", [False, True], ids=["as-written", "without-csp"])
def test_no_script_from_article_text_runs(
    browser: Browser, tmp_path: Path, strip_csp: bool
) -> None:
    for name, text in HOSTILE.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = tmp_path / "report.html"
    code = main(
        ["check", *(str(tmp_path / n) for n in HOSTILE), "--format", "html", "-o", str(out)]
    )
    assert code == 1, "the meeting lengths conflict, so the payloads sit inside a card"
    page_html = out.read_text(encoding="utf-8")
    if strip_csp:
        # Escaping alone must hold: the policy is a second wall, not the only one.
        page_html, n = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page_html)
        assert n == 1
        out.write_text(page_html, encoding="utf-8")
    page = browser.open(out.as_uri())
    page.eval("document.querySelectorAll('details').forEach((d) => d.open = true)")
    state = page.eval(
        """({pwned: typeof window.__pwned, title: document.title,
            imgs: document.images.length, scripts: document.scripts.length,
            handlers: [...document.querySelectorAll('*')].flatMap((e) =>
              [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')),
            text: document.body.innerText})"""
    )
    assert state["pwned"] == "undefined"
    assert state["title"].startswith("factcheck report")
    assert state["imgs"] == 0 and state["handlers"] == [] and state["scripts"] == 2
    for shown in ("<script>window.__pwned = 1", 'onerror="window.__pwned = 3', "b<img src=x"):
        assert shown in state["text"], f"{shown!r} is shown as text"
    page.screenshot(tmp_path / "hostile.png")


def test_two_hundred_articles_stay_usable(browser: Browser, tmp_path: Path) -> None:
    report, articles = crowd_report(200)
    out = tmp_path / "crowd.html"
    out.write_text(to_html(report, articles=articles), encoding="utf-8")
    page = browser.open(out.as_uri())
    first = page.eval(
        "(() => {"
        + VISIBLE_JS
        + """
        const card = document.querySelector(".card");
        return {evidence: [...card.querySelectorAll("figure")].filter(visible).length,
                explanation: card.querySelector(".explanation").getBoundingClientRect().height,
                articles: [...document.querySelectorAll("details.article")].filter(visible).length};
      })()"""
    )
    # One side of 1, one of 199 showing 3 before "196 more"; the long explanation folds.
    assert first["evidence"] == 4 and first["explanation"] < 120, first
    assert first["articles"] == 200
    x, y = page.center_of("#art-filter")
    page.click_at(x, y)
    page.send("Input.insertText", {"text": "a19"})
    shown = page.eval(
        "[...document.querySelectorAll('details.article')].filter((d) => !d.hidden).length"
    )
    assert shown == 10, "a190 to a199"
