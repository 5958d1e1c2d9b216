"""The preview (`mkdocs serve`) says when the saved data is broken: on every page, in a banner, and in its log."""

from __future__ import annotations

import time
from pathlib import Path

import serving
from sitebuild import copy_example, mkdocs_build
from test_browser import browser  # noqa: F401  (the shared browser fixture)


def _open(page: object, url: str) -> None:
    """Open `url`, again if the preview's live reload starts its own navigation meanwhile."""
    for attempt in range(5):
        try:
            page.goto(url)  # type: ignore[attr-defined]
            return
        except Exception:  # playwright: "navigation interrupted by another navigation"
            if attempt == 4:
                raise
            page.wait_for_timeout(500)  # type: ignore[attr-defined]


def _lines_after(log: Path, marker: str, wanted: str, seconds: float) -> str:
    """The log after the last `marker`, once it holds `wanted` (or when time is up)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        tail = log.read_text(errors="replace").split(marker)[-1]
        if wanted in tail:
            return tail
        time.sleep(0.3)
    return log.read_text(errors="replace").split(marker)[-1]


def test_a_broken_save_shows_a_banner_on_every_page_until_it_is_fixed(browser: object, tmp_path: Path) -> None:  # noqa: F811
    project = copy_example(tmp_path / "project")
    log = tmp_path / "serve.log"
    with open(log, "wb") as output:
        server, site = serving.start(project, output=output)
    role = project / "competencies" / "roles" / "trainer.yml"
    good = role.read_text()
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        assert serving.wait_for(f"{site}/roles/trainer/", "Designs and runs", 90) is not None
        _open(page, f"{site}/roles/trainer/")
        assert page.locator(".sb-preview-problems").count() == 0
        role.write_text(good.replace("name: Trainer", "name: Trainer\nname: <b>Again</b>"))
        output_after = _lines_after(log, "given twice", "Reloading browsers", 60)
        assert "Pages NOT updated: the handbook data has 1 problem" in output_after
        assert "Documentation built" not in output_after
        for address in ("roles/trainer/", "", "matrix/", "guide/staff/"):
            _open(page, f"{site}/{address}")
            banner = page.locator(".sb-preview-problems")
            banner.wait_for(timeout=10_000)
            assert banner.get_attribute("role") == "alert"
            assert "competencies/roles/trainer.yml:2:1: 'name' is given twice" in banner.inner_text(), address
            assert banner.locator("b").count() == 0  # problems are text, never markup
        assert "Designs and runs" in serving.get(f"{site}/roles/trainer/")  # the last good page
        role.write_text(good.replace("Designs and runs", "Plans and runs"))
        assert serving.wait_for(f"{site}/roles/trainer/", "Plans and runs", 60) is not None
        _open(page, f"{site}/roles/trainer/")
        page.wait_for_timeout(1000)
        assert page.locator(".sb-preview-problems").count() == 0
    finally:
        page.close()
        server.terminate()
        server.wait(timeout=10)


def test_a_published_build_carries_no_preview_script(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    assert not (build.site / "assets" / "servicebook" / "preview.js").exists()
    assert "preview.js" not in (build.site / "index.html").read_text(encoding="utf-8")


def test_without_a_site_url_workshop_and_poster_pages_say_their_addresses_are_local(
        browser: object, tmp_path: Path) -> None:  # noqa: F811
    project = copy_example(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text("\n".join(line for line in config.read_text().splitlines() if not line.startswith("site_url:")))
    with open(tmp_path / "serve.log", "wb") as output:
        server, site = serving.start(project, output=output)
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        assert serving.wait_for(f"{site}/workshop/", "Workshop links", 90) is not None
        for address in ("workshop/", "posters/customer-focused/"):
            page.goto(f"{site}/{address}")
            note = page.locator(".sb-local-note")
            assert note.is_visible() and "local" in note.inner_text(), address
        page.goto(f"{site}/workshop/")
        assert page.locator(".sb-link").first.inner_text().startswith(site)
        assert page.locator("img.sb-qr-small").count() == 0
    finally:
        page.close()
        server.terminate()
        server.wait(timeout=10)


def test_a_preview_prints_the_published_address_and_qr_code_not_its_own(browser: object, tmp_path: Path) -> None:  # noqa: F811
    project = copy_example(tmp_path / "project")
    with open(tmp_path / "serve.log", "wb") as output:
        server, site = serving.start(project, output=output)
    try:
        assert serving.wait_for(f"{site}/workshop/", "Workshop links", 90) is not None
        workshop = serving.get(f"{site}/workshop/")
        assert "//handbook.riverside-housing.example/roles/" in workshop and "sb-local-note" not in workshop
        assert "127.0.0.1" not in serving.get(f"{site}/assets/servicebook/qr/roles/trainer.svg")
    finally:
        server.terminate()
        server.wait(timeout=10)
