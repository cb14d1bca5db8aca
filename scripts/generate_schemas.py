"""Regenerate the JSON Schemas in ``openness/schemas/`` from the package's vocabularies.

    python scripts/generate_schemas.py

A test checks that the committed schemas equal what this script writes, so the schemas cannot drift
from the component, access, coverage, licence-class and restriction vocabularies.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from openness._model.descriptor import RELATIONS
from openness._model.rubric import ALLOWABLE_CHECKS
from openness._reading.vocabulary import ACCESS_LEVELS, COVERAGE_LEVELS, MODALITIES, components, facts, restrictions
from openness.licences import CLASSES

TARGET = Path(__file__).resolve().parent.parent / "openness" / "schemas"
STRINGS: dict[str, Any] = {"type": "array", "items": {"type": "string"}}
URL: dict[str, Any] = {"type": "string"}


def _one_or_many(enum: list[str]) -> dict[str, Any]:
    return {"oneOf": [{"enum": enum}, {"type": "array", "items": {"enum": enum}, "minItems": 1}]}


def _component_names() -> list[str]:
    return list(components()) + sorted({a for c in components().values() for a in c.aliases})


def _fact_table(value: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["value"],
        "properties": {"value": value, "sources": STRINGS, "notes": {"type": "string"}, "unsure": {"type": "boolean"}},
    }


def _fact_sections() -> dict[str, Any]:
    """One table per fact section, each fact a table with its value (derived facts are never stated)."""
    sections: dict[str, dict[str, Any]] = {}
    for spec in facts().values():
        if spec.derived_from:
            continue
        table = sections.setdefault(spec.section, {"type": "object", "additionalProperties": False, "properties": {}})
        table["properties"][spec.name] = {
            "$ref": f"#/$defs/{spec.kind}-fact",
            "description": " ".join(spec.description.split()),
        }
    return sections


def descriptor_schema() -> dict[str, Any]:
    """The descriptor format, version 1."""
    component = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "access": {"enum": list(ACCESS_LEVELS), "description": "How the component can be obtained."},
            "licence": {"type": "string", "description": "An SPDX expression, or a known licence id or alias."},
            "coverage": {"enum": list(COVERAGE_LEVELS), "description": "For data and documentation: how complete."},
            "url": URL,
            "notes": {"type": "string"},
            "sources": STRINGS,
            "unsure": {"type": "boolean"},
            "extra": {"type": "object"},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "openness/schemas/descriptor.schema.json",
        "title": "openness model descriptor, format 1",
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "model"],
        "properties": {
            "format": {"const": 1},
            "model": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "name"],
                "properties": {
                    "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9._-]*$"},
                    "name": {"type": "string"},
                    "organisation": {"type": "string"},
                    "version": {"type": "string"},
                    "released": {"type": "string", "pattern": r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"},
                    "checked": {"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"},
                    "homepage": URL,
                    "base-model": {
                        "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}],
                        "description": "The model or models this one was derived from (a list for a merge).",
                    },
                    "base-model-relation": {
                        "enum": list(RELATIONS),
                        "description": "How it was derived from its base (Hugging Face's base_model_relation).",
                    },
                    "modalities": {"type": "array", "items": {"enum": list(MODALITIES)}},
                    "sources": STRINGS,
                    "extra": {"type": "object"},
                },
            },
            "components": {
                "type": "object",
                "additionalProperties": False,
                "properties": {key: {"$ref": "#/$defs/component"} for key in _component_names()},
            },
            "assessments": {
                "type": "object",
                "additionalProperties": {"type": "object", "additionalProperties": {"$ref": "#/$defs/assessment"}},
            },
            **_fact_sections(),
            "extra": {"type": "object"},
        },
        "$defs": {
            "component": component,
            "number-fact": _fact_table({"type": "number", "minimum": 0}),
            "boolean-fact": _fact_table({"type": "boolean"}),
            "assessment": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "grade": {"type": "string", "description": "Absent: listed but not assessed."},
                    "notes": {"type": "string"},
                    "link": {"oneOf": [{"type": "string"}, STRINGS]},
                },
            },
        },
    }


def _facts_of_kind(kind: str) -> list[str]:
    return [key for key, spec in facts().items() if spec.kind == kind]


def rubric_schema() -> dict[str, Any]:
    """The rubric format, version 1."""
    condition_shapes = [
        {
            "type": "object",
            "additionalProperties": False,
            "required": [key],
            "properties": {key: {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/condition"}}},
        }
        for key in ("all", "any")
    ]
    condition_shapes += [
        {
            "type": "object",
            "additionalProperties": False,
            "required": ["not"],
            "properties": {"not": {"$ref": "#/$defs/condition"}},
        },
        {
            "type": "object",
            "additionalProperties": False,
            "required": ["component"],
            "anyOf": [
                {"required": [k]} for k in ("access", "licence", "licence-without", "licence-in", "coverage", "present")
            ],
            "properties": {
                "component": {"enum": _component_names()},
                "access": _one_or_many(list(ACCESS_LEVELS)),
                "licence": _one_or_many(list(CLASSES)),
                "licence-without": _one_or_many(list(restrictions())),
                "terms": {"enum": ["effective", "declared"]},
                "coverage": _one_or_many(list(COVERAGE_LEVELS)),
                "present": {"type": "boolean"},
                "licence-in": {"type": "string", "description": "A list named in the rubric's licence-lists."},
            },
        },
        {
            "type": "object",
            "additionalProperties": False,
            "required": ["modality"],
            "properties": {"modality": _one_or_many(list(MODALITIES))},
        },
        {
            "type": "object",
            "additionalProperties": False,
            "required": ["fact"],
            "description": "A number within bounds (at-least, at-most, inclusive) or a yes/no answer (is).",
            "oneOf": [
                {
                    "properties": {"fact": {"enum": _facts_of_kind("number")}},
                    "anyOf": [{"required": ["at-least"]}, {"required": ["at-most"]}],
                    "not": {"required": ["is"]},
                },
                {
                    "properties": {"fact": {"enum": _facts_of_kind("boolean")}},
                    "required": ["is"],
                    "not": {"anyOf": [{"required": ["at-least"]}, {"required": ["at-most"]}]},
                },
            ],
            "properties": {
                "fact": {"enum": list(facts())},
                "at-least": {"type": "number"},
                "at-most": {"type": "number"},
                "is": {"type": "boolean"},
            },
        },
        {
            "type": "object",
            "additionalProperties": False,
            "required": ["assessment", "parameter", "grade"],
            "properties": {
                "assessment": {"type": "string"},
                "parameter": {"type": "string"},
                "grade": {"oneOf": [{"type": "string"}, STRINGS]},
            },
        },
    ]
    text = {"type": "string"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "openness/schemas/rubric.schema.json",
        "title": "openness rubric, format 1",
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "id", "title", "version", "source", "scale", "criteria"],
        "properties": {
            "format": {"const": 1},
            **dict.fromkeys(("id", "title", "version", "source", "licence", "retrieved"), text),
            "description": text,
            "interpretation": text,
            "scale": {
                "type": "object",
                "minProperties": 1,
                "additionalProperties": {"type": "number"},
                "description": "Grade names with their points.",
            },
            "licence-lists": {"type": "object", "additionalProperties": {"$ref": "#/$defs/licence-list"}},
            "criteria": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/criterion"}},
            "verdicts": {"type": "array", "items": {"$ref": "#/$defs/verdict"}},
            "allowances": {"type": "array", "items": {"$ref": "#/$defs/allowance"}},
        },
        "$defs": {
            "criterion": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "title", "levels"],
                "properties": {
                    **dict.fromkeys(("id", "title", "group", "description", "interpretation"), text),
                    "weight": {"type": "number", "minimum": 0},
                    "applies-when": {"$ref": "#/$defs/condition"},
                    "levels": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/level"}},
                },
            },
            "level": {
                "type": "object",
                "additionalProperties": False,
                "required": ["grade"],
                "properties": {"grade": text, "says": text, "when": {"$ref": "#/$defs/condition"}},
            },
            "condition": {"oneOf": condition_shapes},
            "verdict": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "title"],
                "properties": {
                    **dict.fromkeys(("id", "title", "description", "builds-on"), text),
                    "min-score": {"type": "number", "minimum": 0, "maximum": 1},
                    "gated": {"type": "boolean"},
                    "requires": {
                        "oneOf": [
                            {"$ref": "#/$defs/requirement"},
                            {"type": "array", "items": {"$ref": "#/$defs/requirement"}},
                        ]
                    },
                },
            },
            "allowance": {
                "type": "object",
                "additionalProperties": False,
                "required": ["check", "reason"],
                "description": "A known, intended exception to an invariant check of openness.testing.",
                "properties": {
                    "check": {"enum": list(ALLOWABLE_CHECKS)},
                    "reason": {"type": "string", "minLength": 1},
                    **dict.fromkeys(("criterion", "verdict", "grade"), text),
                },
            },
            "requirement": {
                "type": "object",
                "additionalProperties": False,
                "required": ["criteria", "grade"],
                "properties": {
                    "criteria": {"oneOf": [text, STRINGS]},
                    "grade": text,
                    "unless": {"$ref": "#/$defs/condition"},
                },
            },
            "licence-list": {
                "type": "object",
                "additionalProperties": False,
                "required": ["ids"],
                "properties": {
                    "match": {"enum": ["exact", "reading"]},
                    "ids": {"type": "array", "minItems": 1, "items": text},
                    "description": text,
                    "source": text,
                },
            },
        },
    }


def render() -> dict[str, str]:
    """File name -> text of every schema."""
    return {
        "descriptor.schema.json": json.dumps(descriptor_schema(), indent=2) + "\n",
        "rubric.schema.json": json.dumps(rubric_schema(), indent=2) + "\n",
    }


def main() -> int:
    """Write the schemas."""
    for name, text in render().items():
        (TARGET / name).write_text(text, encoding="utf-8")
        sys.stdout.write(f"wrote {name}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
