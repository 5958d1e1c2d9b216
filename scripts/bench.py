"""How long the handbook takes to build, against what MkDocs needs for the same pages anyway.

For each size it writes a synthetic framework (scripts/synthetic.py) and measures, as the
median of several runs:

- load: reading, validating and linking the YAML files;
- pages: turning the linked handbook into Markdown;
- build: a full `mkdocs build` with the plugin;
- floor: a plain `mkdocs build` (same theme, same other plugins, no servicebook) of the pages
  that `servicebook render` writes;
- serve: at one size, the time from saving a YAML file to `mkdocs serve --dirty` serving the
  changed page, and whether the search index still holds every page.

Usage: python scripts/bench.py [--roles 100 500 2000] [--runs 3] [--serve-roles 200]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import serving  # noqa: E402
from servicebook.data.link import load_handbook  # noqa: E402
from servicebook.site.pages import generate  # noqa: E402
from serving import ENV  # noqa: E402
from synthetic import write_framework  # noqa: E402

NAV = """nav:
  - Home: index.md
  - Roles: roles/index.md
  - Competency library: library/index.md
  - Service values: values/index.md
  - Training: training/index.md
  - Matrix: matrix.md
"""
COMMON = """theme:
  name: material
  font: false
markdown_extensions:
  - attr_list
  - tables
  - toc:
      permalink: true
"""


@dataclass
class Row:
    roles: int
    pages: int
    load: float
    generate: float
    build: float
    floor: float
    memory_mb: float

    @property
    def ratio(self) -> float:
        return self.build / self.floor

    @property
    def own_share(self) -> float:
        return (self.load + self.generate) / self.build


def project(root: Path, roles: int) -> Path:
    """A handbook project as `make serve` expects one: mkdocs.yml, content/ and the data."""
    write_framework(root / "competencies", roles)
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "content" / "index.md").write_text("# Synthetic handbook\n\nFor benchmarks.\n")
    (root / "mkdocs.yml").write_text(f"site_name: Bench {roles}\ndocs_dir: content\n{COMMON}"
                                     "plugins:\n  - search\n  - servicebook\n" + NAV)
    return root


def floor_project(root: Path, source: Path) -> Path:
    """The same site without the plugin: its pages written by `servicebook render`."""
    subprocess.run([sys.executable, "-m", "servicebook.tools.cli", "render", "--data-dir", str(source / "competencies"),
                    "--out", str(root / "docs")], check=True, capture_output=True, env=ENV)
    shutil.copy(source / "content" / "index.md", root / "docs" / "index.md")
    (root / "mkdocs.yml").write_text(f"site_name: Floor\ndocs_dir: docs\n{COMMON}plugins:\n  - search\n"
                                     "extra_css:\n  - assets/servicebook/servicebook.css\n" + NAV)
    return root


def timed_build(root: Path) -> tuple[float, float]:
    """Seconds and peak memory (MiB) of one `mkdocs build` in its own process."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir",
                                str(root / "site")], cwd=root, env=ENV, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    errors = process.stderr.read() if process.stderr else b""  # read before waiting: a full pipe would block
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"mkdocs build failed in {root}: {errors.decode()}")
    return elapsed, usage.ru_maxrss / 1024


def median(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


def _in_process(root: Path) -> tuple[float, float, int]:
    start = time.perf_counter()
    handbook = load_handbook(root / "competencies")
    loaded = time.perf_counter()
    files = generate(handbook)
    return loaded - start, time.perf_counter() - loaded, sum(file.path.endswith(".md") for file in files)


def _searchable(root: Path) -> int:
    """Generated pages that go into the search index: not those that only repeat other pages."""
    files = generate(load_handbook(root / "competencies"))
    return sum(file.path.endswith(".md") and "search:\n  exclude: true" not in file.content for file in files)


def measure(roles: int, runs: int, scratch: Path) -> Row:
    source = project(scratch / f"plugin-{roles}", roles)
    floor = floor_project(scratch / f"floor-{roles}", source)
    samples = [_in_process(source) for _ in range(runs)]
    builds, floors = [], []
    for run in range(runs):  # interleaved, first one then the other, so that drift affects both alike
        for which in ((source, floor) if run % 2 == 0 else (floor, source)):
            timing = timed_build(which)
            if which is source:
                builds.append(timing)
            else:
                floors.append(timing[0])
    return Row(roles, samples[0][2] + 1, statistics.median(s[0] for s in samples),
               statistics.median(s[1] for s in samples), statistics.median(b[0] for b in builds),
               statistics.median(floors), max(b[1] for b in builds))


def serve_refresh(roles: int, edits: int, scratch: Path) -> tuple[list[float], int, int]:
    """Seconds from saving a role's YAML file to the changed page being served, for several edits;
    and the number of pages in the search index after them, against the number of pages."""
    root = project(scratch / f"serve-{roles}", roles)
    server, site = serving.start(root, "--dirty", "--no-strict")
    times = []
    try:
        if serving.wait_for(f"{site}/roles/role-1/", "Role 1", 600) is None:
            raise SystemExit("mkdocs serve did not start")
        for edit in range(1, edits + 1):
            role = root / "competencies" / "roles" / f"role-{edit}.yml"
            marker = f"Edited{edit}x"
            role.write_text(role.read_text().replace("summary: \"", f"summary: \"{marker} ", 1))
            took = serving.wait_for(f"{site}/roles/role-{edit}/", marker, 60)
            if took is None:
                raise SystemExit(f"the edit to role-{edit} never showed")
            times.append(took)
            time.sleep(1)
        index = json.loads(serving.get(f"{site}/search/search_index.json"))["docs"]
        indexed = len({entry["location"].split("#")[0] for entry in index})
        pages = _searchable(root) + 1  # the generated pages that search indexes, and the home page
        return times, indexed, pages
    finally:
        server.terminate()
        server.wait(timeout=30)


def report(rows: list[Row]) -> str:
    lines = ["| roles | pages | load (s) | pages (s) | build (s) | floor (s) | build / floor | own work "
             "| peak memory |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    lines += [f"| {r.roles:,} | {r.pages:,} | {r.load:.2f} | {r.generate:.2f} | {r.build:.1f} | {r.floor:.1f} | "
              f"{r.ratio:.2f}× | {r.own_share:.1%} | {r.memory_mb:,.0f} MiB |" for r in rows]
    for small, large in zip(rows, rows[1:], strict=False):
        growth = (large.build / small.build) / (large.roles / small.roles)
        lines.append(f"\n{small.roles:,} → {large.roles:,} roles: build time × {large.build / small.build:.2f} "
                     f"for × {large.roles / small.roles:.0f} the roles ({growth:.2f} of linear)")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--roles", type=int, nargs="+", default=[100, 500, 2000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--serve-roles", type=int, default=200, help="0 to skip the serve measurement")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="servicebook-bench-") as folder:
        scratch = Path(folder)
        rows = []
        for roles in args.roles:
            rows.append(measure(roles, args.runs, scratch))
            print(f"measured {roles} roles", file=sys.stderr)
        print(report(rows))
        if args.serve_roles:
            times, indexed, pages = serve_refresh(args.serve_roles, 5, scratch)
            print(f"\nmkdocs serve --dirty at {args.serve_roles} roles: an edited role page is served "
                  f"{statistics.median(times):.2f} s after saving (median of {len(times)}, "
                  f"slowest {max(times):.2f} s); the search index holds {indexed} of the {pages} pages it indexes")
    print(f"\npeak memory of this script: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB")


if __name__ == "__main__":
    main()
