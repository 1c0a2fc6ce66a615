"""Load and validate quiz banks: YAML text in, `Bank` out, or a `BankError` listing every problem.

PyYAML's composer gives us the node tree with line numbers, and we read scalars ourselves:
text fields keep exactly what the instructor wrote (YAML 1.1 would turn `Yes` into True and
`0.10` into 0.1), and booleans must be spelled `true` or `false`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from .errors import BankError, Problem
from .model import QUESTION_TYPES, Bank, Field, Option, Question, WordLimits
from .text import find_blanks, find_forbidden_html

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TRUE_WORDS = {"true"}
FALSE_WORDS = {"false"}
# What YAML 1.1 would read as a boolean: refused in boolean fields with a clear fix.
YAML11_BOOLS = {"yes", "no", "on", "off", "y", "n"}

COMMON_KEYS = ("id", "type", "question", "explanation")
KEYS_BY_TYPE: dict[str, tuple[str, ...]] = {
    "single": (*COMMON_KEYS, "options"),
    "multiple": (*COMMON_KEYS, "options"),
    "true-false": (*COMMON_KEYS, "answer", "feedback_true", "feedback_false"),
    "fill-blank": COMMON_KEYS,
    "reflection": (*COMMON_KEYS, "title", "words", "rubric", "examples", "fields"),
}
REQUIRED_BY_TYPE: dict[str, tuple[str, ...]] = {
    "single": ("id", "type", "question", "options"),
    "multiple": ("id", "type", "question", "options"),
    "true-false": ("id", "type", "question", "answer"),
    "fill-blank": ("id", "type", "question"),
    "reflection": ("id", "type", "question"),
}
ALL_QUESTION_KEYS = tuple(sorted({k for keys in KEYS_BY_TYPE.values() for k in keys}))
OPTION_KEYS = ("text", "correct", "feedback")
FIELD_KEYS = ("id", "label", "words")
WORDS_KEYS = ("min", "max")


def bank_name_for(path: Path, root: Path) -> str:
    """`quizzes/part-1/checks.yml` → `part-1/checks`."""
    return path.relative_to(root).with_suffix("").as_posix()


def load_bank_file(path: Path, root: Path, display_root: Path) -> Bank:
    """Read one bank file from disk; `display_root` makes paths in errors relative (e.g. the site root)."""
    shown = display_path(path, display_root)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise BankError(
            [
                Problem(
                    shown,
                    line,
                    f"the file is not UTF-8 text (byte 0x{data[err.start]:02x} cannot be decoded).",
                    "save the file as UTF-8 (in most editors: File > Save with encoding > UTF-8).",
                )
            ]
        ) from None
    return load_bank_text(text, name=bank_name_for(path, root), shown=shown)


def load_banks(root: Path, display_root: Path) -> dict[str, Bank]:
    """Load every `*.yml`/`*.yaml` under `root`; collect problems from all files before raising."""
    banks: dict[str, Bank] = {}
    problems: list[Problem] = []
    if not root.is_dir():
        return banks
    for path in sorted([*root.rglob("*.yml"), *root.rglob("*.yaml")]):
        shown = display_path(path, display_root)
        name = bank_name_for(path, root)
        if not all(SLUG.match(part) for part in name.split("/")):
            problems.append(
                Problem(
                    shown,
                    1,
                    f"the bank name '{name}' (from the file's path) is not lowercase words joined by hyphens.",
                    "rename the file and its folders, e.g. 'quizzes/part-1/concept-checks.yml'.",
                )
            )
            continue
        if name in banks:
            problems.append(
                Problem(
                    shown,
                    1,
                    f"bank '{name}' is defined twice ({banks[name].path} and {shown}).",
                    "keep one of the two files, or rename one.",
                )
            )
            continue
        try:
            banks[name] = load_bank_file(path, root, display_root)
        except BankError as err:
            problems.extend(err.problems)
    if problems:
        raise BankError(problems)
    return banks


def load_bank_text(text: str, *, name: str, shown: str) -> Bank:
    """Parse and validate one bank's YAML text."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        raise BankError(
            [
                Problem(
                    shown,
                    line,
                    f"YAML syntax error: {err.problem or err.context}.",
                    "check the indentation and quoting on this line and the one above; "
                    "text containing ': ' or starting with a special character such as "
                    "'[', '{', '*', '&', '!', '|', '>', '%' or '@' must be quoted.",
                )
            ]
        ) from None
    except yaml.YAMLError as err:  # e.g. a reader error on a control character
        raise BankError([Problem(shown, 1, f"YAML error: {err}.", "remove the character.")]) from None
    return _Reader(shown, name).bank(root)


