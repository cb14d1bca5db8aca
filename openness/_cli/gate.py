"""The CI gate behind ``openness check``: whether a report meets the required verdicts and score."""

from __future__ import annotations

from collections.abc import Sequence

from openness._cli.scored import is_top
from openness._errors import OpennessError, Problem, did_you_mean
from openness._model.markup import grade_words
from openness._model.report import Report
from openness._model.rubric import Rubric
from openness._words import clean

__all__ = ["check_model", "check_report", "check_requirements"]


def check_requirements(rubric: Rubric, require: Sequence[str], fail_under: float | None) -> None:
    """Reject requirements that cannot be checked: unknown verdicts, a score outside [0, 1]."""
    problems = []
    ids = [v.id for v in rubric.verdicts]
    for verdict in require:
        if verdict not in ids:
            known = ", ".join(ids) or "none"
            message = (
                f"--require: {rubric.id} has no verdict {verdict!r}{did_you_mean(verdict, ids)}; verdicts: {known}"
            )
            problems.append(Problem(message=message))
    if fail_under is not None and not 0 <= fail_under <= 1:
        problems.append(Problem(message=f"--fail-under: a score is between 0 and 1 (got {fail_under:g})"))
    if not require and fail_under is None:
        problems.append(Problem(message="check needs --require VERDICT or --fail-under SCORE (or both)"))
    if problems:
        raise OpennessError(problems)


#: What the gate says of one report: every requirement holds, one fails, or one is left open by facts not stated.
HOLDS, FAILS, UNDETERMINED = "holds", "fails", "undetermined"


def check_report(
    report: Report, require: Sequence[str], fail_under: float | None, *, allow_undetermined: bool = False
) -> tuple[str, list[str]]:
    """Whether ``report`` meets every requirement (:data:`HOLDS`, :data:`FAILS`, :data:`UNDETERMINED`), in lines.

    A requirement the stated facts neither establish nor rule out is undetermined: it does not
    hold (nothing established it), but it does not fail either; the lines name the facts not stated.
    With ``allow_undetermined`` such a requirement passes, and the lines still say it was open.
    """
    model, rubric = clean(report.model.get("id")), clean(report.rubric.get("id"))
    passed: list[str] = []
    failed: list[str] = []
    open_lines: list[str] = []
    for verdict_id in require:
        verdict = report.verdict(verdict_id)
        named = f"verdict {clean(verdict.id)} ({clean(verdict.title)})"
        if verdict.status == "met":
            passed.append(f"{named} met")
        elif verdict.status == "undetermined":
            unknown = ", ".join(clean(u) for u in verdict.unknown) or "facts the rubric reads"
            open_lines.append(f"  {named} is undetermined: not known until stated: {unknown}; not yet established:")
            open_lines += [f"    - {clean(m)}" for m in verdict.missing]
        else:
            failed.append(f"  {named} is not met; what would have to change:")
            failed += [f"    - {clean(m)}" for m in verdict.missing]
    if fail_under is not None:
        if report.score >= fail_under:
            passed.append(f"score {report.score:.2f} >= {fail_under:g}")
        elif report.best_score >= fail_under:
            unknown = ", ".join(dict.fromkeys(clean(u) for r in report.results if not r.determined for u in r.unknown))
            open_lines.append(
                f"  score {report.score:.2f} as stated is below {fail_under:g}, {report.best_score:.2f} at best: "
                f"undetermined; not known until stated: {unknown or 'facts the rubric reads'}"
            )
        else:
            failed.append(f"  score {report.score:.2f} is below {fail_under:g}; criteria below their best grade:")
            below = sorted((r for r in report.results if not is_top(r)), key=lambda r: r.points - r.max_points)
            for result in below:
                gain = (result.max_points - result.points) / report.max_points if report.max_points else 0.0
                to_raise = f"; {clean(result.to_raise)}" if result.to_raise else ""
                failed.append(
                    f"    - {clean(result.criterion)}: {clean(grade_words(result))}, "
                    f"its best grade would add up to {gain:.2f}{to_raise}"
                )
    if failed:
        return FAILS, [f"{model}: FAILED under {rubric}", *failed, *open_lines]
    if open_lines and not allow_undetermined:
        return UNDETERMINED, [f"{model}: UNDETERMINED under {rubric} (facts not stated)", *open_lines]
    if open_lines:
        passed.append("undetermined requirements allowed (--allow-undetermined)")
        return HOLDS, [f"{model}: ok under {rubric}: {'; '.join(passed)}", *open_lines]
    return HOLDS, [f"{model}: ok under {rubric}: {'; '.join(passed)}"]


def check_model(
    require: Sequence[str], fail_under: float | None, allow_undetermined: bool, _: object, reports: list[Report]
) -> tuple[str, list[str]]:
    """:func:`check_report` for one model's one report, as ``openness check`` renders each model (in a worker too)."""
    return check_report(reports[0], require, fail_under, allow_undetermined=allow_undetermined)
