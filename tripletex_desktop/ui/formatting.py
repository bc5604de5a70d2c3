"""How the app writes dates, times and amounts: one format everywhere (dd.mm.yyyy hh:mm, 1 234,50)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

DATE_FORMAT = "%d.%m.%Y"
DATETIME_FORMAT = "%d.%m.%Y %H:%M"
#: The same formats for Qt's date widgets (QDateEdit.setDisplayFormat).
QT_DATE_FORMAT = "dd.MM.yyyy"
QT_DATETIME_FORMAT = "dd.MM.yyyy HH:mm"


def date_text(day: dt.date | None) -> str:
    """A date as dd.mm.yyyy ("" for None)."""
    return "" if day is None else day.strftime(DATE_FORMAT)


def datetime_text(moment: dt.datetime | None) -> str:
    """A moment in the user's local time as dd.mm.yyyy hh:mm ("" for None); naive values are taken as local."""
    if moment is None:
        return ""
    local = moment.astimezone() if moment.tzinfo is not None else moment
    return local.strftime(DATETIME_FORMAT)


def time_text(moment: dt.datetime) -> str:
    """The local time of day, hh:mm (for "again at 14:05" on the same day)."""
    local = moment.astimezone() if moment.tzinfo is not None else moment
    return local.strftime("%H:%M")


def money(amount: Decimal | None) -> str:
    """An amount as Norwegians write it: 1 234,50 (a no-break space between thousands); "" when unknown."""
    if amount is None or not amount.is_finite():
        return ""
    return f"{amount:,.2f}".replace(",", "\u00a0").replace(".", ",")


#: Marks an amount that includes an estimate (a foreign cost at the exchange rate of its date).
ESTIMATE_MARK = "\u2248"


def estimate_money(amount: Decimal | None, estimated: bool) -> str:
    """money(), with "≈ " in front when the amount is an estimate."""
    text = money(amount)
    return f"{ESTIMATE_MARK}\u00a0{text}" if estimated and text else text


def rate_text(rate: Decimal | None) -> str:
    """An exchange rate as Norwegians write it, with the decimals it has (at most 4, at least 2): 1,1245."""
    if rate is None or not rate.is_finite():
        return ""
    places = min(max(-int(rate.normalize().as_tuple().exponent), 2), 4)
    return f"{rate:,.{places}f}".replace(",", "\u00a0").replace(".", ",")
