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


# --- what each verdict says, and the reads behind it (pinned where mutation testing found them loose) -------


@pytest.mark.parametrize(
    ("evaluate", "verdict", "reason"),
    [
        (lambda: evaluate_simple_read(ok(value={})), Verdict.GRANTED, "ok"),
        (lambda: evaluate_simple_read(FORBIDDEN), Verdict.MISSING, "forbidden"),
        (lambda: evaluate_employee_list(ok([{"id": 1}, {"id": 2}])), Verdict.GRANTED, "several_employees"),
        (lambda: evaluate_employee_lookup(None), Verdict.INCONCLUSIVE, "no_other_employee_known"),
        (lambda: evaluate_employee_lookup(ok(value={"id": 5})), Verdict.GRANTED, "other_employee_readable"),
        (lambda: evaluate_employee_lookup(FORBIDDEN), Verdict.LIKELY_MISSING, "other_employee_forbidden"),
        (lambda: evaluate_project_status(FORBIDDEN), Verdict.INCONCLUSIVE, "blocked_by_project_info"),
        (lambda: evaluate_project_status(ok([])), Verdict.INCONCLUSIVE, "empty"),
        (
            lambda: evaluate_project_status(ok([{"id": 1, "isClosed": False}])),
            Verdict.GRANTED,
            "is_closed_present",
        ),
        (lambda: evaluate_project_status(ok([{"id": 1}])), Verdict.LIKELY_MISSING, "is_closed_filtered"),
        (lambda: evaluate_project_all(FORBIDDEN, OWNER), Verdict.INCONCLUSIVE, "blocked_by_project_info"),
        (lambda: evaluate_project_all(ok([]), OWNER), Verdict.INCONCLUSIVE, "empty"),
        (
            lambda: evaluate_project_all(ok([{"id": 1, "accessType": "READ"}]), OWNER),
            Verdict.LIKELY_MISSING,
            "read_only_project",
        ),
        (
            lambda: evaluate_project_all(
                ok([{"id": 1, "accessType": "WRITE", "projectManager": {"id": 77}}]), OWNER
            ),
            Verdict.GRANTED,
            "write_on_other_project",
        ),
        (
            lambda: evaluate_project_all(
                ok([{"id": 1, "accessType": "WRITE", "projectManager": {"id": OWNER}}]), OWNER
            ),
            Verdict.INCONCLUSIVE,
            "only_own_projects",
        ),
        (
            lambda: evaluate_travel_all(
                ok([{"id": 1, "employee": {"id": OWNER}, "actions": []}]), OWNER, others_exist=False
            ),
            Verdict.INCONCLUSIVE,
            "only_own_reports_nobody_else_known",
        ),
    ],
)
def test_each_verdict_carries_its_stable_reason_code(evaluate, verdict, reason):
    # evaluated inside the test, not at collection: the messages and the wizard read these codes
    result = evaluate()
    assert (result.verdict, result.reason) == (verdict, reason)


@pytest.mark.parametrize(
    "report",
    [
        {"id": 1, "actions": []},  # no employee reference at all
        {"id": 1, "employee": None, "actions": []},
        {"id": 1, "employee": {"id": "99"}, "actions": []},  # an id that is no number is no reference
        {"id": 1, "employee": 99, "actions": []},
    ],
)
def test_a_report_without_a_usable_employee_reference_is_no_colleagues_report(report):
    result = evaluate_travel_all(ok([report]), OWNER)
    assert (result.verdict, result.reason) == (Verdict.LIKELY_MISSING, "only_own_reports")


def test_each_probe_makes_one_cheap_read_in_probe_order():
    fake = FakeTripletex(_limited_answers())
    run_probes(fake, WHO)
    assert fake.asked == [
        ("/travelExpense/settings", {}),
        ("/travelExpense", {"employeeId": OWNER, "count": 1, "fields": "id"}),
        ("/project", {"count": 1, "fields": "id"}),
        ("/project", {"count": 1, "fields": "id,isClosed"}),
        ("/project/settings", {}),
        ("/project", {"count": 50, "fields": "id,isClosed,accessType,projectManager(id)"}),
        ("/company/500", {"fields": "id,name"}),
        ("/travelExpense", {"count": 50, "fields": "id,employee(id),actions(rel)"}),
        ("/employee", {"count": 2, "fields": "id"}),
        ("/employee/42", {"fields": "id"}),  # the project manager the project probe saw
    ]


