"""Quiz banks: load, validate and render YAML questions, with no dependency on MkDocs.

The hook in `hooks/quiz_banks.py` wires these functions to MkDocs events; tests call them directly.
"""

from .errors import BankError, Problem
from .load import load_bank_file, load_bank_text, load_banks
from .model import Bank, Option, Question
from .page import place_quizzes
from .render import RenderOptions, anchor, render_question

__all__ = [
    "Bank",
    "BankError",
    "Option",
    "Problem",
    "Question",
    "RenderOptions",
    "anchor",
    "load_bank_file",
    "load_bank_text",
    "load_banks",
    "place_quizzes",
    "render_question",
]
