"""The `checks` bank the self-check tests share, as data: each test takes it whole or as an instructor edits it.

One of each choice type and a blank (test_quiz_student.py: a student answers; test_quiz_safety.py:
nothing is lost or run as code, with blanks of its own added). `edited()` is the bank after an
instructor reorders questions and options, rewords one question and fixes an answer key.
"""

from __future__ import annotations

import copy
from typing import Any

import yaml

KEY_BENEFIT: dict[str, Any] = {
    "id": "key-benefit",
    "type": "single",
    "shuffle": False,
    "question": "What is the key benefit of fine-tuning a pre-trained model?",
    "options": [
        {
            "text": "It reduces the need for computational resources",
            "correct": True,
            "feedback": "Right, compared with training from scratch.",
        },
        {"text": "It avoids using training data", "feedback": "No, fine-tuning needs labelled data."},
        {"text": "It removes the need for evaluation", "feedback": "No, you still evaluate."},
    ],
    "explanation": "Fine-tuning saves compute **relative to training from scratch**.",
}
PEFT: dict[str, Any] = {
    "id": "peft",
    "type": "multiple",
    "question": "Which methods are parameter-efficient?",
    "options": [
        {"text": "LoRA", "correct": True, "feedback": "LoRA trains small adapter matrices."},
        {"text": "Adapters", "correct": True, "feedback": "Adapters add a few trainable layers."},
        {"text": "Full fine-tuning", "feedback": "Full fine-tuning updates every weight."},
    ],
}
NO_EVAL: dict[str, Any] = {
    "id": "no-eval",
    "type": "true-false",
    "question": "Fine-tuning eliminates the need for evaluation metrics.",
    "answer": False,
    "feedback_true": "Not so, a fine-tuned model still needs evaluating.",
    "feedback_false": "Correct, evaluation remains essential.",
}
RUNTIME: dict[str, Any] = {
    "id": "runtime",
    "type": "fill-blank",
    "question": "The open-source engine that runs ONNX models is [[ONNX Runtime]]; `[[1, 2]]` stays code.",
    "explanation": "It must be opted into.",
}
CHECKS = [KEY_BENEFIT, PEFT, NO_EVAL, RUNTIME]


def bank(questions: list[dict[str, Any]]) -> str:
    """A bank file's text."""
    return yaml.safe_dump({"questions": questions}, sort_keys=False, allow_unicode=True, width=1000)


def edited() -> list[dict[str, Any]]:
    """CHECKS as an instructor republishes it.

    Questions and key-benefit's options reordered, peft reworded (its feedback dropped), the
    explanations gone. The answer key stays: a test fixes it.
    """
    key, peft, no_eval, runtime = copy.deepcopy(CHECKS)
    key["options"] = [key["options"][2], key["options"][1], key["options"][0]]
    del key["explanation"]
    peft["question"] = "Which of these methods are parameter-efficient?"
    peft["options"] = [{k: v for k, v in o.items() if k != "feedback"} for o in peft["options"]]
    del runtime["explanation"]
    return [no_eval, key, peft, runtime]
