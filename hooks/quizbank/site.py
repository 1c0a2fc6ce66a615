"""The course as every page needs it, read from mkdocs.yml and its folders without any engine.

A page's Markdown extension (`quizbank.extension`) runs once per page, in MkDocs and in Zensical
alike, and each page needs the whole course: the banks, the render options, the course manifest
(My progress lists every chapter), the glossary. `load_site` reads them once per state of the files
and hands the same `Site` to every page, and to anything else that needs them (the hooks, a command
run after the build). It is read afresh when a file it read changes, so a preview follows every
save, whichever engine serves it.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from .errors import BankError, Problem
from .facts import UNREAD_FACTS, Facts, facts_file, load_facts
from .load import load_banks
from .manifest import Manifest, course_manifest, site_chapters, written_tasks_json
from .model import Bank
from .siteconfig import PREVIEW_WHEN, read_config, settings
from .types.frame import RenderOptions
from .types.written_task import missing_examples

# mkdocs-quiz's own defaults for what is not in mkdocs.yml (its plugin's config_scheme).
QUIZ_DEFAULTS: dict[str, Any] = {
    "show_correct": True,
    "auto_submit": True,
    "disable_after_submit": True,
    "show_progress": True,
    "confetti": True,
    "progress_sidebar_position": "top",
    "language": None,
    "custom_translations": {},
}
# A page's front matter as MkDocs reads it (mkdocs.utils.meta.YAML_RE).
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
QUIZ_BANK_SETTINGS: dict[str, type] = {"dir": str, "confidence": bool, "preview": str}
ABBREVIATION = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<definition>.+?)\s*$")


class SettingError(ValueError):
    """A setting in mkdocs.yml that cannot be used: the message says which, and the fix."""


def quiz_bank_settings(given: object) -> dict[str, Any]:
    """`extra: quiz_banks:` in mkdocs.yml, checked: where the banks are, whether to ask for confidence, when to build the preview."""
    given = given or {}
    if not isinstance(given, dict):
        raise SettingError(
            "mkdocs.yml: 'extra: quiz_banks:' must be a mapping.\n    Fix: write e.g. 'quiz_banks: {dir: quizzes}'."
        )
    for name, value in given.items():
        if name not in QUIZ_BANK_SETTINGS:
            raise SettingError(
                f"mkdocs.yml: unknown setting 'extra: quiz_banks: {name}'.\n    Fix: use {' or '.join(QUIZ_BANK_SETTINGS)}."
            )
        if name == "preview" and value not in PREVIEW_WHEN:
            raise SettingError(
                f"mkdocs.yml: 'extra: quiz_banks: preview' must be one of {', '.join(PREVIEW_WHEN)}, not '{value}'.\n"
                "    Fix: 'serve' (the default) builds the question-bank preview under mkdocs serve only; 'always' "
                "publishes it too (it shows every answer); 'never' turns it off."
            )
        if not isinstance(value, QUIZ_BANK_SETTINGS[name]):
            kind = "true or false" if QUIZ_BANK_SETTINGS[name] is bool else "a folder name"
            raise SettingError(
                f"mkdocs.yml: 'extra: quiz_banks: {name}' must be {kind}.\n    Fix: write e.g. '{name}: {'true' if QUIZ_BANK_SETTINGS[name] is bool else 'quizzes'}'."
            )
    return {"dir": "quizzes", "confidence": True, "preview": "serve", **given}


def quiz_settings(config: dict[str, Any]) -> dict[str, Any] | None:
    """mkdocs-quiz's entry under `plugins:` with its defaults filled in; None when it is not listed."""
    for entry in config.get("plugins") or []:
        if entry == "mkdocs_quiz":
            return dict(QUIZ_DEFAULTS)
        if isinstance(entry, dict) and "mkdocs_quiz" in entry:
            return {**QUIZ_DEFAULTS, **(entry["mkdocs_quiz"] or {})}
    return None


def page_url(src: str, directory_urls: bool) -> str:
    """A page's URL from its path under docs/, as MkDocs and Zensical both give it (`part-1.md` → `part-1/`)."""
    path = PurePosixPath(src)
    stem = path.stem
    parent = "" if str(path.parent) == "." else str(path.parent) + "/"
    if stem in ("index", "README"):
        return parent
    return f"{parent}{stem}/" if directory_urls else f"{parent}{stem}.html"


def relative_url(url: str, other: str) -> str:
    """`url` relative to the page at `other`, exactly as MkDocs's `get_relative_url` says it."""
    dirname, _, basename = other.rpartition("/")
    if "." in basename:
        other = dirname

    def parts(path: str) -> list[str]:
        normal = str(PurePosixPath("/" + path)).lstrip("/")
        normal = _normpath(normal)
        return normal.split("/") if normal else []

    other_parts, dest_parts = parts(other), parts(url)
    common = 0
    for a, b in zip(other_parts, dest_parts, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(other_parts) - common) + dest_parts[common:]) or "."
    return rel + "/" if url.endswith("/") else rel


def _normpath(path: str) -> str:
    out: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if out:
                out.pop()
            continue
        out.append(part)
    return "/".join(out)


@dataclass
class Site:
    """What every page of the course reads: loaded once per state of the files (`load_site`)."""

    config_file: Path
    root: Path
    docs_dir: Path
    banks_dir: Path
    bases: list[Path]  # pymdownx.snippets' base paths, resolved against mkdocs.yml
    appended: list[str]  # the files pymdownx.snippets appends to every page (the glossary)
    banks: dict[str, Bank]
    facts: Facts
    options: RenderOptions
    quiz: dict[str, Any] | None  # mkdocs-quiz's settings; None when mkdocs.yml does not list it
    settings: dict[str, Any]  # extra: quiz_banks:, checked
    course: Manifest
    written: str  # every written task of the course, for the answer boxes' download
    glossary: list[tuple[str, str]]
    language: str
    directory_urls: bool
    problems: list[Problem] = field(default_factory=list)
    # Each page (path under docs/, in MkDocs's order) whose front matter says `continues: <first page>`.
    continuations: dict[str, str] = field(default_factory=dict)

    def read_snippet(self, name: str) -> str | None:
        for base in self.bases:
            if (base / name).is_file():
                return (base / name).read_text(encoding="utf-8", errors="replace")
        return None


