"""Headless `tripletex-desktop sync`: argparse, the run over every connection, and printing."""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from tripletex_desktop.app.context import AppContext, build_context
from tripletex_desktop.app.paths import missing_profile_dir
from tripletex_desktop.cli.texts import Texts, language
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import ErrorInfo, StorageError, TripletexDesktopError
from tripletex_desktop.core.mapping import MappingProblem, mapping_gaps
from tripletex_desktop.core.models import PAYMENT_SLOT
from tripletex_desktop.core.permissions import PERMISSIONS_BY_KEY
from tripletex_desktop.core.sync import TOKEN_ERROR_CODES, CompanyReport, EntityError, RunStatus, SyncReport
from tripletex_desktop.core.sync.health import mapping_of
from tripletex_desktop.core.sync.report import WaitingReport
from tripletex_desktop.services.reports import outbox_pusher_for
from tripletex_desktop.services.sync import OutboxStandingReader, make_sync_runner
from tripletex_desktop.storage.settings import ConnectionSettings

log = logging.getLogger(__name__)

EXIT_OK, EXIT_ERROR, EXIT_ATTENTION = 0, 1, 2


def exit_code(reports: Sequence[SyncReport], failures: Sequence[ErrorInfo]) -> int:
    """0 all well, 2 a connection needs the user (token, permission, mapping, a report that failed to send),
    1 any other error."""
    attention = any(r.needs_attention for r in reports) or any(
        f.code in TOKEN_ERROR_CODES | {"permission_denied", "configuration", "keyring_unavailable"}
        for f in failures
    )
    if attention:
        return EXIT_ATTENTION
    if failures or any(r.status in (RunStatus.ERROR, RunStatus.CANCELLED) for r in reports):
        return EXIT_ERROR
    return EXIT_OK


# --- command line ----------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tripletex-desktop sync",
        description="Sync every configured Tripletex connection (or one) once, then exit. "
        "Exit status: 0 all well, 2 a connection needs attention, 1 error.",
    )
    parser.add_argument("--connection", metavar="NAME", help="only this connection (its name or id)")
    parser.add_argument("--json", action="store_true", help="print one JSON document instead of text")
    parser.add_argument("--config-dir", metavar="DIR", help="settings, data and logs in this folder")
    parser.add_argument("--lang", choices=("nb", "en"), help="text output language (default from LANG)")
    parser.add_argument(
        "--check-permissions",
        action="store_true",
        help="probe the token's permissions in every company now (otherwise at most once a day "
        "while nothing is missing)",
    )
    return parser


def _company_status(c: CompanyReport) -> str:
    return "skipped" if c.skipped else str(c.status)


def _summary(report: SyncReport, texts: Texts) -> dict[str, Any]:
    return {
        "connection_id": report.connection_id,
        "status": str(report.status),
        "needs_attention": report.needs_attention,
        "clock_skew_days": report.clock_skew_days,
        "started_at": report.started_at.isoformat(),
        "finished_at": report.finished_at.isoformat(),
        "errors": [_error_json(texts, None, e) for e in report.errors],
        "companies": [
            {
                "company_id": c.company_id,
                "name": c.name,
                "status": _company_status(c),
                "counts": {k: dataclasses.asdict(v) for k, v in c.counts.items()},
                "warnings": list(c.warnings),
                "errors": [_error_json(texts, c.company_id, e) for e in c.errors],
                "push": c.push.to_json(),
                "mapping_problems": [p.to_json() for p in c.mapping_problems],
                "waiting_for_user": [w.to_json() for w in c.waiting_for_user],
            }
            for c in report.companies
        ],
    }


def _error_json(texts: Texts, company_id: int | None, err: EntityError) -> dict[str, Any]:
    """An error for --json: its code, and the sentence the text output prints next to it (as conformance)."""
    message = _entity_error_text(texts, err) if err.entity else _error_text(texts, err.error)
    return {
        "company_id": company_id,
        "entity": err.entity,
        "code": err.error.code,
        "message": message,
        "detail": err.error.detail,
        "request_id": err.error.request_id,
    }


