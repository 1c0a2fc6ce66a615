"""The course as an installable web app: its manifest, theme colours and icons (hooks/web_app.py).

A site a student adds to the Home Screen (iOS, Android) or installs (Chromium) opens as an app of
its own, and Safari's rule that deletes a site's storage after seven days without a visit does not
apply to a Home Screen app. The manifest says what that app is: its name, icons, colours, and where
it starts. Pure functions of the settings in mkdocs.yml: tests/unit/test_web_app.py.
"""

from __future__ import annotations

import colorsys
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import did_you_mean

MANIFEST_FILE = "manifest.webmanifest"  # at the site's root: its start_url and scope are "./"
ICON_FOLDER = "assets/images/app/"  # in the theme's custom_dir (overrides/); tools/app_icons.py draws them
APPLE_TOUCH_ICON = ICON_FOLDER + "apple-touch-icon.png"  # iOS reads this link, not the manifest's icons
SHORT_NAME_CHARACTERS = 12  # about what a phone's home screen shows under an icon


@dataclass(frozen=True)
class Icon:
    src: str
    size: int
    purpose: str  # "any": shown as it is; "maskable": full bleed, cropped to the platform's shape


ICONS = (
    Icon(ICON_FOLDER + "icon-192.png", 192, "any"),
    Icon(ICON_FOLDER + "icon-512.png", 512, "any"),
    Icon(ICON_FOLDER + "icon-maskable-192.png", 192, "maskable"),
    Icon(ICON_FOLDER + "icon-maskable-512.png", 512, "maskable"),
)

# Material for MkDocs' header colour for each primary colour name (--md-primary-fg-color in its
# palette stylesheet; tests/unit/test_web_app.py checks them against the installed Material).
PRIMARY_COLOURS = {
    "red": "#ef5552",
    "pink": "#e92063",
    "purple": "#ab47bd",
    "deep-purple": "#7e56c2",
    "indigo": "#4051b5",
    "blue": "#2094f3",
    "light-blue": "#02a6f2",
    "cyan": "#00bdd6",
    "teal": "#009485",
    "green": "#4cae4f",
    "light-green": "#8bc34b",
    "lime": "#cbdc38",
    "yellow": "#ffec3d",
    "amber": "#ffc105",
    "orange": "#ffa724",
    "deep-orange": "#ff6e42",
    "brown": "#795649",
    "grey": "#757575",
    "blue-grey": "#546d78",
    "black": "",  # hsla(225, 15%, 9%): filled in below
    "white": "#ffffff",
}
MATERIAL_HUE = 225  # Material's --md-hue


def _hsl(hue: float, saturation: float, lightness: float) -> str:
    r, g, b = colorsys.hls_to_rgb(hue / 360, lightness, saturation)
    return "#" + "".join(f"{round(c * 255):02x}" for c in (r, g, b))


PRIMARY_COLOURS["black"] = _hsl(MATERIAL_HUE, 0.15, 0.09)
# The page's background in each of Material's schemes: the splash screen an app opens on.
BACKGROUNDS = {"default": "#ffffff", "slate": _hsl(MATERIAL_HUE, 0.15, 0.14)}


class AppSettingError(Exception):
    """A setting of mkdocs.yml the web app cannot use; the message names it and the fix."""


@dataclass(frozen=True)
class ThemeColour:
    media: str  # the palette's media query ("" when the site has one palette)
    colour: str  # the browser's toolbar and the app's title bar: the header's colour
    background: str


def theme_colours(palette: Any) -> list[ThemeColour]:
    """One theme colour per palette of `theme: palette:` (a list, one mapping, or none at all)."""
    options = palette if isinstance(palette, list) else [palette or {}]
    out = []
    for option in options:
        option = option if isinstance(option, dict) else {}
        primary = str(option.get("primary") or "indigo")
        scheme = str(option.get("scheme") or "default")
        if primary not in PRIMARY_COLOURS:
            raise AppSettingError(
                f"mkdocs.yml: 'theme: palette:' gives primary '{primary}', which is not one of Material's colours, "
                f"so the installed app's colour is unknown.\n    Fix: {did_you_mean(primary, PRIMARY_COLOURS)}use one of "
                f"{', '.join(PRIMARY_COLOURS)}."
            )
        out.append(
            ThemeColour(str(option.get("media") or ""), PRIMARY_COLOURS[primary], BACKGROUNDS.get(scheme, "#ffffff"))
        )
    return out


