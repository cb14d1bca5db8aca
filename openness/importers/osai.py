"""European Open Source AI Index files (both generations), read into descriptors.

The index rates each model on a list of parameters (open, partial or closed, with an evidence
link and notes). :func:`read` keeps every rating as an external assessment of the descriptor:

- legacy "Opening up ChatGPT" files (``project``, ``org`` and 14 parameters, 2023-2024) become
  assessments of the assessor ``osai-2023``;
- current osai-index.eu files (``system``, ``org`` and 12 parameters) become assessments of the
  assessor ``osai-index``; ``system.type`` becomes the model's modalities.

**Every cell the index scores is explicit.** Both generations score a parameter that is missing
from the file, or whose class is empty, as closed (legacy: ``scripts/consolidate_csv.py``; current:
the site's ``sortModels``, where a missing parameter stays in the denominator). The importer writes
such a parameter as the grade ``closed`` with a note saying why, so the index's own rubrics reach a
determined result on every file. The parameters are the criteria of the built-in rubrics
``osai-2023`` and ``osai-index`` (the latter generated from the index's ``_parameters.yml``). A class
that is set but misspelt is kept verbatim: it matches no level, so it grades closed, as in the index.

**What a rating states about a component becomes a component fact** (:data:`COMPONENT_FACTS`),
citing the index's page for the model as its source; what a rating does not state stays unset
(unknown). Legacy / current parameter, the component, and the facts an ``open`` (``partial``)
rating states:

- ``llmweights`` / ``weights_basemodel``: ``weights``; open: access public.
- ``rlweights`` / ``weights_endmodel``: ``fine-tuned-weights`` (the end-user model); open: access
  public.
- ``llmdata`` / ``datasources_basemodel``: ``training-data``; ``rldata`` / ``datasources_endmodel``:
  ``fine-tuning-data``; open: access public and coverage full (partial: coverage partial).
- ``opencode``: ``training-code``; ``trainingcode``: ``training-code`` and
  ``data-preprocessing-code`` (its question names dataset processing); open: access public.
- ``datasheet``: ``data-card``; ``modelcard``: ``model-card``; ``preprint``: ``preprint``;
  ``paper``: ``research-paper``; open: coverage full (partial: coverage partial).
- legacy ``package``: ``package``; legacy ``api``: ``hosted-api``; open: access public.

A partial weights or code rating ("gated or not fully shared", "some source code open") and any
closed rating state no access: "not shared" does not say whether unreleased, API-only or given on
request. Current files name the end model's licence (``system.endmodellicense``); it becomes the
licence of ``fine-tuned-weights``, and of ``weights`` too when the file names the same model as
base and end model. The legacy ``project.license`` is free text about the whole project, not one
component, and stays under ``extra.osai``.

Every other key of the file is kept under ``extra.osai`` (``None`` values listed in
``extra.osai.nulls``). Files the index itself does not score (the submission template, projects
with an empty name) still load; use :func:`dropped` to tell which, and why. Needs the ``import``
extra (PyYAML).

Data: CC-BY-4.0, by Liesenfeld, Lopez & Dingemanse (doi:10.1145/3571884.3604316) and Liesenfeld &
Dingemanse (doi:10.1145/3630106.3659005); see https://osai-index.eu/.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

import attrs

from openness._errors import DescriptorError, Problem
from openness._model.descriptor import Descriptor, check_date, descriptor_from_mapping
from openness._model.rubric import load_rubric
from openness._reading.vocabulary import MODALITIES
from openness.importers._common import load_yaml, slug, without_nulls, yaml_files

__all__ = ["ASSESSORS", "COMPONENT_FACTS", "TEMPLATES", "Skipped", "dropped", "from_mapping", "read", "read_dir"]

#: The assessor id each generation's ratings are filed under.
ASSESSORS = {"legacy": "osai-2023", "current": "osai-index"}

#: Component facts a rating states, by grade: released (weights, code, packages, an API), data
#: (released in full, or partly released or described), documents (how complete they are).
_RELEASED: Mapping[str, Mapping[str, str]] = {"open": {"access": "public"}}
_DATA: Mapping[str, Mapping[str, str]] = {
    "open": {"access": "public", "coverage": "full"},
    "partial": {"coverage": "partial"},
}
_DOCUMENTED: Mapping[str, Mapping[str, str]] = {"open": {"coverage": "full"}, "partial": {"coverage": "partial"}}
_DOCUMENTS = {
    "preprint": (("preprint",), _DOCUMENTED),
    "paper": (("research-paper",), _DOCUMENTED),
    "modelcard": (("model-card",), _DOCUMENTED),
    "datasheet": (("data-card",), _DOCUMENTED),
}

#: What each generation's ratings state about components: parameter -> (component ids, facts by
#: grade). A grade not listed states nothing about the component.
COMPONENT_FACTS: Mapping[str, Mapping[str, tuple[tuple[str, ...], Mapping[str, Mapping[str, str]]]]] = {
    "legacy": {
        "opencode": (("training-code",), _RELEASED),
        "llmdata": (("training-data",), _DATA),
        "llmweights": (("weights",), _RELEASED),
        "rldata": (("fine-tuning-data",), _DATA),
        "rlweights": (("fine-tuned-weights",), _RELEASED),
        **_DOCUMENTS,
        "package": (("package",), _RELEASED),
        "api": (("hosted-api",), _RELEASED),
    },
    "current": {
        "datasources_basemodel": (("training-data",), _DATA),
        "datasources_endmodel": (("fine-tuning-data",), _DATA),
        "weights_basemodel": (("weights",), _RELEASED),
        "weights_endmodel": (("fine-tuned-weights",), _RELEASED),
        "trainingcode": (("training-code", "data-preprocessing-code"), _RELEASED),
        **_DOCUMENTS,
    },
}
_MISSING = "missing from the index file, which scores a missing parameter closed"
_EMPTY = "class left empty in the index file, which scores it closed"
_LICENCE_NOTE = "Licence as the index file names the end model's (system.endmodellicense)."
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


@functools.cache
def _parameters(generation: str) -> tuple[str, ...]:
    """The parameters the index scores, in its order: the criteria of the generation's built-in rubric."""
    return tuple(criterion.id for criterion in load_rubric(ASSESSORS[generation]).criteria)


