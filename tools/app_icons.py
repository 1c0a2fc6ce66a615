"""Draw the course's app icons (the web app manifest's, and the Home Screen icon iOS asks for).

    .venv/bin/python tools/app_icons.py     # writes overrides/assets/images/app/*.png

Run once; the PNGs are committed (a build needs no Pillow) and hooks/web_app.py lists them in the
manifest. They are the site's own logo, as its header shows it: Material's default logo,
`material/library` (a reader over an open book), white on the palette's indigo (#4051b5, the
header's colour in both palettes). The glyph is drawn here from its geometry (a circle and four
Bézier curves on a 24-unit grid, as in Material's icon set), at four times the size, then scaled
down for smooth edges: no file of another project is copied.

- `icon-192.png`, `icon-512.png` (purpose "any"): a rounded square, transparent corners, as
  desktop browsers show an installed app.
- `icon-maskable-512.png`, `icon-maskable-192.png` (purpose "maskable"): full bleed; Android crops
  it to its own shape, so the glyph stays inside the central safe circle (80 % of the width).
- `apple-touch-icon.png` (180 x 180): full bleed and opaque; iOS rounds the corners itself.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "overrides" / "assets" / "images" / "app"
INDIGO = (0x40, 0x51, 0xB5, 255)
WHITE = (255, 255, 255, 255)
SUPERSAMPLE = 4

Point = tuple[float, float]
# material/library on its 24 x 24 grid: the head (a circle) and the open book, whose two pages
# are four cubic curves joined by two straight edges.
HEAD = ((12.0, 5.0), 3.0)
BOOK: list[tuple[Point, Point, Point, Point] | tuple[Point, Point]] = [
    ((12, 11.54), (9.64, 9.35), (6.5, 8), (3, 8)),
    ((3, 8), (3, 19)),
    ((3, 19), (6.5, 19), (9.64, 20.35), (12, 22.54)),
    ((12, 22.54), (14.36, 20.35), (17.5, 19), (21, 19)),
    ((21, 19), (21, 8)),
    ((21, 8), (17.5, 8), (14.36, 9.35), (12, 11.54)),
]
GLYPH_BOX = (3.0, 2.0, 21.0, 22.54)  # left, top, right, bottom of the glyph on its grid


def bezier(p0: Point, p1: Point, p2: Point, p3: Point, steps: int = 48) -> list[Point]:
    out = []
    for i in range(steps + 1):
        t = i / steps
        u = 1 - t
        out.append(
            (
                u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
            )
        )
    return out


def book_outline() -> list[Point]:
    points: list[Point] = []
    for segment in BOOK:
        points += bezier(*segment) if len(segment) == 4 else list(segment)
    return points


def draw_icon(size: int, *, glyph: float, rounded: bool) -> Image.Image:
    """An icon `size` pixels wide whose glyph is `glyph` of its width (centred), on indigo."""
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if rounded:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=round(big * 0.22), fill=INDIGO)
    else:
        draw.rectangle((0, 0, big, big), fill=INDIGO)
    left, top, right, bottom = GLYPH_BOX
    scale = glyph * big / max(right - left, bottom - top)
    dx = (big - (right - left) * scale) / 2 - left * scale
    dy = (big - (bottom - top) * scale) / 2 - top * scale

    def at(p: Point) -> Point:
        return (p[0] * scale + dx, p[1] * scale + dy)

    draw.polygon([at(p) for p in book_outline()], fill=WHITE)
    (cx, cy), r = HEAD
    x, y = at((cx, cy))
    draw.ellipse((x - r * scale, y - r * scale, x + r * scale, y + r * scale), fill=WHITE)
    small = image.resize((size, size), Image.Resampling.LANCZOS)
    return small if rounded else small.convert("RGB")  # full-bleed icons are opaque


ICONS = {
    "icon-192.png": (192, 0.62, True),
    "icon-512.png": (512, 0.62, True),
    "icon-maskable-192.png": (192, 0.5, False),
    "icon-maskable-512.png": (512, 0.5, False),
    "apple-touch-icon.png": (180, 0.6, False),
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (size, glyph, rounded) in ICONS.items():
        draw_icon(size, glyph=glyph, rounded=rounded).save(OUT / name, optimize=True)
    print(f"Wrote {len(ICONS)} icons into {OUT.relative_to(ROOT)}/.")


if __name__ == "__main__":
    main()
