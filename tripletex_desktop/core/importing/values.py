"""Cell values as Norwegians and Excel write them: numbers, dates, times, yes/no, lodging, countries."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from tripletex_desktop.core.rates import normalise_name
from tripletex_desktop.core.travel import Accommodation

_EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def parse_decimal(value: object) -> Decimal:
    """Norwegian and English number text ("1 234,5", "12,50", "1.234,50", "1,234.50", "42 km") or a number."""
    if isinstance(value, bool):
        raise ValueError("bool")
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if not isinstance(value, str):
        raise ValueError("type")
    text = value.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("'", "")
    text = re.sub(r"(?i)^(nok|kr\.?)|(nok|kr\.?|km|,-)$", "", text).strip()
    text = text.replace("\u2212", "-")
    if not re.fullmatch(r"-?[\d.,]+", text) or not re.search(r"\d", text):
        raise ValueError("format")
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")  # 1.234,50
        else:
            text = text.replace(",", "")  # 1,234.50
    elif "," in text:
        if text.count(",") > 1:
            raise ValueError("format")
        text = text.replace(",", ".")
    elif text.count(".") > 1:
        if not re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
            raise ValueError("format")
        text = text.replace(".", "")  # 1.234.567
    try:
        result = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError("format") from exc
    if not result.is_finite():
        raise ValueError("format")
    return result


_DATE_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$"), ("d", "m", "y")),
    (re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2})$"), ("d", "m", "yy")),
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), ("y", "m", "d")),
)


def parse_date(value: object) -> dt.date:
    """dd.mm.yyyy, d.m.yy, dd/mm/yyyy, yyyy-mm-dd, yyyymmdd, a date/datetime cell, or an Excel serial."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not 1 <= value < 2958466:
            raise ValueError("serial")
        return (_EXCEL_EPOCH + dt.timedelta(days=int(value))).date()
    if not isinstance(value, str):
        raise ValueError("type")
    text = value.strip()
    text = re.sub(r"[ T]\d{1,2}[:.]\d{2}([:.]\d{2})?$", "", text)  # drop a time part
    for pattern, order in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            year = parts.get("y") or 2000 + parts["yy"]
            return dt.date(year, parts["m"], parts["d"])
    if re.fullmatch(r"\d{5}", text):
        return parse_date(int(text))
    raise ValueError("format")


def parse_time(value: object) -> dt.time:
    """A time from "08:00", "8.30", "0830", "8", a time/datetime cell, or an Excel day fraction (0.5 = 12:00)."""
    if isinstance(value, dt.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, float | int) and not isinstance(value, bool):
        if not 0 <= value < 1:
            if isinstance(value, int) and 0 <= value <= 23:
                return dt.time(value)
            raise ValueError("fraction")
        minutes = round(value * 24 * 60)
        return dt.time(*divmod(minutes, 60)) if minutes < 24 * 60 else dt.time(23, 59)
    if not isinstance(value, str):
        raise ValueError("type")
    text = value.strip().lower().removeprefix("kl").strip().removeprefix(".").strip()
    match = re.fullmatch(r"(\d{1,2})(?:[:.](\d{2}))?(?:[:.]\d{2})?", text) or re.fullmatch(
        r"(\d{2})(\d{2})", text
    )
    if not match:
        raise ValueError("format")
    return dt.time(int(match.group(1)), int(match.group(2) or 0))


_TRUE = {"ja", "j", "yes", "y", "x", "1", "true", "sann"}
_FALSE = {"nei", "n", "no", "0", "false", "usann", ""}


def parse_bool(value: object) -> bool:
    """ja/nei, yes/no, x, 1/0, true/false."""
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    if isinstance(value, int | float):
        return bool(value)
    text = normalise_name(str(value))
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError("format")


