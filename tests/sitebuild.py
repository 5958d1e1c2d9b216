"""Real `mkdocs build --strict` runs in a temporary folder, as a person or CI would run them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from conftest import ROOT


@dataclass
class Build:
    returncode: int
    output: str
    site: Path

    def page(self, address: str) -> str:
        return (self.site / address / "index.html").read_text(encoding="utf-8")

    def search_index(self) -> list[dict[str, str]]:
        return json.loads((self.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def copy_example(target: Path) -> Path:
    """The example handbook (config, content, data) copied to `target`."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "content", target / "content")
    shutil.copytree(ROOT / "competencies", target / "competencies")
    return target


def mkdocs_build(project: Path, *args: str, env: dict[str, str] | None = None) -> Build:
    """`mkdocs build --strict` with neither -q nor -v, which hide warnings or skip anchor checks."""
    site = project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", **(env or {})}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site), *args],
                            cwd=project, capture_output=True, text=True, env=env, timeout=300)
    return Build(result.returncode, result.stdout + result.stderr, site)
