"""The national tables: rate categories, rates and travel zones, read once per connection and sync.

Tripletex's rates are the state's (særavtale) rates, and their ids are the same in every company (NM-STD
production notes, REAL-API-EVIDENCE F5); unfiltered, `GET /travelExpense/rate` returns 10,000+ rows. So a sync
reads them once per connection, in the context of its first company, filtered to the dates in use, and
stores them under `NATIONAL_COMPANY_ID`; every company of the connection plans its reports from them.
This is the one place that decides what is national and for which dates it is read.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from tripletex_desktop.core.models import ListPage, Rate, RateCategory, TravelZone
from tripletex_desktop.core.sync.report import Entity

#: The `company_id` the national tables are stored under (no Tripletex company has id 0).
NATIONAL_COMPANY_ID = 0
#: Pulled once per connection, in this order.
NATIONAL_ENTITIES: tuple[Entity, ...] = (Entity.RATE_CATEGORIES, Entity.RATES, Entity.ZONES)
#: National lists whose digest is worth keeping: rate categories (~459) and zones fit in one page, but
#: rates span many pages, whose digest the client never keeps, so they are read without `If-None-Match`.
CHECKSUMMED: frozenset[Entity] = frozenset({Entity.RATE_CATEGORIES, Entity.ZONES})


def default_rate_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """1 January last year to 31 December next year: what reports being written now can use."""
    return dt.date(today.year - 1, 1, 1), dt.date(today.year + 1, 12, 31)


class NationalReader(Protocol):
    """The national lists' reads of a company client (core.api.CompanyClient fits)."""

    def rate_categories(
        self,
        *,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        if_none_match: str | None = None,
    ) -> ListPage[RateCategory]:
        """Rate categories valid in [date_from, date_to)."""
        ...

    def rates(self, *, date_from: dt.date | None = None, date_to: dt.date | None = None) -> ListPage[Rate]:
        """Rates valid in [date_from, date_to) (no checksum: many pages)."""
        ...

    def zones(self, *, if_none_match: str | None = None) -> ListPage[TravelZone]:
        """Travel expense zones."""
        ...


def read_national(
    client: NationalReader, entity: Entity, period: tuple[dt.date, dt.date], digest: str | None
) -> ListPage[RateCategory] | ListPage[Rate] | ListPage[TravelZone]:
    """One national list from Tripletex (`ListPage`): categories and rates valid in `period`, every zone."""
    first, last = period
    until = last + dt.timedelta(days=1)  # `dateTo` is exclusive
    if entity is Entity.RATE_CATEGORIES:
        return client.rate_categories(date_from=first, date_to=until, if_none_match=digest)
    if entity is Entity.RATES:
        return client.rates(date_from=first, date_to=until)
    if entity is Entity.ZONES:
        return client.zones(if_none_match=digest)
    raise ValueError(f"{entity} is not a national table")
