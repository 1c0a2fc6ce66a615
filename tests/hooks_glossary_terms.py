"""The abbreviations as written in includes/abbreviations.md, read independently of the hook."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def terms() -> list[str]:
    text = (ROOT / "includes" / "abbreviations.md").read_text(encoding="utf-8")
    return sorted(re.findall(r"^\*\[([^\]]+)\]:", text, re.M), key=str.lower)
