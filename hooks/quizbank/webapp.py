"""The course as an installable web app: its manifest, theme colours and icons (hooks/web_app.py).

A site a student adds to the Home Screen (iOS, Android) or installs (Chromium) opens as an app of
its own, and Safari's rule that deletes a site's storage after seven days without a visit does not
apply to a Home Screen app. The manifest says what that app is: its name, icons, colours, and where
it starts. Pure functions of the settings in mkdocs.yml: tests/unit/test_web_app.py.
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass
from typing import Any

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
