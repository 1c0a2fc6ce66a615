"""The quiz banks from the command line, without building the site (`make check`, `make export`, `make class-report`).

    python -m quizbank check  [-f mkdocs.yml]     every bank and every marker, with the build's located messages
    python -m quizbank export [-f mkdocs.yml] [-o dist]   QTI 1.2 and 2.1, Moodle GIFT and a printable answer key
    python -m quizbank class-report IN [-f mkdocs.yml] [-o dist/class-report]   item analysis of handed-in progress files

Run with hooks/ on the import path (the Makefile does: PYTHONPATH=hooks). Exit status 1 on any problem.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from . import BankError, Problem, RenderOptions, Source, display_path, load_banks, place_quizzes
from .markers import markers_in_included_files
from .siteconfig import read_config, settings
from .written_task import missing_examples

FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n.*?\n(?:-{3}|\.{3})[ \t]*\n", re.S)


def check(config_path: Path) -> list[Problem]:
    """Every problem the build would report in banks, markers and example sets."""
    root = config_path.resolve().parent
    banks_dir, docs_dir, bases, _ = settings(read_config(config_path), root)
    try:
        banks = load_banks(banks_dir, root)
    except BankError as err:
        return err.problems
    problems = missing_examples(banks, bases)

    def read(name: str) -> str | None:
        for base in bases:
            if (base / name).is_file():
                return (base / name).read_text(encoding="utf-8", errors="replace")
        return None

    for page in sorted(docs_dir.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        front = FRONT_MATTER.match(text)
        markdown = text[front.end() :] if front else text
        source = Source.of(display_path(page, root), text, markdown)
        problems += markers_in_included_files(markdown, source, read)
        try:
            place_quizzes(markdown, banks, source=source, options=RenderOptions())
        except BankError as err:
            problems += err.problems
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quizbank", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["check", "export", "class-report"])
    parser.add_argument(
        "folder", nargs="?", type=Path, help="class-report: the folder (or .zip) of progress files students handed in"
    )
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml")
    parser.add_argument(
        "-o", "--out", type=Path, help="the folder to write (export: dist/; class-report: dist/class-report/)"
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
    problems = check(args.config_file)
    if problems:
        print(BankError(problems).report(), file=sys.stderr)
        return 1
    if args.command == "check":
        print("Quiz banks: no problems found.")
        return 0
    from .export import export_course  # only when asked: the exporters need mkdocs-quiz

    return export_course(args.config_file, args.out or Path("dist"))


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
