"""What `servicebook check` prints beyond the errors: content findings and the training-coverage report."""

from __future__ import annotations

import json
from pathlib import Path

from ..data.link import Handbook
from ..data.quality import Covered, Finding, coverage


def findings_text(found: list[Finding], base: Path, *, errors: bool) -> str:
    """One line per finding, then a count that says what the findings mean for the build."""
    severity = "error" if errors else "warning"
    lines = [finding.format(base, severity=severity) for finding in found]
    count = len(found)
    noun = f"{count} content {'finding' if count == 1 else 'findings'}"
    if errors:
        lines.append(f"{noun}; this framework treats them as errors, so nothing was published.")
    else:
        lines.append(f"{noun} (warnings: the site still builds; 'servicebook check --strict', or "
                     "checks: {content: error} in framework.yml, makes them errors).")
    return "\n".join(lines)


def findings_json(found: list[Finding], base: Path, *, errors: bool) -> list[dict[str, object]]:
    return [{"file": f.problem.relative_file(base), "line": f.problem.line, "column": f.problem.column,
             "message": f.problem.message, "hint": f.problem.hint, "why": f.why, "rule": f.rule,
             "severity": "error" if errors else "warning"} for f in found]


def findings_github(found: list[Finding], base: Path, *, errors: bool) -> str:
    """GitHub's `::warning` (or `::error`) lines, which put each finding on the pull request's changed line."""
    command = "error" if errors else "warning"

    def escape(text: str, *, prop: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if prop else text

    lines = []
    for finding in found:
        p = finding.problem
        message = f"{p.message} ({finding.why}) — {p.hint}"
        lines.append(f"::{command} file={escape(p.relative_file(base), prop=True)},line={p.line},col={p.column},"
                     f"title={escape('servicebook content check', prop=True)}::{escape(message)}")
    return "\n".join(lines)


def coverage_text(handbook: Handbook) -> str:
    """Per role, each required competency and the modules on the role's path that develop it."""
    lines: list[str] = []
    current = ""
    gaps = 0
    for line in coverage(handbook):
        if line.role != current:
            current = line.role
            role = handbook.roles[line.role]
            path = ", ".join(role.training) or "no training path"
            lines += [""] if lines else []
            lines.append(f"{role.name} ({line.role}) — path: {path}")
        lines.append(_covered(handbook, line))
        gaps += not line.modules
    needs = sum(len(needs) for needs in handbook.needs.values())
    lines += ["", f"{needs - gaps} of {needs} required competencies are developed on the role's path; {gaps} "
              f"{'is' if gaps == 1 else 'are'} not."]
    return "\n".join(lines)


def _covered(handbook: Handbook, line: Covered) -> str:
    name = handbook.competencies[line.competency].name
    head = f"  {name} ({line.competency}) at {handbook.level_label(line.level)}: "
    if line.modules:
        return head + ", ".join(line.modules)
    elsewhere = f" (developed by {', '.join(line.elsewhere)}, which the role does not take)" if line.elsewhere else ""
    return head + "NOT COVERED" + elsewhere


def coverage_json(handbook: Handbook) -> str:
    return json.dumps([{"role": c.role, "competency": c.competency, "level": c.level, "modules": c.modules,
                        "elsewhere": c.elsewhere} for c in coverage(handbook)], indent=2, ensure_ascii=False)
