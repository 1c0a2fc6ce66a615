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
from .model import Bank

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


def load_bank_file(path: Path, root: Path, display_root: Path, problems: list[Problem] | None = None) -> Bank:
    """Read one bank file; `display_root` makes paths in errors relative (e.g. to the site root)."""
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
    return load_bank_text(text, name=name, shown=shown, problems=problems)


def _unreadable(problem: Problem, name: str, problems: list[Problem] | None) -> Bank:
    """A file that cannot be read at all: a BankError, or (collecting) an empty, damaged bank."""
    if problems is None:
        raise BankError([problem]) from None
    problems.append(problem)
    return Bank(name=name, path=problem.file, damaged=True)


def load_banks(root: Path, display_root: Path, problems: list[Problem] | None = None) -> dict[str, Bank]:
    """Load every bank under `root`; collect problems from all files before raising (or into `problems`)."""
    banks: dict[str, Bank] = {}
    found: list[Problem] = [] if problems is None else problems
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
        bank = load_bank_file(path, root, display_root, found)
        if problems is not None or not bank.damaged:
            banks[name] = bank
    if problems is None and found:
        raise BankError(found)
    return banks


def load_bank_text(text: str, *, name: str, shown: str, problems: list[Problem] | None = None) -> Bank:
    """Parse and validate one bank's YAML text."""
    try:
        root = yaml.compose(text, Loader=COMPOSER)
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
        return _unreadable(
            Problem(shown, line, f"YAML syntax error: {err.problem or err.context}.", fix), name, problems
        )
    except yaml.YAMLError as err:  # e.g. a reader error on a control character
        return _unreadable(Problem(shown, 1, f"YAML error: {err}.", "remove the character."), name, problems)
    return read_bank(root, name=name, shown=shown, problems=problems)


def _tab_at_indent(text: str, line: int) -> bool:
    lines = text.split("\n")
    return 0 <= line < len(lines) and "\t" in lines[line][: len(lines[line]) - len(lines[line].lstrip())]
