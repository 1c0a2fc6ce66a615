"""MkDocs hook: the glossary page lists every abbreviation from the auto-appended glossary file.

The abbreviations are written once, in the file(s) pymdownx.snippets appends to every page
(`*[LoRA]: Low-Rank Adaptation — …`), which gives each one its tooltip site-wide. The page
that holds `<!-- glossary -->` gets the same entries as a definition list, so the list and
the tooltips can never disagree.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

MARKER = "<!-- glossary -->"
SVG = re.compile(r"<svg\b.*?</svg>", re.S)
ABBR_TAG = re.compile(r"</?abbr\b[^>]*>")
ABBREVIATION = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<definition>.+?)\s*$")


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if MARKER not in markdown:
        return None
    entries = read_glossary(config)
    if not entries:
        raise PluginError(
            f"{page.file.src_path}: '{MARKER}' found, but no abbreviations were found in the files that "
            "pymdownx.snippets auto-appends. Fix: add lines like '*[LoRA]: Low-Rank Adaptation' to includes/abbreviations.md."
        )
    listing = "\n\n".join(f"{term}\n:   {definition}" for term, definition in entries)
    return markdown.replace(MARKER, listing)


def read_glossary(config: MkDocsConfig) -> list[tuple[str, str]]:
    """(term, definition) pairs, sorted case-insensitively, from every auto-appended snippet file."""
    snippets = config.mdx_configs.get("pymdownx.snippets") or {}
    bases = [Path(b) for b in snippets.get("base_path", [])] or [Path(config.config_file_path).parent]
    entries: dict[str, str] = {}
    for name in snippets.get("auto_append", []):
        for base in bases:
            path = base / name
            if path.is_file():
                for line in path.read_text(encoding="utf-8").splitlines():
                    m = ABBREVIATION.match(line)
                    if m:
                        entries[m.group("term")] = m.group("definition")
                break
    return sorted(entries.items(), key=lambda item: item[0].lower())


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Keep tooltips out of inline SVG diagrams.

    An <abbr> inside <text> is not SVG, and the browser would drop the word from the drawing
    (the diagram's <title> and <desc> name it).
    """
    if "<svg" not in html or "<abbr" not in html:
        return None
    return SVG.sub(lambda m: ABBR_TAG.sub("", m.group(0)), html)
