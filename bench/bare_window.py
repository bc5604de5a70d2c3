"""The reference for the start-up benchmark: a bare PySide6 window that reports its first paint and quits.

Run: bench/bare_window.py (prints `first-paint <time.monotonic()>`); frozen by bench/bench_startup.py
with the app's build.spec exclusions, so both sides pay the same for Python, Qt and the platform plugin.
"""

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class FirstPaint(QObject):
    """Prints the monotonic time of the window's first paint, then quits the event loop."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print(f"first-paint {time.monotonic():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.setWindowTitle("bare")
    window.resize(1000, 640)
    probe = FirstPaint()
    window.installEventFilter(probe)
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
