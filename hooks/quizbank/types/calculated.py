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

import functools
import json
import math
import random
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from html import escape
from typing import Any, ClassVar

from ..blanks import GROUPED, NUMBER
from ..errors import did_you_mean
from ..export import losses as L
from ..export.answer_key import code
from ..export.gift import gift_escape, gift_html
from ..export.items import QtiForm, QtiItem, QtiPlace, QtiSection, item_xml, qti_title, xml_text
from ..export.losses import Loss
from ..export.text import to_html
from ..ids import anchor, answer_key, digest, fingerprint, sub_id
from ..keys import key
from ..markup import attrs
from ..model import AnswerTable, Cell, Finding, Mark, QuestionType, Samples, SelfCheck, Tally
from ..text import segments
from .calculated_keys import (
    ACCEPT,
    DECIMALS,
    FORMS,
    FORMULA,
    TOLERANCE,
    UNIT,
    VARIANT_COUNT,
    VARS,
    Tolerance,
    Var,
    shown_number,
)
from .formula import Formula, FormulaError
from .frame import RenderOptions, graded_here

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

    def shown(self) -> dict[str, str]:
        """Each variable as students read it."""
        return {name: shown_number(v) for name, v in self.values}


@dataclass(frozen=True, kw_only=True)
class Calculated(SelfCheck):
    """Numbers drawn per learner from `vars`; the answer is the `answer` formula, right within `tolerance`."""

    type: ClassVar[QuestionType] = "calculated"
    label: ClassVar[str] = "calculated (numbers drawn per student)"

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
                        (f"{hint}If not, add" if hint else "add")
                        + " it under 'vars:' (or write {{ and }} for literal braces).",
                    )
        if self.answer is None or not self.vars:
            return
        unknown = [n for n in self.answer.names if n not in names]
        for name in unknown:
            yield Finding(
                "answer",
                f"the formula uses '{name}', which is not among the vars ({known}).",
                (f"{did_you_mean(name, names)}If not, add" if did_you_mean(name, names) else "add")
                + f" '{name}' under 'vars:' with its range.",
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
        return {v.id: {**v.shown(), "answer": self.shown_answer(v.value)} for v in self.drawn if v.value is not None}

    def help_text(self) -> str:
        examples = {
            "decimal": "a decimal such as 0.25",
            "percent": "a percentage such as 25%",
            "fraction": "a fraction such as 1/4",
        }
        forms = [examples[f] for f in self.accept]
        if forms == [examples["decimal"]]:
            forms = ["a whole number such as 250" if not self.decimals else "a number such as 0.25"]
        said = forms[0] if len(forms) == 1 else ", ".join(forms[:-1]) + " or " + forms[-1]
        tolerance = self.allowed
        if self.tolerance is None:
            places = (
                "a whole number"
                if not self.decimals
                else f"{self.decimals} decimal place{'s' if self.decimals > 1 else ''}"
            )
            close = f"rounded to {places} is right"
        else:  # "within 0.01", or "within 1%" (of the exact answer)
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
        unit = f' <span class="quiz-calc-unit">{escape(self.unit)}</span>' if self.unit else ""
        interaction = [
            '<p class="quiz-calc-answer">'
            f'<label for="{box}">Your answer</label> '
            f"<input {attrs(type='text', class_='quiz-calc-input', id=box, form=sub_id(qid, 'form'), autocomplete='off', spellcheck='false', size='12', aria_describedby=help_id)}>"
            f"{unit}</p>",
            f'<p class="quiz-calc-help" id="{help_id}" data-search-exclude>{escape(self.help_text())}</p>',
        ]
        return graded_here(
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

    # ── the answer key ──

    def key_lines(self) -> list[str]:
        tolerance = self.allowed
        how = (
            f"within {tolerance.written} of the exact answer"
            if self.tolerance is not None
            else f"rounded to {self.decimals} decimals (within {tolerance.written})"
        )
        forms = ", ".join(self.accept) + (f"; the unit ({self.unit}) may be written or not" if self.unit else "")
        ranges = "; ".join(
            f"{code(v.name)} from {shown_number(v.min)} to {shown_number(v.max)} by {shown_number(v.step)}"
            for v in self.vars
        )
        names = [v.name for v in self.vars]
        head = "| Variant | " + " | ".join(code(n) for n in names) + " | Answer | Exact |"
        rule = "|---|" + "---:|" * (len(names) + 2)
        rows = [
            f"| {n} | "
            + " | ".join(v.shown()[name] for name in names)
            + f" | {self.shown_answer(v.value)} | {v.value:.10g} |"
            for n, v in enumerate(self.drawn, 1)
            if v.value is not None
        ]
        return [
            f"**Formula:** {code(self.answer.text if self.answer else '')}, right {how}; accepted: {forms}.",
            f"**Numbers drawn per student** from: {ranges}.",
            f"**Variants** ({len(rows)}; each student is shown one, and the review round another):",
            "\n".join([head, rule, *rows]),
        ]

    def key_text(self) -> str:
        return self.question

    # ── the exports: one question per variant, drawn by the LMS ──

    def gift_category(self) -> str:
        return self.id

    def _each(self) -> list[tuple[int, Variant, dict[str, str]]]:
        shown = self.variant_values()
        return [(n, v, shown[v.id]) for n, v in enumerate(self.drawn, 1) if v.value is not None]

    def _forms_lost(self, fmt: str, key: str) -> list[Loss]:
        losses = []
        others = [f for f in self.accept if f != "decimal"]
        if others:
            why = f"answers as {' or '.join(others)}: the LMS's numerical question takes a number only"
            losses.append(Loss(fmt, key, why, L.NUMBER_FORMS))
        if self.unit:
            losses.append(Loss(fmt, key, f"the unit {self.unit}: the LMS takes the number alone", L.UNITS))
        return losses

    def gift(self, key: str) -> tuple[list[list[str]], list[Loss]]:
        """One numerical question per variant, `{#value:tolerance}`, in a category of its own (a random question draws one)."""
        out = []
        variants = self._each()
        for n, variant, shown in variants:
            assert variant.value is not None
            title = f"{key} (variant {n} of {len(variants)})"
            text = to_html(fill(self.question, shown.__getitem__))
            general = fill(self.explanation, shown.__getitem__)
            tolerance = self.allowed.of(variant.value)
            out.append(
                [
                    f"// [id:{title}]",
                    f"::{gift_escape(title)}::[html]{gift_html(text)}{{",
                    f"#{_exact(variant.value)}:{_exact(tolerance)}",
                    *(["####" + gift_html(to_html(general))] if general.strip() else []),
                    "}",
                ]
            )
        why = f"every variant, in the category of its own {self.bank}/{self.id}: draw 1 with a random question"
        return out, [Loss("gift", key, why, L.VARIANTS), *self._forms_lost("gift", key)]

    def qti(self, place: QtiPlace) -> QtiForm:
        """QTI 2.1: a float textEntry per variant, right within the tolerance, in a section that selects one."""
        if place.format != "qti-2.1":
            why = f"{self.type}: this package holds choice and blank questions only"
            return QtiForm([], [], [Loss(place.format, place.key, why, L.NOT_IN_QTI12)])
        items = []
        for n, variant, shown in self._each():
            assert variant.value is not None
            ident = f"{place.ident}--variant-{n}"
            text = place.text.block(fill(self.question, shown.__getitem__))
            tolerance = _exact(self.allowed.of(variant.value))
            response = (
                '  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="float">\n'
                f"    <correctResponse><value>{_exact(variant.value)}</value></correctResponse>\n"
                "  </responseDeclaration>\n"
            )
            body = (
                f'    <div class="question">{xml_text(fill(self.question, shown.__getitem__))}</div>\n'
                '    <p><textEntryInteraction responseIdentifier="RESPONSE" expectedLength="12"/>'
                f"{' ' + xml_text(self.unit) if self.unit else ''}</p>\n"
            )
            processing = (
                "  <responseProcessing>\n    <responseCondition>\n      <responseIf>\n"
                f'        <equal toleranceMode="absolute" tolerance="{tolerance} {tolerance}">'
                '<variable identifier="RESPONSE"/><correct identifier="RESPONSE"/></equal>\n'
                '        <setOutcomeValue identifier="SCORE"><baseValue baseType="float">1</baseValue></setOutcomeValue>\n'
                "      </responseIf>\n    </responseCondition>\n  </responseProcessing>\n"
            )
            explanation = fill(self.explanation, shown.__getitem__)
            xml = item_xml(ident, qti_title(text), response, body, explanation, processing)
            items.append(QtiItem(ident, text, xml=xml))
        section = QtiSection(f"variants-{place.ident}", place.key, 1, tuple(i.identifier for i in items))
        why = "every variant, in a section that selects 1"
        return QtiForm(
            items,
            [section],
            [Loss(place.format, place.key, why, L.VARIANTS), *self._forms_lost(place.format, place.key)],
        )

    # ── the class report ──

    def tally(self) -> ByVariant:
        return ByVariant(self)

    # ── the tests ──

    def samples(self) -> Samples:
        _, variant, shown = self._each()[0]
        assert variant.value is not None
        off = variant.value + 10 * self.allowed.of(variant.value) + 1
        return Samples((variant.id, shown["answer"]), ((variant.id, repr(off)), (variant.id, "")))


def _exact(value: float) -> str:
    """A number for GIFT and QTI: its shortest exact form, never in exponent notation."""
    return format(Decimal(repr(value)), "f")


class ByVariant(Tally):
    """First answers per variant: how many, and how many right (each student answers their own numbers)."""

    def __init__(self, question: Calculated) -> None:
        self.question = question
        self.given: Counter[str] = Counter()
        self.right: Counter[str] = Counter()

    def add(self, answer: tuple[str, ...], right: bool) -> None:
        if answer:
            self.given[answer[0]] += 1
            self.right[answer[0]] += right

    def answers(self) -> AnswerTable:
        q = self.question
        rows = []
        for variant in q.drawn:
            if variant.value is None:
                continue
            values = ", ".join(f"{n} = {shown_number(v)}" for n, v in variant.values)
            label = f"{values} (answer {q.shown_answer(variant.value)})"
            rows.append((label, (Cell(self.given[variant.id]), Cell(self.right[variant.id]))))
        return AnswerTable(
            "First answers per variant (each student answers their own numbers)",
            "Variant",
            ("First answers", "Right"),
            tuple(rows),
            "Typed answers are not grouped: each variant has too few of them for a common wrong answer to mean anything.",
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
    if not isinstance(grade, dict) or not isinstance(grade.get("variants"), dict) or not grade["variants"]:
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
