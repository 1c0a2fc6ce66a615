"""The question types, registered here one line each: the only list of types in the project.

A type is one module of this package declaring its class: its YAML keys with their readers, its
checks, identity, markup, browser key and marking, its answer-key lines, its export forms, what
the class report tallies of its first answers, and samples for the tests (model.Question says
each). Everything else (the bank format, the schema, the manifest, the exports, the class report,
the progress file's reader) reaches the types through `REGISTRY`, by name, or through those
methods; nothing asks which class a question is.
"""

from __future__ import annotations

from ..model import Question
from .calculated import Calculated
from .fill_blank import FillBlank
from .matching import Matching
from .multiple import Multiple
from .ordering import Ordering
from .single import Single
from .true_false import TrueFalse
from .written_task import WrittenTask

# A type is registered by its import above and its place here (the order of the schema's list).
TYPES = (Single, Multiple, TrueFalse, FillBlank, Ordering, Matching, WrittenTask, Calculated)
REGISTRY: dict[str, type[Question]] = {cls.type: cls for cls in TYPES}
