"""The `servicebook` command: thin wrappers over the same functions the plugin calls.

Exit codes: 0 all is well, 1 the data (or the request) has problems, 2 the command line is wrong.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from .. import __version__
from ..data import catalogue, gitdata, quality, translation
from ..data.link import Handbook, load_handbook
from ..data.model import KINDS
from ..data.problems import DataError, Problem
from ..data.review import due_for_review, today
from ..site import messages
from ..site.generated import GeneratedFile
from ..site.pages import generate
from . import changes, checkins, export, importer, init, rename, report, scaffold, schema, site_words, translate

MARKER = ".servicebook-render"
WORDS = [*(kind.word for kind in KINDS.values()), scaffold.GROUP_WORD]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="servicebook", description="Work with a servicebook competency framework.")
    parser.add_argument("--version", action="version", version=f"servicebook {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_, description=help_)
        sub.add_argument("--data-dir", default="competencies", type=Path,
                         help="the data folder (default: competencies)")
        return sub

    check = command("check", "validate the data exactly as a build does, without building")
    check.add_argument("--format", choices=["text", "github", "json"], default="text", help="how to print problems")
    check.add_argument("--strict", action="store_true", help="treat content findings (warnings) as errors")
    check.add_argument("--coverage", action="store_true",
                       help="also print, per role, the modules on its path that develop each competency it needs")
    render = command("render", "write the generated pages as Markdown files")
    render.add_argument("--out", required=True, type=Path, help="the folder to write (replaced as a whole)")
    render.add_argument("--no-directory-urls", action="store_true",
                        help="write redirects for a site built with use_directory_urls: false")
    schemas = commands.add_parser("schema", help="write JSON Schema files for editors")
    schemas.add_argument("--out", default=Path("schemas"), type=Path,
                         help="the folder to write into (default: schemas)")
    new = command("new", "create a new item's file, with every field explained")
    new.add_argument("kind", choices=WORDS, metavar="KIND", help=f"one of: {', '.join(WORDS)}")
    new.add_argument("name", metavar="NAME", help='the new item\'s name, such as "Estate officer"')
    moved = command("rename", "give an item a new id, update every reference and keep the old id as an alias")
    moved.add_argument("kind", choices=WORDS, metavar="KIND", help=f"one of: {', '.join(WORDS)}")
    moved.add_argument("old", metavar="OLD", help="the current id")
    moved.add_argument("new", metavar="NEW", help="the new id")
    moved.add_argument("--force", action="store_true", help="rename even when the files have uncommitted changes")
    out = command("export", "write the whole framework as a workbook, CSV files or one JSON document")
    out.add_argument("--format", choices=["xlsx", "csv", "json"], default="xlsx", help="what to write (default: xlsx)")
    out.add_argument("--out", type=Path, help="the file (or, for csv, the folder) to write")
    into = command("import", "read a workbook or CSV folder in the export's layout back into the YAML files")
    into.add_argument("source", metavar="FILE", type=Path, help="the .xlsx workbook, or the folder of CSV files")
    into.add_argument("--dry-run", action="store_true", help="say what would change, and write nothing")
    diff = command("diff", "say in plain words what changed in the framework between two git revisions")
    diff.add_argument("base", metavar="BASE", help="the revision to compare from, such as main")
    diff.add_argument("head", metavar="HEAD", nargs="?", help="the revision to compare to (default: the working files)")
    checkins.register(commands)
    words = commands.add_parser("translate", help="keep each language's catalogue in step with the framework",
                                description="keep each language's catalogue (translations/<lang>.po) in step")
    actions = words.add_subparsers(dest="action", required=True, metavar="ACTION")
    update = actions.add_parser("update", help="create or refresh one language's catalogue from the data")
    update.add_argument("language", metavar="LANG", help="a BCP 47 language tag, such as zh-Hant or cy")
    update.add_argument("--config", default="mkdocs.yml", type=Path,
                        help="the site's mkdocs.yml, whose own words (site name, nav titles) get a catalogue in "
                             "the docs folder's translations/ (default: mkdocs.yml, when it publishes this data)")
    state = actions.add_parser("status", help="how much of the framework each language translates")
    state.add_argument("--strict", action="store_true", help="fail (exit 1) if any text is missing or stale")
    for action in (update, state):
        action.add_argument("--data-dir", default="competencies", type=Path,
                            help="the data folder (default: competencies)")
    start = commands.add_parser("init", help="start a new handbook repository from a starter framework",
                                description="start a new handbook repository from a starter framework")
    start.add_argument("dir", metavar="DIR", type=Path, nargs="?", help="the new folder (must be new or empty)")
    start.add_argument("--list", action="store_true", help="name the starters, with a line each, and stop")
    start.add_argument("--starter", default="housing", metavar="NAME",
                       help="the framework to start from (default: housing)")
    start.add_argument("--site-name", default=None, help="the handbook's title (asked for when not given)")
    start.add_argument("--organisation", default=None, help="your organisation's name (asked for when not given)")
    start.add_argument("--site-url", default=None, help="the address the handbook will be published at, if known")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handlers = {"check": _check, "render": _render, "schema": _schema, "new": _new, "rename": _rename, "diff": _diff,
                "init": _init, "translate": _translate, "checkins": checkins.run, "export": _export,
                "import": _import}
    try:
        return handlers[args.command](args)
    except DataError as error:
        print(error.report(Path.cwd()), file=sys.stderr)
        return 1
    except importer.ImportError_ as error:
        print(error.report(), file=sys.stderr)
        return 1
    except (scaffold.ScaffoldError, rename.RenameError, gitdata.GitError, init.InitError,
            translate.TranslateError) as error:
        print(f"servicebook {args.command}: {error}", file=sys.stderr)
        return 1


def _check(args: argparse.Namespace) -> int:
    """Errors fail. Warnings fail too, as they stop a strict build; content findings fail under --strict or
    `checks: {content: error}`; reviews due are listed, never a failure."""
    try:
        handbook = load_handbook(args.data_dir)
    except DataError as error:
        print(_show(error.problems, args.format))
        return 1
    translations = catalogue.check_all(args.data_dir, handbook)
    if translations.errors:
        print(_show(translations.errors, args.format))
        return 1
    warnings, due = handbook.warnings, due_for_review(handbook, today())
    found = quality.findings(handbook)
    content_errors = args.strict or quality.as_errors(handbook)
    base = Path.cwd()
    untranslated = translations.warnings  # missing and stale translations: to do, not wrong
    if args.format == "json":
        items = [*_json([(p, "warning") for p in warnings]),
                 *report.findings_json(found, base, errors=content_errors),
                 *_json([(p, "error" if args.strict else "warning") for p in untranslated]),
                 *_json([(p, "notice") for p in due])]
        print(json.dumps(items, indent=2, ensure_ascii=False))
    elif args.format == "github":
        lines = [_workflow_command(p, base, "warning") for p in warnings]
        lines += [report.findings_github(found, base, errors=content_errors)] if found else []
        lines += [_workflow_command(p, base, "error" if args.strict else "warning") for p in untranslated]
        lines += [_workflow_command(p, base, "notice") for p in due]
        if lines:
            print("\n".join(lines))
    else:
        findings = report.findings_text(found, base, errors=content_errors) if found else ""
        print(_plain(args.data_dir, warnings, due, "\n".join(filter(None, [findings, _untranslated(untranslated)]))))
    if args.coverage:
        print(report.coverage_json(handbook) if args.format == "json" else "\n" + report.coverage_text(handbook))
    return 1 if warnings or (content_errors and found) or (args.strict and untranslated) else 0


def _untranslated(problems: list[Problem]) -> str:
    if not problems:
        return ""
    base = Path.cwd()
    lines = [p.format(base) for p in problems]
    lines.append("Translations still to do (the site still builds; 'servicebook check --strict' makes them errors).")
    return "\n".join(lines)


def _plain(data_dir: Path, warnings: list[Problem], due: list[Problem], findings: str) -> str:
    base = Path.cwd()
    lines = [f"{p.format(base)}" for p in warnings]
    if warnings:
        count = len(warnings)
        lines.append(f"{count} warning{'s' if count != 1 else ''}: allowed, but probably not meant; a strict build "
                     "stops on them.")
    if findings:
        lines.append(findings)
    if not warnings and not findings:
        lines.append(f"{data_dir.as_posix()}: no problems found")
    if due:
        lines += [f"{p.format(base)}" for p in due]
        lines.append(f"{len(due)} item{'s are' if len(due) != 1 else ' is'} due for review.")
    return "\n".join(lines)


def _json(problems: list[tuple[Problem, str]]) -> list[dict[str, object]]:
    base = Path.cwd()
    return [{"file": p.relative_file(base), "line": p.line, "column": p.column, "message": p.message,
             "hint": p.hint, "level": level, "severity": level} for p, level in problems]


def _show(problems: list[Problem], style: str) -> str:
    base = Path.cwd()
    if style == "json":
        return json.dumps(_json([(p, "error") for p in problems]), indent=2, ensure_ascii=False)
    if style == "github":
        return "\n".join(_workflow_command(p, base) for p in problems)
    return DataError(problems).report(base)


def _workflow_command(problem: Problem, base: Path, level: str = "error") -> str:
    """GitHub's `::error` (or `::warning`, `::notice`) line, which puts the problem on the pull request's line."""
    def escape(text: str, *, prop: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if prop else text

    message = f"{problem.message} — {problem.hint}" if problem.hint else problem.message
    return (f"::{level} file={escape(problem.relative_file(base), prop=True)},line={problem.line},"
            f"col={problem.column},title={escape('servicebook check', prop=True)}::{escape(message)}")


def _render(args: argparse.Namespace) -> int:
    out: Path = args.out
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        print(f"servicebook render: {out.as_posix()} exists and was not written by 'servicebook render' — "
              "choose a new or empty folder; render replaces the folder it writes", file=sys.stderr)
        return 2
    files = _every_language(load_handbook(args.data_dir), directory_urls=not args.no_directory_urls)
    # Written aside first and swapped in whole, so a failure never leaves half a folder.
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".servicebook-", dir=out.parent))
    for file in files:
        target = staging / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(file.content, bytes):
            target.write_bytes(file.content)
        else:
            target.write_text(file.content, encoding="utf-8", newline="\n")
    (staging / MARKER).write_text("written by servicebook render; the folder is replaced on every run\n")
    if out.exists():
        shutil.rmtree(out)
    staging.rename(out)
    print(f"wrote {len(files)} files to {out.as_posix()}")
    return 0


def _every_language(handbook: Handbook, *, directory_urls: bool) -> list[GeneratedFile]:
    """The pages in the framework's own language, then under `<tag>/` those of each catalogue's language."""
    files = generate(handbook, directory_urls=directory_urls, language=handbook.framework.language or "en")
    for tag, translated in translation.editions(handbook).items():
        files += [replace(file, path=f"{tag}/{file.path}") for file in generate(
            translated, directory_urls=directory_urls, language=tag, messages=messages.load(tag), source=handbook)]
    return files


def _schema(args: argparse.Namespace) -> int:
    for path in schema.write_schemas(args.out):
        print(f"wrote {path.as_posix()}")
    return 0


def _new(args: argparse.Namespace) -> int:
    if args.kind == scaffold.GROUP_WORD:
        id_ = scaffold.create_group(args.data_dir, args.name)
        print(f"added the group '{id_}' to {(args.data_dir / 'framework.yml').as_posix()}: fill in its summary, "
              f"give its roles the line 'group: {id_}', then run servicebook check")
        return 0
    path = scaffold.create(args.data_dir, args.kind, args.name)
    print(f"created {path.as_posix()}: fill in the lines marked TODO, then run servicebook check")
    return 0


def _rename(args: argparse.Namespace) -> int:
    if args.kind == scaffold.GROUP_WORD:
        return _rename_group(args)
    plan = rename.plan(args.data_dir, args.kind, args.old, args.new)
    if not args.force:
        _refuse_uncommitted([plan.source, *plan.texts])
    rename.verify(args.data_dir, plan)
    rename.apply(plan)
    staged = rename.stage(plan)
    others = len(plan.texts) - 1
    print(f"renamed {plan.source.as_posix()} to {plan.target.as_posix()}, updated {others} other "
          f"file{'s' if others != 1 else ''}, and kept '{args.old}' as an alias"
          + ("; the move is staged in git (git add the other files, or commit with -a)" if staged else ""))
    return 0


def _rename_group(args: argparse.Namespace) -> int:
    plan = rename.plan_group(args.data_dir, args.old, args.new)
    if not args.force:
        _refuse_uncommitted(list(plan.texts))
    rename.verify(args.data_dir, plan)
    rename.apply(plan)
    others = len(plan.texts) - 1
    print(f"renamed the group '{args.old}' to '{args.new}' in framework.yml and {others} other "
          f"file{'s' if others != 1 else ''}; its page moves to groups/{args.new}/")
    return 0


def _refuse_uncommitted(paths: list[Path]) -> None:
    """Rename rewrites several files: it must not mix its edits into changes nobody has committed yet."""
    try:
        top = gitdata.repository(paths[0])
    except gitdata.GitError:
        return  # not in git: nothing to protect
    result = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", *map(str, paths)],
                            cwd=top, capture_output=True, text=True, check=False)
    dirty = [line[3:].strip() for line in result.stdout.splitlines() if line.strip()]
    if dirty:
        raise gitdata.GitError(f"{'these files' if len(dirty) > 1 else 'this file'} would change but "
                               f"{'have' if len(dirty) > 1 else 'has'} uncommitted edits: {', '.join(dirty)}",
                               "commit or stash them first, or run again with --force")


def _export(args: argparse.Namespace) -> int:
    for path in export.export(args.data_dir, args.format, args.out):
        print(f"wrote {path.as_posix()}")
    return 0


def _import(args: argparse.Namespace) -> int:
    plan = importer.plan(args.data_dir, args.source)
    if not plan.summary:
        print(f"{args.source.name}: nothing changed")
        return 0
    if not args.dry_run:
        importer.apply(args.data_dir, plan)
    verb = "would change" if args.dry_run else "changed"
    print("\n".join(plan.summary) + f"\n{args.source.name}: {verb} {len(plan.summary)} "
          f"file{'s' if len(plan.summary) != 1 else ''}; run servicebook diff to review the changes")
    return 0


def _diff(args: argparse.Namespace) -> int:
    top = gitdata.repository(args.data_dir.resolve())
    base = gitdata.commit(top, args.base)
    head = gitdata.commit(top, args.head) if args.head else None
    with tempfile.TemporaryDirectory() as scratch:
        before = _handbook_at(top, base, args.data_dir, Path(scratch) / "base")
        if head is None:
            after, folder = load_handbook(args.data_dir, placeholders=False), args.data_dir
        else:
            folder = gitdata.export(top, head, args.data_dir, Path(scratch) / "head")
            if folder is None:
                raise gitdata.GitError(f"{args.data_dir.as_posix()} does not exist at {args.head}",
                                       "compare revisions that hold the data folder")
            after = load_handbook(folder, placeholders=False)
        unfinished = changes.still_to_write(folder)
    text = changes.describe(before, after)
    if text or unfinished:
        print(text or "## What changed in the framework\n", end="")
        print(f"\n{unfinished}" if unfinished else "", end="")
    return 0


def _translate(args: argparse.Namespace) -> int:
    if args.action == "update":
        done = translate.update(args.data_dir, args.language)
        verb = "updated" if done.changed else "left unchanged"
        print(f"{verb} {done.path.as_posix()}: {done.added} new text{'s' if done.added != 1 else ''} to translate, "
              f"{done.stale} stale (marked fuzzy), {done.obsolete} no longer used (kept at the end as #~)")
        site = site_words.update(args.config, args.language) \
            if args.config.is_file() and site_words.publishes(args.config, args.data_dir) else None
        if site is not None:
            print(f"{'updated' if site.changed else 'left unchanged'} {site.path.as_posix()}: the site's own words "
                  f"(site name, navigation titles), {site.added} new to translate")
        return 0
    results = translate.status(args.data_dir)
    if not results:
        print(f"{args.data_dir.as_posix()}: no catalogues yet — start one with: servicebook translate update LANG")
        return 0
    incomplete = False
    for counts, errors in results:
        missing, stale = len(counts.missing), len(counts.stale)
        share = counts.translated * 100 // max(counts.total, 1)
        print(f"{counts.language}: {counts.translated} of {counts.total} texts translated ({share}%), "
              f"{missing} missing, {stale} stale, {len(counts.obsolete)} obsolete")
        if errors:
            print("\n".join(problem.format(Path.cwd()) for problem in errors), file=sys.stderr)
        incomplete = incomplete or bool(errors) or (args.strict and bool(missing or stale))
    return 1 if incomplete else 0


def _init(args: argparse.Namespace) -> int:
    if args.list:
        for starter in init.starters():
            print(f"{starter.name:16} {starter.title}, {starter.organisation}: {starter.summary}")
        return 0
    if args.dir is None:
        print("servicebook init: say which folder to create, such as: servicebook init my-handbook", file=sys.stderr)
        return 2
    answers = init.Answers(args.starter, _ask(args.site_name, "Handbook title"),
                           _ask(args.organisation, "Organisation"), _ask(args.site_url, "Published address (optional)"))
    written = init.write(args.dir, answers)
    where = args.dir.as_posix()
    print(f"created {where} with {len(written)} files from the '{args.starter}' starter.\n"
          f"Next:\n  cd {where}\n  git init && git add . && git commit -m \"Start the handbook\"\n"
          f"  mkdocs serve              # preview at http://127.0.0.1:8000\n"
          f"  servicebook check         # after each edit of the YAML in competencies/")
    return 0


def _ask(given: str | None, question: str) -> str:
    """An option's value, asked for at a terminal; empty (the starter's own) when nobody can answer."""
    if given is not None:
        return given
    if not sys.stdin.isatty():
        return ""
    return input(f"{question} [keep the starter's]: ").strip()


def _handbook_at(top: Path, sha: str, data_dir: Path, target: Path) -> Handbook | None:
    # Placeholders are reported by check and build; here they must not hide what changed.
    folder = gitdata.export(top, sha, data_dir, target)
    return load_handbook(folder, placeholders=False) if folder is not None else None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
