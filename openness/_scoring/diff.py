"""Rubric diffs: what changes for real models, and minimal descriptors on which two rubrics disagree."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from openness._errors import install_hint
from openness._model.descriptor import Descriptor
from openness._model.markup import STATUS_WORDS
from openness._model.report import Report
from openness._model.rubric import Criterion, Rubric, load_rubric
from openness._scoring.engine import compile_rubric
from openness.importers import load_descriptor

__all__ = [
    "DIFF_FORMAT",
    "CriterionChange",
    "ModelChange",
    "RubricDiff",
    "VerdictChange",
    "Witness",
    "diff",
    "required_points",
]

#: Version of the diff's dict/JSON layout.
DIFF_FORMAT = 1

RubricLike = Rubric | str | Path | Mapping[str, Any]
Models = str | Path | Iterable[Descriptor | str | Path | Mapping[str, Any]] | None


@attrs.frozen(kw_only=True)
class CriterionChange:
    """One criterion graded differently; ``None`` where the criterion is not in that rubric."""

    criterion: str
    old: str | None
    new: str | None
    old_reason: str | None
    new_reason: str | None


@attrs.frozen(kw_only=True)
class VerdictChange:
    """One verdict whose status differs between the rubrics; ``None`` where the verdict is not in that rubric.

    ``old`` and ``new`` say whether it is met; ``old_status`` and ``new_status`` say ``met``,
    ``not-met`` or ``undetermined`` (facts not stated leave it open).
    """

    verdict: str
    old: bool | None
    new: bool | None
    old_status: str | None = None
    new_status: str | None = None


@attrs.frozen(kw_only=True)
class ModelChange:
    """How one model's result changes between the two rubrics."""

    model: str
    name: str
    old_score: float
    new_score: float
    criteria: tuple[CriterionChange, ...]
    verdicts: tuple[VerdictChange, ...]

    @property
    def changed(self) -> bool:
        """True when a grade or a verdict changes."""
        return bool(self.criteria or self.verdicts)


@attrs.frozen(kw_only=True)
class Witness:
    """A minimal generated descriptor on which the rubrics disagree about ``aspect``."""

    aspect: str
    descriptor: Descriptor
    change: ModelChange


