"""Generated input, not a few examples: random valid frameworks always build with every behaviour shown;
random damage to valid files gives located problems, never a traceback, a hang or a partial result."""

from __future__ import annotations

import json
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from servicebook.data.link import load_handbook
from servicebook.data.markup import escape_plain
from servicebook.data.problems import DataError
from servicebook.site.pages import generate

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Any text YAML can hold (no control, unassigned or non-characters) that the format allows: with
# the signs that mean something to Markdown, HTML, YAML and Jinja.
ALPHABET = st.characters(blacklist_categories=("Cc", "Cs", "Cn", "Zl", "Zp"),
                         blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
TEXT = st.text(ALPHABET, min_size=1, max_size=60).filter(lambda t: t.strip() != "")
NAME = TEXT.filter(lambda t: "<" not in t and ">" not in t)
LEVEL_NAME = NAME.filter(lambda t: len(t) <= 40 and not t.strip().isdigit())  # a level's name has at most 40
IDS = st.from_regex(r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,4}){0,2}", fullmatch=True).filter(
    lambda i: i not in {"index", "con", "prn", "aux", "nul"} and not (i[:3] in ("com", "lpt") and i[3:].isdigit()))


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """A hang is a failure: stop after `seconds` (a bound against hangs, not a speed goal)."""
    def stop(signum: int, frame: Any) -> None:
        raise TimeoutError(f"took longer than {seconds} s")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _yaml(value: Any, indent: int = 0) -> str:
    """YAML written the way a careful person would, with every scalar double-quoted."""
    pad = " " * indent
    if isinstance(value, dict):
        return "".join(f"{pad}{_scalar(key)}:" + (f"\n{_yaml(item, indent + 2)}" if isinstance(item, (dict, list))
                                                      and item else f" {_scalar(item)}\n")
                       for key, item in value.items())
    return "".join(f"{pad}- " + (f"\n{_yaml(item, indent + 2)}" if isinstance(item, (dict, list)) and item
                                 else f"{_scalar(item)}\n") for item in value)


def _scalar(value: Any) -> str:
    return "[]" if value == [] else json.dumps(value, ensure_ascii=False)


@st.composite
def frameworks(draw: st.DrawFn) -> dict[str, Any]:
    """A valid framework: unique names and ids, references that exist, levels that are described."""
    level_names = draw(st.lists(LEVEL_NAME, min_size=2, max_size=7,
                                unique_by=lambda t: t.strip().casefold()))
    values = draw(st.lists(IDS, max_size=4, unique=True))
    competencies = draw(st.lists(IDS, min_size=1, max_size=5, unique=True))
    roles = draw(st.lists(IDS, min_size=1, max_size=5, unique=True))
    modules = draw(st.lists(IDS, max_size=3, unique=True))
    files: dict[str, Any] = {"framework.yml": {
        "title": draw(TEXT), "organisation": draw(TEXT),
        "levels": [{"name": name, "summary": draw(TEXT)} for name in level_names]}}
    for vid in values:
        files[f"values/{vid}.yml"] = {"name": draw(NAME), "statement": draw(TEXT),
                                      "we_do": draw(st.lists(TEXT, min_size=1, max_size=3))}
    described: dict[str, list[int]] = {}
    for cid in competencies:
        numbers = draw(st.lists(st.integers(1, len(level_names)), min_size=1, max_size=3, unique=True))
        described[cid] = numbers
        files[f"library/{cid}.yml"] = {
            "name": draw(NAME), "summary": draw(TEXT),
            "values": draw(st.lists(st.sampled_from(values), unique=True)) if values else [],
            "levels": {str(n) if draw(st.booleans()) else _other_case(level_names[n - 1]): draw(
                st.lists(TEXT, min_size=1, max_size=3)) for n in numbers}}
    for index, rid in enumerate(roles):
        needed = draw(st.lists(st.sampled_from(competencies), min_size=1, unique=True))
        role: dict[str, Any] = {"name": draw(NAME), "summary": draw(TEXT),
                                "competencies": {cid: str(draw(st.sampled_from(described[cid]))) for cid in needed},
                                "responsibilities": draw(st.lists(TEXT, max_size=2))}
        if modules:
            role["training"] = draw(st.lists(st.sampled_from(modules), unique=True))
        if index:
            role["reports_to"] = draw(st.sampled_from(roles[:index]))  # earlier roles only: never a cycle
        files[f"roles/{rid}.yml"] = role
    for mid in modules:
        files[f"training/{mid}.yml"] = {"name": draw(NAME), "summary": draw(TEXT), "format": "workshop",
                                        "develops": draw(st.lists(st.sampled_from(competencies), unique=True))}
    return files


