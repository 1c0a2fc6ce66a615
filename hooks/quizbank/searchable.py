"""Keep what a page marks `data-search-exclude` out of Material's search index, all of it.

Material's search parser leaves an element so marked out of the index only until an element of the
same tag inside it closes: it tracks the elements it skips by tag alone, so the inner `</div>` of a
pool variant's `<div class="quiz">` (or the inner `</span>` of an option's feedback) ends the
skipping, and the rest (the question, its answers) is indexed. Marking every element inside such an
element too closes the gap: each of them is skipped on its own. Only elements that need it are
touched (those holding an element of their own tag), and with a value, `data-search-exclude="1"`,
which Material removes from the page once it has indexed it (as it removes every valued
`data-search-*`): the page a student receives does not grow.

Text placed directly inside a marked element after such a nested element closes would still be
indexed; the site's markup has none (each piece of text sits in an element of its own).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

EXCLUDE = "data-search-exclude"
MARK = f' {EXCLUDE}="1"'
# Material's parser never pushes these (they have no content and no end tag): nor does this one.
VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr")
)


@dataclass
class _Open:
    tag: str
    excluded: bool
    needs: bool = False  # holds an element of its own tag: Material would stop skipping early
    unmarked: list[int] = field(default_factory=list)  # where to mark the elements inside it


class _Scan(HTMLParser):
    """Material's view of a page's elements (a stack that pops only on a matching end tag)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.starts = [0]
        for line in html.splitlines(keepends=True):
            self.starts.append(self.starts[-1] + len(line))
        self.stack: list[_Open] = []
        self.marks: set[int] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        line, column = self.getpos()
        after_name = self.starts[line - 1] + column + 1 + len(tag)
        excluded = any(name == EXCLUDE for name, _ in attrs)
        for outer in self.stack:
            if not outer.excluded:
                continue
            if outer.tag == tag:
                outer.needs = True
            if not excluded:
                outer.unmarked.append(after_name)
        self.stack.append(_Open(tag, excluded))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1].tag != tag:
            return
        closed = self.stack.pop()
        if closed.needs:
            self.marks.update(closed.unmarked)


def exclude_whole(html: str) -> str:
    """`html` with every element inside a `data-search-exclude` element that needs it marked too."""
    if EXCLUDE not in html:
        return html
    scan = _Scan(html)
    scan.feed(html)
    scan.close()
    if not scan.marks:
        return html
    out = []
    last = 0
    for at in sorted(scan.marks):
        out += [html[last:at], MARK]
        last = at
    out.append(html[last:])
    return "".join(out)