@attrs.frozen(kw_only=True)
class RubricDiff:
    """The difference two rubrics make: to the given models, and on generated witnesses."""

    old: dict[str, str]
    new: dict[str, str]
    models: tuple[ModelChange, ...]
    witnesses: tuple[Witness, ...] = ()
    unwitnessed: tuple[str, ...] = ()

    @property
    def changed_models(self) -> tuple[ModelChange, ...]:
        """The models whose grade or verdict changes."""
        return tuple(m for m in self.models if m.changed)

    def to_dict(self) -> dict[str, Any]:
        """Plain data: a version header first, then sorted keys."""
        from openness import __version__  # noqa: PLC0415

        return {
            "format": DIFF_FORMAT,
            "openness": __version__,
            "old": dict(sorted(self.old.items())),
            "new": dict(sorted(self.new.items())),
            "models": [_change_dict(m) for m in self.changed_models],
            "unchanged": [m.model for m in self.models if not m.changed],
            "unwitnessed": list(self.unwitnessed),
            "witnesses": [
                {"aspect": w.aspect, "descriptor": w.descriptor.to_dict(), **_change_dict(w.change)}
                for w in self.witnesses
            ],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The diff as JSON (what ``openness diff --format json`` prints)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_text(self) -> str:
        """A plain-text rendering (control characters from inputs removed)."""
        from openness._words import clean  # noqa: PLC0415

        old, new = f"{self.old['id']} {self.old['version']}", f"{self.new['id']} {self.new['version']}"
        lines = [f"Rubric diff: {clean(old)} -> {clean(new)}", ""]
        changed = self.changed_models
        verb = "changes" if len(changed) == 1 else "change"
        lines.append(f"Models: {len(changed)} of {len(self.models)} {verb} grade or verdict.")
        for model in changed:
            lines += ["", *(clean(line) for line in _change_lines(model, f"{model.model} ({model.name})"))]
        unchanged = [m.model for m in self.models if not m.changed]
        if unchanged:
            lines += ["", "Unchanged: " + ", ".join(clean(m) for m in unchanged)]
        lines += ["", f"Generated witnesses: {len(self.witnesses)}"]
        for witness in self.witnesses:
            lines += ["", *(clean(line) for line in _change_lines(witness.change, f"where {witness.aspect}"))]
            lines += ["  descriptor:", *(f"    {clean(line)}" for line in _descriptor_lines(witness.descriptor))]
        if self.unwitnessed:
            lines += ["", "No witness found for: " + ", ".join(clean(a) for a in self.unwitnessed)]
        return "\n".join(lines) + "\n"


def _descriptor_lines(descriptor: Descriptor) -> list[str]:
    data = descriptor.to_dict()
    data.pop("format", None)
    data.pop("model", None)
    if not data:
        return ["(nothing stated)"]
    import tomli_w  # noqa: PLC0415

    return tomli_w.dumps(data).strip().splitlines()


def _change_lines(change: ModelChange, title: str) -> list[str]:
    lines = [f"{title}: score {change.old_score:.2f} -> {change.new_score:.2f}"]
    for item in change.criteria:
        lines.append(f"  {item.criterion}: {item.old or '(absent)'} -> {item.new or '(absent)'}")
        if item.old_reason:
            lines.append(f"    old: {item.old_reason}")
        if item.new_reason:
            lines.append(f"    new: {item.new_reason}")
    lines += [f"  verdict {v.verdict}: {_status(v.old_status)} -> {_status(v.new_status)}" for v in change.verdicts]
    return lines


def _status(value: str | None) -> str:
    return "(absent)" if value is None else STATUS_WORDS[value]


def _change_dict(change: ModelChange) -> dict[str, Any]:
    return {
        "criteria": [attrs.asdict(c) for c in change.criteria],
        "model": change.model,
        "name": change.name,
        "new_score": change.new_score,
        "old_score": change.old_score,
        "verdicts": [attrs.asdict(v) for v in change.verdicts],
    }


def compare(old: Report, new: Report, descriptor: Descriptor) -> ModelChange:
    """How the two reports on one descriptor differ."""
    old_results = {r.criterion: r for r in old.results}
    new_results = {r.criterion: r for r in new.results}
    criteria = []
    for criterion in dict.fromkeys([*old_results, *new_results]):
        before, after = old_results.get(criterion), new_results.get(criterion)
        if before is not None and after is not None and before.grade == after.grade:
            continue
        criteria.append(
            CriterionChange(
                criterion=criterion,
                old=before.grade if before else None,
                new=after.grade if after else None,
                old_reason=before.reason if before else None,
                new_reason=after.reason if after else None,
            )
        )
    old_verdicts = {v.id: v.status for v in old.verdicts}
    new_verdicts = {v.id: v.status for v in new.verdicts}
    verdicts = [
        VerdictChange(
            verdict=v,
            old=None if v not in old_verdicts else old_verdicts[v] == "met",
            new=None if v not in new_verdicts else new_verdicts[v] == "met",
            old_status=old_verdicts.get(v),
            new_status=new_verdicts.get(v),
        )
        for v in dict.fromkeys([*old_verdicts, *new_verdicts])
        if old_verdicts.get(v) != new_verdicts.get(v)
    ]
    return ModelChange(
        model=descriptor.id,
        name=descriptor.model.name,
        old_score=old.score,
        new_score=new.score,
        criteria=tuple(criteria),
        verdicts=tuple(verdicts),
    )


def _load_models(models: Models) -> list[Descriptor]:
    from openness import catalogue  # noqa: PLC0415

    if models is None or models == "catalogue":
        return catalogue.all()
    if isinstance(models, (str, Path)):
        directory = Path(models)
        if not directory.is_dir():
            from openness._errors import DescriptorError, Problem  # noqa: PLC0415

            msg = f"--models must be 'catalogue' or a folder of descriptor files; {str(models)!r} is neither"
            raise DescriptorError([Problem(message=msg)])
        files = sorted(p for p in directory.iterdir() if p.suffix.lower() in {".toml", ".json"})
        return [load_descriptor(p) for p in files]
    return [load_descriptor(m) for m in models]


def _criterion_key(rubric: Rubric, criterion: Criterion) -> object:
    """What decides a criterion's grade: its levels with their points, and its weight."""
    return (criterion.weight, tuple((level.when, rubric.scale[level.grade], level.grade) for level in criterion.levels))


def changed_aspects(old: Rubric, new: Rubric) -> list[str]:
    """Criteria and verdicts whose outcome may differ between the rubrics (definitions differ)."""
    old_criteria = {c.id: c for c in old.criteria}
    new_criteria = {c.id: c for c in new.criteria}
    same_scale = old.scale == new.scale
    aspects = []
    unchanged_criteria = set()
    for criterion_id in dict.fromkeys([*old_criteria, *new_criteria]):
        before, after = old_criteria.get(criterion_id), new_criteria.get(criterion_id)
        if before is None or after is None:
            continue
        if same_scale and _criterion_key(old, before) == _criterion_key(new, after):
            unchanged_criteria.add(criterion_id)
        else:
            aspects.append(f"criterion {criterion_id}")
    scores_same = same_scale and unchanged_criteria == set(old_criteria) == set(new_criteria)
    old_verdicts = {v.id: v for v in old.verdicts}
    new_verdicts = {v.id: v for v in new.verdicts}
    for verdict_id in dict.fromkeys([*old_verdicts, *new_verdicts]):
        if verdict_id not in old_verdicts or verdict_id not in new_verdicts:
            continue
        if _verdict_same(old, new, verdict_id, unchanged_criteria, scores_same):
            continue
        aspects.append(f"verdict {verdict_id}")
    return aspects


def required_points(rubric: Rubric, verdict_id: str) -> tuple[dict[str, float], float | None]:
    """What a verdict asks for, inherited requirements included: criterion -> points, and a score."""
    by_id = {v.id: v for v in rubric.verdicts}
    needs: dict[str, float] = {}
    min_score: float | None = None
    current: str | None = verdict_id
    seen: set[str] = set()
    while current is not None and current in by_id and current not in seen:
        seen.add(current)
        verdict = by_id[current]
        for requirement in verdict.requires:
            for criterion in requirement.criteria:
                needs[criterion] = max(needs.get(criterion, -math.inf), rubric.scale[requirement.grade])
        if verdict.min_score is not None:
            min_score = max(min_score or 0.0, verdict.min_score)
        current = verdict.builds_on
    return needs, min_score


def _verdict_same(old: Rubric, new: Rubric, verdict_id: str, unchanged: set[str], scores_same: bool) -> bool:
    old_needs, old_score = required_points(old, verdict_id)
    new_needs, new_score = required_points(new, verdict_id)
    if old_needs != new_needs or old_score != new_score:
        return False
    return set(old_needs) <= unchanged and (old_score is None or scores_same)


def _witnesses(old: Rubric, new: Rubric, count: int, max_examples: int | None) -> tuple[list[Witness], list[str]]:
    from hypothesis import strategies as st  # noqa: PLC0415

    from openness import strategies  # noqa: PLC0415
    from openness._scoring.search import search, search_settings  # noqa: PLC0415 - Hypothesis, an optional extra

    old_eval, new_eval = compile_rubric(old), compile_rubric(new)
    config = search_settings(max_examples)
    found: list[Witness] = []
    missed: list[str] = []
    for aspect in changed_aspects(old, new):
        if len(found) >= count:
            break
        kind, name = aspect.split(" ", 1)
        if kind == "criterion":
            target = strategies.reaching(_criterion_conditions(old, name) + _criterion_conditions(new, name))
        else:  # a verdict changes where one rubric meets it: aim at meeting it under either
            target = st.one_of(strategies.meeting(old, name), strategies.meeting(new, name))
        aimed = st.one_of(strategies.descriptors(old), strategies.descriptors(new), target.map(load_descriptor))

        def differs(descriptor: Descriptor, kind: str = kind, name: str = name) -> str | None:
            before, after = old_eval(descriptor), new_eval(descriptor)
            if kind == "criterion":
                return "differs" if before.result(name).grade != after.result(name).grade else None
            return "differs" if before.verdict(name).met != after.verdict(name).met else None

        result = search(aimed, differs, config)
        if result is None:
            missed.append(aspect)
            continue
        descriptor = result[0]
        found.append(
            Witness(
                aspect=aspect,
                descriptor=descriptor,
                change=compare(old_eval(descriptor), new_eval(descriptor), descriptor),
            )
        )
    return found, missed


def _criterion_conditions(rubric: Rubric, name: str) -> list[Any]:
    criterion = next((c for c in rubric.criteria if c.id == name), None)
    return [] if criterion is None else [level.when for level in criterion.levels]


def diff(
    old: RubricLike,
    new: RubricLike,
    models: Models = None,
    *,
    witnesses: int = 3,
    max_examples: int | None = None,
) -> RubricDiff:
    """Compare two rubrics: which models change grade or verdict, and why, under each.

    ``models`` is ``None`` or ``"catalogue"`` (the catalogue), a folder of descriptor files, or an
    iterable of descriptors (objects, paths, mappings or catalogue ids). ``witnesses`` is how many generated
    descriptors to look for, one per changed criterion or verdict, each shrunk by Hypothesis to a
    minimal one on which the rubrics disagree; it needs the ``openness[hypothesis]`` extra (pass
    ``witnesses=0`` without it). ``max_examples`` bounds each search (default: the Hypothesis profile).
    """
    old_rubric, new_rubric = load_rubric(old), load_rubric(new)
    old_eval, new_eval = compile_rubric(old_rubric), compile_rubric(new_rubric)
    changes = tuple(compare(old_eval(d), new_eval(d), d) for d in _load_models(models))
    found: list[Witness] = []
    missed: list[str] = []
    if witnesses > 0:
        try:
            import hypothesis  # noqa: F401, PLC0415
        except ImportError as exc:
            msg = f"generated witnesses need Hypothesis: {install_hint('hypothesis')}; or pass witnesses=0"
            raise ImportError(msg, name="hypothesis") from exc
        found, missed = _witnesses(old_rubric, new_rubric, witnesses, max_examples)
    header = ("id", "title", "version")
    return RubricDiff(
        old={k: getattr(old_rubric, k) for k in header},
        new={k: getattr(new_rubric, k) for k in header},
        models=changes,
        witnesses=tuple(found),
        unwitnessed=tuple(missed),
    )
