"""Export the banks to a learning management system and a printable key (`make export`): being written."""

from __future__ import annotations

import sys
from pathlib import Path


def export_course(config_path: Path, out: Path) -> int:
    print("make export is not available yet in this version of the site.", file=sys.stderr)
    return 2
