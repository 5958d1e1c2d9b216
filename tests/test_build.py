"""A real strict build of the example handbook: pages, anchors, reverse links, aliases, search, and failures."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from servicebook.data.link import load_handbook
from sitebuild import Build, copy_example, mkdocs_build

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = mkdocs_build(copy_example(tmp_path_factory.mktemp("example")))
    assert build.returncode == 0, build.output
    return build


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.resources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))
        if tag == "link" and values.get("rel") in ("canonical", "alternate"):
            return  # names the page's address; the browser fetches nothing
        for name in ("src", "href") if tag in ("script", "img", "link", "iframe", "source") else ("src",):
            if values.get(name):
                self.resources.append(str(values[name]))


def _parse(html: str) -> _Anchors:
    parser = _Anchors()
    parser.feed(html)
    return parser


def test_the_build_is_clean(example: Build) -> None:
    assert "WARNING" not in example.output and "ERROR" not in example.output


def test_every_address_of_the_spec_exists(example: Build) -> None:
    handbook = load_handbook(ROOT / "competencies")
    addresses = ["roles", "library", "values", "training", "matrix"]
    addresses += [f"roles/{id_}" for id_ in handbook.roles] + [f"library/{id_}" for id_ in handbook.competencies]
    addresses += [f"values/{id_}" for id_ in handbook.values] + [f"training/{id_}" for id_ in handbook.modules]
    for address in addresses:
        assert (example.site / address / "index.html").is_file(), address


def test_role_pages_have_the_stable_anchors(example: Build) -> None:
    handbook = load_handbook(ROOT / "competencies")
    for rid, role in handbook.roles.items():
        ids = _parse(example.page(f"roles/{rid}")).ids
        expected = {"responsibilities", "competencies", "values", "training"}
        expected |= {f"competency-{cid}" for cid in role.competencies}
        assert expected <= ids, rid


def test_reverse_links_are_on_the_target_pages(example: Build) -> None:
    competency = _parse(example.page("library/listening-and-empathy")).links
    assert "../../roles/frontline-officer/#competency-listening-and-empathy" in competency
    assert "../../values/customer-focused/" in competency
    assert "../../training/service-foundations/" in competency
    value = _parse(example.page("values/one-team")).links
    assert "../../library/working-in-partnership/" in value
    module = _parse(example.page("training/service-foundations")).links
    assert "../../roles/general-staff/#training" in module


def test_role_page_shows_the_behaviours_at_the_required_level(example: Build) -> None:
    page = example.page("roles/frontline-officer")
    assert "Checks understanding by summarising the request in the customer&#39;s own terms." in page or \
        "Checks understanding by summarising the request in the customer's own terms." in page
    assert "Sets an example of listening" not in page  # a Leading behaviour, above this role's level


def test_an_alias_leads_to_the_current_page_with_its_anchor(example: Build) -> None:
    redirect = (example.site / "roles" / "team-leader" / "index.html").read_text()
    assert 'location.replace("../customer-service-leader/" + location.search + location.hash)' in redirect
    assert 'url=../customer-service-leader/' in redirect


def test_search_finds_a_behaviour_on_the_competency_page_that_defines_it_only(example: Build) -> None:
    hits = {doc["location"].split("#")[0] for doc in example.search_index()
            if "Notices what the customer leaves unsaid" in doc["text"]}
    assert hits == {"library/listening-and-empathy/"}


def test_no_page_loads_anything_from_another_host(example: Build) -> None:
    for page in example.site.rglob("*.html"):
        for url in _parse(page.read_text(encoding="utf-8")).resources:
            assert not re.match(r"^(https?:)?//", url), (page, url)
    css = "".join(path.read_text(encoding="utf-8") for path in example.site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_bad_data_fails_the_build_and_publishes_nothing(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    role = project / "competencies" / "roles" / "trainer.yml"
    role.write_text(role.read_text().replace("clear-communication: Leading", "clear-comunication: Leading"))
    (project / "competencies" / "values" / "one-team.yml").write_text("name: One team\nstatement: s\nwe_do: [a]\nwe_do: [b]\n")
    build = mkdocs_build(project)
    assert build.returncode == 1
    assert "competencies/roles/trainer.yml:9:3: competencies › clear-comunication: there is no competency " \
           "'clear-comunication' — did you mean 'clear-communication'?" in build.output
    assert "competencies/values/one-team.yml:4:1: 'we_do' is given twice" in build.output
    assert "Traceback" not in build.output
    assert not build.site.exists()


def test_a_hand_written_page_at_a_generated_address_is_an_error(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    (project / "content" / "roles").mkdir()
    (project / "content" / "roles" / "trainer.md").write_text("# Mine\n")
    build = mkdocs_build(project)
    assert build.returncode == 1
    assert ("content/roles/trainer.md:1:1: this page has the address 'roles/trainer/', which the handbook also gives "
            "to the page made from competencies/roles/trainer.yml — rename or move this page: the handbook writes "
            "roles/trainer.md itself") in build.output


def test_a_site_with_its_own_tags_page_keeps_it(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    (project / "content" / "tags.md").write_text("# Our tags\n\n<!-- material/tags -->\n")
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    page = build.page("tags")
    assert "Our tags" in page and "Every cluster of competencies" not in page


def test_a_minimal_site_needs_only_the_theme_and_the_plugin(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "competencies", project / "competencies")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Home\n")
    (project / "mkdocs.yml").write_text("site_name: Minimal\ntheme:\n  name: material\nplugins:\n  - search\n"
                                        "  - servicebook\n")
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    assert (build.site / "assets" / "servicebook" / "servicebook.css").is_file()
    assert "competency-listening-and-empathy" in build.page("roles/frontline-officer")
    assert "growth/frontline-officer/" in build.page("roles/frontline-officer")
    assert "Workshop links" in build.page("workshop")
    assert not (build.site / "tags").exists()  # no tags plugin, no page listing tags


def test_edit_links_lead_to_the_yaml_file(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "repo_url: https://git.example.org/hr/handbook\n"
                      "edit_uri: edit/main/content/\n")
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    assert 'href="https://git.example.org/hr/handbook/edit/main/competencies/roles/trainer.yml"' in \
        build.page("roles/trainer")


def test_two_builds_in_different_folders_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # MkDocs dates sitemap.xml with the build day unless SOURCE_DATE_EPOCH is set.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    first = mkdocs_build(copy_example(tmp_path / "one"))
    second = mkdocs_build(copy_example(tmp_path / "two" / "deeper"))
    assert first.returncode == second.returncode == 0
    files = sorted(p.relative_to(first.site) for p in first.site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second.site) for p in second.site.rglob("*") if p.is_file())
    different = [f for f in files if (first.site / f).read_bytes() != (second.site / f).read_bytes()]
    assert different == []


def test_a_site_without_directory_urls_links_and_redirects(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", project / "competencies")
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Home\n\n[Roles](roles/index.md)\n")
    (project / "mkdocs.yml").write_text("site_name: Flat\nuse_directory_urls: false\ntheme:\n  name: material\n"
                                        "plugins:\n  - servicebook\nvalidation:\n  anchors: warn\n")
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    assert 'href="leader.html"' in (build.site / "roles" / "frontline.html").read_text()
    assert 'location.replace("frontline.html"' in (build.site / "roles" / "front-line.html").read_text()
