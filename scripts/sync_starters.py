"""Copy the example handbook's data and generic guides into the package, where `servicebook init` finds them.

The example handbook (`competencies/`) is the `housing` starter, and the guides in `content/` are
written for any organisation; the package carries copies so that an installed wheel can start a
new handbook. `tests/test_init.py` fails while a copy differs: run this script, then commit.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ROOT / "plugins" / "servicebook" / "tools"
# Source in this repository → its copy in the package.
COPIES = {
    ROOT / "competencies": TOOLS / "starters" / "housing",
    ROOT / "content" / "guide": TOOLS / "repository" / "content" / "guide",
    ROOT / "content" / "about" / "data-format.md": TOOLS / "repository" / "content" / "about" / "data-format.md",
}


def sync() -> list[Path]:
    for source, copy in COPIES.items():
        if copy.is_dir():
            shutil.rmtree(copy)
        copy.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            # The example's translations are its own: a new organisation starts in one language.
            shutil.copytree(source, copy, ignore=shutil.ignore_patterns(".*", "__pycache__", "translations"))
        else:
            shutil.copyfile(source, copy)
    return list(COPIES.values())


if __name__ == "__main__":
    for path in sync():
        print(f"copied to {path.relative_to(ROOT).as_posix()}")
