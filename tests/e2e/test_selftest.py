"""`--self-test` (what the frozen build runs): translations, keyring and a simulator round trip."""

from tripletex_desktop.__main__ import main


def test_self_test_passes_and_reports_each_check(capsys, qapp):
    assert main(["--self-test"]) == 0
    out = capsys.readouterr().out
    assert "ok   translations" in out
    assert "ok   keyring" in out  # the suite's in-memory keyring counts as secure
    assert "ok   simulator: Fjordlys Reiser AS" in out


def test_self_test_warns_but_passes_without_a_secure_keyring(capsys, qapp):
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    assert main(["--self-test"]) == 0
    assert "warn keyring: no secure keyring here" in capsys.readouterr().out


def test_self_test_says_whether_the_build_carries_a_consumer_token_never_the_token(capsys, qapp, monkeypatch):
    import sys
    import types

    from tripletex_desktop.app import build

    assert main(["--self-test"]) == 0
    assert "info consumer token: not included in this build; release feed: none" in capsys.readouterr().out
    secret = "consumer-secret-4711"
    monkeypatch.setitem(
        sys.modules,
        build.BUILD_CONFIG_MODULE,
        types.SimpleNamespace(CONSUMER_TOKEN=secret, RELEASE_FEED="https://api.example.test/latest"),
    )
    assert main(["--self-test"]) == 0
    out = capsys.readouterr().out
    assert "info consumer token: included in this build; release feed: set" in out
    assert secret not in out
