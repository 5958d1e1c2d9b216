"""What a second language costs: a build of N languages against N times a one-language build.

Issue 16's goal: no more than N times a one-language build, plus 10 %. It writes a synthetic
framework (scripts/synthetic.py), builds it in one language, then gives it a complete catalogue
in a second language (every text in made-up Chinese, so that jieba segments as much text as a
real translation) and builds both languages; each the median of several runs, each run a whole
`mkdocs build` in its own process.

Usage: python scripts/bench_languages.py [--roles 600] [--runs 3]
"""

from __future__ import annotations

import argparse
import hashlib
import re
import statistics
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po, write_po

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import project, timed_build  # noqa: E402
from servicebook.tools import translate  # noqa: E402

LANGUAGE = "zh-Hant"


def made_up(text: str) -> str:
    """Each word as two Han characters, the same for the same word: text of a real translation's length."""
    def word(match: re.Match[str]) -> str:
        digest = hashlib.sha256(match.group(0).lower().encode()).digest()
        return "".join(chr(0x4E00 + int.from_bytes(digest[i:i + 2], "big") % 0x5000) for i in (0, 2))
    return re.sub(r"[A-Za-z]+", word, text)


def translate_everything(data: Path) -> int:
    translate.update(data, LANGUAGE)
    path = data / "translations" / f"{LANGUAGE}.po"
    with path.open("rb") as file:
        catalog = read_po(file)
    for message in catalog:
        if message.id:
            message.string = made_up(str(message.id))
    with path.open("wb") as file:
        write_po(file, catalog, width=0)
    return len(catalog)


def set_languages(root: Path, setting: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "  - servicebook\n", f"  - servicebook:\n      languages: {setting}\n")
    config.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--roles", type=int, default=600)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="servicebook-languages-") as folder:
        one = project(Path(folder) / "one", args.roles)
        texts = translate_everything(one / "competencies")
        set_languages(one, "[]")
        two = project(Path(folder) / "two", args.roles)
        translate_everything(two / "competencies")
        set_languages(two, f"[{LANGUAGE}]")
        single = statistics.median(timed_build(one)[0] for _ in range(args.runs))
        double = statistics.median(timed_build(two)[0] for _ in range(args.runs))
        pages = sum(1 for _ in (two / "site").rglob("*.html"))
    allowed = 2 * single * 1.10
    print(f"{args.roles} roles, {texts} texts translated, {pages} HTML files in both languages; median of {args.runs}")
    print(f"one language:  {single:.1f} s")
    print(f"two languages: {double:.1f} s = {double / single:.2f} × one language "
          f"(goal: at most 2 × + 10 % = {allowed:.1f} s: {'met' if double <= allowed else 'NOT met'})")


if __name__ == "__main__":
    main()
