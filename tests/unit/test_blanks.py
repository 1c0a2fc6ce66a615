"""Reading what a blank accepts: alternatives, escaped bars, numbers and tolerances (the browser matches: tests/js/blanks.test.mjs)."""

from __future__ import annotations

import json

import pytest

from quizbank.blanks import Accepted, BlankSyntaxError, read_blank


@pytest.mark.parametrize(
    ("inner", "expected"),
    [
        ("ONNX Runtime", Accepted(alternatives=("ONNX Runtime",))),
        (" ONNX   Runtime |ONNXRuntime ", Accepted(alternatives=("ONNX Runtime", "ONNXRuntime"))),
        (r"a \| b|c", Accepted(alternatives=("a | b", "c"))),
        ("0.8", Accepted(alternatives=("0.8",))),
        ("0.84 ± 0.01", Accepted(number="0.84", tolerance="0.01")),
        ("0.84+-0.01", Accepted(number="0.84", tolerance="0.01")),
        ("-3 +/- .5", Accepted(number="-3", tolerance=".5")),
        ("List<Integer>", Accepted(alternatives=("List<Integer>",))),
    ],
)
def test_blanks_read(inner: str, expected: Accepted) -> None:
    assert read_blank(inner) == expected


@pytest.mark.parametrize(
    ("inner", "message"),
    [
        ("about 0.84 ± a bit", "is not 'number ± number'"),
        ("0.84 ± 0.01 ± 0.02", "is not 'number ± number'"),
        ("0.84 ± -0.01", "without a sign"),
        ("a||b", "empty answer"),
        ("|a", "empty answer"),
    ],
)
def test_malformed_blanks_say_what_is_wrong(inner: str, message: str) -> None:
    with pytest.raises(BlankSyntaxError, match=message):
        read_blank(inner)


def test_what_the_browser_is_given_and_what_students_see() -> None:
    assert json.loads(read_blank("ONNX Runtime|ONNXRuntime").as_json()) == {"any": ["ONNX Runtime", "ONNXRuntime"]}
    assert json.loads(read_blank("0.84 ± 0.01").as_json()) == {"number": "0.84", "tolerance": "0.01"}
    assert read_blank("0.84 ± 0.01").shown == "0.84 ± 0.01"
    assert read_blank("ONNX Runtime|ONNXRuntime").shown == "ONNX Runtime"
    assert read_blank("ONNX Runtime|ONNXRuntime").others == ("ONNXRuntime",)
