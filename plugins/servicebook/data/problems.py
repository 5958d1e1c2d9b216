"""Problems found in the data: collected as values, shown together, never raised one by one."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one place, in words an HR reviewer understands.

    Lines and columns count from 1, as editors and GitHub show them.
    """

    file: Path
    line: int
    column: int
    message: str
    hint: str = ""

    def relative_file(self, base: Path | None) -> str:
        """The file as the reader knows it: relative to mkdocs.yml where possible."""
        if base is None:
            return self.file.as_posix()
        try:
            return Path(os.path.relpath(self.file, base)).as_posix()
        except ValueError:  # another drive on Windows
            return self.file.as_posix()

    def format(self, base: Path | None = None) -> str:
        """`path:line:col: what is wrong — how to fix it`, the shape editors make clickable."""
        text = f"{self.relative_file(base)}:{self.line}:{self.column}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text


class DataError(Exception):
    """Raised once, with every problem of a load, when the data cannot be published."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(f"{len(self.problems)} problem(s) in the handbook data")

    def report(self, base: Path | None = None) -> str:
        """All problems, one a line, then a count: the text a build log or terminal shows."""
        lines = [problem.format(base) for problem in self.problems]
        count = len(self.problems)
        lines.append(f"{count} problem{'s' if count != 1 else ''} found; nothing was published.")
        return "\n".join(lines)
