"""Every sentence the headless commands print, in Norwegian Bokmål and English, and the one language rule.

One catalogue for `check`, `sync` and `profile` (no Qt needed). Keys: `err.<code>` are the shared sentences
for error codes (core/errors.py); `check.*`, `sync.*` and `profile.*` are each command's own, and a command's
own key wins over a shared one (`sync.err.configuration` over `err.configuration`). Codes never reach the user
raw: an unknown one gets a generic sentence that names it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGUAGES = ("nb", "en")

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        # shared: error codes
        "err.malformed_token": "The token is empty or contains spaces; paste it again.",
        "err.test_token_on_production": "This is a test token (starts with test-); use --env test.",
        "err.wrong_environment": "The token belongs to another Tripletex environment (production vs test).",
        "err.employee_token_invalid": "Tripletex does not know this employee token: it may be mistyped, deleted, or made in the other environment (test or production). Create a new one if in doubt.",
        "err.employee_token_expired": "The employee token has expired or was revoked. Create a new one.",
        "err.clock_wrong": "Tripletex refused the session's end date: check this computer's date and time.",
        "err.consumer_token_invalid": "Tripletex refused the consumer token (the application's token).",
        "err.auth_failed": "Tripletex refused the session. Create a new employee token.",
        "err.permission_denied": "Tripletex refused the request (missing permission).",
        "err.client_not_reachable": "This company is not reachable with the token (no client access).",
        "err.network": "Could not reach Tripletex. Check the network connection.",
        "err.timeout": "Tripletex did not answer in time.",
        "err.tls": "The secure connection to Tripletex failed (certificate or TLS).",
        "err.proxy": "The proxy refused or failed the request.",
        "err.rate_limited": "Tripletex is rate limiting the requests; try again later.",
        "err.server_error": "Tripletex is unavailable or failed; try again later.",
        "err.keyring_unavailable": "The system keyring is not available or is locked.",
        "err.configuration": "The connection settings cannot work: {detail}",
        "err.generic": "Tripletex answered with an error ({code}).",
        "err.sync_running": "Another window or process is syncing this connection. Try again when it is done.",
        "err.storage": "Tripletex Desktop could not write its data.",
        "err.disk_full": "The disk is full.",
        "err.read_only": "The data folder is read-only.",
        "err.settings_corrupt": "The settings file could not be read and was set aside.",
        "err.bad_request": "Tripletex could not understand a request (a fault in Tripletex Desktop).",
        "err.not_found": "Tripletex could not find what was asked for.",
        "err.internal": "Something went wrong in Tripletex Desktop. The log file has the details.",
        # check
        "check.prompt_employee": "Employee token (hidden): ",
        "check.prompt_consumer": "Consumer token (hidden): ",
        "check.token_of": "Token of {name} (employee {employee_id}) in {company} ({company_id})",
        "check.accountant": "Accountant token: {n} client companies",
        "check.companies": "Companies: {n}",
        "check.company": "{name} ({id})",
        "check.col_permission": "Permission",
        "check.col_status": "Status",
        "check.col_where": "Where to tick it",
        "check.granted": "granted",
        "check.missing": "MISSING",
        "check.likely_missing": "probably missing",
        "check.unavailable": "not available",
        "check.inconclusive": "inconclusive",
        "check.error": "ERROR",
        "check.unavailable_note": "Tripletex refused every read of this part: the company may not have the module (then there is nothing to tick), or the token has none of its boxes.",
        "check.clock_skew": "Note: this computer's date is {days:+d} day(s) off Tripletex's; fix the clock.",
        "check.summary_ok": "All required permissions are granted.",
        "check.summary_gaps": "Some permissions are missing or could not be confirmed; tick them in Tripletex.",
        "check.summary_error": "The check could not be completed.",
        "check.request_id": "requestId: {rid}",
        "check.company_failed": "Company {id}: {message}",
        "check.err.no_connection": "No saved connection named {name}.",
        "check.err.no_token": "No employee token is stored for this connection. Add one in the app: File > Replace token…",
        "check.err.no_consumer_token": "Set TRIPLETEX_CONSUMER_TOKEN or use --consumer-token-stdin.",
        "check.err.cancelled": "Cancelled.",
        # sync
        "sync.status.ok": "OK",
        "sync.status.warning": "OK with warnings",
        "sync.status.error": "failed",
        "sync.status.cancelled": "cancelled",
        "sync.status.attention": "needs attention",
        "sync.status.skipped": "skipped (not reached because of the error above)",
        "sync.connection": "{label}: {status}",
        "sync.connection_failed": "{label}: failed. {message}",
        "sync.company": "{name}: {status}",
        "sync.company_counts": "{name}: {status}, {lists} lists, {changes} changes",
        "sync.run_error": "Error: {message}",
        "sync.entity_error": "{entity}: {message}",
        "sync.warning": "Warning: {message}",
        "sync.request_id": " (requestId: {rid})",
        "sync.permission_missing": "Missing permission in Tripletex: tick “{label}” under {group} on the employee token (API access).",
        "sync.push": "Travel reports: {sent} sent, {failed} failed, {unknown} unknown",
        "sync.push_waiting": "{count} travel report(s) waiting for an answer from Tripletex before trying "
        "again, until {time}; the next sync finishes them",
        "sync.no_connections": "No connections are set up. Start Tripletex Desktop to add one.",
        "sync.unknown_connection": "No saved connection named {name}.",
        "sync.startup_failed": "Tripletex Desktop could not start: {message}",
        "sync.warn.mapping_missing": "Cost categories or the payment type are not chosen{slots}, so travel reports cannot be sent. Choose them with File › Edit connection.",
        "sync.warn.per_diem_not_compensated": "The company does not pay per diem (Tripletex travel settings).",
        "sync.warn.mileage_not_compensated": "The company does not pay mileage allowance (Tripletex travel settings).",
        "sync.warn.accommodation_not_compensated": "The company does not pay accommodation allowance (Tripletex travel settings).",
        "sync.warn.permissions_likely_missing": "Some permissions are probably missing on the token (seen from the data, not refused outright); open Edit connection to see which, and what does not work without them.",
        "sync.warn.projects_unavailable": "Tripletex refuses every project read in this company (no project module, or no project boxes on the token): projects are not fetched.",
        "sync.warn.vat_settings_unreadable": "The company's VAT registration could not be read; costs keep the cost category's VAT code.",
        "sync.warn.generic": "Something needs a look ({code}).",
        "sync.slot.payment_type": "payment type",
        "sync.slot.mileage_cost_category": "mileage",
        "sync.slot.per_diem_cost_category": "per diem",
        "sync.entity.company": "Company",
        "sync.entity.employees": "Employees",
        "sync.entity.departments": "Departments",
        "sync.entity.projects": "Projects",
        "sync.entity.cost_categories": "Cost categories",
        "sync.entity.payment_types": "Payment types",
        "sync.entity.travel_settings": "Travel settings",
        "sync.entity.rate_categories": "Rate categories",
        "sync.entity.rates": "Rates",
        "sync.entity.zones": "Travel zones",
        "sync.entity.vat_settings": "VAT settings",
        "sync.err.configuration": "The connection is not set up completely (for example, no employee token is stored). Run the setup again.",
        # profile
        "profile.exported": "Exported {n} connection(s) to {path}:",
        "profile.item": "  - {label} ({environment})",
        "profile.no_secrets": "The file holds no tokens; each machine adds its own after importing.",
        "profile.imported": "Imported {n} connection(s) into {settings}:",
        "profile.needs_token": "  - {label} ({environment}): needs an employee token",
        "profile.needs_both": "  - {label} ({environment}): needs an employee token and its own consumer token",
        "profile.how_token": "Add each token in the app: select the connection, then File > Replace token… (the setup wizard's token step).",
        "profile.how_consumer": "Its own consumer token goes under Advanced on the wizard's Environment page (File > Edit connection…).",
        "profile.how_check": "Then check each one from the command line, e.g.: tripletex-desktop check --connection {label}",
        "profile.err.no_connections": "There are no connections to export. Nothing was written.",
        "profile.err.unknown_connection": "No saved connection named {name}. Nothing was written.",
        "profile.err.settings_unreadable": "The settings file could not be read and was moved aside to {backup}. Nothing was written.",
        "profile.err.settings_unreadable_kept": "The settings file could not be read. Nothing was written.",
        "profile.err.missing": "{path} does not exist. Nothing was imported.",
        "profile.err.unreadable": "{path} cannot be read (no access, or not a file). Nothing was imported.",
        "profile.err.not_utf8": "{path} is not a profile: it is not UTF-8 text. Nothing was imported.",
        "profile.err.not_json": "{path} is not a profile: it is not valid JSON (line {line}). Nothing was imported.",
        "profile.err.not_profile": "{path} is not a Tripletex Desktop profile. Nothing was imported.",
        "profile.err.future_version": "{path} was made by a newer Tripletex Desktop (profile format {version}; this version reads up to {supported}). Update the app. Nothing was imported.",
        "profile.err.damaged": "{path} is a damaged profile ({detail}). Nothing was imported.",
        "profile.err.empty_profile": "{path} holds no connections. Nothing was imported.",
        "profile.err.disk_full": "The disk is full. Nothing was written.",
        "profile.err.read_only": "{path} is in a read-only place. Nothing was written.",
        "profile.err.storage": "{path} could not be written. Nothing was written.",
    },
    "nb": {
        # shared: error codes
        "err.malformed_token": "Nøkkelen er tom eller inneholder mellomrom; lim den inn på nytt.",
        "err.test_token_on_production": "Dette er en testnøkkel (begynner med test-); bruk --env test.",
        "err.wrong_environment": "Nøkkelen hører til et annet Tripletex-miljø (produksjon eller test).",
        "err.employee_token_invalid": "Tripletex kjenner ikke denne brukernøkkelen: den kan være feil limt inn, slettet eller laget i det andre miljøet (test eller produksjon). Opprett en ny om du er i tvil.",
        "err.employee_token_expired": "Brukernøkkelen er utløpt eller slettet. Opprett en ny.",
        "err.clock_wrong": "Tripletex avviste øktens sluttdato: sjekk dato og klokke på denne maskinen.",
        "err.consumer_token_invalid": "Tripletex avviste consumer token (applikasjonens nøkkel).",
        "err.auth_failed": "Tripletex avviste økten. Opprett en ny brukernøkkel.",
        "err.permission_denied": "Tripletex avviste forespørselen (manglende tilgang).",
        "err.client_not_reachable": "Nøkkelen når ikke dette selskapet (mangler klienttilgang).",
        "err.network": "Fikk ikke kontakt med Tripletex. Sjekk nettverket.",
        "err.timeout": "Tripletex svarte ikke i tide.",
        "err.tls": "Den sikre forbindelsen til Tripletex feilet (sertifikat eller TLS).",
        "err.proxy": "Proxyen avviste eller feilet forespørselen.",
        "err.rate_limited": "Tripletex begrenser antall forespørsler; prøv igjen senere.",
        "err.server_error": "Tripletex er utilgjengelig eller feilet; prøv igjen senere.",
        "err.keyring_unavailable": "Systemets nøkkelring er ikke tilgjengelig eller er låst.",
        "err.configuration": "Tilkoblingsoppsettet kan ikke fungere: {detail}",
        "err.generic": "Tripletex svarte med en feil ({code}).",
        "err.sync_running": "Et annet vindu eller en annen prosess synkroniserer denne tilkoblingen. Prøv igjen når den er ferdig.",
        "err.storage": "Tripletex Desktop fikk ikke lagret dataene sine.",
        "err.disk_full": "Disken er full.",
        "err.read_only": "Datamappen er skrivebeskyttet.",
        "err.settings_corrupt": "Innstillingsfilen kunne ikke leses og ble lagt til side.",
        "err.bad_request": "Tripletex forsto ikke en forespørsel (en feil i Tripletex Desktop).",
        "err.not_found": "Tripletex fant ikke det som ble spurt etter.",
        "err.internal": "Noe gikk galt i Tripletex Desktop. Loggfilen har detaljene.",
        # check
        "check.prompt_employee": "Brukernøkkel / employee token (skjult): ",
        "check.prompt_consumer": "Consumer token (skjult): ",
        "check.token_of": "Nøkkelen tilhører {name} (ansatt {employee_id}) i {company} ({company_id})",
        "check.accountant": "Regnskapskontorets nøkkel: {n} klienter",
        "check.companies": "Selskaper: {n}",
        "check.company": "{name} ({id})",
        "check.col_permission": "Tilgang",
        "check.col_status": "Status",
        "check.col_where": "Der du huker av",
        "check.granted": "gitt",
        "check.missing": "MANGLER",
        "check.likely_missing": "mangler trolig",
        "check.unavailable": "ikke tilgjengelig",
        "check.inconclusive": "uavklart",
        "check.error": "FEIL",
        "check.unavailable_note": "Tripletex avviste alle oppslag i denne delen: selskapet har kanskje ikke modulen (da er det ingenting å huke av), eller nøkkelen har ingen av avkrysningene der.",
        "check.clock_skew": "Merk: datoen på denne maskinen avviker {days:+d} dag(er) fra Tripletex sin; still klokken.",
        "check.summary_ok": "Alle nødvendige tilganger er gitt.",
        "check.summary_gaps": "Noen tilganger mangler eller kunne ikke bekreftes; huk dem av i Tripletex.",
        "check.summary_error": "Sjekken kunne ikke fullføres.",
        "check.request_id": "requestId: {rid}",
        "check.company_failed": "Selskap {id}: {message}",
        "check.err.no_connection": "Fant ingen lagret tilkobling med navnet {name}.",
        "check.err.no_token": "Det er ikke lagret noen brukernøkkel for denne tilkoblingen. Legg inn en i appen: Fil > Bytt nøkkel …",
        "check.err.no_consumer_token": "Sett TRIPLETEX_CONSUMER_TOKEN eller bruk --consumer-token-stdin.",
        "check.err.cancelled": "Avbrutt.",
        # sync
        "sync.status.ok": "OK",
        "sync.status.warning": "OK med advarsler",
        "sync.status.error": "feilet",
        "sync.status.cancelled": "avbrutt",
        "sync.status.attention": "trenger oppfølging",
        "sync.status.skipped": "hoppet over (ikke nådd på grunn av feilen over)",
        "sync.connection": "{label}: {status}",
        "sync.connection_failed": "{label}: feilet. {message}",
        "sync.company": "{name}: {status}",
        "sync.company_counts": "{name}: {status}, {lists} lister, {changes} endringer",
        "sync.run_error": "Feil: {message}",
        "sync.entity_error": "{entity}: {message}",
        "sync.warning": "Advarsel: {message}",
        "sync.request_id": " (requestId: {rid})",
        "sync.permission_missing": "Tilgang mangler i Tripletex: huk av “{label}” under {group} på brukernøkkelen (API-tilgang).",
        "sync.push": "Reiseregninger: {sent} sendt, {failed} feilet, {unknown} uavklart",
        "sync.push_waiting": "{count} reiseregning(er) venter på svar fra Tripletex før nytt forsøk, til kl. "
        "{time}; neste synkronisering gjør dem ferdige",
        "sync.no_connections": "Ingen tilkoblinger er satt opp. Start Tripletex Desktop for å legge til en.",
        "sync.unknown_connection": "Fant ingen lagret tilkobling med navnet {name}.",
        "sync.startup_failed": "Tripletex Desktop kunne ikke starte: {message}",
        "sync.warn.mapping_missing": "Kostnadskategorier eller betalingsmåte er ikke valgt{slots}, så reiseregninger kan ikke sendes. Velg dem under Fil › Rediger tilkobling.",
        "sync.warn.per_diem_not_compensated": "Selskapet betaler ikke diett (reiseinnstillingene i Tripletex).",
        "sync.warn.mileage_not_compensated": "Selskapet betaler ikke kjøregodtgjørelse (reiseinnstillingene i Tripletex).",
        "sync.warn.accommodation_not_compensated": "Selskapet betaler ikke nattillegg (reiseinnstillingene i Tripletex).",
        "sync.warn.permissions_likely_missing": "Noen tilganger mangler trolig på nøkkelen (sett ut fra dataene, ikke avvist direkte); åpne Rediger tilkobling for å se hvilke, og hva som ikke virker uten dem.",
        "sync.warn.projects_unavailable": "Tripletex avviser alle prosjektoppslag i dette selskapet (ingen prosjektmodul, eller ingen prosjekttilganger på nøkkelen): prosjekter hentes ikke.",
        "sync.warn.vat_settings_unreadable": "Selskapets mva-registrering kunne ikke leses; utgifter får kostnadskategoriens mva-kode.",
        "sync.warn.generic": "Noe bør sjekkes ({code}).",
        "sync.slot.payment_type": "betalingsmåte",
        "sync.slot.mileage_cost_category": "kjøregodtgjørelse",
        "sync.slot.per_diem_cost_category": "diett",
        "sync.entity.company": "Selskapet",
        "sync.entity.employees": "Ansatte",
        "sync.entity.departments": "Avdelinger",
        "sync.entity.projects": "Prosjekter",
        "sync.entity.cost_categories": "Kostnadskategorier",
        "sync.entity.payment_types": "Betalingsmåter",
        "sync.entity.travel_settings": "Reiseinnstillinger",
        "sync.entity.rate_categories": "Satskategorier",
        "sync.entity.rates": "Satser",
        "sync.entity.zones": "Reisesoner",
        "sync.entity.vat_settings": "Mva-innstillinger",
        "sync.err.configuration": "Tilkoblingen er ikke ferdig satt opp (for eksempel er ingen brukernøkkel lagret). Kjør oppsettet på nytt.",
        # profile
        "profile.exported": "Eksporterte {n} tilkobling(er) til {path}:",
        "profile.item": "  - {label} ({environment})",
        "profile.no_secrets": "Filen inneholder ingen nøkler; hver maskin legger inn sine egne etter importen.",
        "profile.imported": "Importerte {n} tilkobling(er) til {settings}:",
        "profile.needs_token": "  - {label} ({environment}): trenger en brukernøkkel",
        "profile.needs_both": "  - {label} ({environment}): trenger en brukernøkkel og sin egen consumer token",
        "profile.how_token": "Legg inn hver nøkkel i appen: velg tilkoblingen, deretter Fil > Bytt nøkkel … (nøkkelsteget i oppsettsveiviseren).",
        "profile.how_consumer": "En egen consumer token skrives inn under Avansert på miljøsiden i veiviseren (Fil > Endre tilkobling …).",
        "profile.how_check": "Sjekk deretter hver av dem fra kommandolinjen, f.eks.: tripletex-desktop check --connection {label}",
        "profile.err.no_connections": "Det finnes ingen tilkoblinger å eksportere. Ingenting ble skrevet.",
        "profile.err.unknown_connection": "Fant ingen lagret tilkobling med navnet {name}. Ingenting ble skrevet.",
        "profile.err.settings_unreadable": "Innstillingsfilen kunne ikke leses og er flyttet til {backup}. Ingenting ble skrevet.",
        "profile.err.settings_unreadable_kept": "Innstillingsfilen kunne ikke leses. Ingenting ble skrevet.",
        "profile.err.missing": "{path} finnes ikke. Ingenting ble importert.",
        "profile.err.unreadable": "{path} kan ikke leses (mangler tilgang, eller er ikke en fil). Ingenting ble importert.",
        "profile.err.not_utf8": "{path} er ikke en profil: filen er ikke UTF-8-tekst. Ingenting ble importert.",
        "profile.err.not_json": "{path} er ikke en profil: filen er ikke gyldig JSON (linje {line}). Ingenting ble importert.",
        "profile.err.not_profile": "{path} er ikke en Tripletex Desktop-profil. Ingenting ble importert.",
        "profile.err.future_version": "{path} er laget av en nyere Tripletex Desktop (profilformat {version}; denne versjonen leser til og med {supported}). Oppdater appen. Ingenting ble importert.",
        "profile.err.damaged": "{path} er en skadet profil ({detail}). Ingenting ble importert.",
        "profile.err.empty_profile": "{path} inneholder ingen tilkoblinger. Ingenting ble importert.",
        "profile.err.disk_full": "Disken er full. Ingenting ble skrevet.",
        "profile.err.read_only": "{path} ligger på et skrivebeskyttet sted. Ingenting ble skrevet.",
        "profile.err.storage": "{path} kunne ikke skrives. Ingenting ble skrevet.",
    },
}


def language(option: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """`--lang` when given, else "nb" when LC_ALL/LC_MESSAGES/LANG is Norwegian (nb, nn, no), else "en"."""
    if option:
        return option
    env = os.environ if environ is None else environ
    lang = (env.get("LC_ALL") or env.get("LC_MESSAGES") or env.get("LANG") or "").lower()
    return "nb" if lang.startswith(("nb", "no", "nn")) else "en"


class Texts:
    """One command's sentences in one language: its own keys first (`<command>.<key>`), then the shared ones."""

    def __init__(self, lang: str, command: str) -> None:
        self.lang = lang if lang in LANGUAGES else "en"
        self.command = command
        self._table = MESSAGES[self.lang]

    def _key(self, key: str) -> str:
        own = f"{self.command}.{key}"
        return own if own in self._table else key

    def __contains__(self, key: str) -> bool:
        return self._key(key) in self._table

    def __call__(self, key: str, **kwargs: object) -> str:
        """The sentence `key` with its placeholders filled in (KeyError for a key no table has)."""
        return self._table[self._key(key)].format(**kwargs)

    def error(self, code: str, detail: str | None = None) -> str:
        """The plain sentence of an error code; an unknown code gets the generic sentence naming it."""
        key = f"err.{code}"
        return self(key, detail=detail) if key in self else self("err.generic", code=code)
