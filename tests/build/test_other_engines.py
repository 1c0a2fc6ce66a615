"""Zensical (Material's successor) reads mkdocs.yml but runs none of its hooks: it must not publish this site.

Without a guard `zensical build` says "No issues found" and publishes every chapter with its quizzes
and answer boxes silently missing. Two tripwires stop it with a message that names the cause and the
supported command: overrides/mkdocs_theme.yml (read by Zensical only) and a check in
overrides/main.html that the hooks ran. Both are tested: each alone must stop the build.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import ROOT

ZENSICAL = Path(sys.executable).parent / "zensical"


def copy_of_the_site(target: Path) -> Path:
    tracked = subprocess.run(["git", "ls-files", "-z"], capture_output=True, cwd=ROOT, check=True).stdout
    for name in filter(None, tracked.decode("utf-8").split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def zensical_build(site: Path) -> subprocess.CompletedProcess[str]:
    assert ZENSICAL.exists(), f"{ZENSICAL} not found: it is pinned in requirements-test.txt (`make test` installs it)"
    return subprocess.run(
        [str(ZENSICAL), "build", "-f", "mkdocs.yml"], capture_output=True, text=True, cwd=site, timeout=300
    )


@pytest.mark.parametrize("tripwire", ["theme file", "template check"])
def test_zensical_cannot_publish_the_site_without_its_quizzes(tmp_path: Path, tripwire: str) -> None:
    site = copy_of_the_site(tmp_path / "site-copy")
    # Each tripwire alone must hold: remove the other.
    if tripwire == "theme file":
        main = site / "overrides" / "main.html"
        main.write_text(
            main.read_text(encoding="utf-8").replace("{%- if not config.hooks %}", "{%- if false %}"), encoding="utf-8"
        )
    else:
        (site / "overrides" / "mkdocs_theme.yml").unlink()
    result = zensical_build(site)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"zensical published the site without its quizzes:\n{output}"
    assert "make build" in output and "hooks" in output, output
    assert not (site / "site" / "part-1" / "index.html").exists(), "a chapter was written without its quizzes"


def test_without_the_tripwires_zensical_would_drop_every_quiz(tmp_path: Path) -> None:
    """Why the tripwires exist: with both removed, the build 'succeeds' and the quizzes are gone."""
    site = copy_of_the_site(tmp_path / "site-copy")
    (site / "overrides" / "mkdocs_theme.yml").unlink()
    main = site / "overrides" / "main.html"
    main.write_text(
        main.read_text(encoding="utf-8").replace("{%- if not config.hooks %}", "{%- if false %}"), encoding="utf-8"
    )
    result = zensical_build(site)
    assert result.returncode == 0, result.stdout + result.stderr
    chapter = (site / "site" / "part-1" / "index.html").read_text(encoding="utf-8")
    assert 'class="quiz' not in chapter and "<!-- quiz:" in chapter
