"""Text from YAML reaches the built HTML as typed and never as markup, with many Markdown extensions on."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import write_data
from sitebuild import Build, mkdocs_build

HOSTILE_NAME = "Team {{ 7*7 }} {: onclick=x } |# &lt;b"
HOSTILE_TEXT = HOSTILE_NAME + " {% raw %} [x](javascript:y) *em* :smile: </title><script>alert(6)</script>"
HOSTILE_LINES = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "- not a list",
    "# not a heading",
    "---",
    "[ref]: javascript:alert(3)",
    "| a | b |",
    "1. not numbered",
    "    not code",
    "</title><script>alert(4)</script>",
    "{: .evil onmouseover=\"alert(5)\" }",
    "Text with a footnote[^1] and *[HTML]: abbr",
    "https://example.org and @someone and ~~strike~~",
    "&amp; &lt;b&gt; stays as typed",
]
EXTENSIONS = """
markdown_extensions:
  - attr_list
  - md_in_html
  - def_list
  - footnotes
  - abbr
  - admonition
  - tables
  - toc
  - pymdownx.magiclink
  - pymdownx.tilde
  - pymdownx.caret
  - pymdownx.mark
  - pymdownx.betterem
  - pymdownx.superfences
  - pymdownx.emoji
"""


def _yaml_list(lines: list[str]) -> str:
    return "".join(f"  - {json.dumps(line)}\n" for line in lines)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = tmp_path_factory.mktemp("hostile")
    name, text = json.dumps(HOSTILE_NAME), json.dumps(HOSTILE_TEXT)
    write_data(project / "competencies", {
        "framework.yml": f"title: {name}\norganisation: {text}\nlevels:\n  - name: {name}\n    summary: {text}\n"
                         f"  - name: Two\n    summary: t\nclusters:\n  - id: serving\n    name: {name}\n"
                         f"    summary: {text}\n",
        "values/customer-focused.yml": f"name: {name}\nstatement: {text}\n"
                                       f"description: {json.dumps(chr(10).join(HOSTILE_LINES))}\n"
                                       f"we_do:\n{_yaml_list(HOSTILE_LINES)}we_avoid:\n{_yaml_list(HOSTILE_LINES)}",
        "library/listening.yml": f"name: {name}\nsummary: {text}\ncluster: serving\nvalues: [customer-focused]\n"
                                 f"levels:\n  1:\n{_yaml_list(HOSTILE_LINES[:12])}  2:\n    - x\n"
                                 f"watch_for:\n{_yaml_list(HOSTILE_LINES)}",
        "roles/frontline.yml": f"name: {name}\nsummary: {text}\nresponsibilities:\n{_yaml_list(HOSTILE_LINES)}"
                               f"competencies:\n  listening:\n    level: 1\n    note: {text}\n"
                               f"training: [foundations]\nowner: {text}\nreports_to: leader\n",
        "roles/leader.yml": f"name: Leader\nsummary: {text}\ncompetencies:\n  listening: 2\n",
        "training/foundations.yml": f"name: {name}\nsummary: {text}\nformat: workshop\nduration: {json.dumps(HOSTILE_NAME[:40])}\n"
                                    f"develops: [listening]\n",
    })
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Home\n")
    (project / "mkdocs.yml").write_text("site_name: Hostile\ntheme:\n  name: material\n  font: false\n"
                                        "plugins:\n  - search\n  - tags\n  - servicebook\n" + EXTENSIONS)
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    return build


class _Page(HTMLParser):
    """Collects tags, attributes, the <title> and the visible text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.title = ""
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._in:
            while self._in.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if "title" in self._in:
            self.title += data
        elif "script" not in self._in and "style" not in self._in:
            self.text.append(data)


def _pages(build: Build) -> dict[str, _Page]:
    parsed = {}
    for path in build.site.rglob("*.html"):
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        parsed[path.relative_to(build.site).as_posix()] = page
    return parsed


GENERATED = ["roles/frontline/index.html", "library/listening/index.html", "values/customer-focused/index.html",
             "training/foundations/index.html", "roles/index.html", "library/index.html", "values/index.html",
             "training/index.html", "matrix/index.html", "growth/frontline/index.html", "growth/index.html",
             "workshop/index.html", "tags/index.html"]


