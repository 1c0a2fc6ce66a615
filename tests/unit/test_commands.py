"""The Makefile as an instructor meets it: `make` lists the targets, installs say what they do, addresses are real.

Recipes are read with `make -n` (print, do not run): nothing is installed or built here.
"""

from __future__ import annotations

import glob
import re
import shlex
import subprocess
from pathlib import Path

from quizbank.siteconfig import read_config, site_path
from support import ROOT


def make(*args: str) -> str:
    proc = subprocess.run(["make", "--no-print-directory", *args], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def phony_targets() -> list[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    line = re.search(r"^\.PHONY:(.*)$", text, re.M)
    assert line, "the Makefile declares its targets .PHONY"
    return line.group(1).split()


def test_make_alone_lists_every_target_on_one_line_each() -> None:
    out = make()
    listed = dict(re.findall(r"^  ([a-z][a-z-]*) +(\S.*)$", out, re.M))
    assert set(listed) == set(phony_targets()), out
    assert "is up to date" not in out
    assert all(len(text) > 10 for text in listed.values())


def test_the_node_tests_are_named_one_by_one_for_every_node_release() -> None:
    """Node 22 and later read `node --test tests/js/` as one module named tests/js and run nothing else."""
    recipe = [line for line in make("-n", "jstest").splitlines() if "node --test" in line]
    assert len(recipe) == 1, recipe
    args = shlex.split(recipe[0].split("node --test", 1)[1])
    assert args and not any(Path(ROOT, a).is_dir() for a in args)
    named = sorted(p for a in args for p in glob.glob(a, root_dir=ROOT))
    assert named == sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "tests" / "js").glob("*.test.mjs"))


def test_a_first_install_says_what_it_is_doing_before_it_starts(tmp_path: Path) -> None:
    """The installs run pip quietly (-q): a line before each says what is installed and how long it takes."""
    venv = tmp_path / "venv"
    for stamp in (".runtime", ".test", ".report"):
        lines = make("-n", f"VENV={venv}", f"{venv}/{stamp}").splitlines()
        installs = [i for i, line in enumerate(lines) if "pip install" in line]
        assert installs, lines
        said = [line for line in lines[: installs[0]] if line.startswith("echo ")]
        assert any("Installing" in line and re.search(r"\d+ s|minute", line) for line in said), lines


def test_the_preview_address_is_where_the_site_is_served() -> None:
    """`mkdocs serve` serves the site under site_url's path: the bare host answers with a redirect and a warning."""
    address = "http://127.0.0.1:8000" + site_path(read_config(ROOT / "mkdocs.yml"))
    assert address.endswith("/cloud-fine-tuning/")
    for doc in ("README.md", "docs/instructors.md"):
        text = (ROOT / doc).read_text(encoding="utf-8")
        assert address in text, doc
        assert not re.search(r"http://127\.0\.0\.1:8000(?!/cloud-fine-tuning/)", text), doc
    serve = make("-n", "serve")
    assert "http://127.0.0.1:8000$(" in serve and "site_path" in serve  # printed from mkdocs.yml as it starts


def test_the_instructors_page_says_plainly_what_the_self_checks_are() -> None:
    """Before anything else an instructor decides: practice, answers in the page, files students can edit, no marks."""
    text = (ROOT / "docs" / "instructors.md").read_text(encoding="utf-8")
    section = text[text.index("## What the self-checks are") : text.index("## Preview while you edit")]
    for said in (
        "for practice",
        "The answers are in the page",
        "page's source",
        "they can edit before handing it in",
        "no points, no time limits",
        "not for grades",
        "not for marking",
    ):
        assert said in section, said
