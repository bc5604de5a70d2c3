"""What a column can mean (ImportField), the Norwegian and English headers that name it, and the mapping."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from tripletex_desktop.core.rates import normalise_name


class ImportField(StrEnum):
    """What a column can mean."""

    TRIP = "trip"
    EMPLOYEE = "employee"
    DATE = "date"
    DEPARTURE_TIME = "departure_time"
    RETURN_DATE = "return_date"
    RETURN_TIME = "return_time"
    FROM = "from"
    TO = "to"
    KM = "km"
    PURPOSE = "purpose"
    TITLE = "title"
    TOLL = "toll"
    PASSENGERS = "passengers"
    COMPANY_CAR = "company_car"
    LODGING = "lodging"
    BREAKFAST = "breakfast"
    LUNCH = "lunch"
    DINNER = "dinner"
    COUNTRY = "country"
    CATEGORY = "category"
    AMOUNT = "amount"
    CURRENCY = "currency"
    PAYMENT = "payment"
    RECEIPT = "receipt"
    COMMENT = "comment"


class Need(StrEnum):
    """How much a column is needed (shown in the dialog's format help)."""

    #: every file needs it
    REQUIRED = "required"
    #: unless an employee is chosen for the whole file
    EMPLOYEE = "employee"
    #: rows with a trip or a drive need it (from/to)
    TRIP = "trip"
    #: cost rows need it (category, amount)
    COST = "cost"
    OPTIONAL = "optional"


#: How much each field is needed; the order is the order of the format help and of the templates.
FIELD_NEED: dict[ImportField, Need] = {
    ImportField.TRIP: Need.OPTIONAL,
    ImportField.EMPLOYEE: Need.EMPLOYEE,
    ImportField.DATE: Need.REQUIRED,
    ImportField.DEPARTURE_TIME: Need.OPTIONAL,
    ImportField.RETURN_DATE: Need.OPTIONAL,
    ImportField.RETURN_TIME: Need.OPTIONAL,
    ImportField.FROM: Need.TRIP,
    ImportField.TO: Need.TRIP,
    ImportField.KM: Need.OPTIONAL,
    ImportField.PURPOSE: Need.OPTIONAL,
    ImportField.TITLE: Need.OPTIONAL,
    ImportField.TOLL: Need.OPTIONAL,
    ImportField.PASSENGERS: Need.OPTIONAL,
    ImportField.COMPANY_CAR: Need.OPTIONAL,
    ImportField.LODGING: Need.OPTIONAL,
    ImportField.BREAKFAST: Need.OPTIONAL,
    ImportField.LUNCH: Need.OPTIONAL,
    ImportField.DINNER: Need.OPTIONAL,
    ImportField.COUNTRY: Need.OPTIONAL,
    ImportField.CATEGORY: Need.COST,
    ImportField.AMOUNT: Need.COST,
    ImportField.CURRENCY: Need.OPTIONAL,
    ImportField.PAYMENT: Need.OPTIONAL,
    ImportField.RECEIPT: Need.OPTIONAL,
    ImportField.COMMENT: Need.OPTIONAL,
}

#: Normalised header words -> field. Exact matches win over a header that starts with a synonym ("Km kjørt",
#: "Dato reise"), which wins over one that ends with it; within each pass the fields are tried in this order.
HEADER_SYNONYMS: dict[ImportField, tuple[str, ...]] = {
    ImportField.TRIP: (
        "reise",
        "reise nr",
        "reisenr",
        "reisenummer",
        "reise id",
        "reiseid",
        "tur",
        "turnr",
        "trip",
        "trip id",
        "trip no",
        "trip number",
        "journey",
    ),
    ImportField.RETURN_DATE: (
        "til dato",
        "returdato",
        "hjemkomstdato",
        "sluttdato",
        "dato til",
        "return date",
        "end date",
        "date to",
        "to date",
    ),
    ImportField.DEPARTURE_TIME: (
        "avreise",
        "fra kl",
        "fra klokkeslett",
        "kl fra",
        "starttid",
        "start",
        "avreisetid",
        "avreise kl",
        "departure",
        "departure time",
        "start time",
        "time from",
    ),
    ImportField.RETURN_TIME: (
        "retur",
        "til kl",
        "til klokkeslett",
        "kl til",
        "sluttid",
        "slutt",
        "hjemkomst",
        "hjemkomst kl",
        "return",
        "return time",
        "end time",
        "time to",
    ),
    ImportField.DATE: (
        "dato",
        "date",
        "reisedato",
        "kjoredato",
        "fra dato",
        "avreisedato",
        "startdato",
        "dato fra",
        "kostnadsdato",
        "utleggsdato",
        "start date",
        "date from",
        "from date",
        "day",
    ),
    ImportField.FROM: ("fra", "from", "fra sted", "startsted", "avreisested", "origin", "start location"),
    ImportField.TO: (
        "til",
        "to",
        "til sted",
        "destinasjon",
        "reisemal",
        "bestemmelsessted",
        "destination",
        "end location",
    ),
    ImportField.KM: (
        "km",
        "antall km",
        "kilometer",
        "kilometre",
        "distanse",
        "distance",
        "kjorte km",
        "kms",
        "km kjort",
    ),
    ImportField.EMPLOYEE: (
        "ansatt",
        "ansattnummer",
        "ansattnr",
        "ansatt nr",
        "employee",
        "employee number",
        "employee no",
        "e-post",
        "epost",
        "email",
        "e-mail",
        "navn",
        "name",
        "sjafor",
        "driver",
        "reisende",
        "traveller",
        "traveler",
    ),
    ImportField.PURPOSE: ("formal", "reiseformal", "purpose", "arsak", "oppdrag", "purpose of trip"),
    ImportField.TITLE: ("tittel", "title", "reiseregning", "overskrift"),
    ImportField.TOLL: ("bom", "bompenger", "bomavgift", "toll", "tolls", "road toll"),
    ImportField.PASSENGERS: ("passasjerer", "antall passasjerer", "passengers", "passasjer"),
    ImportField.COMPANY_CAR: ("firmabil", "company car", "yrkesbil"),
    ImportField.LODGING: (
        "overnatting",
        "overnattingstype",
        "losji",
        "innkvartering",
        "lodging",
        "accommodation",
        "overnight",
    ),
    ImportField.BREAKFAST: ("frokost", "frokost dekket", "breakfast", "breakfast provided"),
    ImportField.LUNCH: ("lunsj", "lunch", "lunsj dekket", "lunch provided"),
    ImportField.DINNER: ("middag", "middag dekket", "dinner", "dinner provided"),
    ImportField.COUNTRY: ("land", "country", "reiseland", "landkode", "country code"),
    ImportField.CATEGORY: (
        "kostnadstype",
        "kostnad",
        "utgiftstype",
        "kategori",
        "utlegg",
        "utleggstype",
        "cost type",
        "cost category",
        "category",
        "expense type",
        "expense",
    ),
    ImportField.AMOUNT: (
        "belop",
        "belop inkl mva",
        "sum",
        "amount",
        "amount incl vat",
        "pris",
        "kostnad kr",
        "kr",
    ),
    ImportField.CURRENCY: ("valuta", "currency", "valutakode", "currency code"),
    ImportField.PAYMENT: ("betalingsmate", "betalt med", "betaling", "payment", "payment type", "paid with"),
    ImportField.RECEIPT: (
        "kvittering",
        "kvitteringsfil",
        "vedlegg",
        "bilag",
        "receipt",
        "attachment",
        "file",
    ),
    ImportField.COMMENT: ("kommentar", "beskrivelse", "merknad", "notat", "comment", "description", "note"),
}


def normalise_header(header: str) -> str:
    """Accents and case folded, punctuation to single spaces."""
    return re.sub(r"[^a-z0-9@-]+", " ", normalise_name(header)).strip(" -")


#: match passes: the whole header, a header starting with a synonym ("Km kjørt"), one ending with it
_PASSES = ("exact", "prefix", "suffix")


def _matches(header: str, synonym: str, how: str) -> bool:
    if how == "exact":
        return header == synonym
    if how == "prefix":
        return header.startswith(synonym + " ")
    return header.endswith(" " + synonym)


def field_of_header(header: str) -> ImportField | None:
    """The field a single header names by itself (exact synonym first, then a loose match), or None."""
    normalised = normalise_header(header)
    if not normalised:
        return None
    for how in _PASSES:
        for target, synonyms in HEADER_SYNONYMS.items():
            if any(_matches(normalised, s, how) for s in synonyms):
                return target
    return None


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Target field -> column header (exactly as in the file)."""

    columns: Mapping[str, str] = field(default_factory=dict)

    def header_for(self, target: ImportField) -> str | None:
        """The mapped header, or None."""
        return self.columns.get(target.value)

    def to_dict(self) -> dict[str, str]:
        """For persisting per layout key."""
        return dict(self.columns)

    @classmethod
    def from_dict(cls, data: Mapping[str, str]) -> ColumnMapping:
        """From a persisted dict; unknown fields are dropped."""
        known = {f.value for f in ImportField}
        return cls({k: v for k, v in data.items() if k in known})


def layout_key(headers: Sequence[str]) -> str:
    """A stable hash of the normalised headers, so a mapping is remembered per file layout."""
    joined = "\x1f".join(normalise_header(h) for h in headers)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def suggest_mapping(headers: Sequence[str]) -> ColumnMapping:
    """Map headers to fields by Norwegian/English names; each header and each field used at most once."""
    normalised = [normalise_header(h) for h in headers]
    chosen: dict[str, str] = {}
    used: set[int] = set()
    for how in _PASSES:
        for target, synonyms in HEADER_SYNONYMS.items():
            if target.value in chosen:
                continue
            for synonym in synonyms:
                index = next(
                    (
                        i
                        for i, h in enumerate(normalised)
                        if i not in used and h and _matches(h, synonym, how)
                    ),
                    None,
                )
                if index is not None:
                    chosen[target.value] = headers[index]
                    used.add(index)
                    break
    return ColumnMapping(chosen)


def header_score(row: Sequence[object]) -> int:
    """How many different fields the cells of `row` name (a header row names two or more)."""
    found = {
        target
        for cell in row
        if isinstance(cell, str) and len(cell) <= 60
        for target in (field_of_header(cell),)
        if target is not None
    }
    return len(found)
