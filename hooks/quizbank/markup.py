"""Small helpers for the HTML-with-Markdown that the renderers emit (md_in_html)."""

from __future__ import annotations

from html import escape

from .text import protect_code_spans


def attrs(**attrs: str | bool | None) -> str:
    """HTML attributes from keywords: `class_` → class, `data_x` → data-x; True → bare, None/False → left out."""
    out = []
    for key, value in attrs.items():
        name = key.rstrip("_").replace("_", "-")
        if value is True:
            out.append(name)
        elif value:
            out.append(f'{name}="{escape(str(value))}"')
    return " ".join(out)


def block(text: str) -> list[str]:
    """Markdown for a `markdown="1"` block: blank lines around it so it parses as blocks."""
    return ["", *protect_code_spans(text.strip()).split("\n"), ""]


def span(text: str) -> str:
    """Markdown for a `markdown="span"` element: one line of inline Markdown."""
    return " ".join(protect_code_spans(text.strip()).split("\n"))
