"""The example handbook agrees with itself: what its pages say about the framework is true of its data."""

from __future__ import annotations

import re

from conftest import ROOT
from servicebook.data.link import load_handbook

HANDBOOK = load_handbook(ROOT / "competencies")


def test_the_home_page_claim_about_levels_holds_for_every_competency() -> None:
    home = (ROOT / "content" / "index.md").read_text(encoding="utf-8")
    levels = [level.name for level in HANDBOOK.levels]
    claim = f"at {['two', 'three', 'four', 'five', 'six', 'seven'][len(levels) - 2]} levels from *{levels[0]}* to *{levels[-1]}*"
    assert claim in " ".join(home.split())
    for cid, described in HANDBOOK.behaviours.items():
        assert sorted(described) == list(range(1, len(levels) + 1)), cid


def test_the_handbook_does_not_call_people_what_its_values_say_to_avoid() -> None:
    # "Cases" also names matters ("case work"); "applicants" only ever names people.
    avoided = ["applicants"]
    assert any('"applicants"' in line for value in HANDBOOK.values.values() for line in value.we_avoid)
    for folder in ("content", "competencies"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix not in (".md", ".yml"):
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if any(f'"{word}"' in line for word in avoided):
                    continue  # the value naming the word to avoid
                for word in avoided:
                    assert not re.search(rf"\b{word[:-1]}s?\b", line, re.IGNORECASE), f"{path}:{number}: {word}"


def test_the_staff_groups_of_the_memo_each_have_roles_a_training_path_and_pledges() -> None:
    memo = {"customer-service-leaders", "general-staff", "frontline-staff", "back-office-teams"}
    assert memo <= set(HANDBOOK.groups)
    for gid in sorted(memo):
        assert HANDBOOK.roles_in_group.get(gid) and HANDBOOK.modules_for_group.get(gid), gid
        assert HANDBOOK.pledges_of_group.get(gid), gid
    condensed = [mid for mid in HANDBOOK.modules_for_group["customer-service-leaders"]
                 if HANDBOOK.modules[mid].variant_of == "service-foundations"]
    assert condensed and "service-foundations" not in HANDBOOK.roles["customer-service-leader"].training


def test_using_the_profiles_develops_what_it_teaches() -> None:
    module = HANDBOOK.modules["using-the-profiles"]
    behaviours = [line for cid in module.develops for lines in HANDBOOK.behaviours[cid].values() for line in lines]
    assert any("profile" in line for line in behaviours)


def test_staff_share_in_identifying_improvement_areas() -> None:
    first = HANDBOOK.behaviours["improvement-projects"][1]
    assert any("choose what to improve" in line for line in first)
    for rid in ("frontline-officer", "general-staff"):
        assert any(need.competency == "improvement-projects" for need in HANDBOOK.needs[rid]), rid
