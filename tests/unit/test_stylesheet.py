"""The site's stylesheet, minified as it is built (quizbank/stylesheet.py): smaller, never different."""

from __future__ import annotations

import pytest

from quizbank.stylesheet import UnclosedError, minify


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # Comments go; whitespace goes where CSS never needs it, and the block's last `;`.
        ("/* note */\n.a ,\n.b > .c {\n  color : red ;\n  margin: 0 auto;\n}\n", ".a,.b>.c{color :red;margin:0 auto}"),
        # A space before `:` is a descendant combinator: `.a :hover` is not `.a:hover`.
        (".a :hover { x: 1 }\n.a:focus-visible { x: 2 }", ".a :hover{x:1}.a:focus-visible{x:2}"),
        # calc() needs its spaces; `and (` is not the function `and(`.
        (
            "@media screen and (max-width: 30em) { .a { width: calc( 100% - 2 * 1rem ) } }",
            "@media screen and (max-width:30em){.a{width:calc(100% - 2 * 1rem)}}",
        ),
        # Strings stay as written, comment-like text, braces, semicolons and spaces included.
        ('.a::before { content: "/* not a comment */ ;}  " ; }', '.a::before{content:"/* not a comment */ ;}  "}'),
        (".a::after{content:'it\\'s  \\\"x\\\"'}", ".a::after{content:'it\\'s  \\\"x\\\"'}"),
        # An escaped semicolon is part of a name, not the end of a declaration.
        (".a\\;{x:1}.b{x:2\\;}", ".a\\;{x:1}.b{x:2\\;}"),
        (".a { color: red !important; }", ".a{color:red!important}"),
        # A custom property's value and a var() fallback keep their spaces, collapsed.
        (
            ":root {\n  --gap: 1rem;\n}\n.a { background: var(--bg,  rgba(0, 0, 0, 0.07) ); margin: var(--gap) }",
            ":root{--gap: 1rem}.a{background:var(--bg, rgba(0, 0, 0, 0.07) );margin:var(--gap)}",
        ),
        ("", ""),
    ],
)
def test_minify(source: str, expected: str) -> None:
    assert minify(source) == expected


@pytest.mark.parametrize(
    ("source", "line", "fix"),
    [
        (".a { x: 1 }\n\n/* never closed\n.b { x: 2 }\n", 3, "end it with */"),
        ('.a { x: 1 }\n.b::before { content: "open\n}\n', 2, 'close it with "'),
    ],
)
def test_an_unclosed_comment_or_string_is_located(source: str, line: int, fix: str) -> None:
    with pytest.raises(UnclosedError) as raised:
        minify(source)
    assert (raised.value.line, raised.value.fix) == (line, fix)
