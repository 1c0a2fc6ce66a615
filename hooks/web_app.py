"""MkDocs hook: the course as an installable web app ("Add to Home Screen", "Install").

A student who installs the course gets an app that keeps its storage: Safari deletes a site's
storage after seven days of use without a visit, but not a Home Screen app's. This hook writes the
web app manifest at the site's root (`manifest.webmanifest`, from `quizbank/webapp.py`) from
site_name, site_description, site_url's path, the theme's palette and `extra: app:` in mkdocs.yml,
and gives overrides/main.html what every page links to: the manifest, the icon iOS reads, and a
theme colour per palette. The icons are committed PNGs under overrides/assets/images/app/
(tools/app_icons.py draws them). The offline worker precaches all of it like any built file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from quizbank.webapp import (
    APPLE_TOUCH_ICON,
    ICONS,
    MANIFEST_FILE,
    AppSettingError,
    short_name,
    theme_colours,
    web_manifest,
)

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

SETTINGS = ("short_name",)

_manifest: dict[str, Any] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    global _manifest
    given = config.extra.get("app") or {}
    if not isinstance(given, dict):
        raise PluginError(
            "mkdocs.yml: 'extra: app:' must be a mapping.\n    Fix: write e.g. 'app: {short_name: Fine-Tuning}'."
        )
    for name in given:
        if name not in SETTINGS:
            raise PluginError(
                f"mkdocs.yml: unknown setting 'extra: app: {name}'.\n    Fix: use {' or '.join(SETTINGS)}."
            )
    custom_dir = Path(str(config.theme.custom_dir or ""))
    missing = [path for path in (APPLE_TOUCH_ICON, *(i.src for i in ICONS)) if not (custom_dir / path).is_file()]
    if missing:
        raise PluginError(
            f"{custom_dir / missing[0]}: the installed app's icon is missing.\n"
            "    Fix: restore it from git, or draw them again with `.venv/bin/python tools/app_icons.py`."
        )
    try:
        name = short_name(config.site_name, given.get("short_name"))
        colours = theme_colours(config.theme.get("palette"))
    except AppSettingError as err:
        raise PluginError(str(err)) from None
    site_path = urlsplit(config.site_url or "").path or "/"
    _manifest = web_manifest(
        name=config.site_name,
        short_name=name,
        description=config.site_description or "",
        lang=str(config.theme.get("language") or "en"),
        site_path=site_path if site_path.endswith("/") else site_path + "/",
        colours=colours,
    )
    # Read by overrides/main.html: the links every page carries.
    config.extra["web_app"] = {
        "manifest": MANIFEST_FILE,
        "apple_touch_icon": APPLE_TOUCH_ICON,
        "title": name,
        "theme_colours": [{"media": c.media, "colour": c.colour} for c in colours],
    }
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    files.append(File.generated(config, MANIFEST_FILE, content=json.dumps(_manifest, ensure_ascii=False, indent=1)))
    return files
