"""The message catalogue: error codes and progress phases -> translated text; the one place user text is built."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from tripletex_desktop.core.errors import ErrorInfo
from tripletex_desktop.ui.i18n import QT_TRANSLATE_NOOP

CONTEXT = "Messages"


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


@dataclass(frozen=True, slots=True)
class Message:
    """A translated message: a short title, what happened, what to do about it, and the buttons that do it."""

    code: str
    title: str
    text: str
    fix: str = ""
    request_id: str | None = None
    #: keys of ACTIONS, most useful first; each screen shows a button for those it can carry out
    actions: tuple[str, ...] = ()

    def full_text(self) -> str:
        """Text and fix in one paragraph block, plus the requestId line when there is one."""
        parts = [p for p in (self.text, self.fix) if p]
        if self.request_id:
            parts.append(_t("Request ID (give this to Tripletex support): %1").replace("%1", self.request_id))
        return "\n\n".join(parts)


@dataclass(frozen=True, slots=True)
class Entry:
    """Untranslated source strings of one code (marked with QT_TRANSLATE_NOOP so lupdate finds them)."""

    title: str
    text: str
    fix: str = ""


# Extend by adding entries (or call register()); keys are the stable codes from core/errors.py.
ERRORS: dict[str, Entry] = {
    "configuration": Entry(
        QT_TRANSLATE_NOOP("Messages", "The connection settings are incomplete"),
        QT_TRANSLATE_NOOP(
            "Messages", "Something the connection needs is missing, so nothing was sent to Tripletex."
        ),
        QT_TRANSLATE_NOOP(
            "Messages", "Check the environment and, under Advanced, the address and consumer token."
        ),
    ),
    "token_missing": Entry(
        QT_TRANSLATE_NOOP("Messages", "The employee token is not on this computer"),
        QT_TRANSLATE_NOOP(
            "Messages",
            "The connection is set up, but this computer's password store has no employee token for it (after a profile import, on a new computer or a new user account).",
        ),
        QT_TRANSLATE_NOOP(
            "Messages", "Paste the token here; it is checked with Tripletex before it is stored."
        ),
    ),
    "token_other_companies": Entry(
        QT_TRANSLATE_NOOP("Messages", "This token does not fit this connection"),
        QT_TRANSLATE_NOOP(
            "Messages",
            "It does not reach every company of this connection, or it is an accounting office's token where the connection is a company's own (or the other way round). Nothing was stored.",
        ),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Paste the token made for this connection, or add the other companies as a new connection.",
        ),
    ),
    "test_token_on_production": Entry(
        QT_TRANSLATE_NOOP("Messages", "This is a test token"),
        QT_TRANSLATE_NOOP(
            "Messages",
            "The employee token starts with \u201ctest-\u201d, so it belongs to Tripletex's test environment, but Production is selected. Nothing was sent.",
        ),
        QT_TRANSLATE_NOOP(
            "Messages", "Go back and choose Test, or create the token in your ordinary Tripletex account."
        ),
    ),
    "malformed_token": Entry(
        QT_TRANSLATE_NOOP("Messages", "This does not look like an employee token"),
        QT_TRANSLATE_NOOP("Messages", "The field is empty or contains characters a token never has."),
        QT_TRANSLATE_NOOP(
            "Messages", "Copy the token again from Tripletex and paste it with the Paste button."
        ),
    ),
    "cancelled": Entry(
        QT_TRANSLATE_NOOP("Messages", "Cancelled"),
        QT_TRANSLATE_NOOP("Messages", "The check was cancelled."),
    ),
    "network": Entry(
        QT_TRANSLATE_NOOP("Messages", "No connection to Tripletex"),
        QT_TRANSLATE_NOOP("Messages", "The computer could not reach Tripletex."),
        QT_TRANSLATE_NOOP("Messages", "Check that you are online and try again."),
    ),
    "timeout": Entry(
        QT_TRANSLATE_NOOP("Messages", "Tripletex did not answer in time"),
        QT_TRANSLATE_NOOP(
            "Messages", "The request took too long. The network may be slow, or Tripletex is busy."
        ),
        QT_TRANSLATE_NOOP("Messages", "Try again in a moment."),
    ),
    "tls": Entry(
        QT_TRANSLATE_NOOP("Messages", "Secure connection failed"),
        QT_TRANSLATE_NOOP(
            "Messages",
            "The certificate check failed, so the connection was stopped. This often happens on networks that inspect encrypted traffic.",
        ),
        QT_TRANSLATE_NOOP(
            "Messages", "Try another network, or ask your IT department to allow tripletex.no."
        ),
    ),
    "proxy": Entry(
        QT_TRANSLATE_NOOP("Messages", "The proxy refused the connection"),
        QT_TRANSLATE_NOOP(
            "Messages", "The connection goes through a proxy server, and it did not let the request through."
        ),
        QT_TRANSLATE_NOOP("Messages", "Check the proxy settings of your system, or ask your IT department."),
    ),
    "api": Entry(
        QT_TRANSLATE_NOOP("Messages", "Tripletex reported an error"),
        QT_TRANSLATE_NOOP("Messages", "Tripletex could not carry out the request."),
        QT_TRANSLATE_NOOP(
            "Messages", "Try again. If it keeps happening, contact Tripletex support with the request ID."
        ),
    ),
    "bad_request": Entry(
        QT_TRANSLATE_NOOP("Messages", "Tripletex did not understand the request"),
        QT_TRANSLATE_NOOP("Messages", "This is an error in Tripletex Desktop, not in your data."),
        QT_TRANSLATE_NOOP("Messages", "Please report it together with the request ID."),
    ),
    "auth_failed": Entry(
        QT_TRANSLATE_NOOP("Messages", "Tripletex refused the login"),
        QT_TRANSLATE_NOOP("Messages", "The employee token no longer gives access."),
        QT_TRANSLATE_NOOP("Messages", "Create a new employee token in Tripletex and paste it here."),
    ),
    "employee_token_invalid": Entry(
        QT_TRANSLATE_NOOP("Messages", "Tripletex does not recognise the employee token"),
        QT_TRANSLATE_NOOP(
            "Messages",
            "The token is incomplete, was deleted or has expired, was made for another application, or belongs to the other environment (a token made in Tripletex's test environment does not work in production, and the other way round).",
        ),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Copy the whole token again. If that does not help, create a new one and pick this application's name exactly as shown.",
        ),
    ),
    "employee_token_expired": Entry(
        QT_TRANSLATE_NOOP("Messages", "The employee token has expired"),
        QT_TRANSLATE_NOOP("Messages", "The token has expired or was revoked in Tripletex."),
        QT_TRANSLATE_NOOP(
            "Messages", "Create a new employee token under API access in Tripletex and paste it here."
        ),
    ),
    "clock_wrong": Entry(
        QT_TRANSLATE_NOOP("Messages", "The computer's date looks wrong"),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Tripletex refused the login's end date, which the app takes from this computer's calendar.",
        ),
        QT_TRANSLATE_NOOP(
            "Messages", "Set the computer's date and time right (automatic time is best) and try again."
        ),
    ),
    "consumer_token_invalid": Entry(
        QT_TRANSLATE_NOOP("Messages", "The application token was refused"),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Tripletex does not accept this application's consumer token in the chosen environment.",
        ),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Clear the consumer token under Advanced to use the built-in one, or check that it belongs to this environment.",
        ),
    ),
    "wrong_environment": Entry(
        QT_TRANSLATE_NOOP("Messages", "The token belongs to another environment"),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Tokens from Tripletex's test environment only work there, and production tokens only work in production.",
        ),
        QT_TRANSLATE_NOOP("Messages", "Go back and choose the environment the token was made in."),
    ),
    "permission_denied": Entry(
        QT_TRANSLATE_NOOP("Messages", "Missing access in Tripletex"),
        QT_TRANSLATE_NOOP("Messages", "The employee token lacks a permission this step needs."),
        QT_TRANSLATE_NOOP(
            "Messages", "Open the token in Tripletex (API access), tick the missing box, and check again."
        ),
    ),
    "client_not_reachable": Entry(
        QT_TRANSLATE_NOOP("Messages", "No access to this client"),
        QT_TRANSLATE_NOOP(
            "Messages", "Tripletex did not let the accounting office's token act for this client company."
        ),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Check in Tripletex that your office still has login access to the client, or leave the company out.",
        ),
    ),
    "not_found": Entry(
        QT_TRANSLATE_NOOP("Messages", "Not found in Tripletex"),
        QT_TRANSLATE_NOOP(
            "Messages", "Tripletex could not find what was asked for. It may have been deleted."
        ),
    ),
    "conflict": Entry(
        QT_TRANSLATE_NOOP("Messages", "Changed in Tripletex meanwhile"),
        QT_TRANSLATE_NOOP("Messages", "Someone changed the same thing in Tripletex at the same time."),
        QT_TRANSLATE_NOOP("Messages", "Try again."),
    ),
    "validation_failed": Entry(
        QT_TRANSLATE_NOOP("Messages", "Tripletex rejected the values"),
        QT_TRANSLATE_NOOP("Messages", "One or more values were not accepted."),
    ),
    "rate_limited": Entry(
        QT_TRANSLATE_NOOP("Messages", "Too many requests"),
        QT_TRANSLATE_NOOP("Messages", "Tripletex asks us to slow down for a moment."),
        QT_TRANSLATE_NOOP("Messages", "Wait a minute and try again."),
    ),
    "server_error": Entry(
        QT_TRANSLATE_NOOP("Messages", "Tripletex is unavailable"),
        QT_TRANSLATE_NOOP("Messages", "Tripletex answered with an error on its side."),
        QT_TRANSLATE_NOOP(
            "Messages", "Try again later. If it lasts, contact Tripletex support with the request ID."
        ),
    ),
    "storage": Entry(
        QT_TRANSLATE_NOOP("Messages", "Could not save"),
        QT_TRANSLATE_NOOP("Messages", "Saving on this computer failed. Nothing was changed."),
        QT_TRANSLATE_NOOP("Messages", "Check that the disk is not full and try again."),
    ),
    "keyring_unavailable": Entry(
        QT_TRANSLATE_NOOP("Messages", "The password store is not available"),
        QT_TRANSLATE_NOOP(
            "Messages",
            "The employee token is kept only in your system's password store, never in a file, and the store cannot be used right now.",
        ),
    ),
    "settings_corrupt": Entry(
        QT_TRANSLATE_NOOP("Messages", "The settings could not be read"),
        QT_TRANSLATE_NOOP("Messages", "The settings file was damaged and has been moved aside."),
        QT_TRANSLATE_NOOP("Messages", "Set up the connection again."),
    ),
    "profile_invalid": Entry(
        QT_TRANSLATE_NOOP("Messages", "This profile cannot be imported"),
        QT_TRANSLATE_NOOP(
            "Messages",
            "The file is missing, damaged, not a Tripletex Desktop profile, or made by a newer version. Nothing was changed.",
        ),
        QT_TRANSLATE_NOOP(
            "Messages", "Export the profile again on the other machine and copy the whole file."
        ),
    ),
    "database_too_new": Entry(
        QT_TRANSLATE_NOOP("Messages", "The data was saved by a newer version"),
        QT_TRANSLATE_NOOP(
            "Messages",
            "The local database was written by a newer Tripletex Desktop, so this version leaves it untouched.",
        ),
        QT_TRANSLATE_NOOP("Messages", "Install the newest version of Tripletex Desktop."),
    ),
    "disk_full": Entry(
        QT_TRANSLATE_NOOP("Messages", "The disk is full"),
        QT_TRANSLATE_NOOP("Messages", "Nothing already saved was lost."),
        QT_TRANSLATE_NOOP("Messages", "Free some space and try again."),
    ),
    "read_only": Entry(
        QT_TRANSLATE_NOOP("Messages", "The data folder is read-only"),
        QT_TRANSLATE_NOOP("Messages", "Tripletex Desktop cannot write to its data folder."),
        QT_TRANSLATE_NOOP("Messages", "Check the folder's permissions."),
    ),
    "sync_running": Entry(
        QT_TRANSLATE_NOOP("Messages", "A sync is already running"),
        QT_TRANSLATE_NOOP("Messages", "Another window or process is syncing this connection."),
        QT_TRANSLATE_NOOP("Messages", "Wait until it has finished."),
    ),
    "internal": Entry(
        QT_TRANSLATE_NOOP("Messages", "Something went wrong"),
        QT_TRANSLATE_NOOP("Messages", "An unexpected error occurred in Tripletex Desktop."),
        QT_TRANSLATE_NOOP("Messages", "Try again. If it keeps happening, send the log file to support."),
    ),
    # sync warnings (core/sync): shown in the main window and the sync history
    "mapping_missing": Entry(
        QT_TRANSLATE_NOOP("Messages", "Cost categories are not chosen"),
        QT_TRANSLATE_NOOP(
            "Messages",
            "This company has no cost category for mileage or per diem, or no payment type, so travel reports cannot be sent.",
        ),
        QT_TRANSLATE_NOOP("Messages", "Choose them with File › Edit connection."),
    ),
    "mapping_unusable": Entry(
        QT_TRANSLATE_NOOP(
            "Messages", "A chosen cost category or payment type is inactive or gone in Tripletex"
        ),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Tripletex marks a cost category or payment type chosen for this company as inactive, or no longer has it. Travel reports that use it fail at Approve or when sent. The sync itself goes on.",
        ),
        QT_TRANSLATE_NOOP("Messages", "Choose another in File › Edit connection → Cost categories."),
    ),
    "per_diem_not_compensated": Entry(
        QT_TRANSLATE_NOOP("Messages", "The company does not pay per diem"),
        QT_TRANSLATE_NOOP(
            "Messages", "Tripletex's travel settings say per diem is not compensated in this company."
        ),
    ),
    "mileage_not_compensated": Entry(
        QT_TRANSLATE_NOOP("Messages", "The company does not pay mileage allowance"),
        QT_TRANSLATE_NOOP(
            "Messages", "Tripletex's travel settings say mileage is not compensated in this company."
        ),
    ),
    "permissions_likely_missing": Entry(
        QT_TRANSLATE_NOOP("Messages", "Some permissions are probably missing"),
        QT_TRANSLATE_NOOP(
            "Messages",
            "What Tripletex returned suggests the token lacks a permission, but it did not refuse outright. Syncing goes on; some things may not work.",
        ),
        QT_TRANSLATE_NOOP(
            "Messages", "See which ones, and what does not work without them, with File › Edit connection."
        ),
    ),
    "projects_unavailable": Entry(
        QT_TRANSLATE_NOOP("Messages", "Projects are not fetched"),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Tripletex refuses every project read in this company: it may not use the project module, or the token has none of the project boxes.",
        ),
        QT_TRANSLATE_NOOP(
            "Messages",
            "If the company uses projects, tick the project boxes on the token; otherwise turn off project sync.",
        ),
    ),
    "vat_settings_unreadable": Entry(
        QT_TRANSLATE_NOOP("Messages", "The company's VAT registration could not be read"),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Without it, costs are sent with the cost category's VAT code. If the company is not VAT-registered, Tripletex refuses such costs when the report is delivered.",
        ),
        QT_TRANSLATE_NOOP(
            "Messages", "Give the token access to the company's accounting settings, then sync again."
        ),
    ),
    "accommodation_not_compensated": Entry(
        QT_TRANSLATE_NOOP("Messages", "The company does not pay accommodation allowance"),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Tripletex's travel settings say accommodation allowance is not compensated in this company.",
        ),
    ),
}

#: Keyring advice per reason and platform ("win32", "darwin", other = Linux/BSD with Secret Service).
KEYRING_ADVICE: dict[tuple[str, str], str] = {
    ("no_backend", "win32"): QT_TRANSLATE_NOOP(
        "Messages",
        "Windows Credential Manager could not be reached. Sign in to Windows with your own user account and try again.",
    ),
    ("no_backend", "darwin"): QT_TRANSLATE_NOOP(
        "Messages",
        "The macOS Keychain could not be reached. Open Keychain Access, make sure the login keychain exists, and try again.",
    ),
    ("no_backend", "other"): QT_TRANSLATE_NOOP(
        "Messages",
        "No Secret Service was found. Install and start GNOME Keyring or KWallet (for example the gnome-keyring package), log out and in again, and try again.",
    ),
    ("insecure_backend", "other"): QT_TRANSLATE_NOOP(
        "Messages",
        "Only an unencrypted password store was found, and the token is never stored unencrypted. Install GNOME Keyring or KWallet and try again.",
    ),
    ("insecure_backend", "win32"): QT_TRANSLATE_NOOP(
        "Messages",
        "Only an unencrypted password store was found, and the token is never stored unencrypted. Check that Windows Credential Manager is available.",
    ),
    ("insecure_backend", "darwin"): QT_TRANSLATE_NOOP(
        "Messages",
        "Only an unencrypted password store was found, and the token is never stored unencrypted. Check that the macOS Keychain is available.",
    ),
    ("locked", "win32"): QT_TRANSLATE_NOOP(
        "Messages", "Windows Credential Manager refused access. Try again, and allow access if Windows asks."
    ),
    ("locked", "darwin"): QT_TRANSLATE_NOOP(
        "Messages",
        "The macOS Keychain is locked. Unlock it (enter your Mac password when asked) and try again.",
    ),
    ("locked", "other"): QT_TRANSLATE_NOOP(
        "Messages",
        "The keyring is locked. Unlock it (GNOME Keyring or KWallet will ask for your password) and try again.",
    ),
}

#: Progress phases of a sync (the main window adds its own).
PHASES: dict[str, str] = {
    "session": QT_TRANSLATE_NOOP("Messages", "Logging in to Tripletex"),
    "employees": QT_TRANSLATE_NOOP("Messages", "Fetching employees"),
    "projects": QT_TRANSLATE_NOOP("Messages", "Fetching projects"),
    "departments": QT_TRANSLATE_NOOP("Messages", "Fetching departments"),
    "done": QT_TRANSLATE_NOOP("Messages", "Finished"),
    # sync engine phases (core/sync Entity and Phase codes)
    "starting": QT_TRANSLATE_NOOP("Messages", "Starting"),
    "permissions": QT_TRANSLATE_NOOP("Messages", "Checking permissions in Tripletex"),
    "cost_categories": QT_TRANSLATE_NOOP("Messages", "Fetching cost categories"),
    "payment_types": QT_TRANSLATE_NOOP("Messages", "Fetching payment types"),
    "travel_settings": QT_TRANSLATE_NOOP("Messages", "Fetching travel settings"),
    "rate_categories": QT_TRANSLATE_NOOP("Messages", "Fetching rate categories"),
    "rates": QT_TRANSLATE_NOOP("Messages", "Fetching rates"),
    "zones": QT_TRANSLATE_NOOP("Messages", "Fetching travel zones"),
    "vat_settings": QT_TRANSLATE_NOOP("Messages", "Fetching VAT settings"),
    "waiting_rate_limit": QT_TRANSLATE_NOOP("Messages", "Waiting for Tripletex's request limit"),
    "push": QT_TRANSLATE_NOOP("Messages", "Sending travel reports"),
}


# --- travel reports (storage/reports.py, core/transfer/, core/travel.py, core/importing.py) -----------

ERRORS.update(
    {
        "report_not_found": Entry(
            QT_TRANSLATE_NOOP("Messages", "The travel report is gone"),
            QT_TRANSLATE_NOOP("Messages", "The report was deleted, perhaps in another window."),
        ),
        "report_not_editable": Entry(
            QT_TRANSLATE_NOOP("Messages", "The report can no longer be changed"),
            QT_TRANSLATE_NOOP(
                "Messages",
                "Only drafts can be changed or deleted. This report is approved or already on its way to Tripletex.",
            ),
        ),
        "report_delivered_in_tripletex": Entry(
            QT_TRANSLATE_NOOP("Messages", "The report is already delivered in Tripletex"),
            QT_TRANSLATE_NOOP(
                "Messages",
                "Tripletex holds this report as delivered (or approved), so it can no longer be changed from here.",
            ),
            QT_TRANSLATE_NOOP(
                "Messages", "Correct it in Tripletex, or ask the approver to send it back (undeliver) first."
            ),
        ),
        "report_in_tripletex": Entry(
            QT_TRANSLATE_NOOP("Messages", "The report cannot be reopened"),
            QT_TRANSLATE_NOOP(
                "Messages",
                "Part of it was already written to Tripletex (or may have been), so changing it here would no longer match Tripletex.",
            ),
            QT_TRANSLATE_NOOP(
                "Messages",
                "Use \u201cCheck status in Tripletex\u201d and Send again to finish it, and correct it in Tripletex.",
            ),
        ),
        "report_not_sendable": Entry(
            QT_TRANSLATE_NOOP("Messages", "The report cannot be sent"),
            QT_TRANSLATE_NOOP(
                "Messages", "Only approved reports are sent, and a sent report is never sent twice."
            ),
            QT_TRANSLATE_NOOP(
                "Messages",
                "Mark the draft ready to send first, or use \u201cCheck status in Tripletex\u201d.",
            ),
        ),
        "report_invalid": Entry(
            QT_TRANSLATE_NOOP("Messages", "The report is not complete"),
            QT_TRANSLATE_NOOP(
                "Messages", "Some fields are missing or wrong, so the report cannot be approved."
            ),
            QT_TRANSLATE_NOOP("Messages", "Open the report; the problems are shown next to the fields."),
        ),
        "transfer_plan_invalid": Entry(
            QT_TRANSLATE_NOOP("Messages", "The report cannot be turned into a Tripletex travel expense"),
            QT_TRANSLATE_NOOP(
                "Messages",
                "A rate, cost category or payment type the report needs is missing. Nothing was sent.",
            ),
            QT_TRANSLATE_NOOP(
                "Messages",
                "Sync the company to fetch this year's rates, and check the cost categories chosen for the company.",
            ),
        ),
        "currency_unknown": Entry(
            QT_TRANSLATE_NOOP("Messages", "Tripletex does not know a currency in the report"),
            QT_TRANSLATE_NOOP(
                "Messages", "A cost is in a currency code Tripletex does not have. Nothing was sent."
            ),
            QT_TRANSLATE_NOOP(
                "Messages", "Open the report, correct the currency of the marked cost, and send again."
            ),
        ),
        "transfer_report_missing": Entry(
            QT_TRANSLATE_NOOP("Messages", "The report was not found in Tripletex"),
            QT_TRANSLATE_NOOP(
                "Messages",
                "Tripletex Desktop had started sending this report, but Tripletex does not have it now. It may have been deleted there.",
            ),
            QT_TRANSLATE_NOOP("Messages", "Check in Tripletex, then use Send again."),
        ),
        "awaiting_tripletex": Entry(
            QT_TRANSLATE_NOOP("Messages", "Waiting for an answer from Tripletex"),
            QT_TRANSLATE_NOOP(
                "Messages",
                "An earlier attempt got no answer, and Tripletex may still be handling it. To make sure nothing is sent twice, Tripletex Desktop does not try again until that attempt can no longer arrive.",
            ),
            QT_TRANSLATE_NOOP(
                "Messages", "Nothing to do: the next sync finishes the report, or use Send again later."
            ),
        ),
        "created_without_id": Entry(
            QT_TRANSLATE_NOOP("Messages", "Tripletex did not say what it created"),
            QT_TRANSLATE_NOOP(
                "Messages",
                "Tripletex accepted a line but its answer named no id, and the line was not found right after.",
            ),
            QT_TRANSLATE_NOOP(
                "Messages", "Use Send again in a little while; a line that exists is found, not sent twice."
            ),
        ),
        "approve_refused": Entry(
            QT_TRANSLATE_NOOP("Messages", "Delivered, but not approved"),
            QT_TRANSLATE_NOOP(
                "Messages",
                "The report is delivered in Tripletex. Tripletex does not let this token approve it.",
            ),
            QT_TRANSLATE_NOOP(
                "Messages",
                "Someone who approves travel expenses approves it in Tripletex. To stop trying, turn off approving in File › Edit connection.",
            ),
        ),
        "receipt_unreadable": Entry(
            QT_TRANSLATE_NOOP("Messages", "A receipt file could not be read"),
            QT_TRANSLATE_NOOP("Messages", "The file was moved, deleted or is not readable."),
            QT_TRANSLATE_NOOP("Messages", "Attach the receipt again and use Send again."),
        ),
        "no_rate_for_date": Entry(
            QT_TRANSLATE_NOOP("Messages", "No rate for this date"),
            QT_TRANSLATE_NOOP(
                "Messages",
                "The company has no rate for the trip's date in Tripletex (often: next year's rates are not synced yet).",
            ),
            QT_TRANSLATE_NOOP("Messages", "Sync the company, or pick the rate category on the line."),
        ),
        "passenger_rate_missing": Entry(
            QT_TRANSLATE_NOOP("Messages", "No passenger supplement rate for this date"),
            QT_TRANSLATE_NOOP(
                "Messages",
                "The company has no rate for the passenger supplement (Bil - passasjertillegg) on the trip's date in Tripletex.",
            ),
            QT_TRANSLATE_NOOP("Messages", "Sync the company, or set the passengers on the line to 0."),
        ),
        "zone_missing": Entry(
            QT_TRANSLATE_NOOP("Messages", "Tripletex has no travel zone for the country"),
            QT_TRANSLATE_NOOP(
                "Messages",
                "Per diem abroad is paid at the rate of the country's zone in Tripletex, and no zone was found for the trip's country on its date. Nothing was sent.",
            ),
            QT_TRANSLATE_NOOP(
                "Messages", "Sync the company, and check the country code of the trip (two letters, e.g. SE)."
            ),
        ),
        "zone_not_enabled": Entry(
            QT_TRANSLATE_NOOP("Messages", "Travel to this country is not enabled in Tripletex"),
            QT_TRANSLATE_NOOP(
                "Messages",
                "Tripletex answers \u201cCountry not enabled for travel expense\u201d for the trip's country, so a per diem there cannot be delivered. Nothing was sent.",
            ),
            QT_TRANSLATE_NOOP(
                "Messages",
                "Ask whoever administers Tripletex to enable the country, or enter the per diem as a cost.",
            ),
        ),
        "zone_rate_missing": Entry(
            QT_TRANSLATE_NOOP("Messages", "No per diem rate for the country"),
            QT_TRANSLATE_NOOP(
                "Messages",
                "Tripletex has no rate for the trip's country in this per diem category on the trip's date. Nothing was sent.",
            ),
            QT_TRANSLATE_NOOP("Messages", "Sync the company, or pick another rate category on the line."),
        ),
        "ambiguous_rate": Entry(
            QT_TRANSLATE_NOOP("Messages", "More than one rate fits"),
            QT_TRANSLATE_NOOP("Messages", "Several rate categories fit this line equally well."),
            QT_TRANSLATE_NOOP("Messages", "Pick the rate category on the line."),
        ),
        "import_unreadable": Entry(
            QT_TRANSLATE_NOOP("Messages", "The file could not be read"),
            QT_TRANSLATE_NOOP("Messages", "It is not a readable CSV or Excel file."),
        ),
        "import_empty": Entry(
            QT_TRANSLATE_NOOP("Messages", "The file is empty"),
            QT_TRANSLATE_NOOP("Messages", "No header row was found."),
        ),
        "import_unsupported_format": Entry(
            QT_TRANSLATE_NOOP("Messages", "This file type is not supported"),
            QT_TRANSLATE_NOOP("Messages", "Choose a CSV (.csv, .txt, .tsv) or Excel (.xlsx) file."),
        ),
        "import_too_large": Entry(
            QT_TRANSLATE_NOOP("Messages", "The file is too large"),
            QT_TRANSLATE_NOOP("Messages", "Split it into smaller files and import them one by one."),
        ),
    }
)

#: Validation codes of a report's fields and of import rows -> short text shown next to the field.
FIELD_PROBLEMS: dict[str, str] = {
    "employee_missing": QT_TRANSLATE_NOOP("Messages", "Choose the employee."),
    "employee_may_not_register": QT_TRANSLATE_NOOP(
        "Messages", "Tripletex does not let travel expenses be registered for this employee; choose another."
    ),
    "title_missing": QT_TRANSLATE_NOOP("Messages", "Enter a title."),
    "departure_missing": QT_TRANSLATE_NOOP("Messages", "Enter the departure date and time."),
    "return_missing": QT_TRANSLATE_NOOP("Messages", "Enter the return date and time."),
    "return_before_departure": QT_TRANSLATE_NOOP("Messages", "The return is before the departure."),
    "day_trip_too_long": QT_TRANSLATE_NOOP("Messages", "A day trip lasts at most 24 hours; tick Overnight."),
    "departure_from_missing": QT_TRANSLATE_NOOP("Messages", "Enter where the trip starts."),
    "destination_missing": QT_TRANSLATE_NOOP("Messages", "Enter the destination."),
    "purpose_missing": QT_TRANSLATE_NOOP("Messages", "Enter the purpose of the trip."),
    "country_code_missing": QT_TRANSLATE_NOOP("Messages", "Enter the country (two letters, e.g. SE)."),
    "country_code_invalid": QT_TRANSLATE_NOOP("Messages", "The country is two capital letters, e.g. SE."),
    "no_lines": QT_TRANSLATE_NOOP("Messages", "Add at least one line."),
    "mileage_on_expense": QT_TRANSLATE_NOOP("Messages", "An employee expense has no mileage."),
    "per_diem_on_expense": QT_TRANSLATE_NOOP("Messages", "An employee expense has no per diem."),
    "km_not_positive": QT_TRANSLATE_NOOP("Messages", "Kilometres must be a number above 0."),
    "from_missing": QT_TRANSLATE_NOOP("Messages", "Enter where the drive starts."),
    "to_missing": QT_TRANSLATE_NOOP("Messages", "Enter where the drive ends."),
    "passengers_out_of_range": QT_TRANSLATE_NOOP("Messages", "Passengers must be between 0 and 8."),
    "passenger_names_mismatch": QT_TRANSLATE_NOOP("Messages", "Give one name per passenger."),
    "toll_negative": QT_TRANSLATE_NOOP("Messages", "Tolls cannot be negative."),
    "date_outside_trip": QT_TRANSLATE_NOOP("Messages", "The date is outside the trip."),
    "count_not_positive": QT_TRANSLATE_NOOP("Messages", "The number of days must be above 0."),
    "accommodation_on_day_trip": QT_TRANSLATE_NOOP("Messages", "A day trip has no overnight accommodation."),
    "accommodation_missing": QT_TRANSLATE_NOOP("Messages", "Choose where the night was spent (e.g. hotel)."),
    "rate_not_for_day_trip": QT_TRANSLATE_NOOP("Messages", "This rate is for trips with an overnight stay."),
    "rate_not_for_overnight_trip": QT_TRANSLATE_NOOP("Messages", "This rate is for day trips only."),
    "rate_wrong_region": QT_TRANSLATE_NOOP(
        "Messages", "This rate is for the other region (domestic or abroad)."
    ),
    "cost_category_missing": QT_TRANSLATE_NOOP("Messages", "Choose a cost category."),
    "cost_category_gone": QT_TRANSLATE_NOOP(
        "Messages", "This cost category is no longer in Tripletex (latest sync); choose another."
    ),
    "payment_type_gone": QT_TRANSLATE_NOOP(
        "Messages", "This payment type is no longer in Tripletex (latest sync); choose another."
    ),
    "rate_category_gone": QT_TRANSLATE_NOOP(
        "Messages", "This rate category is not in the latest sync from Tripletex; choose another."
    ),
    "amount_not_positive": QT_TRANSLATE_NOOP("Messages", "The amount must be a number above 0."),
    "currency_invalid": QT_TRANSLATE_NOOP("Messages", "The currency is three capital letters, e.g. NOK."),
    "currency_unknown": QT_TRANSLATE_NOOP("Messages", "Tripletex does not know this currency."),
    "payment_type_missing": QT_TRANSLATE_NOOP("Messages", "Choose how it was paid."),
    "toll_category_missing": QT_TRANSLATE_NOOP("Messages", "No cost category is chosen for tolls."),
    "mileage_cost_category_missing": QT_TRANSLATE_NOOP("Messages", "No cost category is chosen for mileage."),
    "per_diem_cost_category_missing": QT_TRANSLATE_NOOP(
        "Messages", "No cost category is chosen for per diem."
    ),
    "no_rate_for_date": QT_TRANSLATE_NOOP("Messages", "No rate in Tripletex for this date."),
    "passenger_rate_missing": QT_TRANSLATE_NOOP(
        "Messages", "No passenger supplement rate in Tripletex for this date."
    ),
    "ambiguous_rate": QT_TRANSLATE_NOOP("Messages", "More than one rate fits; pick the rate category."),
    "zone_missing": QT_TRANSLATE_NOOP(
        "Messages", "Tripletex has no travel zone for the trip's country on this date."
    ),
    # what Tripletex refused when the report was delivered (core/transfer/refusals.py)
    "receipt_format_unsupported": QT_TRANSLATE_NOOP(
        "Messages",
        "Tripletex does not take HEIC photos (iPhone). Export the receipt as JPEG or PDF and attach that file.",
    ),
    "refused_rate": QT_TRANSLATE_NOOP(
        "Messages", "Tripletex refused the rate of this line when the report was delivered."
    ),
    "refused_vat": QT_TRANSLATE_NOOP(
        "Messages",
        "Tripletex refused the VAT code of this cost when the report was delivered (a company that is not VAT-registered cannot deduct VAT).",
    ),
    "refused_cost_category": QT_TRANSLATE_NOOP(
        "Messages", "Tripletex refused the cost category of this cost (it is inactive or no longer exists)."
    ),
    "refused_payment_type": QT_TRANSLATE_NOOP(
        "Messages",
        "Tripletex refused how this cost was paid (the payment type is inactive or no longer exists).",
    ),
    "refused_zone": QT_TRANSLATE_NOOP(
        "Messages", "Tripletex does not accept travel expenses for the trip's country (not enabled)."
    ),
    "refused_accommodation": QT_TRANSLATE_NOOP(
        "Messages", "Tripletex needs where the night was spent for this rate."
    ),
    "refused_currency": QT_TRANSLATE_NOOP("Messages", "Tripletex refused the currency of this cost."),
    "refused_location": QT_TRANSLATE_NOOP("Messages", "Tripletex refused the place of this line."),
    "refused_count": QT_TRANSLATE_NOOP("Messages", "Tripletex refused the number of days on this line."),
    "refused_km": QT_TRANSLATE_NOOP("Messages", "Tripletex refused the kilometres on this line."),
    "refused_date": QT_TRANSLATE_NOOP("Messages", "Tripletex refused the date of this line."),
    "refused_line": QT_TRANSLATE_NOOP(
        "Messages", "Tripletex refused this line when the report was delivered."
    ),
    "refused_departure_from": QT_TRANSLATE_NOOP("Messages", "Tripletex needs where the trip starts."),
    "refused_destination": QT_TRANSLATE_NOOP("Messages", "Tripletex needs the destination."),
    "refused_purpose": QT_TRANSLATE_NOOP("Messages", "Tripletex needs the purpose of the trip."),
    "refused_dates": QT_TRANSLATE_NOOP("Messages", "Tripletex refused the dates of the trip."),
    "refused_report": QT_TRANSLATE_NOOP("Messages", "Tripletex refused the report when it was delivered."),
    "zone_not_enabled": QT_TRANSLATE_NOOP(
        "Messages", "The trip's country is not enabled for travel expenses in Tripletex."
    ),
    "zone_rate_missing": QT_TRANSLATE_NOOP(
        "Messages", "No rate for the trip's country in this category in Tripletex."
    ),
    "invalid_date": QT_TRANSLATE_NOOP("Messages", "Not a date."),
    "invalid_time": QT_TRANSLATE_NOOP("Messages", "Not a time of day."),
    "invalid_number": QT_TRANSLATE_NOOP("Messages", "Not a number."),
    "invalid_bool": QT_TRANSLATE_NOOP("Messages", "Not yes or no."),
    "required": QT_TRANSLATE_NOOP("Messages", "Missing."),
    "column_not_found": QT_TRANSLATE_NOOP("Messages", "The column is not in the file."),
    "column_not_mapped": QT_TRANSLATE_NOOP("Messages", "Choose the column for this field."),
    "employee_unknown": QT_TRANSLATE_NOOP("Messages", "No employee with this number, e-mail or name."),
    "employee_not_travel": QT_TRANSLATE_NOOP(
        "Messages",
        "Tripletex does not register travel expenses for this employee "
        "(information registration is turned off for them in Tripletex).",
    ),
    "employee_ambiguous": QT_TRANSLATE_NOOP(
        "Messages", "Several employees have this name; use the employee number."
    ),
    # import rows (core/importing/plan.py)
    "needs_km": QT_TRANSLATE_NOOP("Messages", "Only a leg with km can have this; enter the km or clear it."),
    "invalid_lodging": QT_TRANSLATE_NOOP("Messages", "Write hotell, privat, pensjonat or ingen."),
    "invalid_country": QT_TRANSLATE_NOOP("Messages", "Not a country; write e.g. SE or Sverige."),
    "cost_category_unknown": QT_TRANSLATE_NOOP(
        "Messages", "The company has no cost category with this name."
    ),
    "cost_category_ambiguous": QT_TRANSLATE_NOOP(
        "Messages", "Several cost categories match; write the category's full name."
    ),
    "cost_category_inactive": QT_TRANSLATE_NOOP(
        "Messages", "This cost category is no longer in use in Tripletex."
    ),
    "cost_category_not_for_travel": QT_TRANSLATE_NOOP(
        "Messages", "This cost category cannot be used on a travel report."
    ),
    "cost_category_not_for_expense": QT_TRANSLATE_NOOP(
        "Messages", "This cost category cannot be used on an employee expense."
    ),
    "payment_type_unknown": QT_TRANSLATE_NOOP("Messages", "The company has no payment type with this name."),
    "payment_type_ambiguous": QT_TRANSLATE_NOOP(
        "Messages", "Several payment types match; write the payment type's full name."
    ),
    "payment_type_inactive": QT_TRANSLATE_NOOP(
        "Messages", "This payment type is no longer in use in Tripletex."
    ),
    "receipt_unsupported": QT_TRANSLATE_NOOP("Messages", "A receipt is a PDF or an image (PNG, JPG, TIFF)."),
    "receipt_not_found": QT_TRANSLATE_NOOP(
        "Messages", "No such file; the path starts in the folder of the imported file."
    ),
    "nothing_to_import": QT_TRANSLATE_NOOP(
        "Messages", "The row has neither a trip (from, to) nor a cost (cost type, amount)."
    ),
    "trip_imported_before": QT_TRANSLATE_NOOP(
        "Messages",
        "The row belongs to a trip imported before; add it to that report in the editor, or delete that draft and import again.",
    ),
}


#: The buttons an error can offer: key -> (button text with mnemonic, accessible name). Each screen handles the
#: keys it can carry out (main window: MAIN_WINDOW_ACTIONS, reports tab: REPORTS_ACTIONS, wizard: WIZARD_ACTIONS).
ACTIONS: dict[str, tuple[str, str]] = {
    "replace_token": (
        QT_TRANSLATE_NOOP("Messages", "&Replace token\u2026"),
        QT_TRANSLATE_NOOP("Messages", "Replace the employee token"),
    ),
    "paste_token": (
        QT_TRANSLATE_NOOP("Messages", "P&aste a new token"),
        QT_TRANSLATE_NOOP("Messages", "Paste a new employee token"),
    ),
    "retry": (QT_TRANSLATE_NOOP("Messages", "&Try again"), QT_TRANSLATE_NOOP("Messages", "Try again")),
    "open_tripletex": (
        QT_TRANSLATE_NOOP("Messages", "Open Tripletex in the &browser"),
        QT_TRANSLATE_NOOP("Messages", "Open Tripletex in the browser"),
    ),
    "edit_connection": (
        QT_TRANSLATE_NOOP("Messages", "&Edit connection\u2026"),
        QT_TRANSLATE_NOOP("Messages", "Edit the connection's settings"),
    ),
    "go_back": (
        QT_TRANSLATE_NOOP("Messages", "Back to the &environment"),
        QT_TRANSLATE_NOOP("Messages", "Go back to the environment page"),
    ),
    "add_connection": (
        QT_TRANSLATE_NOOP("Messages", "&Add connection\u2026"),
        QT_TRANSLATE_NOOP("Messages", "Add a connection"),
    ),
    "import_profile": (
        QT_TRANSLATE_NOOP("Messages", "Import another &profile\u2026"),
        QT_TRANSLATE_NOOP("Messages", "Import another profile file"),
    ),
    "support_bundle": (
        QT_TRANSLATE_NOOP("Messages", "Create &support bundle"),
        QT_TRANSLATE_NOOP("Messages", "Create a support bundle for Tripletex Desktop's support"),
    ),
    "open_data_folder": (
        QT_TRANSLATE_NOOP("Messages", "Open the data &folder"),
        QT_TRANSLATE_NOOP("Messages", "Open the app's data folder"),
    ),
    "sync_now": (QT_TRANSLATE_NOOP("Messages", "S&ync now"), QT_TRANSLATE_NOOP("Messages", "Sync now")),
    "open_report": (
        QT_TRANSLATE_NOOP("Messages", "&Open the report"),
        QT_TRANSLATE_NOOP("Messages", "Open the report to correct it"),
    ),
    "check_status": (
        QT_TRANSLATE_NOOP("Messages", "Check &status in Tripletex"),
        QT_TRANSLATE_NOOP("Messages", "Check the report's status in Tripletex"),
    ),
    "send_again": (
        QT_TRANSLATE_NOOP("Messages", "Send a&gain"),
        QT_TRANSLATE_NOOP("Messages", "Send again (never creates duplicates)"),
    ),
    "session_only": (
        QT_TRANSLATE_NOOP("Messages", "&Keep the token for this run only"),
        QT_TRANSLATE_NOOP("Messages", "Keep the token for this run only"),
    ),
}

#: The actions each error's fix recommends (codes of ERRORS).
ERROR_ACTIONS: dict[str, tuple[str, ...]] = {
    "token_missing": ("paste_token", "replace_token"),
    "token_other_companies": ("paste_token", "add_connection"),
    "configuration": ("go_back", "edit_connection"),
    "test_token_on_production": ("go_back", "edit_connection"),
    "malformed_token": ("paste_token", "replace_token"),
    "network": ("retry",),
    "timeout": ("retry",),
    "tls": ("retry",),
    "proxy": ("retry",),
    "api": ("retry", "support_bundle"),
    "bad_request": ("support_bundle",),
    "auth_failed": ("paste_token", "replace_token", "open_tripletex"),
    "employee_token_invalid": ("paste_token", "replace_token", "open_tripletex"),
    "employee_token_expired": ("paste_token", "replace_token", "open_tripletex"),
    "consumer_token_invalid": ("go_back", "edit_connection"),
    "wrong_environment": ("go_back", "edit_connection"),
    "permission_denied": ("open_tripletex", "retry"),
    "client_not_reachable": ("open_tripletex", "edit_connection"),
    "conflict": ("retry",),
    "rate_limited": ("retry",),
    "server_error": ("retry", "support_bundle"),
    "storage": ("retry", "open_data_folder"),
    "keyring_unavailable": ("retry", "session_only"),
    "settings_corrupt": ("add_connection", "import_profile"),
    "profile_invalid": ("import_profile",),
    "disk_full": ("retry", "open_data_folder"),
    "read_only": ("open_data_folder",),
    "internal": ("retry", "support_bundle"),
    "mapping_missing": ("edit_connection",),
    "mapping_unusable": ("edit_connection",),
    "report_in_tripletex": ("check_status", "send_again"),
    "report_delivered_in_tripletex": ("open_tripletex",),
    "report_not_sendable": ("open_report", "check_status"),
    "report_invalid": ("open_report",),
    "transfer_plan_invalid": ("sync_now", "edit_connection"),
    "currency_unknown": ("open_report",),
    "transfer_report_missing": ("open_tripletex", "send_again"),
    "receipt_unreadable": ("open_report", "send_again"),
    "no_rate_for_date": ("sync_now", "open_report"),
    "passenger_rate_missing": ("sync_now", "open_report"),
    "ambiguous_rate": ("open_report",),
    "clock_wrong": ("retry",),
    "permissions_likely_missing": ("edit_connection", "open_tripletex"),
    "projects_unavailable": ("open_tripletex", "edit_connection"),
    "vat_settings_unreadable": ("open_tripletex", "sync_now"),
    "zone_missing": ("sync_now", "open_report"),
    "zone_not_enabled": ("open_tripletex", "open_report"),
    "zone_rate_missing": ("sync_now", "open_report"),
    "awaiting_tripletex": ("sync_now",),
    "created_without_id": ("send_again",),
    "approve_refused": ("open_tripletex", "edit_connection"),
}

#: Fixes that recommend no action this app could take (with why), so they have no button.
NO_ACTION = {
    "sync_running": "waiting for the other sync is not something to click",
    "database_too_new": "installing a newer version happens outside the app (the update check offers it)",
}

MAIN_WINDOW_ACTIONS = frozenset(
    {
        "replace_token",
        "paste_token",
        "retry",
        "open_tripletex",
        "edit_connection",
        "add_connection",
        "import_profile",
        "support_bundle",
        "open_data_folder",
        "sync_now",
    }
)
REPORTS_ACTIONS = frozenset(
    {"open_report", "check_status", "send_again", "sync_now", "edit_connection", "open_tripletex", "retry"}
    | {"replace_token", "support_bundle", "open_data_folder"}
)
WIZARD_ACTIONS = frozenset({"retry", "go_back", "paste_token", "open_tripletex", "session_only"})


def action_text(key: str) -> tuple[str, str]:
    """The translated (button text, accessible name) of an action."""
    label, accessible = ACTIONS[key]
    return _t(label), _t(accessible)


def problem_text(code: str) -> str:
    """Translated text of a field validation or import row code (a generic text when unknown)."""
    source = FIELD_PROBLEMS.get(code)
    if source:
        return _t(source)
    return _t(QT_TRANSLATE_NOOP("Messages", "This value is not accepted (%1).")).replace("%1", code)


def problem_line_text(field: str | None, code: str) -> str:
    """A problem with the line it belongs to: "Line 3: This cost category is inactive …" (fields ``lines[2]…``)."""
    text = problem_text(code)
    if field and field.startswith("lines["):
        number = field[len("lines[") :].split("]", 1)[0]
        if number.isdigit():
            return (
                _t(QT_TRANSLATE_NOOP("Messages", "Line %1: %2"))
                .replace("%1", str(int(number) + 1))
                .replace("%2", text)
            )
    return text


def register(code: str, title: str, text: str, fix: str = "") -> None:
    """Add or replace a catalogue entry (mark the strings with QT_TRANSLATE_NOOP("Messages", ...))."""
    ERRORS[code] = Entry(title, text, fix)


def _platform_key(platform: str) -> str:
    if platform.startswith("win"):
        return "win32"
    if platform == "darwin":
        return "darwin"
    return "other"


def keyring_advice(reason: str, platform: str | None = None) -> str:
    """Translated, OS-specific advice for SecretStoreUnavailable(reason)."""
    key = (
        reason if reason in ("no_backend", "insecure_backend", "locked") else "no_backend",
        _platform_key(platform or sys.platform),
    )
    return _t(KEYRING_ADVICE[key])


def message_for(error: ErrorInfo | BaseException, *, platform: str | None = None) -> Message:
    """Translate an error (or ErrorInfo) into title, text and fix; unknown codes fall back sensibly."""
    info = error if isinstance(error, ErrorInfo) else ErrorInfo.from_exception(error)
    entry = ERRORS.get(info.code)
    if entry is None:
        entry = ERRORS["api"] if info.status else ERRORS["internal"]
    fix = _t(entry.fix) if entry.fix else ""
    if info.code == "keyring_unavailable":
        reason = getattr(error, "reason", "no_backend") if isinstance(error, BaseException) else "no_backend"
        fix = keyring_advice(reason, platform)
    if info.code == "validation_failed" and info.fields:
        fix = "\n".join(f"\u2022 {v.message}" for v in info.fields)
    code = info.code if info.code in ERRORS else ("api" if info.status else "internal")
    return Message(
        info.code, _t(entry.title), _t(entry.text), fix, info.request_id, ERROR_ACTIONS.get(code, ())
    )


def waiting_text(until: dt.datetime, now: dt.datetime | None = None) -> str:
    """What the app waits for after a write that got no answer: "… before trying again, until 14:32" (local time;
    the date too when it is not today)."""
    local = until.astimezone()
    today = (now or dt.datetime.now(dt.UTC)).astimezone().date()
    if local.date() == today:
        return _t(
            QT_TRANSLATE_NOOP(
                "Messages", "Waiting for an answer from Tripletex before trying again, until %1"
            )
        ).replace("%1", local.strftime("%H:%M"))
    return (
        _t(
            QT_TRANSLATE_NOOP(
                "Messages", "Waiting for an answer from Tripletex before trying again, until %1 at %2"
            )
        )
        .replace("%1", local.strftime("%d.%m.%Y"))
        .replace("%2", local.strftime("%H:%M"))
    )


def phase_text(phase: str) -> str:
    """Translated text of a sync progress phase code (the code itself when unknown)."""
    source = PHASES.get(phase)
    return _t(source) if source else phase
