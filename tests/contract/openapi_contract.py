"""Contract checks: every request and response validated against the official Tripletex OpenAPI spec."""

from __future__ import annotations

import copy
import functools
import json
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote

import httpx
from jsonschema.exceptions import ValidationError
from openapi_schema_validator import OAS30ReadValidator, OAS30WriteValidator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SPEC_URI = "urn:tripletex-openapi"
API_PREFIX = "/v2"


#: The official spec, kept in the repository with its provenance (tests/data/tripletex/SOURCE.md).
SPEC_FILE = Path(__file__).resolve().parents[1] / "data" / "tripletex" / "openapi.json"


def spec_path() -> Path:
    """The spec in the repository, or another copy named by $TRIPLETEX_OPENAPI."""
    if env := os.environ.get("TRIPLETEX_OPENAPI"):
        return Path(env)
    return SPEC_FILE


class ContractViolation(AssertionError):
    """A request or response does not match the spec."""


def _typed_defaults(node: Any) -> Any:
    """The spec gives some defaults as strings ("0"); drop defaults, they never constrain instances."""
    if isinstance(node, dict):
        return {k: _typed_defaults(v) for k, v in node.items() if k != "default"}
    if isinstance(node, list):
        return [_typed_defaults(v) for v in node]
    return node


def _close_objects(node: Any) -> None:
    """Make every plain object schema strict (no unknown properties), so invented fields are caught."""
    if isinstance(node, dict):
        if (
            node.get("type") == "object"
            and "properties" in node
            and "additionalProperties" not in node
            and "allOf" not in node
        ):
            node["additionalProperties"] = False
        for value in node.values():
            _close_objects(value)
    elif isinstance(node, list):
        for value in node:
            _close_objects(value)


@dataclass
class _Operation:
    template: str
    method: str
    spec: dict[str, Any]

    @functools.cached_property
    def query_params(self) -> dict[str, dict[str, Any]]:
        return {
            p["name"]: p.get("schema", {}) for p in self.spec.get("parameters", []) if p.get("in") == "query"
        }


