"""Python-Markdown extension: a page's fact references (`:fact[name]`, …) replaced by the facts file's values.

One preprocessor, run after pymdownx.snippets (so the files it includes are covered too) and before
any other, so every later step (tables, links, abbreviations, the table of contents) sees the values.
A reference to a fact that does not exist stops the conversion with the page, the line and the fix.

    markdown.Markdown(extensions=[FactsExtension(file="facts.yml")])

MkDocs imports `markdown_extensions` before it loads hooks/, whose folder it does not keep on
sys.path, so this site's hook `hooks/facts.py` adds the extension itself (with the facts already
read, and the page being converted); an engine that imports extensions by name can list
`quizbank.facts_extension` with `file:` once the package is importable.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from markdown import Markdown  # type: ignore[import-untyped]
from markdown.extensions import Extension  # type: ignore[import-untyped]
from markdown.preprocessors import Preprocessor  # type: ignore[import-untyped]

from .errors import BankError, Problem
from .facts import REFERENCE, Facts, load_facts

# After pymdownx.snippets (32), before normalize_whitespace (30) and the fenced-code and HTML stashes.
PRIORITY = 31

try:
    from mkdocs.exceptions import PluginError as _Stop
except ImportError:  # pragma: no cover - another engine: a plain exception, shown with its message
    _Stop = Exception  # type: ignore[misc,assignment]


class FactsError(_Stop):
    """A located problem with the facts or a reference to them (a PluginError under MkDocs: no traceback)."""


# (path shown in errors, the page's text as written) of the page being converted, when the engine says.
PageSource = Callable[[], tuple[str, str] | None]


class FactsPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, facts: Facts, page: PageSource | None) -> None:
        super().__init__(md)
        self.facts = facts
        self.page = page

    def run(self, lines: list[str]) -> list[str]:
        expanded = self.facts.expand("\n".join(lines))
        if expanded.problems:
            raise FactsError(self.report(lines, expanded.problems))
        return expanded.text.split("\n")

    def report(self, lines: list[str], problems: tuple[tuple[int, str, str], ...]) -> str:
        """The problems, each at the line of the page's file that holds it.

        The converted Markdown is not the file: front matter is gone, quizzes and included files
        are in. So each problem's line of text is looked up in the file; one that came from an
        included file is reported at the page, naming it as the way in.
        """
        page = self.page() if self.page else None
        shown, written = page if page else ("(the page being converted)", "")
        file_lines = written.split("\n")
        located = []
        for index, what, fix in problems:
            text = lines[index] if index < len(lines) else ""
            written_refs = [m.group(0) for m in REFERENCE.finditer(text)] or [text.strip()]
            number = next(
                (n for n, line in enumerate(file_lines, 1) if any(ref and ref in line for ref in written_refs)), 0
            )
            if number:
                located.append(Problem(shown, number, what, fix))
            else:
                located.append(Problem(shown, 1, f"in a file this page includes with --8<--: {what}", fix))
        return BankError(located, subject="Facts").report()


class FactsExtension(Extension):
    """`facts`: the facts, already read; or `file`: the facts file to read (once per extension instance)."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "file": ["", "the facts file (facts.yml)"],
            # Not None: Python-Markdown would read a None default as a yes/no setting.
            "facts": ["", "the facts, already read (quizbank.facts.Facts)"],
            "page": ["", "a callable giving (path shown in errors, text as written) of the page being converted"],
        }
        super().__init__(**kwargs)
        self._facts: Facts | None = self.getConfig("facts") or None

    def facts(self) -> Facts:
        if self._facts is None:
            path = Path(self.getConfig("file")) if self.getConfig("file") else None
            try:
                self._facts = load_facts(path, Path.cwd())
            except BankError as err:
                raise FactsError(err.report()) from None
        return self._facts

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.preprocessors.register(
            FactsPreprocessor(md, self.facts(), self.getConfig("page") or None), "quizbank_facts", PRIORITY
        )


def makeExtension(**kwargs: Any) -> FactsExtension:  # noqa: N802 - Python-Markdown's entry point
    return FactsExtension(**kwargs)
