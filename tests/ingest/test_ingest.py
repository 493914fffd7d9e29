"""Reading and cleaning articles: seeds, boilerplate rules, formats and bad input."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.errors import InputError
from factcheck.ingest import (
    CleanedText,
    IngestResult,
    InputProblem,
    article_from_text,
    clean_text,
    load_articles,
    read_article,
)

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "seed"
DATA = Path(__file__).resolve().parent / "data"
SEEDS = sorted(SEED.glob("*.txt"))


def seed(prefix: str) -> Path:
    (path,) = [p for p in SEEDS if p.name.startswith(prefix)]
    return path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def reasons(result: IngestResult) -> dict[str, str]:
    return {p.path: p.reason for p in result.problems}


STORY = (
    "The council approved the budget on Monday after a long debate.\n\n"
    "About 4,000 residents attended the meeting, the mayor said.\n\n"
    "The vote was 7 to 2, according to the city clerk."
)

# --- the seed articles --------------------------------------------------------------------


def test_seed_002_drops_turkish_cookie_banner_and_share_x() -> None:
    article = read_article(seed("002"))
    text = article.text
    assert "çerez" not in text.lower() and "reklam" not in text
    assert not re.search(r"[ığşİ]", text), "Turkish text left in the article"
    assert "X" not in text.split("\n")
    assert "Around 10,000 migrants have been apprehended daily" in text
    assert text.endswith("according to border patrol officials.")
    assert article.title == "Mexico, U.S. hold emergency meeting on migration"
    assert "on his X account." in text  # "X" inside a sentence is article text


def test_seed_004_drops_comment_form_related_links_and_photo_suffix() -> None:
    article = read_article(seed("004"))
    text = article.text
    for junk in ("Leave a Reply", "See also", "(+photos)", "Your email address", "We want/why"):
        assert junk not in text
    assert "Costa Rica and Panama" not in text
    assert article.title == "Mexico and the United States form a new immigration working group"
    assert text.startswith(article.title + "\n\n")
    assert "After a little more than an hour and a half" in text
    caption = "Mexico and the United States of America create a new working group on migration"
    assert text.count(caption) == 1
    assert text.endswith("among other officials.")


def test_seed_001_keeps_embedded_tweet_attribution() -> None:
    text = read_article(seed("001")).text
    assert "pic.twitter.com/QhiaDlAQGT — Andrés Manuel (@lopezobrador_) December 28, 2023" in text


def test_seed_000_and_003_leading_metadata() -> None:
    a0 = read_article(seed("000"))
    assert (a0.date, a0.outlet) == ("2023-12-28", "MENAFN")
    assert a0.text.startswith("On Wednesday, a delegation")
    a3 = read_article(seed("003"))
    assert (a3.date, a3.outlet) == ("2023-12-29", None)
    assert a3.text.startswith("The immigration situation")
    assert a0.title is None and a3.title is None  # first lines are long sentences


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_cleaning_is_idempotent_and_verbatim(path: Path) -> None:
    article = read_article(path)
    assert clean_text(article.text).text == article.text
    assert "\r" not in article.text and "\n\n\n" not in article.text
    assert article.text == article.text.strip()
    for line in article.text.split("\n"):
        assert line == line.rstrip()
        assert line in article.raw_text, f"cleaning rewrote a line: {line!r}"


# What a human reader marks as boilerplate in each seed (test data, not rules of the cleaner).
SEED_BOILERPLATE: dict[str, list[str]] = {
    "000": [" date 2023-12-28 (MENAFN) "],
    "001": [],
    "002": ["\nX\nSitelerimizde"],  # the share "X" and everything after it
    "003": [" date 2023-12-29 "],
    "004": [
        " (+photos)",
        "See also\u00a0 Costa Rica and Panama are working to improve control of migration flows",
        "    Mexico and the United States of America create a new working group on migration" * 2,
        "We want/why",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
    ],
}


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_keeps_at_least_90_percent_of_article_text(path: Path) -> None:
    article = read_article(path)
    expected = article.raw_text
    for junk in SEED_BOILERPLATE[path.name[:3]]:
        assert junk in expected
        cut = expected.index(junk)
        expected = expected[:cut] if junk.startswith("\nX\n") else expected.replace(junk, " ")
    want, got = _compact(expected), _compact(article.text)
    matcher = difflib.SequenceMatcher(None, want, got, autojunk=False)
    kept = sum(block.size for block in matcher.get_matching_blocks())
    assert kept / len(want) >= 0.90, f"kept only {kept / len(want):.1%} of the article"
    assert kept / len(got) >= 0.99, "cleaned text contains boilerplate"


def test_load_seed_directory() -> None:
    result = load_articles([str(SEED)])
    assert result.problems == []
    assert [a.id for a in result.articles] == [p.stem for p in SEEDS]
    assert result.articles[2].id == "002_469326bf4cedfed6"
    assert all(a.source.endswith(".txt") for a in result.articles)


# --- general boilerplate rules ------------------------------------------------------------


@pytest.mark.parametrize(
    "banner",
    [
        "We use cookies to personalise content and ads. By clicking Accept all you consent.",
        "Accept all\n\nManage preferences",
        "Diese Website verwendet Cookies. Cookies akzeptieren",
        "Utilizamos cookies propias y de terceros para mejorar su experiencia de navegación.",
        "Bu sitede çerezler kullanılmaktadır. Kabul et.",
    ],
)
def test_trailing_cookie_banner_removed(banner: str) -> None:
    cleaned = clean_text(STORY + "\n\n\n" + banner)
    assert cleaned.text == STORY
    assert cleaned.removed


def test_leading_and_embedded_cookie_banners_removed() -> None:
    banner = "This website uses cookies to improve your experience. Read our cookie policy."
    parts = STORY.split("\n\n")
    text = "\n\n".join([banner, parts[0], banner.replace("improve", "analyse"), *parts[1:]])
    assert clean_text(text).text == STORY


def test_article_about_cookies_is_kept() -> None:
    story = STORY + "\n\nThe bakery said it sold 500 cookies at the meeting."
    assert clean_text(story).text == story


def test_trailing_foreign_block_removed_but_foreign_article_kept() -> None:
    spanish = "El gobierno de la ciudad anunció que la reunión será en enero con los vecinos."
    assert clean_text(STORY + "\n\n" + spanish).text == STORY
    spanish_story = spanish + "\n\n" + spanish.replace("enero", "febrero")
    assert clean_text(spanish_story).text == spanish_story


def test_share_widget_lines_removed_but_sentences_kept() -> None:
    parts = STORY.split("\n\n")
    widgets = "Share\nTweet\nFacebook | WhatsApp | Telegram\nCopy link\nX\nEmail\nPrint"
    sentence = "Share prices fell 3% on Friday, he posted on X."
    text = f"{parts[0]}\n\n{widgets}\n\n{sentence}\n\n{parts[1]}"
    assert clean_text(text).text == f"{parts[0]}\n\n{sentence}\n\n{parts[1]}"
    listing = "Share Tweet Email " * 20 + "and then the story goes on."
    assert clean_text(listing).text == listing.strip()


def test_related_link_lines_removed() -> None:
    parts = STORY.split("\n\n")
    text = "\n\n".join(
        [
            parts[0],
            "See also\u00a0 Storm closes the port for a week",
            "Read more: Budget talks stall again",
            "Related",
            "See also the clerk's report for details.",
            parts[1],
        ]
    )
    cleaned = clean_text(text).text
    assert cleaned == "\n\n".join([parts[0], "See also the clerk's report for details.", parts[1]])


@pytest.mark.parametrize("suffix", ["(+photos)", "(+ photos)", "(+video)", "(+Fotos)"])
def test_media_suffix_removed_from_title(suffix: str) -> None:
    cleaned = clean_text(f"Council approves budget {suffix}\n\n{STORY}")
    assert cleaned.title == "Council approves budget"
    assert cleaned.text == f"Council approves budget\n\n{STORY}"


def test_comment_form_after_story_is_cut_but_link_above_story_is_a_line() -> None:
    form = "Leave a Reply\n\nYour email address will not be published.\n\nGreat article, thanks!"
    assert clean_text(f"{STORY}\n\n{form}").text == STORY
    assert clean_text(f"Leave a comment\n\n{STORY}").text == STORY
    # Early in the story a heading-like line never cuts the rest of the article.
    more = "\n\n".join(f"Paragraph {n} of the story continues with new facts." for n in range(9))
    early = f"{STORY}\n\nLeave a comment\n\n{more}"
    assert clean_text(early).text == early


def test_trailing_short_junk_line_removed_but_short_sentence_kept() -> None:
    assert clean_text(STORY + "\n\nWe want/why").text == STORY
    closing = STORY + "\n\nHe declined to comment."
    assert clean_text(closing).text == closing
    two_lines = STORY + "\n\nfoo bar\n\nbaz"  # not clearly junk: keep
    assert clean_text(two_lines).text == two_lines


def test_repeated_caption_lines_reduced_to_first() -> None:
    parts = STORY.split("\n\n")
    caption = "  Councillors vote on the new city budget"
    text = "\n\n".join([parts[0], caption, parts[1], caption + "    " + caption.strip(), parts[2]])
    assert clean_text(text).text == "\n\n".join([parts[0], caption, parts[1], parts[2]])


@pytest.mark.parametrize(
    ("prefix", "date", "outlet"),
    [
        (" date 2024-01-02 (Reuters) - ", "2024-01-02", "Reuters"),
        ("Date: 2024-01-02 ", "2024-01-02", None),
        ("published 2024-01-02T10:00:00Z (AP) ", "2024-01-02", "AP"),
        ("2024-01-02 (CITY WIRE) ", "2024-01-02", "CITY WIRE"),
    ],
)
def test_leading_metadata_prefix(prefix: str, date: str, outlet: str | None) -> None:
    cleaned = clean_text(prefix + STORY)
    assert (cleaned.date, cleaned.outlet, cleaned.text) == (date, outlet, STORY)


def test_leading_date_without_keyword_or_outlet_is_text() -> None:
    text = "2024-01-02 was the wettest day of the year, the weather service said."
    assert clean_text(text) == CleanedText(text=text)


def test_title_detection() -> None:
    assert clean_text("Short headline\n\n" + STORY).title == "Short headline"
    assert clean_text(STORY).title is None  # first line ends with a period
    assert clean_text("Short headline\n" + STORY).title is None  # not set off by a blank line
    for masthead in ("THE DAILY LEDGER", "Harbour Gazette | Business", "[Translated from German]"):
        cleaned = clean_text(f"{masthead}\n\nPort reopens\nBy A. Reporter\n\n{STORY}")
        assert cleaned.title == "Port reopens"
    shouting = "CITY NEWS — local stories daily\n\nPort reopens\n\n" + STORY
    assert clean_text(shouting).title == "Port reopens"
    long_line = " ".join(["word"] * 40)
    assert clean_text(long_line + "\n\n" + STORY).title is None


def test_whitespace_normalised_but_text_verbatim() -> None:
    raw = '\n\n  \r\n“Curly” and "straight" quotes,   inner  spaces.  \r\n\r\n\r\n\r\n\r\n'
    raw += "    Indented line.\t\n\n"
    cleaned = clean_text(raw).text
    assert cleaned == '“Curly” and "straight" quotes,   inner  spaces.\n\n    Indented line.'


def test_all_boilerplate_is_an_input_problem(tmp_path: Path) -> None:
    junk = write(tmp_path / "junk.txt", "Share\nTweet\n\nWe use cookies. Accept all cookies.\n")
    with pytest.raises(InputError, match="no article text after removing boilerplate"):
        read_article(junk)
    result = load_articles([str(junk), str(seed("001"))])
    assert reasons(result) == {str(junk): "no article text after removing boilerplate"}
    assert [a.id for a in result.articles] == [seed("001").stem]


PIECES = [
    *STORY.split("\n\n"),
    "Share",
    "X",
    "Tweet",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "See also\u00a0 Storm closes the port",
    "We want/why",
    "Council approves budget (+photos)",
    "  Councillors vote on the new city budget",
    "We use cookies to personalise ads. Accept all",
    "Bu çerezler, kullanıcıların tarayıcı ve cihazlarını tanımlayarak çalışır.",
    " date 2024-01-02 (Reuters) ",
    "“Quoted words,” she said.",
]
SEPARATORS = ["\n", "\n\n", "\n\n\n\n", "\r\n", "  \n\n"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.sampled_from(PIECES), st.text(min_size=1, max_size=40)),
            st.sampled_from(SEPARATORS),
        ),
        max_size=14,
    )
)
def test_cleaning_properties(parts: list[tuple[str, str]]) -> None:
    raw = "".join(piece + sep for piece, sep in parts)
    cleaned = clean_text(raw).text
    assert clean_text(cleaned).text == cleaned
    normalised = raw.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    for line in cleaned.split("\n"):
        assert line in normalised


# --- formats ------------------------------------------------------------------------------


def test_html_fixture() -> None:
    article = read_article(DATA / "page.html")
    assert (article.title, article.date, article.outlet) == (
        "Port reopens after storm",
        "2024-03-05",
        "Harbour Gazette",
    )
    text = article.text
    for junk in ("tracking", "color", "Sport", "cookies", "Accept", "Facebook", "Copy link"):
        assert junk not in text
    for junk in ("Related", "Storm hits coast", "Leave a Reply", "rights reserved", "JavaScript"):
        assert junk not in text
    assert "Share" not in text.split("\n")
    assert "for three days, the harbour master said.\n\nAbout 1,200 containers" in text
    # trafilatura reads local pages; a <br> ends a paragraph there.
    assert "according to the port authority.\n\nOfficials expect" in text
    assert "“We lost almost 40 hours of work,” said a dock worker." in text
    assert article.author == "A Reporter"
    assert clean_text(text).text == text
    # Our own rules, the fallback, keep a <br> as a line break.
    fallback = clean_text((DATA / "page.html").read_text(encoding="utf-8"), "html").text
    assert "according to the port authority.\nOfficials expect" in fallback


def test_html_junk_class_on_page_wrapper_keeps_story() -> None:
    page = (
        '<html><body class="has-sidebar"><article class="post has-comments">'
        "<p>The dam opened on Monday, engineers said.</p>"
        '<div class="share-buttons">Share on Facebook</div></article>'
        '<div class="sidebar">Most read</div></body></html>'
    )
    assert clean_text(page, "html").text == "The dam opened on Monday, engineers said."


def test_html_deeply_nested_page() -> None:
    page = "<html><body>" + "<div>" * 3000 + "<p>Deep text, he said.</p>" + "</div>" * 3000
    assert clean_text(page, "html").text == "Deep text, he said."
    # Deeper than lxml parses: trafilatura finds nothing and our rules read it instead.
    article = article_from_text(page, article_id="deep", source="deep.html", kind="web")
    assert article.text == "Deep text, he said."


def test_html_metadata_fallbacks() -> None:
    page = (
        "<html><head><title>Dam opens | River News</title>"
        '<meta property="og:site_name" content="River News"></head>'
        '<body><p>Posted <time datetime="2024-05-06">May 6</time></p>'
        "<p>The dam opened on Monday, engineers said.</p></body></html>"
    )
    cleaned = clean_text(page, "html")
    assert (cleaned.title, cleaned.date) == ("Dam opens", "2024-05-06")
    assert cleaned.outlet == "River News"
    assert cleaned.text == "Posted May 6\n\nThe dam opened on Monday, engineers said."


def test_markdown_fixture() -> None:
    article = read_article(DATA / "article.md")
    assert (article.title, article.date, article.outlet) == (
        "Bridge closed for repairs",
        "2024-02-10",
        "City Ledger",
    )
    assert article.text == (
        "Bridge closed for repairs\n\n"
        "The north bridge will be closed for six weeks, the city council said on Monday.\n\n"
        "Traffic\n\n"
        "Around 30,000 vehicles cross the bridge daily, according to a traffic survey. "
        "The variable snake_case_name stays intact.\n\n"
        '"We have no choice," the mayor said.'
    )


def test_article_from_text() -> None:
    article = article_from_text("Headline\n\n" + STORY, article_id="a1", source="mem")
    assert (article.id, article.source, article.title) == ("a1", "mem", "Headline")
    assert article.raw_text == "Headline\n\n" + STORY
    with pytest.raises(InputError, match="empty"):
        article_from_text("  \n", article_id="a2", source="mem")
    with pytest.raises(ValueError):
        clean_text(STORY, "pdf")


# --- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\r\n  ", "empty file"),
        (b"text\x00with\x00nul", "binary file (NUL bytes), not text"),
        (bytes(range(1, 32)) * 20, "binary file (mostly control bytes), not text"),
        (b"caf\xc3\xa9 ok then \xff bad", "invalid UTF-8 at byte 14"),
    ],
)
def test_bad_file_is_a_problem_and_others_still_load(
    tmp_path: Path, data: bytes, reason: str
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_article(bad)
    assert info.value.reason == reason
    good = write(tmp_path / "good.txt", STORY)
    result = load_articles([str(bad), str(good)])
    assert reasons(result) == {str(bad): reason}
    assert [a.id for a in result.articles] == ["good"]
    assert str(result.problems[0]) == f"{bad}: {reason}"


def test_bom_and_utf16_decoded(tmp_path: Path) -> None:
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + STORY.encode())
    assert read_article(bom).raw_text == STORY
    wide = tmp_path / "wide.txt"
    wide.write_bytes(("Café news\n\n" + STORY).encode("utf-16"))
    assert read_article(wide).title == "Café news"
    wider = tmp_path / "wider.txt"
    wider.write_bytes(("Café news\n\n" + STORY).encode("utf-32"))
    assert read_article(wider).text == "Café news\n\n" + STORY


def test_markdown_date_with_time_and_empty_input_path() -> None:
    cleaned = clean_text("---\ndate: 2024-02-10T08:00:00Z\n---\n" + STORY, "md")
    assert (cleaned.date, cleaned.text) == ("2024-02-10", STORY)
    result = load_articles([""])
    assert [p.reason for p in result.problems] == ["empty path"]


def test_missing_paths_and_globs_are_problems(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", STORY)
    empty_dir = tmp_path / "empty"
    write(empty_dir / "notes.pdf", "x")
    write(empty_dir / ".hidden.txt", STORY)
    pdf = write(tmp_path / "paper.pdf", STORY)
    missing, no_glob = str(tmp_path / "nope.txt"), str(tmp_path / "none" / "*.txt")
    result = load_articles([missing, str(empty_dir), no_glob, str(pdf), str(good)])
    expected = "expected .txt/.md/.html (or a .jsonl/.csv list of articles)"
    assert reasons(result) == {
        missing: "no such file or directory",
        str(empty_dir / "notes.pdf"): f"skipped: unsupported file type '.pdf'; {expected}",
        str(empty_dir): "no .txt/.md/.html articles in directory",
        no_glob: "glob matched no files",
        str(pdf): f"unsupported file type '.pdf'; {expected}",
    }
    assert [a.id for a in result.articles] == ["good"]
    with pytest.raises(InputError, match="no such file"):
        read_article(Path(missing))


def test_directory_recursive_sorted_skips_hidden_and_other_types(tmp_path: Path) -> None:
    for rel in ("b.txt", "a.md", "sub/c.html", ".hidden.txt", ".git/d.txt", "e.pdf", "f.json"):
        write(tmp_path / "in" / rel, "<p>Text.</p>" if rel.endswith("html") else STORY)
    result = load_articles([str(tmp_path / "in")])
    # Hidden files pass silently; a file of another type is named once (issue 10, row 15).
    assert sorted(reasons(result)) == [
        str(tmp_path / "in" / "e.pdf"),
        str(tmp_path / "in" / "f.json"),
    ]
    assert all("unsupported file type" in r for r in reasons(result).values())
    assert [a.id for a in result.articles] == ["a", "b", "c"]
    by_glob = load_articles([str(tmp_path / "in" / "*.txt")])
    assert [a.id for a in by_glob.articles] == ["b"]


def test_same_stem_disambiguated_deterministically(tmp_path: Path) -> None:
    one = write(tmp_path / "east" / "news.txt", STORY)
    two = write(tmp_path / "west" / "news.txt", STORY)
    three = write(tmp_path / "a" / "x" / "news.md", STORY)
    four = write(tmp_path / "b" / "x" / "news.txt", STORY)
    inputs = [str(one), str(two), str(three), str(four), str(one)]  # one named twice: read once
    ids = [a.id for a in load_articles(inputs).articles]
    assert ids == ["east-news", "west-news", "a-x-news", "b-x-news"]
    assert [a.id for a in load_articles(inputs).articles] == ids
    assert [a.id for a in load_articles([str(one)]).articles] == ["news"]


def test_input_problem_str() -> None:
    assert str(InputProblem("a/b.txt", "empty file")) == "a/b.txt: empty file"
