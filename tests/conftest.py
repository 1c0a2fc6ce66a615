"""Shared test setup: the quiz-bank core is imported the way MkDocs loads hooks (hooks/ on sys.path)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from support import BuildResult, shared_project_site, shared_zensical_site  # noqa: E402  (after hooks/ is on sys.path)


def pytest_addoption(parser):  # type: ignore[no-untyped-def]
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from the current output")


def pytest_xdist_auto_num_workers(config):  # type: ignore[no-untyped-def]
    """`-n auto` (pyproject.toml): one worker more than there are cores.

    A browser test spends part of its time waiting on Chromium's other processes and on the page's
    timers; with one worker per core a 2-core machine sat a quarter idle.
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores + 1


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real site, built once with --strict for the whole run (shared by the workers): read only."""
    return shared_project_site(tmp_path_factory)


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real site built with Zensical (`make build ENGINE=zensical` in a copy), once per run: read only."""
    return shared_zensical_site(tmp_path_factory)
