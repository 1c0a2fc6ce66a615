"""A calculated question: numbers drawn per learner from ranges, the answer computed by a formula at build time.

The instructor writes each variable's range (`vars:`) and a formula (`answer:`). The build draws a
fixed set of variants (seeded by bank and id: the same from build to build), evaluates the formula
for each with the small evaluator below (never Python's `eval`: only numbers, the variables,
+ - * / ** and a few named functions), and renders the question once, with the first variant's
numbers, which a student without JavaScript sees, and every variant's numbers in `data-variants`.
The browser (quizbank/types/calculated.js) draws one variant per learner, swaps its numbers in,
and marks the typed answer against that variant's value, with the tolerance and the accepted forms
of `grade` (`mark` below is its Python twin, for the class report): no formula runs in the browser.

A saved answer is `[variant id, text]`. A variant's id is a digest of its values, so a fixed formula
keeps the ids (saved answers are marked again against the new values), while a new range draws new
variants, which is a new question (the fingerprint covers the variants drawn).
"""

from __future__ import annotations

import ast
import functools
import json
import math
import operator
import random
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, ClassVar

import yaml

from ..blanks import GROUPED, NUMBER
from ..errors import did_you_mean
from ..ids import anchor, answer_key, digest, fingerprint, sub_id
from ..markup import attrs
from ..model import Finding, KeyReader, Mark, QuestionType, SelfCheck, key
from ..nodes import Entry, NodeReader, line_of
from ..selfcheck import RenderOptions, render_graded_here
from ..text import segments

# ── The formula: parsed once, evaluated per variant, never by eval ─────────────────────────────


def _round(x: float, places: float = 0) -> float:
    """Rounded half away from zero (as a calculator, not Python's round-half-even)."""
    scale = 10.0 ** int(places)
    return math.copysign(math.floor(abs(x) * scale + 0.5) / scale, x)


# name → (function, fewest arguments, most arguments)
FUNCTIONS: dict[str, tuple[Callable[..., float], int, int]] = {
    "sqrt": (math.sqrt, 1, 1),
    "exp": (math.exp, 1, 1),
    "log": (math.log, 1, 2),
    "log10": (math.log10, 1, 1),
    "ceil": (math.ceil, 1, 1),
    "floor": (math.floor, 1, 1),
    "round": (_round, 1, 2),
    "abs": (abs, 1, 1),
    "min": (min, 2, 8),
    "max": (max, 2, 8),
}
OPERATORS: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
}
ALLOWED = "numbers, the variables, + - * / ** and ( ), and the functions " + ", ".join(FUNCTIONS)


class FormulaError(ValueError):
    """A formula that cannot be read, or a variant it cannot be evaluated for; the message says why."""


@dataclass(frozen=True)
class Formula:
    """An arithmetic formula over the variables, checked when read."""

    text: str
    tree: ast.expr = field(compare=False, repr=False)

    @functools.cached_property
    def names(self) -> tuple[str, ...]:
        """The variables it uses, in the order they first appear."""
        found = [n.id for n in ast.walk(self.tree) if isinstance(n, ast.Name) and n.id not in FUNCTIONS]
        return tuple(dict.fromkeys(found))

    def __call__(self, values: Mapping[str, float]) -> float:
        """The formula's value for these variables; FormulaError when it has none (a division by zero)."""
        try:
            result = _evaluate(self.tree, values)
        except ZeroDivisionError:
            raise FormulaError("divides by zero") from None
        except OverflowError:
            raise FormulaError("gives a number too large to compute") from None
        except ValueError:
            raise FormulaError("has no value (a square root or logarithm of a negative number, or of 0)") from None
        if isinstance(result, complex) or not math.isfinite(result):
            raise FormulaError("gives no real number (a fractional power of a negative number)")
        return float(result)


