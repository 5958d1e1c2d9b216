"""`mkdocs serve` watches the data folder: a changed YAML file shows on the served page."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import jinja2
import pytest

import serving
from servicebook.mkdocs.plugin import ServicebookPlugin
from sitebuild import copy_example


def _serve(project: Path, log: Path, *args: str) -> tuple[subprocess.Popen[bytes], str]:
    with open(log, "wb") as output:
        return serving.start(project, *args, output=output)


def _wait_for(url: str, text: str, seconds: float) -> bool:
    return serving.wait_for(url, text, seconds) is not None


def test_serve_rebuilds_when_a_yaml_file_changes(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    server, site = _serve(project, tmp_path / "serve.log")
    url = f"{site}/roles/trainer/"
    try:
        assert _wait_for(url, "Designs and runs customer service training", 60)
        role = project / "competencies" / "roles" / "trainer.yml"
        role.write_text(role.read_text().replace("Designs and runs", "Plans and runs"))
        assert _wait_for(url, "Plans and runs customer service training", 30)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_survives_a_broken_edit_and_recovers(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    log = tmp_path / "serve.log"
    server, site = _serve(project, log)
    url = f"{site}/roles/trainer/"
    role = project / "competencies" / "roles" / "trainer.yml"
    good = role.read_text()
    try:
        assert _wait_for(url, "Designs and runs customer service training", 60)
        role.write_text(good.replace("name: Trainer", "name: Trainer\nname: Again"))
        deadline = time.monotonic() + 30
        while "Reloading browsers" not in log.read_text().split("given twice")[-1] and time.monotonic() < deadline:
            time.sleep(0.3)
        output = log.read_text()
        assert "competencies/roles/trainer.yml:2:1: 'name' is given twice in this mapping" in output
        assert "the last good pages stay served until this is fixed" in output
        assert "Traceback" not in output
        assert server.poll() is None
        assert "Designs and runs customer service training" in serving.get(url)  # the last good page stays
        role.write_text(good.replace("Designs and runs", "Plans and runs"))
        assert _wait_for(url, "Plans and runs customer service training", 30)
    finally:
        server.terminate()
        server.wait(timeout=10)


def _pages_in_search(site: str) -> dict[str, str]:
    entries = json.loads(serving.get(f"{site}/search/search_index.json"))["docs"]
    return {entry["location"]: entry["text"] for entry in entries if "#" not in entry["location"]}


def test_a_dirty_rebuild_keeps_the_search_index_whole(tmp_path: Path) -> None:
    # `make serve` runs with --dirty: only changed pages are rebuilt, and only they are indexed anew.
    project = copy_example(tmp_path / "project")
    server, site = _serve(project, tmp_path / "serve.log", "--dirty", "--no-strict")
    url = f"{site}/roles/trainer/"
    try:
        assert _wait_for(url, "Designs and runs customer service training", 60)
        before = _pages_in_search(site)
        role = project / "competencies" / "roles" / "trainer.yml"
        role.write_text(role.read_text().replace("Designs and runs", "Plans and runs"))
        assert _wait_for(url, "Plans and runs customer service training", 30)
        after = _pages_in_search(site)
        assert sorted(after) == sorted(before)
        assert "Plans and runs" in after["roles/trainer/"]
        assert "Designs and runs" not in after["roles/trainer/"]
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_while_serving_theme_templates_are_compiled_once(monkeypatch: pytest.MonkeyPatch) -> None:
    plugin = ServicebookPlugin()
    plugin.on_startup(command="serve", dirty=True)
    loader = jinja2.DictLoader({"page.html": "{{ title }} {% for n in range(2) %}{{ n }}{% endfor %}"})
    first = plugin.on_env(jinja2.Environment(loader=loader), None, None)  # type: ignore[arg-type]
    assert first.get_template("page.html").render(title="A") == "A 01"
    second = plugin.on_env(jinja2.Environment(loader=loader), None, None)  # type: ignore[arg-type]
    monkeypatch.setattr(second, "compile", lambda *args, **kwargs: pytest.fail("compiled again"))
    assert second.get_template("page.html").render(title="B") == "B 01"


def test_a_build_does_not_keep_compiled_templates() -> None:
    plugin = ServicebookPlugin()
    plugin.on_startup(command="build", dirty=False)
    env = plugin.on_env(jinja2.Environment(), None, None)  # type: ignore[arg-type]
    assert env.bytecode_cache is None
