"""Model descriptors: what a publisher released, and on what terms (format version 1)."""

from __future__ import annotations

import datetime
import functools
import json
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, Union

import attrs

from openness._errors import DescriptorError, Problem, UnsupportedFormatError, did_you_mean
from openness._reading.documents import parse_text, read_document
from openness._reading.limit_checks import check_tree
from openness._reading.resources import catalogue_dir
from openness._reading.structure import Invalid, Invalids, converter, describe_value, register_class, structure
from openness._reading.vocabulary import Access, Coverage, Modality, component_aliases, fact_sections, facts
from openness._words import counted

__all__ = [
    "Assessment",
    "Component",
    "Descriptor",
    "Fact",
    "ModelInfo",
    "catalogue_descriptor",
    "catalogue_ids",
    "check_date",
    "load_descriptor",
]

FORMAT = 1
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
#: How a model was made from its base (Hugging Face's ``base_model_relation`` values).
Relation = Literal["finetune", "adapter", "quantized", "merge"]
RELATIONS: tuple[Relation, ...] = ("finetune", "adapter", "quantized", "merge")
#: ``model.base-model``: one base (a string), several (a list, as for a merge), or none.
BaseModels = Union[str, tuple[str, ...], None]  # noqa: UP007 - a runtime type, given its own structure hook
_PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def _dates_as_text(table: Mapping[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    out = dict(table)
    for key in keys:
        value = out.get(key)
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            out[key] = value.isoformat()
    return out


def check_date(value: str | None, key: str, *, full: bool) -> list[Invalid]:
    """Problems with a date under ``key``: ``full`` asks for YYYY-MM-DD, otherwise YYYY or YYYY-MM will do.

    The importers check the release dates they read with it, so their messages match the descriptor's.
    """
    if value is None:
        return []
    if not _PARTIAL_DATE.match(value) or (full and len(value) != 10):
        shape = "YYYY-MM-DD" if full else "YYYY, YYYY-MM or YYYY-MM-DD"
        return [Invalid(f"expected a date written {shape}, got {value!r}", (key,))]
    if len(value) == 10:
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            return [Invalid(f"{value!r} is not a real date", (key,))]
    return []


@attrs.frozen(kw_only=True)
class ModelInfo:
    """Identity of a model: who released what, when, and where the facts come from."""

    id: str
    name: str
    organisation: str | None = None
    version: str | None = None
    released: str | None = None
    checked: str | None = None
    homepage: str | None = None
    base_model: str | tuple[str, ...] | None = None
    base_model_relation: Relation | None = None
    modalities: tuple[Modality, ...] = ()
    sources: tuple[str, ...] = ()
    extra: dict[str, Any] = attrs.field(factory=dict)

    @property
    def bases(self) -> tuple[str, ...]:
        """The models this one was derived from (``base-model`` as a tuple; empty when not stated)."""
        if self.base_model is None:
            return ()
        return (self.base_model,) if isinstance(self.base_model, str) else self.base_model


def _structure_bases(value: object, _: type) -> str | tuple[str, ...] | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise Invalid(f"expected a model id or a non-empty list of model ids, got {describe_value(value)}")


converter.register_structure_hook(BaseModels, _structure_bases)


def _check_model(model: ModelInfo) -> None:
    problems = []
    if not _ID.match(model.id):
        problems.append(
            Invalid(
                f"{model.id!r} is not a valid id (lower-case letters, digits, '.', '_' and '-')",
                ("id",),
            )
        )
    problems += check_date(model.released, "released", full=False)
    problems += check_date(model.checked, "checked", full=True)
    if model.base_model_relation is not None and model.base_model is None:
        problems.append(Invalid("a base-model-relation needs a base-model", ("base-model-relation",)))
    if problems:
        raise Invalids(problems)


@attrs.frozen(kw_only=True)
class Component:
    """One released (or withheld) part of a model, with its terms."""

    access: Access | None = None
    licence: str | None = None
    coverage: Coverage | None = None
    url: str | None = None
    notes: str | None = None
    sources: tuple[str, ...] = ()
    unsure: bool = False
    extra: dict[str, Any] = attrs.field(factory=dict)


@attrs.frozen(kw_only=True)
class Assessment:
    """A rating someone else gave one parameter of the model (``grade`` unset: not assessed)."""

    grade: str | None = None
    link: tuple[str, ...] = ()
    notes: str | None = None


@attrs.frozen(kw_only=True)
class Fact:
    """One stated fact that is not a component: a number (``training.tokens``) or a yes/no answer.

    The fact vocabulary (``openness/data/facts.toml``) says which facts exist and of what kind.
    """

    value: bool | float
    sources: tuple[str, ...] = ()
    notes: str | None = None
    unsure: bool = False


def _structure_value(value: object, _: type) -> bool | float:
    if isinstance(value, (bool, int, float)):
        return value
    raise Invalid(f"expected a number or true/false, got {describe_value(value)}")


converter.register_structure_hook(bool | float, _structure_value)


def _check_facts(table: Mapping[str, Any], problems: list[Invalid]) -> None:
    """Each fact table names facts of the vocabulary, not derived ones, with a value of the right kind."""
    vocabulary = facts()
    for section in fact_sections():
        stated = table.get(section)
        if not isinstance(stated, Mapping):
            continue
        names = [spec.name for spec in vocabulary.values() if spec.section == section and not spec.derived_from]
        for name, fact in stated.items():
            spec = vocabulary.get(f"{section}.{name}")
            if spec is None:
                hint = did_you_mean(str(name), names)
                problems.append(Invalid(f"unknown fact {section}.{name}{hint}", (section, name)))
                continue
            if spec.derived_from:
                inputs = " and ".join(spec.derived_from)
                message = f"{spec.id} is derived, never stated: state {inputs}"
                problems.append(Invalid(message, (section, name)))
                continue
            value = fact.get("value") if isinstance(fact, Mapping) else None
            if value is None or not isinstance(value, (bool, int, float)):
                continue  # structuring reports a missing or mistyped value
            if spec.kind == "boolean" and not isinstance(value, bool):
                problems.append(Invalid(f"expected true or false, got {value!r}", (section, name, "value")))
            elif spec.kind == "number" and (isinstance(value, bool) or not math.isfinite(value) or value < 0):
                problems.append(
                    Invalid(f"expected a finite number, at least 0, got {value!r}", (section, name, "value"))
                )


def _prepare_assessment(table: Mapping[str, Any], _: list[Invalid]) -> Mapping[str, Any]:
    if isinstance(table.get("link"), str):
        return {**table, "link": [table["link"]]}
    return table


@attrs.frozen(kw_only=True)
class Descriptor:
    """What a model's publisher released: identity, components, other assessors' ratings.

    Build one with :func:`openness.load_descriptor`; ``to_dict()`` gives back a mapping that loads
    into an equal descriptor.
    """

    format: int = FORMAT
    model: ModelInfo
    components: dict[str, Component] = attrs.field(factory=dict)
    assessments: dict[str, dict[str, Assessment]] = attrs.field(factory=dict)
    training: dict[str, Fact] = attrs.field(factory=dict)
    distribution: dict[str, Fact] = attrs.field(factory=dict)
    regulation: dict[str, Fact] = attrs.field(factory=dict)
    extra: dict[str, Any] = attrs.field(factory=dict)
    source: str | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def id(self) -> str:
        """The model id."""
        return self.model.id

    def fact(self, fact_id: str) -> Fact | None:
        """A stated fact by its id (``training.compute-flop``); ``None`` when not stated.

        A derived fact (``training.compute-flop-estimate``) is never stated: see
        :func:`openness._model.descriptor.derived_value`.
        """
        section, _, name = fact_id.partition(".")
        table: dict[str, Fact] | None = getattr(self, section, None) if section in fact_sections() else None
        return None if table is None else table.get(name)

    def fact_value(self, fact_id: str) -> tuple[bool | float | None, tuple[str, ...]]:
        """A fact's value (a derived one computed from the facts it is derived from) and what it is missing.

        ``(value, ())`` when known; ``(None, paths)`` when not, ``paths`` naming the stated facts
        it needs (for a derived fact, those of its inputs not stated).
        """
        spec = facts()[fact_id]
        if not spec.derived_from:
            stated = self.fact(fact_id)
            return (None, (fact_id,)) if stated is None else (stated.value, ())
        inputs = [self.fact(name) for name in spec.derived_from]
        missing = tuple(name for name, fact in zip(spec.derived_from, inputs, strict=True) if fact is None)
        if missing:
            return None, missing
        value = spec.factor
        for fact in inputs:
            assert fact is not None  # noqa: S101 - none is missing
            value *= float(fact.value)
        return value, ()

    def to_dict(self) -> dict[str, Any]:
        """The descriptor as a plain mapping (TOML/JSON-ready), the exact inverse of loading."""
        data: dict[str, Any] = _prune(converter.unstructure(self))
        return data

    def to_json(self, *, indent: int | None = 2) -> str:
        """The descriptor as JSON text."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_toml(self) -> str:
        """The descriptor as TOML text."""
        import tomli_w  # noqa: PLC0415 - only writers need it

        return tomli_w.dumps(self.to_dict())

    def __repr__(self) -> str:
        return f"<Descriptor {self.model.id!r}: {counted(len(self.components), 'component')}>"

    def _repr_html_(self) -> str:
        from openness._model import views  # noqa: PLC0415 - renderers load on first use, not when scoring

        return views.descriptor_html(self)

    def _repr_markdown_(self) -> str:
        from openness._model import views  # noqa: PLC0415 - renderers load on first use, not when scoring

        return views.descriptor_markdown(self)


def _prune(value: Any, *, keep_empty_tables: bool = False) -> Any:
    """Drop unset optional keys (None, empty lists, false flags) so output reads like input.

    Empty tables are unset defaults too, except where the keys are the input's own (an assessor
    listed without ratings is a fact, kept).
    """
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key != "value" and (
                item is None or item is False or item == [] or (item == {} and not keep_empty_tables)
            ):
                continue
            out[key] = item if key == "extra" else _prune(item, keep_empty_tables=key == "assessments")
        return out
    return value


def _check_component_keys(table: Mapping[str, Any], problems: list[Invalid]) -> None:
    if not isinstance(table.get("components"), Mapping):
        return
    aliases = component_aliases()
    seen: dict[str, str] = {}
    for key in table["components"]:
        canonical = aliases.get(key)
        if canonical is None:
            hint = did_you_mean(key, list(aliases))
            problems.append(Invalid(f"unknown component {key!r}{hint}", ("components", key)))
        elif canonical in seen:
            problems.append(Invalid(f"{key!r} and {seen[canonical]!r} name the same component", ("components", key)))
        else:
            seen[canonical] = key


def _prepare_descriptor(table: Mapping[str, Any], problems: list[Invalid]) -> Mapping[str, Any]:
    _check_component_keys(table, problems)
    _check_facts(table, problems)
    if isinstance(table.get("model"), Mapping):
        table = {**table, "model": _dates_as_text(table["model"], ("released", "checked"))}
    return table


register_class(ModelInfo, check=_check_model)
register_class(Component)
register_class(Assessment, prepare=_prepare_assessment)
register_class(Fact)
register_class(Descriptor, prepare=_prepare_descriptor, omit=("source",))


def _check_format(data: Mapping[str, Any], source: str) -> None:
    version = data.get("format")
    if isinstance(version, int) and not isinstance(version, bool) and version != FORMAT:
        raise UnsupportedFormatError(
            [
                Problem(
                    message=f"descriptor format {version} is not supported (this release reads format {FORMAT})",
                    source=source,
                    path=("format",),
                )
            ]
        )


def descriptor_from_mapping(data: Mapping[str, Any], *, source: str, checked: bool = False) -> Descriptor:
    """Build a descriptor from a mapping, reporting every problem under ``source``.

    ``checked``: an importer built ``data`` from a document the YAML reader already held to the
    limits (nesting, size, no cycles), so it is not walked a second time.
    """
    if not isinstance(data, Mapping):
        raise DescriptorError([Problem(message=f"expected a mapping, got {type(data).__name__}", source=source)])
    if not checked:
        check_tree(data, source=source, error=DescriptorError)
    _check_format(data, source)
    missing = [] if "format" in data else [Problem(message="required key is missing", source=source, path=("format",))]
    try:
        descriptor = structure(data, Descriptor, source=source, error=DescriptorError)
    except DescriptorError as exc:
        raise DescriptorError([*missing, *exc.problems]) from None
    if missing:
        raise DescriptorError(missing)
    aliases = component_aliases()
    components = {aliases[key]: value for key, value in descriptor.components.items()}
    return attrs.evolve(descriptor, components=components, source=source)


@functools.lru_cache(maxsize=1)
def _catalogue_files() -> dict[str, str]:
    return {
        entry.name[: -len(".toml")]: entry.name for entry in catalogue_dir().iterdir() if entry.name.endswith(".toml")
    }


def catalogue_ids() -> list[str]:
    """The ids of all catalogue models, sorted."""
    return sorted(_catalogue_files())


@functools.cache
def catalogue_descriptor(model_id: str) -> Descriptor:
    """The descriptor of one catalogue model; :class:`openness.DescriptorError` for an unknown id.

    The one place a catalogue id becomes a descriptor: :func:`openness.catalogue.load` and
    :func:`load_descriptor` both call it.
    """
    name = _catalogue_files().get(model_id)
    if name is None:
        raise _unknown_id(f"no catalogue model {model_id!r}", model_id)
    source = f"openness/catalogue/{name}"
    text = (catalogue_dir() / name).read_text(encoding="utf-8")
    return descriptor_from_mapping(parse_text(text, kind="toml", source=source, error=DescriptorError), source=source)


def _unknown_id(lead: str, model_id: str) -> DescriptorError:
    """``lead``, a close catalogue id if there is one, and where the ids are listed."""
    hint = did_you_mean(model_id, catalogue_ids())
    return DescriptorError([Problem(message=f"{lead}{hint}; see openness.catalogue.ids()")])


def _names_catalogue_model(descriptor: str | Path) -> bool:
    """Whether a string means a catalogue id: no file by that name, and not a ``.toml``/``.json`` name."""
    path = Path(descriptor)
    return path.suffix.lower() not in {".toml", ".json"} and not path.exists()


def load_descriptor(
    descriptor: str | Path | Mapping[str, Any] | Descriptor, *, source: str | None = None
) -> Descriptor:
    """Load a model descriptor from a ``.toml``/``.json`` file, a catalogue id, a mapping, or TOML text.

    A string is TOML text if it holds a newline; otherwise it is a path, or a catalogue id (such as
    ``"olmo-7b"``, see :mod:`openness.catalogue`) when no such file exists and it does not end in
    ``.toml`` or ``.json``. (The public :func:`openness.load_descriptor` reads Hub ids too: see
    :func:`openness.importers.load_descriptor`.) Errors are :class:`openness.DescriptorError`
    listing every problem with its file and key path; an unknown catalogue id suggests a close one.
    """
    if isinstance(descriptor, Descriptor):
        return descriptor
    if isinstance(descriptor, Mapping):
        return descriptor_from_mapping(descriptor, source=source or "<mapping>")
    if isinstance(descriptor, str) and "\n" in descriptor:
        data = parse_text(descriptor, kind="toml", source=source or "<text>", error=DescriptorError)
        return descriptor_from_mapping(data, source=source or "<text>")
    if isinstance(descriptor, str) and _names_catalogue_model(descriptor):
        if descriptor not in _catalogue_files():
            raise _unknown_id(f"{descriptor!r} is neither a descriptor file nor a catalogue model", descriptor)
        return catalogue_descriptor(descriptor)
    if isinstance(descriptor, (str, Path)):
        data, where = read_document(descriptor, error=DescriptorError)
        return descriptor_from_mapping(data, source=source or where)
    message = f"expected a path, a catalogue id, a mapping or TOML text, got {type(descriptor).__name__}"
    raise DescriptorError([Problem(message=message, source=source)])
