"""Health rules: attention reasons beat syncing, token expiry window, last-run errors."""

from __future__ import annotations

import datetime as dt

from tripletex_desktop.core.errors import ErrorInfo
from tripletex_desktop.core.sync import EntityError
from tripletex_desktop.core.sync.health import HealthState, Reason, company_health, mapping_complete

TODAY = dt.date(2026, 11, 22)


def health(**kw):
    base = {
        "today": TODAY,
        "token_expires_on": None,
        "mapping_complete": True,
        "running": False,
        "ever_synced": True,
        "errors": (),
    }
    return company_health(**{**base, **kw})


def err(code: str, entity: str | None = None) -> EntityError:
    return EntityError(entity, ErrorInfo(code, request_id="rid"))


def test_ok_never_and_syncing() -> None:
    assert health().state is HealthState.OK
    assert health(ever_synced=False).state is HealthState.NEVER
    assert health(running=True).state is HealthState.SYNCING


def test_token_expiry_window_is_14_days() -> None:
    assert health(token_expires_on=TODAY + dt.timedelta(days=14)).reasons == (Reason.TOKEN_EXPIRING,)
    assert health(token_expires_on=TODAY + dt.timedelta(days=15)).state is HealthState.OK
    assert health(token_expires_on=TODAY - dt.timedelta(days=1)).reasons == (Reason.TOKEN_EXPIRED,)


def test_attention_reasons_win_over_syncing_and_keep_their_errors() -> None:
    h = health(running=True, errors=(err("employee_token_expired"),), mapping_complete=False)
    assert h.state is HealthState.ATTENTION
    assert h.reasons == (Reason.TOKEN_INVALID, Reason.MAPPING_MISSING)
    assert h.first_error is not None and h.first_error.code == "employee_token_expired"


def test_permission_missing_lists_the_blocked_entities() -> None:
    h = health(errors=(err("server_error"), err("permission_denied", "projects")))
    assert h.reasons == (Reason.PERMISSION_MISSING,)
    assert h.missing_permission_entities == ("projects",)


def test_transient_failure_is_error_and_cancel_is_not() -> None:
    assert health(errors=(err("server_error"),)).state is HealthState.ERROR
    assert health(errors=(err("cancelled"),)).state is HealthState.OK


def test_mapping_complete_reads_settings_objects() -> None:
    class Company:
        mileage_cost_category_id = 1
        per_diem_cost_category_id = 2
        payment_type_id = None

    assert mapping_complete(Company()) is False
    Company.payment_type_id = 3
    assert mapping_complete(Company()) is True


def test_travel_reports_waiting_for_the_user_need_attention_even_while_syncing() -> None:
    assert health(reports_waiting=2).state is HealthState.ATTENTION
    assert health(reports_waiting=1, running=True).reasons == (Reason.REPORTS_WAITING,)
    assert health(reports_waiting=0).state is HealthState.OK
