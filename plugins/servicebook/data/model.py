"""The data format as Pydantic models: the one source of truth for fields, limits and their docs.

Shape and single fields are checked here; everything that needs more than one file
(references, levels, repeats, cycles) is checked in `link`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .text import (
    Date,
    Id,
    Language,
    LevelRef,
    Months,
    Name40,
    Name80,
    Number,
    Plain40,
    Plain80,
    Plain120,
    Plain200,
    Plain300,
    Plain500,
    Ref,
    Rich,
)

Behaviours = Annotated[list[Plain500], Field(min_length=1, max_length=12)]


class Item(BaseModel):
    """Strict, frozen and closed: unknown keys are errors, and nothing is ever converted."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True)

    @model_validator(mode="before")
    @classmethod
    def _empty_means_absent(cls, data: Any) -> Any:
        """An optional field left empty (`owner:`) counts as not given, so scaffolds stay valid."""
        if not isinstance(data, dict):
            return data
        return {key: value for key, value in data.items()
                if not (value == "" and key in cls.model_fields and not cls.model_fields[key].is_required())}


class Level(Item):
    """One step of the level scale."""

    name: Name40
    """What the level is called, such as Foundation; unique, ignoring case."""
    summary: Plain300
    """What someone at this level can do, in a sentence."""


class Cluster(Item):
    """A group of related competencies, used to arrange the library and the matrix."""

    id: Id
    """Short id that competencies give as their cluster, such as serving-customers."""
    name: Name80
    """The cluster's heading in the library and the matrix."""
    summary: Plain300 | None = None
    """What the competencies in this cluster have in common."""


class Group(Item):
    """A staff group (1.1): roles that share a profile, training and pledges, such as frontline staff."""

    id: Id
    """Short id that roles give as their group, such as frontline."""
    name: Name80
    """The group's name, such as Frontline staff."""
    summary: Plain300 | None = None
    """Who is in the group, in a sentence."""


class Checks(Item):
    """How strictly the content checks judge this framework (servicebook check reports them)."""

    content: Literal["warning", "error"] = "warning"
    """What a content finding is: warning (reported; the site still builds) or error (check and build fail)."""
    min_behaviours: Annotated[Number, Field(ge=1, le=12)] = 2
    """The fewest behaviours a level of a competency should have: 1 to 12, 2 if not given."""
    vague_words: Annotated[list[Plain40], Field(max_length=100)] = []
    """Words or phrases to report as vague, added to the built-in list (appropriate, effectively, as needed, …)."""


class Framework(Item):
    """framework.yml: the framework as a whole, its level scale and its clusters."""

    title: Plain80
    """The handbook's title."""
    organisation: Plain120
    """The organisation the framework belongs to."""
    summary: Plain300 | None = None
    """What the framework is for, in a sentence or two."""
    levels: Annotated[list[Level], Field(min_length=2, max_length=7)]
    """The level scale, lowest first: 2 to 7 levels. Elsewhere a level is given by its number or its name."""
    clusters: Annotated[list[Cluster], Field(max_length=50)] = []
    """Optional groups of competencies."""
    groups: Annotated[list[Group], Field(max_length=50)] = []
    """Optional staff groups (1.1), each with its own profile, training and pledges."""
    review_every_months: Months | None = None
    """How often items are reviewed (1.1), 1 to 60 months: an older reviewed date is reported as due."""
    language: Language | None = None
    """The language of the text in these files (1.1), as a BCP 47 tag such as en or cy; en when not given."""
    checks: Annotated[Checks | None, Field(title="Checks")] = None
    """Optional settings for the content checks: content, min_behaviours and vague_words."""


class Value(Item):
    """values/<id>.yml: a service value and the behaviours that show it."""

    name: Name80
    """The value's name, such as Customer focused."""
    statement: Plain300
    """The value in one sentence, starting from the customer."""
    description: Rich | None = None
    """Why the value matters here (Markdown)."""
    we_do: Annotated[list[Plain500], Field(min_length=1, max_length=20)]
    """Behaviours that show the value: 1 to 20, each one line."""
    we_avoid: Annotated[list[Plain500], Field(max_length=20)] = []
    """Behaviours that go against the value: up to 20, each one line."""
    owner: Plain120 | None = None
    """Who keeps this value current."""
    reviewed: Date | None = None
    """The date of the last review, as YYYY-MM-DD."""
    aliases: Annotated[list[Id], Field(max_length=20)] = []
    """Earlier ids of this value: their old addresses lead to its page."""


class Competency(Item):
    """library/<id>.yml: a competency and the behaviours that show it at each level."""

    name: Name80
    """The competency's name, such as Listening and empathy."""
    summary: Plain300
    """What the competency is, in a sentence."""
    description: Rich | None = None
    """More about the competency (Markdown)."""
    cluster: Ref | None = None
    """The id of the cluster in framework.yml it belongs to."""
    values: Annotated[list[Ref], Field(max_length=20)] = []
    """Ids of the service values it expresses."""
    levels: Annotated[dict[LevelRef, Behaviours], Field(min_length=1, max_length=7)]
    """Behaviours at each level it describes: a level number or name, then 1 to 12 behaviours."""
    watch_for: Annotated[list[Plain500], Field(max_length=20)] = []
    """Behaviours that show the competency is missing."""
    owner: Plain120 | None = None
    """Who keeps this competency current."""
    reviewed: Date | None = None
    """The date of the last review, as YYYY-MM-DD."""
    aliases: Annotated[list[Id], Field(max_length=20)] = []
    """Earlier ids of this competency: their old addresses lead to its page."""


