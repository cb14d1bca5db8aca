"""Model Openness Tool (MOT) YAML files, read into descriptors and written back.

MOT (https://mot.isitopen.ai, https://github.com/lfai/model_openness_tool) describes a model as
``framework`` and ``release`` tables; ``release.components`` lists the components that were
released. :func:`read` turns such a file into a :class:`~openness.Descriptor`:

- every listed component becomes a component with ``access = "public"`` (in MOT, listed means
  released);
- every other component MOT knows (the components of the vocabulary with a MOF name) becomes
  ``access = "not-released"``, with a note that the MOT file does not list it: MOT counts an
  unlisted component as missing, so the file states it, and no rubric has to guess;
- its licence is resolved with MOT's inheritance rules: the component's own ``license`` string
  verbatim; when the key is absent, the global licence for the component's content type
  (``release.license.code``, ``.data`` or ``.document``), else the global ``distribution`` licence,
  else ``unlicensed``; an explicit ``unlicensed`` or empty string never inherits;
- ``release.name``, ``producer``, ``version`` and ``date`` become the model's name, organisation,
  version and release date; the id is made from the file name (MOT files may share a name); the
  ``repository`` and ``huggingface`` URLs, when given, are the model's sources (MOT's own model
  pages have no address that can be made from the file);
- the whole file is kept under ``extra.mot`` (``None`` values listed in ``extra.mot.nulls``, since
  TOML has no null), so :func:`write` gives back the same YAML data.

Needs the ``import`` extra (PyYAML).
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from openness._errors import DescriptorError, Problem, did_you_mean
from openness._model.descriptor import Component, Descriptor, ModelInfo, check_date, descriptor_from_mapping
from openness._reading.vocabulary import components
from openness.importers._common import load_yaml, restore_nulls, slug, without_nulls

__all__ = ["CONTENT_TYPES", "NOT_LISTED", "from_mapping", "read", "resolve_licence", "to_mapping", "write"]

#: MOT's content type for each component kind (weights are data in MOT).
CONTENT_TYPES = {"code": "code", "data": "data", "weights": "data", "documentation": "document"}

UNLICENSED = "unlicensed"
#: The note on a component the MOT file does not list.
NOT_LISTED = "Not listed in the MOT file; in MOT, a component that is not listed was not released."
#: MOT's ``release.type`` as model modalities ("multimodal" names none in particular).
TYPE_MODALITIES = {
    "language": ("text",),
    "code": ("code",),
    "vision": ("image",),
    "image": ("image",),
    "audio": ("audio",),
    "video": ("video",),
    "3d": ("3d",),
    "other": ("other",),
}


@functools.cache
def _by_mof_name() -> dict[str, str]:
    return {spec.mof.name: key for key, spec in components().items() if spec.mof is not None}


def _content_type(component_id: str) -> str:
    return CONTENT_TYPES[components()[component_id].kind]


def _global_name(licences: Any, kind: str) -> str | None:
    if not isinstance(licences, Mapping):
        return None
    entry = licences.get(kind)
    if isinstance(entry, Mapping):
        name = entry.get("name")
        if isinstance(name, str) and name != "":
            return name
    return None


def resolve_licence(entry: Mapping[str, Any], component_id: str, global_licences: Any) -> str:
    """The licence MOT uses for a listed component (its inheritance rules, strings kept verbatim)."""
    own = entry.get("license")
    if isinstance(own, str):
        return UNLICENSED if own == "" else own
    inherited = _global_name(global_licences, _content_type(component_id)) or _global_name(
        global_licences, "distribution"
    )
    return inherited if inherited is not None else UNLICENSED


def _problem(message: str, source: str, *path: str | int) -> Problem:
    return Problem(message=message, source=source, path=tuple(path))


def _check_shape(data: Any, source: str) -> tuple[Mapping[str, Any], list[Any]]:
    if not isinstance(data, Mapping):
        raise DescriptorError([_problem(f"expected a MOT model file (a mapping), got {type(data).__name__}", source)])
    release = data.get("release")
    if not isinstance(release, Mapping):
        raise DescriptorError([_problem("expected a 'release' table", source, "release")])
    problems = []
    name = release.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(_problem("expected a non-empty name", source, "release", "name"))
    listed = release.get("components") or []
    if not isinstance(listed, list):
        raise DescriptorError([_problem("expected a list of components", source, "release", "components")])
    known = _by_mof_name()
    for index, entry in enumerate(listed):
        if not isinstance(entry, Mapping):
            problems.append(_problem("expected a component table", source, "release", "components", index))
            continue
        mof_name = entry.get("name")
        if not isinstance(mof_name, str) or mof_name not in known:
            hint = did_you_mean(str(mof_name), list(known))
            problems.append(
                _problem(f"unknown MOT component {mof_name!r}{hint}", source, "release", "components", index, "name")
            )
        licence = entry.get("license")
        if licence is not None and not isinstance(licence, str):
            problems.append(
                _problem(
                    f"expected a licence string, got {type(licence).__name__}",
                    source,
                    "release",
                    "components",
                    index,
                    "license",
                )
            )
    if problems:
        raise DescriptorError(problems)
    return release, listed


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _url(value: Any) -> str | None:
    text = _text(value)
    return text if text is not None and text.startswith(("https://", "http://")) else None


def from_mapping(data: Any, *, source: str = "<mapping>", model_id: str | None = None) -> Descriptor:
    """A descriptor from MOT data already parsed (see :func:`read`)."""
    return _from_mapping(data, source=source, model_id=model_id, checked=False)


def _from_mapping(data: Any, *, source: str, model_id: str | None, checked: bool) -> Descriptor:
    """``checked``: the data comes from :func:`load_yaml`, which refused it if over the limits or cyclic."""
    release, listed = _check_shape(data, source)
    known = _by_mof_name()
    found: dict[str, Component] = {}
    for entry in listed:
        key = known[entry["name"]]
        found.pop(key, None)  # MOT: a component listed twice, the later entry wins
        found[key] = Component(
            access="public",
            licence=resolve_licence(entry, key, release.get("license")),
            notes=_text(entry.get("description")),
        )
    for key, spec in components().items():
        if spec.mof is not None and key not in found:
            found[key] = Component(access="not-released", notes=NOT_LISTED)
    raw, nulls = without_nulls(data)
    released = _text(release.get("date"))
    urls = [url for url in (_url(release.get("repository")), _url(release.get("huggingface"))) if url is not None]
    model = {
        "id": model_id or slug(str(release["name"])),
        "name": str(release["name"]).strip(),
        "organisation": _text(release.get("producer")),
        "version": _text(release.get("version")),
        "modalities": list(TYPE_MODALITIES.get(str(release.get("type") or "").strip().lower(), ())),
        "homepage": urls[0] if urls else None,
        "sources": list(dict.fromkeys(urls)),
    }
    descriptor = descriptor_from_mapping(
        {
            "format": 1,
            "model": {k: v for k, v in model.items() if v not in (None, [])},
            "extra": {"mot": {"file": raw, **({"nulls": nulls} if nulls else {})}},
        },
        source=source,
        checked=checked,
    )
    info = descriptor.model
    if released is not None and not check_date(released, "released", full=False):
        info = attrs.evolve(info, released=released)  # a date we cannot read stays in extra.mot only
    return Descriptor(model=info, components=found, extra=descriptor.extra, source=source)


def read(path: str | Path) -> Descriptor:
    """Read a MOT model file (YAML) into a descriptor; the id is made from the file name."""
    data, source = load_yaml(path)
    return _from_mapping(data, source=source, model_id=slug(Path(path).stem), checked=True)


def to_mapping(descriptor: Descriptor) -> dict[str, Any]:
    """The descriptor as MOT data.

    The original file when the descriptor came from one, updated with the descriptor's components
    and identity; otherwise a file built from the descriptor's MOF components.

    Components MOT has no name for (fine-tuning data, hosted API, ...) and components not released
    have no place in a MOT file and are left out.
    """
    kept = descriptor.extra.get("mot")
    if isinstance(kept, Mapping) and isinstance(kept.get("file"), Mapping):
        data: dict[str, Any] = restore_nulls(kept["file"], list(kept.get("nulls", [])))
    else:
        data = {
            "framework": {"name": "Model Openness Framework", "version": "1.0", "date": "2024-12-15"},
            "release": {"name": descriptor.model.name, "license": {}, "producer": "", "components": []},
        }
    release = data.setdefault("release", {})
    _update_identity(release, descriptor.model)
    release["components"] = _components(release, descriptor)
    return data


def _update_identity(release: dict[str, Any], model: ModelInfo) -> None:
    pairs = (("name", model.name), ("producer", model.organisation), ("version", model.version))
    for key, value in pairs:
        current = release.get(key)
        if value is not None and (_text(current) or "").strip() != value:
            release[key] = value
    if model.released is not None and _text(release.get("date")) != model.released:
        release["date"] = model.released


def _components(release: Mapping[str, Any], descriptor: Descriptor) -> list[dict[str, Any]]:
    known = _by_mof_name()
    original = [dict(entry) for entry in release.get("components") or [] if isinstance(entry, Mapping)]
    last = {known.get(entry.get("name", "")): index for index, entry in enumerate(original)}
    out: list[dict[str, Any]] = []
    for index, entry in enumerate(original):
        key = known.get(entry.get("name", ""))
        component = descriptor.components.get(key) if key else None
        if component is None or component.access == "not-released":
            continue
        effective = last.get(key) == index
        out.append(_with_licence(entry, key, component, release.get("license")) if effective else entry)  # type: ignore[arg-type]
    listed = {known.get(entry.get("name", "")) for entry in original}
    for key, component in descriptor.components.items():
        spec = components()[key]
        if key in listed or spec.mof is None or component.access == "not-released":
            continue
        entry = {"name": spec.mof.name, "description": component.notes or spec.description.strip()}
        out.append(_with_licence(entry, key, component, release.get("license")))
    return out


def _with_licence(entry: dict[str, Any], key: str, component: Component, global_licences: Any) -> dict[str, Any]:
    wanted = component.licence if component.licence is not None else UNLICENSED
    if resolve_licence(entry, key, global_licences) == wanted:
        return entry
    return {**copy.deepcopy(entry), "license": wanted}


def write(descriptor: Descriptor) -> str:
    """The descriptor as MOT YAML text (see :func:`to_mapping`)."""
    from openness.importers._common import _yaml  # noqa: PLC0415

    dumper = getattr(_yaml(), "CSafeDumper", _yaml().SafeDumper)
    text: str = _yaml().dump(to_mapping(descriptor), Dumper=dumper, sort_keys=False, allow_unicode=True)
    return text
