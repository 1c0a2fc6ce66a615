r"""What a fill-in-the-blank accepts: `[[ONNX Runtime|ONNXRuntime]]`, `[[0.8]]`, `[[0.84 ± 0.01]]`.

- Alternatives are separated by `|` (`\|` is a literal bar). The browser matches ignoring case,
  surrounding spaces and repeated inner spaces, and an alternative that reads as a number also
  matches numerically equal forms (`0.8`, `0.80`, `.8`).
- `number ± tolerance` (or `+-`) accepts any number within the tolerance, bounds included.

The build reads each blank into an `Accepted` (a malformed one is a located error) and writes it
into the page as JSON; overrides/assets/javascripts/quizbank/blanks.js does the matching. `matches`
and `normalize_text` are its Python twins, for the class report (which re-marks handed-in answers
and groups wrong ones as the browser would have compared them).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")  # 1,000 or 12,500.5
TOLERANCE = re.compile(r"±|\+-|\+/-")
UNESCAPED_BAR = re.compile(r"(?<!\\)\|")


@dataclass(frozen=True)
class Accepted:
    """The answers one blank accepts: alternatives, or a number with a tolerance."""

    alternatives: tuple[str, ...] = ()
    number: str = ""
    tolerance: str = ""

    @property
    def shown(self) -> str:
        """The answer as a student is shown it: the first alternative, or "0.84 ± 0.01"."""
        return f"{self.number} ± {self.tolerance}" if self.tolerance else self.alternatives[0]

    @property
    def others(self) -> tuple[str, ...]:
        """Alternatives beyond the one shown."""
        return self.alternatives[1:]

    def as_json(self) -> str:
        if self.tolerance:
            return json.dumps({"number": self.number, "tolerance": self.tolerance})
        return json.dumps({"any": list(self.alternatives)}, ensure_ascii=False)


def parse_accepted(value: Any) -> Accepted:
    """What a grade lists for one blank, as blanks.js `parseAccepted` reads it: unreadable accepts nothing."""
    if isinstance(value, dict):
        alternatives = value.get("any")
        if isinstance(alternatives, list) and all(isinstance(a, str) for a in alternatives):
            return Accepted(alternatives=tuple(alternatives))
        number, tolerance = value.get("number"), value.get("tolerance")
        if _number_text(number) and _number_text(tolerance):
            return Accepted(number=str(number), tolerance=str(tolerance))
    return Accepted()


def _number_text(value: Any) -> bool:
    """Whether a JSON value reads as a number, as blanks.js `readNumber(String(value))` does."""
    if isinstance(value, bool) or value is None:
        return False
    return read_number(value if isinstance(value, str) else json.dumps(value)) is not None


class BlankSyntaxError(ValueError):
    """A blank that cannot be read; the message says what is wrong, for a located error."""


def read_blank(inner: str) -> Accepted:
    """The answers `[[inner]]` accepts, or BlankSyntaxError."""
    text = inner.strip()
    if TOLERANCE.search(text):
        parts = [p.strip() for p in TOLERANCE.split(text)]
        if len(parts) != 2 or not NUMBER.match(parts[0]) or not NUMBER.match(parts[1]):
            raise BlankSyntaxError(
                f"the blank [[{inner}]] has a tolerance but is not 'number ± number' (for example [[0.84 ± 0.01]])"
            )
        if float(parts[1]) < 0 or parts[1].startswith(("+", "-")):
            raise BlankSyntaxError(f"the tolerance in [[{inner}]] must be a number without a sign, such as 0.01")
        return Accepted(number=parts[0], tolerance=parts[1])
    alternatives = tuple(" ".join(a.replace("\\|", "|").split()) for a in UNESCAPED_BAR.split(text))
    if any(not a for a in alternatives):
        raise BlankSyntaxError(f"the blank [[{inner}]] has an empty answer (two bars in a row, or a bar at an end)")
    return Accepted(alternatives=alternatives)


def normalize_text(text: str) -> str:
    """A typed answer as the browser compares it: trimmed, inner spaces collapsed, lowercase."""
    return " ".join(text.split()).lower()


def read_number(text: str) -> float | None:
    """The number a typed answer reads as ("0.80", ".8", "1,000", "8e-1"), or None."""
    t = text.strip()
    if NUMBER.match(t):
        return float(t)
    if GROUPED.match(t):
        return float(t.replace(",", ""))
    return None


def matches(accepted: Accepted, given: str) -> bool:
    """Whether a typed answer fills this blank: blanks.js `matches`, rule for rule."""
    number = read_number(given)
    if accepted.tolerance:
        if number is None:
            return False
        centre, tolerance = float(accepted.number), float(accepted.tolerance)
        # Binary fractions: 0.84 - 0.01 is 0.8299999…; a relative hair of slack keeps the bounds in.
        slack = 1e-9 * max(1.0, abs(centre), tolerance)
        return abs(number - centre) <= tolerance + slack
    text = normalize_text(given)
    if not text:
        return False
    for alternative in accepted.alternatives:
        value = read_number(alternative)
        if value is not None and number is not None:
            if value == number:
                return True
        elif normalize_text(alternative) == text:
            return True
    return False
