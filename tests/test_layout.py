"""The package's folders follow the pipeline, and imports run one way along it.

data ← site ← tools, mkdocs: `data` reads the framework, `site` writes pages from it, `tools`
(HR's commands) and `mkdocs` (the adapter) use both. Only `mkdocs/` may import MkDocs or
Material, so another builder can take over by replacing that one folder.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "plugins" / "servicebook"
STAGES = ("data", "site", "tools", "mkdocs")
ALLOWED = {"data": {"data"}, "site": {"data", "site"}, "tools": {"data", "site", "tools"},
           "mkdocs": {"data", "site", "mkdocs"}}
BUILDERS = ("mkdocs", "material")


def imports_of(path: Path, root: Path) -> list[tuple[int, str]]:
    """Every import of a module as (line, absolute dotted name), relative imports resolved."""
    package = path.relative_to(root.parent).parts[:-1]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1]) if node.level else ""
            name = ".".join(part for part in (base, node.module or "") if part)
            found += [(node.lineno, f"{name}.{alias.name}" if not node.module else name) for alias in node.names]
    return found


def violations(root: Path = PACKAGE) -> list[str]:
    """Imports that run against the pipeline, or reach a builder from outside the adapter."""
    found = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        stage = parts[0] if len(parts) > 1 else None
        for line, name in imports_of(path, root):
            where = f"{path.relative_to(root.parent)}:{line}: imports {name}"
            top = name.split(".")
            if top[0] in BUILDERS and stage != "mkdocs":
                found.append(f"{where} (only servicebook/mkdocs/ may import MkDocs or Material)")
            elif top[0] == "servicebook" and len(top) > 1 and top[1] in STAGES and stage is not None \
                    and top[1] not in ALLOWED[stage]:
                found.append(f"{where} ({stage}/ may use only {', '.join(sorted(ALLOWED[stage]))})")
    return found


def test_every_module_lives_in_a_stage() -> None:
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert loose == []
    assert sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__") == sorted(STAGES)


def test_imports_run_one_way() -> None:
    assert violations() == []


@pytest.mark.parametrize(("stage", "line", "expected"), [
    ("data", "from ..site.pages import generate", "data/ may use only data"),
    ("data", "from servicebook.tools import cli", "data/ may use only data"),
    ("site", "from ..tools.cli import main", "site/ may use only data, site"),
    ("site", "from ..mkdocs.plugin import ServicebookPlugin", "site/ may use only data, site"),
    ("tools", "from ..mkdocs import plugin", "tools/ may use only data, site, tools"),
    ("mkdocs", "from ..tools.cli import main", "mkdocs/ may use only data, mkdocs, site"),
    ("site", "import mkdocs.plugins", "only servicebook/mkdocs/ may import MkDocs or Material"),
    ("tools", "from material.plugins import tags", "only servicebook/mkdocs/ may import MkDocs or Material"),
])
def test_a_wrong_way_import_is_found(tmp_path: Path, stage: str, line: str, expected: str) -> None:
    root = tmp_path / "servicebook"
    for name in STAGES:
        (root / name).mkdir(parents=True)
        (root / name / "__init__.py").write_text("")
    (root / stage / "wrong.py").write_text(f"from __future__ import annotations\n\n{line}\n")
    assert [v.split(" (", 1)[1] for v in violations(root)] == [expected + ")"]
    assert violations(root)[0].startswith(f"servicebook/{stage}/wrong.py:3: imports ")


def test_the_adapter_may_import_mkdocs(tmp_path: Path) -> None:
    root = tmp_path / "servicebook"
    (root / "mkdocs").mkdir(parents=True)
    (root / "mkdocs" / "plugin.py").write_text("from mkdocs.plugins import BasePlugin\nfrom ..site import pages\n")
    assert violations(root) == []
