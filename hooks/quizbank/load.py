"""Load banks from disk: find the files, decode them, compose their YAML, read the bank format.

Returns `Bank`s, or raises a `BankError` listing every problem in every file, located. Given a
list (`problems=`), each function appends every problem there instead and returns what it could
read: `make check` goes on to check the chapters against it.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .bankformat import SLUG, read_bank
from .errors import BankError, Problem, display_path
from .facts import NO_FACTS, UNREAD_FACTS, Facts, site_facts
from .model import Bank
from .nodes import compose_document

BANK_SUFFIXES = (".yml", ".yaml")

# libyaml's parser (shipped in PyYAML's wheels) composes a bank about five times faster than the
# pure-Python one, which was a fifth of a 1,000-question build. Both give the same nodes, marks and
# errors (tests/unit/test_load.py compares them on every bank); the pure-Python one is the fallback.
COMPOSER: type[yaml.SafeLoader | yaml.CSafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def bank_name_for(path: Path, root: Path) -> str:
    """`quizzes/part-1/checks.yml` → `part-1/checks`."""
    return path.relative_to(root).with_suffix("").as_posix()


def bank_files(root: Path) -> list[Path]:
    """Every bank file under `root`, in name order.

    Hidden files and folders (an editor's `.#part-1.yml` lock, a `.trash/` folder) and macOS's
    `._part-1.yml` shadow files are not banks: they start with a dot.
    """
    if not root.is_dir():
        return []
    found = [
        path
        for path in root.rglob("*")
        if path.suffix in BANK_SUFFIXES
        and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(root).parts)
    ]
    return sorted(found)


def load_bank_file(
    path: Path, root: Path, display_root: Path, problems: list[Problem] | None = None, facts: Facts | None = None
) -> Bank:
    """Read one bank file; `display_root` makes paths in errors relative (e.g. to the site root).

    Fact references are replaced with `facts`; by default, those of the site in `display_root` (see load_banks).
    """
    if facts is None:
        facts = _site_facts(display_root, problems)
    shown = display_path(path, display_root)
    name = bank_name_for(path, root)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        problem = Problem(
            shown,
            line,
            f"the file is not UTF-8 text (byte 0x{data[err.start]:02x} cannot be decoded).",
            "save the file as UTF-8 (in most editors: File > Save with encoding > UTF-8).",
        )
        return _unreadable(problem, name, problems)
    return load_bank_text(text, name=name, shown=shown, problems=problems, facts=facts)


def _unreadable(problem: Problem, name: str, problems: list[Problem] | None) -> Bank:
    """A file that cannot be read at all: a BankError, or (collecting) an empty, damaged bank."""
    if problems is None:
        raise BankError([problem]) from None
    problems.append(problem)
    return Bank(name=name, path=problem.file, damaged=True)


def load_banks(
    root: Path, display_root: Path, problems: list[Problem] | None = None, facts: Facts | None = None
) -> dict[str, Bank]:
    """Load every bank under `root`; collect problems from all files before raising (or into `problems`).

    Fact references are replaced with `facts`; by default, the facts of the site whose mkdocs.yml is
    in `display_root` (every caller shows paths relative to the site's folder), so an export, the
    class report and the build all read the same questions.
    """
    banks: dict[str, Bank] = {}
    found: list[Problem] = [] if problems is None else problems
    if facts is None:
        facts = _site_facts(display_root, problems)
    for path in bank_files(root):
        shown = display_path(path, display_root)
        name = bank_name_for(path, root)
        if not all(SLUG.match(part) for part in name.split("/")):
            found.append(
                Problem(
                    shown,
                    1,
                    f"the bank name '{name}' (from the file's path) is not lowercase words joined by hyphens.",
                    "rename the file and its folders, e.g. 'quizzes/part-1/concept-checks.yml'.",
                )
            )
            continue
        if name in banks:
            found.append(
                Problem(
                    shown,
                    1,
                    f"bank '{name}' is defined twice ({banks[name].path} and {shown}).",
                    "keep one of the two files, or rename one.",
                )
            )
            continue
        bank = load_bank_file(path, root, display_root, found, facts)
        if problems is not None or not bank.damaged:
            banks[name] = bank
    if problems is None and found:
        raise BankError(found)
    return banks


def _site_facts(display_root: Path, problems: list[Problem] | None) -> Facts:
    """The site's facts; collecting, a facts file with problems adds them and leaves references as written."""
    if problems is None:
        return site_facts(display_root)
    try:
        return site_facts(display_root)
    except BankError as err:
        problems.extend(err.problems)
        return UNREAD_FACTS


def load_bank_text(
    text: str, *, name: str, shown: str, problems: list[Problem] | None = None, facts: Facts = NO_FACTS
) -> Bank:
    """Parse and validate one bank's YAML text, replacing its fact references with `facts`."""
    try:
        root = compose_document(text, shown, COMPOSER)
    except BankError as err:
        if problems is None:
            raise
        problems.extend(err.problems)
        return Bank(name=name, path=shown, damaged=True)
    return read_bank(root, name=name, shown=shown, problems=problems, facts=facts)