def test_no_markup_from_yaml_reaches_any_page(hostile: Build) -> None:
    for path, page in _pages(hostile).items():
        for tag, attrs in page.tags:
            assert tag not in ("iframe", "object", "embed"), path
            assert not [name for name in attrs if name.startswith("on")], (path, tag, attrs)
            assert "javascript:" not in str(attrs.get("href", "")), (path, attrs)
            if tag == "img":
                assert attrs.get("src") != "x", path
            if tag == "script":
                assert "alert(" not in str(attrs), path


@pytest.mark.parametrize("path", GENERATED)
def test_text_shows_as_typed(hostile: Build, path: str) -> None:
    page = _pages(hostile)[path]
    text = " ".join(" ".join(page.text).split())
    assert HOSTILE_NAME in text, path
    if path not in ("training/index.html", "matrix/index.html", "growth/index.html", "workshop/index.html",
                    "tags/index.html"):
        assert HOSTILE_TEXT in text, path
    if path.startswith(("roles/frontline", "values/customer", "library/listening")):
        for line in HOSTILE_LINES:
            assert " ".join(line.split()) in text, (path, line)


def test_cluster_and_value_links_show_names_as_typed(hostile: Build) -> None:
    for path in ("roles/frontline/index.html", "library/listening/index.html"):
        source = (hostile.site / path).read_text(encoding="utf-8")
        names = [html.unescape(name).strip() for name in
                 re.findall(r'<a href="[^"]*(?:values/customer-focused/|#cluster-serving)">(.*?)</a>', source, re.S)]
        assert names and set(names) == {HOSTILE_NAME}, (path, names)
    source = (hostile.site / "tags" / "index.html").read_text(encoding="utf-8")
    headings = re.findall(r'<h3 id="(?:cluster-serving|value-customer-focused)">(.*?)(?:<a class="headerlink"|</h3>)', source, re.S)
    assert len(headings) == 2 and {html.unescape(name).strip() for name in headings} == {HOSTILE_NAME}


def test_no_script_runs_from_yaml(hostile: Build) -> None:
    for path in hostile.site.rglob("*.html"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"<script>alert|<[a-z][^>]*\son[a-z]+=", source), path


def test_titles_and_navigation_carry_no_markup(hostile: Build) -> None:
    page = _pages(hostile)["roles/frontline/index.html"]
    assert page.title == f"{HOSTILE_NAME} - Hostile"
    source = (hostile.site / "roles" / "frontline" / "index.html").read_text(encoding="utf-8")
    # Every entry of the navigation and the table of contents is text: a name shows exactly as typed.
    entries = [html.unescape(entry) for entry in re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', source, re.S)]
    assert HOSTILE_NAME in entries
    assert all("<" not in entry or entry == HOSTILE_NAME for entry in entries), entries


def test_the_search_index_holds_text_only(hostile: Build) -> None:
    for doc in hostile.search_index():
        for field in ("title", "text"):
            value = doc[field]
            assert not re.search(r"<(script|img|iframe)", value), (doc["location"], value)
    texts = " ".join(html.unescape(doc["text"]) for doc in hostile.search_index())
    assert "<script>alert(1)</script>" in texts


def test_tables_keep_their_shape(hostile: Build) -> None:
    page = (hostile.site / "matrix" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    assert rows and all(row.count("<td") in (0, 2) for row in rows)
    roles = (hostile.site / "roles" / "index.html").read_text(encoding="utf-8")
    assert all(row.count("<td") in (0, 3) for row in re.findall(r"<tr>(.*?)</tr>", roles, re.S))


def test_no_yaml_text_is_rendered_as_a_template(hostile: Build) -> None:
    text = (hostile.site / "roles" / "frontline" / "index.html").read_text(encoding="utf-8")
    assert "49" not in re.sub(r"<[^>]+>", "", text).split("Team")[1][:20]


def test_hostile_ids_never_leave_the_site(tmp_path: Path) -> None:
    from conftest import problems_of
    root = write_data(tmp_path / "data", {"roles/..evil.yml": "x: y", "roles/con.yml": "x: y"})
    problems = problems_of(root)
    assert any(line.startswith("roles/con.yml:1:1: the file name 'con.yml' cannot be an id") for line in problems)
    assert not any("..evil" in line for line in problems)  # starts with '.': ignored, as the spec says
