"""Regenerate the format references in ``docs/reference/`` from the JSON Schemas in ``openness/schemas/``.

    python scripts/generate_schema_docs.py

Writes ``docs/reference/rubric-schema.md`` and ``docs/reference/descriptor-schema.md``. A test checks
the committed pages equal what this script writes, so the reference cannot drift from the schemas
(which ``scripts/generate_schemas.py`` builds from the vocabularies).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "openness" / "schemas"
TARGET = ROOT / "docs" / "reference"

#: Schema file stem -> (page title, the explanation page it complements).
PAGES = {
    "rubric": ("Rubric format reference", "../rubric-format.md"),
    "descriptor": ("Descriptor format reference", "../descriptor-format.md"),
}

#: Objects with more same-shaped keys than this are summarised as one row.
_COLLAPSE = 8


def _code(value: object) -> str:
    return f"`{json.dumps(value, ensure_ascii=False)}`" if not isinstance(value, str) else f"`{value}`"


def _anchor(name: str) -> str:
    return name.lower().replace(" ", "-").replace(".", "")


def _type(schema: dict[str, Any]) -> str:
    """A one-line description of what a schema accepts."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{_anchor(name)})"
    if "const" in schema:
        return _code(schema["const"])
    if "enum" in schema:
        return "one of " + ", ".join(_code(v) for v in schema["enum"])
    options = schema.get("oneOf", [])
    if len(options) == 2 and options[1].get("type") == "array" and options[1].get("items") == options[0]:
        return f"{_type(options[0])}; or an array of those"
    if options:
        return " or ".join(_type(option) for option in options)
    kind = schema.get("type")
    words = []
    if kind == "array":
        words.append(f"array of {_type(schema.get('items', {}))}")
        if "minItems" in schema:
            words.append(f"(at least {schema['minItems']})")
    elif kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        words.append(f"table of name → {_type(schema['additionalProperties'])}")
        if "minProperties" in schema:
            words.append(f"(at least {schema['minProperties']} entry)")
    elif kind == "object" and "properties" in schema:
        words.append("table (below)")
    elif kind is not None:
        words.append(kind if isinstance(kind, str) else " or ".join(kind))
    else:
        words.append("any value")
    if "minimum" in schema and "maximum" in schema:
        words.append(f"from {schema['minimum']:g} to {schema['maximum']:g}")
    elif "minimum" in schema:
        words.append(f"≥ {schema['minimum']:g}")
    elif "maximum" in schema:
        words.append(f"≤ {schema['maximum']:g}")
    if "pattern" in schema:
        words.append("(pattern below)")
    return " ".join(words)


def _shared_shape(properties: dict[str, Any]) -> dict[str, Any] | None:
    shapes = {json.dumps(schema, sort_keys=True) for schema in properties.values()}
    if len(properties) > _COLLAPSE and len(shapes) == 1:
        return next(iter(properties.values()))  # type: ignore[no-any-return]
    return None


def _table(schema: dict[str, Any], nested: list[tuple[str, dict[str, Any]]], prefix: str) -> list[str]:
    properties: dict[str, Any] = schema.get("properties", {})
    required = set(schema.get("required", []))
    shared = _shared_shape(properties)
    if shared is not None:
        keys = ", ".join(f"`{key}`" for key in properties)
        return [f"Keys: {keys}. Each value: {_type(shared)}.", ""]
    lines = ["| key | accepts | required | meaning |", "|---|---|---|---|"]
    for key, value in properties.items():
        if value.get("type") == "object" and "properties" in value:
            nested.append((f"{prefix}{key}", value))
            accepts = f"[table](#{_anchor(prefix + key)})"
        else:
            accepts = _type(value)
        description = " ".join(value.get("description", "").split())
        lines.append(f"| `{key}` | {accepts} | {'yes' if key in required else 'no'} | {description} |")
    patterns = [(key, value["pattern"]) for key, value in properties.items() if "pattern" in value]
    if patterns:
        lines += ["", *(f"- `{key}` matches the regular expression `{pattern}`" for key, pattern in patterns)]
    if schema.get("additionalProperties", True) is False:
        lines += ["", "No other keys are allowed."]
    for rule in schema.get("anyOf", []):
        if "required" in rule:
            lines += ["", "At least one of " + ", ".join(f"`{k}`" for k in schema_any_of_keys(schema)) + "."]
            break
    return [*lines, ""]


def schema_any_of_keys(schema: dict[str, Any]) -> list[str]:
    """The keys of which an object needs at least one (its ``anyOf`` of ``required`` lists)."""
    return [key for rule in schema.get("anyOf", []) for key in rule.get("required", [])]


def _section(name: str, schema: dict[str, Any], level: str = "##") -> list[str]:
    lines = [f"{level} {name}", ""]
    if schema.get("description"):
        lines += [" ".join(schema["description"].split()), ""]
    if "oneOf" in schema and all("properties" in option for option in schema["oneOf"]):
        lines += ["Exactly one of these shapes:", ""]
        for option in schema["oneOf"]:
            shape = " + ".join(f"`{key}`" for key in option.get("required", []))
            lines += [f"### {name}: {shape}", ""]
            lines += _table(option, [], f"{name}.")
        return lines
    nested: list[tuple[str, dict[str, Any]]] = []
    lines += _table(schema, nested, f"{name}." if level != "#" else "")
    for nested_name, nested_schema in nested:
        lines += _section(nested_name, nested_schema)
    return lines


def render(stem: str) -> str:
    """The text of one reference page."""
    schema = json.loads((SCHEMAS / f"{stem}.schema.json").read_text(encoding="utf-8"))
    title, explanation = PAGES[stem]
    lines = [
        f"# {title}",
        "",
        f"Generated from `openness/schemas/{stem}.schema.json` by `scripts/generate_schema_docs.py`; do not",
        f"edit by hand. [The {stem} format]({explanation}) explains what the keys mean and how they are used.",
        f"The schema itself ships in the package: point an editor at it to validate and complete {stem} files.",
        "",
        f"Schema: `{schema.get('$schema', '')}`; title: {schema.get('title', stem)}.",
        "",
    ]
    top: list[tuple[str, dict[str, Any]]] = []
    lines += ["## Top level", "", *_table(schema, top, "")]
    for name, nested_schema in top:
        lines += _section(name, nested_schema)
    for name, definition in schema.get("$defs", {}).items():
        lines += _section(name, definition)
    return "\n".join(lines).rstrip() + "\n"


def main() -> int:
    """Write the pages."""
    TARGET.mkdir(parents=True, exist_ok=True)
    for stem in PAGES:
        path = TARGET / f"{stem}-schema.md"
        path.write_text(render(stem), encoding="utf-8")
        sys.stdout.write(f"wrote {path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