def _nobody_else_seen() -> dict[str, Answer | Exception]:
    """Projects and reports are all the owner's: no other employee id is known before the employee probe."""
    answers = _limited_answers()
    answers["/project#all"] = ok([{"id": 3, "accessType": "WRITE", "projectManager": {"id": OWNER}}])
    return answers


def test_the_project_probe_judges_projects_against_the_tokens_owner():
    report = run_probes(FakeTripletex(_nobody_else_seen()), WHO)
    assert report.result("project_all").reason == "only_own_projects"
    assert report.company_id == WHO.company_id


def test_an_employee_list_holding_only_someone_else_leads_to_a_lookup_of_them():
    answers = _nobody_else_seen()
    answers["/employee"] = ok([{"id": 77}])
    answers["/employee/77"] = ok(value={"id": 77})
    fake = FakeTripletex(answers)
    report = run_probes(fake, WHO)
    assert fake.asked[-1] == ("/employee/77", {"fields": "id"})
    assert report.result("employee_read").reason == "other_employee_readable"


def test_the_employee_probe_looks_up_a_colleague_first_seen_on_a_travel_report():
    answers = _nobody_else_seen()
    answers["/travelExpense"] = ok([{"id": 1, "employee": {"id": 88}, "actions": []}])
    answers["/employee/88"] = ok(value={"id": 88})
    fake = FakeTripletex(answers)
    report = run_probes(fake, WHO)
    assert report.result("travel_all").reason == "other_employee_report"
    assert fake.asked[-1] == ("/employee/88", {"fields": "id"})
    assert report.result("employee_read").verdict is Verdict.GRANTED


def test_a_refused_or_missing_list_is_read_as_no_rows_and_keeps_its_request_id():
    from tripletex_desktop.core.permissions import _fetcher

    company = RaisingCompany(
        {
            "/travelExpense": e.PermissionDenied("x", status=403, request_id="r-403"),
            "/project": e.NotFound("x", status=404, request_id="r-404"),
            "/company/500": e.ValidationFailed("x"),  # no status given: taken as a 400
        }
    )
    report = run_probes(_fetcher(company), WHO)
    assert report.result("travel_all").reason == "blocked_by_travel_register"
    assert report.result("travel_register").request_id == "r-403"
    project_all = report.result("project_all")
    assert (project_all.verdict, project_all.reason, project_all.request_id) == (
        Verdict.INCONCLUSIVE,
        "answered_404",
        "r-404",
    )
    assert report.result("company_info").reason == "answered_400"


class RecordingCompany(RaisingCompany):
    """A CompanyClient stand-in that answers every GET empty and records the paths."""

    def __init__(self) -> None:
        super().__init__({})
        self.paths: list[str] = []

    def get(self, path: str, params: dict | None = None) -> dict:
        self.paths.append(path)
        return super().get(path, params)


def test_checking_a_company_without_project_sync_reads_no_project_and_honours_cancel():
    from tripletex_desktop.core.permissions import check_company_permissions

    company = RecordingCompany()
    report = check_company_permissions(company, WHO, projects=False)
    assert company.paths and not any(p.startswith("/project") for p in company.paths)
    assert "project_info" not in {r.key for r in report.results}
    assert {p.key for p in permissions_for()} == {p.key for p in REQUIRED_PERMISSIONS}  # projects by default
    cancel = CancelToken()
    cancel.cancel()
    cancelled = RecordingCompany()
    with pytest.raises(e.Cancelled):
        check_company_permissions(cancelled, WHO, cancel)
    assert cancelled.paths == []


def test_a_permission_missing_from_the_probe_order_is_probed_last():
    from tripletex_desktop.core.permissions import GRANTED_OK, Permission

    asked: list[str] = []

    def probe(fetch, ctx):
        asked.append("extra")
        return GRANTED_OK, None

    extra = Permission("extra", "Selskap", "Company", "Ekstra", "Extra", "-", "-", probe=probe)
    fake = FakeTripletex(_limited_answers())

    def fetch(path: str, params: Mapping[str, Any]) -> Answer:
        asked.append(path)
        return fake(path, params)

    report = run_probes(fetch, WHO, permissions=(extra, *REQUIRED_PERMISSIONS))
    assert asked[-1] == "extra"
    assert [r.key for r in report.results][0] == "extra"  # results keep the declaration order


