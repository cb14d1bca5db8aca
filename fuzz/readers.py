"""Every reader of untrusted input, one entry each: what fuzzing and the hardening tests exercise.

A reader takes text (the contents of a file a stranger wrote) or a Python object (a mapping a
caller passes in) and returns a value or raises :class:`openness.OpennessError`; nothing else may
escape. ``seeds(shared)`` gives real inputs to mutate (``shared`` is the reference-data folder, or
``None`` when it is absent). Adding a reader (say, model-card front matter) is one
:func:`register` call.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import attrs

__all__ = ["READERS", "Reader", "register"]


@attrs.frozen(kw_only=True)
class Reader:
    """One reader: its name, what it takes, the function, and where real inputs to mutate are."""

    name: str
    takes: Literal["text", "object"]
    #: The syntax of the text it takes ("toml", "json", "yaml"), or "plain" (licence strings) / "object".
    syntax: Literal["toml", "json", "yaml", "plain", "object"]
    read: Callable[[Any], object]
    needs: tuple[str, ...] = ()
    seeds: Callable[[Path | None], list[Any]] = lambda _: []

    def available(self) -> bool:
        """True when the optional modules this reader needs are installed."""
        return all(importlib.util.find_spec(name) is not None for name in self.needs)


READERS: dict[str, Reader] = {}


def register(reader: Reader) -> Reader:
    """Add a reader to :data:`READERS` (names are unique)."""
    if reader.name in READERS:
        msg = f"reader {reader.name!r} is registered twice"
        raise ValueError(msg)
    READERS[reader.name] = reader
    return reader


def _rubric_text(kind: str) -> Callable[[str], object]:
    def read(text: str) -> object:
        from openness._errors import RubricError  # noqa: PLC0415
        from openness._model.rubric import rubric_from_mapping  # noqa: PLC0415
        from openness._reading.documents import parse_text  # noqa: PLC0415

        return rubric_from_mapping(
            parse_text(text, kind=kind, source=f"<fuzz>.{kind}", error=RubricError), source="<fuzz>"
        )

    return read


def _descriptor_text(kind: str) -> Callable[[str], object]:
    def read(text: str) -> object:
        from openness._errors import DescriptorError  # noqa: PLC0415
        from openness._model.descriptor import descriptor_from_mapping  # noqa: PLC0415
        from openness._reading.documents import parse_text  # noqa: PLC0415

        data = parse_text(text, kind=kind, source=f"<fuzz>.{kind}", error=DescriptorError)
        return descriptor_from_mapping(data, source="<fuzz>")

    return read


def _rubric_object(value: object) -> object:
    from openness._model.rubric import rubric_from_mapping  # noqa: PLC0415

    return rubric_from_mapping(value, source="<mapping>")  # type: ignore[arg-type]


def _descriptor_object(value: object) -> object:
    from openness._model.descriptor import load_descriptor  # noqa: PLC0415

    return load_descriptor(value)  # type: ignore[arg-type]


def _yaml_reader(importer: str) -> Callable[[str], object]:
    def read(text: str) -> object:
        from openness import importers  # noqa: PLC0415
        from openness.importers import _common, mot, osai  # noqa: PLC0415

        data = _common.load_yaml_text(text, source="<fuzz>.yml")
        if importer == "mot":
            return mot.from_mapping(data, source="<fuzz>.yml", model_id="fuzz")
        if importer == "osai":
            return osai.from_mapping(data, source="<fuzz>.yml", file_name="fuzz.yml")
        return importers.from_data(data, source="<fuzz>.yml", file_name="fuzz.yml")

    return read


def _licence_read(text: str) -> object:
    from openness.licences import read  # noqa: PLC0415

    return read(text)


def _licence_lookup(text: str) -> object:
    from openness.licences import lookup  # noqa: PLC0415

    return lookup(text)


def _toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib  # noqa: PLC0415
    else:  # pragma: no cover - Python 3.10 only
        import tomli as tomllib  # noqa: PLC0415
    data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    return data


def _shipped(folder: str) -> list[Path]:
    from openness._reading.resources import catalogue_dir, rubrics_dir  # noqa: PLC0415

    base = Path(str(rubrics_dir() if folder == "rubrics" else catalogue_dir()))
    return sorted(base.glob("*.toml"))


def _seeds(folder: str, form: str) -> Callable[[Path | None], list[Any]]:
    def seeds(_: Path | None) -> list[Any]:
        paths = _shipped(folder)
        if form == "text":
            return [p.read_text(encoding="utf-8") for p in paths]
        if form == "json":
            return [json.dumps(_toml(p), default=str) for p in paths]
        return [_toml(p) for p in paths]

    return seeds


def _shared(*patterns: str) -> Callable[[Path | None], list[Any]]:
    def seeds(shared: Path | None) -> list[Any]:
        if shared is None:
            return []
        return [p.read_text(encoding="utf-8") for pattern in patterns for p in sorted(shared.glob(pattern))]

    return seeds


def _licence_seeds(_: Path | None) -> list[Any]:
    found = {
        str(table.get("licence"))
        for path in _shipped("catalogue")
        for table in _toml(path).get("components", {}).values()
        if isinstance(table, dict) and "licence" in table
    }
    return sorted(found)


_MOT = ("mot/models/*.yml", "mot/fixtures/*.yml")
_OSAI = ("osai/current/*.y*ml", "osai/legacy/*.y*ml")

for _kind, _folder, _text_reader, _object_reader in (
    ("rubric", "rubrics", _rubric_text, _rubric_object),
    ("descriptor", "catalogue", _descriptor_text, _descriptor_object),
):
    _syntaxes: tuple[tuple[Literal["toml", "json"], str], ...] = (("toml", "text"), ("json", "json"))
    for _syntax, _seed_kind in _syntaxes:
        register(
            Reader(
                name=f"{_kind}-{_syntax}",
                takes="text",
                syntax=_syntax,
                read=_text_reader(_syntax),
                seeds=_seeds(_folder, _seed_kind),
            )
        )
    register(
        Reader(
            name=f"{_kind}-mapping",
            takes="object",
            syntax="object",
            read=_object_reader,
            seeds=_seeds(_folder, "object"),
        )
    )
for _name, _importer, _patterns in (("mot", "mot", _MOT), ("osai", "osai", _OSAI), ("import", "any", (*_MOT, *_OSAI))):
    register(
        Reader(
            name=f"{_name}-yaml",
            takes="text",
            syntax="yaml",
            read=_yaml_reader(_importer),
            needs=("yaml",),
            seeds=_shared(*_patterns),
        )
    )


def _model_card(text: str) -> object:
    from openness.importers import hf  # noqa: PLC0415

    card, body = hf.front_matter(text, source="<fuzz>.md")  # text only: never taken for a path
    return hf.descriptor_from_card(card or {}, source="<fuzz>.md", body=body, path=None)


def _card_seeds(_: Path | None) -> list[Any]:
    """Model cards made from the catalogue (the package ships no card files), plus the test cards when present."""
    from openness import catalogue  # noqa: PLC0415

    seeds: list[Any] = []
    for descriptor in catalogue.all():
        weights = descriptor.components.get("weights")
        licence = weights.licence if weights is not None and weights.licence else "other"
        seeds.append(
            f"---\nlicense: {json.dumps(licence)}\nbase_model: {json.dumps(descriptor.model.base_model or '')}\n"
            f"tags: [text-generation]\nextra_gated_prompt: null\n---\n# {descriptor.model.name}\n"
        )
    folder = Path(__file__).resolve().parent.parent / "tests" / "data" / "model-cards"
    if folder.is_dir():
        seeds += [path.read_text(encoding="utf-8") for path in sorted(folder.rglob("*.md"))]
    return seeds


register(Reader(name="model-card", takes="text", syntax="plain", read=_model_card, needs=("yaml",), seeds=_card_seeds))
register(Reader(name="licence-read", takes="text", syntax="plain", read=_licence_read, seeds=_licence_seeds))
register(Reader(name="licence-lookup", takes="text", syntax="plain", read=_licence_lookup, seeds=_licence_seeds))
