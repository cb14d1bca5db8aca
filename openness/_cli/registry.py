"""Many models from one MODEL argument: a folder of descriptor files, or a JSON Lines file of descriptors.

:func:`items` turns the command line's MODEL arguments into items, one per model, read lazily (a JSON
Lines file line by line), so a registry of millions streams through in flat memory. :func:`load_item`
makes an item's descriptor; it runs where the scoring runs (a worker process under ``--jobs``), so
items are small picklable values: a path or catalogue id as a string, or a :class:`Line`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import attrs

from openness._cli.model_inputs import READERS, ModelInput, resolve_model
from openness._errors import DescriptorError, OpennessError, Problem
from openness._model.descriptor import Descriptor, descriptor_from_mapping
from openness._model.report import Report
from openness._reading.documents import parse_text
from openness.importers import MODEL_ID_PREFIXES

__all__ = [
    "JSON_LINES_SUFFIXES",
    "Item",
    "Line",
    "count",
    "input_descriptor",
    "is_many",
    "items",
    "json_lines",
    "keep",
    "load_item",
    "model_input",
]

#: Suffixes of JSON Lines files: one descriptor (a JSON object) per line.
JSON_LINES_SUFFIXES = (".jsonl", ".ndjson")


@attrs.frozen(kw_only=True)
class Line:
    """One line of a JSON Lines file: the file, the line's number (from 1) and its text."""

    source: str
    number: int
    text: str

    @property
    def location(self) -> str:
        """``FILE:LINE``, how errors and outputs name this model."""
        return f"{self.source}:{self.number}"


#: An item: a file path or catalogue id, or one line of a JSON Lines file.
Item = str | Line


def is_many(argument: str) -> bool:
    """Whether a MODEL argument names many models: a folder, or a JSON Lines file."""
    path = Path(argument)
    return path.suffix.lower() in JSON_LINES_SUFFIXES or path.is_dir()


def _folder(path: Path) -> list[str]:
    """The descriptor files directly in a folder (the suffixes of :data:`READERS`), by name; none is an error."""
    try:
        files = sorted(str(p) for p in path.iterdir() if p.suffix.lower() in READERS and p.is_file())
    except OSError as exc:
        message = f"cannot read folder: {exc.strerror or exc}"
        raise DescriptorError([Problem(message=message, source=str(path))]) from None
    if not files:
        message = f"a folder with no descriptor files directly in it (read: {', '.join(sorted(READERS))})"
        raise DescriptorError([Problem(message=message, source=str(path))])
    return files


def _lines(path: Path) -> Iterator[Line]:
    try:
        with path.open(encoding="utf-8") as lines:
            for number, text in enumerate(lines, start=1):
                if text.strip():
                    yield Line(source=str(path), number=number, text=text)
    except (OSError, UnicodeDecodeError) as exc:
        message = f"cannot read file: {getattr(exc, 'strerror', None) or exc}"
        raise DescriptorError([Problem(message=message, source=str(path))]) from None


def items(arguments: Sequence[str]) -> Iterator[Item]:
    """The models the arguments name, in order: a folder's files by name, a JSON Lines file's lines."""
    for argument in arguments:
        path = Path(argument)
        if path.suffix.lower() in JSON_LINES_SUFFIXES:
            yield from _lines(path)
        elif path.is_dir():
            yield from _folder(path)
        else:
            yield argument


def count(arguments: Sequence[str]) -> int:
    """How many models the arguments name (reads JSON Lines files once more, counting lines that are not blank)."""
    total = 0
    for argument in arguments:
        path = Path(argument)
        if path.suffix.lower() in JSON_LINES_SUFFIXES:
            with path.open("rb") as lines:
                total += sum(1 for line in lines if line.strip())
        elif path.is_dir():
            total += len(_folder(path))
        else:
            total += 1
    return total


def _from_line(line: Line) -> Descriptor:
    try:
        data = parse_text(line.text, kind="json", source=line.location, error=DescriptorError)
    except OpennessError as exc:  # the line's own line and column are 1 and the column: name the file's line
        problems = [
            attrs.evolve(p, source=line.source, line=line.number) if p.source == line.location else p
            for p in exc.problems
        ]
        raise DescriptorError(problems) from None
    return descriptor_from_mapping(data, source=line.location)


def load_item(item: Item, index: int) -> Descriptor:  # noqa: ARG001 - the signature score_each calls
    """The descriptor of one item: a line's JSON object, a file read by its suffix, or a catalogue model."""
    if isinstance(item, Line):
        return _from_line(item)
    reader = None if item.startswith(MODEL_ID_PREFIXES) else READERS.get(Path(item).suffix.lower())
    return reader(Path(item)) if reader is not None else resolve_model(item).descriptor


def model_input(item: Item) -> ModelInput:
    """The item as a :class:`ModelInput` (with its file's text, for the formats that point into the file)."""
    if isinstance(item, Line):
        return ModelInput(descriptor=_from_line(item), location=item.location, kind="json")
    return resolve_model(item)


def input_descriptor(model: ModelInput, index: int) -> Descriptor:  # noqa: ARG001 - as score_each calls it
    """The descriptor of a model already read (what ``load`` is for models read before scoring)."""
    return model.descriptor


def keep(_: object, reports: list[Report]) -> list[Report]:
    """The reports of one model, as they are."""
    return reports


def json_lines(_: object, reports: list[Report]) -> str:
    """One report per line (``Report.to_json`` on one line), for every report of one model."""
    return "".join(report.to_json(indent=None) + "\n" for report in reports)
