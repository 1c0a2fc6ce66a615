"""The few settings of mkdocs.yml that the command line needs, read without MkDocs (`make check`, `make export`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

# What `extra: quiz_banks: preview:` may say: when the question-bank preview is built (quizbank/preview.py).
PREVIEW_WHEN = ("serve", "always", "never")


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may use tags such as !ENV or !!python/name: read them as plain values."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(path: Path) -> dict[str, Any]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    return data if isinstance(data, dict) else {}


def settings(config: dict[str, Any], root: Path) -> tuple[Path, Path, list[Path], list[str]]:
    """(banks folder, docs folder, snippet base paths, auto-appended files) as the hooks read them."""
    extra = config.get("extra") or {}
    banks = (extra.get("quiz_banks") or {}).get("dir", "quizzes") if isinstance(extra, dict) else "quizzes"
    snippets: dict[str, Any] = {}
    for ext in config.get("markdown_extensions") or []:
        if isinstance(ext, dict) and isinstance(ext.get("pymdownx.snippets"), dict):
            snippets = ext["pymdownx.snippets"]
    base = snippets.get("base_path", ["."])
    bases = [(root / b).resolve() for b in ([base] if isinstance(base, str) else base)]
    return root / str(banks), root / str(config.get("docs_dir", "docs")), bases, list(snippets.get("auto_append", []))


def site_path(config: dict[str, Any]) -> str:
    """The path the site is served under, from `site_url` ("/cloud-fine-tuning/"): `mkdocs serve` serves it there too."""
    path = urlsplit(str(config.get("site_url") or "/")).path or "/"
    return path if path.endswith("/") else path + "/"