def read_formula(text: str) -> Formula:
    """The formula written in `text`, or FormulaError saying what is wrong with it."""
    source = " ".join(text.split())
    try:
        tree = ast.parse(source, mode="eval").body
    except SyntaxError as err:
        at = f" near '{source[max(0, (err.offset or 1) - 1) :][:12]}'" if err.offset else ""
        raise FormulaError(f"the formula '{source}' cannot be read{at}") from None
    # A function's name is a Name node too: the names in call position are known before the check
    # (ast keeps no links to parents).
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    for node in ast.walk(tree):
        _check_node(node, source, called)
    return Formula(source, tree)


def _check_node(node: ast.AST, source: str, called: set[int]) -> None:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitXor):
        raise FormulaError(f"'^' in '{source}' is not a power here: write 2**3 for 2³")
    if isinstance(node, ast.BinOp) and type(node.op) not in OPERATORS:
        raise FormulaError(f"the formula '{source}' uses an operator other than + - * / **")
    if isinstance(node, ast.UnaryOp) and not isinstance(node.op, ast.UAdd | ast.USub):
        raise FormulaError(f"the formula '{source}' uses an operator other than + - * / **")
    if isinstance(node, ast.Constant) and (isinstance(node.value, bool) or not isinstance(node.value, int | float)):
        raise FormulaError(f"the formula '{source}' has a value that is not a number ({node.value!r})")
    if isinstance(node, ast.Call):
        name = node.func.id if isinstance(node.func, ast.Name) else ""
        if name not in FUNCTIONS or node.keywords:
            raise FormulaError(f"the formula '{source}' calls something other than {', '.join(FUNCTIONS)}")
        _, fewest, most = FUNCTIONS[name]
        if not fewest <= len(node.args) <= most:
            wanted = str(fewest) if fewest == most else f"{fewest} to {most}"
            raise FormulaError(f"{name}() takes {wanted} argument{'s' if most > 1 else ''} in '{source}'")
    if isinstance(node, ast.Name) and node.id in FUNCTIONS and id(node) not in called:
        raise FormulaError(f"'{node.id}' in '{source}' is a function: write {node.id}(…)")
    allowed = (ast.BinOp, ast.UnaryOp, ast.Constant, ast.Name, ast.Call, ast.Load, ast.operator, ast.unaryop)
    if not isinstance(node, allowed):
        raise FormulaError(f"the formula '{source}' uses something other than {ALLOWED}")


def _evaluate(node: ast.expr, values: Mapping[str, float]) -> float:
    if isinstance(node, ast.Constant):
        assert isinstance(node.value, int | float)  # read_formula admits only numbers
        return float(node.value)
    if isinstance(node, ast.Name):
        return values[node.id]
    if isinstance(node, ast.UnaryOp):
        operand = _evaluate(node.operand, values)
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp):
        return OPERATORS[type(node.op)](_evaluate(node.left, values), _evaluate(node.right, values))
    assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    function = FUNCTIONS[node.func.id][0]
    return float(function(*(_evaluate(a, values) for a in node.args)))


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


# ── Placeholders: {tp} in the text ────────────────────────────────────────────────────────────

PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")


def placeholders(text: str) -> list[str]:
    """The names of the `{name}` placeholders outside code, in order."""
    return [m.group(1) for seg in segments(text) if not seg.code for m in PLACEHOLDER.finditer(seg.text) if m.group(1)]


def fill(text: str, value: Callable[[str], str]) -> str:
    """`text` with each placeholder outside code replaced by `value(name)`, and `{{` `}}` by braces."""

    def one(m: re.Match[str]) -> str:
        return value(m.group(1)) if m.group(1) else m.group(0)[0]

    return "".join(seg.text if seg.code else PLACEHOLDER.sub(one, seg.text) for seg in segments(text))


# ── Reading a typed answer, as quizbank/types/calculated.js reads it ─────────────────────────

FRACTION = re.compile(r"^([+-]?\d+)\s*/\s*(\d+)$")
PERCENT = re.compile(r"^(.*?)\s*%$")


