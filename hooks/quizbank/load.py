"""Load banks from disk: find the files, decode them, compose their YAML, read the bank format.

Returns `Bank`s, or raises a `BankError` listing every problem in every file, located.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .bankformat import SLUG, read_bank
from .errors import BankError, Problem, display_path
from .facts import NO_FACTS, Facts, site_facts
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


def load_bank_file(path: Path, root: Path, display_root: Path, facts: Facts | None = None) -> Bank:
    """Read one bank file; `display_root` makes paths in errors relative (e.g. to the site root).

    Fact references are replaced with `facts`; by default, those of the site in `display_root` (see load_banks).
    """
    facts = site_facts(display_root) if facts is None else facts
    shown = display_path(path, display_root)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise BankError(
            [
                Problem(
                    shown,
                    line,
                    f"the file is not UTF-8 text (byte 0x{data[err.start]:02x} cannot be decoded).",
                    "save the file as UTF-8 (in most editors: File > Save with encoding > UTF-8).",
                )
            ]
        ) from None
    return load_bank_text(text, name=bank_name_for(path, root), shown=shown, facts=facts)


def load_banks(root: Path, display_root: Path, facts: Facts | None = None) -> dict[str, Bank]:
    """Load every bank under `root`; collect problems from all files before raising.

    Fact references are replaced with `facts`; by default, the facts of the site whose mkdocs.yml is
    in `display_root` (every caller shows paths relative to the site's folder), so an export, the
    class report and the build all read the same questions.
    """
    facts = site_facts(display_root) if facts is None else facts
    banks: dict[str, Bank] = {}
    problems: list[Problem] = []
    for path in bank_files(root):
        shown = display_path(path, display_root)
        name = bank_name_for(path, root)
        if not all(SLUG.match(part) for part in name.split("/")):
            problems.append(
                Problem(
                    shown,
                    1,
                    f"the bank name '{name}' (from the file's path) is not lowercase words joined by hyphens.",
                    "rename the file and its folders, e.g. 'quizzes/part-1/concept-checks.yml'.",
                )
            )
            continue
        if name in banks:
            problems.append(
                Problem(
                    shown,
                    1,
                    f"bank '{name}' is defined twice ({banks[name].path} and {shown}).",
                    "keep one of the two files, or rename one.",
                )
            )
            continue
        try:
            banks[name] = load_bank_file(path, root, display_root, facts)
        except BankError as err:
            problems.extend(err.problems)
    if problems:
        raise BankError(problems)
    return banks


def load_bank_text(text: str, *, name: str, shown: str, facts: Facts = NO_FACTS) -> Bank:
    """Parse and validate one bank's YAML text, replacing its fact references with `facts`."""
    return read_bank(compose_document(text, shown, COMPOSER), name=name, shown=shown, facts=facts)