def _other_case(name: str) -> str:
    """The name as someone might type it in another case, where Unicode says that is the same name."""
    swapped = name.swapcase()
    return swapped if swapped.casefold() == name.casefold() else name


def _write(root: Path, files: dict[str, Any]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_yaml(content), encoding="utf-8")


@SETTINGS
@given(frameworks())
def test_random_valid_frameworks_build_with_every_behaviour(files: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as scratch, time_limit(30):
        root = Path(scratch)
        _write(root, files)
        pages = {page.path: page.content for page in generate(load_handbook(root))}
    for name, content in files.items():
        if name.startswith("library/"):
            page = pages[name.replace(".yml", ".md")]
            for behaviours in content["levels"].values():
                for behaviour in behaviours:
                    assert escape_plain(behaviour) in page
        if name.startswith("values/"):
            assert all(escape_plain(b) in pages[name.replace(".yml", ".md")] for b in content["we_do"])


EXAMPLE = sorted((ROOT / "competencies").rglob("*.yml"))


@st.composite
def damaged(draw: st.DrawFn) -> tuple[Path, bytes]:
    """One example file, damaged the way edits and merges damage files."""
    path = draw(st.sampled_from(EXAMPLE))
    data = path.read_bytes()
    lines = data.split(b"\n")
    how = draw(st.sampled_from(["delete", "swap", "truncate", "bytes", "indent", "retype", "insert"]))
    at = draw(st.integers(0, max(len(lines) - 1, 0)))
    if how == "delete":
        del lines[at]
    elif how == "swap":
        other = draw(st.integers(0, len(lines) - 1))
        lines[at], lines[other] = lines[other], lines[at]
    elif how == "truncate":
        return path, data[: draw(st.integers(0, len(data)))]
    elif how == "bytes":
        cut = draw(st.integers(0, len(data)))
        return path, data[:cut] + draw(st.binary(min_size=1, max_size=8)) + data[cut:]
    elif how == "indent":
        lines[at] = b" " * draw(st.integers(1, 5)) + lines[at]
    elif how == "retype":
        lines[at] = lines[at].replace(b": ", draw(st.sampled_from([b": [", b": {", b": - ", b":\n  - ", b": !!str "])), 1)
    else:
        lines.insert(at, draw(st.sampled_from([b"x: y", b"- a", b"  - [b]", b"{", b"? a", b"levels: 5", b"&a b: *a",
                                              b"aliases: [index]", b"reports_to: trainer", b"name: Team #1"])))
    return path, b"\n".join(lines)


@SETTINGS
@given(damaged())
def test_damaged_files_give_located_problems_never_a_traceback(damage: tuple[Path, bytes]) -> None:
    original, content = damage
    with tempfile.TemporaryDirectory() as scratch, time_limit(30):
        root = Path(scratch) / "competencies"
        for path in EXAMPLE:
            target = root / path.relative_to(ROOT / "competencies")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content if path == original else path.read_bytes())
        try:
            generate(load_handbook(root))
        except DataError as error:
            assert error.problems
            for problem in error.problems:
                assert problem.file.is_relative_to(root) and problem.line >= 1 and problem.column >= 1
                assert problem.message and problem.hint
