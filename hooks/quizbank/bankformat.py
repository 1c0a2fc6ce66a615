"""The bank format: a mapping with `questions:`, a list of questions, each of a type in model.py.

Reading validates: every problem is recorded with its line and question id, and the bank is
returned only when there is none. Which keys a type has, and which it requires, comes from its
class in model.py; the readers below say how each kind of value is written.
"""

from __future__ import annotations

import re
from dataclasses import fields as dataclass_fields
from typing import Any

import yaml

from .errors import BankError, Problem, did_you_mean
from .facts import NO_FACTS, Facts
from .model import (
    COMMON_KEYS,
    Bank,
    Field,
    KeyReader,
    Option,
    Pair,
    Pool,
    Question,
    SelfCheck,
    WordLimits,
    keys_of,
    required_keys_of,
)
from .nodes import Entry, Mapping, NodeReader, line_of
from .types import REGISTRY

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
BANK_KEYS = ("questions", "export_only")
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
OPTION_KEYS = ("text", "correct", "feedback")
FIELD_KEYS = ("id", "label", "words")
PAIR_KEYS = ("prompt", "answer")
POOL_KEYS = ("id", "draw")
WORDS_KEYS = ("min", "max")


def read_bank(
    root: yaml.Node | None,
    *,
    name: str,
    shown: str,
    problems: list[Problem] | None = None,
    facts: Facts = NO_FACTS,
) -> Bank:
    """A bank from its composed YAML; `facts` replace its fact references.

    Every problem is appended to `problems` when a list is given, and the bank is returned with the
    questions that read cleanly (`damaged` if any did not); without a list, a BankError lists them.
    """
    found: list[Problem] = [] if problems is None else problems
    start = len(found)
    reader = BankReader(shown, found, facts, name)
    questions, export_only = reader.bank(root)
    if problems is None and found:
        raise BankError(found)
    read = {q.id for q in questions}
    unread = tuple(qid for qid in reader.ids if qid not in read)
    return Bank(
        name=name,
        path=shown,
        questions=questions,
        export_only=export_only,
        damaged=len(found) > start,
        unread=unread,
    )