def _print_text(
    out: TextIO,
    texts: Texts,
    connection: ConnectionSettings,
    report: SyncReport | None,
    failure: ErrorInfo | None,
) -> None:
    """Plain sentences in the user's language: the connection, run-level errors, then each company."""
    label = connection.label
    if failure is not None:
        out.write(texts("connection_failed", label=label, message=_error_text(texts, failure)) + "\n")
        return
    assert report is not None
    status = texts("status.attention") if report.needs_attention else texts(f"status.{report.status}")
    out.write(texts("connection", label=label, status=status) + "\n")
    if report.clock_skew_days:
        out.write("  " + texts("clock_skew", days=report.clock_skew_days) + "\n")
    for e in report.errors:
        out.write("  " + texts("run_error", message=_error_text(texts, e.error)) + "\n")
    for c in report.companies:
        name = c.name or str(c.company_id)
        if c.skipped:
            out.write("  " + texts("company", name=name, status=texts("status.skipped")) + "\n")
            continue
        changes = sum(v.changed for v in c.counts.values())
        line = texts(
            "company_counts",
            name=name,
            status=texts(f"status.{c.status}"),
            lists=len(c.counts),
            changes=changes,
        )
        out.write(f"  {line}\n")
        for e in c.errors:
            out.write(f"    {_entity_error_text(texts, e)}\n")
        for p in c.mapping_problems:
            out.write("    " + texts("warning", message=_mapping_problem_text(texts, p)) + "\n")
        for w in c.warnings:
            if w == "mapping_unusable":
                continue  # said item by item above
            slots: tuple[str, ...] = ()
            if w == "mapping_missing":
                company = connection.company(c.company_id) if hasattr(connection, "company") else None
                if company is not None:
                    slots = tuple(mapping_gaps(mapping_of(company), c.travel_settings))
            out.write("    " + texts("warning", message=_warning_text(texts, w, slots)) + "\n")
        if c.push.sent or c.push.failed or c.push.unknown:
            out.write(
                "    " + texts("push", sent=c.push.sent, failed=c.push.failed, unknown=c.push.unknown) + "\n"
            )
        if c.waiting_for_user:
            _print_waiting(out, texts, c.waiting_for_user, "    ")
        elif c.push.failed:
            out.write("    " + texts("push_failed", count=c.push.failed) + "\n")
        if c.push.waiting and c.push.waiting_until is not None:
            until = c.push.waiting_until.astimezone().strftime("%H:%M")
            out.write("    " + texts("push_waiting", count=c.push.waiting, time=until) + "\n")
        if c.push.queued:
            out.write("    " + texts("push_queued", count=c.push.queued) + "\n")


def _mapping_problem_text(texts: Texts, problem: MappingProblem) -> str:
    """A chosen category or payment type that cannot be used: which, for what, and where to choose another."""
    gone = problem.problem != "inactive"
    name = problem.name or texts("unknown_item", id=problem.chosen_id)
    if gone and problem.name:
        name = f"{problem.name}, id {problem.chosen_id}"
    if problem.slot == PAYMENT_SLOT:
        return texts("payment_gone" if gone else "payment_inactive", name=name)
    key = f"slot.{problem.slot}"
    slot = texts(key) if key in texts else problem.slot
    return texts("mapping_gone" if gone else "mapping_inactive", name=name, slot=slot)


def _print_waiting(out: TextIO, texts: Texts, waiting: Sequence[WaitingReport], indent: str) -> None:
    """How many travel reports wait for the user, then one line each: its title, why, Tripletex's requestId."""
    out.write(indent + texts("waiting", count=len(waiting)) + "\n")
    for w in waiting:
        rid = texts("request_id", rid=w.request_id) if w.request_id else ""
        title = w.title or texts("untitled")
        out.write(
            indent
            + "  "
            + texts("waiting_item", title=title, reason=waiting_reason(texts, w), rid=rid)
            + "\n"
        )


def waiting_reason(texts: Texts, w: WaitingReport) -> str:
    """Why a report waits, in plain words: the app's sentence for its code, then what Tripletex said."""
    key = f"reason.{w.code}"
    if key in texts:
        text = texts(key)
    elif f"err.{w.code}" in texts:
        text = texts.error(w.code, w.detail)
    else:
        text = texts("reason.generic", code=w.code)
    said = "; ".join(m.strip() for m in w.messages if m.strip())
    if not said and w.code in ("validation_failed", "bad_request", "conflict", "api"):
        said = w.detail.strip()
    return text + (texts("tripletex_said", said=said) if said else "")


def _waiting_of(context: AppContext, connection: ConnectionSettings) -> list[WaitingReport]:
    """Every report of the connection that waits for the user, read from the outbox (no sync needed); none when the
    database cannot be read (the run's own error says why, and a second one must not become a traceback)."""
    try:
        reader = OutboxStandingReader(context.db)
        return [w for c in connection.companies for w in reader.waiting_for_user(connection.id, int(c.id))]
    except StorageError:
        log.warning("the outbox could not be read for the reports waiting for the user", exc_info=True)
        return []


def _request_id(texts: Texts, info: ErrorInfo) -> str:
    """The suffix ' (requestId: …)' when the error has one, else an empty string."""
    return texts("request_id", rid=info.request_id) if info.request_id else ""


def _error_text(texts: Texts, info: ErrorInfo) -> str:
    """A plain sentence for an error code, with Tripletex's requestId when there is one."""
    return texts.error(info.code, info.detail) + _request_id(texts, info)


