"""The main window's profile import: a bad file is a clear `profile_invalid`, and nothing changes."""

import pytest

from tripletex_desktop.app.context import build_context
from tripletex_desktop.core.errors import ProfileInvalid
from tripletex_desktop.services.desktop import DesktopBackend
from tripletex_desktop.storage import settings as st
from tripletex_desktop.ui.messages import message_for


@pytest.fixture
def context(tmp_path):
    ctx = build_context(tmp_path / "home")
    yield ctx
    ctx.close()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\xff\xfe not utf-8 \xc3", "not_utf8"),
        (b"{broken", "not_json"),
        (b"[1, 2]", "not_profile"),
        (b'{"hello": "world"}', "not_profile"),
    ],
)
def test_a_bad_profile_is_refused_and_settings_stay_untouched(context, tmp_path, content, reason):
    path = tmp_path / "profil.json"
    path.write_bytes(content)
    before = context.settings_store.path.read_bytes() if context.settings_store.path.exists() else None
    with pytest.raises(ProfileInvalid) as caught:
        DesktopBackend(context).import_profile(str(path))
    assert caught.value.reason == reason
    after = context.settings_store.path.read_bytes() if context.settings_store.path.exists() else None
    assert after == before
    assert message_for(caught.value).title == "This profile cannot be imported"


def test_a_good_profile_round_trips(context, tmp_path):
    company = st.CompanySettings(id=5, name="Fjordlys Reiser AS", mileage_cost_category_id=1)
    conn = st.ConnectionSettings(id="a1", label="Fjordlys", environment="demo", companies=[company])
    context.settings = st.Settings(connections=[conn])
    backend = DesktopBackend(context)
    backend.export_profile(str(tmp_path / "p.json"))
    context.settings = st.Settings()
    merged = backend.import_profile(str(tmp_path / "p.json"))
    assert [c.label for c in merged.connections] == ["Fjordlys"]
    assert context.settings_store.load().settings.connections[0].companies[0].mileage_cost_category_id == 1
