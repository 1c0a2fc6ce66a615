"""Matching: each of 3–8 prompts takes one of the answers, chosen in a `<select>`.

The answers are listed in an order fixed at build time (`build_order`), never the written one,
and may outnumber the prompts (distractors). A `<select>` can hold only text, so an answer's
Markdown is shown as plain text there, in a raw HTML block the page's Markdown leaves alone. Each
select carries its right answer's key (`data-answer`); a saved answer is, for each prompt in bank
order, the key of the chosen answer ("" for none).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from typing import Any, ClassVar

from ..export import losses as L
from ..export.answer_key import indented
from ..export.gift import gift_pairs, gift_question
from ..export.items import QtiForm, QtiItem, QtiPlace, item_xml, qti_title, xml_text
from ..export.losses import Loss
from ..export.text import plain_text, to_html
from ..ids import anchor, answer_key, fingerprint, sub_id, text_key
from ..keys import BOOLEAN, ITEMS, PARAGRAPH_DEFS, KeyReader, key, one_paragraph
from ..markup import attrs, span
from ..model import AnswerTable, Cell, Finding, Mark, Option, Pair, QuestionType, Samples, SelfCheck, Tally
from ..nodes import Entry, Mapping, NodeReader, line_of
from .frame import RenderOptions, build_order, graded_here
from .ordering import FEWEST, MOST, count_finding

CHOOSE = "Choose…"
PAIR_KEYS = ("prompt", "answer")
NO_CODE = {"allOf": [{"$ref": "#/$defs/paragraph"}, {"not": {"type": "string", "pattern": "```|~~~"}}]}


def _pairs(r: NodeReader, entry: Entry, key: str) -> tuple[Pair, ...]:
    """A matching question's prompts, each with its answer; prompts all different."""
    nodes = r.sequence(entry.value, key, "write each pair as '- prompt: …' with an 'answer: …' under it.")
    out: list[Pair] = []
    seen: dict[str, int] = {}
    for pnode in nodes:
        entries: Mapping | None = r.mapping(pnode, PAIR_KEYS, "a pair")
        if entries is None:
            continue
        if "prompt" not in entries:
            r.problem(pnode, "a pair has no 'prompt'.", "add 'prompt: …' to the pair.")
            continue
        prompt = one_paragraph(r, entries["prompt"].value, "prompt", "a prompt")
        if "answer" not in entries:
            r.problem(
                pnode,
                f"the prompt '{' '.join(prompt.split())}' has no answer.",
                "add 'answer: …' under it: the text it is matched to.",
            )
            continue
        answer = one_paragraph(r, entries["answer"].value, "answer", "an answer")
        same = " ".join(prompt.split())
        if same in seen:
            r.problem(pnode, f"two prompts have the same text (see line {seen[same]}).", "make each different.")
            continue
        seen[same] = line_of(pnode)
        out.append(Pair(prompt=prompt, answer=answer, line=line_of(pnode)))
    return tuple(out)


PAIRS = KeyReader(
    _pairs,
    {"type": "array", "minItems": FEWEST, "maxItems": MOST, "items": {"$ref": "#/$defs/pair"}},
    {
        **PARAGRAPH_DEFS,
        "pair": {
            "type": "object",
            "additionalProperties": False,
            "required": ["prompt", "answer"],
            "properties": {"prompt": NO_CODE, "answer": NO_CODE},
        },
    },
)


def option_text(markdown_text: str) -> str:
    """An answer as a `<select>` shows it: what a reader sees of its Markdown, on one line."""
    return escape(" ".join(plain_text(to_html(markdown_text)).split()))


def _texts(value: Any) -> bool:
    return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)


def mark_matching(grade: Any, answer: Any) -> Mark | None:
    """Per prompt in bank order, the chosen answer's key ("" for none); credit: the share of prompts given their own."""
    if not isinstance(grade, dict) or not _texts(grade.get("pairs")) or not grade["pairs"] or not _texts(answer):
        return None
    right = list(grade["pairs"])
    if len(answer) != len(right):
        return Mark(False, 0.0)
    matched = sum(a == r for a, r in zip(answer, right, strict=True))
    return Mark(matched == len(right), matched / len(right))


