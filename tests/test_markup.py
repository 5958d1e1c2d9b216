"""Escaping plain text for Markdown, and rendering rich text with an allow-list."""

from __future__ import annotations

import html

import markdown
import pytest

from servicebook.data.markup import check_url, escape_plain, render_rich

RICH_SITE = markdown.Markdown(extensions=["attr_list", "md_in_html", "tables", "def_list", "footnotes", "abbr",
                                          "pymdownx.magiclink", "pymdownx.tilde", "pymdownx.mark", "pymdownx.caret",
                                          "pymdownx.emoji", "pymdownx.betterem"])


@pytest.mark.parametrize("text", [
    "- a list", "+ a list", "1. numbered", "# heading", "---", "| a | b |", "*emphasis* and _this_",
    "{{ jinja }} {% block %}", "{: onclick=x }", "[ref]: https://x.org", "[link](https://x.org)", "<b>bold</b>",
    "&amp; stays", "`code`", "    indented", "> quote", "Term\n: definition", "~~strike~~ ==mark== ^^up^^",
    ":smile:", "https://example.org", "a\\b", "Footnote[^1]", "!![x](y)", "$maths$",
])
def test_plain_text_is_shown_exactly_as_typed(text: str) -> None:
    line = text.replace("\n", " ")
    rendered = RICH_SITE.reset().convert(f"Before\n\n{escape_plain(line)}\n\n| x |\n| - |\n| {escape_plain(line)} |\n")
    assert rendered.count("<p>") == 2 and "<a" not in rendered and "<code" not in rendered
    assert rendered.count("<td>") == 1
    paragraph = rendered.split("<p>")[2].split("</p>")[0]
    assert html.unescape(paragraph) == line


def test_ordinary_text_stays_readable() -> None:
    assert escape_plain("Explains decisions, with the reason.") == "Explains decisions, with the reason."


def test_rich_text_shows_raw_html_as_text() -> None:
    html = render_rich("Hello <script>alert(1)</script> <b onclick=x>bold</b>").html
    assert "<script>" not in html and "<b" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_rich_text_keeps_markdown_and_nests_headings() -> None:
    html = render_rich("# Title\n\n**strong** and [a link](https://example.org)\n\n- one\n- two\n").html
    assert "<h2>Title</h2>" in html and "<strong>strong</strong>" in html and "<li>one</li>" in html
    assert '<a href="https://example.org" rel="noopener">a link</a>' in html


@pytest.mark.parametrize(("url", "ok"), [
    ("https://example.org/a?b=c", True), ("http://example.org", True), ("mailto:hr@example.org", True),
    ("../library/listening/", True), ("#levels", True), ("javascript:alert(1)", False), ("data:text/html,x", False),
    ("vbscript:x", False), ("//evil.example", False), ('https://exa"mple.org', False), ("file:///etc/passwd", False),
    ("JAVASCRIPT:alert(1)", False),
])
def test_links_are_limited_to_the_allowed_schemes(url: str, ok: bool) -> None:
    assert (check_url(url, picture=False) is None) is ok
    assert (not render_rich(f"[x]({url})").bad_links) is ok


def test_reference_links_and_autolinks_are_checked_too() -> None:
    assert render_rich("[x][r]\n\n[r]: javascript:alert(1)\n").bad_links
    assert not render_rich("<https://example.org>").bad_links
    assert "javascript" not in render_rich("[x][r]\n\n[r]: javascript:alert(1)\n").html


def test_pictures_may_not_come_from_another_host() -> None:
    assert render_rich("![a](https://cdn.example.com/a.png)").bad_links
    assert not render_rich("![a](../img/a.png)").bad_links


def test_a_link_without_words_shows_its_address() -> None:
    html = render_rich("[](https://example.org/a) [ ](b.md) [![Logo](logo.png)](c.md) [![](d.png)](d.md)").html
    assert '<a href="https://example.org/a" rel="noopener">https://example.org/a</a>' in html
    assert '<a href="b.md" rel="noopener">b.md</a>' in html
    assert '<a href="c.md" rel="noopener"><img alt="Logo" src="logo.png"></a>' in html
    assert '<a href="d.md" rel="noopener">d.md<img alt="" src="d.png"></a>' in html
