"""Export the banks for a learning management system, and a printable answer key (`make export`).

Writes into one folder (dist/ by default: outside docs/, so the site never publishes it):

- `qti-1.2.zip`, `qti-2.1.zip`: every self-check, built by mkdocs-quiz's own exporter
  (`mkdocs_quiz.qti`) fed from the banks; Canvas, Blackboard and Brightspace import these;
- `moodle.gift`: every question, one category per bank (Moodle: Question bank > Import > GIFT);
- `answer-key.md`: every question with its answers, accepted forms, feedback, hints and
  explanation, for instructors only.

What a format cannot hold is never dropped silently: the command prints one line per kind of loss
(hints, tolerances, …) with how many questions it touches, and `export-losses.txt` lists each one,
"not exported to <format>: <bank#id> (<why>)". Bank text is Markdown. QTI 1.2 declares its text as HTML and GIFT is written
with `[html]`, so both get the same HTML, rendered once here: an LMS shows HTML alike
everywhere, whereas Moodle's own Markdown dialect differs from Python-Markdown in details.
QTI 2.1 gets plain text: mkdocs-quiz writes it into the item body as text, not as markup, so
HTML there would show its tags.

The command is `command.py` (`export_banks`, `export_course`); each question type writes its own
forms (`gift`, `qti`, `key_lines`) with the helpers of `gift.py`, `items.py` and `answer_key.py`.
This package's own module imports nothing, so a type can use those helpers without loading
mkdocs-quiz (only `qti.py` does).
"""
