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
