"""The GitHub workflows: publish only what passed its tests, with no more token scope than each step needs.

The Pages workflow's build job is run here as far as it can run off GitHub: its `run:` steps as
written, in a copy of the repository (what checkout gives), with configure-pages' output set to a
fork's address; the artifact is packed as upload-pages-artifact packs it. The deploy itself needs
GitHub. Static checks hold each job's permissions to what its steps need, and every action to a
release's commit.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tarfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from support import ROOT, BuildResult, copy_of_the_project

WORKFLOWS = ROOT / ".github" / "workflows"
# What each action does with the job's token, as its documentation says. An action missing here
# fails the permission test: add what it needs (https://docs.github.com/actions/security-guides).
NEEDS: dict[str, dict[str, str]] = {
    "actions/checkout": {"contents": "read"},  # fetches the repository (a private one needs it)
    "actions/setup-python": {},  # downloads Python from a public repository
    "actions/setup-node": {},  # downloads Node.js from a public repository
    "actions/configure-pages": {"pages": "read"},  # reads the Pages site (actions/configure-pages#188)
    "actions/upload-pages-artifact": {},  # uploads with the runner's own artifact token
    "actions/deploy-pages": {"pages": "write", "id-token": "write"},  # publishes, proving where it comes from
}
FORK = "https://a-teacher.github.io/fine-tuning-2027"  # configure-pages' base_url in someone's fork
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def workflow(name: str) -> dict[str, Any]:
    data: dict[Any, Any] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def action(uses: str) -> str:
    return uses.split("@", 1)[0]


def job_needs(job: dict[str, Any]) -> dict[str, str]:
    """The token scopes a job's steps need: its actions' (or, for a called workflow, its jobs'), joined."""
    if "uses" in job:  # a reusable workflow: what its jobs need
        called = workflow(Path(job["uses"]).name)
        return merge(job_needs(j) for j in called["jobs"].values())
    needs = []
    for step in job["steps"]:
        if "uses" in step:
            assert action(step["uses"]) in NEEDS, f"{step['uses']}: say in NEEDS what it needs of the token"
            needs.append(NEEDS[action(step["uses"])])
        else:
            assert "github.token" not in step["run"] and "GITHUB_TOKEN" not in step["run"], (
                f"{step['run'][:60]}: a run step that uses the token: add what it needs to this test"
            )
    return merge(needs)


def merge(scopes: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for scope in scopes:
        for name, level in scope.items():
            out[name] = "write" if "write" in (level, out.get(name)) else level
    return out


@pytest.mark.parametrize("name", ["ci.yml", "pages.yml"])
def test_each_job_has_the_permissions_its_steps_need_and_no_more(name: str) -> None:
    data = workflow(name)
    assert data["permissions"] == {}, f"{name}: no token scope by default (permissions: {{}})"
    for job_id, job in data["jobs"].items():
        assert "permissions" in job, f"{name}: job {job_id} says what its token may do"
        assert job["permissions"] == job_needs(job), f"{name}: job {job_id}"


@pytest.mark.parametrize("name", ["ci.yml", "pages.yml"])
def test_every_action_is_pinned_to_a_release_commit(name: str) -> None:
    """A tag can be moved; a commit cannot. The comment says which release it is (one running on Node 24)."""
    lines = [line for line in (WORKFLOWS / name).read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert lines
    for line in lines:
        uses = line.split("uses:", 1)[1].strip()
        if uses.startswith("./"):
            assert (ROOT / uses).is_file(), line
            continue
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", uses), line


def test_a_commit_is_published_only_after_its_tests_passed() -> None:
    pages, ci = workflow("pages.yml"), workflow("ci.yml")
    assert set(pages["on"]) == {"push", "workflow_dispatch"} and pages["on"]["push"]["branches"] == ["main"]
    jobs = pages["jobs"]
    assert jobs["test"]["uses"] == "./.github/workflows/ci.yml" and "workflow_call" in ci["on"]
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build"
    # The tests are the README's command (through .ci/run) and the Node tests under each release in support.
    runs = {step.get("run") for job in ci["jobs"].values() for step in job["steps"]}
    assert ".ci/run" in runs and "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make jstest" in runs
    assert ci["jobs"]["node"]["strategy"]["matrix"]["node"] == [20, 22, 24]
    engines = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["engines"]["node"]
    assert engines == ">=20"
    # A deploy in progress is never cancelled by a newer push, and a run Pages calls is never cancelled.
    assert pages["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert "pull_request" in ci["concurrency"]["cancel-in-progress"]


# The engine the build step runs: the repository variable SITE_ENGINE, else MkDocs.
ENGINE_VARIABLE = "vars.SITE_ENGINE || 'mkdocs'"


def test_the_pages_build_takes_its_engine_from_one_repository_variable() -> None:
    """SITE_ENGINE=zensical builds with Zensical and the site command (the run's Zensical build runs that very make command)."""
    [step] = [s for s in workflow("pages.yml")["jobs"]["build"]["steps"] if s.get("name") == "Build"]
    assert step["env"] == {"ENGINE": "${{ " + ENGINE_VARIABLE + " }}"}
    assert step["run"].strip() == 'make build ENGINE="$ENGINE"'
    env = {**os.environ, "MAKEFLAGS": ""}
    plans = {
        engine: subprocess.run(
            ["make", "-n", "build", f"ENGINE={engine}"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        ).stdout
        for engine in ("mkdocs", "zensical")
    }
    assert "mkdocs build --strict" in plans["mkdocs"] and "zensical" not in plans["mkdocs"]
    assert "zensical build -f mkdocs.yml --strict" in plans["zensical"] and "-m quizbank site" in plans["zensical"]
    wrong = subprocess.run(["make", "-n", "build", "ENGINE=hugo"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert wrong.returncode != 0 and "use one of mkdocs zensical" in wrong.stderr


def substitute(text: str, outputs: dict[str, str]) -> str:
    """The workflow's ${{ }} expressions that a build step uses, as GitHub would fill them in."""

    def value(m: re.Match[str]) -> str:
        assert m.group(1) in outputs, f"the test does not know the expression {m.group(0)}: add it"
        return outputs[m.group(1)]

    return EXPRESSION.sub(value, text)


def pack_like_upload_pages_artifact(path: Path, tar: Path) -> list[str]:
    """upload-pages-artifact v5's archive on Linux: dereferenced, without .git, .github and hidden files."""
    subprocess.run(
        [
            "tar",
            "--dereference",
            "--hard-dereference",
            "--directory",
            str(path),
            "-cf",
            str(tar),
            "--exclude=.git",
            "--exclude=.github",
            "--exclude=.[^/]*",
            ".",
        ],
        check=True,
    )
    with tarfile.open(tar) as archive:
        return [m.name.removeprefix("./") for m in archive.getmembers() if m.isfile()]


def test_the_pages_build_job_runs_for_a_fork_and_packs_a_strict_build(tmp_path: Path) -> None:
    job = workflow("pages.yml")["jobs"]["build"]
    # actions/checkout: the repository's files, in a folder of their own.
    repo = copy_of_the_project(tmp_path / "checkout")
    # actions/setup-python: this environment's Python on the PATH, its packages already installed
    # (make must not install into it: -o leaves the install stamp as it is).
    venv = ROOT / ".venv"
    # Older than the install stamp, so `make` never installs into this environment from the copy
    # (requirements.txt installs the course's own package editable, from the folder pip runs in;
    # make does not read -o from MAKEFLAGS).
    stamp = min((venv / name).stat().st_mtime for name in (".runtime", ".zensical"))
    for name in ("requirements.txt", "requirements-report.txt", "requirements-zensical.txt", "requirements-test.txt"):
        if (repo / name).is_file():
            os.utime(repo / name, (stamp - 60, stamp - 60))
    env = {
        **os.environ,
        "PATH": f"{venv / 'bin'}:{os.environ['PATH']}",
        "VENV": str(venv),
        "MAKEFLAGS": f"-o {venv / '.runtime'} -o {venv / '.zensical'}",
    }
    outputs: dict[str, str] = {ENGINE_VARIABLE: "mkdocs"}  # the repository sets no SITE_ENGINE
    artifact: list[str] = []
    for step in job["steps"]:
        if "if" in step:
            assert "failure()" in step["if"], f"the test cannot tell whether this step runs: {step['if']}"
            continue  # runs only when an earlier step failed
        if "run" in step:
            step_env = {k: substitute(str(v), outputs) for k, v in step.get("env", {}).items()}
            proc = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", substitute(step["run"], outputs)],
                cwd=repo,
                env={**env, **step_env},
                capture_output=True,
                text=True,
                timeout=600,
            )
            assert proc.returncode == 0, f"{step.get('name', step['run'][:40])}:\n{proc.stdout}\n{proc.stderr}"
            continue
        name = action(step["uses"])
        if name == "actions/configure-pages":
            outputs[f"steps.{step['id']}.outputs.base_url"] = FORK
        elif name == "actions/upload-pages-artifact":
            site = repo / step["with"]["path"]
            artifact = pack_like_upload_pages_artifact(site, tmp_path / "artifact.tar")
            built = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
            assert sorted(artifact) == built, "the artifact leaves out files of the site"
        else:
            assert name in ("actions/checkout", "actions/setup-python"), f"the test cannot run {step['uses']}"
    assert artifact, "the build job uploads nothing"
    site = repo / job["steps"][-1]["with"]["path"]
    # Built --strict (the Makefile's build command), with the fork's address everywhere an address is written.
    assert (
        "--strict" in subprocess.run(["make", "-n", "build"], cwd=repo, env=env, capture_output=True, text=True).stdout
    )
    assert {"index.html", "404.html", "sitemap.xml", "sw.js"} <= set(artifact)
    assert "search/search_index.json" in artifact  # MkDocs' search index: MkDocs built it
    sitemap = re.findall(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert sitemap and all(loc.startswith(FORK + "/") for loc in sitemap), sitemap[:3]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{FORK}/">' in home
    assert not [p for p in site.rglob("*.html") if "example.github.io" in p.read_text(encoding="utf-8")]
    # The question-bank preview (every answer) is not published unless mkdocs.yml asks for it.
    assert not [name for name in artifact if "question-bank-preview" in name]
    assert (ROOT / "mkdocs.yml").read_text(encoding="utf-8") != (repo / "mkdocs.yml").read_text(encoding="utf-8")


def test_the_published_site_has_no_question_bank_preview(built_site: BuildResult) -> None:
    """The real site, built as `make build` does: no preview page, and nothing of the site points to one.

    (The instructors' page gives its address under `make serve`, http://127.0.0.1:8000/…: not the site's.)
    """
    site = built_site.site
    assert not (site / "question-bank-preview").exists()
    assert "question-bank-preview" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "question-bank-preview" not in (site / "sw.js").read_text(encoding="utf-8")  # nothing precached
    assert "question-bank-preview" not in (site / "search" / "search_index.json").read_text(encoding="utf-8")
    for path in site.rglob("*.html"):
        hrefs = re.findall(r'href="([^"]*question-bank-preview[^"]*)"', path.read_text(encoding="utf-8"))
        assert all(h.startswith("http://127.0.0.1:") for h in hrefs), (path, hrefs)
