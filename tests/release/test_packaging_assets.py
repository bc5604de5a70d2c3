"""Release tooling that runs anywhere: the icons from the SVG, the desktop entry, the Debian changelog, the .iss."""

from __future__ import annotations

import configparser
import re
from pathlib import Path

from PIL import Image

from release import icons, linux

ROOT = Path(__file__).resolve().parents[2]


def test_icons_for_every_platform_come_from_the_one_svg(qapp, tmp_path):
    made = icons.generate(tmp_path)
    for n in icons.PNG_SIZES:
        png = tmp_path / "hicolor" / f"{n}x{n}" / "apps" / "no.tripletex-desktop.png"
        with Image.open(png) as image:
            assert image.size == (n, n)
            assert image.getpixel((n // 2, n // 2))[3] == 255  # drawn, not an empty canvas
    assert (tmp_path / "hicolor" / "scalable" / "apps" / "no.tripletex-desktop.svg").read_bytes() == (
        icons.SVG.read_bytes()
    )
    with Image.open(made["ico"]) as ico:
        assert set(ico.info["sizes"]) == {(n, n) for n in icons.ICO_SIZES}
    with Image.open(made["icns"]) as icns:
        assert max(icns.info["sizes"])[0] >= 512


def test_the_desktop_entry_names_the_app_in_both_languages_and_matches_the_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(ROOT / "resources" / "linux" / "no.tripletex-desktop.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Exec"] == linux.PACKAGE  # the /usr/bin launcher the .deb installs
    assert section["Icon"] == linux.APP_ID  # the hicolor name dev.py icons writes
    for key in ("Name", "GenericName", "Comment", "Keywords"):
        assert section[key] and section[f"{key}[nb]"]
    assert section["GenericName"] != section["GenericName[nb]"]


def test_the_debian_changelog_carries_this_versions_entries(tmp_path, monkeypatch):
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text(
        "# Changelog\n\n## [Unreleased]\n\n- not yet\n\n## [1.2.0]\n\n### Added\n- one thing that is long enough to be"
        " wrapped at seventy-eight columns by the Debian changelog writer\n  and continues here\n- two\n\n"
        "## [1.1.0]\n\n- older\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(linux, "ROOT", tmp_path)
    text = linux.debian_changelog("1.2.0", when=0)
    assert text.startswith("tripletex-desktop (1.2.0) stable; urgency=medium\n\n  * one thing")
    assert "continues here" in text and "  * two" in text
    assert "older" not in text and "not yet" not in text
    assert all(len(line) <= 78 for line in text.splitlines()[:-1])
    assert text.endswith(f" -- {linux.MAINTAINER}  Thu, 01 Jan 1970 00:00:00 +0000\n")


def test_the_inno_setup_script_installs_per_user_in_both_languages_with_a_profile_option():
    iss = (ROOT / "resources" / "installer" / "windows" / "tripletex-desktop.iss").read_text(
        encoding="utf-8-sig"
    )
    setup = dict(re.findall(r"^(\w+)=(.*)$", iss, re.M))
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["DefaultDirName"].startswith("{autopf}")
    assert 'Name: "nb"; MessagesFile: "compiler:Languages\\Norwegian.isl"' in iss
    assert "{param:PROFILE|}" in iss and "profile import" in iss
    # Every custom message exists in both languages.
    messages = re.findall(r"^(nb|en)\.(\w+)=", iss, re.M)
    assert {name for lang, name in messages if lang == "nb"} == {
        name for lang, name in messages if lang == "en"
    }
