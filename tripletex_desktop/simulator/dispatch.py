"""Routing: the route table, authentication of a request, and error replies."""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Callable
from typing import Any

from . import fields as flds
from .context import Ctx, Reply
from .domain import ApiFail, forbidden, not_found
from .world import World

Handler = Callable[[World, Ctx], Reply]
ACCOUNTANT_ROOT_ROUTES = {"GET /token/session/>whoAmI", "GET /company/>withLoginAccess"}


ROUTES: list[tuple[str, re.Pattern[str], str, Handler, bool]] = []


def route(method: str, template: str, *, auth: bool = True) -> Callable[[Handler], Handler]:
    """Register a handler for METHOD + path template ({id} matches digits, {token} anything)."""
    pattern = re.escape(template)
    pattern = re.sub(r"\\\{(\w*[iI]d)\\\}", r"(?P<\1>\\d+)", pattern)
    pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", pattern)

    def register(fn: Handler) -> Handler:
        ROUTES.append((method, re.compile(f"^{pattern}$"), template, fn, auth))
        return fn

    return register


def dispatch(world: World, ctx: Ctx) -> Reply:
    """Route the request to its handler (authenticating first); every ApiFail becomes an error reply."""
    path = ctx.path
    allowed_methods = []
    for method, pattern, template, handler, auth in ROUTES:
        match = pattern.match(path)
        if not match:
            continue
        if method != ctx.method:
            allowed_methods.append(method)
            continue
        ctx.params = match.groupdict()
        try:
            if auth:
                authenticate(world, ctx, f"{method} {template}")
            return handler(world, ctx)
        except ApiFail as fail:
            return error_reply(fail)
        except flds.FieldsError as exc:
            return error_reply(ApiFail(400, 11000, str(exc)))
    if allowed_methods:
        return error_reply(ApiFail(405, 4000, f"Metoden {ctx.method} støttes ikke for {path}."))
    return error_reply(not_found(f"Finner ikke {path}."))


def authenticate(world: World, ctx: Ctx, key: str) -> None:
    """The Basic-auth session and the company it acts in (401 without a live session, 403 for a wrong client)."""
    header = ctx.headers.get("authorization", "")
    scheme, _, encoded = header.partition(" ")
    try:
        username, _, password = base64.b64decode(encoded, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        username, password = "", ""
    session = world.sessions.get(session_key(password)) if scheme.lower() == "basic" else None
    if session is None or world.today() >= session.expiration or session.info.expired:
        raise ApiFail(401, 3000, "Ugyldig eller utløpt sesjon.")
    ctx.session = session
    ctx.username = username
    info = session.info
    if username in ("", "0") or username == str(info.company_id):
        if info.clients and key not in ACCOUNTANT_ROOT_ROUTES:
            raise forbidden("Regnskapsførertilgang: velg en klient (brukernavn = klientens selskaps-id).")
        ctx.company = world.companies[info.company_id]
        return
    if not username.isdigit() or int(username) not in info.clients:
        if world.quirks.unreachable_client_status == 401:
            raise ApiFail(401, 3000, "Ingen tilgang til dette selskapet.")
        raise forbidden("Du har ikke tilgang til dette selskapet.")
    ctx.company = world.companies[int(username)]


def session_key(token: str) -> str:
    """What sessions are keyed by: a hash of the session token, never the token."""
    return hashlib.sha256(token.encode()).hexdigest()


def mask_path(path: str) -> str:
    """The path as the request log keeps it (a session token in it masked)."""
    if path.startswith("/token/session/") and not path.startswith(("/token/session/>", "/token/session/:")):
        return "/token/session/***"
    return path


def mask_query(query: dict[str, str]) -> dict[str, str]:
    """The query as the request log keeps it (token parameters masked)."""
    return {k: ("***" if "token" in k.lower() else v) for k, v in query.items()}


def error_reply(fail: ApiFail) -> Reply:
    """The ApiError body Tripletex answers with."""
    body: dict[str, Any] = {
        "status": fail.status,
        "code": fail.code,
        "message": fail.message,
        "link": "https://tripletex.no/v2-docs/",
        "requestId": "",
    }
    if fail.developer:
        body["developerMessage"] = fail.developer
    if fail.validation:
        body["validationMessages"] = [
            {"field": v[0], "message": v[1], **({"rootId": v[2]} if len(v) > 2 and v[2] is not None else {})}
            for v in fail.validation
        ]
    return Reply(fail.status, body)
