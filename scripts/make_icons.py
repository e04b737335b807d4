"""Draw the home-screen icons of the web app manifest (static/img/icon-*.png) with Pillow:
the brand blue with a white house and a "D". Run again after changing the design:
    .venv/bin/python scripts/make_icons.py
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

BRAND = (27, 79, 114)
OUT = Path(__file__).resolve().parent.parent / "static" / "img"


def draw(size: int, *, maskable: bool = False) -> Image.Image:
    image = Image.new("RGB", (size, size), BRAND)
    pen = ImageDraw.Draw(image)
    # A maskable icon keeps its drawing inside the middle 80 % (the safe zone).
    inset = size * (0.22 if maskable else 0.14)
    left, right = inset, size - inset
    roof = size * 0.42
    bottom = size - inset
    pen.polygon([(left, roof), (size / 2, inset), (right, roof)], fill="white")
    pen.rectangle([left + size * 0.06, roof, right - size * 0.06, bottom], fill="white")
    font = ImageFont.load_default(size=int(size * 0.34))
    pen.text((size / 2, (roof + bottom) / 2), "D", fill=BRAND, font=font, anchor="mm")
    return image


def main() -> None:
    for size in (192, 512):
        draw(size).save(OUT / f"icon-{size}.png", optimize=True)
    draw(512, maskable=True).save(OUT / "icon-maskable-512.png", optimize=True)
    draw(180).save(OUT / "apple-touch-icon.png", optimize=True)


if __name__ == "__main__":
    main()