def read_glossary(bases: list[Path], appended: list[str]) -> list[tuple[str, str]]:
    """(term, definition) pairs, sorted case-insensitively, from every auto-appended snippet file."""
    entries: dict[str, str] = {}
    for name in appended:
        for base in bases:
            path = base / name
            if path.is_file():
                for line in path.read_text(encoding="utf-8").splitlines():
                    m = ABBREVIATION.match(line)
                    if m:
                        entries[m.group("term")] = m.group("definition")
                break
    return sorted(entries.items(), key=lambda item: item[0].lower())


def _doc_files(docs_dir: Path) -> list[str]:
    """Every Markdown page under docs/, in MkDocs's order (per folder, `index` first)."""
    found = [p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md") if p.is_file()]

    def key(src: str) -> tuple[tuple[str, ...], bool, str]:
        parts = tuple(src.split("/"))
        return parts[:-1], PurePosixPath(src).stem not in ("index", "README"), parts[-1]

    return sorted(found, key=key)


def _signature(config_file: Path) -> tuple[tuple[str, int], ...]:
    """Every file the Site is read from, with its modification time: a change to any reads it again."""
    root = config_file.parent
    try:
        config = _config(config_file, config_file.stat().st_mtime_ns)
    except (OSError, ValueError):
        return ((str(config_file), -1),)
    banks_dir, docs_dir, bases, appended = settings(config, root)
    paths = [config_file]
    for folder in (banks_dir, docs_dir):
        if folder.is_dir():
            paths += [p for p in folder.rglob("*") if p.is_file()]
    paths += [b / name for name in appended for b in bases]
    extra = config.get("extra")
    facts = facts_file(extra if isinstance(extra, dict) else None, root)
    if facts is not None:
        paths.append(facts)
    return tuple(sorted((str(p), p.stat().st_mtime_ns if p.exists() else -1) for p in paths))


@functools.lru_cache(maxsize=8)
def _config(config_file: Path, mtime_ns: int) -> dict[str, Any]:
    """mkdocs.yml, parsed once per version of the file (the signature is taken on every page)."""
    return read_config(config_file)


_cache: dict[Path, tuple[tuple[tuple[str, int], ...], Site]] = {}
_lock = threading.Lock()


def load_site(config_file: Path) -> Site:
    """The course read from `config_file` (mkdocs.yml), once per state of the files it reads.

    Problems with the banks, the facts or the chapters' examples are in `Site.problems` (the caller
    stops the build or shows them); a setting that cannot be used raises `SettingError`.
    """
    config_file = config_file.resolve()
    with _lock:
        signature = _signature(config_file)
        cached = _cache.get(config_file)
        if cached is not None and cached[0] == signature:
            return cached[1]
        site = _read(config_file)
        _cache[config_file] = (signature, site)
        return site


def _read(config_file: Path) -> Site:
    root = config_file.parent
    config = read_config(config_file)
    extra = config.get("extra") if isinstance(config.get("extra"), dict) else {}
    assert isinstance(extra, dict)
    given = quiz_bank_settings(extra.get("quiz_banks"))
    _, docs_dir, bases, appended = settings(config, root)
    banks_dir = root / str(given["dir"])
    problems: list[Problem] = []
    try:
        facts = load_facts(facts_file(extra, root), root)
    except BankError as err:
        problems += err.problems
        facts = UNREAD_FACTS
    banks = load_banks(banks_dir, root, problems, facts)
    if not problems:
        problems = missing_examples(banks, bases)
    if problems:
        banks = {}
    quiz = quiz_settings(config)
    options = RenderOptions(
        show_correct=bool((quiz or QUIZ_DEFAULTS)["show_correct"]),
        auto_submit=bool((quiz or QUIZ_DEFAULTS)["auto_submit"]),
        disable_after_submit=bool((quiz or QUIZ_DEFAULTS)["disable_after_submit"]),
        confidence=bool(given["confidence"]),
    )
    directory_urls = config.get("use_directory_urls", True) is not False
    pages = {}
    for src in _doc_files(docs_dir) if docs_dir.is_dir() else []:
        pages[src] = (page_url(src, directory_urls), (docs_dir / src).read_text(encoding="utf-8-sig"))
    continuations = {}
    for src, (_, text) in pages.items():
        front = FRONT_MATTER.match(text)
        try:
            meta = yaml.safe_load(front.group(1)) if front else None
        except yaml.YAMLError:
            continue  # the page's own conversion says where (quizbank.extension)
        if isinstance(meta, dict) and isinstance(meta.get("continues"), str):
            continuations[src] = meta["continues"]
    course = course_manifest(banks, site_chapters(pages, config.get("nav") or []))
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    assert isinstance(theme, dict)
    language = str((quiz or {}).get("language") or theme.get("language") or "en")
    return Site(
        config_file=config_file,
        root=root,
        docs_dir=docs_dir,
        banks_dir=banks_dir,
        bases=bases,
        appended=appended,
        banks=banks,
        facts=facts,
        options=options,
        quiz=quiz,
        settings=given,
        course=course,
        written=written_tasks_json(banks),
        glossary=read_glossary(bases, appended),
        language=language,
        directory_urls=directory_urls,
        problems=problems,
        continuations=continuations,
    )
