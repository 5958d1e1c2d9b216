"""Golden Markdown for every page kind, generated from tests/fixtures/small.

After an intended change to the pages, rewrite the golden files with
`SERVICEBOOK_UPDATE_GOLDEN=1 make test` and review the diff like any other change.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data

from conftest import FIXTURES, write_data
from servicebook.data.link import load_handbook
from servicebook.data.markup import escape_plain
from servicebook.site.generated import GeneratedFile
from servicebook.site.pages import generate
from synthetic import write_framework

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("SERVICEBOOK_UPDATE_GOLDEN") == "1"


def _files(directory_urls: bool = True, site_url: str | None = None) -> dict[str, GeneratedFile]:
    """The generated Markdown and redirects; QR codes, the packaged assets and the downloads are not golden."""
    handbook = load_handbook(FIXTURES / "small")
    files = generate(handbook, directory_urls=directory_urls, site_url=site_url)
    return {file.path: file for file in files if not file.path.startswith("assets/")
            and not (file.path.startswith("data/") and not file.path.endswith(".md"))}


def test_every_generated_file_has_a_golden_copy() -> None:
    golden = sorted(path.relative_to(GOLDEN).as_posix() for path in GOLDEN.rglob("*") if path.is_file())
    if UPDATE:
        return
    assert sorted(_files()) == golden


@pytest.mark.parametrize("path", sorted(_files()))
def test_page_matches_golden(path: str) -> None:
    content = _files()[path].content
    golden = GOLDEN / path
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(content, encoding="utf-8")
    assert content == golden.read_text(encoding="utf-8")


def test_output_is_deterministic() -> None:
    first, second = _files(), _files()
    assert list(first) == list(second)
    assert all(first[path].content == second[path].content for path in first)


def test_item_pages_name_their_yaml_file_for_the_edit_link() -> None:
    files = _files()
    assert files["roles/frontline.md"].source == FIXTURES / "small" / "roles" / "frontline.yml"
    assert files["library/index.md"].source == FIXTURES / "small" / "framework.yml"
    assert files["roles/index.md"].source is None


def test_redirects_follow_the_url_style() -> None:
    assert "roles/front-line/index.html" in _files(True)
    flat = _files(False)
    assert "roles/front-line.html" in flat
    assert 'location.replace("frontline.html"' in flat["roles/front-line.html"].content


def test_front_matter_holds_only_search_settings_and_names_stay_in_the_body(tmp_path: Path) -> None:
    # Names that would end or extend YAML front matter if they were not quoted.
    names = ['x: y\'s "quoted" \\ # not a comment', "---", "title: Injected", "[a, b]", "{{ 7*7 }}", "&lt;b"]
    handbook = load_handbook(write_data(tmp_path / "data", {
        "values/customer-focused.yml": f"name: {json.dumps(names[0])}\nstatement: s\nwe_do: [x]\n",
        **{f"values/v{number}.yml": f"name: {json.dumps(name)}\nstatement: s\nwe_do: [x]\n"
           for number, name in enumerate(names[1:])},
        "library/listening.yml": "name: Listening\nsummary: s\ncluster: serving\n"
                                 f"values: [customer-focused, {', '.join(f'v{n}' for n in range(len(names) - 1))}]\n"
                                 "levels:\n  1: [a]\n  2: [b]\n",
    }))
    for file in generate(handbook):
        if not file.path.endswith(".md"):
            continue
        body, meta = get_data(file.content)
        assert set(meta) <= {"search"}, file.path
        if file.path in ("library/listening.md", "roles/frontline.md", "roles/leader.md"):
            assert "tags" not in meta and all(escape_plain(name) in body for name in names), file.path
        assert body.startswith("# "), file.path


def test_with_a_site_url_role_and_competency_pages_carry_a_qr_code_of_their_address() -> None:
    handbook = load_handbook(FIXTURES / "small")
    files = {file.path: file for file in generate(handbook, site_url="https://handbook.example.org/hb/")}
    role = files["roles/frontline.md"].content
    assert '<span class="sb-address">https&#58;//handbook.example.org/hb/roles/frontline/</span>' in role
    assert "![QR code of this page's address](../assets/servicebook/qr/roles/frontline.svg)" in role
    svg = files["assets/servicebook/qr/roles/frontline.svg"].content
    assert svg.startswith("<?xml") and "<title>QR code of https://handbook.example.org/hb/roles/frontline/</title>" in svg
    assert "assets/servicebook/qr/library/listening.svg" in files
    # A value's QR code is on its poster, and leads to the value's page.
    assert "assets/servicebook/qr/values/customer-focused.svg" in files
    assert "../assets/servicebook/qr/values/customer-focused.svg" in files["posters/customer-focused.md"].content


def test_without_a_site_url_there_is_no_qr_code() -> None:
    assert not any("/qr/" in path for path in _files())
    assert '<span class="sb-address"></span>' in _files()["roles/frontline.md"].content


def test_every_link_of_a_large_split_handbook_leads_to_a_generated_page(tmp_path: Path) -> None:
    write_framework(tmp_path / "data", 450)
    files = generate(load_handbook(tmp_path / "data"), site_url="https://handbook.example.org/")
    paths = {file.path for file in files}
    assert {"roles/1.md", "roles/3.md", "workshop/roles-3.md", "matrix/cluster-cluster-1-1.md"} <= paths
    assert "roles/4.md" not in paths
    for file in files:
        if file.path.endswith(".md"):
            for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", file.content):
                assert posixpath.normpath(posixpath.join(posixpath.dirname(file.path), target)) in paths, \
                    (file.path, target)
    overview = next(file.content for file in files if file.path == "roles/index.md")
    assert "| Role |" not in overview and "](1.md)" in overview
    assert max(len(file.content) for file in files if file.path.endswith(".md")) < 200_000