def _assessments(data: Mapping[str, Any], generation: str) -> dict[str, dict[str, Any]]:
    """The ratings, with every parameter the index scores as closed when missing or empty made explicit."""
    scored = _parameters(generation)
    out: dict[str, dict[str, Any]] = {}
    for key, value in data.items():
        if isinstance(value, Mapping) and ("class" in value or key in scored):
            rating = {
                "grade": _text(value.get("class")),
                "link": _links(value.get("link")),
                "notes": _text(value.get("notes")),
            }
            out[str(key)] = {k: v for k, v in rating.items() if v not in (None, [])}
    for key in scored:
        rating = out.setdefault(key, {"grade": "closed", "notes": _MISSING})
        if "grade" not in rating:
            rating["grade"] = "closed"
            rating["notes"] = f"{rating['notes']} ({_EMPTY})" if "notes" in rating else _EMPTY
    return out


def _components(
    ratings: Mapping[str, Mapping[str, Any]], generation: str, identity: Mapping[str, Any], source: str
) -> dict[str, dict[str, Any]]:
    """The component facts the ratings (and a current file's end-model licence) state, citing ``source``."""
    found: dict[str, dict[str, Any]] = {}
    for parameter, (keys, by_grade) in COMPONENT_FACTS[generation].items():
        rating = ratings.get(parameter, {})
        facts = by_grade.get(rating.get("grade", ""))
        if facts is None:
            continue
        said = f": {rating['notes']}" if "notes" in rating else "."
        for key in keys:
            found[key] = {**facts, "notes": f"{ASSESSORS[generation]} rates {parameter} {rating['grade']}{said}"}
    licence = _text(identity.get("endmodellicense")) or _text(identity.get("endmodel license"))
    if generation == "current" and licence is not None:
        base, end = _text(identity.get("basemodelname")), _text(identity.get("endmodelname"))
        same = base is not None and end is not None and base.casefold() == end.casefold()
        for key in ("fine-tuned-weights", "weights") if same else ("fine-tuned-weights",):
            entry = found.setdefault(key, {})
            entry["licence"] = licence
            entry["notes"] = f"{entry['notes']} {_LICENCE_NOTE}" if "notes" in entry else _LICENCE_NOTE
    return {key: {**facts, "sources": [source]} for key, facts in found.items()}


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
    ratings = _assessments(data, generation)
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
    page = _page(generation, file_name)
    model: dict[str, Any] = {
        "id": slug(stem or name),
        "name": name,
        "organisation": _text(org.get("name")),
        "homepage": link if link and link.startswith(("https://", "http://")) else None,
        "modalities": _modalities(identity.get("type")) if generation == "current" else [],
        "sources": [page],
    }
    released = _text(identity.get("releasedate"))
    if released is not None and not check_date(released, "released", full=False):
        model["released"] = released
    return descriptor_from_mapping(
        {
            "format": 1,
            "model": {k: v for k, v in model.items() if v not in (None, [])},
            "components": _components(ratings, generation, identity, page),
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
