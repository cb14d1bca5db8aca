"""``openness lint``: every problem of a rubric file, each with its key path and, where known, line and column."""

from __future__ import annotations

from pathlib import Path

import attrs

from openness._errors import OpennessError, Problem, RubricError
from openness._model.rubric import Rubric, rubric_from_mapping
from openness._reading.documents import parse_text, read_text
from openness._reading.locate import nearest, toml_locations

__all__ = ["lint_rubric_file"]


def _read(path: Path) -> str:
    """The file's text; an error (not a finding) when it cannot be read as a rubric file at all."""
    source = str(path)
    if path.suffix.lower() not in {".toml", ".json"}:
        raise OpennessError([Problem(message="expected a rubric file ending in .toml or .json", source=source)])
    return read_text(path, error=OpennessError)


def lint_rubric_file(path: str | Path) -> tuple[Rubric | None, list[Problem]]:
    """Check a rubric file: the rubric (when valid) and every problem found, located in the file.

    Raises :class:`openness.OpennessError` when the file cannot be read at all (missing, not a
    ``.toml``/``.json`` file, not UTF-8).
    """
    path = Path(path)
    source = str(path)
    text = _read(path)
    kind = path.suffix.lower()[1:]
    try:
        return rubric_from_mapping(parse_text(text, kind=kind, source=source, error=RubricError), source=source), []
    except OpennessError as exc:
        problems = list(exc.problems)
    if kind != "toml":
        return None, problems
    locations = toml_locations(text)
    located = []
    for problem in problems:
        position = nearest(locations, problem.path) if problem.line is None and problem.path else None
        if position is not None:
            problem = attrs.evolve(problem, line=position[0], column=position[1])  # noqa: PLW2901
        located.append(problem)
    return None, located
