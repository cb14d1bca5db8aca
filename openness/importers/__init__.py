"""Importers: other formats read into :class:`openness.Descriptor` objects.

The formats: Model Openness Tool YAML, European Open Source AI Index YAML, Hugging Face model cards.

Each importer is a submodule with a ``read(path)`` function; YAML support needs the ``import``
extra (``pip install '.[import]'`` in a checkout, or ``pip install pyyaml``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from openness._errors import DescriptorError, Problem
from openness._model.descriptor import Descriptor
from openness._model.descriptor import load_descriptor as load_file_or_mapping
from openness.importers._common import YAML_SUFFIXES, load_yaml, slug
from openness.importers._common import yaml_files as yaml_files  # package-internal (not in __all__): the CLI's too

__all__ = ["MODEL_ID_PREFIXES", "YAML_SUFFIXES", "from_data", "kind_of", "load_descriptor", "read"]

#: Prefixes of model ids read from elsewhere than a file: ``hf:ORG/NAME[@REVISION]`` (the Hugging Face Hub).
MODEL_ID_PREFIXES = ("hf:",)


def load_descriptor(
    descriptor: str | Path | Mapping[str, Any] | Descriptor, *, source: str | None = None
) -> Descriptor:
    """Load a model descriptor: a ``.toml``/``.json`` file, a catalogue id, a Hub id, a mapping, or TOML text.

    ``hf:ORG/NAME[@REVISION]`` is a model on the Hugging Face Hub (:func:`openness.importers.hf.fetch`,
    the ``hf`` extra); anything else is read as a descriptor file, a catalogue id (such as
    ``"olmo-7b"``, see :mod:`openness.catalogue`), a mapping or TOML text. Errors are
    :class:`openness.DescriptorError` listing every problem with its file and key path; an unknown
    catalogue id suggests a close one. This is :func:`openness.load_descriptor`.
    """
    if isinstance(descriptor, str) and descriptor.startswith(MODEL_ID_PREFIXES):
        from openness.importers import hf  # noqa: PLC0415 - the Hub reader needs the optional hf extra

        return hf.fetch(descriptor)
    return load_file_or_mapping(descriptor, source=source)


def kind_of(data: object) -> str | None:
    """Which importer reads this parsed YAML: ``"mot"``, ``"osai"``, or ``None`` when neither does."""
    if isinstance(data, Mapping):
        if isinstance(data.get("release"), Mapping):
            return "mot"
        if isinstance(data.get("system"), Mapping) or isinstance(data.get("project"), Mapping):
            return "osai"
    return None


def read(path: str | Path) -> Descriptor:
    """Read a MOT or index YAML file, telling the two apart by their top-level tables."""
    data, source = load_yaml(path)
    return from_data(data, source=source, file_name=Path(path).name)


def from_data(data: object, *, source: str, file_name: str) -> Descriptor:
    """A descriptor from parsed MOT or index YAML (see :func:`read`); ``file_name`` gives the id."""
    from openness.importers import mot, osai  # noqa: PLC0415 - submodules of this package

    kind = kind_of(data)
    if kind == "mot":
        return mot.from_mapping(data, source=source, model_id=slug(Path(file_name).stem))
    if kind == "osai":
        return osai.from_mapping(data, source=source, file_name=file_name)
    message = (
        "not a known model file: expected a Model Openness Tool file (a 'release' table) or a European Open"
        " Source AI Index file (a 'system' or 'project' table)"
    )
    raise DescriptorError([Problem(message=message, source=source)])
