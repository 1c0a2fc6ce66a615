"""What the browser needs to know about the whole course, written once per build as JSON."""

from __future__ import annotations

import json

from .ids import question_key, text_key
from .model import Bank, WrittenTask


def written_tasks(banks: dict[str, Bank]) -> list[dict[str, object]]:
    """Every written task in bank order (the brief's order): the order of the downloaded answers."""
    return [
        {
            "key": question_key(bank.name, q.id),
            "title": q.heading,
            "min": q.words.min,
            "max": q.words.max,
            "fields": [{"id": f.id, "label": f.label, "min": f.words.min, "max": f.words.max} for f in q.boxes],
            "rubric": [text_key(item) for item in q.rubric],
        }
        for bank in banks.values()
        for q in bank.questions
        if isinstance(q, WrittenTask)
    ]


def written_tasks_json(banks: dict[str, Bank]) -> str:
    return json.dumps(written_tasks(banks), ensure_ascii=False)
