"""Read a composed YAML node tree generically, recording located problems instead of raising.

PyYAML's composer gives nodes with line numbers, and scalars are read here, not by PyYAML's
constructor: text keeps exactly what was written (YAML 1.1 would turn `Yes` into True and
`0.10` into 0.1), and booleans must be spelled `true` or `false`. Nothing here knows the bank
format; `bankformat.py` builds on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import yaml

from .errors import BankError, Problem, did_you_mean
from .text import find_forbidden_html

if TYPE_CHECKING:
    from .facts import Facts

# What YAML 1.1 would read as a boolean: refused in boolean fields with a clear fix.
YAML11_BOOLS = {"yes", "no", "on", "off", "y", "n"}
NULL_WORDS = ("", "~", "null", "Null", "NULL")


@dataclass(frozen=True)
class Entry:
    """One `key: value` of a mapping, with both nodes (for line numbers)."""

    key: yaml.Node
    value: yaml.Node


Mapping = dict[str, Entry]


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def compose_document(
    text: str,
    shown: str,
    loader: type[yaml.SafeLoader | yaml.CSafeLoader] = yaml.SafeLoader,
    subject: str = "Quiz banks",
) -> yaml.Node | None:
    """The YAML node tree of `text`, or a BankError locating the syntax error with its likely fix."""
    try:
        return yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        if "'\\t'" in str(err.problem) or (mark is not None and _tab_at_indent(text, mark.line)):
            fix = "indent with spaces, not tabs (most editors: convert indentation to spaces)."
        else:
            fix = (
                "check the indentation and quoting on this line and the one above; "
                "text containing ': ' or starting with a special character such as "
                "'[', '{', '*', '&', '!', '|', '>', '%' or '@' must be quoted."
            )
        raise BankError(
            [Problem(shown, line, f"YAML syntax error: {err.problem or err.context}.", fix)], subject=subject
        ) from None
    except yaml.YAMLError as err:  # e.g. a reader error on a control character
        raise BankError([Problem(shown, 1, f"YAML error: {err}.", "remove the character.")], subject=subject) from None


def _tab_at_indent(text: str, line: int) -> bool:
    lines = text.split("\n")
    return 0 <= line < len(lines) and "\t" in lines[line][: len(lines[line]) - len(lines[line].lstrip())]


class NodeReader:
    """Typed reads of YAML nodes; every problem is appended to `problems` with its line and question id."""

    def __init__(self, shown: str, problems: list[Problem] | None = None, facts: Facts | None = None) -> None:
        self.shown = shown
        # The caller's list when given: problems of every bank (and chapter) gather in one place.
        self.problems: list[Problem] = [] if problems is None else problems
        self.qid: str | None = None  # the question being read, named in its problems
        # Text fields have their fact references replaced as they are read (quizbank/facts.py), so
        # everything built from a bank (pages, exports, fingerprints) sees the values.
        self.facts = facts

    def problem(self, where: yaml.Node | int, what: str, fix: str) -> None:
        line = where if isinstance(where, int) else line_of(where)
        self.problems.append(Problem(self.shown, line, what, fix, self.qid))

    def mapping(self, node: yaml.Node, allowed: tuple[str, ...], what: str) -> Mapping | None:
        """Keys → entries; unknown and repeated keys become problems."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} must be a mapping of 'key: value' lines.", "see the bank format.")
            return None
        out: Mapping = {}
        for knode, vnode in node.value:
            key = str(knode.value)
            if key in out:
                self.problem(knode, f"the key '{key}' appears twice in {what}.", "keep only one of them.")
            elif key not in allowed:
                hint = did_you_mean(key, allowed) or "valid keys: " + ", ".join(allowed) + "."
                self.problem(knode, f"unknown key '{key}' in {what}.", hint.strip())
            else:
                out[key] = Entry(knode, vnode)
        return out

    def text(self, node: yaml.Node, key: str, *, required: bool = True) -> str:
        """A Markdown text field exactly as written; empty or non-text values are problems."""
        if isinstance(node, yaml.MappingNode) and len(node.value) == 1 and node.flow_style is False:
            self.problem(
                node,
                f"'{key}' must be text, but YAML read it as 'key: value' because it contains ': '.",
                "put the whole text in double quotes.",
            )
            return ""
        if not isinstance(node, yaml.ScalarNode):
            self.problem(
                node,
                f"'{key}' must be text, not a list or mapping.",
                f"write '{key}: …' on one line, or use '{key}: |' for several lines.",
            )
            return ""
        value = str(node.value)
        if node.tag == "tag:yaml.org,2002:null" and not node.style and value in NULL_WORDS:
            value = ""
        if required and not value.strip():
            self.problem(node, f"'{key}' is empty.", f"write the {key} text after '{key}:'.")
        block = node.style in ("|", ">")
        if self.facts is not None:
            expanded = self.facts.expand(value, colon="&#58;")
            for offset, what, fix in expanded.problems:
                self.problem(line_of(node) + (1 + offset if block else 0), f"'{key}': {what}", fix)
            value = expanded.text
        for offset, tag in find_forbidden_html(value):
            self.problem(
                line_of(node) + (1 + offset if block else 0),
                f"'{key}' contains the HTML tag '{tag}' outside code, which would break the quiz's layout.",
                f"put it in backticks (`{tag}`) or write it as {tag.replace('<', '&lt;')}.",
            )
        return value

    def boolean(self, node: yaml.Node, key: str) -> bool | None:
        word = str(node.value).strip().lower() if isinstance(node, yaml.ScalarNode) else ""
        if isinstance(node, yaml.ScalarNode) and not node.style and word in ("true", "false"):
            return word == "true"
        hint = f" ('{node.value}' is ambiguous in YAML)" if word in YAML11_BOOLS else ""
        quoted = " without quotes" if isinstance(node, yaml.ScalarNode) and node.style in ("'", '"') else ""
        self.problem(node, f"'{key}' must be true or false{hint}.", f"write '{key}: true' or '{key}: false'{quoted}.")
        return None

    def integer(self, node: yaml.Node, key: str) -> int | None:
        if isinstance(node, yaml.ScalarNode) and not node.style and re.fullmatch(r"\d+", str(node.value)):
            return int(node.value)
        self.problem(node, f"'{key}' must be a whole number of words.", f"write e.g. '{key}: 150'.")
        return None

    def sequence(self, node: yaml.Node, key: str, fix: str) -> list[yaml.Node]:
        """The items of a non-empty list (a problem, and no items, otherwise)."""
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            self.problem(node, f"'{key}' must be a non-empty list.", fix)
            return []
        return list(node.value)

    def text_list(self, node: yaml.Node, key: str) -> tuple[str, ...]:
        items = self.sequence(node, key, f"write each item on its own line starting with '- ' under '{key}:'.")
        return tuple(self.text(item, key) for item in items)
