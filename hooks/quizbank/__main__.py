"""The quiz banks from the command line, without building the site (`make check`, `make export`, `make class-report`).

    python -m quizbank check  [-f mkdocs.yml]     every bank and every marker, with the build's located messages
    python -m quizbank export [-f mkdocs.yml] [-o dist]   QTI 1.2 and 2.1, Moodle GIFT and a printable answer key
    python -m quizbank class-report IN [-f mkdocs.yml] [-o dist/class-report]   item analysis of handed-in progress files
    python -m quizbank schema [-f mkdocs.yml]     quizzes/schema.json, generated from the question types
    python -m quizbank site [-f mkdocs.yml] [-d site] [--serve [--watch]]   the site-level files, after any engine has built
        the site (course.json, course.css, the app's manifest, each page's final HTML, the service worker last)

Run with hooks/ on the import path (the Makefile does: PYTHONPATH=hooks). `check` lists every problem at once,
sorted by file and line; exit status 1 on any error (warnings are listed, and do not fail).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import Problem, RenderOptions, Source, display_path, load_banks, place_quizzes
from .coverage import unplaced
from .errors import BankError, summary
from .factcheck import facts_problems
from .facts import UNREAD_FACTS, Facts, facts_file, load_facts
from .manifest import Chapter, placed_on
from .markers import markers_in_included_files
from .model import Bank
from .schema import SCHEMA_FILE, schema_text
from .siteconfig import read_config, settings
from .types.written_task import missing_examples

FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n.*?\n(?:-{3}|\.{3})[ \t]*\n", re.S)


@dataclass(frozen=True)
class Page:
    """A chapter as `make check` reads it: its path as shown, its whole text, its Markdown (front matter removed)."""

    shown: str
    text: str
    markdown: str


@dataclass
class Project:
    """What every check reads, loaded once: the banks (damaged ones too) and the chapters."""

    root: Path
    bases: list[Path]
    banks: dict[str, Bank]
    pages: list[Page]
    facts: Facts
    banks_dir: Path
    docs_dir: Path
    problems: list[Problem] = field(default_factory=list)  # found while loading the facts and the banks
    appended: list[str] = field(default_factory=list)  # files pymdownx.snippets appends to every page

    @classmethod
    def read(cls, config_path: Path) -> Project:
        root = config_path.resolve().parent
        config = read_config(config_path)
        banks_dir, docs_dir, bases, appended = settings(config, root)
        problems: list[Problem] = []
        try:
            facts = load_facts(facts_file(config.get("extra"), root), root)
        except BankError as err:
            # Reported once, here; the banks' and chapters' references are then left as written.
            problems += err.problems
            facts = UNREAD_FACTS
        banks = load_banks(banks_dir, root, problems, facts)
        pages = []
        for path in sorted(docs_dir.rglob("*.md")):
            text = path.read_text(encoding="utf-8")
            front = FRONT_MATTER.match(text)
            pages.append(Page(display_path(path, root), text, text[front.end() :] if front else text))
        return cls(root, bases, banks, pages, facts, banks_dir, docs_dir, problems, appended)

    def read_snippet(self, name: str) -> str | None:
        for base in self.bases:
            if (base / name).is_file():
                return (base / name).read_text(encoding="utf-8", errors="replace")
        return None


def chapter_problems(project: Project) -> list[Problem]:
    """Every marker of every chapter, as the build places them, and markers in included files."""
    problems: list[Problem] = []
    for page in project.pages:
        source = Source.of(page.shown, page.text, page.markdown)
        problems += markers_in_included_files(page.markdown, source, project.read_snippet)
        try:
            place_quizzes(page.markdown, project.banks, source=source, options=RenderOptions())
        except BankError as err:
            problems += err.problems
    return problems


def fact_problems(project: Project) -> list[Problem]:
    """References to facts that do not exist in chapters and included files; facts past their review date (warnings)."""
    return facts_problems(
        project.facts, project.root, project.docs_dir, project.bases, project.appended, project.banks_dir
    )


def example_problems(project: Project) -> list[Problem]:
    """Written tasks whose example answers have no file."""
    return missing_examples(project.banks, project.bases)


def unplaced_questions(project: Project) -> list[Problem]:
    """A warning for every question no chapter places (and no `export_only` accounts for)."""
    chapters = [Chapter(page.shown, page.shown, page.markdown) for page in project.pages]
    return unplaced(project.banks, placed_on(chapters, project.banks))


# What `make check` runs, after reading the banks (whose own problems come first): each takes the
# project and returns what it finds. Add a check here; the report sorts them all by file and line.
CHECKS = (chapter_problems, fact_problems, example_problems, unplaced_questions)


def check(config_path: Path) -> list[Problem]:
    """Every problem the build would report in banks, markers and example sets, and every unplaced question."""
    project = Project.read(config_path)
    problems = list(project.problems)
    for run in CHECKS:
        problems += run(project)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quizbank", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["check", "export", "class-report", "schema", "site"])
    parser.add_argument(
        "folder", nargs="?", type=Path, help="class-report: the folder (or .zip) of progress files students handed in"
    )
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml")
    parser.add_argument(
        "-o", "--out", type=Path, help="the folder to write (export: dist/; class-report: dist/class-report/)"
    )
    parser.add_argument("-d", "--site-dir", type=Path, help="site: the built site (default: mkdocs.yml's site_dir)")
    parser.add_argument(
        "--serve", action="store_true", help="site: a preview (no service worker: it would answer from its cache)"
    )
    parser.add_argument(
        "--watch", action="store_true", help="site: finish the site again whenever a preview engine rewrites it"
    )
    args = parser.parse_args(argv)
    if not args.config_file.is_file():
        print(
            f"{args.config_file}: no such file. Fix: run from the site's folder, or pass -f path/to/mkdocs.yml.",
            file=sys.stderr,
        )
        return 2
    if args.command == "class-report":
        return class_report(args.config_file, args.folder, args.out or Path("dist/class-report"))
    if args.command == "schema":
        return write_schema(args.config_file)
    if args.command == "site":
        if args.watch:
            from .postbuild import watch

            try:
                watch(args.config_file, args.site_dir)
            except KeyboardInterrupt:
                return 0
        return finish(args.config_file, args.site_dir, serving=args.serve)
    problems = check(args.config_file)
    errors = [p for p in problems if p.severity == "error"]
    if problems:
        print(summary(problems), file=sys.stderr)
    if errors:
        return 1
    if args.command == "check":
        print("Quiz banks: no errors." if problems else "Quiz banks: no problems found.")
        return 0
    from .export.command import export_course  # only when asked: the exporters need mkdocs-quiz

    return export_course(args.config_file, args.out or Path("dist"))


def finish(config_path: Path, site_dir: Path | None, *, serving: bool) -> int:
    """The site-level steps over a built site (quizbank/postbuild.py); exit status 1 on any error."""
    from .postbuild import finish_site  # only when asked: it reads mkdocs-quiz's installed files

    done = finish_site(config_path, site_dir, serving=serving)
    if done.problems:
        print(summary(done.problems, "Site"), file=sys.stderr)
    if done.errors:
        return 1
    print(
        f"Site ({done.site}): {len(done.written)} files written, {done.pages_changed} pages finished, "
        f"{len(done.removed)} source files removed."
    )
    return 0


def write_schema(config_path: Path) -> int:
    """Write the banks' JSON Schema, generated from the question types, beside the banks (`schema.json`)."""
    root = config_path.resolve().parent
    banks_dir = settings(read_config(config_path), root)[0]
    path = banks_dir / SCHEMA_FILE
    text = schema_text()
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        print(f"{display_path(path, root)}: up to date.")
        return 0
    path.write_text(text, encoding="utf-8")
    print(f"Wrote {display_path(path, root)}: the bank format's schema, from the question types.")
    return 0


def class_report(config_path: Path, folder: Path | None, out: Path) -> int:
    if folder is None or not folder.exists():
        given = "no folder was given" if folder is None else f"{folder}: no such folder or file"
        print(
            f"Class report: {given}. Fix: put the progress files students handed in (or the LMS's zip download) "
            "in a folder and pass it: make class-report IN=path/to/folder",
            file=sys.stderr,
        )
        return 2
    from .report import (
        NothingFound,
        write_report,
    )  # only when asked: the figures need matplotlib (requirements-report.txt)

    try:
        written = write_report(config_path, folder, out)
    except BankError as err:
        print(err.report(), file=sys.stderr)
        return 1
    except NothingFound as err:
        print(err, file=sys.stderr)
        return 2
    print(written.terminal)
    if not written.counted:
        print(
            f"Class report: none of the {written.found} files found could be counted (the reasons are above). "
            "Fix: check that they are the files My progress's “Download my progress” saves, from this course's site.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
