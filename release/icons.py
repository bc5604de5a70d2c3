"""Icons for every platform from the one SVG: hicolor PNGs (Qt's SVG renderer), a Windows .ico, a macOS .icns.

Usage: python -m release.icons [--out DIR]   (default build/icons; nothing here is committed)
Pillow writes the .ico (16–256 px) and the .icns (16–1024 px) from the rendered PNGs.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "tripletex-desktop.svg"
OUT = ROOT / "build" / "icons"
#: hicolor theme sizes a desktop looks up (menus, docks, HiDPI), and what the .ico and .icns carry.
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn at size×size (transparent background, antialiased), as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"not a valid SVG: {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def generate(out: Path, svg: Path = SVG) -> dict[str, Path]:
    """Write hicolor/<n>x<n>/apps/<app id>.png, scalable/apps/<app id>.svg, tripletex-desktop.ico and .icns."""
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    name = "no.tripletex-desktop"  # the app id: the desktop entry's Icon= and the Wayland app id
    pngs: dict[int, bytes] = {n: render_png(svg, n) for n in sorted({*PNG_SIZES, *ICO_SIZES, *ICNS_SIZES})}
    for n in PNG_SIZES:
        target = out / "hicolor" / f"{n}x{n}" / "apps" / f"{name}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pngs[n])
    scalable = out / "hicolor" / "scalable" / "apps" / f"{name}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    scalable.write_bytes(svg.read_bytes())
    largest = Image.open(io.BytesIO(pngs[1024]))
    ico = out / "tripletex-desktop.ico"
    # Each size is drawn by Qt at that size (crisper than Pillow scaling one image down).
    Image.open(io.BytesIO(pngs[256])).save(
        ico,
        format="ICO",
        sizes=[(n, n) for n in ICO_SIZES],
        append_images=[Image.open(io.BytesIO(pngs[n])) for n in ICO_SIZES],
    )
    icns = out / "tripletex-desktop.icns"
    largest.save(icns, format="ICNS", append_images=[Image.open(io.BytesIO(pngs[n])) for n in ICNS_SIZES])
    return {"hicolor": out / "hicolor", "ico": ico, "icns": icns}


def main(argv: list[str] | None = None) -> int:
    """Generate every icon; print where they went."""
    parser = argparse.ArgumentParser(prog="icons")
    parser.add_argument("--out", type=Path, default=OUT)
    options = parser.parse_args(argv)
    for kind, path in generate(options.out).items():
        print(f"{kind}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
