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
# Tags that would close or open the quiz's own structure if written raw in quiz text.
STRUCTURAL_TAG = re.compile(r"</?(?:div|form|fieldset|section|label|details|summary|textarea)\b[^>]*>", re.I)


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


def _code_ranges(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, is_fence) of every code region. Fences first (line-based), then spans."""
    lines = text.splitlines(keepends=True)
    offset = 0
    fence: tuple[str, int, int] | None = None  # (char, length, start offset)
    prose_start = 0
    for line in lines:
        match = FENCE.match(line)
        if fence is None and match:
            yield from _span_ranges(text, prose_start, offset)
            run = match.group(1)
            fence = (run[0], len(run), offset)
        elif (
            fence is not None
            and match
            and match.group(1)[0] == fence[0]
            and len(match.group(1)) >= fence[1]
            and not line.strip()[len(match.group(1)) :].strip()
        ):
            yield (fence[2], offset + len(line), True)
            fence = None
            prose_start = offset + len(line)
        offset += len(line)
    if fence is not None:  # an unclosed fence runs to the end, as in Markdown
        yield (fence[2], len(text), True)
    else:
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