def short_name(site_name: str, configured: object) -> str:
    """The name under the icon: `extra: app: short_name:`, else the site's name up to its first colon."""
    if configured is None:
        return site_name.split(":", 1)[0].strip() or site_name
    if not isinstance(configured, str) or not configured.strip():
        raise AppSettingError(
            "mkdocs.yml: 'extra: app: short_name:' must be a short text (the name under the app's icon).\n"
            f"    Fix: write e.g. 'short_name: Fine-Tuning' ({SHORT_NAME_CHARACTERS} characters or fewer), or remove it."
        )
    return configured.strip()


def web_manifest(
    *, name: str, short_name: str, description: str, lang: str, site_path: str, colours: list[ThemeColour]
) -> dict[str, Any]:
    """The manifest, to be served at the site's root as MANIFEST_FILE."""
    first = colours[0] if colours else ThemeColour("", PRIMARY_COLOURS["indigo"], BACKGROUNDS["default"])
    return {
        "name": name,
        "short_name": short_name,
        "description": description,
        "lang": lang,
        # An app's id is resolved against the origin alone: the site's path keeps two copies of the
        # site on one origin two apps. Where it starts, and what it covers, is the folder the
        # manifest is served from, so the app follows the site wherever it is published.
        "id": site_path,
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": first.colour,
        "background_color": first.background,
        "icons": [
            {"src": i.src, "sizes": f"{i.size}x{i.size}", "type": "image/png", "purpose": i.purpose} for i in ICONS
        ],
    }


SETTINGS = ("short_name",)


@dataclass(frozen=True)
class App:
    manifest: dict[str, Any]  # written at the site's root as MANIFEST_FILE
    links: dict[str, Any]  # what every page links to: overrides/main.html reads it as config.extra.web_app


def app_of(config: Mapping[str, Any], custom_dir: Path) -> App:
    """The web app from mkdocs.yml's settings (MkDocs' config or the file as read); raises AppSettingError."""
    extra = config.get("extra") or {}
    given = extra.get("app") or {} if isinstance(extra, Mapping) else {}
    if not isinstance(given, Mapping):
        raise AppSettingError(
            "mkdocs.yml: 'extra: app:' must be a mapping.\n    Fix: write e.g. 'app: {short_name: Fine-Tuning}'."
        )
    for setting in given:
        if setting not in SETTINGS:
            raise AppSettingError(
                f"mkdocs.yml: unknown setting 'extra: app: {setting}'.\n    Fix: use {' or '.join(SETTINGS)}."
            )
    missing = [path for path in (APPLE_TOUCH_ICON, *(i.src for i in ICONS)) if not (custom_dir / path).is_file()]
    if missing:
        raise AppSettingError(
            f"{custom_dir / missing[0]}: the installed app's icon is missing.\n"
            "    Fix: restore it from git, or draw them again with `.venv/bin/python tools/app_icons.py`."
        )
    theme = config.get("theme") or {}
    theme = theme if isinstance(theme, Mapping) else {}
    site_name = str(config.get("site_name") or "")
    name = short_name(site_name, given.get("short_name"))
    colours = theme_colours(theme.get("palette"))
    site_path = urlsplit(str(config.get("site_url") or "")).path or "/"
    manifest = web_manifest(
        name=site_name,
        short_name=name,
        description=str(config.get("site_description") or ""),
        lang=str(theme.get("language") or "en"),
        site_path=site_path if site_path.endswith("/") else site_path + "/",
        colours=colours,
    )
    links = {
        "manifest": MANIFEST_FILE,
        "apple_touch_icon": APPLE_TOUCH_ICON,
        "title": name,
        "theme_colours": [{"media": c.media, "colour": c.colour} for c in colours],
    }
    return App(manifest, links)


def manifest_text(manifest: dict[str, Any]) -> str:
    return json.dumps(manifest, ensure_ascii=False, indent=1)


def head_tags(links: Mapping[str, Any], base: str) -> list[str]:
    """The tags overrides/main.html renders from `links`, exactly, with `base` the way to the site's root."""
    tags = [
        f'<link rel="manifest" href="{base}{links["manifest"]}">',
        f'<link rel="apple-touch-icon" href="{base}{links["apple_touch_icon"]}">',
        f'<meta name="apple-mobile-web-app-title" content="{_e(links["title"])}">',
    ]
    for theme in links["theme_colours"]:
        media = f' media="{_e(theme["media"])}"' if theme["media"] else ""
        tags.append(f'<meta name="theme-color"{media} content="{theme["colour"]}">')
    return tags


def _e(text: str) -> str:
    """Jinja's `| e`, which the template uses: the same five characters, the same entities."""
    return (
        str(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&#34;")
        .replace("'", "&#39;")
    )
