"""Reading what a blank accepts: alternatives, escaped bars, numbers and tolerances (the browser matches: tests/js/blanks.test.mjs)."""

from __future__ import annotations

import json

import pytest

from quizbank.blanks import Accepted, BlankSyntaxError, matches, normalize_text, read_blank, read_number


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


def test_python_matches_as_the_browser_does() -> None:
    """blanks.py `matches` (the class report re-marks with it) follows tests/js/blanks.test.mjs case for case."""
    onnx = read_blank("ONNX Runtime|ONNXRuntime")
    for given in ["ONNX Runtime", "onnx runtime", "  ONNX    Runtime ", "onnxruntime", "ONNXRUNTIME"]:
        assert matches(onnx, given), given
    for given in ["ONNX", "ONNX-Runtime", "ONNX Run time", "", "   "]:
        assert not matches(onnx, given), given
    eight = read_blank("0.8")
    for given in ["0.8", "0.80", ".8", "+0.8", "0.800", "8e-1"]:
        assert matches(eight, given), given
    for given in ["0.08", "8", "0.81", "zero point eight", "0,8"]:
        assert not matches(eight, given), given
    assert matches(read_blank("1000"), "1,000")
    assert read_number("1,000.5") == 1000.5 and read_number("1,00") is None
    f1 = read_blank("0.84 ± 0.01")
    for given in ["0.84", "0.845", "0.83", "0.85", ".835", "0.8400"]:
        assert matches(f1, given), given
    for given in ["0.86", "0.8299", "0.8501", "0.82", "about 0.84", ""]:
        assert not matches(f1, given), given
    assert normalize_text("  ONNX \t Runtime ") == "onnx runtime"