class Matched(Tally):
    """Which answer each prompt was given in first answers (a confusion table)."""

    def __init__(self, question: Matching) -> None:
        self.question = question
        self.matched: list[Counter[str]] = [Counter() for _ in question.pairs]

    def add(self, answer: tuple[str, ...], right: bool) -> None:
        for n, chosen in enumerate(answer[: len(self.matched)]):
            self.matched[n][chosen] += 1

    def answers(self) -> AnswerTable:
        answers = [(text_key(a), a) for a in self.question.answers]
        rows = []
        for pair, counts in zip(self.question.pairs, self.matched, strict=True):
            right = text_key(pair.answer)
            rows.append((pair.prompt, (*(Cell(counts[k], k == right) for k, _ in answers), Cell(counts[""]))))
        return AnswerTable(
            "The answer each prompt was given in first answers (✓ its own)",
            "Prompt",
            (*(text for _, text in answers), "None"),
            tuple(rows),
        )


@dataclass(frozen=True, kw_only=True)
class Matching(SelfCheck):
    """Match each of 3–8 prompts to one of the answers; `distractors` are answers no prompt takes."""

    type: ClassVar[QuestionType] = "matching"
    label: ClassVar[str] = "matching"

    pairs: tuple[Pair, ...] = key(
        PAIRS,
        doc="3 to 8 prompts, each with the answer it is matched to; each prompt gets a list of every answer.",
    )
    distractors: tuple[str, ...] = key(ITEMS, default=(), doc="Answers no prompt takes, offered with the others.")
    # May two prompts share an answer (e.g. sorting terms into categories)?
    reuse: bool = key(
        BOOLEAN, default=False, doc="true lets two prompts share an answer (e.g. sorting into categories)."
    )

    @property
    def answers(self) -> tuple[str, ...]:
        """Every answer a prompt can be matched to, each once: the pairs' answers, then the distractors."""
        seen: dict[str, str] = {}
        for text in (*(p.answer for p in self.pairs), *self.distractors):
            seen.setdefault(text_key(text), text)
        return tuple(seen.values())

    def check(self) -> Iterator[Finding]:
        yield from count_finding("pairs", "a matching question", len(self.pairs))
        first: dict[str, Pair] = {}
        for pair in self.pairs:
            earlier = first.setdefault(text_key(pair.answer), pair)
            if earlier is not pair and not self.reuse:
                yield Finding(
                    "pairs",
                    f"the answer '{' '.join(pair.answer.split())}' is used twice (see line {earlier.line}).",
                    "give each prompt its own answer, or add 'reuse: true' if prompts may share one.",
                    pair.line,
                )
        answers = {text_key(p.answer) for p in self.pairs}
        for text in self.distractors:
            if text_key(text) in answers:
                yield Finding(
                    "distractors",
                    f"the distractor '{' '.join(text.split())}' is also a prompt's answer.",
                    "remove it from 'distractors': a prompt's answer is offered already.",
                )

    def identity(self) -> tuple[str, str]:
        # Prompts and offered answers are the question; which answer each prompt takes is the key.
        shown = (*(Option("prompt\x1f" + p.prompt) for p in self.pairs), *(Option(a) for a in self.answers))
        return (
            fingerprint(self.type, self.question, shown),
            answer_key(*(f"{text_key(p.prompt)}>{text_key(p.answer)}" for p in self.pairs)),
        )

    def grade(self) -> dict[str, Any]:
        return {"pairs": [text_key(p.answer) for p in self.pairs]}  # per prompt, its answer (data-answer)

    mark = staticmethod(mark_matching)

    def render(self, bank: str, options: RenderOptions) -> list[str]:
        qid = anchor(bank, self.id)
        choices = "".join(
            f'<option value="{text_key(answer)}">{option_text(answer)}</option>'
            for answer in build_order(bank, self.id, self.answers, str)
        )
        lines = [f'<div class="quiz-match" role="group" aria-labelledby="{sub_id(qid, "question")}" markdown="1">']
        for n, pair in enumerate(self.pairs):
            select_id = sub_id(qid, "match", str(n))
            feedback_id = sub_id(select_id, "feedback")
            lines += [
                '<div class="quiz-match-pair" markdown="1">',
                f'<div class="quiz-match-prompt" markdown="span"><label for="{select_id}">{span(pair.prompt)}</label></div>',
                # No markdown attribute: a raw block, so nothing (abbreviations included) is added inside the select.
                # Its options are not indexed for search: one run of words ("Choose…DPOLoRA…") per prompt.
                '<div class="quiz-match-choice">'
                f"<select {attrs(id=select_id, class_='quiz-match-select', data_answer=text_key(pair.answer), aria_describedby=feedback_id, data_search_exclude=True)}>"
                f'<option value="">{CHOOSE}</option>{choices}</select>'
                f'<span class="quiz-match-feedback" id="{feedback_id}" hidden></span>'
                "</div>",
                "</div>",
            ]
        lines.append("</div>")
        return graded_here(bank, self, options, lines)

    def key_lines(self) -> list[str]:
        pairs = "\n".join(f"- {indented(p.prompt, '  ')} → {indented(p.answer, '  ')}" for p in self.pairs)
        blocks = ["**Pairs** (prompt → its answer):", pairs]
        if self.distractors:
            blocks.append("**Also offered:** " + "; ".join(" ".join(d.split()) for d in self.distractors))
        return blocks

    def gift(self, key: str) -> tuple[list[list[str]], list[Loss]]:
        pairs = [(p.prompt, p.answer) for p in self.pairs]
        lines, losses = gift_pairs([*pairs, *(("", d) for d in self.distractors)], key)
        return [gift_question(self, key, lines)], losses

    def qti(self, place: QtiPlace) -> QtiForm:
        """QTI 2.1: a matchInteraction, prompts in one set, every answer (distractors too) in the other. QTI 1.2 has none."""
        if place.format != "qti-2.1":
            why = f"{self.type}: this package holds choice and blank questions only"
            return QtiForm([], [], [Loss(place.format, place.key, why, L.NOT_IN_QTI12)])
        ident = place.ident
        prompts = {p.prompt: f"{ident}--prompt-{n}" for n, p in enumerate(self.pairs, 1)}
        answers = {a: f"{ident}--answer-{n}" for n, a in enumerate(self.answers, 1)}
        by_key = {text_key(a): answers[a] for a in self.answers}
        pairs = "".join(f"<value>{prompts[p.prompt]} {by_key[text_key(p.answer)]}</value>" for p in self.pairs)
        response = (
            '  <responseDeclaration identifier="RESPONSE" cardinality="multiple" baseType="directedPair">\n'
            f"    <correctResponse>{pairs}</correctResponse>\n"
            "  </responseDeclaration>\n"
        )
        reuse = "0" if self.reuse else "1"  # 0: an answer may take any number of prompts
        source = "".join(
            f'        <simpleAssociableChoice identifier="{prompts[p.prompt]}" matchMax="1">{xml_text(p.prompt)}</simpleAssociableChoice>\n'
            for p in self.pairs
        )
        target = "".join(
            f'        <simpleAssociableChoice identifier="{answers[a]}" matchMax="{reuse}">{xml_text(a)}</simpleAssociableChoice>\n'
            for a in build_order(place.bank, self.id, self.answers, str)
        )
        body = (
            f'    <div class="question">{xml_text(self.question)}</div>\n'
            f'    <matchInteraction responseIdentifier="RESPONSE" shuffle="true" maxAssociations="{len(self.pairs)}">\n'
            f"      <simpleMatchSet>\n{source}      </simpleMatchSet>\n"
            f"      <simpleMatchSet>\n{target}      </simpleMatchSet>\n"
            "    </matchInteraction>\n"
        )
        text = place.text.block(self.question)
        xml = item_xml(ident, qti_title(text), response, body, self.explanation)
        return QtiForm([QtiItem(ident, text, xml=xml)])

    def tally(self) -> Matched:
        return Matched(self)

    def guess_chance(self) -> float:
        # Each prompt picks any of the answers offered.
        return (1 / len(self.answers)) ** len(self.pairs) if self.answers else 0.0

    def samples(self) -> Samples:
        right = tuple(text_key(p.answer) for p in self.pairs)
        # Wrong: every prompt given the next one's answer (or none); partly right: two neighbours swapped.
        shifted = tuple(
            right[(i + 1) % len(right)] if right[(i + 1) % len(right)] != r else "" for i, r in enumerate(right)
        )
        swaps = tuple(
            (*right[:i], right[i + 1], right[i], *right[i + 2 :])
            for i in range(len(right) - 1)
            if right[i] != right[i + 1]
        )
        return Samples(right, (shifted,), swaps)
