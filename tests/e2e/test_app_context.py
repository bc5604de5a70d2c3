"""The composition root: saving at exit keeps connections another process added meanwhile."""

from tripletex_desktop.app.context import build_context, request_timeout
from tripletex_desktop.app.environment import REQUEST_TIMEOUT_ENV
from tripletex_desktop.storage import settings as st


def test_exit_save_keeps_a_connection_imported_by_another_process(tmp_path):
    context = build_context(tmp_path / "home")
    try:
        context.settings.window_geometry = "Z2VvbWV0cnk="
        context.settings.ui_language = "nb"
        # Meanwhile `tripletex-desktop profile import` (another process) adds a connection to the file.
        other = st.SettingsStore(context.settings_store.path)
        on_disk = other.load().settings
        on_disk.connections.append(st.ConnectionSettings(id="x1", label="Importert", environment="demo"))
        other.save(on_disk)
        context.save_settings()
        saved = other.load().settings
        assert [c.label for c in saved.connections] == ["Importert"]
        assert (saved.window_geometry, saved.ui_language) == ("Z2VvbWV0cnk=", "nb")
    finally:
        context.close()


def test_employee_token_prefers_this_runs_token_over_the_keyring(tmp_path):
    context = build_context(tmp_path / "home")
    try:
        context.token_store.set("c1", "from-keyring")
        assert context.employee_token("c1") == "from-keyring"
        context.session_tokens.set("c1", "this-run-only")
        assert context.employee_token("c1") == "this-run-only"
    finally:
        context.close()


def test_request_timeout_comes_from_the_environment(monkeypatch) -> None:
    monkeypatch.delenv(REQUEST_TIMEOUT_ENV, raising=False)
    assert request_timeout() == 30.0
    monkeypatch.setenv(REQUEST_TIMEOUT_ENV, "2.5")
    assert request_timeout() == 2.5
    for bad in ("soon", "0", "-3", "nan", "100000"):
        monkeypatch.setenv(REQUEST_TIMEOUT_ENV, bad)
        assert request_timeout() == 30.0, bad
