"""Markdown-aware text helpers: where code is, where blanks are, and what would break the layout.

Quiz text is Markdown that ends up inside the quiz's HTML, so anything that only *looks* like
syntax (a `[[1, 2]]` tensor or a `</div>` in backticks, a `- [x]` line in a code block) must
stay literal. Everything here works on the text outside code spans and fenced blocks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
BLANK = re.compile(r"\[\[(.*?)\]\]", re.S)
# Tags that would close or open the quiz's own structure if written raw in quiz text (a raw
# `</span>` in option feedback would end the hidden feedback early and show it before answering),
# or would run or embed something: refused in bank text, allowed in backticks.
STRUCTURAL_TAG = re.compile(
    r"</?(?:div|form|fieldset|legend|section|label|details|summary|textarea|span|p|button|input|select|option"
    r"|script|style|noscript|template|iframe|object|embed)\b[^>]*>",
    re.I,
)


@dataclass(frozen=True)
class Segment:
    text: str
    start: int  # offset in the original text
    code: str  # "" for prose, "span" for inline code, "fence" for a fenced block


@dataclass(frozen=True)
class Blank:
    answer: str
    start: int
    end: int


def segments(text: str) -> Iterator[Segment]:
    """Split Markdown into prose, inline code spans and fenced code blocks, in order."""
    pos = 0
    for start, end, is_fence in _code_ranges(text):
        if start > pos:
            yield Segment(text[pos:start], pos, "")
        yield Segment(text[start:end], start, "fence" if is_fence else "span")
        pos = end
    if pos < len(text):
        yield Segment(text[pos:], pos, "")


@dataclass(frozen=True)
class Fence:
    """A fenced code block: its first and last line (0-based, inclusive); `closed` is False when it runs to the end."""

    start: int
    end: int
    closed: bool


def fences(lines: list[str]) -> list[Fence]:
    """The fenced code blocks among `lines` (``` or ~~~, closed by a run at least as long)."""
    out: list[Fence] = []
    opened: tuple[str, int, int] | None = None  # (char, length, line)
    for index, line in enumerate(lines):
        match = FENCE.match(line)
        if opened is None:
            if match:
                run = match.group(1)
                opened = (run[0], len(run), index)
        elif (
            match
            and match.group(1)[0] == opened[0]
            and len(match.group(1)) >= opened[1]
            and not line.strip()[len(match.group(1)) :].strip()
        ):
            out.append(Fence(opened[2], index, True))
            opened = None
    if opened is not None:  # an unclosed fence runs to the end, as in Markdown
        out.append(Fence(opened[2], len(lines) - 1, False))
    return out


def _code_ranges(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, is_fence) of every code region, as character offsets. Fences first, then spans."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    prose_start = 0
    for fence in fences([line.rstrip("\r\n") for line in lines]):
        yield from _span_ranges(text, prose_start, starts[fence.start])
        yield (starts[fence.start], starts[fence.end + 1], True)
        prose_start = starts[fence.end + 1]
    yield from _span_ranges(text, prose_start, len(text))


def _span_ranges(text: str, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
    """Inline code spans between start and end: a run of N backticks closed by exactly N."""
    pos = start
    opener = re.compile(r"`+")
    while True:
        m = opener.search(text, pos, end)
        if not m:
            return
        run = m.group(0)
        closer = re.compile(r"(?<!`)" + run + r"(?!`)")
        c = closer.search(text, m.end(), end)
        if not c:
            pos = m.end()  # unmatched backticks are literal text
            continue
        yield (m.start(), c.end(), False)
        pos = c.end()


def find_blanks(text: str) -> list[Blank]:
    """Every `[[answer]]` outside code."""
    out: list[Blank] = []
    for seg in segments(text):
        if seg.code:
            continue
        for m in BLANK.finditer(seg.text):
            out.append(Blank(m.group(1), seg.start + m.start(), seg.start + m.end()))
    return out


def find_forbidden_html(text: str) -> list[tuple[int, str]]:
    """(0-based line, tag) for each structural HTML tag written outside code."""
    out = []
    for seg in segments(text):
        if seg.code:
            continue
        for m in STRUCTURAL_TAG.finditer(seg.text):
            absolute = seg.start + m.start()
            out.append((text.count("\n", 0, absolute), m.group(0)))
    return out


def protect_code_spans(text: str, blank: Callable[[int, str], str] | None = None) -> str:
    """Turn inline code into `<code>` with every character as an entity; optionally fill blanks.

    The quiz is emitted as HTML with Markdown inside (md_in_html), whose HTML parser reads
    raw text before inline code is recognised: a `</div>` in backticks would close the quiz.
    Entities are inert to that parser and to every inline pattern (emphasis, abbreviations,
    blanks), and the browser shows them exactly as written. With `blank`, each `[[answer]]`
    in prose is replaced by `blank(index, answer)`.
    """
    out = []
    count = 0
    for seg in segments(text):
        if seg.code == "span":
            ticks = len(seg.text) - len(seg.text.lstrip("`"))
            inner = seg.text[ticks:-ticks]
            if inner.startswith(" ") and inner.endswith(" ") and inner.strip():
                inner = inner[1:-1]  # CommonMark strips one space each side
            out.append("<code>" + "".join(f"&#{ord(ch)};" for ch in inner) + "</code>")
        elif seg.code == "fence" or blank is None:
            out.append(seg.text)
        else:
            pos = 0
            for m in BLANK.finditer(seg.text):
                out.append(seg.text[pos : m.start()])
                out.append(blank(count, m.group(1).strip()))
                count += 1
                pos = m.end()
            out.append(seg.text[pos:])
    return "".join(out)
