"""Every sentence the headless commands print, in Norwegian Bokmål and English, and the one language rule.

One catalogue for `check`, `sync` and `profile` (no Qt needed). Keys: `err.<code>` are the shared sentences
for error codes (core/errors.py); `check.*`, `sync.*` and `profile.*` are each command's own, and a command's
own key wins over a shared one (`sync.err.configuration` over `err.configuration`). Codes never reach the user
raw: an unknown one gets a generic sentence that names it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass

LANGUAGES = ("nb", "en")


@dataclass(frozen=True, slots=True)
class Plural:
    """A sentence with a count: `one` for exactly 1 (or -1), `other` for every other number; `by` names the
    placeholder that holds the count (Bokmål and English both have these two forms)."""

    one: str
    other: str
    by: str = "count"

    def pick(self, kwargs: Mapping[str, object]) -> str:
        """The form for the count in `kwargs`."""
        count = kwargs[self.by]
        return self.one if isinstance(count, int) and abs(count) == 1 else self.other


MESSAGES: dict[str, dict[str, str | Plural]] = {
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
        "err.config_dir_missing": "The folder {path} given with --config-dir does not exist or is not a folder (mistyped?). Nothing was created: check the path (use the folder you start Tripletex Desktop with).",
        # what to do about a keyring, on each system (a scheduled run is where it bites: docs/scheduling.md)
        "hint.keyring_unavailable.win32": "The token is in Windows Credential Manager, which opens only in your own session: run the command as the user who set up the connection and, in Task Scheduler, keep “Run only when user is logged on”. See docs/scheduling.md in Tripletex Desktop's documentation.",
        "hint.keyring_unavailable.darwin": "The token is in your login keychain, which must be unlocked: run the command in your login session (a LaunchAgent, not a LaunchDaemon), unlock the keychain, and choose Always Allow if macOS asks. See docs/scheduling.md in Tripletex Desktop's documentation.",
        "hint.keyring_unavailable.other": "The token is in your login keyring (GNOME Keyring or KWallet), which opens when you log in to the desktop: unlock it, and run the command in your session (from cron, set DBUS_SESSION_BUS_ADDRESS; or use a systemd user timer). See docs/scheduling.md in Tripletex Desktop's documentation.",
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
        "check.clock_skew": Plural(
            "Note: this computer's date is {days:+d} day off Tripletex's; fix the clock.",
            "Note: this computer's date is {days:+d} days off Tripletex's; fix the clock.",
            by="days",
        ),
        "check.summary_ok": "All required permissions are granted.",
        "check.summary_gaps": "Some permissions are missing or could not be confirmed; tick them in Tripletex.",
        "check.summary_error": "The check could not be completed.",
        "check.request_id": "requestId: {rid}",
        "check.company_failed": "Company {id}: {message}",
        "check.err.no_connection": "No saved connection named {name}.",
        "check.err.no_token": "No employee token is stored for this connection. Add one in the app: File > Replace token…",
        "check.err.no_consumer_token": "Set TRIPLETEX_CONSUMER_TOKEN or use --consumer-token-stdin.",
        "check.err.cancelled": "Cancelled.",
        # conformance
        "conformance.prompt_employee": "Employee token of the TEST account (hidden): ",
        "conformance.prompt_consumer": "Consumer token (hidden): ",
        "conformance.run_as": "Run as {name} in {company} ({id}); test data is named TD-conformance and deleted again.",
        "conformance.col_result": "Result",
        "conformance.col_assumption": "Assumption",
        "conformance.col_answer": "What Tripletex answered",
        "conformance.result.holds": "holds",
        "conformance.result.differs": "DIFFERS",
        "conformance.result.unsettled": "unsettled",
        "conformance.result.error": "ERROR",
        "conformance.left_behind": "Could not delete {what}: delete it by hand in Tripletex.",
        "conformance.requests": "{n} requests sent.",
        "conformance.summary_ok": "Every assumption holds.",
        "conformance.summary_differs": "Some assumptions differ or could not be settled: see docs/conformance.md for what to do.",
        "conformance.summary_error": "The run could not be completed cleanly.",
        "conformance.request_id": "requestId: {rid}",
        "conformance.err.production": "conformance never runs against production: use --env test (a free test account) or --env demo.",
        "conformance.err.base_url": "{url} is neither Tripletex's test environment nor a simulator on this machine; conformance refuses it.",
        "conformance.err.no_consumer_token": "Set TRIPLETEX_CONSUMER_TOKEN or use --consumer-token-stdin.",
        "conformance.err.cancelled": "Cancelled.",
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
        "sync.clock_skew": Plural(
            "Note: this computer's date is {days:+d} day off Tripletex's; the sync used Tripletex's date, but fix "
            "the clock.",
            "Note: this computer's date is {days:+d} days off Tripletex's; the sync used Tripletex's date, but fix "
            "the clock.",
            by="days",
        ),
        "sync.push": "Travel reports: {sent} sent, {failed} failed, {unknown} unknown",
        "sync.push_failed": Plural(
            "{count} travel report could not be sent and waits for you: open Tripletex Desktop, Travel reports, to "
            "see why and correct it",
            "{count} travel reports could not be sent and wait for you: open Tripletex Desktop, Travel reports, to "
            "see why and correct them",
        ),
        "sync.push_waiting": Plural(
            "{count} travel report waiting for an answer from Tripletex before trying again, until {time}; the "
            "next sync finishes it",
            "{count} travel reports waiting for an answer from Tripletex before trying again, until {time}; the "
            "next sync finishes them",
        ),
        "sync.push_queued": Plural(
            "{count} travel report waits to be sent: Tripletex did not take it this time (too many requests, or "
            "the login was refused); the next sync sends it",
            "{count} travel reports wait to be sent: Tripletex did not take them this time (too many requests, or "
            "the login was refused); the next sync sends them",
        ),
        "sync.waiting": Plural(
            "{count} travel report needs you: Tripletex refused it, and no sync sends it until it is corrected. "
            "Open Tripletex Desktop, Travel reports, correct it and use Send again:",
            "{count} travel reports need you: Tripletex refused them, and no sync sends them until they are "
            "corrected. Open Tripletex Desktop, Travel reports, correct each and use Send again:",
        ),
        "sync.waiting_item": "- “{title}”: {reason}{rid}",
        "sync.untitled": "(no title)",
        "sync.tripletex_said": " Tripletex said: {said}",
        "sync.reason.generic": "The last attempt to send it failed ({code}).",
        "sync.reason.validation_failed": "Tripletex refused the report (often an inactive cost category, payment type or rate).",
        "sync.reason.transfer_plan_invalid": "A rate, cost category or payment type the report needs is missing; nothing was sent. Sync, and check the cost categories in File › Edit connection.",
        "sync.reason.currency_unknown": "Tripletex does not know a currency in the report; nothing was sent.",
        "sync.reason.receipt_unreadable": "A receipt file was moved, deleted or cannot be read; attach it again.",
        "sync.reason.transfer_report_missing": "Tripletex no longer has the travel expense the app had started (deleted there?); check in Tripletex.",
        "sync.reason.report_delivered_in_tripletex": "Tripletex holds the report as delivered, so it can no longer be changed from here.",
        "sync.reason.no_rate_for_date": "Tripletex has no rate for the trip's date; sync, or pick the rate category on the line.",
        "sync.reason.passenger_rate_missing": "Tripletex has no passenger supplement rate for the trip's date.",
        "sync.reason.zone_missing": "Tripletex has no travel zone for the trip's country on its date; nothing was sent.",
        "sync.reason.zone_not_enabled": "The trip's country is not enabled for travel expenses in Tripletex.",
        "sync.reason.zone_rate_missing": "Tripletex has no per diem rate for the trip's country zone.",
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
        "sync.slot.toll": "toll",
        "sync.mapping_inactive": "The cost category “{name}” chosen for {slot} is inactive in Tripletex, so travel reports with {slot} fail at Approve or when sent. Choose another in File › Edit connection → Cost categories.",
        "sync.mapping_gone": "The cost category chosen for {slot} ({name}) is no longer in Tripletex, so travel reports with {slot} fail at Approve or when sent. Choose another in File › Edit connection → Cost categories.",
        "sync.payment_inactive": "The payment type “{name}” chosen for travel reports is inactive in Tripletex, so travel reports fail at Approve or when sent. Choose another in File › Edit connection → Cost categories.",
        "sync.payment_gone": "The payment type chosen for travel reports ({name}) is no longer in Tripletex, so travel reports fail at Approve or when sent. Choose another in File › Edit connection → Cost categories.",
        "sync.unknown_item": "id {id}",
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
        "sync.err.token_missing": "This machine's keyring holds no employee token for the connection. Paste it in the app (File > Replace token).",
        # profile
        "profile.exported": Plural(
            "Exported {n} connection to {path}:", "Exported {n} connections to {path}:", by="n"
        ),
        "profile.item": "  - {label} ({environment})",
        "profile.no_secrets": "The file holds no tokens; each machine adds its own after importing.",
        "profile.imported": Plural(
            "Imported {n} connection into {settings}:", "Imported {n} connections into {settings}:", by="n"
        ),
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
        "err.config_dir_missing": "Mappen {path} som er oppgitt med --config-dir, finnes ikke eller er ikke en mappe (skrivefeil?). Ingenting ble opprettet: sjekk stien (bruk mappen du starter Tripletex Desktop med).",
        "hint.keyring_unavailable.win32": "Nøkkelen ligger i Windows Legitimasjonsbehandling, som bare åpnes i din egen økt: kjør kommandoen som brukeren som satte opp tilkoblingen, og behold «Kjør bare når brukeren er pålogget» i Oppgaveplanlegging. Se docs/scheduling.md i dokumentasjonen til Tripletex Desktop.",
        "hint.keyring_unavailable.darwin": "Nøkkelen ligger i påloggingsnøkkelringen, som må være låst opp: kjør kommandoen i påloggingsøkten din (en LaunchAgent, ikke en LaunchDaemon), lås opp nøkkelringen, og velg Tillat alltid hvis macOS spør. Se docs/scheduling.md i dokumentasjonen til Tripletex Desktop.",
        "hint.keyring_unavailable.other": "Nøkkelen ligger i påloggingsnøkkelringen (GNOME Keyring eller KWallet), som åpnes når du logger inn på skrivebordet: lås den opp, og kjør kommandoen i økten din (fra cron: sett DBUS_SESSION_BUS_ADDRESS; eller bruk en systemd-brukertimer). Se docs/scheduling.md i dokumentasjonen til Tripletex Desktop.",
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
        "check.clock_skew": Plural(
            "Merk: datoen på denne maskinen avviker {days:+d} dag fra Tripletex sin; still klokken.",
            "Merk: datoen på denne maskinen avviker {days:+d} dager fra Tripletex sin; still klokken.",
            by="days",
        ),
        "check.summary_ok": "Alle nødvendige tilganger er gitt.",
        "check.summary_gaps": "Noen tilganger mangler eller kunne ikke bekreftes; huk dem av i Tripletex.",
        "check.summary_error": "Sjekken kunne ikke fullføres.",
        "check.request_id": "requestId: {rid}",
        "check.company_failed": "Selskap {id}: {message}",
        "check.err.no_connection": "Fant ingen lagret tilkobling med navnet {name}.",
        "check.err.no_token": "Det er ikke lagret noen brukernøkkel for denne tilkoblingen. Legg inn en i appen: Fil > Bytt nøkkel …",
        "check.err.no_consumer_token": "Sett TRIPLETEX_CONSUMER_TOKEN eller bruk --consumer-token-stdin.",
        "check.err.cancelled": "Avbrutt.",
        # conformance
        "conformance.prompt_employee": "Brukernøkkel for TEST-kontoen (skjult): ",
        "conformance.prompt_consumer": "Consumer token (skjult): ",
        "conformance.run_as": "Kjøres som {name} i {company} ({id}); testdata heter TD-conformance og slettes igjen.",
        "conformance.col_result": "Resultat",
        "conformance.col_assumption": "Antakelse",
        "conformance.col_answer": "Hva Tripletex svarte",
        "conformance.result.holds": "stemmer",
        "conformance.result.differs": "AVVIKER",
        "conformance.result.unsettled": "uavklart",
        "conformance.result.error": "FEIL",
        "conformance.left_behind": "Fikk ikke slettet {what}: slett det for hånd i Tripletex.",
        "conformance.requests": "{n} forespørsler sendt.",
        "conformance.summary_ok": "Alle antakelser stemmer.",
        "conformance.summary_differs": "Noen antakelser avviker eller kunne ikke avklares: se docs/conformance.md for hva du gjør.",
        "conformance.summary_error": "Kjøringen kunne ikke fullføres ryddig.",
        "conformance.request_id": "requestId: {rid}",
        "conformance.err.production": "conformance kjøres aldri mot produksjon: bruk --env test (en gratis testkonto) eller --env demo.",
        "conformance.err.base_url": "{url} er verken Tripletex sitt testmiljø eller en simulator på denne maskinen; conformance nekter.",
        "conformance.err.no_consumer_token": "Sett TRIPLETEX_CONSUMER_TOKEN eller bruk --consumer-token-stdin.",
        "conformance.err.cancelled": "Avbrutt.",
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
        "sync.clock_skew": Plural(
            "Merk: datoen på denne maskinen avviker {days:+d} dag fra Tripletex sin; synkroniseringen brukte "
            "Tripletex sin dato, men still klokken.",
            "Merk: datoen på denne maskinen avviker {days:+d} dager fra Tripletex sin; synkroniseringen brukte "
            "Tripletex sin dato, men still klokken.",
            by="days",
        ),
        "sync.push": "Reiseregninger: {sent} sendt, {failed} feilet, {unknown} uavklart",
        "sync.push_failed": Plural(
            "{count} reiseregning kunne ikke sendes og venter på deg: åpne Tripletex Desktop, Reiseregninger, for "
            "å se hvorfor og rette den",
            "{count} reiseregninger kunne ikke sendes og venter på deg: åpne Tripletex Desktop, Reiseregninger, "
            "for å se hvorfor og rette dem",
        ),
        "sync.push_waiting": Plural(
            "{count} reiseregning venter på svar fra Tripletex før nytt forsøk, til kl. {time}; neste "
            "synkronisering gjør den ferdig",
            "{count} reiseregninger venter på svar fra Tripletex før nytt forsøk, til kl. {time}; neste "
            "synkronisering gjør dem ferdige",
        ),
        "sync.push_queued": Plural(
            "{count} reiseregning venter på å bli sendt: Tripletex tok ikke imot den denne gangen (for mange "
            "forespørsler, eller innloggingen ble avvist); neste synkronisering sender den",
            "{count} reiseregninger venter på å bli sendt: Tripletex tok ikke imot dem denne gangen (for mange "
            "forespørsler, eller innloggingen ble avvist); neste synkronisering sender dem",
        ),
        "sync.waiting": Plural(
            "{count} reiseregning trenger deg: Tripletex avviste den, og ingen synkronisering sender den før den "
            "er rettet. Åpne Tripletex Desktop, Reiseregninger, rett den og bruk Send på nytt:",
            "{count} reiseregninger trenger deg: Tripletex avviste dem, og ingen synkronisering sender dem før de "
            "er rettet. Åpne Tripletex Desktop, Reiseregninger, rett hver av dem og bruk Send på nytt:",
        ),
        "sync.waiting_item": "- «{title}»: {reason}{rid}",
        "sync.untitled": "(uten tittel)",
        "sync.tripletex_said": " Tripletex sa: {said}",
        "sync.reason.generic": "Siste forsøk på å sende den feilet ({code}).",
        "sync.reason.validation_failed": "Tripletex avviste reiseregningen (ofte en inaktiv kostnadskategori, betalingsmåte eller sats).",
        "sync.reason.transfer_plan_invalid": "En sats, kostnadskategori eller betalingsmåte som reiseregningen trenger, mangler; ingenting ble sendt. Synkroniser, og sjekk kostnadskategoriene under Fil › Endre tilkobling.",
        "sync.reason.currency_unknown": "Tripletex kjenner ikke en valuta i reiseregningen; ingenting ble sendt.",
        "sync.reason.receipt_unreadable": "En kvitteringsfil er flyttet, slettet eller kan ikke leses; legg den ved på nytt.",
        "sync.reason.transfer_report_missing": "Tripletex har ikke lenger reiseregningen appen hadde begynt på (slettet der?); sjekk i Tripletex.",
        "sync.reason.report_delivered_in_tripletex": "Tripletex har reiseregningen som levert, så den kan ikke lenger endres herfra.",
        "sync.reason.no_rate_for_date": "Tripletex har ingen sats for reisens dato; synkroniser, eller velg satskategori på linjen.",
        "sync.reason.passenger_rate_missing": "Tripletex har ingen sats for passasjertillegg på reisens dato.",
        "sync.reason.zone_missing": "Tripletex har ingen reisesone for reisens land på datoen; ingenting ble sendt.",
        "sync.reason.zone_not_enabled": "Reisens land er ikke slått på for reiseregninger i Tripletex.",
        "sync.reason.zone_rate_missing": "Tripletex har ingen diettsats for landets reisesone.",
        "sync.no_connections": "Ingen tilkoblinger er satt opp. Start Tripletex Desktop for å legge til en.",
        "sync.unknown_connection": "Fant ingen lagret tilkobling med navnet {name}.",
        "sync.startup_failed": "Tripletex Desktop kunne ikke starte: {message}",
        "sync.warn.mapping_missing": "Kostnadskategorier eller betalingsmåte er ikke valgt{slots}, så reiseregninger kan ikke sendes. Velg dem under Fil › Endre tilkobling.",
        "sync.warn.per_diem_not_compensated": "Selskapet betaler ikke diett (reiseinnstillingene i Tripletex).",
        "sync.warn.mileage_not_compensated": "Selskapet betaler ikke kjøregodtgjørelse (reiseinnstillingene i Tripletex).",
        "sync.warn.accommodation_not_compensated": "Selskapet betaler ikke nattillegg (reiseinnstillingene i Tripletex).",
        "sync.warn.permissions_likely_missing": "Noen tilganger mangler trolig på nøkkelen (sett ut fra dataene, ikke avvist direkte); åpne Endre tilkobling for å se hvilke, og hva som ikke virker uten dem.",
        "sync.warn.projects_unavailable": "Tripletex avviser alle prosjektoppslag i dette selskapet (ingen prosjektmodul, eller ingen prosjekttilganger på nøkkelen): prosjekter hentes ikke.",
        "sync.warn.vat_settings_unreadable": "Selskapets mva-registrering kunne ikke leses; utgifter får kostnadskategoriens mva-kode.",
        "sync.warn.generic": "Noe bør sjekkes ({code}).",
        "sync.slot.payment_type": "betalingsmåte",
        "sync.slot.mileage_cost_category": "kjøregodtgjørelse",
        "sync.slot.per_diem_cost_category": "diett",
        "sync.slot.toll": "bompenger",
        "sync.mapping_inactive": "Kostnadskategorien «{name}» som er valgt for {slot}, er inaktiv i Tripletex, så reiseregninger med {slot} feiler ved godkjenning eller sending. Velg en annen under Fil › Endre tilkobling → Kostnadskategorier.",
        "sync.mapping_gone": "Kostnadskategorien som er valgt for {slot} ({name}), finnes ikke lenger i Tripletex, så reiseregninger med {slot} feiler ved godkjenning eller sending. Velg en annen under Fil › Endre tilkobling → Kostnadskategorier.",
        "sync.payment_inactive": "Betalingsmåten «{name}» som er valgt for reiseregninger, er inaktiv i Tripletex, så reiseregninger feiler ved godkjenning eller sending. Velg en annen under Fil › Endre tilkobling → Kostnadskategorier.",
        "sync.payment_gone": "Betalingsmåten som er valgt for reiseregninger ({name}), finnes ikke lenger i Tripletex, så reiseregninger feiler ved godkjenning eller sending. Velg en annen under Fil › Endre tilkobling → Kostnadskategorier.",
        "sync.unknown_item": "id {id}",
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
        "sync.err.token_missing": "Passordlageret på denne maskinen har ingen brukernøkkel for tilkoblingen. Lim den inn i appen (Fil > Bytt nøkkel).",
        # profile
        "profile.exported": Plural(
            "Eksporterte {n} tilkobling til {path}:", "Eksporterte {n} tilkoblinger til {path}:", by="n"
        ),
        "profile.item": "  - {label} ({environment})",
        "profile.no_secrets": "Filen inneholder ingen nøkler; hver maskin legger inn sine egne etter importen.",
        "profile.imported": Plural(
            "Importerte {n} tilkobling til {settings}:", "Importerte {n} tilkoblinger til {settings}:", by="n"
        ),
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
    """`--lang` when given, else "nb" when LANGUAGE/LC_ALL/LC_MESSAGES/LANG is Norwegian (nb, nn, no), else "en"."""
    if option:
        return option
    env = os.environ if environ is None else environ
    locale = (env.get("LC_ALL") or env.get("LC_MESSAGES") or env.get("LANG") or "").lower()
    # as gettext: LANGUAGE (a list; its first entry) comes first, except under the C locale (also the default)
    first = (env.get("LANGUAGE") or "").split(":")[0].lower()
    lang = first if first and locale.split(".")[0] not in ("", "c", "posix") else locale
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
        text = self._table[self._key(key)]
        return (text.pick(kwargs) if isinstance(text, Plural) else text).format(**kwargs)

    def error(self, code: str, detail: str | None = None, *, platform: str | None = None) -> str:
        """The plain sentence of an error code, then what to do about it on this system where that depends on
        the system (`platform`: sys.platform by default); an unknown code gets the generic sentence naming it."""
        key = f"err.{code}"
        sentence = self(key, detail=detail) if key in self else self("err.generic", code=code)
        hint = self.hint(code, platform)
        return f"{sentence} {hint}" if hint else sentence

    def hint(self, code: str, platform: str | None = None) -> str:
        """What to do about an error code on `platform` (win32, darwin, anything else), or ""."""
        system = platform or sys.platform
        key = f"hint.{code}.{system if system in ('win32', 'darwin') else 'other'}"
        return self(key) if key in self else ""
