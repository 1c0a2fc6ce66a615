"""`make check` for facts: every reference in the chapters resolved, and every fact past its review date named.

A reference to a fact that does not exist is a problem (the build would stop on it too). A fact or
source past its `review_by` date is a warning: the site still builds, but `make check` names it,
with the line of the facts file that holds it and every line that uses it, so a term's review can
start from the list. Banks are checked as they load (their references are read with their text).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from pathlib import Path

from .errors import Problem, display_path
from .facts import Facts, overdue, references
from .load import bank_files
from .markers import included_files

FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n.*?\n(?:-{3}|\.{3})[ \t]*\n", re.S)


def facts_problems(
    facts: Facts,
    root: Path,
    docs_dir: Path,
    bases: list[Path],
    appended: list[str],
    banks_dir: Path,
    today: datetime.date | None = None,
) -> list[Problem]:
    """Problems with fact references in chapters and the files they include, and a warning for each overdue fact.

    Banks report their own references as they load (their text is read with them). A facts file that
    could not be read (`facts.readable` false) has reported its own problems: nothing is checked against it.
    """
    if not facts.readable:
        return []
    problems: list[Problem] = []
    uses: dict[str, list[str]] = {}
    for shown, text in _pages_and_includes(docs_dir, bases, appended, root):
        front = FRONT_MATTER.match(text)
        for ref in references(text[: front.end()] if front else ""):
            problems.append(
                Problem(
                    shown,
                    ref.line + 1,
                    f"':{ref.kind}[{ref.name}]' is in the page's front matter, where references are not replaced.",
                    "write the value itself there, or move the sentence into the page.",
                )
            )
        offset = text[: front.end()].count("\n") if front else 0
        body = text[front.end() :] if front else text
        problems += [Problem(shown, offset + line + 1, what, fix) for line, what, fix in facts.expand(body).problems]
        for ref in references(body):
            uses.setdefault(ref.name, []).append(f"{shown}:{offset + ref.line + 1}")
    for path in bank_files(banks_dir):
        for ref in references(path.read_text(encoding="utf-8", errors="replace")):
            uses.setdefault(ref.name, []).append(f"{display_path(path, root)}:{ref.line + 1}")
    return problems + review_warnings(facts, uses, today or datetime.date.today())


def review_warnings(facts: Facts, uses: dict[str, list[str]], today: datetime.date) -> list[Problem]:
    """A warning for each fact or source past its review date, at its line of the facts file, with every use."""
    cited_by = {name: [f.name for f in facts.facts.values() if f.source == name] for name in facts.sources}
    warnings = []
    for entry in overdue(facts, today):
        used = list(uses.get(entry.name, []))
        for fact in cited_by.get(entry.name, []):
            used += uses.get(fact, [])
        where = ", ".join(dict.fromkeys(used)) or "nowhere (delete it if nothing needs it)"
        source = facts.sources.get(getattr(entry, "source", entry.name))
        warnings.append(
            Problem(
                facts.path,
                entry.line,
                f"'{entry.name}' was due for review by {entry.review_by} (checked {entry.checked}): "
                f"readers may be reading a stale figure. Used at: {where}.",
                f"check it against {source.url if source else 'its source'}; update 'value' if it has moved, "
                "then set 'checked' to today and 'review_by' to your next review.",
                severity="warning",
            )
        )
    return warnings


def _pages_and_includes(
    docs_dir: Path, bases: list[Path], appended: list[str], root: Path
) -> Iterator[tuple[str, str]]:
    """(path shown, text) of every page and every file pymdownx.snippets puts into one, each once."""
    seen: set[Path] = set()

    def find(name: str) -> Path | None:
        return next((base / name for base in bases if (base / name).is_file()), None)

    queue: list[Path] = sorted(docs_dir.rglob("*.md")) + [p for name in appended if (p := find(name)) is not None]
    while queue:
        path = queue.pop(0).resolve()
        if path in seen:
            continue
        seen.add(path)
        text = path.read_text(encoding="utf-8", errors="replace")
        yield display_path(path, root), text
        queue += [p for _, name in included_files(text) if (p := find(name)) is not None]
