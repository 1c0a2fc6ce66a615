"""Quiz banks: load, read (and so validate) and render YAML questions, with no dependency on MkDocs.

- `load`: find bank files, decode them, compose their YAML;
- `bankformat` (on `nodes`, a generic reader of YAML nodes): the bank format, checked as it is read;
- `model`: what every question type shares (the `Question` protocol); `keys`: how a type declares
  its YAML keys; `types/`: one module per type (its keys, checks, markup, marking, exports and
  report), registered in `types/__init__.py`;
- `markers`, `page`: where a chapter places questions, and placing them;
- `ids`, `manifest`: identities the browser keys saved work by, and what it needs of the course.

The hooks in `hooks/` wire these functions to MkDocs events; tests call them directly.
"""

from .errors import BankError, Problem, display_path
from .load import load_bank_file, load_bank_text, load_banks
from .markers import Source
from .model import Bank, Option, Question
from .page import Placed, place_quizzes
from .types import REGISTRY
from .types.frame import RenderOptions

__all__ = [
    "REGISTRY",
    "Bank",
    "BankError",
    "Option",
    "Placed",
    "Problem",
    "Question",
    "RenderOptions",
    "Source",
    "display_path",
    "load_bank_file",
    "load_bank_text",
    "load_banks",
    "place_quizzes",
]
