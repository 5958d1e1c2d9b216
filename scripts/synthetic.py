"""Synthetic frameworks in the data format, of any size, for benchmarks and scale tests.

Seeded and deterministic: the same size and seed always give the same bytes. The text
lengths follow the example handbook (summaries of one or two sentences, behaviours of one
sentence), so page sizes are those of a real handbook.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

WORDS = ("customer service team request answer complaint record follow check explain option "
         "resident tenant repair visit phone counter estate housing payment account notice "
         "colleague supervisor feedback improve listen agree share update clear promise time "
         "need help support plan review learn coach training standard value respect open fair "
         "quick accurate kind patient simple useful local digital letter email case outcome").split()
LEVELS = ("Foundation", "Practitioner", "Advanced", "Expert")
FORMATS = ("workshop", "e-learning", "coaching", "visit", "project", "reading")


def sizes(roles: int) -> dict[str, int]:
    """How many of each kind a framework with `roles` roles has, as in a large public service."""
    competencies = max(12, roles // 4)
    return {"roles": roles, "competencies": competencies, "clusters": max(3, competencies // 12),
            "values": 6, "modules": max(5, roles // 10)}


class _Writer:
    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)

    def sentence(self, low: int, high: int) -> str:
        words = self.random.choices(WORDS, k=self.random.randint(low, high))
        return " ".join(words).capitalize() + "."

    def sentences(self, count: int, low: int, high: int) -> list[str]:
        return [self.sentence(low, high) for _ in range(count)]


def _q(text: str) -> str:
    return json.dumps(text)


def _list(items: list[str], indent: str = "  ") -> str:
    return "".join(f"{indent}- {_q(item)}\n" for item in items)


def write_framework(root: Path, roles: int, seed: int = 1) -> dict[str, int]:
    """Write a valid framework with `roles` roles into `root`; returns how many of each kind."""
    count = sizes(roles)
    w = _Writer(seed)
    for folder in ("values", "library", "roles", "training"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    clusters = [f"cluster-{n}" for n in range(1, count["clusters"] + 1)]
    (root / "framework.yml").write_text(
        f"title: Synthetic handbook\norganisation: Synthetic Service {roles}\nlevels:\n"
        + "".join(f"  - name: {name}\n    summary: {_q(w.sentence(8, 16))}\n" for name in LEVELS)
        + "clusters:\n"
        + "".join(f"  - id: {cid}\n    name: Cluster {cid[8:]}\n    summary: {_q(w.sentence(8, 16))}\n"
                  for cid in clusters), encoding="utf-8")
    values = [f"value-{n}" for n in range(1, count["values"] + 1)]
    for vid in values:
        (root / "values" / f"{vid}.yml").write_text(
            f"name: Value {vid[6:]}\nstatement: {_q(w.sentence(6, 12))}\n"
            f"we_do:\n{_list(w.sentences(4, 8, 16))}we_avoid:\n{_list(w.sentences(2, 8, 16))}", encoding="utf-8")
    competencies = [f"competency-{n}" for n in range(1, count["competencies"] + 1)]
    for index, cid in enumerate(competencies):
        described = "".join(f"  {number}:\n{_list(w.sentences(w.random.randint(3, 5), 8, 22), '    ')}"
                            for number in range(1, len(LEVELS) + 1))
        (root / "library" / f"{cid}.yml").write_text(
            f"name: Competency {cid[11:]}\nsummary: {_q(w.sentence(10, 24))}\n"
            f"description: {_q(' '.join(w.sentences(3, 10, 20)))}\ncluster: {clusters[index % len(clusters)]}\n"
            f"values: [{', '.join(w.random.sample(values, 2))}]\nlevels:\n{described}"
            f"watch_for:\n{_list(w.sentences(2, 8, 16))}", encoding="utf-8")
    modules = [f"module-{n}" for n in range(1, count["modules"] + 1)]
    for mid in modules:
        (root / "training" / f"{mid}.yml").write_text(
            f"name: Module {mid[7:]}\nsummary: {_q(w.sentence(10, 24))}\n"
            f"format: {w.random.choice(FORMATS)}\nduration: 1 day\n"
            f"develops: [{', '.join(w.random.sample(competencies, 3))}]\n", encoding="utf-8")
    for n in range(1, roles + 1):
        needs = w.random.sample(competencies, min(len(competencies), w.random.randint(8, 14)))
        profile = "".join(f"  {cid}: {w.random.randint(1, len(LEVELS))}\n" for cid in needs)
        boss = f"reports_to: role-{w.random.randint(1, n - 1)}\n" if n > 1 else ""
        (root / "roles" / f"role-{n}.yml").write_text(
            f"name: Role {n}\nsummary: {_q(w.sentence(12, 30))}\n"
            f"responsibilities:\n{_list(w.sentences(w.random.randint(4, 6), 8, 18))}"
            f"competencies:\n{profile}training: [{', '.join(w.random.sample(modules, 3))}]\n{boss}"
            f"owner: Customer Service Section\n", encoding="utf-8")
    return count
