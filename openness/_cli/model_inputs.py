"""What a MODEL argument of the command line names: a catalogue id or a file, read by its suffix.

:func:`resolve_model` is the one place that decides; :data:`READERS` maps file suffixes to
readers, so a new input format is one more entry.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs

from openness import catalogue
from openness._errors import DescriptorError, Problem, did_you_mean
from openness._model.descriptor import Descriptor
from openness._reading.locate import front_matter_lines, toml_locations
from openness._reading.resources import catalogue_dir
from openness._reading.vocabulary import component_aliases
from openness.importers import MODEL_ID_PREFIXES, load_descriptor

__all__ = ["READERS", "ModelInput", "resolve_model"]


def _read_model_card(path: Path) -> Descriptor:
    from openness.importers import hf  # noqa: PLC0415 - needs the optional PyYAML

    return hf.read(path)


def _read_yaml_model(path: Path) -> Descriptor:
    from openness import importers  # noqa: PLC0415 - needs the optional PyYAML

    return importers.read(path)


#: Readers by file suffix (lower case).
READERS: dict[str, Callable[[Path], Descriptor]] = {
    ".toml": load_descriptor,
    ".json": load_descriptor,
    ".md": _read_model_card,
    ".markdown": _read_model_card,
    ".yml": _read_yaml_model,
    ".yaml": _read_yaml_model,
}


@attrs.frozen(kw_only=True)
class ModelInput:
    """A model named on the command line: its descriptor, the file it came from, and that file's text."""

    descriptor: Descriptor
    location: str
    text: str | None = attrs.field(default=None, repr=False)
    kind: str = "toml"

    def component_line(self, key: str) -> int | None:
        """The line where the file states component ``key``, if it can be found."""
        if self.text is None:
            return None
        if self.kind == "markdown":
            from openness.importers.hf import COMPONENT_KEYS  # noqa: PLC0415

            lines = front_matter_lines(self.text)
            found = [lines[k] for k in COMPONENT_KEYS.get(key, ()) if k in lines]
            return min(found) if found else None
        if self.kind != "toml":
            return None
        locations = toml_locations(self.text)
        spellings = [alias for alias, canonical in component_aliases().items() if canonical == key]
        found = [locations[("components", s)][0] for s in spellings if ("components", s) in locations]
        return min(found) if found else None

    def assessment_line(self, assessor: str) -> int | None:
        """The line where the file states the ratings of ``assessor``, if it can be found."""
        if self.text is None or self.kind != "toml":
            return None
        locations = toml_locations(self.text)
        position = locations.get(("assessments", assessor))
        return position[0] if position else None


def _kind(suffix: str) -> str:
    return {".md": "markdown", ".markdown": "markdown"}.get(suffix, suffix.lstrip("."))


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def resolve_model(argument: str) -> ModelInput:
    """Load the model an argument names: a Hub id, a descriptor or model-card file, or a catalogue id.

    An id with a prefix of :data:`~openness.importers.MODEL_ID_PREFIXES` (``hf:ORG/NAME``) is read
    by its reader; a path with a known suffix (see :data:`READERS`) is read as a file; any other existing path
    is an error naming the suffixes; otherwise the argument must be a catalogue id.
    """
    if argument.startswith(MODEL_ID_PREFIXES):
        return ModelInput(descriptor=load_descriptor(argument), location=argument, kind="hub")
    path = Path(argument)
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is not None:
        descriptor = reader(path)
        return ModelInput(descriptor=descriptor, location=argument, text=_read_text(path), kind=_kind(suffix))
    if path.exists():
        known = ", ".join(sorted(READERS))
        raise DescriptorError(
            [Problem(message=f"cannot read a {suffix or 'suffix-less'} file (known: {known})", source=argument)]
        )
    if argument in catalogue.ids():
        name = f"{argument}.toml"
        text = (catalogue_dir() / name).read_text(encoding="utf-8")
        return ModelInput(descriptor=catalogue.load(argument), location=f"openness/catalogue/{name}", text=text)
    hint = did_you_mean(argument, catalogue.ids())
    message = (
        f"{argument!r} is neither a descriptor file nor a catalogue model{hint}; "
        f"catalogue: {', '.join(catalogue.ids())}"
    )
    raise DescriptorError([Problem(message=message)])