def read_typed(text: str, accept: Sequence[str], unit: str = "") -> float | None:
    """The number a typed answer stands for in one of the accepted forms, or None.

    Spaces around it and inside are collapsed; the unit, if any, may be written before or after
    the number (any case, with or without a space); thousands are grouped by commas only.
    """
    t = " ".join(str(text).split())
    if unit:
        u = unit.lower()
        if t.lower().endswith(u):
            t = t[: len(t) - len(u)].strip()
        elif t.lower().startswith(u):
            t = t[len(u) :].strip()
    if "percent" in accept and (m := PERCENT.match(t)):
        number = _plain_number(m.group(1))
        return None if number is None else number / 100
    if "fraction" in accept and (m := FRACTION.match(t)):
        denominator = int(m.group(2))
        return int(m.group(1)) / denominator if denominator else None
    if "decimal" in accept:
        return _plain_number(t)
    return None


def _plain_number(text: str) -> float | None:
    t = text.strip()
    if NUMBER.match(t):
        return float(t)
    if GROUPED.match(t):
        return float(t.replace(",", ""))
    return None


def within(given: float, value: float, tolerance: float) -> bool:
    """blanks.js's rule: bounds included, with a relative hair of slack for binary fractions."""
    slack = 1e-9 * max(1.0, abs(value), tolerance)
    return abs(given - value) <= tolerance + slack


# ── The question ──────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Variant:
    """One drawn set of values: `id` (saved with the answer), the values, and the formula's value (None: `error`)."""

    id: str
    values: tuple[tuple[str, Decimal], ...]
    value: float | None
    error: str = ""

    def shown(self, variables: Sequence[Var]) -> dict[str, str]:
        return {name: shown_number(v) for name, v in self.values}