def display_path(path: Path, display_root: Path) -> str:
    """A path as instructors see it in errors: relative to the project when it can be."""
    try:
        return path.relative_to(display_root).as_posix()
    except ValueError:
        return path.as_posix()


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    return f"did you mean '{close[0]}'?" if close else "valid keys: " + ", ".join(choices) + "."


class _Reader:
    """Turns the composed node tree into model objects, recording problems as it goes."""

    def __init__(self, shown: str, name: str) -> None:
        self.shown = shown
        self.name = name
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node | int, what: str, fix: str, qid: str | None = None) -> None:
        line = node if isinstance(node, int) else _line(node)
        self.problems.append(Problem(self.shown, line, what, fix, qid))

    # ── structure ──────────────────────────────────────────────────────────

    def bank(self, root: yaml.Node | None) -> Bank:
        if root is None:
            self.problem(1, "the bank is empty.", "start the file with 'questions:' and a list of questions.")
            raise BankError(self.problems)
        top = self.mapping(root, ("questions",), "the bank", None)
        if top is None:
            raise BankError(self.problems)
        if "questions" not in top:
            self.problem(root, "the bank has no 'questions:' list.", "add 'questions:' with at least one question.")
            raise BankError(self.problems)
        qnodes = top["questions"][1]
        if not isinstance(qnodes, yaml.SequenceNode) or not qnodes.value:
            self.problem(
                qnodes,
                "'questions' must be a non-empty list.",
                "list each question under 'questions:' starting with '- id: …'.",
            )
            raise BankError(self.problems)
        questions: list[Question] = []
        seen: dict[str, int] = {}
        for qnode in qnodes.value:
            q = self.question(qnode)
            if q is None:
                continue
            if q.id in seen:
                self.problem(
                    q.line,
                    f"the id '{q.id}' is already used by the question on line {seen[q.id]}.",
                    "give each question in a bank its own id.",
                    q.id,
                )
                continue
            seen[q.id] = q.line
            questions.append(q)
        if self.problems:
            raise BankError(self.problems)
        return Bank(name=self.name, path=self.shown, questions=tuple(questions))

    def mapping(
        self, node: yaml.Node, allowed: tuple[str, ...], what: str, qid: str | None
    ) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        """Keys → (key node, value node); unknown and repeated keys become problems."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} must be a mapping of 'key: value' lines.", "see the bank format.", qid)
            return None
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for knode, vnode in node.value:
            key = str(knode.value)
            if key in out:
                self.problem(knode, f"the key '{key}' appears twice in {what}.", "keep only one of them.", qid)
                continue
            if key not in allowed:
                self.problem(knode, f"unknown key '{key}' in {what}.", _suggest(key, allowed), qid)
                continue
            out[key] = (knode, vnode)
        return out

    # ── scalars ────────────────────────────────────────────────────────────

    def text(self, node: yaml.Node, key: str, qid: str | None, *, required: bool = True, markdown: bool = True) -> str:
        """A text field exactly as written; empty or non-text values are problems."""
        if isinstance(node, yaml.MappingNode) and len(node.value) == 1 and node.flow_style is False:
            self.problem(
                node,
                f"'{key}' must be text, but YAML read it as 'key: value' because it contains ': '.",
                "put the whole text in double quotes.",
                qid,
            )
            return ""
        if not isinstance(node, yaml.ScalarNode):
            self.problem(
                node,
                f"'{key}' must be text, not a list or mapping.",
                f"write '{key}: …' on one line, or use '{key}: |' for several lines.",
                qid,
            )
            return ""
        value = str(node.value)
        if node.tag == "tag:yaml.org,2002:null" and node.style is None and value in ("", "~", "null", "Null", "NULL"):
            value = ""
        if required and not value.strip():
            self.problem(node, f"'{key}' is empty.", f"write the {key} text after '{key}:'.", qid)
        if markdown and value:
            for offset, tag in find_forbidden_html(value):
                self.problem(
                    _line(node) + (1 + offset if node.style in ("|", ">") else 0),
                    f"'{key}' contains the HTML tag '{tag}' outside code, which would break the quiz's layout.",
                    f"put it in backticks (`{tag}`) or write it as {tag.replace('<', '&lt;')}.",
                    qid,
                )
        return value

    def boolean(self, node: yaml.Node, key: str, qid: str | None) -> bool | None:
        word = str(node.value).strip().lower() if isinstance(node, yaml.ScalarNode) else ""
        if isinstance(node, yaml.ScalarNode) and node.style is None:
            if word in TRUE_WORDS:
                return True
            if word in FALSE_WORDS:
                return False
        hint = f" ('{node.value}' is ambiguous in YAML)" if word in YAML11_BOOLS else ""
        quoted = " without quotes" if isinstance(node, yaml.ScalarNode) and node.style in ("'", '"') else ""
        self.problem(
            node, f"'{key}' must be true or false{hint}.", f"write '{key}: true' or '{key}: false'{quoted}.", qid
        )
        return None

    def integer(self, node: yaml.Node, key: str, qid: str | None) -> int | None:
        if isinstance(node, yaml.ScalarNode) and node.style is None and re.fullmatch(r"\d+", str(node.value)):
            return int(node.value)
        self.problem(node, f"'{key}' must be a whole number of words.", f"write e.g. '{key}: 150'.", qid)
        return None

    def text_list(self, node: yaml.Node, key: str, qid: str | None) -> tuple[str, ...]:
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            self.problem(
                node,
                f"'{key}' must be a non-empty list.",
                f"write each item on its own line starting with '- ' under '{key}:'.",
                qid,
            )
            return ()
        return tuple(self.text(item, key, qid) for item in node.value)

    # ── questions ──────────────────────────────────────────────────────────

    def question(self, node: yaml.Node) -> Question | None:
        start = len(self.problems)
        if not isinstance(node, yaml.MappingNode):
            self.problem(
                node,
                "each question must be a mapping starting with 'id:'.",
                "write '- id: my-question' and indent its other keys under it.",
            )
            return None
        raw = {str(k.value): (k, v) for k, v in node.value}
        qid = self.question_id(node, raw)
        qtype = self.question_type(node, raw, qid)
        if qtype is None:
            return None
        fields = self.mapping(node, KEYS_BY_TYPE[qtype], f"a '{qtype}' question", qid)
        if fields is None:
            return None
        for key in REQUIRED_BY_TYPE[qtype]:
            if key not in fields:
                self.problem(
                    node, f"the required key '{key}' is missing.", f"add '{key}:' to this {qtype} question.", qid
                )
        if len(self.problems) > start:
            return None

        def opt(key: str, convert: Callable[[yaml.Node, str, str | None], Any], default: Any) -> Any:
            return convert(fields[key][1], key, qid) if key in fields else default

        text = self.text(fields["question"][1], "question", qid)
        q = Question(
            id=qid or "",
            type=qtype,
            question=text,
            line=_line(node),
            explanation=opt("explanation", self.text, ""),
        )
        builder = getattr(self, "q_" + qtype.replace("-", "_"))
        q = builder(q, fields, qid, opt)
        return None if len(self.problems) > start else q

    def question_id(self, node: yaml.Node, raw: dict[str, tuple[yaml.Node, yaml.Node]]) -> str | None:
        if "id" not in raw:
            return None  # reported with the other missing keys
        vnode = raw["id"][1]
        value = str(vnode.value) if isinstance(vnode, yaml.ScalarNode) else ""
        if not SLUG.match(value):
            self.problem(
                vnode,
                f"the id '{value}' is not a lowercase slug.",
                "use lowercase letters, digits and single hyphens, e.g. 'key-benefit'.",
            )
            return None
        return value

    def question_type(
        self, node: yaml.Node, raw: dict[str, tuple[yaml.Node, yaml.Node]], qid: str | None
    ) -> str | None:
        if "type" not in raw:
            self.problem(
                node,
                "the required key 'type' is missing.",
                "add 'type:' with one of: " + ", ".join(QUESTION_TYPES) + ".",
                qid,
            )
            return None
        vnode = raw["type"][1]
        value = str(vnode.value) if isinstance(vnode, yaml.ScalarNode) else ""
        if value not in QUESTION_TYPES:
            close = difflib.get_close_matches(value, QUESTION_TYPES, n=1, cutoff=0.4)
            hint = f"did you mean '{close[0]}'? " if close else ""
            self.problem(
                vnode,
                f"unknown question type '{value}'.",
                hint + "valid types: " + ", ".join(QUESTION_TYPES) + ".",
                qid,
            )
            return None
        return value

    def options(self, fields: dict[str, tuple[yaml.Node, yaml.Node]], qid: str | None) -> tuple[Option, ...]:
        knode, vnode = fields["options"]
        if not isinstance(vnode, yaml.SequenceNode):
            self.problem(vnode, "'options' must be a list.", "write each option as '- text: …' under 'options:'.", qid)
            return ()
        out: list[Option] = []
        seen: dict[str, int] = {}
        for onode in vnode.value:
            if isinstance(onode, yaml.ScalarNode):
                self.problem(
                    onode, "each option must be a mapping with 'text:'.", f"write '- text: {onode.value}'.", qid
                )
                continue
            ofields = self.mapping(onode, OPTION_KEYS, "an option", qid)
            if ofields is None:
                continue
            if "text" not in ofields:
                self.problem(onode, "an option has no 'text'.", "add 'text: …' to the option.", qid)
                continue
            text = self.text(ofields["text"][1], "text", qid)
            if PARAGRAPH_BREAK.search(text.strip()):
                self.problem(
                    ofields["text"][1],
                    "an option's text must be one paragraph.",
                    "shorten the option; put longer discussion in 'feedback' or 'explanation'.",
                    qid,
                )
            correct = self.boolean(ofields["correct"][1], "correct", qid) if "correct" in ofields else False
            feedback = self.text(ofields["feedback"][1], "feedback", qid) if "feedback" in ofields else ""
            if PARAGRAPH_BREAK.search(feedback.strip()) or "```" in feedback or "~~~" in feedback:
                self.problem(
                    ofields["feedback"][1],
                    "per-option feedback must be one paragraph without code blocks.",
                    "keep it to one paragraph; put longer discussion in the question's 'explanation'.",
                    qid,
                )
            key = " ".join(text.split())
            if key in seen:
                self.problem(
                    onode,
                    f"two options have the same text (see line {seen[key]}).",
                    "make each option's text different.",
                    qid,
                )
            seen[key] = _line(onode)
            out.append(Option(text=text, correct=bool(correct), feedback=feedback))
        if len(vnode.value) < 2:
            self.problem(
                knode,
                f"a choice question needs at least two options, found {len(vnode.value)}.",
                "add more options under 'options:'.",
                qid,
            )
        return tuple(out)

    def q_single(self, q: Question, fields: dict[str, Any], qid: str | None, opt: Any) -> Question:
        options = self.options(fields, qid)
        correct = [i + 1 for i, o in enumerate(options) if o.correct]
        if options and len(correct) != 1:
            found = "none" if not correct else f"{len(correct)} (options {', '.join(map(str, correct))})"
            self.problem(
                fields["options"][0],
                f"a single-choice question needs exactly one correct option, found {found}.",
                "mark exactly one option 'correct: true', or use 'type: multiple' if several are right.",
                qid,
            )
        return replace(q, options=options)

    def q_multiple(self, q: Question, fields: dict[str, Any], qid: str | None, opt: Any) -> Question:
        options = self.options(fields, qid)
        if options and not any(o.correct for o in options):
            self.problem(
                fields["options"][0],
                "a multiple-choice question needs at least one correct option, found none.",
                "mark the right options 'correct: true'.",
                qid,
            )
        return replace(q, options=options)

    def q_true_false(self, q: Question, fields: dict[str, Any], qid: str | None, opt: Any) -> Question:
        return replace(
            q,
            answer=opt("answer", self.boolean, None),
            feedback_true=opt("feedback_true", self.text, ""),
            feedback_false=opt("feedback_false", self.text, ""),
        )

    def q_fill_blank(self, q: Question, fields: dict[str, Any], qid: str | None, opt: Any) -> Question:
        blanks = find_blanks(q.question)
        if q.question.strip() and not blanks:
            self.problem(
                fields["question"][1],
                "a fill-blank question has no blank.",
                "mark each answer with double brackets, e.g. 'The engine is [[ONNX Runtime]].' "
                "(brackets inside `code` do not count).",
                qid,
            )
        for blank in blanks:
            if not blank.answer.strip():
                self.problem(
                    fields["question"][1],
                    "a blank has no answer inside its brackets.",
                    "write the answer between [[ and ]].",
                    qid,
                )
        return q

    def q_reflection(self, q: Question, fields: dict[str, Any], qid: str | None, opt: Any) -> Question:
        words = opt("words", self.word_limits, WordLimits())
        parts: list[Field] = []
        if "fields" in fields:
            vnode = fields["fields"][1]
            if not isinstance(vnode, yaml.SequenceNode) or not vnode.value:
                self.problem(
                    vnode, "'fields' must be a non-empty list.", "write each part as '- id: …' with a 'label: …'.", qid
                )
            else:
                seen: set[str] = set()
                for fnode in vnode.value:
                    ff = self.mapping(fnode, FIELD_KEYS, "a field", qid)
                    if ff is None:
                        continue
                    missing = [k for k in ("id", "label") if k not in ff]
                    for k in missing:
                        self.problem(fnode, f"a field has no '{k}'.", f"add '{k}: …' to the field.", qid)
                    if missing:
                        continue
                    fid = str(ff["id"][1].value)
                    if not SLUG.match(fid):
                        self.problem(
                            ff["id"][1],
                            f"the field id '{fid}' is not a lowercase slug.",
                            "use lowercase letters, digits and single hyphens.",
                            qid,
                        )
                        continue
                    if fid in seen:
                        self.problem(
                            ff["id"][1], f"two fields share the id '{fid}'.", "give each field its own id.", qid
                        )
                        continue
                    seen.add(fid)
                    fwords = self.word_limits(ff["words"][1], "words", qid) if "words" in ff else WordLimits()
                    parts.append(Field(id=fid, label=self.text(ff["label"][1], "label", qid), words=fwords))
        return replace(
            q,
            title=opt("title", self.text, ""),
            words=words,
            rubric=opt("rubric", self.text_list, ()),
            examples=tuple(" ".join(e.split()) for e in opt("examples", self.text_list, ())),
            fields=tuple(parts),
        )

    def word_limits(self, node: yaml.Node, key: str, qid: str | None) -> WordLimits:
        limits = self.mapping(node, WORDS_KEYS, "'words'", qid)
        if limits is None:
            return WordLimits()
        if not limits:
            self.problem(node, "'words' needs 'min', 'max' or both.", "write e.g. 'words: {min: 150, max: 200}'.", qid)
            return WordLimits()
        lo = self.integer(limits["min"][1], "min", qid) if "min" in limits else None
        hi = self.integer(limits["max"][1], "max", qid) if "max" in limits else None
        if lo is not None and hi is not None and lo > hi:
            self.problem(node, f"'min' ({lo}) is larger than 'max' ({hi}).", "swap the two numbers.", qid)
        return WordLimits(min=lo, max=hi)
