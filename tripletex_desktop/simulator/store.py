"""In-memory tables: explicit rows plus an optional lazily generated id range (for the scale knob)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass, field
from typing import Any

Row = dict[str, Any]


class Table(MutableMapping[int, Row]):
    """Rows keyed by id, iterated in id order; generated rows are built on access and never cached.

    Reading a generated row returns a fresh dict: write it back (`table[id] = row`) to keep a change.
    Every write bumps the owner's revision (used for list checksums).
    """

    def __init__(self, on_change: Callable[[], None] = lambda: None) -> None:
        self._rows: dict[int, Row] = {}
        self._gen: tuple[int, int, Callable[[int], Row]] | None = None
        self._over: dict[int, Row] = {}
        self._deleted: set[int] = set()
        self._on_change = on_change

    def generate(self, start: int, count: int, make: Callable[[int], Row]) -> None:
        """Serve ids [start, start+count) from `make(id)` until written."""
        self._gen = (start, count, make)

    def _in_gen(self, key: int) -> bool:
        return self._gen is not None and self._gen[0] <= key < self._gen[0] + self._gen[1]

    def __getitem__(self, key: int) -> Row:
        if self._in_gen(key):
            if key in self._deleted:
                raise KeyError(key)
            row = self._over.get(key)
            return row if row is not None else self._gen[2](key)  # type: ignore[index]
        return self._rows[key]

    def __contains__(self, key: object) -> bool:
        if isinstance(key, int) and self._in_gen(key):
            return key not in self._deleted
        return key in self._rows

    def __setitem__(self, key: int, row: Row) -> None:
        if self._in_gen(key):
            self._over[key] = row
            self._deleted.discard(key)
        else:
            self._rows[key] = row
        self._on_change()

    def __delitem__(self, key: int) -> None:
        if self._in_gen(key):
            if key in self._deleted:
                raise KeyError(key)
            self._deleted.add(key)
            self._over.pop(key, None)
        else:
            del self._rows[key]
        self._on_change()

    def __iter__(self) -> Iterator[int]:
        if self._gen is None:
            yield from self._rows
            return
        start, count, _ = self._gen
        yield from (k for k in self._rows if k < start)
        yield from (k for k in range(start, start + count) if k not in self._deleted)
        yield from (k for k in self._rows if k >= start + count)

    def __len__(self) -> int:
        return len(self._rows) + (self._gen[1] - len(self._deleted) if self._gen else 0)

    def rows(self) -> Iterator[Row]:
        """All rows in id order."""
        return (self[k] for k in self)

    def page(self, start: int, count: int) -> list[Row]:
        """Rows [start, start+count) in id order without building the ones before."""
        return [self[k] for k in itertools.islice(iter(self), start, start + count)]


@dataclass
class CompanyData:
    """One Tripletex company: its objects, keyed by id, plus settings."""

    id: int
    revision: int = 0
    company: Row = field(default_factory=dict)
    settings: Row = field(default_factory=dict)
    project_settings: Row = field(default_factory=dict)
    #: `GET /ledger/vatSettings`: {"vatRegistrationStatus": VAT_REGISTERED, VAT_NOT_REGISTERED, ...}
    vat_settings: Row = field(default_factory=dict)
    tables: dict[str, Table] = field(default_factory=dict)
    #: Tripletex modules the company does not have ("project"): every read of theirs answers 403/9000.
    inactive_modules: set[str] = field(default_factory=set)

    def table(self, name: str) -> Table:
        """The table `name`, created on first use."""
        if name not in self.tables:
            self.tables[name] = Table(self.touch)
        return self.tables[name]

    def touch(self) -> None:
        """Note a change (list checksums change with it)."""
        self.revision += 1

    @property
    def employees(self) -> Table:
        """Employees by id."""
        return self.table("employees")

    @property
    def departments(self) -> Table:
        """Departments by id."""
        return self.table("departments")

    @property
    def projects(self) -> Table:
        """Projects by id."""
        return self.table("projects")

    @property
    def travel_expenses(self) -> Table:
        """Travel expenses (reports and employee expenses) by id."""
        return self.table("travel_expenses")

    @property
    def mileage_allowances(self) -> Table:
        """Mileage allowance lines by id."""
        return self.table("mileage_allowances")

    @property
    def per_diem_compensations(self) -> Table:
        """Per diem lines by id."""
        return self.table("per_diem_compensations")

    @property
    def accommodation_allowances(self) -> Table:
        """Accommodation allowance lines by id."""
        return self.table("accommodation_allowances")

    @property
    def costs(self) -> Table:
        """Cost lines by id."""
        return self.table("costs")

    @property
    def attachments(self) -> Table:
        """Attachments by id: Document fields plus `travelExpenseId` and `data` (bytes)."""
        return self.table("attachments")

    @property
    def cost_categories(self) -> Table:
        """Travel cost categories by id."""
        return self.table("cost_categories")

    @property
    def payment_types(self) -> Table:
        """Travel payment types by id."""
        return self.table("payment_types")
