"""Growth views: what the next level adds, and the step from a role to the role it reports to."""

from __future__ import annotations

from pathlib import Path

from conftest import write_data
from servicebook.data.link import Handbook, load_handbook
from servicebook.site.growth import Step, growth, next_level
from servicebook.site.pages import generate

LIBRARY = {
    # Described at 1 and 3 only: the step from 1 goes straight to 3.
    "library/listening.yml": "name: Listening\nsummary: s\nlevels:\n  1: [Lets them finish.]\n  3: [Hears what is unsaid.]\n",
    "library/recovery.yml": "name: Recovery\nsummary: s\nlevels:\n  1: [Apologises.]\n  2: [Settles it.]\n"
                            "  3: [Finds the cause.]\n",
    "library/coaching.yml": "name: Coaching\nsummary: s\nlevels:\n  2: [Gives feedback.]\n",
    "library/writing.yml": "name: Writing\nsummary: s\nlevels:\n  1: [Writes plainly.]\n",
}


def _handbook(tmp_path: Path) -> Handbook:
    return load_handbook(write_data(tmp_path / "data", {
        **LIBRARY,
        "roles/frontline.yml": "name: Frontline\nsummary: s\nreports_to: leader\ntraining: [foundations]\n"
                               "competencies:\n  listening: 1\n  recovery: 1\n  writing: 1\n",
        "roles/leader.yml": "name: Leader\nsummary: s\ntraining: [foundations, coaching-course]\n"
                            "competencies:\n  listening: 3\n  recovery: 3\n  coaching: 2\n  writing: 1\n",
        "training/coaching-course.yml": "name: Coaching course\nsummary: s\nformat: coaching\n",
    }))


def test_the_next_level_is_the_next_one_described(tmp_path: Path) -> None:
    handbook = _handbook(tmp_path)
    assert next_level(handbook, "listening", 1) == 3
    assert next_level(handbook, "recovery", 1) == 2
    assert next_level(handbook, "recovery", 3) is None
    assert next_level(handbook, "writing", 1) is None


def test_the_step_up_lists_what_changes_what_is_kept_and_the_training(tmp_path: Path) -> None:
    step = growth(_handbook(tmp_path), "frontline")
    assert step is not None and step.target == "leader"
    assert step.steps == [Step("listening", 1, 3, [3]), Step("recovery", 1, 3, [2, 3]), Step("coaching", None, 2, [2])]
    assert step.kept == [("writing", 1)]
    assert step.training == ["coaching-course"]
    assert growth(_handbook(tmp_path / "again"), "leader") is None


def test_role_pages_show_the_next_level_and_link_their_growth_page(tmp_path: Path) -> None:
    files = {file.path: file for file in generate(_handbook(tmp_path))}
    role = files["roles/frontline.md"].content
    assert ('<details class="sb-next" markdown="0">\n<summary>What the next level, 2 · Practitioner, adds</summary>\n'
            "<ul>\n<li>Settles it.</li>\n</ul>\n</details>") in role
    assert "This is the highest level of Writing that the framework describes." in role
    assert "**Next step:** [Growing into Leader](../growth/frontline.md)<br>" in role
    page = files["growth/frontline.md"]
    assert page.title == "From Frontline to Leader"
    assert "On the way, at 2 · Practitioner:\n\n- Settles it.\n\nExpected at 3 · Expert:\n\n- Finds the cause." in page.content
    assert "**New at this step: 2 · Practitioner.**" in page.content
    assert "- [Writing](../library/writing.md): 1 · Foundation" in page.content
    assert "growth/leader.md" not in files
    assert "[Frontline to Leader](frontline.md) | 3 |" in files["growth/index.md"].content


def test_a_renamed_role_keeps_its_growth_address(tmp_path: Path) -> None:
    handbook = load_handbook(write_data(tmp_path / "data", {
        "roles/frontline.yml": "name: Frontline\nsummary: s\nreports_to: leader\naliases: [counter]\n"
                               "competencies:\n  listening: 1\n"}))
    files = {file.path: file for file in generate(handbook)}
    assert 'location.replace("../frontline/"' in files["growth/counter/index.html"].content
    assert "roles/counter/index.html" in files
