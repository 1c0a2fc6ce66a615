"""A calculated question's formula: parsed once, evaluated per variant, never by Python's `eval`.

Only numbers, the variables, + - * / ** with ( ), and the functions in FUNCTIONS are read; anything
else is refused when the bank is read, with what was found. Evaluation is in floats; a division by
zero, a root or logarithm of a negative number, an overflow or a complex result is a FormulaError,
which the question reports for the variant it met it in.
"""

from __future__ import annotations

import ast
import functools
import math
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


def _round(x: float, places: float = 0) -> float:
    """Rounded half away from zero (as a calculator, not Python's round-half-even)."""
    scale = 10.0 ** int(places)
    return math.copysign(math.floor(abs(x) * scale + 0.5) / scale, x)


def _ceil(x: float) -> float:
    """The least whole number not below x, where x is what exact arithmetic gives (0.51 / 0.0004 is 1275, not 1275.0000000002)."""
    return math.ceil(round(x, 9))


def _floor(x: float) -> float:
    return math.floor(round(x, 9))


# name → (function, fewest arguments, most arguments)
FUNCTIONS: dict[str, tuple[Callable[..., float], int, int]] = {
    "sqrt": (math.sqrt, 1, 1),
    "exp": (math.exp, 1, 1),
    "log": (math.log, 1, 2),
    "log10": (math.log10, 1, 1),
    "ceil": (_ceil, 1, 1),
    "floor": (_floor, 1, 1),
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
