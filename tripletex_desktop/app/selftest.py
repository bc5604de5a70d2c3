"""`--self-test`: translations load, a keyring backend resolves, and a simulator round trip works."""

from __future__ import annotations

import sys


def run_self_test() -> int:
    """Print one line per check; exit 0 only when all pass (CI runs this on the frozen build)."""
    results: list[tuple[str, bool, str]] = []
    warnings: list[tuple[str, str]] = []

    try:
        # Local imports: a module that fails to import is reported as a failed check, not a crash.
        from PySide6.QtCore import QCoreApplication, QTranslator

        from tripletex_desktop.app.paths import resource_dir

        app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
        # Bokmål, and English's plural forms ("%n row(s)" → "7 rows"; without them English shows the "(s)").
        for lang in ("nb", "en"):
            translator = QTranslator(app)
            qm = resource_dir() / "i18n" / f"tripletex_desktop_{lang}.qm"
            loaded = translator.load(str(qm)) and not translator.isEmpty()
            results.append((f"translations {lang}", loaded, str(qm)))
    except Exception as exc:  # a self-test reports every failure instead of stopping
        results.append(("translations", False, type(exc).__name__))

    try:
        from tripletex_desktop.core.errors import SecretStoreUnavailable
        from tripletex_desktop.storage.secrets import TokenStore

        store = TokenStore()
        try:
            store.ensure_secure()
            results.append(("keyring", True, store.backend_description()))
        except SecretStoreUnavailable as exc:
            # The backend resolved but is not a secure one here (e.g. a build machine without a desktop
            # session): the app would say so and offer "this run only", so it is a warning, not a failure.
            warnings.append(("keyring", f"{store.backend_description()} ({exc.reason})"))
    except Exception as exc:
        results.append(("keyring", False, type(exc).__name__))

    try:
        from tripletex_desktop.core.api import ConnectionTarget, TripletexClient, make_http_client
        from tripletex_desktop.core.models import Environment
        from tripletex_desktop.simulator import DEMO_CONSUMER_TOKEN, Simulator

        target = ConnectionTarget.for_environment(Environment.DEMO, DEMO_CONSUMER_TOKEN)
        client = TripletexClient(
            make_http_client(target, transport=Simulator().transport()), target, "demo-all"
        )
        who = client.who_am_i()
        client.close()
        results.append(("simulator", bool(who.company_name), who.company_name))
    except Exception as exc:
        results.append(("simulator", False, type(exc).__name__))

    for name, ok, detail in results:
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}")
    try:
        from tripletex_desktop.app.build import built_in_release_feed, has_built_in_consumer_token

        # Information, never the token: the release workflow checks a tagged build carries one.
        token = "included in this build" if has_built_in_consumer_token() else "not included in this build"
        feed = "set" if built_in_release_feed() else "none"
        print(f"info consumer token: {token}; release feed: {feed}")
    except Exception as exc:
        print(f"info consumer token: unknown ({type(exc).__name__})")
    for name, detail in warnings:
        print(f"warn {name}: no secure keyring here: {detail}")
    return 0 if all(ok for _, ok, _ in results) else 1
