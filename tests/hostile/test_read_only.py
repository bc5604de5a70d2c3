"""A read-only folder under a real `tripletex-desktop`: the folder is bind-mounted read-only in a private mount
namespace (a read-only share or disk; root cannot write through it either, so the test is honest as root).

- Only the settings folder read-only: a sync reads its settings and sends the report as usual; importing a profile
  (which must write the settings) says the place is read-only and changes nothing.
- The whole app folder read-only (settings, database, logs): the sync says the data folder is read-only, sends
  nothing (it could not journal what it sends), and changes no file; once the folder is writable again, the next
  sync sends the report exactly once.
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from tests.support.hostile import AppHome, Run, Served, in_namespace, queue_report, travel_expenses_with
from tripletex_desktop.cli.texts import Texts

pytestmark = [pytest.mark.loopback, pytest.mark.hostile]


def read_only_run(prefix: list[str], home: AppHome, folder: Path, *args: str, lang: str) -> Run:
    """`tripletex-desktop ARGS` with `folder` bind-mounted read-only over itself (only in its namespace)."""
    where = shlex.quote(str(folder))
    app = " ".join(shlex.quote(part) for part in home.command(*args, lang=lang))
    script = f"mount --bind {where} {where} && mount -o remount,bind,ro {where} {where} && exec {app}"
    return in_namespace(prefix, script, home.env(lang))


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_read_only_settings_folder_still_syncs_and_a_profile_import_says_nothing_was_written(
    served: Served, home: AppHome, tmp_path: Path, mount_prefix: list[str], lang: str
) -> None:
    report_id = queue_report(home)
    config = home.root / "config"
    settings_before = (config / "settings.json").read_bytes()
    synced = read_only_run(mount_prefix, home, config, "sync", lang=lang)
    synced.assert_clean()
    assert synced.code in (0, 2), synced.output
    assert home.outbox()[report_id] == ("sent", None)
    assert len(travel_expenses_with(served.sim, home.company_id, report_id)) == 1
    profile = tmp_path / "kontor.json"
    exported = home.run("profile", "export", str(profile), lang=lang)
    assert exported.code == 0, exported.output
    data = json.loads(profile.read_text(encoding="utf-8"))
    data["connections"][0]["label"] = "Kontoret"
    profile.write_text(json.dumps(data), encoding="utf-8")
    imported = read_only_run(mount_prefix, home, config, "profile", "import", str(profile), lang=lang)
    imported.assert_clean()
    assert imported.code == 1, imported.output
    texts = Texts(lang, "profile")
    assert texts("err.read_only", path=config / "settings.json") in imported.output, imported.output
    assert (config / "settings.json").read_bytes() == settings_before


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_read_only_app_folder_sends_nothing_changes_nothing_and_the_next_sync_sends_it(
    served: Served, home: AppHome, mount_prefix: list[str], lang: str
) -> None:
    report_id = queue_report(home)
    before = home.file_bytes()
    refused = read_only_run(mount_prefix, home, home.root, "sync", lang=lang)
    refused.assert_clean()
    assert refused.code == 1, refused.output
    assert Texts(lang, "sync").error("read_only") in refused.output, refused.output
    assert home.file_bytes() == before  # not a byte changed
    assert (
        travel_expenses_with(served.sim, home.company_id, report_id) == []
    )  # nothing sent it could not journal
    writable = home.run("sync", lang=lang)
    writable.assert_clean()
    assert writable.code in (0, 2), writable.output
    assert home.outbox()[report_id] == ("sent", None)
    assert len(travel_expenses_with(served.sim, home.company_id, report_id)) == 1