class OpenApiContract:
    """The loaded spec with compiled path matchers and cached schema validators."""

    _instance: OpenApiContract | None = None
    _lock = threading.Lock()

    def __init__(self, spec: dict[str, Any]) -> None:
        spec = _typed_defaults(spec)
        # Tripletex marks whole models readOnly (TravelExpense, MileageAllowance, Company...), which would
        # forbid every body and every {"id": n} reference to them; only property-level readOnly is meant.
        for schema in spec["components"]["schemas"].values():
            schema.pop("readOnly", None)
        _close_objects(spec)
        self.spec = spec
        self.registry: Registry = Registry().with_resource(
            SPEC_URI, Resource.from_contents(spec, default_specification=DRAFT4)
        )
        self._routes: list[tuple[re.Pattern[str], str]] = []
        for template in spec["paths"]:
            pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
            self._routes.append((re.compile(pattern), template))
        # Literal paths win over templated ones (/travelExpense/rate before /travelExpense/{id}).
        self._routes.sort(key=lambda r: (r[1].count("{"), -len(r[1])))
        self._validators: dict[tuple[str, bool], Any] = {}

    @classmethod
    def load(cls) -> OpenApiContract:
        """The process-wide instance (the spec is 3.6 MB; parse it once)."""
        with cls._lock:
            if cls._instance is None:
                cls._instance = cls(json.loads(spec_path().read_text(encoding="utf-8")))
            return cls._instance

    # --- lookup --------------------------------------------------------------------------------

    def operation(self, method: str, path: str) -> _Operation:
        """The spec operation for an API path (without the /v2 prefix)."""
        for pattern, template in self._routes:
            if pattern.match(path):
                ops = self.spec["paths"][template]
                op = ops.get(method.lower())
                if op is not None:
                    return _Operation(template, method.upper(), op)
        raise ContractViolation(f"{method} {path}: no such operation in the spec")

    def _validator(self, schema: dict[str, Any], *, write: bool) -> Any:
        key = (json.dumps(schema, sort_keys=True), write)
        validator = self._validators.get(key)
        if validator is None:
            cls = OAS30WriteValidator if write else OAS30ReadValidator
            wrapped = _rebase_refs(copy.deepcopy(schema))
            validator = cls(wrapped, registry=self.registry)
            self._validators[key] = validator
        return validator

    def validate_schema(self, instance: Any, schema: dict[str, Any], *, write: bool, what: str) -> None:
        """Validate `instance` against a (spec-relative) schema; raise ContractViolation on errors."""
        errors = sorted(self._validator(schema, write=write).iter_errors(instance), key=lambda e: e.path)
        if errors:
            raise ContractViolation(f"{what}: " + "; ".join(_describe(e) for e in errors[:5]))

    # --- requests and responses ------------------------------------------------------------------

    @staticmethod
    def api_path(request: httpx.Request) -> str:
        """The request's API path with percent-encoding undone and the /v2 prefix removed."""
        raw = unquote(request.url.raw_path.decode("ascii").split("?", 1)[0])
        index = raw.find(API_PREFIX + "/")
        return raw[index + len(API_PREFIX) :] if index >= 0 else raw

    def check_request(self, request: httpx.Request) -> None:
        """Path template, method, query parameters (names, types, enums) and the JSON body."""
        path = self.api_path(request)
        op = self.operation(request.method, path)
        what = f"request {request.method} {op.template}"
        query = parse_qsl(request.url.query.decode("ascii"), keep_blank_values=True)
        declared = op.query_params
        for name, value in query:
            if name not in declared:
                raise ContractViolation(f"{what}: query parameter {name!r} is not in the spec")
            _check_query_value(name, value, declared[name], what)
        body = op.spec.get("requestBody")
        content_type = request.headers.get("content-type", "")
        raw_body = request.read()  # also materialises streamed (multipart) bodies
        if body is None:
            if raw_body:
                raise ContractViolation(f"{what}: sends a body but the spec declares none")
            return
        if body.get("required") and not raw_body:
            raise ContractViolation(f"{what}: body required")
        if not raw_body:
            return
        declared_types = body.get("content", {})
        if content_type.startswith("multipart/form-data"):
            if "multipart/form-data" not in declared_types:
                raise ContractViolation(
                    f"{what}: multipart body but the spec declares {list(declared_types)}"
                )
            return
        json_schema = next(
            (c.get("schema") for t, c in declared_types.items() if t.startswith("application/json")), None
        )
        if json_schema is None:
            raise ContractViolation(f"{what}: JSON body but the spec declares {list(declared_types)}")
        if not content_type.startswith("application/json"):
            raise ContractViolation(f"{what}: content-type {content_type!r} is not JSON")
        self.validate_schema(json.loads(raw_body), json_schema, write=True, what=what)

    def check_response(self, request: httpx.Request, response: httpx.Response) -> None:
        """Status declared (or an ApiError body for errors), JSON body against the declared schema."""
        path = self.api_path(request)
        op = self.operation(request.method, path)
        what = f"response {response.status_code} to {request.method} {op.template}"
        if "x-tlx-request-id" not in response.headers:
            raise ContractViolation(f"{what}: no x-tlx-request-id header")
        status = response.status_code
        if status == 304:
            if response.content:
                raise ContractViolation(f"{what}: 304 with a body")
            return
        if status >= 400:
            self.validate_schema(
                response.json(), {"$ref": "#/components/schemas/ApiError"}, write=False, what=what
            )
            return
        responses = op.spec.get("responses", {})
        declared = responses.get(str(status)) or responses.get("default")
        if declared is None:
            raise ContractViolation(f"{what}: status not declared (spec has {list(responses)})")
        schema = next(
            (c.get("schema") for t, c in declared.get("content", {}).items() if "json" in t or t == "*/*"),
            None,
        )
        if status == 204 or not schema:
            return
        self.validate_schema(response.json(), schema, write=False, what=what)


def _check_query_value(name: str, value: str, schema: dict[str, Any], what: str) -> None:
    kind = schema.get("type")
    ok = True
    if kind == "integer":
        ok = re.fullmatch(r"-?\d+", value) is not None
    elif kind == "number":
        ok = re.fullmatch(r"-?\d+(\.\d+)?", value) is not None
    elif kind == "boolean":
        ok = value in ("true", "false")
    if ok and "enum" in schema:
        ok = value in schema["enum"]
    if not ok:
        raise ContractViolation(f"{what}: query {name}={value!r} does not fit {schema}")


def _rebase_refs(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            k: (SPEC_URI + v if k == "$ref" and isinstance(v, str) and v.startswith("#") else _rebase_refs(v))
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_rebase_refs(v) for v in node]
    return node


def _describe(error: ValidationError) -> str:
    where = "/".join(str(p) for p in error.absolute_path) or "(root)"
    return f"{where}: {error.message[:200]}"


@dataclass
class ContractTransport(httpx.BaseTransport):
    """Wraps a transport; checks every request before and every response after the round trip."""

    inner: httpx.BaseTransport
    contract: OpenApiContract = field(default_factory=OpenApiContract.load)
    checked: int = 0
    violations: list[str] = field(default_factory=list)
    raise_on_violation: bool = True

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Check, forward, check."""
        self._check(self.contract.check_request, request)
        response = self.inner.handle_request(request)
        response.read()
        self._check(self.contract.check_response, request, response)
        self.checked += 1
        return response

    def _check(self, fn: Any, *args: Any) -> None:
        try:
            fn(*args)
        except ContractViolation as exc:
            self.violations.append(str(exc))
            if self.raise_on_violation:
                raise

    def close(self) -> None:
        """Close the wrapped transport."""
        self.inner.close()


def iter_operations(contract: OpenApiContract) -> Iterator[tuple[str, str]]:
    """All (METHOD, template) pairs in the spec."""
    for template, ops in contract.spec["paths"].items():
        for method in ops:
            yield method.upper(), template
