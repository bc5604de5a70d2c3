"""The `fields` query parameter: parse, check against the spec's models, and project stored objects."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .spec_schema import SCHEMAS

#: name -> nested spec (None = no parentheses given). "*" stands for every stored field.
FieldSpec = dict[str, "FieldSpec | None"]
#: (model, id) -> the stored object, or None when unknown.
Resolver = Callable[[str, int], dict[str, Any] | None]

DEFAULT: FieldSpec = {"*": None}


class FieldsError(ValueError):
    """An unknown field or a malformed `fields` expression (Tripletex: 400/11000)."""


def parse(text: str | None) -> FieldSpec:
    """Parse `a,b(c,d(*)),*` into a nested dict; empty or missing means every field."""
    if not text or not text.strip():
        return dict(DEFAULT)
    spec, pos = _parse_list(text.replace(" ", ""), 0)
    if pos != len(text.replace(" ", "")):
        raise FieldsError(f"Unbalanced parentheses in fields filter: {text}")
    return spec


def _parse_list(text: str, pos: int) -> tuple[FieldSpec, int]:
    spec: FieldSpec = {}
    name = ""
    while pos < len(text):
        char = text[pos]
        if char == "(":
            if not name:
                raise FieldsError(f"Missing field name before '(' in fields filter: {text}")
            inner, pos = _parse_list(text, pos + 1)
            if pos >= len(text) or text[pos] != ")":
                raise FieldsError(f"Unbalanced parentheses in fields filter: {text}")
            spec[name] = _merge(spec.get(name), inner)
            name = ""
        elif char == ")":
            break
        elif char == ",":
            if name:
                spec.setdefault(name, None)
            name = ""
        else:
            name += char
        pos += 1
    if name:
        spec.setdefault(name, None)
    return spec, pos


def _merge(old: FieldSpec | None, new: FieldSpec) -> FieldSpec:
    return {**(old or {}), **new}


def ref_model(model: str, name: str) -> tuple[str, bool]:
    """The model a property refers to ("" for scalars) and whether it is a list."""
    ref = SCHEMAS[model][name]
    return ref.strip("[]"), ref.startswith("[")


def check(spec: FieldSpec | None, model: str) -> None:
    """Raise FieldsError for a name the model does not have (recursively)."""
    if not spec:
        return
    props = SCHEMAS.get(model)
    if props is None:
        return
    for name, sub in spec.items():
        if name == "*":
            continue
        if name not in props:
            raise FieldsError(
                f"Illegal field in fields filter: {name}. {name} does not match a field in the model: {model}"
            )
        target, _ = ref_model(model, name)
        if sub is not None:
            if not target:
                raise FieldsError(
                    f"Illegal field in fields filter: {name}({','.join(sub)}) - {name} has no fields"
                )
            check(sub, target)


def is_entity(model: str) -> bool:
    """Entities (with an `id` and `url`) are shown as {id, url} unless expanded."""
    props = SCHEMAS.get(model, {})
    return "id" in props and "url" in props


class Renderer:
    """Projects stored objects (refs stored as {"id": n}) to response JSON for one request."""

    def __init__(self, resolve: Resolver, url_of: Callable[[str, int], str | None]) -> None:
        self.resolve = resolve
        self.url_of = url_of

    def render(self, obj: dict[str, Any], model: str, spec: FieldSpec | None = None) -> dict[str, Any]:
        """The projection of `obj` (a `model`) by `spec`; absent or None values are omitted."""
        spec = DEFAULT if spec is None else spec
        props = SCHEMAS.get(model, {})
        names = [n for n in props if n in obj or n == "url"] if "*" in spec else []
        names += [n for n in spec if n != "*" and n not in names]
        out: dict[str, Any] = {}
        for name in names:
            if name == "url":
                url = self.url_of(model, obj["id"]) if "id" in obj else None
                if url is not None:
                    out["url"] = url
                continue
            value = obj.get(name)
            if value is None:
                continue
            target, _ = ref_model(model, name)
            if target and isinstance(value, list):
                out[name] = [self._nested(v, target, spec.get(name)) for v in value if isinstance(v, dict)]
            elif target and isinstance(value, dict):
                out[name] = self._nested(value, target, spec.get(name))
            else:
                out[name] = value
        return out

    def _nested(self, value: dict[str, Any], model: str, sub: FieldSpec | None) -> dict[str, Any]:
        if sub is None and is_entity(model) and "id" in value:
            ref = {"id": value["id"]}
            url = self.url_of(model, value["id"])
            if url is not None:
                ref["url"] = url
            return ref
        if "id" in value and len(value) == 1:
            value = self.resolve(model, value["id"]) or value
        return self.render(value, model, sub)
