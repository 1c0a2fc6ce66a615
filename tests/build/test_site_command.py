"""`python -m quizbank site`: the site-level steps after any engine (quizbank/postbuild.py).

Held to the MkDocs hooks, which do the same through the same functions: over an MkDocs build the
command finds nothing to do, and what the hooks did, undone, it does again. Then its own cases: no
build at all, a page over the first-paint budget, the command line's exit status.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from quizbank.postbuild import finish_site
from support import ROOT, BuildResult


def worker_list(site: Path) -> dict[str, str]:
    """The files sw.js precaches, with their digests."""
    text = (site / "sw.js").read_text(encoding="utf-8")
    found = re.search(r"self\.QUIZBANK_OFFLINE = (\{.*?\});\n", text)
    assert found is not None, "sw.js has no list of files"
    files: dict[str, str] = json.loads(found.group(1))["files"]
    return files


def test_the_site_command_changes_nothing_in_an_mkdocs_build(built_site: BuildResult, tmp_path: Path) -> None:
    """Under MkDocs the hooks do the site-level steps through the same library: the command finds nothing to do."""
    copy = shutil.copytree(built_site.site, tmp_path / "site")
    done = finish_site(ROOT / "mkdocs.yml", copy)
    assert not done.errors, done.problems
    assert (done.written, done.pages_changed, done.removed) == ([], 0, []), done


def test_the_site_command_finishes_what_an_engine_without_hooks_left(built_site: BuildResult, tmp_path: Path) -> None:
    """Undo what the hooks did to an MkDocs build; the command does it again, byte for byte."""
    copy = shutil.copytree(built_site.site, tmp_path / "site")
    for rel in ("sw.js", "manifest.webmanifest", "assets/quizbank/course.json", "assets/stylesheets/course.css"):
        (copy / rel).unlink()
    page = copy / "part-1" / "index.html"
    html = page.read_text(encoding="utf-8")
    loader = re.search(r'<script data-bundle="([^"]+)" data-before="[^"]+">.*?</script>', html, re.S)
    assert loader is not None
    bare = html.replace(loader.group(0), f'<script src="{loader.group(1)}"></script>')
    bare = re.sub(r'\n\s*<link rel="manifest"[^>]*>', "", bare)
    page.write_text(bare, encoding="utf-8")
    done = finish_site(ROOT / "mkdocs.yml", copy)
    assert not done.errors, done.problems
    assert done.pages_changed == 1
    for rel in ("manifest.webmanifest", "assets/quizbank/course.json", "assets/stylesheets/course.css"):
        assert (copy / rel).read_bytes() == (built_site.site / rel).read_bytes(), rel
    # The worker lists the same files (the page's digest changed: its links' whitespace is the command's).
    assert worker_list(copy).keys() == worker_list(built_site.site).keys()
    finished = page.read_text(encoding="utf-8")
    assert loader.group(0) in finished and '<link rel="manifest" href="../manifest.webmanifest">' in finished


def test_the_site_command_names_a_missing_build(tmp_path: Path) -> None:
    done = finish_site(ROOT / "mkdocs.yml", tmp_path / "nothing")
    assert [p.what for p in done.errors] == ["no built site here (no index.html)."]
    assert "make build ENGINE=zensical" in done.errors[0].fix


def test_a_page_over_the_budget_is_a_warning_naming_it(built_site: BuildResult, tmp_path: Path) -> None:
    copy = shutil.copytree(built_site.site, tmp_path / "site")
    page = copy / "glossary" / "index.html"
    noise = "".join(hashlib.sha256(str(i).encode()).hexdigest() for i in range(1600))  # ~55 KB gzip
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", f"<p>{noise}</p></article>", 1))
    done = finish_site(ROOT / "mkdocs.yml", copy)
    assert not done.errors, done.problems
    [warning] = done.problems
    assert (warning.file, warning.severity) == ("glossary/index.html", "warning")
    assert "over the budget of 39,420" in warning.what and warning.fix.startswith("split the chapter")


def test_the_command_line_says_what_it_did_and_fails_on_an_error(built_site: BuildResult, tmp_path: Path) -> None:
    copy = shutil.copytree(built_site.site, tmp_path / "site")
    command = [sys.executable, "-m", "quizbank", "site", "-f", str(ROOT / "mkdocs.yml")]
    done = subprocess.run([*command, "-d", str(copy)], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    assert re.search(r"0 files written, 0 pages finished, 0 source files removed", done.stdout), done.stdout
    missing = subprocess.run(
        [*command, "-d", str(tmp_path / "none")], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert missing.returncode == 1
    assert "none:1: no built site here (no index.html)" in missing.stderr and "Traceback" not in missing.stderr


def test_a_preview_gets_the_worker_that_removes_itself(built_site: BuildResult, tmp_path: Path) -> None:
    """`make serve ENGINE=zensical`: a worker left by a build served earlier must not answer the preview."""
    copy = shutil.copytree(built_site.site, tmp_path / "site")
    page = copy / "index.html"
    page.write_text(re.sub(r'\n\s*<meta name="quizbank-offline"[^>]*>', "", page.read_text(encoding="utf-8")))
    done = finish_site(ROOT / "mkdocs.yml", copy, serving=True)
    assert not done.errors, done.problems
    retire = ROOT / "overrides" / "assets" / "javascripts" / "quizbank" / "sw-retire.js"
    assert (copy / "sw.js").read_text(encoding="utf-8") == retire.read_text(encoding="utf-8")
    assert 'name="quizbank-offline"' not in page.read_text(encoding="utf-8")  # pages register no worker
