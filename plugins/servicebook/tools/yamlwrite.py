"""Writing records back as YAML: new files in the style of `servicebook new`, and field-level edits
that leave every byte outside a changed field as it was (comments, order, quoting, blank lines).
"""

from __future__ import annotations

import json
import re
import textwrap
from typing import Any

from pydantic import BaseModel

from ..data.located import Document, Loc, value_at
from ..data.tables import Record, shapes

_PLAIN = re.compile(r"[A-Za-z0-9][^\n]*")
_UNSAFE = re.compile(r": |\s#|^[-?:,\[\]{}#&*!|>'\"%@`]|[\s:]$|^\s")
_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"}


def scalar(text: str, indent: int = 0) -> str:
    """A text as a YAML scalar that reads back as exactly that text: plain where safe, else quoted."""
    if "\n" in text:
        if not text.startswith((" ", "\n")) and "\t" not in text and not re.search(r" \n|\n\n\n", text):
            body = text[:-1] if text.endswith("\n") else text
            if not body.endswith("\n"):
                pad = " " * (indent + 2)
                marker = "|" if text.endswith("\n") else "|-"
                return marker + "".join(f"\n{pad}{line}" if line else "\n" for line in body.split("\n"))
        return json.dumps(text, ensure_ascii=False)
    if _PLAIN.fullmatch(text) and not _UNSAFE.search(text) and text.lower() not in _WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def field_text(name: str, value: Any, form: str, model: type[BaseModel] | None = None, *, block: bool = False) -> str:
    """`name: value` for one top-level field, with no final line break; `block` writes a list of ids one a line."""
    if form == "scalar":
        return f"{name}:" if value is None else f"{name}: {scalar(str(value))}"
    if form == "ids":
        if block and value:
            return f"{name}:" + "".join(f"\n  - {id_}" for id_ in value)
        return f"{name}: [{', '.join(value)}]"
    if form == "texts":
        return f"{name}: []" if not value else f"{name}:" + "".join(f"\n  - {scalar(line, 2)}" for line in value)
    if form == "levels":
        lines = [f"{name}:"]
        for key, behaviours in value.items():
            lines.append(f"  {scalar(key)}:")
            lines += [f"    - {scalar(line, 4)}" for line in behaviours]
        return "\n".join(lines)
    if form == "requirements":
        lines = [f"{name}:"]
        for cid, need in value.items():
            if need.get("note") is None:
                lines.append(f"  {cid}: {scalar(need.get('level') or '')}")
            else:
                lines += [f"  {cid}:", f"    level: {scalar(need.get('level') or '')}",
                          f"    note: {scalar(need['note'], 4)}"]
        return "\n".join(lines)
    if form == "models" and model is not None:
        if not value:
            return f"{name}: []"
        lines = [f"{name}:"]
        for record in value:
            first = True
            for shape in shapes(model):
                if record.get(shape.name) is None:
                    continue
                lines.append(f"  {'- ' if first else '  '}{shape.name}: {scalar(str(record[shape.name]), 4)}")
                first = False
        return "\n".join(lines)
    raise ValueError(form)  # pragma: no cover - every form written is handled above


def new_file(model: type[BaseModel], noun: str, record: Record) -> str:
    """A new item's file, laid out as `servicebook new` lays it out: each field with its comment."""
    lines = [f"# A {noun}. Fields left empty are optional; lines starting with # are comments.", ""]
    for shape in shapes(model):
        if shape.name not in record and shape.form == "other":
            continue
        info = model.model_fields[shape.name]
        lines += [f"# {line}" for line in textwrap.wrap(info.description or "", 96)]
        value = record.get(shape.name)
        if shape.form in ("ids", "texts", "models") and not value:
            lines.append(f"{shape.name}: []")
        elif shape.form in ("levels", "requirements") and not value:
            lines.append(f"{shape.name}:")
        else:
            lines.append(field_text(shape.name, value, shape.form, shape.model))
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


# -- editing in place -----------------------------------------------------------------------------

class Editor:
    """Collects replacements in one file's text; applied from the end so that offsets stay true."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.text = document.text
        self.edits: list[tuple[int, int, str]] = []

    def replace_value(self, loc: Loc, value: str, indent: int) -> bool:
        """Replace one scalar where it is written; False when it is not a plain scalar here."""
        span = self.document.spans.get(loc)
        if span is None or isinstance(value_at(self.document.data, loc), (dict, list)):
            return False
        self.edits.append((span[0], _trim(self.text, span[1]), scalar(value, indent)))
        return True

    def replace_field(self, name: str, rendered: str) -> None:
        """Replace a top-level field from its key to the end of its value's last line."""
        start = self.document.key_spans[(name,)][0]
        start = self.text.rfind("\n", 0, start) + 1
        end = max([_trim(self.text, span[1]) for loc, span in self.document.spans.items() if loc[:1] == (name,)]
                  + [self.document.key_spans[(name,)][1]])
        line_end = self.text.find("\n", end)
        line_end = len(self.text) if line_end < 0 else line_end
        line_end -= 1 if self.text[line_end - 1 : line_end] == "\r" else 0
        # A comment after the value stays where it is; anything else to the end of the line is replaced.
        if not self.text[end:line_end].strip().startswith("#"):
            end = line_end
        self.edits.append((start, end, rendered))

    def remove_field(self, name: str) -> None:
        self.replace_field(name, "\0")

    def append_field(self, rendered: str) -> None:
        ending = "" if self.text.endswith("\n") or not self.text else "\n"
        self.edits.append((len(self.text), len(self.text), f"{ending}{rendered}\n"))

    def result(self) -> str:
        text = self.text
        newline = "\r\n" if "\r\n" in text else "\n"
        for start, end, new in sorted(self.edits, key=lambda e: e[0], reverse=True):
            new = new.replace("\n", newline) if newline != "\n" else new
            if new == "\0":
                after = end + len(newline) if text[end : end + len(newline)] == newline else end
                text = text[:start] + text[after:]
            else:
                text = text[:start] + new + text[end:]
        return text


def _trim(text: str, end: int) -> int:
    """A block's end mark may sit at the start of the next line: bring it back to the end of its own."""
    while end > 0 and text[end - 1] in "\r\n":
        end -= 1
    return end


