"""The `servicebook` command: thin wrappers over the same functions the plugin calls."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from .link import load_handbook
from .pages import generate
from .problems import DataError, Problem


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="servicebook", description="Work with a servicebook competency framework.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the data exactly as a build does, without building")
    check.add_argument("--data-dir", default="competencies", type=Path, help="the data folder (default: competencies)")
    check.add_argument("--format", choices=["text", "github", "json"], default="text", help="how to print problems")
    render = commands.add_parser("render", help="write the generated pages as Markdown files")
    render.add_argument("--data-dir", default="competencies", type=Path, help="the data folder (default: competencies)")
    render.add_argument("--out", required=True, type=Path, help="the folder to write into (replaced as a whole)")
    render.add_argument("--no-directory-urls", action="store_true",
                        help="write redirects for a site built with use_directory_urls: false")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a command; 0 when all is well, 1 when the data has problems, 2 for a wrong command line."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return _check(args.data_dir, args.format)
        return _render(args.data_dir, args.out, directory_urls=not args.no_directory_urls)
    except DataError as error:
        print(error.report(Path.cwd()), file=sys.stderr)
        return 1


def _check(data_dir: Path, style: str) -> int:
    try:
        load_handbook(data_dir)
    except DataError as error:
        print(_show(error.problems, style))
        return 1
    if style == "json":
        print("[]")
    elif style == "text":
        print(f"{data_dir.as_posix()}: no problems found")
    return 0


def _show(problems: list[Problem], style: str) -> str:
    base = Path.cwd()
    if style == "json":
        return json.dumps([{"file": p.relative_file(base), "line": p.line, "column": p.column,
                            "message": p.message, "hint": p.hint} for p in problems], indent=2, ensure_ascii=False)
    if style == "github":
        return "\n".join(_workflow_command(p, base) for p in problems)
    return DataError(problems).report(base)


def _workflow_command(problem: Problem, base: Path) -> str:
    """GitHub's `::error` line, which puts the problem on the pull request's changed line."""
    def escape(text: str, *, prop: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if prop else text

    message = f"{problem.message} — {problem.hint}" if problem.hint else problem.message
    return (f"::error file={escape(problem.relative_file(base), prop=True)},line={problem.line},"
            f"col={problem.column},title={escape('servicebook check', prop=True)}::{escape(message)}")


MARKER = ".servicebook-render"


def _render(data_dir: Path, out: Path, *, directory_urls: bool) -> int:
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        print(f"servicebook: {out.as_posix()} exists and was not written by 'servicebook render' — "
              "choose a new or empty folder; render replaces the folder it writes", file=sys.stderr)
        return 2
    handbook = load_handbook(data_dir)
    files = generate(handbook, directory_urls=directory_urls)
    # Written aside first and swapped in whole, so a failure never leaves half a folder.
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".servicebook-", dir=out.parent))
    for file in files:
        target = staging / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(file.content, encoding="utf-8", newline="\n")
    (staging / MARKER).write_text("written by servicebook render; the folder is replaced on every run\n")
    if out.exists():
        shutil.rmtree(out)
    staging.rename(out)
    print(f"wrote {len(files)} files to {out.as_posix()}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