class BankReader(NodeReader):
    """Reads the bank format; each `read_<reader>` method reads one kind of declared key."""

    def __init__(
        self, shown: str, problems: list[Problem] | None = None, facts: Facts | None = None, bank: str = ""
    ) -> None:
        super().__init__(shown, problems, facts)
        self.bank_name = bank  # the bank's name ("part-1"), which each question keeps
        self.ids: list[str] = []  # every question id met, read cleanly or not

    def bank(self, root: yaml.Node | None) -> tuple[tuple[Question, ...], bool]:
        """The questions that read cleanly, and whether the whole bank is for the export only."""
        if root is None:
            self.problem(
                1,
                "the bank is empty (it has no questions, only comments or blank lines).",
                "start the file with 'questions:' and a list of questions.",
            )
            return (), False
        top = self.mapping(root, BANK_KEYS, "the bank")
        if top is None:
            return (), False
        export_only = bool(self.boolean(top["export_only"].value, "export_only")) if "export_only" in top else False
        if "questions" not in top:
            self.problem(root, "the bank has no 'questions:' list.", "add 'questions:' with at least one question.")
            return (), export_only
        items = self.sequence(
            top["questions"].value, "questions", "list each question under 'questions:' starting with '- id: …'."
        )
        questions: list[Question] = []
        seen: dict[str, int] = {}
        for node in items:
            question = self.question(node)
            # A question with problems still claims its id: a second question with the same id is
            # reported now, not once the first one is fixed.
            qid = self.qid
            if qid is None:
                continue
            if qid in seen:
                self.problem(
                    line_of(node),
                    f"the id '{qid}' is already used by the question on line {seen[qid]}.",
                    "give each question in a bank its own id.",
                )
                continue
            seen[qid] = line_of(node)
            self.ids.append(qid)
            if question is not None:
                questions.append(question)
        self.pools(questions)
        return tuple(questions), export_only

    def pools(self, questions: list[Question]) -> None:
        """Each pool draws at least one and at most as many variants as it has, and says the same `draw` everywhere."""
        members: dict[str, list[SelfCheck]] = {}
        for q in questions:
            if isinstance(q, SelfCheck) and q.pool is not None:
                members.setdefault(q.pool.id, []).append(q)
        for pool_id, variants in members.items():
            first = variants[0]
            assert first.pool is not None
            for other in variants[1:]:
                assert other.pool is not None
                if other.pool.draw != first.pool.draw:
                    self.qid = other.id
                    self.problem(
                        other.pool.line,
                        f"the pool '{pool_id}' draws {other.pool.draw} here but {first.pool.draw} on line {first.pool.line}.",
                        "give every variant of a pool the same 'draw'.",
                    )
            if first.pool.draw > len(variants):
                self.qid = first.id
                self.problem(
                    first.pool.line,
                    f"the pool '{pool_id}' draws {first.pool.draw} but has {len(variants)} "
                    f"variant{'s' if len(variants) != 1 else ''} ({', '.join(v.id for v in variants)}).",
                    "add variants with 'pool: {id: " + pool_id + "}', or lower 'draw'.",
                )

    def question(self, node: yaml.Node) -> Question | None:
        self.qid = None
        start = len(self.problems)
        if not isinstance(node, yaml.MappingNode):
            self.problem(
                node,
                "each question must be a mapping starting with 'id:'.",
                "write '- id: my-question' and indent its other keys under it.",
            )
            return None
        raw = {str(k.value): v for k, v in node.value}
        self.qid = self.question_id(raw.get("id"))
        cls = self.question_type(node, raw.get("type"))
        if cls is None:
            return None
        declared = keys_of(cls)
        entries = self.mapping(node, (*COMMON_KEYS, *declared), f"a '{cls.type}' question")
        if entries is None:
            return None
        missing = [key for key in ("id", *required_keys_of(cls)) if key not in entries]
        for key in missing:
            self.problem(node, f"the required key '{key}' is missing.", f"add '{key}:' to this {cls.type} question.")
        # Every key that is there is read, whatever else is wrong with the question (an unknown key, a
        # missing one): each problem is reported now, not one fix later.
        values: dict[str, Any] = {}
        for key, reader in declared.items():
            if key in entries:
                if isinstance(reader, KeyReader):
                    values[key] = reader.read(self, entries[key], key)
                else:
                    values[key] = getattr(self, "read_" + reader)(entries[key], key)
        if missing or self.qid is None:
            return None
        question = cls(id=self.qid, line=line_of(node), bank=self.bank_name, **values)
        for finding in question.check():
            where = finding.line or (entries[finding.at].key if finding.at in entries else node)
            self.problem(where, finding.what, finding.fix)
        return None if len(self.problems) > start else question

    def question_id(self, node: yaml.Node | None) -> str | None:
        if node is None:
            return None  # reported with the other missing keys
        value = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
        if not SLUG.match(value):
            self.problem(
                node,
                f"the id '{value}' is not a lowercase slug.",
                "use lowercase letters, digits and single hyphens, e.g. 'key-benefit'.",
            )
            return None
        return value

    def question_type(self, node: yaml.Node, vnode: yaml.Node | None) -> type[Question] | None:
        names = tuple(REGISTRY)
        if vnode is None:
            self.problem(
                node, "the required key 'type' is missing.", "add 'type:' with one of: " + ", ".join(names) + "."
            )
            return None
        value = str(vnode.value) if isinstance(vnode, yaml.ScalarNode) else ""
        if value not in REGISTRY:
            renamed = {"reflection": "written-task"}
            hint = f"did you mean '{renamed[value]}'? " if value in renamed else did_you_mean(value, names, cutoff=0.4)
            self.problem(vnode, f"unknown question type '{value}'.", hint + "valid types: " + ", ".join(names) + ".")
            return None
        return REGISTRY[value]

    # ── readers of declared keys (model.key(reader=…)) ─────────────────────────────────────

    def read_text(self, entry: Entry, key: str) -> str:
        return self.text(entry.value, key)

    def read_boolean(self, entry: Entry, key: str) -> bool | None:
        return self.boolean(entry.value, key)

    def read_text_list(self, entry: Entry, key: str) -> tuple[str, ...]:
        return self.text_list(entry.value, key)

    def read_paragraphs(self, entry: Entry, key: str) -> tuple[str, ...]:
        """A list of one-paragraph Markdown texts (hints)."""
        items = self.sequence(entry.value, key, f"write each item on its own line starting with '- ' under '{key}:'.")
        out = []
        for item in items:
            text = self.text(item, key)
            if PARAGRAPH_BREAK.search(text.strip()) or "```" in text or "~~~" in text:
                self.problem(
                    item,
                    f"each of the '{key}' must be one paragraph without code blocks.",
                    "split it into two items, or shorten it.",
                )
            out.append(text)
        return tuple(out)

    def read_example_names(self, entry: Entry, key: str) -> tuple[str, ...]:
        return tuple(" ".join(e.split()) for e in self.text_list(entry.value, key))

    def read_options(self, entry: Entry, key: str) -> tuple[Option, ...]:
        node = entry.value
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, "'options' must be a list.", "write each option as '- text: …' under 'options:'.")
            return ()
        out: list[Option] = []
        seen: dict[str, int] = {}
        for onode in node.value:
            if isinstance(onode, yaml.ScalarNode):
                self.problem(onode, "each option must be a mapping with 'text:'.", f"write '- text: {onode.value}'.")
                continue
            entries = self.mapping(onode, OPTION_KEYS, "an option")
            if entries is None:
                continue
            if "text" not in entries:
                self.problem(onode, "an option has no 'text'.", "add 'text: …' to the option.")
                continue
            text = self.text(entries["text"].value, "text")
            if PARAGRAPH_BREAK.search(text.strip()):
                self.problem(
                    entries["text"].value,
                    "an option's text must be one paragraph.",
                    "shorten the option; put longer discussion in 'feedback' or 'explanation'.",
                )
            correct = self.boolean(entries["correct"].value, "correct") if "correct" in entries else False
            feedback = self.text(entries["feedback"].value, "feedback") if "feedback" in entries else ""
            if PARAGRAPH_BREAK.search(feedback.strip()) or "```" in feedback or "~~~" in feedback:
                self.problem(
                    entries["feedback"].value,
                    "per-option feedback must be one paragraph without code blocks.",
                    "keep it to one paragraph; put longer discussion in the question's 'explanation'.",
                )
            same = " ".join(text.split())
            if same in seen:
                self.problem(
                    onode,
                    f"two options have the same text (see line {seen[same]}).",
                    "make each option's text different.",
                )
            seen[same] = line_of(onode)
            out.append(Option(text=text, correct=bool(correct), feedback=feedback))
        if len(node.value) < 2:
            self.problem(
                entry.key,
                f"a choice question needs at least two options, found {len(node.value)}.",
                "add more options under 'options:'.",
            )
        return tuple(out)

    def one_paragraph(self, node: yaml.Node, key: str, what: str) -> str:
        text = self.text(node, key)
        if PARAGRAPH_BREAK.search(text.strip()) or "```" in text or "~~~" in text:
            self.problem(node, f"{what} must be one paragraph without code blocks.", "shorten it to one paragraph.")
        return text

    def read_items(self, entry: Entry, key: str) -> tuple[str, ...]:
        """A list of one-paragraph texts, each different (ordering items, matching distractors)."""
        items = self.sequence(entry.value, key, f"write each item on its own line starting with '- ' under '{key}:'.")
        out: list[str] = []
        seen: dict[str, int] = {}
        for item in items:
            text = self.one_paragraph(item, key, f"each of the '{key}'")
            same = " ".join(text.split())
            if same in seen:
                self.problem(
                    item, f"two of the '{key}' have the same text (see line {seen[same]}).", "make each one different."
                )
                continue
            seen[same] = line_of(item)
            out.append(text)
        return tuple(out)

    def read_pairs(self, entry: Entry, key: str) -> tuple[Pair, ...]:
        """A matching question's prompts, each with its answer; prompts all different."""
        nodes = self.sequence(entry.value, key, "write each pair as '- prompt: …' with an 'answer: …' under it.")
        out: list[Pair] = []
        seen: dict[str, int] = {}
        for pnode in nodes:
            entries: Mapping | None = self.mapping(pnode, PAIR_KEYS, "a pair")
            if entries is None:
                continue
            if "prompt" not in entries:
                self.problem(pnode, "a pair has no 'prompt'.", "add 'prompt: …' to the pair.")
                continue
            prompt = self.one_paragraph(entries["prompt"].value, "prompt", "a prompt")
            if "answer" not in entries:
                self.problem(
                    pnode,
                    f"the prompt '{' '.join(prompt.split())}' has no answer.",
                    "add 'answer: …' under it: the text it is matched to.",
                )
                continue
            answer = self.one_paragraph(entries["answer"].value, "answer", "an answer")
            same = " ".join(prompt.split())
            if same in seen:
                self.problem(pnode, f"two prompts have the same text (see line {seen[same]}).", "make each different.")
                continue
            seen[same] = line_of(pnode)
            out.append(Pair(prompt=prompt, answer=answer, line=line_of(pnode)))
        return tuple(out)

    def read_pool(self, entry: Entry, key: str) -> Pool | None:
        """`pool: {id: lora-cost, draw: 1}`: the idea this question is a variant of (draw: 1 unless given)."""
        entries = self.mapping(entry.value, POOL_KEYS, "'pool'")
        if entries is None:
            return None
        if "id" not in entries:
            self.problem(entry.value, "'pool' has no 'id'.", "write e.g. 'pool: {id: lora-cost, draw: 1}'.")
            return None
        pool_id = str(entries["id"].value.value) if isinstance(entries["id"].value, yaml.ScalarNode) else ""
        if not SLUG.match(pool_id):
            self.problem(
                entries["id"].value,
                f"the pool id '{pool_id}' is not a lowercase slug.",
                "use lowercase letters, digits and single hyphens, e.g. 'lora-cost'.",
            )
            return None
        draw = 1
        if "draw" in entries:
            node = entries["draw"].value
            if not (
                isinstance(node, yaml.ScalarNode) and not node.style and re.fullmatch(r"[1-9]\d*", str(node.value))
            ):
                self.problem(node, "'draw' must be a whole number, at least 1.", "write e.g. 'draw: 1'.")
                return None
            draw = int(node.value)
        return Pool(id=pool_id, draw=draw, line=line_of(entry.key))

    def read_word_limits(self, entry: Entry, key: str) -> WordLimits:
        return self.word_limits(entry.value)

    def word_limits(self, node: yaml.Node) -> WordLimits:
        limits = self.mapping(node, WORDS_KEYS, "'words'")
        if limits is None:
            return WordLimits()
        if not limits:
            self.problem(node, "'words' needs 'min', 'max' or both.", "write e.g. 'words: {min: 150, max: 200}'.")
            return WordLimits()
        lo = self.integer(limits["min"].value, "min") if "min" in limits else None
        hi = self.integer(limits["max"].value, "max") if "max" in limits else None
        if lo is not None and hi is not None and lo > hi:
            self.problem(node, f"'min' ({lo}) is larger than 'max' ({hi}).", "swap the two numbers.")
        return WordLimits(min=lo, max=hi)

    def read_fields(self, entry: Entry, key: str) -> tuple[Field, ...]:
        node = entry.value
        parts: list[Field] = []
        seen: set[str] = set()
        for fnode in self.sequence(node, "fields", "write each part as '- id: …' with a 'label: …'."):
            entries: Mapping | None = self.mapping(fnode, FIELD_KEYS, "a field")
            if entries is None:
                continue
            missing = [k for k in ("id", "label") if k not in entries]
            for k in missing:
                self.problem(fnode, f"a field has no '{k}'.", f"add '{k}: …' to the field.")
            if missing:
                continue
            fid = str(entries["id"].value.value)
            if not SLUG.match(fid):
                self.problem(
                    entries["id"].value,
                    f"the field id '{fid}' is not a lowercase slug.",
                    "use lowercase letters, digits and single hyphens.",
                )
                continue
            if fid in seen:
                self.problem(entries["id"].value, f"two fields share the id '{fid}'.", "give each field its own id.")
                continue
            seen.add(fid)
            words = self.word_limits(entries["words"].value) if "words" in entries else WordLimits()
            parts.append(Field(id=fid, label=self.text(entries["label"].value, "label"), words=words))
        return tuple(parts)


# Every reader a model declares exists here (checked at import, so a typo fails at once).
for _cls in REGISTRY.values():
    for _key, _reader in keys_of(_cls).items():
        assert isinstance(_reader, KeyReader) or hasattr(BankReader, "read_" + _reader), (
            f"{_cls.__name__}.{_key}: no reader 'read_{_reader}'"
        )
assert {f.name for f in dataclass_fields(Option)} == set(OPTION_KEYS)
assert {f.name for f in dataclass_fields(Pair)} - {"line"} == set(PAIR_KEYS)
assert {f.name for f in dataclass_fields(Pool)} - {"line"} == set(POOL_KEYS)
