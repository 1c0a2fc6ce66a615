"""The question types, registered here one line each: the only list of types in the project.

A type is one module of this package declaring its class (its YAML keys with their readers, its
checks, identity, markup, browser key and marking, its answer-key lines, its export forms, its
class-report hooks and its test samples). Everything else (the bank format, the schema, the
manifest, the exports, the class report) reaches types through `REGISTRY`, by name.
"""

from __future__ import annotations

from ..model import FillBlank, Matching, Multiple, Ordering, Question, Single, TrueFalse, WrittenTask
from .calculated import Calculated

REGISTRY: dict[str, type[Question]] = {
    cls.type: cls
    for cls in (
        Single,
        Multiple,
        TrueFalse,
        FillBlank,
        Ordering,
        Matching,
        WrittenTask,
        Calculated,
    )
}
