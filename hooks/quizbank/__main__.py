"""The quiz banks from the command line, without building the site (`make check`, `make export`).

    python -m quizbank check  [-f mkdocs.yml]     every bank and every marker, with the build's located messages
    python -m quizbank export [-f mkdocs.yml] [-o dist]   QTI 1.2 and 2.1, Moodle GIFT and a printable answer key

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
    parser.add_argument("command", choices=["check", "export"])
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml")
    parser.add_argument(
        "-o", "--out", type=Path, default=Path("dist"), help="export: the folder to write (default dist/)"
    )
    args = parser.parse_args(argv)
    if not args.config_file.is_file():
        print(
            f"{args.config_file}: no such file. Fix: run from the site's folder, or pass -f path/to/mkdocs.yml.",
            file=sys.stderr,
        )
        return 2
    problems = check(args.config_file)
    if problems:
        print(BankError(problems).report(), file=sys.stderr)
        return 1
    if args.command == "check":
        print("Quiz banks: no problems found.")
        return 0
    from .export import export_course  # only when asked: the exporters need mkdocs-quiz

    return export_course(args.config_file, args.out)


if __name__ == "__main__":
    sys.exit(main())