def test_an_unknown_permission_is_never_a_blocker_and_an_unchecked_one_is_named():
    assert severity("no_such_permission", Verdict.UNAVAILABLE) is Severity.WARNING
    report = run_probes(FakeTripletex(_limited_answers()), WHO, permissions=permissions_for(projects=False))
    with pytest.raises(KeyError) as raised:
        report.result("project_all")
    assert raised.value.args == ("project_all",)


# --- what mutation testing found untested (docs/mutation-testing.md) ---------------------------------------


def test_two_refused_reads_beside_a_granted_one_are_missing_boxes_not_a_module_that_is_off():
    answers = _limited_answers()
    answers["/travelExpense/settings"] = FORBIDDEN
    answers[f"/travelExpense?{OWNER}"] = FORBIDDEN
    answers["/travelExpense"] = ok(
        [{"id": 1, "employee": {"id": 42}}]
    )  # another's report: travel_all granted
    report = run_probes(FakeTripletex(answers), WHO)
    assert report.result("travel_all").verdict is Verdict.GRANTED
    for key in ("travel_settings", "travel_register"):
        assert (report.result(key).verdict, report.result(key).reason) == (Verdict.MISSING, "forbidden")


def test_a_single_refused_read_in_a_module_with_nothing_granted_is_a_missing_box():
    # one 403 is not evidence that the module is off: it takes every direct read refused, two or more
    answers = _limited_answers()
    answers["/project"] = FORBIDDEN
    answers["/project#status"] = FORBIDDEN
    answers["/project#all"] = FORBIDDEN
    answers["/project/settings"] = Answer(404, {}, "rid-404")
    report = run_probes(FakeTripletex(answers), WHO)
    assert report.result("project_settings").verdict is Verdict.INCONCLUSIVE
    assert (report.result("project_info").verdict, report.result("project_info").reason) == (
        Verdict.MISSING,
        "forbidden",
    )
    assert "project_info" in {r.key for r in report.blockers}


def test_a_simple_read_probe_fills_in_the_tokens_owner_and_company():
    from functools import partial

    from tripletex_desktop.core.permissions import Permission, _probe_simple_read

    own = Permission(
        "own_employee",
        "Selskap",
        "Company",
        "Egen ansatt",
        "Own employee",
        "-",
        "-",
        probe=partial(_probe_simple_read, "/company/{company_id}/employee/{owner_id}", {"fields": "id"}),
    )
    fake = FakeTripletex({f"/company/500/employee/{OWNER}": ok(value={"id": OWNER})})
    report = run_probes(fake, WHO, permissions=(own,))
    assert fake.asked == [(f"/company/500/employee/{OWNER}", {"fields": "id"})]
    assert report.result("own_employee").verdict is Verdict.GRANTED


def test_a_permission_needed_for_a_sync_option_this_version_does_not_know_is_still_probed(monkeypatch):
    from tripletex_desktop.core import permissions
    from tripletex_desktop.core.permissions import GRANTED_OK, Permission

    later = Permission(
        "later_option",
        "Selskap",
        "Company",
        "Senere",
        "Later",
        "-",
        "-",
        probe=lambda fetch, ctx: (GRANTED_OK, None),
        needed_for="an_option_from_a_later_version",
    )
    monkeypatch.setattr(permissions, "REQUIRED_PERMISSIONS", (*REQUIRED_PERMISSIONS, later))
    for projects in (True, False):
        assert "later_option" in {p.key for p in permissions_for(projects=projects)}


def test_first_error_is_the_first_probe_that_could_not_run_across_companies():
    from tripletex_desktop.core.permissions import PermissionReport, PermissionResult, first_error

    granted = PermissionResult("company_info", Verdict.GRANTED, "ok", "rid-1")
    down = PermissionResult("travel_settings", Verdict.ERROR, "server_error", "rid-503")
    slow = PermissionResult("project_settings", Verdict.ERROR, "rate_limited", "rid-429")
    reports = [PermissionReport(1, (granted,)), PermissionReport(2, (granted, down, slow))]
    assert first_error(reports) == down
    assert first_error([PermissionReport(1, (granted,))]) is None
    assert first_error([]) is None
