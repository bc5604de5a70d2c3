"""The soak's judge: reads Tripletex (the simulator) directly and compares it with what was put in the outbox.

It shares no code with the app's transfer or reconciliation: a report is found by its unique title, lines by
the soak's own numbers (km, amounts, per diem counts, the text of each cost). What it expects comes from the
soak's own record of the reports it made (`Expected`), never from the app's send plan.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

import httpx

Json = dict[str, Any]


@dataclass(frozen=True)
class Expected:
    """One report the soak put in the outbox, as the soak itself describes it."""

    report_id: str
    connection_id: str
    company_id: int
    title: str
    #: (date, km) of every mileage line Tripletex should hold: each leg, and once more for its passengers
    mileage: tuple[tuple[str, str], ...]
    #: the `count` of every per diem line
    per_diem: tuple[int, ...]
    #: (amount, unique text) of every cost
    costs: tuple[tuple[str, str], ...]
    attachments: int
    #: the Tripletex state the report should end in
    state: str


def amount_text(value: Any) -> str:
    """A number as a normalised decimal string (42, 42.0 and "42.00" are equal)."""
    return format(Decimal(str(value)).normalize(), "f")


@dataclass
class Finding:
    """One thing wrong, for the printout."""

    kind: str
    report_id: str
    title: str
    detail: str


@dataclass
class AuditResult:
    """The soak's figures about Tripletex versus the outbox."""

    reports: int = 0
    found_once: int = 0
    duplicates: int = 0
    duplicate_lines: int = 0
    lost: int = 0
    lines_differ: int = 0
    state_mismatches: int = 0
    stranded: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """No duplicate, nothing lost, no differing line, local and Tripletex agree, nothing stranded."""
        return not (
            self.duplicates
            or self.duplicate_lines
            or self.lost
            or self.lines_differ
            or self.state_mismatches
            or self.stranded
        )

    def as_json(self) -> Json:
        """The figures and findings as JSON."""
        out = asdict(self)
        out["clean"] = self.clean
        return out


@dataclass(frozen=True)
class LocalState:
    """What the app's outbox says about one report at the end."""

    state: str
    tripletex_id: int | None
    tripletex_state: str | None


@dataclass
class TripletexView:
    """Everything the soak's companies hold in Tripletex that the audit looks at."""

    reports: dict[int, list[Json]] = field(default_factory=dict)  # company id -> travel expenses
    mileage: dict[int, list[Json]] = field(default_factory=dict)  # travel expense id -> lines
    per_diem: dict[int, list[Json]] = field(default_factory=dict)
    costs: dict[int, list[Json]] = field(default_factory=dict)


class DirectReader:
    """A tiny Tripletex reader on plain httpx (no app code): session, Basic auth per company, lists."""

    def __init__(self, base_url: str, consumer_token: str, employee_token: str) -> None:
        self._http = httpx.Client(base_url=base_url.rstrip("/"), timeout=60.0)
        expires = (dt.date.today() + dt.timedelta(days=2)).isoformat()
        answer = self._http.post(
            "/token/session/:create",
            json={
                "consumerToken": consumer_token,
                "employeeToken": employee_token,
                "expirationDate": expires,
            },
        )
        answer.raise_for_status()
        self._session = answer.json()["value"]["token"]

    def get(self, path: str, company_id: int = 0, **params: Any) -> Any:
        """One GET in a company's context; the decoded JSON."""
        answer = self._http.get(path, params=params, auth=(str(company_id), self._session))
        answer.raise_for_status()
        return answer.json()

    def values(self, path: str, company_id: int = 0, **params: Any) -> list[Json]:
        """Every row of a list (one big page: the simulator answers up to `count` rows)."""
        return list(self.get(path, company_id, count=1_000_000, **params)["values"])

    def close(self) -> None:
        """Delete the session and close."""
        try:
            self._http.delete(f"/token/session/{self._session}")
        finally:
            self._http.close()


#: The fields the audit reads of each line list.
LINE_FIELDS = {
    "/travelExpense/mileageAllowance": "id,travelExpense(id),date,km,rate",
    "/travelExpense/perDiemCompensation": "id,travelExpense(id),count",
    "/travelExpense/cost": "id,travelExpense(id),date,amountCurrencyIncVat,comments",
}


def read_tripletex(reader: DirectReader, company_contexts: Mapping[int, int]) -> TripletexView:
    """Travel expenses and their lines of each company (`company id -> Basic-auth username`)."""
    view = TripletexView()
    targets = {
        "/travelExpense/mileageAllowance": view.mileage,
        "/travelExpense/perDiemCompensation": view.per_diem,
        "/travelExpense/cost": view.costs,
    }
    for company_id, username in company_contexts.items():
        view.reports[company_id] = reader.values(
            "/travelExpense", username, fields="id,title,state,attachmentCount,number"
        )
        for path, target in targets.items():
            for row in reader.values(path, username, fields=LINE_FIELDS[path]):
                te = (row.get("travelExpense") or {}).get("id")
                target.setdefault(int(te), []).append(row)
    return view