@dataclass(frozen=True, kw_only=True)
class Calculated(SelfCheck):
    """Numbers drawn per learner from `vars`; the answer is the `answer` formula, right within `tolerance`."""

    type: ClassVar[QuestionType] = "calculated"

    vars: tuple[Var, ...] = key(VARS)
    answer: Formula | None = key(FORMULA)
    tolerance: Tolerance | None = key(TOLERANCE, default=None)
    accept: tuple[str, ...] = key(ACCEPT, default=("decimal",))
    decimals: int = key(DECIMALS, default=2)
    unit: str = key(UNIT, default="")
    variants: int = key(VARIANT_COUNT, default=8)

    @property
    def allowed(self) -> Tolerance:
        """The tolerance, or by default half the last decimal shown: the answer rounded as shown."""
        if self.tolerance is not None:
            return self.tolerance
        half = Decimal(5).scaleb(-self.decimals - 1)
        return Tolerance(half, False, shown_number(half))

    @functools.cached_property
    def drawn(self) -> tuple[Variant, ...]:
        """The variants, in the order drawn: distinct sets of values, the same in every build."""
        counts = [v.count for v in self.vars]
        total = math.prod(counts)
        if not self.vars or self.answer is None or total < self.variants:
            return ()
        rng = random.Random(int(digest("calculated", self.bank, self.id), 16))
        out = []
        for index in rng.sample(range(total), self.variants):
            values = []
            for var, count in zip(self.vars, counts, strict=True):
                index, at = divmod(index, count)
                values.append((var.name, var.value(at)))
            vid = "v" + digest("variant", *(f"{n}={v}" for n, v in values))[:7]
            try:
                value: float | None = self.answer({n: float(v) for n, v in values})
                error = ""
            except (FormulaError, KeyError) as err:
                value, error = None, str(err) if isinstance(err, FormulaError) else "uses a name not in 'vars'"
            out.append(Variant(vid, tuple(values), value, error))
        return tuple(out)

    def shown_answer(self, value: float) -> str:
        """The answer as feedback, the explanation and the key show it: rounded half away from zero to `decimals`."""
        exact = Decimal(repr(value)).quantize(Decimal(1).scaleb(-self.decimals), rounding=ROUND_HALF_UP)
        return shown_number(exact)

    def check(self) -> Iterator[Finding]:
        names = [v.name for v in self.vars]
        known = ", ".join(names) or "none yet"
        for at, text in (
            ("question", self.question),
            *(("hints", h) for h in self.hints),
            ("explanation", self.explanation),
        ):
            for name in placeholders(text):
                if name == "answer" and at != "explanation":
                    yield Finding(
                        at,
                        f"'{{answer}}' in the {at} shows the answer before it is given.",
                        "use it in 'explanation' only.",
                    )
                elif name != "answer" and name not in names:
                    hint = did_you_mean(name, names)
                    yield Finding(
                        at,
                        f"the placeholder '{{{name}}}' names no variable (the vars are: {known}).",
                        hint + "add it under 'vars:', or write '{{' and '}}' for literal braces.",
                    )
        if self.answer is None or not self.vars:
            return
        unknown = [n for n in self.answer.names if n not in names]
        for name in unknown:
            yield Finding(
                "answer",
                f"the formula uses '{name}', which is not among the vars ({known}).",
                did_you_mean(name, names) + f"add '{name}' under 'vars:' with its range.",
            )
        used = {
            *self.answer.names,
            *(n for t in (self.question, *self.hints, self.explanation) for n in placeholders(t)),
        }
        for var in self.vars:
            if var.name not in used:
                yield Finding(
                    "vars",
                    f"the variable '{var.name}' is used neither in the formula nor in the text.",
                    "use it as {" + var.name + "} in the question, or remove it.",
                    var.line,
                )
        total = math.prod(v.count for v in self.vars)
        if total < self.variants:
            yield Finding(
                "variants",
                f"the ranges give {total} different set{'s' if total != 1 else ''} of numbers, fewer than the {self.variants} variants asked for.",
                "widen a range under 'vars:', or lower 'variants'.",
            )
            return
        if unknown:
            return
        tolerance = self.allowed
        for variant in self.drawn:
            values = ", ".join(f"{n} = {shown_number(v)}" for n, v in variant.values)
            if variant.value is None:
                yield Finding(
                    "answer",
                    f"with {values} (one of the variants drawn), the formula {variant.error}.",
                    "narrow the ranges under 'vars:' so that it has a value for every set of numbers.",
                )
                continue
            shown = self.shown_answer(variant.value)
            if not within(float(shown.replace(",", "")), variant.value, tolerance.of(variant.value)):
                yield Finding(
                    "tolerance" if self.tolerance is not None else "decimals",
                    f"with {values}, the answer {variant.value:.6g} is shown as {shown}, which the tolerance "
                    f"({tolerance.written}) would mark wrong.",
                    "show more decimals ('decimals:'), or widen 'tolerance' to at least half the last decimal shown.",
                )
                return

    def identity(self) -> tuple[str, str]:
        # The wording, the ranges and the variants drawn are the question; the formula's values,
        # the tolerance, the forms and the unit are its key (a fixed formula marks saved answers again).
        shown = [*(v.spec() for v in self.vars), *(v.id for v in self.drawn)]
        return (
            fingerprint(self.type, self.question, (_Text(s) for s in shown)),
            answer_key(json.dumps(self.grade(), sort_keys=True)),
        )

    def grade(self) -> dict[str, Any]:
        tolerance = self.allowed
        grade: dict[str, Any] = {
            "variants": {
                v.id: {"value": v.value, "tolerance": float(tolerance.amount), "relative": tolerance.relative}
                for v in self.drawn
                if v.value is not None
            },
            "accept": list(self.accept),
        }
        if self.unit:
            grade["unit"] = self.unit
        return grade

    @staticmethod
    def mark(grade: Any, answer: Any) -> Mark | None:
        """[variant id, text] against the grade: right within the variant's tolerance, in an accepted form."""
        variants, accept, unit = _read_grade(grade)
        if variants is None or not _texts(answer):
            return None
        if len(answer) != 2 or answer[0] not in variants:
            return Mark(False, 0.0)
        value, tolerance, relative = variants[answer[0]]
        given = read_typed(answer[1], accept, unit)
        right = given is not None and within(given, value, tolerance * (abs(value) if relative else 1.0))
        return Mark(right, float(right))

    def variant_values(self) -> dict[str, dict[str, str]]:
        """What the browser swaps in, per variant: each variable and the answer as shown."""
        return {
            v.id: {**v.shown(self.vars), "answer": self.shown_answer(v.value)}
            for v in self.drawn
            if v.value is not None
        }

    def help_text(self) -> str:
        examples = {
            "decimal": "a decimal such as 0.25",
            "percent": "a percentage such as 25%",
            "fraction": "a fraction such as 1/4",
        }
        forms = [examples[f] for f in self.accept]
        if forms == [examples["decimal"]]:
            forms = ["a number such as 0.25"]
        said = forms[0] if len(forms) == 1 else ", ".join(forms[:-1]) + " or " + forms[-1]
        tolerance = self.allowed
        if self.tolerance is None:
            places = (
                "a whole number"
                if not self.decimals
                else f"{self.decimals} decimal place{'s' if self.decimals > 1 else ''}"
            )
            close = f"rounded to {places} is right"
        elif tolerance.relative:
            close = f"within {tolerance.written} of the exact answer is right"
        else:
            close = f"within {tolerance.written} of the exact answer is right"
        unit = f" The unit ({self.unit}) may be left out." if self.unit else ""
        return f"Write {said}; {close}.{unit}"

    def render(self, bank: str, options: RenderOptions) -> list[str]:
        qid = anchor(bank, self.id)
        values = self.variant_values()
        first = next(iter(values.values()), {})

        def shown(text: str) -> str:
            return fill(text, lambda name: f'<span class="quiz-var" data-var="{name}">{first.get(name, "")}</span>')

        box = sub_id(qid, "answer")
        help_id = sub_id(qid, "help")
        unit = f' <span class="quiz-calc-unit">{self.unit}</span>' if self.unit else ""
        interaction = [
            '<p class="quiz-calc-answer">'
            f'<label for="{box}">Your answer</label> '
            f"<input {attrs(type='text', class_='quiz-calc-input', id=box, form=sub_id(qid, 'form'), autocomplete='off', spellcheck='false', size='12', aria_describedby=help_id)}>"
            f"{unit}</p>",
            f'<p class="quiz-calc-help" id="{help_id}" data-search-exclude>{self.help_text()}</p>',
        ]
        return render_graded_here(
            bank,
            self,
            options,
            interaction,
            text=shown(self.question),
            hints=[shown(h) for h in self.hints],
            explanation=shown(self.explanation),
            data_variants=json.dumps(values, separators=(",", ":"), ensure_ascii=False),
            data_variant=next(iter(values), ""),
        )


@dataclass(frozen=True)
class _Text:
    text: str


def _texts(value: Any) -> bool:
    return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)


def _finite(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _read_grade(grade: Any) -> tuple[dict[str, tuple[float, float, bool]] | None, tuple[str, ...], str]:
    """The grade's variants (id → value, tolerance, relative), forms and unit; variants None when unreadable."""
    if not isinstance(grade, dict) or not isinstance(grade.get("variants"), dict):
        return None, (), ""
    accept = grade.get("accept")
    unit = grade.get("unit", "")
    if not isinstance(accept, list) or not all(a in FORMS for a in accept) or not isinstance(unit, str):
        return None, (), ""
    variants: dict[str, tuple[float, float, bool]] = {}
    for vid, v in grade["variants"].items():
        if not isinstance(v, dict) or not _finite(v.get("value")) or not _finite(v.get("tolerance")):
            return None, (), ""
        if v["tolerance"] < 0 or not isinstance(v.get("relative", False), bool):
            return None, (), ""
        variants[vid] = (float(v["value"]), float(v["tolerance"]), bool(v.get("relative", False)))
    return variants, tuple(accept), unit
