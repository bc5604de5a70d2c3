"""Grab the X screen ($DISPLAY) to a PNG once a window has been drawn and stopped changing.

Usage: python -m release.screengrab OUT.png [--timeout S] [--pid PID]
Runs in the build's own environment (its PySide6), against the display another process draws on: with
--pid, it gives up as soon as that process has exited.
"""

from __future__ import annotations

import argparse
import os
import sys
import time


def _alive(pid: int | None) -> bool:
    if pid is None:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def main(argv: list[str] | None = None) -> int:
    """Poll the screen every half second; save it when it is not blank and equal to the previous grab."""
    parser = argparse.ArgumentParser(prog="screengrab")
    parser.add_argument("out")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--pid", type=int)
    options = parser.parse_args(argv)
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    from PySide6.QtGui import QGuiApplication, QImage

    app = QGuiApplication(sys.argv[:1])
    screen = app.primaryScreen()
    deadline = time.monotonic() + options.timeout
    previous: QImage | None = None
    while time.monotonic() < deadline and _alive(options.pid):
        image = screen.grabWindow(0).toImage()
        blank = image.isNull() or _uniform(image)
        if not blank and previous is not None and image == previous:
            image = _cropped(image)
            if not image.save(options.out):
                print(f"could not write {options.out}", file=sys.stderr)
                return 1
            print(f"saved {options.out} ({image.width()}x{image.height()})")
            return 0
        previous = None if blank else image
        time.sleep(0.5)
    print(
        "no window appeared on the screen" + ("" if _alive(options.pid) else " (the app exited)"),
        file=sys.stderr,
    )
    return 1


def _cropped(image: object) -> object:
    """The screen without the empty background around the windows (no window manager draws one)."""
    from PySide6.QtGui import QImage

    assert isinstance(image, QImage)
    background = image.pixel(image.width() - 1, image.height() - 1)
    right = max(
        (x for x in range(image.width()) if image.pixel(x, 0) != background), default=image.width() - 1
    )
    bottom = max(
        (
            y
            for y in range(image.height())
            if any(image.pixel(x, y) != background for x in range(0, right + 1, 8))
        ),
        default=image.height() - 1,
    )
    return image.copy(0, 0, right + 1, bottom + 1)


def _uniform(image: object) -> bool:
    """True when a coarse grid of pixels has one colour (an empty X screen)."""
    from PySide6.QtGui import QImage

    assert isinstance(image, QImage)
    first = image.pixel(0, 0)
    step_x, step_y = max(1, image.width() // 40), max(1, image.height() // 40)
    return all(
        image.pixel(x, y) == first
        for x in range(0, image.width(), step_x)
        for y in range(0, image.height(), step_y)
    )


if __name__ == "__main__":
    sys.exit(main())
