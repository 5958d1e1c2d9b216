"""How big the search index of a large handbook is, and how soon a phone shows the first search result.

For each size it writes a synthetic framework (scripts/synthetic.py), builds it with `mkdocs build`,
and measures:

- index: the size of search/search_index.json, the file every visitor's browser downloads and
  indexes before search answers;
- sections: the entries in it, which should grow with the items of the framework, not with
  roles × competencies;
- first result: in Chromium with the CPU slowed down four times (as Chrome's DevTools do to stand in
  for a mid-range phone), the time from the home page's load event to the first search result,
  with a word typed as soon as the page has loaded. The median of several page loads.

Usage: python scripts/search_bench.py [--roles 600] [--runs 5] [--throttle 4]
Goals (issue 12): under 2 MB and under 1 s at 600 roles on a 4× throttled CPU.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import project  # noqa: E402
from serving import ENV  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
WORD = "complaint"  # a word of the synthetic frameworks' vocabulary, found on many pages


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def build(roles: int, scratch: Path) -> Path:
    root = project(scratch / f"search-{roles}", roles)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(root / "site")],
                            cwd=root, env=ENV, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"mkdocs build failed: {result.stderr}")
    return root / "site"


def first_result(address: str, runs: int, throttle: float) -> list[float]:
    """Seconds from the load event to the first search result, for `runs` fresh page loads."""
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 390, "height": 844})
            page = context.new_page()
            session = context.new_cdp_session(page)
            session.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
            page.goto(address, wait_until="load")
            page.fill("input.md-search__input", WORD)
            # Material answers the query as soon as its worker has indexed every page. Typing again
            # each few seconds covers a keystroke that arrives before the search box listens.
            shown = page.wait_for_function(
                """() => {
                  if (document.querySelector('.md-search-result__item')) return performance.now();
                  const box = document.querySelector('input.md-search__input');
                  const now = performance.now();
                  if (now - (window.__sbTyped || 0) > 3000) {
                    window.__sbTyped = now;
                    box.dispatchEvent(new Event('input', { bubbles: true }));
                    box.dispatchEvent(new KeyboardEvent('keyup', { bubbles: true, key: 'e' }));
                  }
                  return false;
                }""", timeout=60_000, polling=20).json_value()
            loaded = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
            times.append((float(shown) - float(loaded)) / 1000)
            context.close()
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--roles", type=int, nargs="+", default=[600])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--throttle", type=float, default=4)
    args = parser.parse_args()
    print(f"| roles | index | sections | first result ({args.throttle:g}× slower CPU, median) | slowest |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory(prefix="servicebook-search-") as folder:
        for roles in args.roles:
            site = build(roles, Path(folder))
            index = site / "search" / "search_index.json"
            sections = len(json.loads(index.read_text(encoding="utf-8"))["docs"])
            with served(site) as address:
                times = first_result(address, args.runs, args.throttle)
            print(f"| {roles:,} | {index.stat().st_size / 1e6:.2f} MB | {sections:,} | "
                  f"{statistics.median(times):.2f} s | {max(times):.2f} s |", flush=True)


if __name__ == "__main__":
    main()