def title_key(title: Any) -> str:
    """The soak's unique part of a title ("Soak <seed>-<n>"): the app may add its marker after the title."""
    return " ".join(str(title or "").split()[:2])


def _multiset_diff(want: Iterable[Any], got: Iterable[Any]) -> tuple[Counter[Any], Counter[Any]]:
    w, g = Counter(want), Counter(got)
    return w - g, g - w


def audit(
    expected: Iterable[Expected],
    view: TripletexView,
    local: Mapping[str, LocalState],
) -> AuditResult:
    """Compare every expected report with Tripletex and with the outbox's own state."""
    result = AuditResult()
    expected = list(expected)
    result.reports = len(expected)
    by_title: dict[tuple[int, str], list[Json]] = {}
    for company_id, rows in view.reports.items():
        for row in rows:
            by_title.setdefault((company_id, title_key(row.get("title"))), []).append(row)
    for exp in expected:

        def note(kind: str, detail: str, exp: Expected = exp) -> None:
            result.findings.append(Finding(kind, exp.report_id, exp.title, detail))

        rows = sorted(by_title.get((exp.company_id, title_key(exp.title)), []), key=lambda r: int(r["id"]))
        mine = local.get(exp.report_id)
        if mine is None or mine.state != "sent":
            result.stranded += 1
            note("stranded", f"outbox state {mine.state if mine else 'missing'}")
        if not rows:
            result.lost += 1
            note("lost", "no travel expense with this title in Tripletex")
            continue
        if len(rows) > 1:
            result.duplicates += len(rows) - 1
            note("duplicate", f"{len(rows)} travel expenses: ids {[r['id'] for r in rows]}")
        else:
            result.found_once += 1
        # the one the outbox adopted (else the oldest) is judged line by line; the others are duplicates
        adopted = next((r for r in rows if mine and int(r["id"]) == mine.tripletex_id), rows[0])
        te = int(adopted["id"])
        differs = _compare_lines(exp, adopted, view, te, note)
        result.lines_differ += differs[0]
        result.duplicate_lines += differs[1]
        if adopted.get("state") != exp.state:
            result.state_mismatches += 1
            note("state", f"Tripletex state {adopted.get('state')}, expected {exp.state}")
        if mine is not None and mine.state == "sent":
            if mine.tripletex_id != te:
                result.state_mismatches += 1
                note("state", f"outbox points at {mine.tripletex_id}, Tripletex holds it as {te}")
            elif mine.tripletex_state not in (None, adopted.get("state")):
                result.state_mismatches += 1
                note("state", f"outbox says {mine.tripletex_state}, Tripletex says {adopted.get('state')}")
    return result


def _compare_lines(exp: Expected, row: Json, view: TripletexView, te: int, note: Any) -> tuple[int, int]:
    """(lines that differ, of which extra lines) for one travel expense."""
    differ = extra_total = 0
    checks = (
        (
            "mileage",
            exp.mileage,
            [(str(r.get("date")), amount_text(r.get("km"))) for r in view.mileage.get(te, [])],
        ),
        ("per diem", exp.per_diem, [int(r.get("count") or 0) for r in view.per_diem.get(te, [])]),
        (
            "cost",
            exp.costs,
            [
                (amount_text(r.get("amountCurrencyIncVat")), _cost_text(r.get("comments") or ""))
                for r in view.costs.get(te, [])
            ],
        ),
    )
    for name, want, got in checks:
        missing, extra = _multiset_diff(
            [tuple(w) if isinstance(w, list) else w for w in want],
            got,
        )
        if missing:
            differ += sum(missing.values())
            note("line_missing", f"{name}: {sorted(missing.elements())}")
        if extra:
            differ += sum(extra.values())
            extra_total += sum(extra.values())
            note("line_extra", f"{name}: {sorted(extra.elements())}")
    attachments = int(row.get("attachmentCount") or 0)
    if attachments != exp.attachments:
        differ += abs(attachments - exp.attachments)
        extra_total += max(0, attachments - exp.attachments)
        note("attachments", f"{attachments} attachments, expected {exp.attachments}")
    return differ, extra_total


def _cost_text(comments: str) -> str:
    """The soak's own words of a cost's comment (the app may append its marker)."""
    start = comments.find("soak:")
    return comments[start:].split()[0] if start >= 0 else comments


def load_expected(path: Any) -> list[Expected]:
    """Expected reports from the soak's JSON record."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        Expected(
            **{
                **e,
                "mileage": tuple(tuple(m) for m in e["mileage"]),
                "per_diem": tuple(e["per_diem"]),
                "costs": tuple(tuple(c) for c in e["costs"]),
            }
        )
        for e in data
    ]
