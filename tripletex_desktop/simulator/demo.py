"""The demo: tokens the simulator accepts out of the box, and the travel expenses the demo companies start with."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .domain import set_state
from .seed import ref
from .store import CompanyData
from .world import World

DEMO_CONSUMER_TOKEN = "demo-consumer"
DEMO_BASE_URL = "http://simulator.tripletex-desktop.invalid/v2"
DEMO_TOKENS: dict[str, str] = {
    "demo-all": "Kari Nordmann, Fjordlys Reiser AS (AS): all permissions",
    "demo-limited": "Ola Hansen, Fjordlys Reiser AS: travel_all, project_settings and employee_read missing",
    "demo-enk": "Per Hansen, Hansen Rørlegger (ENK, one employee): all permissions",
    "demo-accountant": "Siri Tall, Tallknuser Regnskap AS (accounting office): 3 clients, all permissions",
    "demo-expired": "An expired token of Kari Nordmann: session creation fails with 401",
    "demo-noproject": "Lise Strand, Solsiden Kafé AS: no project module (every project read answers 403)",
    "test-demo": "A test-environment token: session creation here fails with 422 (wrong environment)",
}


def seed_travel(world: World, fjordlys: CompanyData, hansen: CompanyData, nordlys: CompanyData) -> None:
    """The demo travel expenses: open, delivered and approved reports with lines, in three companies."""
    f_emp, f_proj = list(fjordlys.employees), list(fjordlys.projects)
    rates = {
        (
            world.shared["rate_categories"][r["rateCategory"]["id"]]["name"],
            world.shared["rate_categories"][r["rateCategory"]["id"]]["fromDate"][:4],
            r.get("zone"),
        ): rid
        for rid, r in world.shared["rates"].items()
    }
    cats = {c["description"]: cid for cid, c in fjordlys.cost_categories.items()}
    pays = {p["description"]: pid for pid, p in fjordlys.payment_types.items()}

    def details(dep: str, ret: str, purpose: str, dest: str, day_trip: bool = False) -> dict[str, Any]:
        return {
            "isForeignTravel": False,
            "isDayTrip": day_trip,
            "isCompensationFromRates": True,
            "departureDate": dep,
            "returnDate": ret,
            "departureFrom": "Oslo",
            "destination": dest,
            "departureTime": "08:00",
            "returnTime": "18:00",
            "purpose": purpose,
            "detailedJourneyDescription": f"Oslo – {dest} – Oslo",
        }

    def mileage(day: str, km: float, dest: str) -> tuple[str, dict[str, Any]]:
        return "mileageAllowance", {
            "rateType": ref(rates[("Bil", day[:4], None)]),
            "date": day,
            "km": km,
            "departureLocation": "Oslo",
            "destination": dest,
        }

    def per_diem(name: str, year: str, count: int) -> tuple[str, dict[str, Any]]:
        return "perDiemCompensation", {
            "rateType": ref(rates[(name, year, None)]),
            "count": count,
            "location": "Norge",
            "overnightAccommodation": "NONE" if name.startswith("Dagsreise") else "HOTEL",
        }

    def cost(
        category: str,
        amount: float,
        day: str,
        payment: str = "Privat utlegg",
        company: CompanyData = fjordlys,
    ) -> tuple[str, dict[str, Any]]:
        c = {r["description"]: i for i, r in company.cost_categories.items()}[category]
        p = {r["description"]: i for i, r in company.payment_types.items()}[payment]
        return "cost", {
            "costCategory": ref(c),
            "paymentType": ref(p),
            "amountCurrencyIncVat": amount,
            "date": day,
            "comments": category,
        }

    # The ENK's owner has one open report of his own: an accountant sees another employee's report there
    # (travel_all granted), while his own token sees only his own (inconclusive: nobody else to see).
    del cats, pays
    plan: list[
        tuple[
            CompanyData,
            int,
            str,
            str,
            dict[str, Any] | None,
            list[tuple[str, dict[str, Any]]],
            int | None,
        ]
    ] = [
        (
            fjordlys,
            f_emp[0],
            "Kundemøte Bergen",
            "APPROVED",
            details("2026-03-10", "2026-03-12", "Kundemøte", "Bergen"),
            [
                mileage("2026-03-10", 42, "Gardermoen"),
                per_diem("Overnatting over 12 timer - innland", "2026", 2),
                cost("Fly", 2450, "2026-03-10"),
                cost("Hotell", 3180, "2026-03-12", "Firmakort"),
            ],
            f_proj[0],
        ),
        (
            fjordlys,
            f_emp[1],
            "Messe Lillestrøm",
            "DELIVERED",
            details("2026-05-04", "2026-05-04", "Messe", "Lillestrøm", True),
            [mileage("2026-05-04", 36, "Lillestrøm"), cost("Parkering", 180, "2026-05-04")],
            f_proj[1],
        ),
        (
            fjordlys,
            f_emp[2],
            "Befaring Lofoten",
            "OPEN",
            details("2026-06-15", "2026-06-18", "Befaring", "Svolvær"),
            [per_diem("Overnatting over 12 timer - innland", "2026", 3), cost("Fly", 3890, "2026-06-15")],
            f_proj[0],
        ),
        (fjordlys, f_emp[3], "Taxi til flyplass", "OPEN", None, [cost("Taxi", 640, "2026-02-02")], None),
        (
            hansen,
            list(hansen.employees)[0],
            "Materialhenting Drammen",
            "OPEN",
            details("2026-10-14", "2026-10-14", "Materialhenting", "Drammen", True),
            [cost("Parkering", 120, "2026-10-14", company=hansen)],
            None,
        ),
        (
            fjordlys,
            f_emp[0],
            "Planlegging Tromsø",
            "OPEN",
            details("2026-11-02", "2026-11-03", "Planlegging", "Tromsø"),
            [],
            f_proj[4],
        ),
        (
            fjordlys,
            f_emp[4],
            "Guidekurs Trondheim",
            "APPROVED",
            details("2025-09-01", "2025-09-02", "Kurs", "Trondheim"),
            [per_diem("Overnatting over 12 timer - innland", "2025", 1), cost("Tog", 1299, "2025-09-01")],
            f_proj[3],
        ),
        (
            fjordlys,
            f_emp[5],
            "Nordkapp-tur",
            "APPROVED",
            details("2025-07-07", "2025-07-07", "Guiding", "Honningsvåg", True),
            [
                mileage("2025-07-07", 120, "Nordkapp"),
                per_diem("Dagsreise over 12 timer - innland", "2025", 1),
            ],
            f_proj[2],
        ),
        (
            nordlys,
            list(nordlys.employees)[1],
            "Leverandørbesøk Bodø",
            "DELIVERED",
            details("2026-08-11", "2026-08-12", "Leverandørbesøk", "Bodø"),
            [cost("Hotell", 1690, "2026-08-11", company=nordlys)],
            None,
        ),
    ]
    for company, employee, title, state, travel, lines, project in plan:
        report = world._new_report(
            company, employee, title, travel, project, date=None if travel else lines[0][1]["date"]
        )
        for kind, body in lines:
            world._add_line(company, report["id"], kind, body)
        report = company.travel_expenses[report["id"]]
        if state != "OPEN":
            report = set_state(report, "DELIVERED", employee, dt.date.fromisoformat(report["date"]))
        if state == "APPROVED":
            report = set_state(
                report, "APPROVED", list(company.employees)[0], dt.date.fromisoformat(report["date"])
            )
        company.travel_expenses[report["id"]] = {**report, "version": 1}
        company.revision = 0
