"""Quiz banks: load, read (and so validate) and render YAML questions, with no dependency on MkDocs.

- `load`: find bank files, decode them, compose their YAML;
- `bankformat` (on `nodes`, a generic reader of YAML nodes): the bank format, checked as it is read;
- `model`: one class per question type, declaring its keys, its checks and its renderer;
- `selfcheck`, `written_task` (on `markup`): the markup of self-checks and of answer boxes;
- `markers`, `page`: where a chapter places questions, and placing them;
- `ids`, `manifest`: identities the browser keys saved work by, and what it needs of the course.

The hooks in `hooks/` wire these functions to MkDocs events; tests call them directly.
"""

from .errors import BankError, Problem, display_path
from .load import load_bank_file, load_bank_text, load_banks
from .markers import Source
from .model import Bank, Option, Question, WrittenTask
from .page import Placed, place_quizzes
from .selfcheck import RenderOptions
from .types import REGISTRY

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
    "WrittenTask",
    "display_path",
    "load_bank_file",
    "load_bank_text",
    "load_banks",
    "place_quizzes",
]
