"""Descriptors of real models that ship with ``openness``, every fact with its source.

>>> from openness import catalogue
>>> "olmo-7b" in catalogue.ids()
True
>>> catalogue.load("olmo-7b").model.name
'OLMo 7B'
"""

from __future__ import annotations

import functools

from openness._descriptor import Descriptor, descriptor_from_mapping
from openness._errors import DescriptorError, Problem
from openness._files import parse_text
from openness._resources import catalogue_dir

__all__ = ["all", "ids", "load", "search"]


@functools.lru_cache(maxsize=1)
def _files() -> dict[str, str]:
    return {
        entry.name[: -len(".toml")]: entry.name for entry in catalogue_dir().iterdir() if entry.name.endswith(".toml")
    }


def ids() -> list[str]:
    """The ids of all catalogue models, sorted."""
    return sorted(_files())


@functools.cache
def load(model_id: str) -> Descriptor:
    """The descriptor of one catalogue model; :class:`openness.DescriptorError` for an unknown id."""
    name = _files().get(model_id)
    if name is None:
        from openness._convert import did_you_mean  # noqa: PLC0415

        hint = did_you_mean(model_id, ids())
        raise DescriptorError([Problem(message=f"no catalogue model {model_id!r}{hint}; see openness.catalogue.ids()")])
    source = f"openness/catalogue/{name}"
    text = (catalogue_dir() / name).read_text(encoding="utf-8")
    return descriptor_from_mapping(parse_text(text, kind="toml", source=source, error=DescriptorError), source=source)


def all() -> list[Descriptor]:  # noqa: A001 - the catalogue's natural verb
    """Every catalogue descriptor, sorted by id."""
    return [load(model_id) for model_id in ids()]


def search(text: str) -> list[Descriptor]:
    """Catalogue models whose id, name or organisation contains ``text`` (case-insensitive)."""
    needle = text.casefold()
    return [
        d
        for d in all()
        if any(needle in (v or "").casefold() for v in (d.model.id, d.model.name, d.model.organisation))
    ]
