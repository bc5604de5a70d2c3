"""Plain-language text of the headless `sync` command in Norwegian Bokmål or English (no Qt needed).

Error sentences are shared with `check` (cli/check.py's catalogue, keys "err.<code>"); this module adds
what `sync` says beyond them. Codes never reach the user raw: an unknown one gets a generic sentence that
names it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from tripletex_desktop.cli.check import MESSAGES as CHECK_MESSAGES
from tripletex_desktop.core.errors import ErrorInfo
from tripletex_desktop.core.permissions import PERMISSIONS_BY_KEY

LANGUAGES = ("nb", "en")

SYNC_MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "status.ok": "OK",
        "status.warning": "OK with warnings",
        "status.error": "failed",
        "status.cancelled": "cancelled",
        "status.attention": "needs attention",
        "status.skipped": "skipped (not reached because of the error above)",
        "connection": "{label}: {status}",
        "connection_failed": "{label}: failed. {message}",
        "company": "{name}: {status}",
        "company_counts": "{name}: {status}, {lists} lists, {changes} changes",
        "run_error": "Error: {message}",
        "entity_error": "{entity}: {message}",
        "warning": "Warning: {message}",
        "request_id": " (requestId: {rid})",
        "permission_missing": "Missing permission in Tripletex: tick \u201c{label}\u201d under {group} on the "
        "employee token (API access).",
        "push": "Travel reports: {sent} sent, {failed} failed, {unknown} unknown",
        "no_connections": "No connections are set up. Start Tripletex Desktop to add one.",
        "unknown_connection": "No saved connection named {name}.",
        "startup_failed": "Tripletex Desktop could not start: {message}",
        "warn.mapping_missing": "Cost categories or the payment type are not chosen{slots}, so travel "
        "reports cannot be sent. Choose them with File \u203a Edit connection.",
        "warn.per_diem_not_compensated": "The company does not pay per diem (Tripletex travel settings).",
        "warn.mileage_not_compensated": "The company does not pay mileage allowance (Tripletex travel settings).",
        "warn.accommodation_not_compensated": "The company does not pay accommodation allowance "
        "(Tripletex travel settings).",
        "warn.permissions_likely_missing": "Some permissions are probably missing on the token (seen from "
        "the data, not refused outright); open Edit connection to see which, and what does not work without them.",
        "warn.projects_unavailable": "Tripletex refuses every project read in this company (no project module, "
        "or no project boxes on the token): projects are not fetched.",
        "warn.generic": "Something needs a look ({code}).",
        "slot.payment_type": "payment type",
        "slot.mileage_cost_category": "mileage",
        "slot.per_diem_cost_category": "per diem",
        "entity.company": "Company",
        "entity.employees": "Employees",
        "entity.departments": "Departments",
        "entity.projects": "Projects",
        "entity.cost_categories": "Cost categories",
        "entity.payment_types": "Payment types",
        "entity.travel_settings": "Travel settings",
        "entity.rate_categories": "Rate categories",
        "entity.rates": "Rates",
        "err.configuration": "The connection is not set up completely (for example, no employee token is "
        "stored). Run the setup again.",
        "err.sync_running": "Another window or process is syncing this connection. Try again when it is done.",
        "err.storage": "Tripletex Desktop could not write its data.",
        "err.disk_full": "The disk is full.",
        "err.read_only": "The data folder is read-only.",
        "err.settings_corrupt": "The settings file could not be read and was set aside.",
        "err.bad_request": "Tripletex could not understand a request (a fault in Tripletex Desktop).",
        "err.not_found": "Tripletex could not find what was asked for.",
        "err.internal": "Something went wrong in Tripletex Desktop. The log file has the details.",
    },
    "nb": {
        "status.ok": "OK",
        "status.warning": "OK med advarsler",
        "status.error": "feilet",
        "status.cancelled": "avbrutt",
        "status.attention": "trenger oppfølging",
        "status.skipped": "hoppet over (ikke nådd på grunn av feilen over)",
        "connection": "{label}: {status}",
        "connection_failed": "{label}: feilet. {message}",
        "company": "{name}: {status}",
        "company_counts": "{name}: {status}, {lists} lister, {changes} endringer",
        "run_error": "Feil: {message}",
        "entity_error": "{entity}: {message}",
        "warning": "Advarsel: {message}",
        "request_id": " (requestId: {rid})",
        "permission_missing": "Tilgang mangler i Tripletex: huk av \u201c{label}\u201d under {group} på "
        "brukernøkkelen (API-tilgang).",
        "push": "Reiseregninger: {sent} sendt, {failed} feilet, {unknown} uavklart",
        "no_connections": "Ingen tilkoblinger er satt opp. Start Tripletex Desktop for å legge til en.",
        "unknown_connection": "Fant ingen lagret tilkobling med navnet {name}.",
        "startup_failed": "Tripletex Desktop kunne ikke starte: {message}",
        "warn.mapping_missing": "Kostnadskategorier eller betalingsmåte er ikke valgt{slots}, så "
        "reiseregninger kan ikke sendes. Velg dem under Fil \u203a Rediger tilkobling.",
        "warn.per_diem_not_compensated": "Selskapet betaler ikke diett (reiseinnstillingene i Tripletex).",
        "warn.mileage_not_compensated": "Selskapet betaler ikke kjøregodtgjørelse (reiseinnstillingene i "
        "Tripletex).",
        "warn.accommodation_not_compensated": "Selskapet betaler ikke nattillegg (reiseinnstillingene i "
        "Tripletex).",
        "warn.permissions_likely_missing": "Noen tilganger mangler trolig på nøkkelen (sett ut fra dataene, "
        "ikke avvist direkte); åpne Rediger tilkobling for å se hvilke, og hva som ikke virker uten dem.",
        "warn.projects_unavailable": "Tripletex avviser alle prosjektoppslag i dette selskapet (ingen "
        "prosjektmodul, eller ingen prosjekttilganger på nøkkelen): prosjekter hentes ikke.",
        "warn.generic": "Noe bør sjekkes ({code}).",
        "slot.payment_type": "betalingsmåte",
        "slot.mileage_cost_category": "kjøregodtgjørelse",
        "slot.per_diem_cost_category": "diett",
        "entity.company": "Selskapet",
        "entity.employees": "Ansatte",
        "entity.departments": "Avdelinger",
        "entity.projects": "Prosjekter",
        "entity.cost_categories": "Kostnadskategorier",
        "entity.payment_types": "Betalingsmåter",
        "entity.travel_settings": "Reiseinnstillinger",
        "entity.rate_categories": "Satskategorier",
        "entity.rates": "Satser",
        "err.configuration": "Tilkoblingen er ikke ferdig satt opp (for eksempel er ingen brukernøkkel "
        "lagret). Kjør oppsettet på nytt.",
        "err.sync_running": "Et annet vindu eller en annen prosess synkroniserer denne tilkoblingen. Prøv "
        "igjen når den er ferdig.",
        "err.storage": "Tripletex Desktop fikk ikke lagret dataene sine.",
        "err.disk_full": "Disken er full.",
        "err.read_only": "Datamappen er skrivebeskyttet.",
        "err.settings_corrupt": "Innstillingsfilen kunne ikke leses og ble lagt til side.",
        "err.bad_request": "Tripletex forsto ikke en forespørsel (en feil i Tripletex Desktop).",
        "err.not_found": "Tripletex fant ikke det som ble spurt etter.",
        "err.internal": "Noe gikk galt i Tripletex Desktop. Loggfilen har detaljene.",
    },
}


def language(option: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """`--lang` when given, else "nb" when LC_ALL/LC_MESSAGES/LANG is Norwegian, else "en" (as `check`)."""
    if option:
        return option
    env = os.environ if environ is None else environ
    lang = (env.get("LC_ALL") or env.get("LC_MESSAGES") or env.get("LANG") or "").lower()
    return "nb" if lang.startswith(("nb", "no", "nn")) else "en"


class Texts:
    """Looks up and formats `sync`'s sentences in one language (sync's own first, then `check`'s)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else "en"
        self.table: dict[str, str] = {**CHECK_MESSAGES[self.lang], **SYNC_MESSAGES[self.lang]}

    def __call__(self, key: str, **kwargs: Any) -> str:
        """The sentence `key` with its placeholders filled in."""
        return self.table[key].format(**kwargs)

    def request_id(self, info: ErrorInfo) -> str:
        """The suffix ' (requestId: …)' when the error has one, else an empty string."""
        return self("request_id", rid=info.request_id) if info.request_id else ""

    def error(self, info: ErrorInfo) -> str:
        """A plain sentence for an error code, with Tripletex's requestId when there is one."""
        key = f"err.{info.code}"
        text = self(key, detail=info.detail) if key in self.table else self("err.generic", code=info.code)
        return text + self.request_id(info)

    def entity(self, entity: str | None) -> str:
        """The name of a synced list ("company" for a whole-company error)."""
        key = f"entity.{entity or 'company'}"
        return self(key) if key in self.table else str(entity)

    def permission(self, key: str, info: ErrorInfo) -> str:
        """A missing permission, named as in Tripletex's token dialog (the labels are Norwegian there)."""
        perm = PERMISSIONS_BY_KEY[key]
        label = perm.tripletex_label_nb
        group = perm.group if self.lang == "nb" else f"{perm.group} ({perm.group_en})"
        return self("permission_missing", label=label, group=group) + self.request_id(info)

    def warning(self, code: str, *, slots: tuple[str, ...] = ()) -> str:
        """A sync warning code as a sentence."""
        key = f"warn.{code}"
        if key not in self.table:
            return self("warn.generic", code=code)
        names = ", ".join(self(f"slot.{s}") if f"slot.{s}" in self.table else s for s in slots)
        return self(key, slots=f" ({names})" if names else "")