def _entity_name(texts: Texts, entity: str | None) -> str:
    """The name of a synced list ("company" for a whole-company error)."""
    key = f"entity.{entity or 'company'}"
    return texts(key) if key in texts else str(entity)


def _permission_text(texts: Texts, key: str, info: ErrorInfo) -> str:
    """A missing permission, named as in Tripletex's token dialog (the labels are Norwegian there)."""
    perm = PERMISSIONS_BY_KEY[key]
    group = perm.group if texts.lang == "nb" else f"{perm.group} ({perm.group_en})"
    return texts("permission_missing", label=perm.tripletex_label_nb, group=group) + _request_id(texts, info)


def _warning_text(texts: Texts, code: str, slots: tuple[str, ...] = ()) -> str:
    """A sync warning code as a sentence."""
    key = f"warn.{code}"
    if key not in texts:
        return texts("warn.generic", code=code)
    names = ", ".join(texts(f"slot.{s}") if f"slot.{s}" in texts else s for s in slots)
    return texts(key, slots=f" ({names})" if names else "")


def _entity_error_text(texts: Texts, err: EntityError) -> str:
    if err.error.code == "permission_denied" and err.entity in PERMISSIONS_BY_KEY:
        return _permission_text(texts, err.entity, err.error)
    return texts(
        "entity_error", entity=_entity_name(texts, err.entity), message=_error_text(texts, err.error)
    )


def main(
    argv: Sequence[str] | None = None,
    *,
    context: AppContext | None = None,
    stdout: TextIO | None = None,
    cancel: CancelToken | None = None,
) -> int:
    """`tripletex-desktop sync [--connection NAME] [--json] [--lang nb|en] [--check-permissions]
    [--config-dir DIR]`; returns the exit status.
    """
    options = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    out = stdout or sys.stdout
    texts = Texts(language(options.lang), "sync")
    own_context = context is None
    if context is None:
        missing = missing_profile_dir(options.config_dir)
        if missing is not None:  # only reads a profile: a mistyped folder is an error, and nothing is created
            text = texts("err.config_dir_missing", path=missing)
            body = {"error": "config_dir_missing", "message": text, "path": str(missing)}
            out.write(json.dumps(body, ensure_ascii=False) + "\n" if options.json else text + "\n")
            return EXIT_ERROR
        try:
            context = build_context(options.config_dir)
        except TripletexDesktopError as exc:
            info = ErrorInfo.from_exception(exc)
            text = texts("startup_failed", message=_error_text(texts, info))
            body = {"error": exc.code, "message": _error_text(texts, info)}
            out.write(json.dumps(body, ensure_ascii=False) + "\n" if options.json else text + "\n")
            return EXIT_ERROR
    try:
        connections = list(context.settings.connections)
        if options.connection:
            chosen = context.settings.connection(options.connection)
            if chosen is None:
                msg = {"error": "unknown_connection", "connection": options.connection}
                text = texts("unknown_connection", name=options.connection)
                out.write(json.dumps(msg) + "\n" if options.json else text + "\n")
                return EXIT_ERROR
            connections = [chosen]
        if not connections:
            out.write(
                json.dumps({"connections": []}) + "\n" if options.json else texts("no_connections") + "\n"
            )
            return EXIT_ATTENTION
        runner = make_sync_runner(
            context,
            trigger="cli",
            pusher_for=outbox_pusher_for(context, wait_for_tripletex=True),
            check_permissions=options.check_permissions,
        )
        token = cancel or CancelToken()
        reports: list[SyncReport] = []
        failures: list[ErrorInfo] = []
        results: list[dict[str, Any]] = []
        attention = False
        for conn in connections:
            try:
                report = runner(conn.id, token, lambda event: None)
            except TripletexDesktopError as exc:
                info = ErrorInfo.from_exception(exc)
                failures.append(info)
                waiting = _waiting_of(context, conn)  # the sync did not run: the outbox still says them
                results.append(
                    {
                        "connection_id": conn.id,
                        "label": conn.label,
                        "status": "failed",
                        "needs_attention": bool(waiting) or exit_code([], [info]) == EXIT_ATTENTION,
                        "error": {
                            "code": info.code,
                            "message": texts.error(info.code, info.detail),
                            "request_id": info.request_id,
                        },
                        "waiting_for_user": [w.to_json() for w in waiting],
                    }
                )
                if not options.json:
                    _print_text(out, texts, conn, None, info)
                    if waiting:
                        _print_waiting(out, texts, waiting, "  ")
                attention = attention or bool(waiting)
                continue
            reports.append(report)
            results.append({"label": conn.label, **_summary(report, texts)})
            if not options.json:
                _print_text(out, texts, conn, report, None)
        code = EXIT_ATTENTION if attention else exit_code(reports, failures)
        if options.json:
            out.write(json.dumps({"exit_code": code, "connections": results}, indent=2) + "\n")
        return code
    finally:
        if own_context:
            context.close()
