"""MkDocs hook: a chapter whose front matter is not valid YAML stops the build with its line.

MkDocs silently keeps a page whose `---` block fails to parse, and renders the block as text
(a rule and the raw keys) while dropping the page's title and description. An instructor who
writes `description: Part 2: …` deserves a located error instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils.meta import YAML_RE

from quizbank import display_path

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


# Before every other on_page_markdown: nothing should build on a page read the wrong way.
@event_priority(100)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    match = YAML_RE.match(markdown)
    if not match:  # front matter was parsed (and removed) or there is none
        return None
    shown = display_path(Path(config.docs_dir, page.file.src_path), Path(config.config_file_path).parent)
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 2 if mark else 1  # +1 for the opening '---', +1 for 1-based lines
        raise PluginError(
            f"{shown}:{line}: the front matter (the block between the '---' lines) is not valid "
            f"YAML: {err.problem or err.context}.\n    Fix: put values that contain ': ' in double quotes, "
            'e.g. description: "Part 2: fine-tuning on Azure".'
        ) from None
    if not isinstance(data, dict):
        raise PluginError(
            f"{shown}:2: the front matter must be 'key: value' lines.\n"
            "    Fix: write e.g. 'title: …' or 'description: …' between the '---' lines, or remove the block."
        )
    return None
