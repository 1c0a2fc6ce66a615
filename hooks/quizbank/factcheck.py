"""`make check` for facts: every reference in the chapters resolved, and every fact past its review date named.

A reference to a fact that does not exist is a problem (the build would stop on it too). A fact or
source past its `review_by` date is a warning: the site still builds, but `make check` names it,
with the line of the facts file that holds it and every line that uses it, so a term's review can
start from the list. Banks are checked as they load (their references are read with their text).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import BankError, Problem, display_path
from .facts import Facts, facts_file, load_facts, overdue, references
from .load import bank_files
from .markers import included_files
from .siteconfig import read_config, settings

FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n.*?\n(?:-{3}|\.{3})[ \t]*\n", re.S)


def facts_problems(
    config_path: Path, *, warn: Callable[[str], None], today: datetime.date | None = None
) -> list[Problem]:
    """Problems with fact references in chapters and the files they include; overdue facts go to `warn`."""
    root = config_path.resolve().parent
    config = read_config(config_path)
    try:
        facts = load_facts(facts_file(config.get("extra"), root), root)
    except BankError as err:
        return err.problems
    banks_dir, docs_dir, bases, appended = settings(config, root)
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
    report = review_report(facts, uses, today or datetime.date.today())
    if report:
        warn(report)
    return problems


def review_report(facts: Facts, uses: dict[str, list[str]], today: datetime.date) -> str:
    """The warnings: facts and sources past their review date, each with every use; "" when none is due."""
    due = overdue(facts, today)
    if not due:
        return ""
    lines = [
        f"Facts: {len(due)} past {'its' if len(due) == 1 else 'their'} review date "
        "(a warning: the site still builds, but its readers may be reading stale figures)."
    ]
    cited_by = {name: [f.name for f in facts.facts.values() if f.source == name] for name in facts.sources}
    for entry in due:
        used = list(uses.get(entry.name, []))
        for fact in cited_by.get(entry.name, []):
            used += uses.get(fact, [])
        where = ", ".join(dict.fromkeys(used)) or "nowhere (delete it if nothing needs it)"
        lines.append(
            f"{facts.path}:{entry.line}: '{entry.name}' was due for review by {entry.review_by} "
            f"(checked {entry.checked}). Used at: {where}."
        )
        source = facts.sources.get(getattr(entry, "source", entry.name))
        lines.append(
            f"    Fix: check it against {source.url if source else 'its source'}; update 'value' if it has moved, "
            "then set 'checked' to today and 'review_by' to your next review."
        )
    return "\n".join(lines)


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
