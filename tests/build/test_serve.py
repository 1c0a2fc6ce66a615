"""`mkdocs serve` is a first-class user: saving a bank rebuilds the page, no restart needed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

import yaml

from support import fetch, write_site

BANK = "questions:\n  - id: a\n    type: true-false\n    question: {text}\n    answer: true\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(check: Callable[[], bool], timeout: float = 60) -> None:
    """Poll until check() is true: no fixed sleeps waiting for a server."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError("timed out")


def serve(config: Path, log: IO[str]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "--dev-addr", f"127.0.0.1:{port}"],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return proc, f"http://127.0.0.1:{port}/cloud-fine-tuning/"


def test_saving_an_included_file_or_the_sites_css_rebuilds_the_served_page(tmp_path: Path) -> None:
    """Everything an instructor edits reloads the page: an example answer under includes/, the site's own CSS."""
    (tmp_path / "includes").mkdir()
    (tmp_path / "overrides" / "assets").mkdir(parents=True)
    include = tmp_path / "includes" / "example.md"
    include.write_text("First example.\n", encoding="utf-8")
    config = write_site(tmp_path, {"index.md": '# Home\n\n--8<-- "includes/example.md"\n'}, {})
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    for ext in data["markdown_extensions"]:
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            ext["pymdownx.snippets"]["base_path"] = [str(tmp_path), *ext["pymdownx.snippets"]["base_path"]]
    # The project's own watch list, pointed at this site's folders.
    data["watch"] = [str(tmp_path / Path(w).name) for w in data["watch"]]
    assert sorted(Path(w).name for w in data["watch"]) == ["includes", "overrides"]
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log:
        proc, url = serve(config, log)
        try:
            wait_for(lambda: "First example." in fetch(url))
            include.write_text("Second example.\n", encoding="utf-8")
            wait_for(lambda: "Second example." in fetch(url))
            builds = log_path.read_text().count("Building documentation")
            (tmp_path / "overrides" / "assets" / "extra.css").write_text("body { color: black; }\n", encoding="utf-8")
            wait_for(lambda: log_path.read_text().count("Building documentation") > builds)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    assert "Traceback" not in log_path.read_text()


def test_saving_a_bank_rebuilds_the_served_page(tmp_path: Path) -> None:
    config = write_site(
        tmp_path, {"index.md": "# Home\n\n<!-- quiz: bank -->\n"}, {"bank.yml": BANK.format(text="First wording")}
    )
    bank = tmp_path / "quizzes" / "bank.yml"
    page = tmp_path / "docs" / "index.md"
    log_path = tmp_path / "serve.log"
    port = free_port()
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "--dev-addr", f"127.0.0.1:{port}"],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        try:
            url = f"http://127.0.0.1:{port}/cloud-fine-tuning/"
            wait_for(lambda: "First wording" in fetch(url))
            # A worker a built copy left on this address, at the site's path or at the root, is
            # answered with one that removes itself (the browser's side: test_offline.py).
            for worker in (f"{url}sw.js", f"http://127.0.0.1:{port}/sw.js"):
                assert "self.registration.unregister()" in fetch(worker), worker
            bank.write_text(BANK.format(text="Second wording"), encoding="utf-8")
            wait_for(lambda: "Second wording" in fetch(url))
            # The question-bank preview: built by `mkdocs serve` (its address in the log), saved banks reload it.
            preview = url + "question-bank-preview/"
            wait_for(lambda: "Second wording" in fetch(preview))
            assert f"Question bank preview: {preview}" in log_path.read_text()
            # A mistake while serving is reported with its location, in the terminal and in the page
            # (a failed build would leave MkDocs holding every request, the browser waiting in
            # silence); fixing it brings the page back, still without a restart.
            bank.write_text(BANK.format(text="Broken: wording"), encoding="utf-8")
            wait_for(lambda: "quizzes/bank.yml:4" in log_path.read_text())
            wait_for(lambda: "<code>quizzes/bank.yml:4</code>: YAML syntax error" in fetch(url))
            assert "Fix:" in fetch(url) and "Second wording" not in fetch(url)
            bank.write_text(BANK.format(text="Third wording"), encoding="utf-8")
            wait_for(lambda: "Third wording" in fetch(url))
            # A mistake in a chapter: its page shows it, quoted as text, never as markup.
            page.write_text("# Home\n\nSee <!-- quiz: bank --> here.\n", encoding="utf-8")
            wait_for(lambda: "docs/index.md:3" in fetch(url))
            assert "See &lt;!-- quiz: bank --&gt; here." in fetch(url)
            page.write_text("# Home\n\n<!-- quiz: bank -->\n", encoding="utf-8")
            wait_for(lambda: "Third wording" in fetch(url))
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    assert "Traceback" not in log_path.read_text()
