"""How long check-in files take: importing a large and a refused one in Chromium, and HR's summary of many.

Run: .venv/bin/python scripts/bench_checkins.py. Builds the example handbook in a temporary folder,
serves it, and prints one line per measurement. Goals: a refused 50 MB file answers at once (the
size is checked before reading); a 4 MB check-in imports in under two seconds; 500 files summarise
in under five seconds.
"""

from __future__ import annotations

import functools
import http.server
import json
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "scripts")]

from playwright.sync_api import sync_playwright  # noqa: E402

from servicebook.data.link import load_handbook  # noqa: E402
from servicebook.tools.checkins import markdown, summarise  # noqa: E402
from sitebuild import copy_example, mkdocs_build  # noqa: E402


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _record(entries: int, note: int, person: str = "Ann") -> dict[str, object]:
    return {"format": "servicebook-checkin", "version": 1, "id": f"bench-{person}", "role": {"id": "frontline-officer"},
            "person": person, "date": "2026-01-01", "outcome": "",
            "entries": [{"competency": "listening-and-empathy", "level": 2, "index": n % 3,
                         "behaviour": f"Behaviour {n}", "self": "sometimes", "self_note": "x" * note}
                        for n in range(entries)]}


def _import_time(page: object, path: Path) -> tuple[float, str]:
    page.evaluate("window.__t = performance.now()")  # type: ignore[attr-defined]
    page.locator("#sb-ci-import").set_input_files(str(path))  # type: ignore[attr-defined]
    page.wait_for_function("document.querySelector('.sb-ci-status').textContent.length > 0")  # type: ignore
    elapsed = page.evaluate("performance.now() - window.__t")  # type: ignore[attr-defined]
    message = page.locator(".sb-ci-status").inner_text()  # type: ignore[attr-defined]
    page.evaluate("document.querySelector('.sb-ci-status').textContent = ''")  # type: ignore[attr-defined]
    return float(elapsed) / 1000, message


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        build = mkdocs_build(copy_example(work / "project"))
        assert build.returncode == 0, build.output
        big = work / "big.checkin.json"
        with big.open("w") as out:
            out.write('{"format": "servicebook-checkin", "version": 1, "outcome": "' + "x" * (50 << 20) + '"}')
        large = work / "large.checkin.json"
        large.write_text(json.dumps(_record(900, 4500)))
        handler = functools.partial(_Quiet, directory=str(build.site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/roles/frontline-officer/")
            page.locator(".sb-ci-start").wait_for()
            for path in (big, large):
                seconds, message = _import_time(page, path)
                print(f"import {path.name} ({path.stat().st_size / 1048576:.1f} MB): {seconds:.3f} s — {message[:90]}")
            browser.close()
        server.shutdown()
        files = []
        for n in range(500):
            path = work / "inbox" / f"p{n}.checkin.json"
            path.parent.mkdir(exist_ok=True)
            path.write_text(json.dumps(_record(13, 200, f"Person {n}")))
            files.append(path)
        handbook = load_handbook(ROOT / "competencies")
        began = time.perf_counter()
        markdown(handbook, summarise(handbook, files), with_names=False)
        print(f"summarise 500 files: {time.perf_counter() - began:.2f} s")


if __name__ == "__main__":
    main()
