"""Sessions and who the token is: :create (body and legacy query form), whoAmI, consumer token, login access."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from ..context import Ctx, Reply, Session
from ..demo import DEMO_CONSUMER_TOKEN
from ..dispatch import route, session_key
from ..domain import ApiFail, invalid, not_found
from ..seed import ref
from ..world import World


def _session_reply(sim: World, ctx: Ctx, consumer: Any, employee: Any, expiration: Any, status: int) -> Reply:
    arg = sim.quirks.session_field_prefix  # "arg:" (legacy naming, #53) or "" (the body's property names)
    if consumer != DEMO_CONSUMER_TOKEN:
        raise invalid([(f"{arg}consumerToken", "Ugyldig consumer token.")], 18000)
    info = sim.tokens.get(employee) if isinstance(employee, str) else None
    if info is None or info.environment != sim.environment:
        raise invalid([(f"{arg}employeeToken", "employee token is invalid or does not exist")], 18000)
    if info.expired:
        if sim.quirks.expired_token_status == 422:
            raise invalid([(f"{arg}employeeToken", "employee token is invalid or does not exist")], 18000)
        raise ApiFail(401, 3000, "Employee token er utløpt eller tilbakekalt.")
    try:
        expires = dt.date.fromisoformat(expiration) if isinstance(expiration, str) else None
    except ValueError:
        expires = None
    if expires is None or expires <= sim.today():
        raise invalid([(f"{arg}expirationDate", "Utløpsdatoen må være etter dagens dato.")], 18000)
    session = Session(sim._ids(), secrets.token_urlsafe(32), expires, info)
    sim.sessions[session_key(session.token)] = session
    row = {
        "id": session.id,
        "version": 1,
        "token": session.token,
        "expirationDate": expires.isoformat(),
        "consumerToken": ref(sim._consumer_id),
        "employeeToken": ref(info.id),
    }
    return Reply(status, {"value": sim.renderer(ctx).render(row, "SessionToken", {"*": None})})


@route("POST", "/token/session/:create", auth=False)
def _create_session(sim: World, ctx: Ctx) -> Reply:
    body = ctx.json()
    if not isinstance(body, dict):
        raise invalid([("body", "Forventet et JSON-objekt.")], 18000)
    return _session_reply(
        sim, ctx, body.get("consumerToken"), body.get("employeeToken"), body.get("expirationDate"), 201
    )


@route("PUT", "/token/session/:create", auth=False)
def _create_session_legacy(sim: World, ctx: Ctx) -> Reply:
    q = ctx.query
    return _session_reply(
        sim, ctx, q.get("consumerToken"), q.get("employeeToken"), q.get("expirationDate"), 200
    )


@route("GET", "/token/session/>whoAmI")
def _who_am_i(sim: World, ctx: Ctx) -> Reply:
    info = ctx.info
    row = {
        "employeeId": info.employee_id,
        "actualEmployeeId": info.employee_id,
        "employee": ref(info.employee_id),
        "companyId": ctx.co.id,
        "company": ref(ctx.co.id),
        "language": "no",
        "loggedInWithConnect": False,
        "employeeIsProxy": ctx.co.id != info.company_id,
    }
    return sim.one(ctx, row, "LoggedInUserInfo")


@route("DELETE", "/token/session/{token}", auth=False)
def _delete_session(sim: World, ctx: Ctx) -> Reply:
    if sim.sessions.pop(session_key(ctx.params["token"]), None) is None:
        raise not_found()
    return Reply(204)


@route("GET", "/token/consumer/byToken")
def _consumer_by_token(sim: World, ctx: Ctx) -> Reply:
    if ctx.query.get("token") != DEMO_CONSUMER_TOKEN:
        raise not_found()
    row = {
        "id": sim._consumer_id,
        "version": 1,
        "apiConsumer": {
            "id": sim._consumer_id + 0,
            "version": 1,
            "consumerName": "Tripletex Desktop (simulator)",
        },
        "token": DEMO_CONSUMER_TOKEN,
    }
    return sim.one(ctx, row, "ConsumerToken")


@route("GET", "/company/>withLoginAccess")
def _with_login_access(sim: World, ctx: Ctx) -> Reply:
    clients = [{**sim.companies[c].company, "customerCompanyId": c} for c in ctx.info.clients]
    return sim.many(ctx, clients, "Client")
