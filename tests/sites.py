"""Throwaway MkDocs sites for tests: the project's real mkdocs.yml, pointed at a temporary docs/ and quizzes/."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class BuildResult:
    code: int
    output: str
    site: Path

    def page(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


def project_config() -> dict:
    """The real mkdocs.yml, with every path made absolute so a copy works from any folder."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"] = [str(ROOT / h) for h in config["hooks"]]
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    for ext in config["markdown_extensions"]:
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            ext["pymdownx.snippets"]["base_path"] = [str(ROOT)]
    return config


def write_site(base: Path, pages: dict[str, str], banks: Mapping[str, str | bytes], **overrides: object) -> Path:
    """Create base/mkdocs.yml, base/docs/* and base/quizzes/*; return the config path."""
    config = project_config()
    config.pop("nav", None)
    config.update(overrides)
    (base / "docs").mkdir(parents=True, exist_ok=True)
    (base / "quizzes").mkdir(exist_ok=True)
    for name, text in pages.items():
        path = base / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for name, source in banks.items():
        path = base / "quizzes" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(source.encode("utf-8") if isinstance(source, str) else source)
    config_path = base / "mkdocs.yml"
    config_path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return config_path


def build(config_path: Path, *, strict: bool = True, cwd: Path | None = None) -> BuildResult:
    """Run `mkdocs build` as a user would, from a different working directory by default."""
    site = config_path.parent / "site"
    args = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_path), "-d", str(site)]
    if strict:
        args.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        args, capture_output=True, text=True, cwd=cwd or config_path.parent.parent, env=env, timeout=300
    )
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, site)
