"""What the setup wizard and `tripletex-desktop check` run (Qt-free): connect, confirm a client, load setup."""

from __future__ import annotations

from dataclasses import dataclass

from tripletex_desktop.core.api import TripletexClient
from tripletex_desktop.core.errors import ClientNotReachable, PermissionDenied
from tripletex_desktop.core.models import (
    OWN_COMPANY,
    ClientCompany,
    CostCategory,
    PaymentType,
    TravelExpenseSettings,
    WhoAmI,
)

__all__ = [
    "ClientNotReachable",
    "CompanySetup",
    "ConnectResult",
    "confirm_client",
    "connect",
    "load_company_setup",
]


@dataclass(frozen=True, slots=True)
class ConnectResult:
    """Who the token belongs to and which companies it reaches (real company ids)."""

    who: WhoAmI
    companies: tuple[ClientCompany, ...]
    is_accountant: bool

    def auth_id(self, company_id: int) -> int:
        """The Basic-auth username for `company_id`: 0 for a plain token's own company, else the id."""
        if not self.is_accountant and company_id == self.who.company_id:
            return OWN_COMPANY
        return company_id


@dataclass(frozen=True, slots=True)
class CompanySetup:
    """What the mapping page needs from one company."""

    cost_categories: tuple[CostCategory, ...]
    payment_types: tuple[PaymentType, ...]
    settings: TravelExpenseSettings


def connect(client: TripletexClient) -> ConnectResult:
    """Open the session, ask whoAmI, and list reachable companies.

    A plain token reaches its own company (id from whoAmI; username 0 in Basic auth). An accountant's
    token lists its clients through `/company/>withLoginAccess`; a plain token gets an empty list there
    (or only its own company, or a 403 — all treated as "not an accountant").
    """
    client.open_session()
    who = client.who_am_i(OWN_COMPANY)
    try:
        clients = client.companies_with_login_access()
    except PermissionDenied:
        clients = []
    others = [c for c in clients if c.id != who.company_id]
    if others:
        return ConnectResult(who=who, companies=tuple(clients), is_accountant=True)
    own = ClientCompany(id=who.company_id, name=who.company_name, organization_number=who.organization_number)
    return ConnectResult(who=who, companies=(own,), is_accountant=False)


def confirm_client(client: TripletexClient, company_id: int) -> WhoAmI:
    """whoAmI in the context of `company_id` (a Basic-auth id); it must answer for that very company."""
    try:
        who = client.who_am_i(company_id)
    except ClientNotReachable:
        raise
    except PermissionDenied as exc:
        raise ClientNotReachable(
            exc.detail,
            status=exc.status,
            tripletex_code=exc.tripletex_code,
            request_id=exc.request_id,
            method=exc.method,
            path=exc.path,
        ) from None
    if company_id != OWN_COMPANY and who.company_id != company_id:
        raise ClientNotReachable(f"whoAmI answered for company {who.company_id}, not {company_id}")
    return who


def load_company_setup(client: TripletexClient, company_id: int) -> CompanySetup:
    """Cost categories, payment types and travel settings of one company (`company_id` = Basic-auth id)."""
    company = client.company(company_id)
    return CompanySetup(
        cost_categories=company.cost_categories().values,
        payment_types=company.payment_types().values,
        settings=company.travel_expense_settings(),
    )
