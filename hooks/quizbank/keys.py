"""How a question type declares its YAML keys, and the readers the types share.

A type's class declares each key as a field, `key(READER)`: the bank format reads the key's value
with the reader (which appends every problem to the `nodes.NodeReader` it is given, located), the
keys a type accepts and requires come from these declarations, and `quizzes/schema.json` is
generated from each reader's `schema` (`python -m quizbank schema`). A reader only one type needs
lives in that type's module; the ones here are shared.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field
from typing import Any

import yaml

from .nodes import Entry, NodeReader, line_of

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
NO_CODE_BLOCK = {"not": {"type": "string", "pattern": "```|~~~"}}


@dataclass(frozen=True)
class KeyReader:
    """How a key's YAML value is read (`read`), and what JSON Schema says of the value (`schema`).

    `read(reader, entry, key)` appends its problems to the reader and returns the value; `defs`
    are the schema definitions `schema` refers to (`#/$defs/<name>`), each with the same name
    wherever it is defined.
    """

    read: Callable[[NodeReader, Entry, str], Any]
    schema: dict[str, Any]
    defs: dict[str, dict[str, Any]] = field(default_factory=dict)


def key(reader: KeyReader, *, default: Any = MISSING, doc: str = "", schema: dict[str, Any] | None = None) -> Any:
    """Declare a YAML key of a question type; without a default, the key is required.

    `doc` is its description in the schema (what an editor shows); `schema` adds to the reader's
    schema what this type alone asks of the value (e.g. exactly one right option).
    """
    return field(default=default, metadata={"reader": reader, "doc": doc, "schema": schema or {}})


# ── Shared values ───────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Pool:
    """The idea a question is one variant of: each student sees `draw` of the pool's variants."""

    id: str
    draw: int = 1
    line: int = field(default=0, compare=False)


# ── Shared readers ──────────────────────────────────────────────────────────────────────────

TEXT_DEFS: dict[str, dict[str, Any]] = {
    "text": {
        "type": ["string", "number", "boolean"],
        "pattern": "\\S",
        "description": "Markdown. Any scalar is kept exactly as written (Yes, 0.10, on).",
    },
}
PARAGRAPH_DEFS: dict[str, dict[str, Any]] = {
    "paragraph": {
        "type": ["string", "number", "boolean"],
        "pattern": "\\S",
        "not": {"type": "string", "pattern": "\\n[ \\t]*\\n[ \\t]*\\S"},
        "description": "Markdown, one paragraph",
    },
}
SLUG_DEFS: dict[str, dict[str, Any]] = {"slug": {"type": "string", "pattern": SLUG.pattern}}


def one_paragraph(r: NodeReader, node: yaml.Node, key: str, what: str) -> str:
    """A text of one paragraph without code blocks (an option, a hint, an item); a problem otherwise."""
    text = r.text(node, key)
    if PARAGRAPH_BREAK.search(text.strip()) or "```" in text or "~~~" in text:
        r.problem(node, f"{what} must be one paragraph without code blocks.", "shorten it to one paragraph.")
    return text


def _text(r: NodeReader, entry: Entry, key: str) -> str:
    return r.text(entry.value, key)


def _boolean(r: NodeReader, entry: Entry, key: str) -> bool | None:
    return r.boolean(entry.value, key)


def _text_list(r: NodeReader, entry: Entry, key: str) -> tuple[str, ...]:
    return r.text_list(entry.value, key)


def _paragraphs(r: NodeReader, entry: Entry, key: str) -> tuple[str, ...]:
    """A list of one-paragraph Markdown texts (hints)."""
    items = r.sequence(entry.value, key, f"write each item on its own line starting with '- ' under '{key}:'.")
    out = []
    for item in items:
        text = r.text(item, key)
        if PARAGRAPH_BREAK.search(text.strip()) or "```" in text or "~~~" in text:
            r.problem(
                item,
                f"each of the '{key}' must be one paragraph without code blocks.",
                "split it into two items, or shorten it.",
            )
        out.append(text)
    return tuple(out)


def _items(r: NodeReader, entry: Entry, key: str) -> tuple[str, ...]:
    """A list of one-paragraph texts, each different (ordering's items, matching's distractors)."""
    items = r.sequence(entry.value, key, f"write each item on its own line starting with '- ' under '{key}:'.")
    out: list[str] = []
    seen: dict[str, int] = {}
    for item in items:
        text = one_paragraph(r, item, key, f"each of the '{key}'")
        same = " ".join(text.split())
        if same in seen:
            r.problem(
                item, f"two of the '{key}' have the same text (see line {seen[same]}).", "make each one different."
            )
            continue
        seen[same] = line_of(item)
        out.append(text)
    return tuple(out)


POOL_KEYS = ("id", "draw")


def _pool(r: NodeReader, entry: Entry, key: str) -> Pool | None:
    """`pool: {id: lora-cost, draw: 1}`: the idea this question is a variant of (draw: 1 unless given)."""
    entries = r.mapping(entry.value, POOL_KEYS, "'pool'")
    if entries is None:
        return None
    if "id" not in entries:
        r.problem(entry.value, "'pool' has no 'id'.", "write e.g. 'pool: {id: lora-cost, draw: 1}'.")
        return None
    pool_id = str(entries["id"].value.value) if isinstance(entries["id"].value, yaml.ScalarNode) else ""
    if not SLUG.match(pool_id):
        r.problem(
            entries["id"].value,
            f"the pool id '{pool_id}' is not a lowercase slug.",
            "use lowercase letters, digits and single hyphens, e.g. 'lora-cost'.",
        )
        return None
    draw = 1
    if "draw" in entries:
        node = entries["draw"].value
        if not (isinstance(node, yaml.ScalarNode) and not node.style and re.fullmatch(r"[1-9]\d*", str(node.value))):
            r.problem(node, "'draw' must be a whole number, at least 1.", "write e.g. 'draw: 1'.")
            return None
        draw = int(node.value)
    return Pool(id=pool_id, draw=draw, line=line_of(entry.key))


TEXT = KeyReader(_text, {"$ref": "#/$defs/text"}, TEXT_DEFS)
BOOLEAN = KeyReader(_boolean, {"type": "boolean"})
TEXT_LIST = KeyReader(_text_list, {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/text"}}, TEXT_DEFS)
PARAGRAPHS = KeyReader(
    _paragraphs,
    {"type": "array", "minItems": 1, "items": {"allOf": [{"$ref": "#/$defs/paragraph"}, NO_CODE_BLOCK]}},
    PARAGRAPH_DEFS,
)
ITEMS = KeyReader(
    _items,
    {
        "type": "array",
        "minItems": 1,
        "uniqueItems": True,
        "items": {"allOf": [{"$ref": "#/$defs/paragraph"}, NO_CODE_BLOCK]},
    },
    PARAGRAPH_DEFS,
)
POOL = KeyReader(
    _pool,
    {"$ref": "#/$defs/pool"},
    {
        **SLUG_DEFS,
        "pool": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id"],
            "description": "This question is one variant of an idea: questions with the same pool id are its variants, "
            "and each student is shown 'draw' of them (the review round serves another).",
            "properties": {
                "id": {"$ref": "#/$defs/slug"},
                "draw": {"type": "integer", "minimum": 1, "default": 1},
            },
        },
    },
)