#: lodging words (normalised) -> Tripletex's overnight accommodation; NONE means "no overnight stay"
_LODGING: dict[str, Accommodation] = {
    "hotell": Accommodation.HOTEL,
    "hotel": Accommodation.HOTEL,
    "h": Accommodation.HOTEL,
    "privat": Accommodation.BOARDING_HOUSE_WITH_COOKING,
    "private": Accommodation.BOARDING_HOUSE_WITH_COOKING,
    "privat overnatting": Accommodation.BOARDING_HOUSE_WITH_COOKING,
    "ulegitimert": Accommodation.BOARDING_HOUSE_WITH_COOKING,
    "p": Accommodation.BOARDING_HOUSE_WITH_COOKING,
    "hybel": Accommodation.BOARDING_HOUSE_WITH_COOKING,
    "brakke": Accommodation.BOARDING_HOUSE_WITH_COOKING,
    "hybel med kokemulighet": Accommodation.BOARDING_HOUSE_WITH_COOKING,
    "pensjonat": Accommodation.BOARDING_HOUSE_WITHOUT_COOKING,
    "pensjonat uten kokemulighet": Accommodation.BOARDING_HOUSE_WITHOUT_COOKING,
    "boarding house": Accommodation.BOARDING_HOUSE_WITHOUT_COOKING,
    "ingen": Accommodation.NONE,
    "none": Accommodation.NONE,
    "nei": Accommodation.NONE,
    "no": Accommodation.NONE,
    "dagsreise": Accommodation.NONE,
    "day trip": Accommodation.NONE,
    "-": Accommodation.NONE,
}


def parse_lodging(value: object) -> Accommodation:
    """hotell/hotel, privat/private (also hybel, brakke), pensjonat, ingen/none (no overnight stay)."""
    if not isinstance(value, str):
        raise ValueError("type")
    text = re.sub(r"[^a-z -]+", " ", normalise_name(value)).strip()
    text = re.sub(r"\s+", " ", text)
    if text in _LODGING:
        return _LODGING[text]
    first = text.split(" ")[0] if text else ""
    if first in _LODGING and first not in ("h", "p", "-", "no", "nei"):
        return _LODGING[first]
    raise ValueError("format")


#: Country names (normalised, Norwegian and English) -> ISO 3166 alpha-2; Norway is "NO".
_COUNTRIES: dict[str, str] = {
    "norge": "NO",
    "norway": "NO",
    "noreg": "NO",
    "sverige": "SE",
    "sweden": "SE",
    "danmark": "DK",
    "denmark": "DK",
    "finland": "FI",
    "island": "IS",
    "iceland": "IS",
    "tyskland": "DE",
    "germany": "DE",
    "storbritannia": "GB",
    "england": "GB",
    "skottland": "GB",
    "united kingdom": "GB",
    "uk": "GB",
    "great britain": "GB",
    "irland": "IE",
    "ireland": "IE",
    "nederland": "NL",
    "netherlands": "NL",
    "holland": "NL",
    "belgia": "BE",
    "belgium": "BE",
    "frankrike": "FR",
    "france": "FR",
    "spania": "ES",
    "spain": "ES",
    "portugal": "PT",
    "italia": "IT",
    "italy": "IT",
    "sveits": "CH",
    "switzerland": "CH",
    "osterrike": "AT",
    "austria": "AT",
    "polen": "PL",
    "poland": "PL",
    "estland": "EE",
    "estonia": "EE",
    "latvia": "LV",
    "litauen": "LT",
    "lithuania": "LT",
    "tsjekkia": "CZ",
    "czechia": "CZ",
    "czech republic": "CZ",
    "hellas": "GR",
    "greece": "GR",
    "usa": "US",
    "united states": "US",
    "canada": "CA",
    "kina": "CN",
    "china": "CN",
    "japan": "JP",
}


def parse_country(value: object) -> str:
    """An ISO country code ("SE", "se") or a common country name in Norwegian or English ("Sverige")."""
    if not isinstance(value, str):
        raise ValueError("type")
    text = normalise_name(value).strip(" .")
    if re.fullmatch(r"[a-z]{2}", text):
        return text.upper()
    if text in _COUNTRIES:
        return _COUNTRIES[text]
    raise ValueError("format")


def parse_currency(value: object) -> str:
    """A three-letter currency code ("NOK", "eur"); "kr" is NOK."""
    if not isinstance(value, str):
        raise ValueError("type")
    text = value.strip().upper().rstrip(".")
    if text in ("KR", "NKR", ",-"):
        return "NOK"
    if re.fullmatch(r"[A-Z]{3}", text):
        return text
    raise ValueError("format")
