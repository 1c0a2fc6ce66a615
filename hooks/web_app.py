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

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from quizbank.webapp import MANIFEST_FILE, AppSettingError, app_of, manifest_text

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

_manifest: dict[str, Any] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    global _manifest
    try:
        # The same function `python -m quizbank site` calls for an engine that runs no hooks.
        app = app_of(config, Path(str(config.theme.custom_dir or "")))
    except AppSettingError as err:
        raise PluginError(str(err)) from None
    _manifest = app.manifest
    # Read by overrides/main.html: the links every page carries.
    config.extra["web_app"] = app.links
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    files.append(File.generated(config, MANIFEST_FILE, content=manifest_text(_manifest)))
    return files
