"""The bank format: a mapping with `questions:`, a list of questions, each of a type in the registry.

Reading validates: every problem is recorded with its line and question id, and the bank is
returned only when there is none. Which keys a type has, which it requires, and how each is read
come from its class (types/<name>.py: each key declared with its reader, keys.py).
"""

from __future__ import annotations

from typing import Any

import yaml

from .errors import BankError, Problem, did_you_mean
from .facts import NO_FACTS, Facts
from .keys import SLUG
from .model import COMMON_KEYS, Bank, Question, keys_of, required_keys_of
from .nodes import NodeReader, line_of
from .types import REGISTRY

BANK_KEYS = ("questions", "export_only")


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
        members: dict[str, list[Question]] = {}
        for q in questions:
            if q.pool is not None:
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
                values[key] = reader.read(self, entries[key], key)
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
