"""Minify the site's stylesheet at build time: comments out, whitespace down to what CSS needs.

The one stylesheet (hooks/quiz_assets.py) is render-blocking on every page and 35 KB as written
(8.5 KB gzip; 5 KB once minified). It is minified here, in the build, rather than by `make bundle`,
so that an instructor who edits `overrides/site.css` sees the change in `mkdocs serve` at once and
never ships a stale copy.

Deliberately conservative: strings are kept byte for byte; whitespace is collapsed to one space and
removed only where CSS never needs it (NO_SPACE_AFTER, NO_SPACE_BEFORE): never before `:` (`a :hover`
and `a:hover` differ) or `(` (`and (` is not `and(`), nor beside `+`, `-` or `*` (`calc(1rem + 2px)`
needs them). The last `;` of a block goes; nothing is renamed or reordered. tests/js/stylesheet.test.mjs checks that esbuild reads the result as it reads the source.
"""

from __future__ import annotations

import re

TOKEN = re.compile(
    r"""
    (?P<comment>/\*.*?\*/)
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<space>\s+)
  | (?P<unclosed>/\*|["'])
  | (?P<other>(?:\\.|[^"'/\s\\])+|/)
    """,
    re.S | re.X,
)
# Where CSS never needs a space: after `(` and `:` (a space *before* `:` is a descendant combinator),
# before `)` and `!important`, and on both sides of `{ } ; , >`.
NO_SPACE_AFTER = frozenset("{};,>(:")
NO_SPACE_BEFORE = frozenset("{};,>)!")
# A custom property's value and a var() fallback keep their spaces (`--x: 1`, `var(--x, #ccc)`),
# collapsed but never removed: older specs, and esbuild, read them as part of the value.
_CUSTOM_PROPERTY = re.compile(r"(?:\A|[{;])--[^{;:]*:\Z")
# A block's last `;` (never an escaped `\;`), at the end of a run or before its `}`.
_LAST_SEMICOLON = re.compile(r"(?<!\\);+\Z")
_LAST_SEMICOLON_INSIDE = re.compile(r"(?<!\\);+}")


class UnclosedError(ValueError):
    """A comment or string that never ends: the browser would drop the rest of the file."""

    def __init__(self, line: int, what: str, fix: str) -> None:
        self.line, self.what, self.fix = line, what, fix
        super().__init__(f"line {line}: {what}")


def minify(css: str) -> str:
    """`css` without comments and needless whitespace; raises UnclosedError on an unclosed comment or string."""
    out: list[str] = []
    pending_space = False
    parens: list[bool] = []  # open brackets, innermost last: True for a var(
    for match in TOKEN.finditer(css):
        kind, text = match.lastgroup, match.group()
        if kind in ("comment", "space"):
            pending_space = True
            continue
        if kind == "unclosed":
            line = css.count("\n", 0, match.start()) + 1
            if text == "/*":
                raise UnclosedError(line, "a comment opens here and is never closed", "end it with */")
            raise UnclosedError(
                line, f"a string opens here with {text} and does not end on its line", f"close it with {text}"
            )
        if pending_space and out and _space_needed(out[-1], text, in_var=True in parens):
            out.append(" ")
        pending_space = False
        if text[0] == "}" and out and kind == "other":
            out[-1] = _LAST_SEMICOLON.sub("", out[-1])  # `a{color:red; }` -> `a{color:red}`
        if kind == "string":
            out.append(text)
            continue
        out.append(_LAST_SEMICOLON_INSIDE.sub("}", text))
        for at, char in enumerate(text):
            if char == "(":
                parens.append(text.endswith("var(", 0, at + 1))
            elif char == ")" and parens:
                parens.pop()
    return "".join(out)


def _space_needed(before: str, after: str, *, in_var: bool) -> bool:
    """Whether the whitespace between two runs of text must stay (as one space)."""
    if in_var:
        return True
    if after[0] in NO_SPACE_BEFORE:
        return False
    return before[-1] not in NO_SPACE_AFTER or _CUSTOM_PROPERTY.search(before) is not None
