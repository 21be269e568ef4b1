"""JSON Schema (draft 2020-12) of each content kind, generated from the schema tables."""

from __future__ import annotations

from typing import Any

from upayhelp.content.schema import (
    EXAMPLE,
    EXTRA_KEYS,
    FLOW,
    ID_PATTERN,
    KIND_NAMES,
    LIST_KINDS,
    NODE_TYPES,
    OPTION,
    Field,
    Shape,
)

DRAFT = "https://json-schema.org/draft/2020-12/schema"

_TEXT: dict[str, Any] = {
    "description": "One string for both languages, or a mapping of language to string.",
    "oneOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "properties": {"zh": {"type": "string"}, "en": {"type": "string"}},
            "additionalProperties": False,
            "minProperties": 1,
        },
    ],
}
_STRINGS: dict[str, Any] = {"type": "array", "items": {"type": "string"}}
_KEYWORDS: dict[str, Any] = {
    "oneOf": [
        _STRINGS,
        {
            "type": "object",
            "properties": {"zh": _STRINGS, "en": _STRINGS},
            "additionalProperties": False,
        },
    ]
}
_ID: dict[str, Any] = {"type": "string", "pattern": ID_PATTERN}
# An answer as `--answer` takes it; editors that read `2` or `yes` as a number or a boolean
# must not flag them (upayhelp reads every value as the text written).
_ANSWER: dict[str, Any] = {"type": ["string", "number", "boolean", "null"]}


def _field(spec: Field) -> dict[str, Any]:
    kinds: dict[str, dict[str, Any]] = {
        "text": {"$ref": "#/$defs/text"},
        "texts": {"type": "array", "items": {"$ref": "#/$defs/text"}},
        "id": {"$ref": "#/$defs/id"},
        "ref": {"$ref": "#/$defs/id"},
        "flowref": {"$ref": "#/$defs/id"},
        "channels": {"type": "array", "items": {"$ref": "#/$defs/id"}},
        "string": {"type": "string"},
        "strings": _STRINGS,
        "keywords": {"$ref": "#/$defs/keywords"},
        "bool": {"type": "boolean"},
        "enum": {"enum": list(spec.choices)},
        "answers": {
            "type": "object",
            "propertyNames": {"$ref": "#/$defs/id"},
            "additionalProperties": {
                "oneOf": [_ANSWER, {"type": "array", "items": _ANSWER, "minItems": 1}]
            },
        },
        "facts": {
            "type": "object",
            "propertyNames": {"$ref": "#/$defs/id"},
            "additionalProperties": {"type": ["string", "number"]},
        },
        "nodes": {
            "type": "object",
            "propertyNames": {"$ref": "#/$defs/id"},
            "additionalProperties": {"$ref": "#/$defs/node"},
            "minProperties": 1,
        },
    }
    if spec.type == "options":
        out: dict[str, Any] = {"type": "array", "items": _shape(OPTION), "minItems": 1}
    elif spec.type == "number":
        out = {"type": "number", "minimum": 0}
    elif spec.type in ("shape", "shapes") and spec.shape is not None:
        out = _shape(spec.shape)
        if spec.type == "shapes":
            out = {"type": "array", "items": out}
    elif spec.type == "keywordmap":
        out = {
            "type": "object",
            "propertyNames": {"$ref": "#/$defs/id"},
            "additionalProperties": {"$ref": "#/$defs/keywords"},
        }
    elif spec.type == "stringmap":
        out = {"type": "object", "additionalProperties": _STRINGS}
    elif spec.type == "examples":
        out = {"type": "array", "items": _shape(EXAMPLE)}
    else:
        out = dict(kinds[spec.type])
    if spec.doc:
        out["description"] = spec.doc
    return out


def _shape(shape: Shape) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "object",
        "properties": {f.name: _field(f) for f in shape.fields},
        "required": [f.name for f in shape.fields if f.required],
        "additionalProperties": False,
    }
    if shape.doc:
        out["description"] = shape.doc
    return out


def _node_schema() -> dict[str, Any]:
    branches = []
    for name, shape in NODE_TYPES.items():
        branch = _shape(shape)
        if name == "outcome":
            branch["if"] = {"properties": {"result": {"const": "escalate"}}}
            branch["then"] = {
                "required": ["channels"],
                "properties": {"channels": {"minItems": 1}},
            }
        branches.append(branch)
    return {"oneOf": branches}


def _defs() -> dict[str, Any]:
    return {"text": _TEXT, "keywords": _KEYWORDS, "id": _ID, "node": _node_schema()}


def kind_schema(kind: str) -> dict[str, Any]:
    """The schema of one file of `kind`."""
    if kind == "flow":
        body = _shape(FLOW)
    else:
        key, shape = LIST_KINDS[kind]
        extra = {name: _shape(extra) for name, extra in EXTRA_KEYS.get(kind, {}).items()}
        body = {
            "type": "object",
            "properties": {
                "kind": {"const": kind},
                key: {"type": "array", "items": _shape(shape)},
                **extra,
            },
            "required": ["kind", key],
            "additionalProperties": False,
        }
        if extra:  # a file may hold only the extra sections (settings)
            body["required"] = ["kind"]
            body["anyOf"] = [{"required": [name]} for name in (key, *extra)]
    return {
        "$schema": DRAFT,
        "$id": f"urn:upayhelp:schema:{kind}",
        "title": f"upayhelp {kind} content file",
        **body,
        "$defs": _defs(),
    }


def all_schema() -> dict[str, Any]:
    """One schema for any content file: dispatches on `kind`."""
    branches = []
    for kind in KIND_NAMES:
        single = kind_schema(kind)
        single.pop("$schema")
        single.pop("$id")
        single.pop("$defs")
        branches.append({"if": {"properties": {"kind": {"const": kind}}}, "then": single})
    return {
        "$schema": DRAFT,
        "$id": "urn:upayhelp:schema:content",
        "title": "upayhelp content file",
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"enum": list(KIND_NAMES)}},
        "allOf": branches,
        "$defs": _defs(),
    }
