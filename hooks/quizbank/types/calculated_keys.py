"""A calculated question's own keys: the variables' ranges, the formula, the tolerance, the forms and the unit.

Each is read with a located problem for anything it cannot use (keys.py says how a type declares
its keys); the schema of each is generated into quizzes/schema.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import yaml

from ..blanks import NUMBER
from ..errors import did_you_mean
from ..keys import KeyReader
from ..nodes import Entry, NodeReader, line_of
from .formula import ALLOWED, FUNCTIONS, Formula, FormulaError, read_formula

# ── The variables: a range each, drawn on a grid ──────────────────────────────────────────────

NAME = re.compile(r"^[a-z_][a-z0-9_]*$")
VAR_KEYS = ("min", "max", "step", "decimals")
RESERVED = ("answer", *FUNCTIONS)


@dataclass(frozen=True)
class Var:
    """A variable: every value from `min` to `max` by `step` (default 1, or 10^-decimals), shown with `places` decimals."""

    name: str
    min: Decimal
    max: Decimal
    step: Decimal
    places: int
    line: int = field(default=0, compare=False)

    @property
    def count(self) -> int:
        return int((self.max - self.min) / self.step) + 1

    def value(self, index: int) -> Decimal:
        return (self.min + index * self.step).quantize(Decimal(1).scaleb(-self.places))

    def spec(self) -> str:
        """What the fingerprint keeps of it: the range and the grid."""
        return f"var {self.name} {self.min} {self.max} {self.step} {self.places}"


def shown_number(value: Decimal) -> str:
    """A number as students read it: thousands grouped by commas from 1,000 ("12,000", "0.84")."""
    text = format(value, ",f")
    return text[1:] if text.startswith("-") and not value else text  # never "-0.00"


def places_of(number: Decimal) -> int:
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _number(r: NodeReader, node: yaml.Node, what: str, example: str) -> Decimal | None:
    """A number written plainly (40, 0.5, -3); a problem otherwise."""
    text = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""
    if isinstance(node, yaml.ScalarNode) and not node.style and NUMBER.match(text):
        try:
            return Decimal(text)
        except InvalidOperation:  # pragma: no cover - NUMBER admits only what Decimal reads
            pass
    r.problem(node, f"{what} must be a number.", f"write e.g. '{example}'.")
    return None


def _whole(r: NodeReader, node: yaml.Node, what: str, low: int, high: int) -> int | None:
    text = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""
    if isinstance(node, yaml.ScalarNode) and not node.style and re.fullmatch(r"\d+", text) and low <= int(text) <= high:
        return int(text)
    r.problem(
        node, f"{what} must be a whole number from {low} to {high}.", f"write e.g. '{what.split()[0]}: {low + 1}'."
    )
    return None


def read_vars(r: NodeReader, entry: Entry, key: str) -> tuple[Var, ...]:
    """`vars:` a mapping of names to ranges, `{min: 40, max: 90}` with an optional `step` or `decimals`."""
    node = entry.value
    if not isinstance(node, yaml.MappingNode) or not node.value:
        r.problem(node, "'vars' must be a mapping of names to ranges.", "write e.g. 'vars: {tp: {min: 40, max: 90}}'.")
        return ()
    out: list[Var] = []
    seen: set[str] = set()
    for knode, vnode in node.value:
        name = str(knode.value)
        if not NAME.match(name) or name in RESERVED:
            why = "is a name the formula keeps for itself" if name in RESERVED else "is not a lowercase name"
            r.problem(
                knode, f"the variable name '{name}' {why}.", "use lowercase letters, digits and _, e.g. 'tokens'."
            )
            continue
        if name in seen:
            r.problem(knode, f"the variable '{name}' is defined twice.", "keep one of them.")
            continue
        seen.add(name)
        var = _read_var(r, name, knode, vnode)
        if var is not None:
            out.append(var)
    return tuple(out)


def _read_var(r: NodeReader, name: str, knode: yaml.Node, vnode: yaml.Node) -> Var | None:
    entries = r.mapping(vnode, VAR_KEYS, f"the variable '{name}'")
    if entries is None:
        return None
    missing = [k for k in ("min", "max") if k not in entries]
    if missing:
        r.problem(vnode, f"the variable '{name}' has no '{missing[0]}'.", f"write e.g. '{name}: {{min: 1, max: 10}}'.")
        return None
    low = _number(r, entries["min"].value, f"'min' of '{name}'", "min: 40")
    high = _number(r, entries["max"].value, f"'max' of '{name}'", "max: 90")
    if low is None or high is None:
        return None
    if low > high:
        r.problem(vnode, f"'min' of '{name}' ({low}) is larger than its 'max' ({high}).", "swap the two numbers.")
        return None
    places: int | None = None
    if "decimals" in entries:
        places = _whole(r, entries["decimals"].value, f"decimals of '{name}'", 0, 6)
        if places is None:
            return None
    if "step" in entries:
        step = _number(r, entries["step"].value, f"'step' of '{name}'", "step: 0.5")
        if step is None:
            return None
        if step <= 0:
            r.problem(entries["step"].value, f"'step' of '{name}' must be above 0.", "write e.g. 'step: 0.5'.")
            return None
    else:
        step = Decimal(1).scaleb(-(places or 0))
    written = max(places_of(step), places_of(low))
    if places is None:
        places = written
    elif written > places:
        what = "'step'" if places_of(step) > places else "'min'"
        r.problem(
            entries["decimals"].value,
            f"'{name}' is shown with {places} decimals, fewer than its {what} has ({written}).",
            f"write 'decimals: {written}', or round {what}.",
        )
        return None
    return Var(name, low, high, step, places, line_of(knode))


def read_answer_formula(r: NodeReader, entry: Entry, key: str) -> Formula | None:
    text = r.text(entry.value, key)
    if not text.strip():
        return None
    try:
        formula = read_formula(text)
    except FormulaError as err:
        r.problem(entry.value, f"{err}.", f"write the formula with {ALLOWED}, e.g. 'answer: 2*tp / (2*tp + fp + fn)'.")
        return None
    return formula


@dataclass(frozen=True)
class Tolerance:
    """How far from the exact answer is still right: absolute (0.01) or a share of the answer ("1%")."""

    amount: Decimal  # 0.01, or 0.01 for "1%"
    relative: bool
    written: str  # as the instructor wrote it, for students and the key: "0.01", "1%"

    def of(self, value: float) -> float:
        return float(self.amount) * (abs(value) if self.relative else 1.0)


def read_tolerance(r: NodeReader, entry: Entry, key: str) -> Tolerance | None:
    node = entry.value
    text = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""
    percent = re.fullmatch(r"(\d+(?:\.\d+)?|\.\d+)\s*%", text)
    number = None if percent else (Decimal(text) if isinstance(node, yaml.ScalarNode) and NUMBER.match(text) else None)
    if percent:
        amount = Decimal(percent.group(1)) / 100
        if amount > 0:
            return Tolerance(amount, True, f"{percent.group(1)}%")
    elif number is not None and number > 0:
        return Tolerance(number, False, text.lstrip("+"))
    r.problem(
        node,
        "'tolerance' must be a number above 0 (how far from the answer is still right) or a percentage.",
        "write e.g. 'tolerance: 0.01', or 'tolerance: 1%' for 1 % of the answer.",
    )
    return None


FORMS = ("decimal", "percent", "fraction")


def read_accept(r: NodeReader, entry: Entry, key: str) -> tuple[str, ...]:
    items = r.sequence(entry.value, key, "write e.g. 'accept: [decimal, percent, fraction]'.")
    chosen: set[str] = set()
    for item in items:
        word = str(item.value).strip() if isinstance(item, yaml.ScalarNode) else ""
        if word not in FORMS:
            hint = did_you_mean(word, FORMS)
            r.problem(item, f"'{word}' is not a form of answer.", hint + "the forms are: " + ", ".join(FORMS) + ".")
        elif word in chosen:
            r.problem(item, f"'{word}' is listed twice in 'accept'.", "list each form once.")
        chosen.add(word)
    return tuple(f for f in FORMS if f in chosen)


def read_decimals(r: NodeReader, entry: Entry, key: str) -> int:
    found = _whole(r, entry.value, "decimals", 0, 10)
    return 2 if found is None else found


def read_variant_count(r: NodeReader, entry: Entry, key: str) -> int:
    found = _whole(r, entry.value, "variants", 1, 50)
    return 8 if found is None else found


def read_unit(r: NodeReader, entry: Entry, key: str) -> str:
    text = " ".join(r.text(entry.value, key).split())
    if re.search(r"[\d%/]", text) or len(text) > 20:
        r.problem(
            entry.value,
            f"the unit '{text}' must be a short word or sign without digits, % or /.",
            "write e.g. 'unit: USD'.",
        )
        return ""
    return text


NUMBER_SCHEMA = {"type": "number"}
VARS = KeyReader(
    read_vars,
    {
        "type": "object",
        "minProperties": 1,
        "propertyNames": {"pattern": NAME.pattern, "not": {"enum": list(RESERVED)}},
        "additionalProperties": {"$ref": "#/$defs/variable"},
        "description": "The numbers drawn per learner: each name's range, e.g. tp: {min: 40, max: 90}.",
    },
    {
        "variable": {
            "type": "object",
            "additionalProperties": False,
            "required": ["min", "max"],
            "properties": {
                "min": NUMBER_SCHEMA,
                "max": NUMBER_SCHEMA,
                "step": {
                    "type": "number",
                    "exclusiveMinimum": 0,
                    "description": "The grid the values are drawn on (default 1, or 10^-decimals).",
                },
                "decimals": {
                    "type": "integer",
                    "minimum": 0,
                    "maximum": 6,
                    "description": "Decimals each value is shown with (default: those of step).",
                },
            },
        }
    },
)
FORMULA = KeyReader(
    read_answer_formula,
    {
        "type": "string",
        "pattern": "\\S",
        "description": "The formula, e.g. 2*tp / (2*tp + fp + fn): " + ALLOWED + ".",
    },
)
TOLERANCE = KeyReader(
    read_tolerance,
    {
        "anyOf": [
            {"type": "number", "exclusiveMinimum": 0},
            {"type": "string", "pattern": "^(\\d+(\\.\\d+)?|\\.\\d+)\\s*%$"},
        ],
        "description": "How far from the exact answer is still right: 0.01, or 1% of the answer. Default: half the last decimal shown.",
    },
)
ACCEPT = KeyReader(
    read_accept,
    {
        "type": "array",
        "minItems": 1,
        "uniqueItems": True,
        "items": {"enum": list(FORMS)},
        "description": "The forms a student may answer in: decimal (0.84), percent (84%), fraction (21/25). Default: [decimal].",
    },
)
DECIMALS = KeyReader(
    read_decimals,
    {"type": "integer", "minimum": 0, "maximum": 10, "description": "Decimals of the answer as shown (default 2)."},
)
VARIANT_COUNT = KeyReader(
    read_variant_count,
    {"type": "integer", "minimum": 1, "maximum": 50, "description": "How many variants the build draws (default 8)."},
)
UNIT = KeyReader(
    read_unit,
    {
        "type": "string",
        "pattern": "^[^0-9%/]{1,20}$",
        "description": "The answer's unit, which students may write or leave out.",
    },
)
