"""Benchmark ``process_photo`` on a realistic 12-megapixel phone JPEG.

The photo is generated with Pillow: 4032×3024, gradients plus noise and some shapes so it
compresses like a real photo (~3–5 MB), with EXIF Orientation 6 (portrait phone), a capture
time and a GPS position. Run with::

    .venv/bin/python benchmarks/photos.py [--runs 15]
"""

from __future__ import annotations

import argparse
import io
import statistics
import time

from PIL import Image, ImageDraw

from boligvurdering.photos import process_photo

WIDTH, HEIGHT = 4032, 3024


def make_phone_jpeg(width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """Return a photo-like JPEG with orientation 6, DateTimeOriginal and GPS EXIF."""
    small = Image.linear_gradient("L").resize((width, height))
    red = small
    green = small.transpose(Image.Transpose.ROTATE_90).resize((width, height))
    blue = Image.radial_gradient("L").resize((width, height))
    picture = Image.merge("RGB", (red, green, blue))
    draw = ImageDraw.Draw(picture)
    for i in range(40):
        x, y = (i * 397) % width, (i * 263) % height
        draw.ellipse(
            (x, y, x + 300, y + 200), fill=((i * 53) % 256, (i * 91) % 256, (i * 17) % 256)
        )
    # Sensor-like noise makes the file size realistic (a pure gradient compresses to ~1 MB).
    noise = Image.effect_noise((width, height), 40).convert("RGB")
    picture = Image.blend(picture, noise, 0.18)

    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to view
    exif[0x010F] = "Benchmark Phone Co."
    exif[0x0110] = "BP-12"
    exif.get_ifd(0x8769)[0x9003] = "2024:05:17 14:03:22"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (59.0, 54.0, 41.0)
    gps[3], gps[4] = "E", (10.0, 45.0, 7.0)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=92, exif=exif)
    return buffer.getvalue()


def main() -> None:
    """Generate the photo, time ``process_photo`` and print the results."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    source = make_phone_jpeg()
    process_photo(source)  # warm-up (imports, ICC profile, allocator)
    timings = []
    for _ in range(args.runs):
        start = time.perf_counter()
        result = process_photo(source)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    print(f"input:  {WIDTH}x{HEIGHT} JPEG, {len(source) / 1e6:.2f} MB, EXIF orientation 6 + GPS")
    print(f"output: {result.width}x{result.height} JPEG, {len(result.image_bytes) / 1e6:.2f} MB")
    print(f"thumb:  {len(result.thumb_bytes) / 1e3:.1f} kB, taken_at {result.taken_at}")
    print(f"runs: {args.runs}  median: {statistics.median(timings):.1f} ms  p95: {p95:.1f} ms")
    print(f"min: {timings[0]:.1f} ms  max: {timings[-1]:.1f} ms")


if __name__ == "__main__":
    main()
