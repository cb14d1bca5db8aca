"""Descriptors of real models that ship with ``openness``, every fact with its source.

>>> from openness import catalogue
>>> "olmo-7b" in catalogue.ids()
True
>>> catalogue.load("olmo-7b").model.name
'OLMo 7B'
"""

from __future__ import annotations

from openness._model.descriptor import Descriptor, catalogue_descriptor, catalogue_ids

__all__ = ["all", "ids", "load", "search"]


def ids() -> list[str]:
    """The ids of all catalogue models, sorted."""
    return catalogue_ids()


def load(model_id: str) -> Descriptor:
    """The descriptor of one catalogue model; :class:`openness.DescriptorError` for an unknown id.

    :func:`openness.score` and every other call that takes a descriptor take a catalogue id too.
    """
    return catalogue_descriptor(model_id)


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
