"""No page of a built handbook shows Markdown link syntax as text: every link the pages write is a link.

Run over the example and over generated frameworks, since a link that a template joins or escapes
by mistake shows as "[Name](page.md)" only where the data has such an item.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitebuild import copy_example, mkdocs_build
from synthetic import write_framework

SKIPPED = {"code", "pre", "script", "style", "textarea"}


class _Text(HTMLParser):
    """The text a reader sees, outside code, scripts and form fields."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if not self.open:
            self.text.append(data)


def raw_links(site: Path) -> list[str]:
    """Every built page whose visible text holds `](`, with the text around it."""
    found = []
    for page in sorted(site.rglob("*.html")):
        parser = _Text()
        parser.feed(page.read_text(encoding="utf-8"))
        text = " ".join(parser.text)
        if (at := text.find("](")) >= 0:
            found.append(f"{page.relative_to(site)}: …{text[max(0, at - 60):at + 40]}…")
    return found


def test_the_example_shows_no_markdown_link_as_text(tmp_path: Path) -> None:
    build = mkdocs_build(copy_example(tmp_path / "example"))
    assert build.returncode == 0, build.output
    assert raw_links(build.site) == []


@pytest.mark.parametrize("seed", [1, 2])
def test_generated_frameworks_show_no_markdown_link_as_text(tmp_path: Path, seed: int) -> None:
    project = tmp_path / "project"
    write_framework(project / "competencies", 40, seed=seed)
    (project / "content").mkdir()
    (project / "content" / "index.md").write_text("# Generated handbook\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: Generated\nsite_url: https://example.org/handbook/\ndocs_dir: content\n"
        "theme:\n  name: material\n  font: false\nplugins:\n  - search\n  - tags\n  - servicebook\n",
        encoding="utf-8")
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    assert raw_links(build.site) == []
