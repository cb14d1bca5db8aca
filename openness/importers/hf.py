r"""Hugging Face model cards: the YAML front matter of a ``README.md`` as a partial descriptor.

>>> from openness.importers import hf
>>> card = "---\nlicense: apache-2.0\ndatasets: [allenai/dolma]\n---\n# My Model\n"
>>> descriptor = hf.read(card, source="https://huggingface.co/me/my-model")
>>> descriptor.components["weights"].licence
'apache-2.0'

What the card states becomes a fact with the card as its source; what it does not state stays
absent, so a report lists it as unknown. Keys this importer does not map are kept verbatim in
``descriptor.extra["model-card"]``. Needs PyYAML (the ``import`` extra).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from openness._errors import DescriptorError, Problem, install_hint
from openness._model.descriptor import RELATIONS, Descriptor, descriptor_from_mapping
from openness._reading.documents import read_text

__all__ = ["COMPONENT_KEYS", "front_matter", "read"]

#: Front-matter keys that state facts about each component (used to point at a line of the card).
COMPONENT_KEYS: dict[str, tuple[str, ...]] = {
    "weights": ("license", "license_name", "license_link", "gated", "extra_gated_prompt", "extra_gated_fields"),
    "training-data": ("datasets",),
    "preprint": ("tags",),
}
_LICENCE_KEYS = ("license", "license_name", "license_link")
_GATE_PREFIX = "extra_gated_"
_WEIGHT_KEYS = {*_LICENCE_KEYS, "gated"}
_ARXIV_TAG = re.compile(r"^arxiv:(?P<id>\d{4}\.\d{4,5}(v\d+)?|[a-z-]+(\.[A-Z]{2})?/\d{7})$", re.IGNORECASE)
_DELIMITER = re.compile(r"^(---|\.\.\.)[ \t]*$")
_HEADING = re.compile(r"^#[ \t]+(?P<title>\S.*?)[ \t#]*$", re.MULTILINE)


def _yaml_load(text: str, *, source: str, first_line: int) -> object:
    try:
        import yaml  # noqa: PLC0415, F401 - optional dependency, loaded when a card is read
    except ImportError:
        msg = f"reading Hugging Face model cards needs PyYAML: {install_hint('import')}"
        raise ImportError(msg) from None
    from openness.importers._common import load_yaml_text  # noqa: PLC0415 - the limits for untrusted YAML

    try:
        return load_yaml_text(text, source=source, first_line=first_line)
    except DescriptorError as exc:
        named = [
            attrs.evolve(
                problem, message=problem.message.replace("invalid YAML:", "invalid YAML in the front matter:", 1)
            )
            for problem in exc.problems
        ]
        raise type(exc)(named) from None


def front_matter(text: str, *, source: str = "<model card>") -> tuple[dict[str, Any] | None, str]:
    """Split a model card into its YAML front matter (``None`` when it has none) and its body.

    Raises :class:`openness.DescriptorError` naming ``source`` and the line for broken YAML or
    front matter that is not a mapping.
    """
    lines = text.removeprefix("\ufeff").split("\n")
    lines = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    if not lines or lines[0].rstrip("\r\n").rstrip() != "---":
        return None, text
    for index in range(1, len(lines)):
        if _DELIMITER.match(lines[index].rstrip("\r\n")):
            block, body = "".join(lines[1:index]), "".join(lines[index + 1 :])
            break
    else:
        problem = Problem(message="the front matter opened on line 1 is never closed by '---'", source=source, line=1)
        raise DescriptorError([problem])
    data = _yaml_load(block, source=source, first_line=2)
    if data is None:
        return {}, body
    if not isinstance(data, Mapping):
        message = f"the front matter must be a YAML mapping, got {type(data).__name__}"
        raise DescriptorError([Problem(message=message, source=source, line=2)])
    return {str(key): _plain(value) for key, value in data.items()}, body


def _plain(value: Any) -> Any:
    """YAML values as TOML/JSON-ready data: dates as ISO text, keys as strings, nulls left out."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value if v is not None]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)  # other YAML types (sets, binary) as text, so the descriptor stays TOML/JSON-ready


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-._")
    return slug or "model-card"


def _names(card: Mapping[str, Any], body: str, path: Path | None) -> tuple[str, str]:
    """The model's id and name: from ``model-index``, the card's folder or file name, its first heading."""
    index = card.get("model-index")
    indexed = index[0].get("name") if isinstance(index, list) and index and isinstance(index[0], Mapping) else None
    heading_match = _HEADING.search(body)
    heading = heading_match["title"] if heading_match else None
    from_path = None
    if path is not None:
        from_path = path.resolve().parent.name if path.name.lower() == "readme.md" else path.stem
    model_id = _slug(str(next((c for c in (indexed, from_path, heading) if c), "model-card")))
    name = str(next((c for c in (heading, indexed) if c), model_id))
    return model_id, name


