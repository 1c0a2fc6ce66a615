"""Text for the export formats: Markdown to HTML, HTML to plain text, blanks, numbers."""

from __future__ import annotations

import re
from decimal import Decimal
from html.parser import HTMLParser
from typing import ClassVar

import markdown  # type: ignore[import-untyped]

from ..blanks import Accepted
from ..text import find_blanks

# ── Text: Markdown to HTML, HTML to plain text, blanks, numbers ─────────────────────────────

# Bank text is Markdown; fenced code and tables are the extensions it uses.
MARKDOWN_EXTENSIONS = ["fenced_code", "tables"]
ONE_PARAGRAPH = re.compile(r"\A<p>(.*)</p>\Z", re.S)
# Stands for a blank while a question is rendered: letters and digits only, so Markdown leaves it alone.
BLANK_TOKEN = "qzblank{}qz"
BLANK_TOKEN_RE = re.compile(r"qzblank(\d+)qz")


def to_html(text: str) -> str:
    return str(markdown.markdown(text.strip(), extensions=MARKDOWN_EXTENSIONS))


def inline_html(text: str) -> str:
    """HTML for an option, a feedback or a hint: one paragraph loses its <p>, to sit inline."""
    html = to_html(text)
    one = ONE_PARAGRAPH.match(html)
    return one.group(1) if one and "<p>" not in one.group(1) else html


class _TextOf(HTMLParser):
    """Collects what a reader sees of some HTML: paragraphs, list items and table rows on lines of their own."""

    BREAKS: ClassVar[dict[str, str]] = {
        "p": "\n\n",
        "pre": "\n\n",
        "table": "\n\n",
        "ul": "\n\n",
        "ol": "\n\n",
        "li": "\n",
        "tr": "\n",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.cells = 0
        self.pre = 0  # inside <pre>, newlines are the text's own

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.out.append("\n")
        elif tag == "li":
            self.out.append("- ")
        elif tag == "tr":
            self.cells = 0
        elif tag in ("td", "th"):
            self.out.append(" | " if self.cells else "")
            self.cells += 1
        elif tag == "pre":
            self.pre += 1

    def handle_endtag(self, tag: str) -> None:
        self.pre -= tag == "pre"
        self.out.append(self.BREAKS.get(tag, ""))

    def handle_data(self, data: str) -> None:
        if self.pre:
            self.out.append(data)
        elif data.strip() or "\n" not in data:  # whitespace with a newline only separates blocks
            self.out.append(data.replace("\n", " "))  # a line break inside a paragraph is a space


def plain_text(html: str) -> str:
    parser = _TextOf()
    parser.feed(html)
    parser.close()
    text = re.sub(r"[ \t]+\n", "\n", "".join(parser.out))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def with_blank_tokens(question: str) -> str:
    """A fill-in's Markdown with each blank replaced by BLANK_TOKEN, numbered from 0."""
    text = question
    for index, blank in reversed(list(enumerate(find_blanks(text)))):
        text = text[: blank.start] + BLANK_TOKEN.format(index) + text[blank.end :]
    return text


def normal_number(number: str) -> str:
    """A number as GIFT and the key write it: "0.84", never ".84", "+1" or "1e3"."""
    return format(Decimal(number), "f").lstrip("+")


def equal_form(number: str) -> str:
    """Another way of writing a number, for messages: 0.8 → 0.80, 512 → 512.0."""
    return number + ("0" if "." in number else ".0")


def tolerance_range(accepted: Accepted) -> str:
    number, tolerance = Decimal(accepted.number), Decimal(accepted.tolerance)
    return f"{normal_number(str(number - tolerance))} to {normal_number(str(number + tolerance))}"
