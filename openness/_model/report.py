"""Reports: the result of scoring one descriptor against one rubric, as plain data."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

from openness._errors import UnknownIdError
from openness._model.json_text import Written, json_text, written

if TYPE_CHECKING:
    from openness._model.chart import Chart

__all__ = ["REPORT_FORMAT", "CriterionResult", "Evidence", "Report", "VerdictResult"]

#: Version of the report's dict/JSON layout (2: ``best_score``, ``best_grade``, ``determined``, ``status``).
REPORT_FORMAT = 2


@attrs.frozen(kw_only=True)
class Evidence:
    """One fact a result rests on: where it is in the descriptor, what it says, where it comes from."""

    fact: str
    value: str
    sources: tuple[str, ...] = ()
    unsure: bool = False
    #: The fact's component states no sources, so ``sources`` are the model's (``model.sources``),
    #: which may not speak to this fact.
    sources_from_model: bool = False

    @property
    def source_note(self) -> str:
        """`` (the model's sources; the component states none)`` when the sources are borrowed, else ``''``."""
        return " (the model's sources; the component states none)" if self.sources_from_model else ""

    def to_dict(self) -> dict[str, Any]:
        """Plain data, keys sorted (as in a report's JSON)."""
        return {
            "fact": self.fact,
            "sources": list(self.sources),
            "sources_from_model": self.sources_from_model,
            "unsure": self.unsure,
            "value": self.value,
        }


@attrs.frozen(kw_only=True)
class CriterionResult:
    """The grade one criterion gave, with its reason, evidence and what would raise it."""

    criterion: str
    title: str
    group: str | None
    grade: str
    points: float
    max_points: float
    weight: float
    reason: str
    evidence: tuple[Evidence, ...]
    to_raise: str | None = None
    unknown: tuple[str, ...] = ()
    unsure: bool = False
    applies: bool = True
    #: The best grade some completion of the unknown facts could reach (``grade`` when none could raise it).
    best_grade: str = attrs.field(default=attrs.Factory(lambda self: self.grade, takes_self=True))
    #: Whether the stated facts settle the grade: no completion of the unknown facts changes it.
    determined: bool = True

    def to_dict(self) -> dict[str, Any]:
        """Plain data, keys sorted (as in a report's JSON)."""
        return {
            "applies": self.applies,
            "best_grade": self.best_grade,
            "criterion": self.criterion,
            "determined": self.determined,
            "evidence": [evidence.to_dict() for evidence in self.evidence],
            "grade": self.grade,
            "group": self.group,
            "max_points": self.max_points,
            "points": self.points,
            "reason": self.reason,
            "title": self.title,
            "to_raise": self.to_raise,
            "unknown": list(self.unknown),
            "unsure": self.unsure,
            "weight": self.weight,
        }


#: A verdict's status: established, refuted by the stated facts, or left open by facts not stated.
STATUSES = ("met", "not-met", "undetermined")


@attrs.frozen(kw_only=True)
class VerdictResult:
    """Whether a verdict is met, how far along the model is, and what is missing or not known."""

    id: str
    title: str
    #: True only when the stated facts establish the verdict (``status == "met"``).
    met: bool
    progress: float
    missing: tuple[str, ...] = ()
    #: ``"met"``, ``"not-met"`` (the stated facts rule it out) or ``"undetermined"`` (facts not stated decide it).
    status: str = attrs.field(default=attrs.Factory(lambda self: "met" if self.met else "not-met", takes_self=True))
    #: The facts not stated that leave an undetermined verdict open (paths such as ``components.weights.access``).
    unknown: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain data, keys sorted (as in a report's JSON)."""
        return {
            "id": self.id,
            "met": self.met,
            "missing": list(self.missing),
            "progress": self.progress,
            "status": self.status,
            "title": self.title,
            "unknown": list(self.unknown),
        }


@attrs.frozen(kw_only=True)
class Explained:
    """The parts of a report that explain it: built when first read (see :class:`Report`)."""

    rubric: dict[str, str]
    model: dict[str, Any]
    verdicts: tuple[VerdictResult, ...]
    results: tuple[CriterionResult, ...]
    warnings: tuple[str, ...] = ()


class _OnFirstRead:
    """A report's explaining parts, written by ``write()`` the first time they are read, then kept.

    Compares and pickles as the parts themselves. Two threads reading at once may both write
    them: the values are equal, and either one stays.
    """

    __slots__ = ("_parts", "_write")

    def __init__(self, write: Callable[[], Explained] | None, parts: Explained | None = None) -> None:
        self._write = write
        self._parts = parts

    @property
    def parts(self) -> Explained:
        if self._parts is None:
            assert self._write is not None  # noqa: S101 - one of the two is always given
            self._parts = self._write()
            self._write = None
        return self._parts

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _OnFirstRead) and self.parts == other.parts

    __hash__ = None  # type: ignore[assignment]  # the parts hold dicts

    def __reduce__(self) -> tuple[Any, ...]:
        return (_OnFirstRead, (None, self.parts))


@attrs.frozen(kw_only=True, init=False, repr=False)
class Report:
    """How open one model is under one rubric, criterion by criterion.

    ``score`` is ``points / max_points`` in [0, 1]: what the stated facts establish, the lowest score
    any completion of the facts not stated gives; ``best_score`` is the highest. (Where whether a
    criterion applies is itself not stated, ``points`` and ``max_points`` count it as applying, and
    ``score`` is the lower of that ratio and the score without it.) A fact nobody stated
    is unknown, not closed: each result says the grade the stated facts establish (``grade``), the
    best a completion could reach (``best_grade``) and whether the two agree (``determined``); each
    verdict's ``status`` is ``met``, ``not-met`` or ``undetermined``. Render with :meth:`to_text`,
    :meth:`to_markdown`, :meth:`to_html` or :meth:`to_json`; :meth:`plot` draws the criteria.
    In a notebook a report displays as HTML tables with a bar chart.

    A report is immutable plain data. Scoring decides the grades, points, score and verdicts at
    once; the texts that explain them (reasons, evidence, what is missing) are written the first
    time any of ``rubric``, ``model``, ``verdicts``, ``results`` or ``warnings`` is read, from the
    same inputs, so a batch that only needs scores does not pay for them.
    """

    #: ``points / max_points``, in [0, 1] (0 when nothing can score): the lowest score the facts allow.
    score: float
    #: Points reached, summed over the criteria that apply.
    points: float
    #: The most points the criteria that apply could give.
    max_points: float
    #: The ids of the verdicts met, in rubric order (known without writing any explanation).
    met: tuple[str, ...]
    _explained: _OnFirstRead
    #: The highest score some completion of the facts not stated could give (``score`` is the lowest).
    best_score: float

    def __init__(
        self,
        *,
        rubric: dict[str, str],
        model: dict[str, Any],
        score: float,
        points: float,
        max_points: float,
        verdicts: tuple[VerdictResult, ...],
        results: tuple[CriterionResult, ...],
        warnings: tuple[str, ...] = (),
        best_score: float | None = None,
    ) -> None:
        """A report from all its parts (scoring builds reports with :meth:`scored`)."""
        parts = Explained(rubric=rubric, model=model, verdicts=verdicts, results=results, warnings=warnings)
        met = tuple(verdict.id for verdict in verdicts if verdict.met)
        self.__attrs_init__(
            score=score,
            points=points,
            max_points=max_points,
            met=met,
            explained=_OnFirstRead(None, parts),
            best_score=score if best_score is None else best_score,
        )

    @classmethod
    def scored(
        cls,
        *,
        score: float,
        best_score: float,
        points: float,
        max_points: float,
        met: tuple[str, ...],
        write: Callable[[], Explained],
    ) -> Report:
        """A report whose explaining parts ``write()`` builds when first read (how the engine makes reports)."""
        report = cls.__new__(cls)
        report.__attrs_init__(
            score=score,
            points=points,
            max_points=max_points,
            met=met,
            explained=_OnFirstRead(write),
            best_score=best_score,
        )
        return report

    @property
    def determined(self) -> bool:
        """Whether the stated facts settle every grade (then ``score == best_score``), read from the results."""
        return all(result.determined for result in self.results)

    @property
    def rubric(self) -> dict[str, str]:
        """The rubric's id, title, version and source."""
        return self._explained.parts.rubric

    @property
    def model(self) -> dict[str, Any]:
        """The model's id, name, organisation, date checked and sources (those stated)."""
        return self._explained.parts.model

    @property
    def verdicts(self) -> tuple[VerdictResult, ...]:
        """Each verdict of the rubric, in rubric order."""
        return self._explained.parts.verdicts

    @property
    def results(self) -> tuple[CriterionResult, ...]:
        """Each criterion's result, in rubric order."""
        return self._explained.parts.results

    @property
    def warnings(self) -> tuple[str, ...]:
        """What could not be read cleanly (licence strings, mostly), each naming its fact."""
        return self._explained.parts.warnings

    def result(self, criterion: str) -> CriterionResult:
        """The result of one criterion, by id; :class:`openness.UnknownIdError` (a ``KeyError``) if none."""
        for result in self.results:
            if result.criterion == criterion:
                return result
        known = [r.criterion for r in self.results]
        raise UnknownIdError.naming("criterion", criterion, known, where=self._where(), kinds="criteria")

    def verdict(self, verdict: str) -> VerdictResult:
        """The result of one verdict, by id; :class:`openness.UnknownIdError` (a ``KeyError``) if none."""
        for result in self.verdicts:
            if result.id == verdict:
                return result
        known = [v.id for v in self.verdicts]
        raise UnknownIdError.naming("verdict", verdict, known, where=self._where())

    def _where(self) -> str:
        return f"the report of {self.model.get('id')!r} under {self.rubric.get('id')!r}"

    def to_dict(self) -> dict[str, Any]:
        """Plain data: a version header first (format, openness version, rubric, model), then sorted keys."""
        return self._data([result.to_dict() for result in self.results])

    def _data(self, results: list[Any]) -> dict[str, Any]:
        from openness import __version__  # noqa: PLC0415

        return {
            "format": REPORT_FORMAT,
            "openness": __version__,
            "rubric": _sorted(dict(self.rubric)),
            "model": _sorted(dict(self.model)),
            "best_score": self.best_score,
            "max_points": self.max_points,
            "points": self.points,
            "results": results,
            "score": self.score,
            "verdicts": [verdict.to_dict() for verdict in self.verdicts],
            "warnings": list(self.warnings),
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The report as JSON text: exactly ``json.dumps(to_dict(), indent=indent, ensure_ascii=False)``."""
        if indent is None:
            return json_text(self.to_dict(), indent=None)
        # Reports of many models share criterion results (equal facts give the same object), so each result's
        # text is written once: reading, scoring and writing the 273 MOT files took 113 ms before, 76 ms after.
        return json_text(self._data([_result_text(result, indent) for result in self.results]), indent=indent)

    def to_text(self) -> str:
        """A plain-text rendering for terminals (control characters from inputs are removed)."""
        from openness._model import views  # noqa: PLC0415 - renderers load on first use, not when scoring

        return views.report_text(self)

    def to_markdown(self) -> str:
        """A Markdown rendering (inputs escaped)."""
        from openness._model import views  # noqa: PLC0415 - renderers load on first use, not when scoring

        return views.report_markdown(self)

    def to_html(self) -> str:
        """A self-contained HTML page (no scripts, no external assets; inputs escaped)."""
        from openness._model import views  # noqa: PLC0415 - renderers load on first use, not when scoring

        return views.report_page(self)

    def plot(self) -> Chart:
        """A bar chart of the criteria (points out of the maximum, coloured by grade) as SVG.

        Needs no plotting library: the chart displays itself in notebooks, and ``.to_svg()``
        gives its text to save or embed.
        """
        from openness._model import chart  # noqa: PLC0415 - renderers load on first use, not when scoring

        return chart.Chart(chart.report_svg(self))

    def _repr_html_(self) -> str:
        from openness._model import views  # noqa: PLC0415 - renderers load on first use, not when scoring

        return views.report_html(self)

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def __str__(self) -> str:
        """The text rendering (:meth:`to_text`), so ``print(report)`` shows the report."""
        return self.to_text()

    def __repr__(self) -> str:
        return (
            f"<Report {self.model.get('id')!r} under {self.rubric.get('id')!r}: "
            f"score {self.score:.2f}{'' if self.best_score == self.score else f' ({self.best_score:.2f} at best)'}, "
            f"verdicts met: {', '.join(self.met) or 'none'}>"
        )


#: Results' JSON texts, by the result's identity (the entry keeps the result alive, so its id stays its own).
_RESULT_TEXTS: dict[tuple[int, int], tuple[CriterionResult, Written]] = {}
_RESULT_TEXTS_SIZE = 4096


def _result_text(result: CriterionResult, indent: int) -> Written:
    key = (id(result), indent)
    hit = _RESULT_TEXTS.get(key)
    if hit is not None and hit[0] is result:
        return hit[1]
    text = written(result.to_dict(), depth=2, indent=indent)  # an item of the report's "results" list
    if len(_RESULT_TEXTS) >= _RESULT_TEXTS_SIZE:
        _RESULT_TEXTS.clear()
    _RESULT_TEXTS[key] = (result, text)
    return text


def _sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _sorted(v) for key, v in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [_sorted(v) for v in value]
    return value
