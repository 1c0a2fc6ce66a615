"""The facts file in a real build: chapters, the files they include and banks show the values; a bad reference stops it."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config

import facts as facts_hook  # hooks/facts.py, as MkDocs loads it
from support import build, with_facts, write_site

FACTS = """\
sources:
  guide:
    title: The guide
    url: https://learn.microsoft.com/azure/foundry/fine-tuning/overview
    checked: 2026-12-06
    review_by: 2027-03-01
facts:
  upload-limit-mb:
    value: 512
    source: guide
    checked: 2026-12-06
    review_by: 2027-03-01
  retires:
    value: 2027-04-14
    source: guide
    checked: 2026-12-06
    review_by: 2027-03-01
"""
BANK = """questions:
  - id: size
    type: fill-blank
    question: "Files must be smaller than [[:fact[upload-limit-mb]]] MB."
    explanation: "The limit retires with the model on :fact[retires]."
"""
PAGE = """---
description: A page.
---
# Limits

| Model | Retires |
|---|---|
| gpt-4.1 | :fact[retires] |

Files up to :fact[upload-limit-mb] MB ([source](:source[upload-limit-mb]); :checked[upload-limit-mb]).
Write `\\:fact[name]` to use one.

--8<-- "inc.md"

<!-- quiz: bank -->
"""


def site_with_facts(base: Path, page: str) -> Path:
    config = with_facts(write_site(base, {"index.md": page}, {"bank.yml": BANK}), FACTS)
    (base / "inc.md").write_text("Included: :fact[retires].\n", encoding="utf-8")
    return config


def test_a_page_its_included_file_and_its_bank_show_the_facts_values(tmp_path: Path) -> None:
    result = build(site_with_facts(tmp_path, PAGE))
    assert result.code == 0, result.output
    html = result.page("index.html")
    assert "<td>April 14, 2027</td>" in html
    assert (
        "Files up to 512 MB" in html and 'href="https://learn.microsoft.com/azure/foundry/fine-tuning/overview"' in html
    )
    assert "checked December 6, 2026 against" in html
    assert "<code>:fact[name]</code>" in html and "Included: April 14, 2027." in html
    assert "retires with the model on April 14, 2027" in html  # the bank's explanation
    assert ":fact[" not in html.replace("<code>:fact[name]</code>", "")


def test_a_reference_to_an_unknown_fact_stops_the_build_at_its_line(tmp_path: Path) -> None:
    result = build(site_with_facts(tmp_path, PAGE.replace(":fact[upload-limit-mb] MB", ":fact[upload-limit] MB")))
    assert result.code != 0, "a page with an unknown fact was published"
    assert "docs/index.md:10: ':fact[upload-limit]' refers to a fact that facts.yml does not define." in result.output
    assert "did you mean 'upload-limit-mb'?" in result.output and "Traceback" not in result.output
    included = build(site_with_facts(tmp_path / "b", PAGE.replace('"inc.md"', '"inc2.md"')))
    assert included.code != 0  # the missing include itself
    (tmp_path / "c").mkdir()
    config = site_with_facts(tmp_path / "c", PAGE)
    (tmp_path / "c" / "inc.md").write_text("Included: :fact[retire].\n", encoding="utf-8")
    result = build(config)
    assert result.code != 0 and "in a file this page includes with --8<--" in result.output, result.output
    assert "Traceback" not in result.output


def test_mkdocs_serve_rebuilds_when_the_facts_file_changes(tmp_path: Path) -> None:
    """hooks/facts.py has `mkdocs serve` watch the facts file: a new value reaches every page without a restart."""
    config = load_config(config_file=str(site_with_facts(tmp_path, PAGE)))
    facts_hook.on_config(config)

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = Server()
    facts_hook.on_serve(server, config=config, builder=None)  # type: ignore[arg-type]
    assert server.watched == [str(tmp_path / "facts.yml")]