def _weights(card: Mapping[str, Any], sources: list[str]) -> dict[str, Any] | None:
    component: dict[str, Any] = {}
    notes: list[str] = []
    raw = {key: card[key] for key in (*_LICENCE_KEYS, "gated") if key in card}
    raw.update({key: value for key, value in card.items() if key.startswith(_GATE_PREFIX)})
    licence = card.get("license")
    if isinstance(licence, str) and licence.strip():
        name = card.get("license_name")
        if licence.strip().lower() == "other" and isinstance(name, str) and name.strip():
            component["licence"] = name.strip()
            notes.append(f"The card says license: other, license_name: {name.strip()}.")
        else:
            component["licence"] = licence.strip()
    elif isinstance(licence, list):
        notes.append("The card lists several licences without saying how they combine; the licence is left unknown.")
    gated = card.get("gated")
    gate_keys = sorted(key for key in card if key.startswith(_GATE_PREFIX))
    if (gated not in (None, False) and str(gated).lower() != "false") or gate_keys:
        component["access"] = "gated"
        notes.append("The card configures a gate: users must accept conditions before downloading.")
        if card.get("extra_gated_eu_disallowed") is True:
            notes.append("The gate refuses users in the European Union.")
    if not (component or notes):  # nothing stated about the weights: the keys stay in extra
        return None
    if notes:
        component["notes"] = " ".join(notes)
    component["sources"] = sources
    component["extra"] = {"model-card": raw}
    return component


def _training_data(card: Mapping[str, Any], sources: list[str]) -> dict[str, Any] | None:
    datasets = card.get("datasets")
    if isinstance(datasets, str):
        datasets = [datasets]
    if not isinstance(datasets, list) or not datasets:
        return None
    names = [str(d) for d in datasets]
    component: dict[str, Any] = {
        "notes": f"The card names the Hugging Face datasets used to train: {', '.join(names)}.",
        "sources": sources,
        "extra": {"model-card": {"datasets": names}},
    }
    if len(names) == 1:
        component["url"] = f"https://huggingface.co/datasets/{names[0]}"
    return component


def _preprint(tags: object, sources: list[str]) -> dict[str, Any] | None:
    if not isinstance(tags, list):
        return None
    papers = [m["id"] for tag in tags if isinstance(tag, str) and (m := _ARXIV_TAG.match(tag.strip()))]
    if not papers:
        return None
    return {
        "access": "public",
        "url": f"https://arxiv.org/abs/{papers[0]}",
        "notes": "The card's tags name arXiv papers: " + ", ".join(papers) + ".",
        "sources": sources,
    }


def descriptor_from_card(
    card: Mapping[str, Any], *, source: str, body: str = "", path: Path | None = None
) -> Descriptor:
    """Build a partial descriptor from parsed front matter (see :func:`read`)."""
    sources = [source]
    model_id, name = _names(card, body, path)
    model: dict[str, Any] = {"id": model_id, "name": name, "sources": sources}
    base = card.get("base_model")
    model_extra: dict[str, Any] = {}
    if isinstance(base, str) and base.strip():
        model["base-model"] = base.strip()
    elif isinstance(base, list) and base and all(isinstance(b, str) and b.strip() for b in base):
        model["base-model"] = base[0].strip() if len(base) == 1 else [b.strip() for b in base]
    elif base is not None:
        model_extra["base_model"] = base
    relation = card.get("base_model_relation")
    if "base-model" in model and relation in RELATIONS:
        model["base-model-relation"] = relation
    elif relation is not None:
        model_extra["base_model_relation"] = relation
    if model_extra:
        model["extra"] = {"model-card": model_extra}
    components = {
        key: value
        for key, value in (
            ("weights", _weights(card, sources)),
            ("training-data", _training_data(card, sources)),
            ("preprint", _preprint(card.get("tags"), sources)),
        )
        if value is not None
    }
    data: dict[str, Any] = {"format": 1, "model": model, "components": components}
    mapped = {"base_model", "base_model_relation"} | ({"datasets"} if "training-data" in components else set())
    if "weights" in components:
        mapped |= {key for key in card if key in _WEIGHT_KEYS or key.startswith(_GATE_PREFIX)}
    rest = {key: value for key, value in card.items() if key not in mapped}
    if rest:
        data["extra"] = {"model-card": rest}
    return descriptor_from_mapping(data, source=source)


def read(path_or_text: str | Path, *, source: str | None = None) -> Descriptor:
    """Read a Hugging Face model card (a path, or the card's text) into a partial descriptor.

    A string holding a newline is the card's text; otherwise it is a path. ``source`` (for
    example the card's URL) becomes the source of every fact; it defaults to the path given.
    Broken YAML raises :class:`openness.DescriptorError` naming the file and line. A card
    without front matter gives a descriptor that states nothing.
    """
    path: Path | None = None
    if isinstance(path_or_text, str) and "\n" in path_or_text:
        text, where = path_or_text, source or "<model card>"
    else:
        path = Path(path_or_text)
        where = source or str(path)
        text = read_text(path, error=DescriptorError)
    card, body = front_matter(text, source=str(path) if path is not None else where)
    return descriptor_from_card(card or {}, source=where, body=body, path=path)
