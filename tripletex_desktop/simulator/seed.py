"""Deterministic Norwegian demo data: four companies, lookups, rate categories 2024-2026, scale generation."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from .store import CompanyData, Row, Table

YEARS = (2024, 2025, 2026)

# Rate categories (RATES.md §6-7): name, type, flags (dayTrip, accommodation, domestic, foreign, zone,
# overnight), rate per year (None = unknown, category left out that year); per diem gets 20/30/50 % deductions.
_PD, _MA, _AA = "PER_DIEM", "MILEAGE_ALLOWANCE", "ACCOMMODATION_ALLOWANCE"
RATE_CATEGORIES: tuple[tuple[str, str, tuple[bool, ...], tuple[float | None, ...]], ...] = (
    ("Dagsreise 6-12 timer - innland", _PD, (True, False, True, False, False, False), (369, 384, 397)),
    ("Dagsreise over 12 timer - innland", _PD, (True, False, True, False, False, False), (686, 713, 736)),
    ("Overnatting over 12 timer - innland", _PD, (False, True, True, False, False, True), (940, 977, 1012)),
    (
        "6-12 timer over helt døgn - innland (etter overnatting)",
        _PD,
        (False, True, True, False, False, True),
        (369, 384, 397),
    ),
    (
        "Over 12 timer over helt døgn - innland (etter overnatting)",
        _PD,
        (False, True, True, False, False, True),
        (686, 713, 736),
    ),
    ("Dagsreise 6-12 timer - utland", _PD, (True, False, False, True, True, False), (0.5, 0.5, 0.5)),
    ("Dagsreise over 12 timer - utland", _PD, (True, False, False, True, True, False), (1, 1, 1)),
    ("Overnatting over 12 timer - utland", _PD, (False, True, False, True, True, True), (1, 1, 1)),
    (
        "6-12 timer over helt døgn - utlandet (etter overnatting)",
        _PD,
        (False, True, False, True, True, True),
        (0.5, 0.5, 0.5),
    ),
    (
        "Over 12 timer over helt døgn - utlandet (etter overnatting)",
        _PD,
        (False, True, False, True, True, True),
        (1, 1, 1),
    ),
    ("Bil", _MA, (True, True, True, True, False, False), (4.90, 5.00, 5.30)),
    ("Bil - passasjertillegg", _MA, (True, True, True, True, False, False), (1, 1, 1)),
    ("Bil - tilhengertillegg", _MA, (True, True, True, True, False, False), (1, 1, 1)),
    ("Bil - tillegg skogs- og anleggsveier", _MA, (True, True, True, True, False, False), (1, 1, 1)),
    (
        "Bil - tillegg for frakt av utstyr og materiell",
        _MA,
        (True, True, True, True, False, False),
        (1, 1, 1),
    ),
    (
        "Tillegg ved fylling av drivstoff hvor bomavgift er inkludert",
        _MA,
        (True, True, True, True, False, False),
        (0.10, None, None),
    ),
    ("Motorsykkel opp til og med 125 ccm", _MA, (True, True, True, True, False, False), (2, 2, 2)),
    ("Motorsykkel - over 125 ccm", _MA, (True, True, True, True, False, False), (2.95, 2.95, 2.95)),
    ("Snøskuter og ATV (firehjuling)", _MA, (True, True, True, True, False, False), (10, 10, 10)),
    ("Båt med motor", _MA, (True, True, True, True, False, False), (7.5, 7.5, 7.5)),
    ("Andre motoriserte fremkomstmidler", _MA, (True, True, True, True, False, False), (2, 2, 2)),
    ("Ulegitimert - innland", _AA, (False, True, True, False, False, True), (435, 452, 452)),
)
_FLAGS = (
    "isValidDayTrip",
    "isValidAccommodation",
    "isValidDomestic",
    "isValidForeignTravel",
    "isRequiresZone",
    "isRequiresOvernightAccommodation",
)

# Zones: country code, zone name, continent, currency id. Foreign per diem "full" rates in NOK are
# ILLUSTRATIVE (the 2025/2026 state table was not available, RATES.md §5/§8); the utland categories
# above hold a factor of this full rate.
# Kosovo is a disabled zone ("Country not enabled for travel expense"); Iceland is enabled but has no rates.
ZONES: tuple[tuple[str, str, str, int, bool], ...] = (
    ("NO", "Norge", "Europa", 1, False),
    ("SE", "Sverige", "Europa", 5, False),
    ("DK", "Danmark", "Europa", 4, False),
    ("DE", "Tyskland", "Europa", 3, False),
    ("GB", "Storbritannia", "Europa", 6, False),
    ("US", "USA", "Nord-Amerika", 2, False),
    ("XK", "Kosovo", "Europa", 3, True),
    ("IS", "Island", "Europa", 1, False),
)
# Currencies with the ids the zones refer to (NOK is 1, as in Tripletex). `factor` is how many units a rate
# quotes (Norges Bank quotes SEK and DKK per 100); the fixed NOK rates are ILLUSTRATIVE.
CURRENCIES: tuple[tuple[int, str, str, int, float], ...] = (
    (1, "NOK", "Norske kroner", 1, 1.0),
    (2, "USD", "Amerikanske dollar", 1, 10.85),
    (3, "EUR", "Euro", 1, 11.62),
    (4, "DKK", "Danske kroner", 100, 155.78),
    (5, "SEK", "Svenske kroner", 100, 100.42),
    (6, "GBP", "Britiske pund", 1, 13.71),
)
FOREIGN_FULL_RATE: dict[str, tuple[int, int, int]] = {
    "SE": (953, 980, 1010),
    "DK": (1053, 1080, 1110),
    "DE": (1010, 1040, 1070),
    "GB": (1180, 1210, 1250),
    "US": (1230, 1260, 1300),
}

FIRST = (
    "Kari",
    "Ola",
    "Ingrid",
    "Lars",
    "Marte",
    "Jonas",
    "Sofie",
    "Henrik",
    "Nora",
    "Emil",
    "Ida",
    "Magnus",
    "Hanne",
    "Eirik",
    "Silje",
    "Anders",
    "Ragnhild",
    "Sindre",
    "Tone",
    "Vegard",
)
LAST = (
    "Nordmann",
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Jensen",
    "Karlsen",
    "Berg",
    "Haugen",
    "Hagen",
    "Eriksen",
    "Bakken",
    "Solberg",
    "Dahl",
    "Lie",
    "Moen",
)

# VAT types (the ids Tripletex uses; a company's VAT status decides which it may use): id, number, name, %.
VAT_TYPES: tuple[tuple[int, str, str, float], ...] = (
    (0, "0", "Ingen avgiftsbehandling", 0),
    (1, "1", "Fradrag inngående avgift, høy sats", 25),
    (11, "11", "Fradrag inngående avgift, middels sats", 15),
    (12, "13", "Fradrag inngående avgift, lav sats", 12),
)
# Cost categories: description, account, inactive, default VAT type id, VAT locked.
COST_CATEGORIES = (
    ("Bilgodtgjørelse", 7100, False, 0, True),
    ("Diett", 7150, False, 0, True),
    ("Hotell", 7140, False, 12, False),
    ("Parkering", 7140, False, 1, False),
    ("Bomavgift", 7140, False, 0, False),
    ("Taxi", 7140, False, 12, False),
    ("Fly", 7140, False, 12, False),
    ("Tog", 7140, False, 12, False),
    ("Kost", 7150, False, 11, False),
    ("Gammel bilgodtgjørelse", 7100, True, 0, True),
)
PAYMENT_TYPES = (("Privat utlegg", 2910, True), ("Firmakort", 2460, False))
ACCOUNTS = {
    7100: "Bilgodtgjørelse, oppgavepliktig",
    7140: "Reisekostnad, ikke oppgavepliktig",
    7150: "Diettkostnad, oppgavepliktig",
    2910: "Gjeld til ansatte",
    2460: "Firmakort",
}
STATE_NAMES = {
    "OPEN": "Åpen",
    "DELIVERED": "Levert",
    "APPROVED": "Godkjent",
    "REJECTED": "Avvist",
    "SALARY_PAID": "Utbetalt",
}


@dataclass
class Scale:
    """Extra generated data in Fjordlys Reiser AS (built lazily, so 100,000 rows cost little memory)."""

    employees: int = 0
    travel_expenses: int = 0
    projects: int = 0
    #: Extra client companies of the accounting office (demo-accountant), each with this many employees.
    clients: int = 0
    employees_per_client: int = 0


@dataclass
class TokenInfo:
    """An employee token the simulator knows."""

    token: str = field(repr=False)
    description: str = ""
    company_id: int = 0
    employee_id: int = 0
    permissions: set[str] = field(default_factory=set)
    clients: tuple[int, ...] = ()
    environment: str = "production"
    expired: bool = False
    id: int = 0


PERMISSION_KEYS = (
    "travel_settings",
    "travel_register",
    "travel_all",
    "project_info",
    "project_status",
    "project_settings",
    "project_all",
    "company_info",
    "employee_read",
)
#: entitlementId and Norwegian name per key (the ids are the simulator's own; Tripletex's are undocumented).
ENTITLEMENTS = {
    "travel_settings": (10, "Reiseregningsinnstillinger"),
    "travel_register": (11, "Å registrere reiseregninger og ansattutlegg"),
    "travel_all": (12, "Tilgang til alle reiseregninger/ansattutlegg (inkl. godkjenning) – Hele selskapet"),
    "project_info": (20, "Prosjektinformasjon"),
    "project_status": (21, "Prosjektstatus"),
    "project_settings": (22, "Prosjektinnstillinger"),
    "project_all": (23, "Full tilgang – Alle prosjekter – Hele selskapet"),
    "company_info": (30, "Full tilgang til selskapsinformasjon"),
    "employee_read": (31, "Lesetilgang til ansattinformasjon"),
}


class Ids:
    """One id sequence for every object (Tripletex ids are global too)."""

    def __init__(self, start: int = 10001) -> None:
        self._next = start

    def __call__(self) -> int:
        """The next id."""
        self._next += 1
        return self._next - 1

    @property
    def next(self) -> int:
        """The id the next call returns."""
        return self._next

    def advance_to(self, next_id: int) -> None:
        """Continue at `next_id` (never backwards: ids handed out stay unique)."""
        self._next = max(self._next, next_id)

    def reserve(self, count: int) -> int:
        """Reserve `count` consecutive ids; returns the first."""
        start = self._next
        self._next += count
        return start


def ref(id_: int | None) -> dict[str, int] | None:
    """A stored reference."""
    return None if id_ is None else {"id": id_}


def build_shared(ids: Ids) -> dict[str, Table]:
    """Rate categories, rates and zones (the same for every company)."""
    categories, rates, zones = Table(), Table(), Table()
    for code, name, continent, currency, disabled in ZONES:
        zid = ids()
        zones[zid] = {
            "id": zid,
            "version": 1,
            "countryCode": code,
            "zoneName": name,
            "governmentName": name,
            "continent": continent,
            "fromDate": "2024-01-01",
            "toDate": "2026-12-31",
            "currencyId": currency,
            "isDisabled": disabled,
        }
    for y, year in enumerate(YEARS):
        for name, kind, flags, per_year in RATE_CATEGORIES:
            value = per_year[y]
            if value is None:
                continue
            cid = ids()
            categories[cid] = {
                "id": cid,
                "version": 1,
                "name": name,
                "type": kind,
                "fromDate": f"{year}-01-01",
                "toDate": f"{year}-12-31",
                **dict(zip(_FLAGS, flags, strict=True)),
            }
            zoned = flags[4]
            zone_codes: tuple[str | None, ...] = tuple(FOREIGN_FULL_RATE) if zoned else (None,)
            for zone_code in zone_codes:
                amount = round(FOREIGN_FULL_RATE[zone_code][y] * value) if zone_code else value
                rid = ids()
                rate: Row = {"id": rid, "version": 1, "rateCategory": ref(cid), "rate": amount}
                if zone_code:
                    rate["zone"] = zone_code
                if kind == _PD:
                    rate |= {
                        "breakfastDeductionRate": _pct(amount, 20),
                        "lunchDeductionRate": _pct(amount, 30),
                        "dinnerDeductionRate": _pct(amount, 50),
                    }
                rates[rid] = rate
    currencies = Table()
    for cid, code, description, factor, _rate in CURRENCIES:
        currencies[cid] = {
            "id": cid,
            "version": 1,
            "code": code,
            "description": description,
            "factor": factor,
            "displayName": f"{code} {description}",
            "isDisabled": False,
        }
    vat_types = Table()
    for vid, number, name, percentage in VAT_TYPES:
        vat_types[vid] = {
            "id": vid,
            "version": 1,
            "number": number,
            "name": name,
            "displayName": f"{number} {name}",
            "percentage": percentage,
            "deductionPercentage": 100,
        }
    return {
        "rate_categories": categories,
        "rates": rates,
        "zones": zones,
        "currencies": currencies,
        "vat_types": vat_types,
    }


def currency_rate(currency_id: int) -> float | None:
    """The fixed NOK rate of one `factor` of the currency (None for an unknown id)."""
    return next((rate for cid, _c, _d, _f, rate in CURRENCIES if cid == currency_id), None)


def _pct(amount: float, percent: int) -> int:
    """Whole kroner, .5 rounded up (RATES.md §1.2)."""
    return int(amount * percent / 100 + 0.5)


@dataclass
class _CompanySeed:
    name: str
    org: str
    kind: str
    employees: tuple[tuple[str, str], ...]
    departments: tuple[tuple[str, str, bool], ...]
    projects: tuple[tuple[str, str, int, bool, bool], ...]  # number, name, manager index, closed, internal
    settings: dict[str, Any]
    accountant: bool = False
    #: Tripletex modules the company does not subscribe to (their reads answer 403/9000).
    inactive_modules: tuple[str, ...] = ()
    #: Employees (by index) with `allowInformationRegistration` false: they may not register travel expenses.
    no_registration: tuple[int, ...] = ()
    vat_status: str = "VAT_REGISTERED"


COMPANIES = (
    _CompanySeed(
        "Fjordlys Reiser AS",
        "912345688",
        "AS",
        tuple(zip(FIRST[:12], LAST[:12], strict=True)),
        (
            ("100", "Administrasjon", False),
            ("200", "Salg", False),
            ("300", "Reiseledelse", False),
            ("400", "Bergen (nedlagt)", True),
        ),
        (
            ("1001", "Kundetur Lofoten", 0, False, False),
            ("1002", "Messe Lillestrøm", 1, False, False),
            ("1003", "Nordkapp-sesongen 2025", 2, True, False),
            ("1004", "Intern opplæring", 3, False, True),
            ("1005", "Nytt bookingsystem", 0, False, True),
        ),
        {"canApproveOwnExpenses": False, "approvalRequired": True},
        no_registration=(11,),
    ),
    _CompanySeed(
        "Hansen Rørlegger",
        "998877660",
        "ENK",
        (("Per", "Hansen"),),
        (),
        (("1", "Baderom Storgata 5", 0, False, False),),
        {"canApproveOwnExpenses": True},
        vat_status="VAT_NOT_REGISTERED",  # an ENK under the VAT threshold
    ),
    _CompanySeed(
        "Nordlys Bakeri AS",
        "924578319",
        "AS",
        (("Eva", "Lund"), ("Tor", "Bakke"), ("Hilde", "Moen")),
        (("10", "Produksjon", False), ("20", "Butikk", False)),
        (("501", "Nytt utsalg Tromsø", 0, False, False),),
        {"mileageNotCompensated": True},
    ),
    _CompanySeed(
        "Tallknuser Regnskap AS",
        "918765433",
        "AS",
        (("Siri", "Tall"), ("Geir", "Tallaksen")),
        (("1", "Regnskap", False),),
        (),
        {"canApproveOwnExpenses": True},
        accountant=True,
    ),
    _CompanySeed(
        "Solsiden Kafé AS",
        "916000006",
        "AS",
        (("Lise", "Strand"), ("Jonas", "Vik")),
        (),
        (),
        {"canApproveOwnExpenses": True},
        inactive_modules=("project",),
    ),
)


def client_seed(n: int, employees: int) -> _CompanySeed:
    """The `n`-th generated client company of the accounting office (1-based): an AS with `employees`
    employees, two departments and one project; its organisation number is unique but not MOD11-checked."""
    people = tuple((FIRST[k % len(FIRST)], LAST[(k // len(FIRST) + n) % len(LAST)]) for k in range(employees))
    return _CompanySeed(
        f"Klient {n:03d} AS",
        f"8{n:08d}",
        "AS",
        people,
        (("1", "Drift", False), ("2", "Salg", False)),
        (("1", f"Oppdrag {n:03d}", 0, False, False),) if people else (),
        {"canApproveOwnExpenses": True},
    )


def build_company(ids: Ids, seed: _CompanySeed) -> CompanyData:
    """One company with employees, departments, projects and the travel lookups."""
    company = CompanyData(id=ids())
    company.company = {
        "id": company.id,
        "version": 1,
        "name": seed.name,
        "displayName": seed.name,
        "organizationNumber": seed.org,
        "type": seed.kind,
        "startDate": "2015-01-01",
        "email": f"post@{_slug(seed.name)}.no",
        "phoneNumber": "22 00 00 00",
        "accountantOrSimilar": seed.accountant,
    }
    company.inactive_modules = set(seed.inactive_modules)
    dept_ids = []
    for number, name, inactive in seed.departments:
        did = ids()
        dept_ids.append(did)
        company.departments[did] = {
            "id": did,
            "version": 1,
            "name": name,
            "departmentNumber": number,
            "displayName": f"{number} {name}",
            "isInactive": inactive,
        }
    emp_ids = []
    for n, (first, last) in enumerate(seed.employees):
        eid = ids()
        emp_ids.append(eid)
        company.employees[eid] = employee_row(
            eid,
            company.id,
            n + 1,
            first,
            last,
            _slug(seed.name),
            dept_ids[n % max(1, len(dept_ids) - 1)] if dept_ids else None,
        )
        if n in seed.no_registration:
            company.employees[eid] = {**company.employees[eid], "allowInformationRegistration": False}
    if dept_ids:
        for did, manager in zip(dept_ids, itertools.cycle(emp_ids), strict=False):
            company.departments[did] = {**company.departments[did], "departmentManager": ref(manager)}
    for number, name, manager, closed, internal in seed.projects:
        pid = ids()
        company.projects[pid] = project_row(
            pid, number, name, emp_ids[manager], closed, internal, dept_ids[0] if dept_ids else None
        )
    accounts = company.table("accounts")
    for account_number, name in ACCOUNTS.items():
        aid = ids()
        accounts[aid] = {
            "id": aid,
            "version": 1,
            "number": account_number,
            "name": name,
            "displayName": f"{account_number} {name}",
        }
    account_id = {row["number"]: row["id"] for row in accounts.values()}
    for n, (description, account, inactive, vat_type, vat_locked) in enumerate(COST_CATEGORIES):
        cid = ids()
        company.cost_categories[cid] = {
            "id": cid,
            "version": 1,
            "description": description,
            "displayName": description,
            "account": ref(account_id[account]),
            "vatType": ref(vat_type),
            "isVatLocked": vat_locked,
            "showOnTravelExpenses": True,
            "showOnEmployeeExpenses": description not in ("Bilgodtgjørelse", "Diett"),
            "isInactive": inactive,
            "sequence": n + 1,
        }
    for description, account, _private in PAYMENT_TYPES:
        tid = ids()
        company.payment_types[tid] = {
            "id": tid,
            "version": 1,
            "description": description,
            "displayName": description,
            "account": ref(account_id[account]),
            "showOnTravelExpenses": True,
            "showOnEmployeeExpenses": True,
            "isInactive": False,
        }
    company.settings = {
        "id": ids(),
        "version": 1,
        "useRates": True,
        "approvalRequired": False,
        "taxFreePerDiemRates": False,
        "taxFreeMileageRates": 0,
        "perDiemNotCompensated": False,
        "accommodationNotCompensated": False,
        "mileageNotCompensated": False,
        "canApproveOwnExpenses": False,
        **seed.settings,
    }
    company.vat_settings = {"id": ids(), "version": 1, "vatRegistrationStatus": seed.vat_status}
    company.project_settings = {
        "approveHourLists": False,
        "approveInvoices": False,
        "projectForecast": False,
        "autoGenerateProjectNumber": True,
        "autoGenerateStartingNumber": 1,
        "projectNameScheme": "NAME_STANDARD",
        "onlyProjectMembersCanRegisterInfo": False,
    }
    company.revision = 0
    return company


def employee_row(
    eid: int, company_id: int, number: int, first: str, last: str, domain: str, department_id: int | None
) -> Row:
    """An Employee as stored."""
    row: Row = {
        "id": eid,
        "version": 1,
        "firstName": first,
        "lastName": last,
        "displayName": f"{first} {last}",
        "employeeNumber": str(number),
        "email": f"{_slug(first)}.{_slug(last)}{_suffix(number)}@{domain}.no",
        "userType": "EXTENDED" if number == 1 else "STANDARD",
        "allowInformationRegistration": True,
        "isContact": False,
        "isProxy": False,
        "companyId": company_id,
    }
    if department_id is not None:
        row["department"] = ref(department_id)
    return row


def project_row(
    pid: int, number: str, name: str, manager: int, closed: bool, internal: bool, department: int | None
) -> Row:
    """A Project as stored (`accessType` is added per viewer)."""
    row: Row = {
        "id": pid,
        "version": 1,
        "name": name,
        "number": number,
        "displayName": f"{number} {name}",
        "projectManager": ref(manager),
        "startDate": "2025-01-01",
        "isClosed": closed,
        "isInternal": internal,
        "isOffer": False,
        "isFixedPrice": False,
    }
    if closed:
        row["endDate"] = "2025-12-31"
    if department is not None:
        row["department"] = ref(department)
    return row


def _suffix(number: int) -> str:
    return "" if number <= 20 else str(number)


def _slug(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a", " ": "", ".": ""})
    return text.lower().translate(table)


def scale_company(ids: Ids, company: CompanyData, scale: Scale) -> None:
    """Add lazily generated employees, projects and travel expenses to `company`."""
    domain = _slug(company.company["name"])
    seeded_emps = list(company.employees)
    departments: list[int | None] = [
        d for d, row in company.departments.items() if not row.get("isInactive")
    ] or [None]
    if scale.employees:
        start = ids.reserve(scale.employees)
        base = len(seeded_emps)

        def make_employee(eid: int) -> Row:
            n = eid - start
            return employee_row(
                eid,
                company.id,
                base + n + 1,
                FIRST[n % len(FIRST)],
                LAST[(n // len(FIRST)) % len(LAST)],
                domain,
                departments[n % len(departments)],
            )

        company.employees.generate(start, scale.employees, make_employee)
    all_emps = list(company.employees) if scale.employees < 1000 else None
    emp_start, emp_count = (start, scale.employees) if scale.employees else (0, 0)

    def employee_at(n: int) -> int:
        if all_emps is not None:
            return all_emps[n % len(all_emps)]
        total = len(seeded_emps) + emp_count
        k = n % total
        return seeded_emps[k] if k < len(seeded_emps) else emp_start + k - len(seeded_emps)

    if scale.projects:
        pstart = ids.reserve(scale.projects)

        def make_project(pid: int) -> Row:
            n = pid - pstart
            return project_row(
                pid,
                str(20000 + n),
                f"Prosjekt {20000 + n}",
                employee_at(n),
                n % 10 == 9,
                False,
                departments[n % len(departments)],
            )

        company.projects.generate(pstart, scale.projects, make_project)
    if scale.travel_expenses:
        tstart = ids.reserve(scale.travel_expenses)
        states = ("APPROVED", "APPROVED", "DELIVERED", "OPEN")

        def make_expense(tid: int) -> Row:
            n = tid - tstart
            day = 1 + n % 28
            month = 1 + (n // 28) % 12
            year = YEARS[(n // 336) % len(YEARS)]
            departure = f"{year}-{month:02d}-{day:02d}"
            return travel_expense_row(
                tid,
                1000 + n,
                employee_at(n),
                f"Reise {n + 1}",
                states[n % 4],
                {
                    "isForeignTravel": False,
                    "isDayTrip": True,
                    "isCompensationFromRates": True,
                    "departureDate": departure,
                    "returnDate": departure,
                    "departureFrom": "Oslo",
                    "destination": "Drammen",
                    "departureTime": "08:00",
                    "returnTime": "17:00",
                    "purpose": "Kundebesøk",
                },
            )

        company.travel_expenses.generate(tstart, scale.travel_expenses, make_expense)
    company.revision = 0


def travel_expense_row(
    tid: int,
    number: int,
    employee: int,
    title: str,
    state: str,
    details: dict[str, Any] | None,
    *,
    project: int | None = None,
    department: int | None = None,
) -> Row:
    """A TravelExpense as stored (line lists empty; `actions` are added per viewer)."""
    date = details["departureDate"] if details else "2026-01-01"
    row: Row = {
        "id": tid,
        "version": 1,
        "employee": ref(employee),
        "title": title,
        "state": state,
        "stateName": STATE_NAMES[state],
        "isCompleted": state != "OPEN",
        "isApproved": state == "APPROVED",
        "date": date,
        "number": number,
        "numberAsString": str(number),
        "displayName": f"{number} {title}",
        "displayNameWithoutNumber": title,
        "isChargeable": False,
        "isFixedInvoicedAmount": False,
        "isMarkupInvoicedPercent": False,
        "isIncludeAttachedReceiptsWhenReinvoicing": False,
        "amount": 0,
        "paymentAmount": 0,
        "chargeableAmount": 0,
        "travelAdvance": 0,
        "perDiemCompensations": [],
        "mileageAllowances": [],
        "accommodationAllowances": [],
        "costs": [],
        "attachmentCount": 0,
    }
    if details is not None:
        row["travelDetails"] = details
    if state != "OPEN":
        row["completedDate"] = date
        row["completedBy"] = ref(employee)
    if project is not None:
        row["project"] = ref(project)
    if department is not None:
        row["department"] = ref(department)
    return row