class Requirement(Item):
    """The level a role needs in one competency, with an optional note."""

    level: LevelRef
    """A level number or name."""
    note: Plain300 | None = None
    """Why this level, or what it means in this role."""

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, data: Any) -> Any:
        """`listening: 2` is short for `listening: {level: 2}`."""
        return {"level": data} if isinstance(data, str) else data


class Role(Item):
    """roles/<id>.yml: a role and its competency profile."""

    name: Name80
    """The role's name, such as Frontline staff."""
    summary: Plain300
    """What people in this role do, in a sentence."""
    description: Rich | None = None
    """More about the role (Markdown)."""
    responsibilities: Annotated[list[Plain500], Field(max_length=50)] = []
    """What the role is responsible for, one line each."""
    competencies: Annotated[dict[Ref, Requirement], Field(min_length=1, max_length=200)]
    """The competency profile: competency id, then the level needed (a number or name, or level: and note:)."""
    training: Annotated[list[Ref], Field(max_length=50)] = []
    """Ids of training modules, in the recommended order."""
    reports_to: Ref | None = None
    """The id of the role this one reports to."""
    group: Ref | None = None
    """The id of the staff group in framework.yml this role belongs to (1.1)."""
    owner: Plain120 | None = None
    """Who keeps this profile current."""
    reviewed: Date | None = None
    """The date of the last review, as YYYY-MM-DD."""
    aliases: Annotated[list[Id], Field(max_length=20)] = []
    """Earlier ids of this role: their old addresses lead to its page."""


TrainingFormat = Literal["workshop", "e-learning", "coaching", "visit", "project", "reading"]


class Training(Item):
    """training/<id>.yml: a training module."""

    name: Name80
    """The module's name."""
    summary: Plain300
    """What the module covers, in a sentence."""
    description: Rich | None = None
    """More about the module (Markdown)."""
    format: TrainingFormat
    """How it is delivered: workshop, e-learning, coaching, visit, project or reading."""
    duration: Plain40 | None = None
    """How long it takes, such as 1 day."""
    develops: Annotated[list[Ref], Field(max_length=100)] = []
    """Ids of the competencies it develops."""
    for_groups: Annotated[list[Ref], Field(max_length=50)] = []
    """Ids of the staff groups the module is meant for (1.1)."""
    requires: Annotated[list[Ref], Field(max_length=20)] = []
    """Ids of the modules to complete first (1.1)."""
    variant_of: Ref | None = None
    """The id of the module this is a shorter or adapted version of (1.1)."""
    provider: Plain120 | None = None
    """Who runs the module (1.1), such as the training centre."""
    owner: Plain120 | None = None
    """Who keeps this module current."""
    reviewed: Date | None = None
    """The date of the last review, as YYYY-MM-DD."""
    aliases: Annotated[list[Id], Field(max_length=20)] = []
    """Earlier ids of this module: their old addresses lead to its page."""


class Measure(Item):
    """How a pledge is measured, and the target."""

    measure: Plain200
    """What is counted, such as Letters answered within 10 working days."""
    target: Plain80
    """The target, exactly as typed, such as 95%."""


class Pledge(Item):
    """pledges/<id>.yml (1.1): a promise published to customers, with how it is measured."""

    name: Name80
    """The pledge's name, such as Answering letters."""
    statement: Plain300
    """The promise in one sentence, as customers read it."""
    description: Rich | None = None
    """More about the pledge (Markdown)."""
    measures: Annotated[list[Measure], Field(min_length=1, max_length=10)] = []
    """How it is measured: 1 to 10 entries, each a measure: and a target:."""
    roles: Annotated[list[Ref], Field(max_length=100)] = []
    """Ids of the roles that deliver it."""
    groups: Annotated[list[Ref], Field(max_length=50)] = []
    """Ids of the staff groups that deliver it."""
    competencies: Annotated[list[Ref], Field(max_length=50)] = []
    """Ids of the competencies that help keep it."""
    owner: Plain120 | None = None
    """Who keeps this pledge current."""
    reviewed: Date | None = None
    """The date of the last review, as YYYY-MM-DD."""
    aliases: Annotated[list[Id], Field(max_length=20)] = []
    """Earlier ids of this pledge: their old addresses lead to its page."""


@dataclass(frozen=True)
class Kind:
    """One kind of item: its folder, its model, what messages call it, and its word on the command line."""

    folder: str
    model: type[Item]
    noun: str
    word: str


KINDS: dict[str, Kind] = {kind.folder: kind for kind in (
    Kind("values", Value, "value", "value"),
    Kind("library", Competency, "competency", "competency"),
    Kind("roles", Role, "role", "role"),
    Kind("training", Training, "training module", "training"),
    Kind("pledges", Pledge, "pledge", "pledge"),
)}

