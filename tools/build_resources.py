"""Compile what the app loads from resources/ into the package's generated tripletex_desktop/_resources/.

Usage, from the repository root: python -m tools.build_resources
Translations (.ts) become .qm files (pyside6-lrelease); icons are copied. The output folder is git-ignored and
found at run time through app.paths.resource_dir(), the same way in a checkout, a wheel and the frozen app.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from tools import i18n

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources"
#: The generated folder inside the package (app.paths.resource_dir() in a checkout or an installed wheel).
OUTPUT = ROOT / "tripletex_desktop" / "_resources"
#: Source folders copied as they are (the app loads SVG icons directly).
COPIED = ("icons",)


def build(output: Path = OUTPUT) -> list[Path]:
    """Compile the translations and copy the icons into `output`; returns the files written."""
    written = i18n.build(output / "i18n")
    for name in COPIED:
        target = output / name
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(SOURCE / name, target)
        written.extend(sorted(p for p in target.rglob("*") if p.is_file()))
    return written


def main() -> int:
    """Command line entry."""
    try:
        for path in build():
            print(f"built {path.relative_to(ROOT)}")
    except i18n.I18nError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
