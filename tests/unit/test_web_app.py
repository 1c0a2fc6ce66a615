"""The course as an installable web app: its manifest, theme colours and icons, without MkDocs."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from PIL import Image

from quizbank.webapp import (
    APPLE_TOUCH_ICON,
    ICONS,
    PRIMARY_COLOURS,
    AppSettingError,
    short_name,
    theme_colours,
    web_manifest,
)
from support import ROOT, mkdocs_config

ICON_FOLDER = ROOT / "overrides"
PALETTE = [
    {"media": "(prefers-color-scheme: light)", "scheme": "default", "primary": "indigo"},
    {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "indigo"},
]


def manifest(**changes: object) -> dict:
    given: dict = {
        "name": "Cloud-Based Fine-Tuning: self-check course",
        "short_name": "Fine-Tuning",
        "description": "Learn the assignment.",
        "lang": "en",
        "site_path": "/cloud-fine-tuning/",
        "colours": theme_colours(PALETTE),
    }
    given.update(changes)
    return web_manifest(**given)


def test_the_manifest_is_an_app_at_the_site_s_own_path() -> None:
    m = manifest()
    assert m["name"] == "Cloud-Based Fine-Tuning: self-check course" and m["short_name"] == "Fine-Tuning"
    # Relative to the manifest, which sits at the site's root: wherever the site is served.
    assert (m["start_url"], m["scope"]) == ("./", "./")
    # The app's identity is resolved against the origin: the site's path keeps two copies on one
    # origin (two projects of one github.io account) two apps.
    assert m["id"] == "/cloud-fine-tuning/"
    assert manifest(site_path="/other-course/")["id"] == "/other-course/"
    assert m["display"] == "standalone"
    assert m["theme_color"] == "#4051b5" and m["background_color"] == "#ffffff"
    assert m["lang"] == "en" and m["description"] == "Learn the assignment."


def test_the_icons_are_pngs_at_the_sizes_phones_and_chromium_ask_for() -> None:
    icons = manifest()["icons"]
    any_sizes = {i["sizes"] for i in icons if i["purpose"] == "any"}
    assert {"192x192", "512x512"} <= any_sizes
    assert any(i["purpose"] == "maskable" for i in icons)
    for icon in icons:
        assert icon["type"] == "image/png"
        path = ICON_FOLDER / icon["src"]
        assert path.is_file(), f"{icon['src']} is listed in the manifest but not in overrides/"
        with Image.open(path) as image:
            assert image.format == "PNG"
            assert f"{image.width}x{image.height}" == icon["sizes"], icon
            if icon["purpose"] == "maskable":
                # Android crops a maskable icon to its own shape: full bleed, never transparent.
                assert image.mode == "RGB", icon
    with Image.open(ICON_FOLDER / APPLE_TOUCH_ICON) as image:
        assert (image.format, image.size, image.mode) == ("PNG", (180, 180), "RGB")  # iOS: opaque
    assert len({i.src for i in ICONS}) == len(ICONS)


def test_a_theme_colour_for_each_palette() -> None:
    colours = theme_colours(PALETTE)
    assert [(c.media, c.colour) for c in colours] == [
        ("(prefers-color-scheme: light)", "#4051b5"),
        ("(prefers-color-scheme: dark)", "#4051b5"),  # Material's header keeps the primary colour on slate
    ]
    assert [c.background for c in colours] == ["#ffffff", "#1e2129"]
    single = theme_colours({"scheme": "slate", "primary": "teal"})
    assert [(c.media, c.colour, c.background) for c in single] == [("", "#009485", "#1e2129")]
    assert theme_colours(None)[0].colour == "#4051b5"  # Material's defaults: indigo on white


def test_an_unknown_primary_colour_is_named_with_its_fix() -> None:
    with pytest.raises(AppSettingError) as err:
        theme_colours([{"media": "(prefers-color-scheme: light)", "scheme": "default", "primary": "indgo"}])
    message = str(err.value)
    assert "'indgo'" in message and "indigo" in message and "theme: palette" in message


def test_the_primary_colours_are_material_s_own() -> None:
    """Checked against the installed Material's palette stylesheet: an upgrade that moves one fails here."""
    spec = importlib.util.find_spec("material")
    assert spec is not None and spec.origin is not None
    css_files = list((Path(spec.origin).parent / "templates" / "assets" / "stylesheets").glob("palette.*.min.css"))
    assert len(css_files) == 1, css_files
    css = css_files[0].read_text(encoding="utf-8")
    found = dict(re.findall(r"\[data-md-color-primary=([a-z-]+)\]\{--md-primary-fg-color:(#[0-9a-f]{6})", css))
    assert len(found) >= 19, found
    for name, colour in found.items():
        assert PRIMARY_COLOURS[name] == colour, name
    assert set(PRIMARY_COLOURS) == {*found, "black", "white"}


def test_short_name_fits_under_an_icon() -> None:
    assert short_name("Cloud-Based Fine-Tuning: self-check course", None) == "Cloud-Based Fine-Tuning"
    assert short_name("Statistics", None) == "Statistics"
    assert short_name("Anything", "Fine-Tuning") == "Fine-Tuning"
    for bad in ("", "   ", 12):
        with pytest.raises(AppSettingError) as err:
            short_name("Anything", bad)
        assert "extra: app: short_name" in str(err.value) and "Fix:" in str(err.value)


def test_the_site_s_short_name_is_short_enough_for_a_phone() -> None:
    config = mkdocs_config()
    name = short_name(config["site_name"], (config.get("extra", {}).get("app") or {}).get("short_name"))
    assert 0 < len(name) <= 12, f"{name!r}: a phone's home screen shows about 12 characters under an icon"
