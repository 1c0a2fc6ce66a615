"""Find `<!-- quiz: bank -->` and `<!-- quiz: bank#id -->` markers in a chapter's Markdown.

A marker that would silently do nothing is an error instead: one inside a blockquote, an
admonition or a list (Python-Markdown reads HTML blocks only at the top level of a page), one
with other text on its line, one swallowed by a code block that is never closed, and one in a
file included with `--8<--` (snippets are expanded after markers are placed).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .errors import Problem, did_you_mean
from .model import Bank, Question
from .text import fences, segments

MARKER = re.compile(r"^(?P<indent>[ \t]*)<!--\s*quiz:\s*(?P<ref>[^\s]*?)\s*-->\s*$", re.I)
QUOTED_MARKER = re.compile(r"^[ \t]*(?:>[ \t]?)+[ \t]*<!--\s*quiz\b", re.I)
# Anything that looks like a marker but is not one on its own line: reported, not ignored.
NEAR_MARKER = re.compile(r"<!--\s*quiz\b", re.I)
REF = re.compile(
    r"^(?P<bank>[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*)(?:#(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*))?$"
)
# pymdownx.snippets: `--8<-- "file"` on one line, or a block of file names between two `--8<--`.
SNIPPET_LINE = re.compile(r'^[ \t]*-{1,}8<-{1,}[ \t]+"(?P<name>[^"]+)"[ \t]*$')
SNIPPET_FENCE = re.compile(r"^[ \t]*-{1,}8<-{1,}[ \t]*$")
# A snippet may name lines or a section after the file: "file.md:3:9", "file.md:section".
SNIPPET_FILE = re.compile(r"^(?P<file>.+?\.[A-Za-z0-9]+)(?::[\w-]*)*$")


@dataclass(frozen=True)
class Marker:
    line: int  # 0-based index into the page's Markdown lines
    bank: str
    question_id: str | None


@dataclass(frozen=True)
class Source:
    """A chapter as instructors know it: its path, and how its Markdown lines map to the file's lines.

    MkDocs removes the front matter above the Markdown (`line_offset` lines). When an earlier
    plugin changed the Markdown too, `moved` maps a Markdown line to its file line wherever its
    text occurs exactly once in the file.
    """

    shown: str
    line_offset: int = 0
    moved: tuple[tuple[int, int], ...] = ()

    @classmethod
    def of(cls, shown: str, file_text: str, markdown: str) -> Source:
        """The Source of `markdown`, read from a file whose full text (front matter included) is `file_text`."""
        if file_text.endswith(markdown):
            return cls(shown, file_text[: len(file_text) - len(markdown)].count("\n"))
        file_lines = file_text.split("\n")
        where: dict[str, list[int]] = {}
        for number, text in enumerate(file_lines, 1):
            where.setdefault(text, []).append(number)
        moved = tuple(
            (index, where[text][0])
            for index, text in enumerate(markdown.split("\n"))
            if text.strip() and len(where.get(text, ())) == 1
        )
        return cls(shown, 0, moved)

    def line(self, index: int) -> int:
        """The 1-based line in the file of the 0-based Markdown line `index`."""
        for markdown_line, file_line in self.moved:
            if markdown_line == index:
                return file_line
        return index + 1 + self.line_offset

    def problem(self, index: int, what: str, fix: str) -> Problem:
        return Problem(self.shown, self.line(index), what, fix)


def _outside_code_spans(line: str) -> str:
    return "".join(seg.text for seg in segments(line) if not seg.code)


def marker_like_lines(text: str) -> list[int]:
    """0-based lines that mention a quiz marker outside code (fenced blocks and `code` spans)."""
    lines = text.split("\n")
    code = {i for f in fences(lines) for i in range(f.start, f.end + 1)}
    return [i for i, line in enumerate(lines) if i not in code and NEAR_MARKER.search(_outside_code_spans(line))]


def find_markers(markdown: str, source: Source) -> tuple[list[Marker], list[Problem]]:
    """Markers outside fenced code, and problems for every marker that would not render."""
    lines = markdown.split("\n")
    markers: list[Marker] = []
    problems: list[Problem] = []
    in_code: dict[int, int | None] = {}  # line → opening line of its unclosed fence, or None if closed
    for fence in fences(lines):
        for index in range(fence.start, fence.end + 1):
            in_code[index] = None if fence.closed else fence.start
    for index, line in enumerate(lines):
        if index in in_code:
            opened = in_code[index]
            if opened is not None and index != opened and NEAR_MARKER.search(line):
                problems.append(
                    source.problem(
                        index,
                        f"this quiz marker is inside a code block that opens on line {source.line(opened)} and is never closed.",
                        "close the code block (a line with the same ``` or ~~~) before the marker.",
                    )
                )
            continue
        m = MARKER.match(line)
        if m and m.group("indent"):
            problems.append(
                source.problem(
                    index,
                    "a quiz marker is indented (inside an admonition, tab or list), where the quiz cannot render.",
                    "move the marker to the start of its own line, outside the indented block.",
                )
            )
        elif m:
            ref = REF.match(m.group("ref"))
            if ref:
                markers.append(Marker(index, ref.group("bank"), ref.group("id")))
            else:
                problems.append(
                    source.problem(
                        index,
                        f"the quiz marker names '{m.group('ref')}', which is not a bank name or bank#question-id.",
                        "write e.g. '<!-- quiz: part-1 -->' or '<!-- quiz: part-1#key-benefit -->'"
                        + (" (bank names and ids are lowercase)." if m.group("ref").lower() != m.group("ref") else "."),
                    )
                )
        elif QUOTED_MARKER.match(line):
            problems.append(
                source.problem(
                    index,
                    "a quiz marker is inside a blockquote ('>'), where the quiz cannot render.",
                    "move the marker out of the blockquote, to the start of a line of its own.",
                )
            )
        elif NEAR_MARKER.search(_outside_code_spans(line)):
            problems.append(
                source.problem(
                    index,
                    f"this line looks like a quiz marker but is not one on a line of its own: {line.strip()}",
                    "write it alone on its line as '<!-- quiz: bank -->' or '<!-- quiz: bank#question-id -->', "
                    "with a blank line above and below.",
                )
            )
    return markers, problems


def _file_of(name: str) -> str:
    m = SNIPPET_FILE.match(name)
    return m.group("file") if m else name


def included_files(markdown: str) -> list[tuple[int, str]]:
    """(0-based line, file name) of every file that pymdownx.snippets includes, outside code (URLs left out)."""
    lines = markdown.split("\n")
    code = {i for f in fences(lines) for i in range(f.start, f.end + 1)}
    out: list[tuple[int, str]] = []
    block_start: int | None = None
    for index, line in enumerate(lines):
        if index in code:
            continue
        if block_start is not None:
            if SNIPPET_FENCE.match(line):
                block_start = None
            elif line.strip() and not line.strip().startswith((";", "http://", "https://")):
                out.append((index, _file_of(line.strip())))
            continue
        m = SNIPPET_LINE.match(line)
        if m and not m.group("name").startswith((";", "http://", "https://")):
            out.append((index, _file_of(m.group("name"))))
        elif SNIPPET_FENCE.match(line):
            block_start = index
    return out


def markers_in_included_files(markdown: str, source: Source, read: Callable[[str], str | None]) -> list[Problem]:
    """A problem for every missing included file, and every marker in an included file (never placed).

    `read` returns an included file's text, or None when there is no such file (also a problem: the
    snippets extension would stop the build with a traceback).
    """
    problems = []
    for index, name in included_files(markdown):
        text = read(name)
        if text is None:
            problems.append(
                source.problem(
                    index,
                    f"the included file {name} does not exist.",
                    "check the file name after --8<-- (paths are relative to the folder of mkdocs.yml).",
                )
            )
            continue
        for inner in marker_like_lines(text):
            problems.append(
                source.problem(
                    index,
                    f"the included file {name} has a quiz marker on its line {inner + 1}; markers in included files are never placed.",
                    "put the marker in the chapter itself, on a line of its own.",
                )
            )
    return problems


def resolve(
    marker: Marker, banks: dict[str, Bank], source: Source, *, export_only: bool = False
) -> tuple[Bank, list[Question]] | Problem | None:
    """The bank and questions a marker places, or a located problem naming the nearest valid name.

    A whole bank places its questions but those marked `export_only`; a marker naming an
    export-only bank or question is a problem (unless `export_only`: the question-bank preview
    shows every question). None: the marker names something a damaged bank could not read
    (`make check`), whose problems are reported already.
    """
    bank = banks.get(marker.bank)
    if bank is None:
        known = ", ".join(sorted(banks)) or "none yet"
        return source.problem(
            marker.line,
            f"the quiz marker names the bank '{marker.bank}', which does not exist.",
            f"{did_you_mean(marker.bank, banks)}banks are the .yml files under quizzes/ (known: {known}).",
        )
    if bank.export_only and not export_only:
        return source.problem(
            marker.line,
            f"the quiz marker names the bank '{bank.name}', which is for the export only ('export_only: true' in {bank.path}).",
            "remove the marker, or remove 'export_only: true' from the bank to show its questions on the site.",
        )
    if marker.question_id is None:
        return bank, [q for q in bank.questions if export_only or not q.export_only]
    question = bank.get(marker.question_id)
    if question is None:
        if bank.may_hold(marker.question_id):
            return None
        ids = [q.id for q in bank.questions]
        return source.problem(
            marker.line,
            f"the quiz marker names the question '{marker.question_id}', which is not in bank '{bank.name}' ({bank.path}).",
            f"{did_you_mean(marker.question_id, ids)}ids in that bank: {', '.join(ids)}.",
        )
    if question.export_only and not export_only:
        return source.problem(
            marker.line,
            f"the quiz marker names the question '{bank.name}#{question.id}', which is for the export only "
            f"('export_only: true' at {bank.path}:{question.line}).",
            "remove the marker, or remove 'export_only: true' from the question to show it on the site.",
        )
    return bank, [question]
