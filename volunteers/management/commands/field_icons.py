"""Draw the field app's install icons (static/volunteers/icons/icon-{192,512}.png) with Pillow."""

from pathlib import Path

from django.core.management.base import BaseCommand
from PIL import Image, ImageDraw

ICON_DIR = Path(__file__).resolve().parents[2] / "static" / "volunteers" / "icons"
BLUE, WHITE = (11, 83, 148), (255, 255, 255)


def draw_icon(size: int) -> Image.Image:
    """A house with a check mark on the site's blue, inside the maskable safe zone."""
    image = Image.new("RGB", (size, size), BLUE)
    draw = ImageDraw.Draw(image)
    u = size / 10
    draw.polygon([(2.5 * u, 5 * u), (5 * u, 2.6 * u), (7.5 * u, 5 * u)], fill=WHITE)
    draw.rectangle([3.2 * u, 4.9 * u, 6.8 * u, 7.4 * u], fill=WHITE)
    draw.line(
        [(3.9 * u, 6.1 * u), (4.7 * u, 6.8 * u), (6.1 * u, 5.3 * u)], fill=BLUE, width=int(u * 0.5)
    )
    return image.quantize(colors=8)


class Command(BaseCommand):
    help = "Draw the field app's install icons."

    def handle(self, *args, **options):
        ICON_DIR.mkdir(parents=True, exist_ok=True)
        for size in (192, 512):
            path = ICON_DIR / f"icon-{size}.png"
            draw_icon(size).save(path, optimize=True)
            self.stdout.write(f"{path} ({path.stat().st_size} bytes)")
