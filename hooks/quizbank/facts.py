r"""Facts: the course's dated claims, written once in a facts file and used by reference.

A price, a limit, a model's availability or retirement date, a source's address: anything that
goes out of date is a fact in the facts file (`facts.yml` at the site's root, named in mkdocs.yml
under `extra: facts: file:`), with its value, its source, the date it was checked and the date by
which it must be checked again. Chapters and banks refer to it:

    :fact[name]      the fact's value (a date is written out: April 14, 2027)
    :checked[name]   "checked December 6, 2026 against [source title](url)"
    :source[name]    the address of the fact's source, or of a source itself: [guide](:source[cost-guide])
    \:fact[name]     written literally (to document the syntax)

Why this syntax: it is the inline form of the generic Markdown directives proposal, so it reads as
markup to a person; Jinja/MiniJinja ({{ }}, {% %}), the glossary (*[TERM]:), the banks' blanks
([[ ]]) and attribute lists ({: }) all use other brackets; and a YAML plain scalar may contain it
(and start with it). Left unreplaced it would show as plain text, never vanish as HTML would.

Everything here is pure: `load_facts` reads a file into `Facts` or raises a located `BankError`;
`expand` substitutes references in a text and reports unknown ones; `references` lists the uses in
a text; `overdue` lists the facts past their review date. The chapters' Markdown extension
(`facts_extension.py`), the bank reader (`nodes.py`) and `make check` (`factcheck.py`) call them.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from .errors import BankError, Problem, did_you_mean, display_path
from .nodes import NodeReader, compose_document, line_of
from .siteconfig import read_config

Kind = Literal["fact", "checked", "source"]
NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A reference, or an escaped one (`\:fact[…]`). The name is checked separately, so that a
# malformed one (spaces, capitals) is reported rather than left in the page as text.
REFERENCE = re.compile(r"(?P<escape>\\?):(?P<kind>fact|checked|source)\[(?P<name>[^\]\n]*)\]")
# The start of a reference, to catch one that is never closed on its line.
OPENING = re.compile(r"(?<!\\):(?:fact|checked|source)\[")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FACT_KEYS = ("value", "source", "checked", "review_by", "note")
SOURCE_KEYS = ("title", "url", "checked", "review_by", "note")
SYNTAX = ":fact[name], :checked[name] or :source[name]"


@dataclass(frozen=True)
class Entry:
    """What facts and sources share: a name, a line in the facts file, and two dates."""

    name: str
    line: int
    checked: datetime.date
    review_by: datetime.date


@dataclass(frozen=True)
class Source(Entry):
    title: str
    url: str


@dataclass(frozen=True)
class Fact(Entry):
    value: str
    source: str  # the name of a Source


@dataclass(frozen=True)
class Facts:
    """The facts file, read: `path` as shown in messages ("" when there is no facts file)."""

    path: str = ""
    facts: Mapping[str, Fact] = field(default_factory=dict)
    sources: Mapping[str, Source] = field(default_factory=dict)
    exists: bool = True  # False: mkdocs.yml names a facts file that is not there
    # False: the facts file has problems of its own (reported apart); references are left as written, unreported.
    readable: bool = True

    def entry(self, name: str) -> Fact | Source | None:
        return self.facts.get(name) or self.sources.get(name)

    def render(self, kind: Kind, name: str) -> str | None:
        """What a reference becomes, or None when it names nothing it can refer to."""
        if kind == "source":
            entry = self.entry(name)
            if isinstance(entry, Fact):
                entry = self.sources.get(entry.source)
            return entry.url if isinstance(entry, Source) else None
        fact = self.facts.get(name)
        if fact is None:
            return None
        if kind == "fact":
            return long_date(fact.value) if ISO_DATE.match(fact.value) else fact.value
        source = self.sources[fact.source]
        return f"checked {long_date(fact.checked.isoformat())} against [{source.title}]({source.url})"

    def expand(self, text: str, *, colon: str = ":") -> Expanded:
        """`text` with its references replaced (see the module function `expand`)."""
        return expand(text, self, colon=colon)

    def unknown(self, kind: Kind, name: str) -> tuple[str, str]:
        """(what, fix) for a reference that names nothing."""
        if not self.path or not self.exists:
            where = (
                f"{self.path}, the facts file mkdocs.yml names, does not exist"
                if self.path
                else "this site has no facts file"
            )
            return (
                f"':{kind}[{name}]' refers to a fact, but {where}.",
                "create facts.yml next to mkdocs.yml and name it under 'extra: facts: file:' (see For instructors).",
            )
        if kind != "source" and name in self.sources:
            return (
                f"':{kind}[{name}]' names a source, not a fact.",
                f"write ':source[{name}]' for its address, or refer to a fact that cites it.",
            )
        known = self.facts if kind != "source" else {**self.facts, **self.sources}
        return (
            f"':{kind}[{name}]' refers to a fact that {self.path} does not define.",
            f"{did_you_mean(name, known)}add '{name}:' under 'facts:' in {self.path} "
            "(with value, source, checked and review_by), or correct the name.",
        )


NO_FACTS = Facts()
UNREAD_FACTS = Facts(readable=False)


def long_date(iso: str) -> str:
    """2027-04-14 → April 14, 2027 (the site writes dates the US way, as it spells)."""
    day = datetime.date.fromisoformat(iso)
    return f"{day:%B} {day.day}, {day.year}"


# ── References in text ───────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Reference:
    kind: Kind
    name: str
    line: int  # 0-based line of the text it is on


@dataclass(frozen=True)
class Expanded:
    """A text with its references replaced, and (0-based line, what, fix) for each one that could not be."""

    text: str
    problems: tuple[tuple[int, str, str], ...] = ()


def references(text: str) -> list[Reference]:
    """Every well-formed reference in `text` (escaped ones left out), in order."""
    return [
        Reference(m.group("kind"), m.group("name"), text.count("\n", 0, m.start()))  # type: ignore[arg-type]
        for m in REFERENCE.finditer(text)
        if not m.group("escape") and NAME.match(m.group("name"))
    ]


def expand(text: str, facts: Facts, *, colon: str = ":") -> Expanded:
    """`text` with every reference replaced by what it stands for.

    An escaped reference loses its backslash and keeps `colon` (a bank passes "&#58;", so that its
    rendered HTML, placed in a chapter, is not read as a reference a second time). A reference to
    nothing, or one that is malformed, is left as written and reported.
    """
    if not facts.readable or ":" not in text or not ("fact[" in text or "checked[" in text or "source[" in text):
        return Expanded(text)  # most texts have none: skip the regex
    problems: list[tuple[int, str, str]] = []

    def replace(m: re.Match[str]) -> str:
        kind: Kind = m.group("kind")  # type: ignore[assignment]
        name = m.group("name")
        if m.group("escape"):
            return f"{colon}{kind}[{name}]"
        line = text.count("\n", 0, m.start())
        if not NAME.match(name):
            problems.append(
                (
                    line,
                    f"'{m.group(0)}' is not a fact reference: a name is lowercase words joined by hyphens.",
                    f"write e.g. ':{kind}[rft-billing]'; to show the syntax itself, write '\\:{kind}[…]'.",
                )
            )
            return m.group(0)
        rendered = facts.render(kind, name)
        if rendered is None:
            problems.append((line, *facts.unknown(kind, name)))
            return m.group(0)
        return rendered

    out = REFERENCE.sub(replace, text)
    for number, line_text in enumerate(text.split("\n")):
        closed = {m.start() for m in REFERENCE.finditer(line_text)}
        for m in OPENING.finditer(line_text):
            if m.start() not in closed:
                problems.append(
                    (
                        number,
                        f"a fact reference is not closed: '{line_text[m.start() : m.start() + 40]}'.",
                        f"write {SYNTAX} on one line, with the closing ']'.",
                    )
                )
    return Expanded(out, tuple(sorted(problems)))


def overdue(facts: Facts, today: datetime.date) -> list[Fact | Source]:
    """Facts and sources whose review date has passed, in file order."""
    entries: list[Fact | Source] = [*facts.facts.values(), *facts.sources.values()]
    return sorted((e for e in entries if e.review_by < today), key=lambda e: e.line)


# ── The facts file ─────────────────────────────────────────────────────────────────────────


def facts_file(extra: Any, root: Path) -> Path | None:
    """The facts file named in mkdocs.yml (`extra: facts: file:`), relative to its folder; None if none is named."""
    settings = extra.get("facts") if isinstance(extra, Mapping) else None  # MkDocs's `extra` is a Mapping
    if settings is None:
        return None
    if not isinstance(settings, Mapping) or not isinstance(settings.get("file"), str) or set(settings) != {"file"}:
        raise BankError(
            [
                Problem(
                    "mkdocs.yml",
                    1,
                    "'extra: facts:' must be a mapping with one key, 'file'.",
                    "write 'facts: {file: facts.yml}'.",
                )
            ],
            subject="Facts",
        )
    return root / settings["file"]


def site_facts(root: Path) -> Facts:
    """The facts of the site whose mkdocs.yml is in `root` (NO_FACTS without one, or without a facts file)."""
    config = root / "mkdocs.yml"
    if not config.is_file():
        return NO_FACTS
    return load_facts(facts_file(read_config(config).get("extra"), root), root)


def load_facts(path: Path | None, display_root: Path) -> Facts:
    """Read the facts file; NO_FACTS when there is none. A BankError lists every problem, located."""
    if path is None:
        return NO_FACTS
    shown = display_path(path, display_root)
    if not path.is_file():
        return Facts(shown, exists=False)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise BankError(
            [Problem(shown, 1, "the file is not UTF-8 text.", "save it as UTF-8.")], subject="Facts"
        ) from None
    return read_facts(compose_document(text, shown, subject="Facts"), shown)


def read_facts(root: yaml.Node | None, shown: str) -> Facts:
    reader = NodeReader(shown)
    top = reader.mapping(root, ("sources", "facts"), "the facts file") if root is not None else None
    if top is None:
        raise BankError(
            reader.problems
            or [
                Problem(
                    shown,
                    1,
                    "the facts file is empty.",
                    "write 'sources:' and 'facts:' mappings (see For instructors).",
                )
            ],
            subject="Facts",
        )
    sources: dict[str, Source] = {}
    facts: dict[str, Fact] = {}
    for name, line, node in _named(reader, top, "sources"):
        entries = reader.mapping(node, SOURCE_KEYS, f"the source '{name}'")
        if entries is None or not _required(reader, line, entries, ("title", "url", "checked", "review_by"), name):
            continue
        url = reader.text(entries["url"].value, "url")
        if not url.startswith("https://"):
            reader.problem(
                entries["url"].value, f"the source '{name}' has no https:// address.", "write its full https:// URL."
            )
        dates = _dates(reader, entries, name)
        if dates:
            sources[name] = Source(
                name, line, *dates, title=_one_line(reader, entries["title"].value, "title"), url=url
            )
    for name, line, node in _named(reader, top, "facts"):
        if name in sources:
            reader.problem(line, f"'{name}' is both a source and a fact.", "give one of them another name.")
            continue
        entries = reader.mapping(node, FACT_KEYS, f"the fact '{name}'")
        if entries is None or not _required(reader, line, entries, ("value", "source", "checked", "review_by"), name):
            continue
        value = _one_line(reader, entries["value"].value, "value")
        if REFERENCE.search(value) or OPENING.search(value):
            reader.problem(
                entries["value"].value, f"the value of '{name}' contains a reference.", "write the value itself."
            )
        source = reader.text(entries["source"].value, "source")
        if source not in sources:
            reader.problem(
                entries["source"].value,
                f"the fact '{name}' cites the source '{source}', which is not under 'sources:'.",
                f"{did_you_mean(source, sources)}add it under 'sources:' (title, url, checked, review_by).",
            )
        dates = _dates(reader, entries, name)
        if dates and source in sources:
            facts[name] = Fact(name, line, *dates, value=value, source=source)
    if reader.problems:
        raise BankError(reader.problems, subject="Facts")
    return Facts(shown, facts, sources)


def _named(reader: NodeReader, top: dict[str, Any], key: str) -> list[tuple[str, int, yaml.Node]]:
    """(name, its line, its node) under `sources:` or `facts:`, names checked and each given once."""
    if key not in top:
        return []
    node = top[key].value
    if not isinstance(node, yaml.MappingNode):
        reader.problem(node, f"'{key}:' must be a mapping of names.", f"indent each entry under '{key}:' as 'name:'.")
        return []
    out: list[tuple[str, int, yaml.Node]] = []
    seen: dict[str, int] = {}
    for knode, vnode in node.value:
        name = str(knode.value)
        if not NAME.match(name):
            reader.problem(
                knode, f"'{name}' is not a fact name.", "use lowercase words joined by hyphens, e.g. 'rft-billing'."
            )
        elif name in seen:
            reader.problem(knode, f"'{name}' is defined twice (see line {seen[name]}).", "keep one of them.")
        else:
            seen[name] = line_of(knode)
            out.append((name, line_of(knode), vnode))
    return out


def _required(reader: NodeReader, line: int, entries: dict[str, Any], keys: tuple[str, ...], name: str) -> bool:
    missing = [k for k in keys if k not in entries]
    for key in missing:
        reader.problem(line, f"'{name}' has no '{key}'.", f"add '{key}:' under it.")
    return not missing


def _one_line(reader: NodeReader, node: yaml.Node, key: str) -> str:
    text = reader.text(node, key).strip()
    if "\n" in text:
        reader.problem(node, f"'{key}' must be one line.", "shorten it; put explanations under 'note:'.")
    return text


def _dates(reader: NodeReader, entries: dict[str, Any], name: str) -> tuple[datetime.date, datetime.date] | None:
    read: list[datetime.date] = []
    for key in ("checked", "review_by"):
        node = entries[key].value
        value = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
        try:
            if not ISO_DATE.match(value):
                raise ValueError(value)
            read.append(datetime.date.fromisoformat(value))
        except ValueError:
            reader.problem(
                node, f"'{key}' of '{name}' must be a date written YYYY-MM-DD.", f"write e.g. '{key}: 2026-12-06'."
            )
    if len(read) != 2:
        return None
    if read[1] <= read[0]:
        reader.problem(
            entries["review_by"].value,
            f"'{name}' is to be reviewed by {read[1]}, no later than it was checked ({read[0]}).",
            "set 'review_by' to a later date, e.g. the start of next term.",
        )
    return read[0], read[1]
