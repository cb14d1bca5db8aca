"""European Open Source AI Index files (both generations), read into descriptors.

The index rates each model on a list of parameters (open, partial or closed, with an evidence
link and notes). :func:`read` keeps every rating as an external assessment of the descriptor:

- legacy "Opening up ChatGPT" files (``project``, ``org`` and 14 parameters, 2023-2024) become
  assessments of the assessor ``osai-2023``;
- current osai-index.eu files (``system``, ``org`` and 12 parameters) become assessments of the
  assessor ``osai-index``; ``system.type`` becomes the model's modalities.

A parameter whose class is empty is kept as "not assessed" (no grade). Every other key of the file
is kept under ``extra.osai`` (``None`` values listed in ``extra.osai.nulls``). Files the index
itself does not score (the submission template, projects with an empty name) still load; use
:func:`dropped` to tell which, and why. Needs the ``import`` extra (PyYAML).

Data: CC-BY-4.0, by Liesenfeld, Lopez & Dingemanse (doi:10.1145/3571884.3604316) and Liesenfeld &
Dingemanse (doi:10.1145/3630106.3659005); see https://osai-index.eu/.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

import attrs

from openness._errors import DescriptorError, Problem
from openness._model.descriptor import Descriptor, check_date, descriptor_from_mapping
from openness._reading.vocabulary import MODALITIES
from openness.importers._common import load_yaml, slug, without_nulls, yaml_files

__all__ = ["ASSESSORS", "TEMPLATES", "Skipped", "dropped", "from_mapping", "read", "read_dir"]

#: The assessor id each generation's ratings are filed under.
ASSESSORS = {"legacy": "osai-2023", "current": "osai-index"}
#: File names of the index's templates: they load, but the index never scores them.
TEMPLATES = frozenset({"A_sample.yaml", "a_submission_template.yaml"})
_IDENTITY = {"legacy": "project", "current": "system"}


@attrs.frozen
class Skipped:
    """A file :func:`read_dir` loaded but that the index does not score, with the reason."""

    path: str
    reason: str


def _generation(data: Mapping[str, Any], source: str) -> str:
    if isinstance(data.get("system"), Mapping):
        return "current"
    if isinstance(data.get("project"), Mapping):
        return "legacy"
    raise DescriptorError(
        [
            Problem(
                message="not an index model file: expected a 'system' (current) or 'project' (legacy) table",
                source=source,
            )
        ]
    )


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _links(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [text for item in items if (text := _text(item)) is not None]


def _modalities(value: Any) -> list[str]:
    words = [w.strip().lower() for w in str(value or "").split(",")]
    return [w for w in words if w in MODALITIES]


def _assessments(data: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for key, value in data.items():
        if isinstance(value, Mapping) and "class" in value:
            rating = {
                "grade": _text(value.get("class")),
                "link": _links(value.get("link")),
                "notes": _text(value.get("notes")),
            }
            out[str(key)] = {k: v for k, v in rating.items() if v not in (None, [])}
    return out


def dropped(data: Mapping[str, Any], file_name: str) -> str | None:
    """Why the index does not score this file, or ``None`` when it does."""
    if file_name in TEMPLATES:
        return "the index's submission template, not a model"
    identity = data.get("project") or data.get("system")
    if not isinstance(identity, Mapping) or _text(identity.get("name")) is None:
        return "its name is empty, and the index drops files without a name"
    return None


def from_mapping(data: Any, *, source: str = "<mapping>", file_name: str = "") -> Descriptor:
    """A descriptor from index data already parsed (see :func:`read`)."""
    return _from_mapping(data, source=source, file_name=file_name, checked=False)


def _from_mapping(data: Any, *, source: str, file_name: str, checked: bool) -> Descriptor:
    """``checked``: the data comes from :func:`load_yaml`, which refused it if over the limits or cyclic."""
    if not isinstance(data, Mapping):
        raise DescriptorError(
            [Problem(message=f"not an index model file: expected a mapping, got {type(data).__name__}", source=source)]
        )
    generation = _generation(data, source)
    identity = data[_IDENTITY[generation]]
    org: Mapping[str, Any] = data["org"] if isinstance(data.get("org"), Mapping) else {}
    stem = Path(file_name).stem if file_name else ""
    name = _text(identity.get("name")) or stem or "unnamed"
    ratings = _assessments(data)
    rest = {k: v for k, v in data.items() if k not in ratings}
    raw, nulls = without_nulls(rest)
    keep: dict[str, Any] = {"generation": generation, "file": raw}
    if file_name:
        keep["file-name"] = file_name
    if nulls:
        keep["nulls"] = nulls
    reason = dropped(data, file_name)
    if reason is not None:
        keep["dropped"] = reason
    link = _text(identity.get("link"))
    model: dict[str, Any] = {
        "id": slug(stem or name),
        "name": name,
        "organisation": _text(org.get("name")),
        "homepage": link if link and link.startswith(("https://", "http://")) else None,
        "modalities": _modalities(identity.get("type")) if generation == "current" else [],
        "sources": [_page(generation, file_name)],
    }
    released = _text(identity.get("releasedate"))
    if released is not None and not check_date(released, "released", full=False):
        model["released"] = released
    return descriptor_from_mapping(
        {
            "format": 1,
            "model": {k: v for k, v in model.items() if v not in (None, [])},
            "assessments": {ASSESSORS[generation]: ratings},
            "extra": {"osai": keep},
        },
        source=source,
        checked=checked,
    )


def _page(generation: str, file_name: str) -> str:
    """Where the index publishes this file's ratings."""
    if generation == "current":
        return f"https://osai-index.eu/model/{quote(Path(file_name).stem)}" if file_name else "https://osai-index.eu/"
    base = "https://github.com/opening-up-chatgpt/opening-up-chatgpt.github.io/blob/main/projects/"
    return base + quote(file_name) if file_name else "https://opening-up-chatgpt.github.io/"


def read(path: str | Path) -> Descriptor:
    """Read one index model file (YAML, either generation) into a descriptor."""
    data, source = load_yaml(path)
    return _from_mapping(data, source=source, file_name=Path(path).name, checked=True)


def read_dir(directory: str | Path) -> tuple[list[Descriptor], list[Skipped]]:
    """Every model file of an index folder: the descriptors the index scores, and the files it skips.

    Parameter registries (``_parameters*.yml``) are not model files and are skipped with that reason.
    """
    scored, skipped = [], []
    for path in yaml_files(Path(directory)):
        if path.name.startswith("_"):
            skipped.append(Skipped(str(path), "index metadata (parameter registry), not a model"))
            continue
        descriptor = read(path)
        reason = descriptor.extra["osai"].get("dropped")
        if reason is None:
            scored.append(descriptor)
        else:
            skipped.append(Skipped(str(path), reason))
    return scored, skipped
