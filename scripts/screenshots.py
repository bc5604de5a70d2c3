"""Render every setup wizard page in nb and en into docs/screenshots/wizard-<page>-<lang>.png.

Run under a real X server, e.g.:  Xvfb :99 & DISPLAY=:99 QT_QPA_PLATFORM=xcb python scripts/screenshots.py
Options: --scale 2 (QT_SCALE_FACTOR, files get a -200 suffix), --out DIR.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    """Render the pages."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--langs", default="nb,en")
    args = parser.parse_args(argv)
    if args.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = f"{args.scale:g}"
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"  # never the real keychain

    from PySide6.QtWidgets import QApplication

    from tripletex_desktop.core.api import TripletexClient, make_http_client
    from tripletex_desktop.simulator import Simulator
    from tripletex_desktop.tools import i18n as i18n_tool
    from tripletex_desktop.ui import i18n
    from tripletex_desktop.ui.wizard import SetupWizard
    from tripletex_desktop.wizard_backend import WizardBackend
    from tripletex_desktop.workers.tasks import SyncRunner

    app = QApplication.instance() or QApplication([])
    qm_dir = Path(tempfile.mkdtemp(prefix="qm-"))
    i18n_tool.build(qm_dir)
    i18n.i18n_dir = lambda: qm_dir  # type: ignore[assignment]  # use the freshly built .qm
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.scale == 1.0 else f"-{int(args.scale * 100)}"

    class NoStore:
        def get(self, *a: object, **k: object) -> None:
            return None

    def backend_for(sim: Simulator) -> WizardBackend:
        def make_client(target, token, cancel=None):  # noqa: ANN001, ANN202
            http = make_http_client(target, transport=sim.transport())
            return TripletexClient(http, target, token, cancel=cancel, sleep=lambda s: None)

        return WizardBackend(make_client, NoStore(), None)

    def shot(wiz: SetupWizard, name: str, lang: str) -> None:
        for _ in range(5):
            app.processEvents()
        path = args.out / f"wizard-{name}-{lang}{suffix}.png"
        wiz.grab().save(str(path))
        print(path)

    for lang in args.langs.split(","):
        i18n.install_translators(app, lang)
        sim = Simulator(sleep=lambda s: None)
        wiz = SetupWizard(backend_for(sim), demo_mode=False, language=lang, runner=SyncRunner())
        wiz.resize(760, 560)
        wiz.show()
        shot(wiz, "welcome", lang)
        wiz.next()
        shot(wiz, "environment", lang)
        wiz.next()
        wiz.token.token.setText("test-abc")  # shows the production warning beside the instructions
        shot(wiz, "token", lang)
        wiz.token.token.clear()
        wiz.back()
        wiz.environment.demo.setChecked(True)
        wiz.next()
        wiz.token.demo_token.setCurrentText("demo-accountant")
        wiz.token.connect_now()
        shot(wiz, "token-demo", lang)
        wiz.next()
        wiz.companies.select_all.click()
        shot(wiz, "companies", lang)
        wiz.next()
        shot(wiz, "permissions", lang)
        wiz.next()
        shot(wiz, "categories", lang)
        wiz.next()
        shot(wiz, "sync", lang)
        wiz.next()
        shot(wiz, "summary", lang)
        wiz.close()

        wiz2 = SetupWizard(backend_for(sim), demo_mode=True, language=lang, runner=SyncRunner())
        wiz2.resize(760, 560)
        wiz2.show()
        wiz2.next()
        wiz2.next()
        wiz2.token.demo_token.setCurrentText("demo-limited")
        wiz2.token.connect_now()
        wiz2.next()
        shot(wiz2, "permissions-missing", lang)
        wiz2.back()
        wiz2.token.demo_token.setCurrentText("demo-expired")
        wiz2.token.connect_now()
        shot(wiz2, "token-error", lang)
        wiz2.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
