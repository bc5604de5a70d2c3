"""Permission declarations and the pure evaluation of probe answers (no HTTP)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from tripletex_desktop.core import errors as e
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.models import WhoAmI
from tripletex_desktop.core.permissions import (
    PERMISSIONS_BY_KEY,
    REQUIRED_PERMISSIONS,
    Answer,
    Severity,
    Verdict,
    evaluate_employee_list,
    evaluate_employee_lookup,
    evaluate_project_all,
    evaluate_project_status,
    evaluate_simple_read,
    evaluate_travel_all,
    permissions_for,
    run_probes,
    severity,
)

OWNER = 10
WHO = WhoAmI(
    employee_id=OWNER, employee_name="Kari Nordmann", company_id=500, company_name="Fjordlys Reiser AS"
)


def ok(values: list[dict] | None = None, **body: Any) -> Answer:
    return Answer(200, {"values": values} if values is not None else body, "rid-ok")


FORBIDDEN = Answer(403, {}, "rid-403")


def test_declared_permissions_match_docs():
    assert [p.key for p in REQUIRED_PERMISSIONS] == [
        "travel_settings",
        "travel_register",
        "travel_all",
        "project_info",
        "project_status",
        "project_settings",
        "project_all",
        "company_info",
        "employee_read",
    ]
    assert {p.group for p in REQUIRED_PERMISSIONS} == {"Reiseregning", "Prosjekt", "Selskap"}
    assert (
        PERMISSIONS_BY_KEY["travel_register"].tripletex_label_nb
        == "Å registrere reiseregninger og ansattutlegg"
    )
    assert PERMISSIONS_BY_KEY["travel_all"].tripletex_label_nb == (
        "Tilgang til alle reiseregninger/ansattutlegg (inkl. godkjenning) – Hele selskapet"
    )
    assert (
        PERMISSIONS_BY_KEY["project_all"].tripletex_label_nb
        == "Full tilgang – Alle prosjekter – Hele selskapet"
    )
    assert PERMISSIONS_BY_KEY["employee_read"].tripletex_label_nb == "Lesetilgang til ansattinformasjon"
    for p in REQUIRED_PERMISSIONS:
        assert p.where_nb.startswith("Selskap → Ansatte → din bruker → API-tilgang → nøkkelen → " + p.group)
        assert p.where_en.startswith("Company → Employees")
        assert p.tripletex_label_en and p.tripletex_label_en != p.tripletex_label_nb


def test_simple_read():
    assert evaluate_simple_read(ok(value={})).verdict is Verdict.GRANTED
    assert evaluate_simple_read(FORBIDDEN).verdict is Verdict.MISSING


@pytest.mark.parametrize(
    ("answer", "verdict", "reason"),
    [
        (ok([{"id": 1, "employee": {"id": 99}, "actions": []}]), Verdict.GRANTED, "other_employee_report"),
        (
            ok([{"id": 1, "employee": {"id": OWNER}, "actions": [{"rel": "APPROVE"}]}]),
            Verdict.GRANTED,
            "approve_action",
        ),
        (
            ok([{"id": 1, "employee": {"id": OWNER}, "actions": [{"rel": "DELIVER"}]}]),
            Verdict.LIKELY_MISSING,
            "only_own_reports",
        ),
        (ok([]), Verdict.INCONCLUSIVE, "empty"),
        (FORBIDDEN, Verdict.INCONCLUSIVE, "blocked_by_travel_register"),
    ],
)
def test_travel_all(answer, verdict, reason):
    result = evaluate_travel_all(answer, OWNER)
    assert (result.verdict, result.reason) == (verdict, reason)


def test_travel_all_only_own_reports_in_a_one_person_company_is_inconclusive():
    own = ok([{"id": 1, "employee": {"id": OWNER}, "actions": [{"rel": "DELIVER"}]}])
    assert evaluate_travel_all(own, OWNER, others_exist=False).verdict is Verdict.INCONCLUSIVE
    assert evaluate_travel_all(own, OWNER, others_exist=True).verdict is Verdict.LIKELY_MISSING


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [
        (ok([{"id": 1, "isClosed": False}]), Verdict.GRANTED),
        (ok([{"id": 1}]), Verdict.LIKELY_MISSING),
        (ok([]), Verdict.INCONCLUSIVE),
        (FORBIDDEN, Verdict.INCONCLUSIVE),
    ],
)
def test_project_status(answer, verdict):
    assert evaluate_project_status(answer).verdict is verdict


@pytest.mark.parametrize(
    ("projects", "verdict"),
    [
        ([{"id": 1, "accessType": "WRITE", "projectManager": {"id": 77}}], Verdict.GRANTED),
        (
            [
                {"id": 1, "accessType": "WRITE", "projectManager": {"id": OWNER}},
                {"id": 2, "accessType": "READ", "projectManager": {"id": 77}},
            ],
            Verdict.LIKELY_MISSING,
        ),
        ([{"id": 1, "accessType": "NONE", "projectManager": {"id": 77}}], Verdict.LIKELY_MISSING),
        # READ on a closed project says nothing (unverified for full-access users): left out
        (
            [
                {"id": 1, "isClosed": True, "accessType": "READ", "projectManager": {"id": 77}},
                {"id": 2, "isClosed": False, "accessType": "WRITE", "projectManager": {"id": 77}},
            ],
            Verdict.GRANTED,
        ),
        (
            [{"id": 1, "isClosed": True, "accessType": "READ", "projectManager": {"id": 77}}],
            Verdict.INCONCLUSIVE,
        ),
        ([{"id": 1, "accessType": "WRITE", "projectManager": {"id": OWNER}}], Verdict.INCONCLUSIVE),
        ([], Verdict.INCONCLUSIVE),
    ],
)
def test_project_all(projects, verdict):
    assert evaluate_project_all(ok(projects), OWNER).verdict is verdict
    assert evaluate_project_all(FORBIDDEN, OWNER).verdict is Verdict.INCONCLUSIVE


def test_employee_read_steps():
    assert evaluate_employee_list(ok([{"id": 1}, {"id": 2}])).verdict is Verdict.GRANTED
    assert evaluate_employee_list(FORBIDDEN).verdict is Verdict.MISSING
    assert evaluate_employee_list(ok([{"id": OWNER}])) is None  # only the owner: look further
    assert evaluate_employee_lookup(None).verdict is Verdict.INCONCLUSIVE
    assert evaluate_employee_lookup(ok(value={"id": 5})).verdict is Verdict.GRANTED
    assert evaluate_employee_lookup(FORBIDDEN).verdict is Verdict.LIKELY_MISSING


@pytest.mark.parametrize("status", [400, 404, 422])
def test_an_unexpected_status_is_never_missing(status):
    odd = Answer(status, {}, "rid-odd")
    for evaluation in (
        evaluate_simple_read(odd),
        evaluate_travel_all(odd, OWNER),
        evaluate_project_status(odd),
        evaluate_project_all(odd, OWNER),
        evaluate_employee_lookup(odd),
    ):
        assert (evaluation.verdict, evaluation.reason) == (Verdict.INCONCLUSIVE, f"answered_{status}")
    assert evaluate_employee_list(odd).verdict is Verdict.INCONCLUSIVE
    assert severity("company_info", Verdict.INCONCLUSIVE) is Severity.NOTE


def test_severity_only_facts_block():
    assert severity("travel_register", Verdict.MISSING) is Severity.BLOCKER
    assert severity("project_settings", Verdict.MISSING) is Severity.BLOCKER
    for key in ("travel_all", "project_status", "project_all", "employee_read"):
        assert PERMISSIONS_BY_KEY[key].inferred
        assert severity(key, Verdict.LIKELY_MISSING) is Severity.WARNING
        assert PERMISSIONS_BY_KEY[key].without_nb and PERMISSIONS_BY_KEY[key].without_en
    assert severity("project_info", Verdict.UNAVAILABLE) is Severity.WARNING  # optional module
    assert severity("travel_settings", Verdict.UNAVAILABLE) is Severity.BLOCKER  # the app needs it
    assert severity("company_info", Verdict.ERROR) is Severity.WARNING
    assert severity("company_info", "granted") is Severity.OK
    assert severity("company_info", "MISSING") is Severity.BLOCKER


def test_project_permissions_only_when_projects_sync():
    with_projects = {p.key for p in permissions_for(projects=True)}
    without = {p.key for p in permissions_for(projects=False)}
    assert with_projects == {p.key for p in REQUIRED_PERMISSIONS}
    assert with_projects - without == {"project_info", "project_status", "project_settings", "project_all"}


class FakeTripletex:
    """A fetch function answering probe paths from a table; records what was asked."""

    def __init__(self, answers: Mapping[str, Answer | Exception]) -> None:
        self.answers = answers
        self.asked: list[tuple[str, dict]] = []

    def __call__(self, path: str, params: Mapping[str, Any]) -> Answer:
        self.asked.append((path, dict(params)))
        key = f"{path}?{params['employeeId']}" if "employeeId" in params else path
        if key == "/project" and "accessType" in params.get("fields", ""):
            key = "/project#all"
        if key == "/project" and "isClosed" in params.get("fields", ""):
            key = "/project#status"
        answer = self.answers[key]
        if isinstance(answer, Exception):
            raise answer
        return answer


def _limited_answers() -> dict[str, Answer | Exception]:
    return {
        "/travelExpense/settings": ok(value={}),
        f"/travelExpense?{OWNER}": ok([{"id": 1}]),
        "/travelExpense": ok([{"id": 1, "employee": {"id": OWNER}, "actions": [{"rel": "DELIVER"}]}]),
        "/project": ok([{"id": 3}]),
        "/project#status": ok([{"id": 3, "isClosed": False}]),
        "/project/settings": FORBIDDEN,
        "/project#all": ok([{"id": 3, "accessType": "WRITE", "projectManager": {"id": 42}}]),
        "/company/500": ok(value={"id": 500}),
        "/employee": ok([{"id": OWNER}]),
        "/employee/42": FORBIDDEN,
    }


def test_run_probes_like_demo_limited():
    fake = FakeTripletex(_limited_answers())
    report = run_probes(fake, WHO)
    verdicts = {r.key: r.verdict for r in report.results}
    assert {k for k, v in verdicts.items() if v is Verdict.MISSING} == {"project_settings"}
    assert {k for k, v in verdicts.items() if v is Verdict.LIKELY_MISSING} == {"travel_all", "employee_read"}
    assert {k for k, v in verdicts.items() if v is Verdict.GRANTED} == {
        "travel_settings",
        "travel_register",
        "project_info",
        "project_status",
        "project_all",
        "company_info",
    }
    assert report.result("employee_read").reason == "other_employee_forbidden"
    assert report.result("project_settings").request_id == "rid-403"
    assert not report.all_granted and not report.has_errors
    assert ("/company/500", {"fields": "id,name"}) in fake.asked  # companyId from whoAmI
    assert [r.key for r in report.results] == [p.key for p in REQUIRED_PERMISSIONS]  # declaration order


def test_travel_all_without_known_colleagues_is_inconclusive():
    answers = _limited_answers()
    answers["/project#all"] = ok([{"id": 3, "accessType": "WRITE", "projectManager": {"id": OWNER}}])
    answers["/employee"] = ok([{"id": OWNER}])
    report = run_probes(FakeTripletex(answers), WHO)
    assert report.result("travel_all").verdict is Verdict.INCONCLUSIVE
    assert report.result("employee_read").verdict is Verdict.INCONCLUSIVE


def test_errors_are_not_verdicts_and_keep_the_request_id():
    answers = _limited_answers()
    answers["/travelExpense/settings"] = e.ServerError("down", status=503, request_id="rid-503")
    answers["/project/settings"] = e.RateLimited("slow", status=429, request_id="rid-429", retry_after=3.0)
    report = run_probes(FakeTripletex(answers), WHO)
    first = report.result("travel_settings")
    assert (first.verdict, first.reason, first.request_id) == (Verdict.ERROR, "server_error", "rid-503")
    assert report.result("project_settings").error.retry_after == 3.0
    assert report.has_errors


def test_a_project_module_that_refuses_everything_is_unavailable_not_missing():
    answers = _limited_answers()
    answers["/project"] = FORBIDDEN
    answers["/project#status"] = FORBIDDEN
    answers["/project#all"] = FORBIDDEN
    answers["/project/settings"] = FORBIDDEN
    report = run_probes(FakeTripletex(answers), WHO)
    assert report.result("project_info").verdict is Verdict.UNAVAILABLE
    assert report.result("project_settings").verdict is Verdict.UNAVAILABLE
    assert report.result("project_info").reason == "module_refused"
    assert report.result("project_status").verdict is Verdict.INCONCLUSIVE
    assert "project_info" not in {r.key for r in report.blockers}
    assert {"project_info", "project_settings"} <= {r.key for r in report.warnings}


def test_one_granted_project_read_proves_the_module_and_a_403_beside_it_is_missing():
    answers = _limited_answers()  # /project answers, /project/settings 403
    report = run_probes(FakeTripletex(answers), WHO)
    assert report.result("project_settings").verdict is Verdict.MISSING


def test_a_travel_module_that_refuses_everything_blocks_as_unavailable():
    answers = _limited_answers()
    answers["/travelExpense/settings"] = FORBIDDEN
    answers[f"/travelExpense?{OWNER}"] = FORBIDDEN
    answers["/travelExpense"] = FORBIDDEN
    report = run_probes(FakeTripletex(answers), WHO)
    assert report.result("travel_settings").verdict is Verdict.UNAVAILABLE
    assert {"travel_settings", "travel_register"} <= {r.key for r in report.blockers}


def test_without_project_sync_no_project_read_is_made():
    fake = FakeTripletex(_limited_answers())
    report = run_probes(fake, WHO, permissions=permissions_for(projects=False))
    assert not any(path.startswith("/project") for path, _ in fake.asked)
    assert "project_settings" not in {r.key for r in report.results}
    assert report.blockers == ()


def test_cancel_stops_between_probes():
    cancel = CancelToken()
    answers = _limited_answers()
    fake = FakeTripletex(answers)

    def fetch(path: str, params: Mapping[str, Any]) -> Answer:
        cancel.cancel()
        return fake(path, params)

    with pytest.raises(e.Cancelled):
        run_probes(fetch, WHO, cancel=cancel)
    assert len(fake.asked) == 1


def test_cancelled_inside_a_probe_propagates():
    answers = _limited_answers()
    answers["/project"] = e.Cancelled()
    with pytest.raises(e.Cancelled):
        run_probes(FakeTripletex(answers), WHO)


class RaisingCompany:
    """A CompanyClient stand-in whose GETs raise the given errors by path (else an empty 200)."""

    def __init__(self, errors: Mapping[str, Exception]) -> None:
        self.errors = errors

    def get(self, path: str, params: dict | None = None) -> dict:
        if path in self.errors:
            raise self.errors[path]
        return {"values": [], "value": {}}


def test_the_fetcher_turns_404_400_422_into_no_verdict_and_keeps_client_not_reachable():
    from tripletex_desktop.core.permissions import _fetcher

    company = RaisingCompany(
        {
            "/travelExpense/settings": e.NotFound("x", status=404, request_id="r-404"),
            "/project/settings": e.ValidationFailed("x", status=422),
            "/company/500": e.BadRequest("x", status=400),
        }
    )
    report = run_probes(_fetcher(company), WHO)
    assert report.result("travel_settings").reason == "answered_404"
    assert report.result("travel_settings").verdict is Verdict.INCONCLUSIVE
    assert report.result("project_settings").reason == "answered_422"
    assert report.result("company_info").reason == "answered_400"
    assert report.blockers == ()
    lost = RaisingCompany({"/travelExpense/settings": e.ClientNotReachable("gone", status=401)})
    assert run_probes(_fetcher(lost), WHO).result("travel_settings").verdict is Verdict.ERROR
