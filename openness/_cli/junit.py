"""JUnit XML output in the Apache Ant layout that CI servers read.

A test suite per model and rubric, a test case per criterion: a failure for every grade below the best that
the stated facts settle, and ``<skipped>`` (as Ant 1.9, Surefire and Jenkins write it) for a grade that facts
not stated could still raise, since nothing has been shown to fail. Its message starts ``undetermined:`` and
names those facts; CI views list it as skipped, with that message, and the build stays green for it.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Sequence
from xml.etree import ElementTree as ET

from openness._cli.scored import Scored, is_top
from openness._model.markup import grade_words
from openness._model.report import CriterionResult
from openness._words import clean

__all__ = ["run_timestamp", "to_junit"]


def run_timestamp() -> datetime.datetime:
    """Now in UTC, or ``SOURCE_DATE_EPOCH`` when set (reproducible output)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)
    return datetime.datetime.now(tz=datetime.timezone.utc)


def _details(result: CriterionResult) -> str:
    """The body of a failure or skip: the reason, what would raise the grade, the facts not stated, the evidence."""
    lines = [result.reason]
    if result.to_raise:
        lines.append(f"To raise: {result.to_raise}")
    if result.unknown:
        lines.append(f"Not stated: {', '.join(result.unknown)}")
    lines += [
        f"{e.fact} = {e.value}" + (f" <{e.sources[0]}>{e.source_note}" if e.sources else "") for e in result.evidence
    ]
    return "\n".join(clean(line) for line in lines)


def _case(suite: ET.Element, result: CriterionResult, name: str) -> None:
    case = ET.SubElement(suite, "testcase", {"name": result.criterion, "classname": name, "time": "0"})
    if is_top(result):
        return
    points = f"({result.points:g}/{result.max_points:g})"
    if result.determined:
        attributes = {"type": clean(result.grade), "message": clean(f"{result.title}: {result.grade} {points}")}
        ET.SubElement(case, "failure", attributes).text = _details(result)
        return
    unknown = ", ".join(result.unknown) or "a fact the conditions read"
    message = f"undetermined: {result.title}: {grade_words(result)} {points}; not stated: {unknown}"
    ET.SubElement(case, "skipped", {"message": clean(message)}).text = _details(result)


def _suite(item: Scored, index: int, stamp: str) -> ET.Element:
    report = item.report
    model_id, rubric_id = str(report.model.get("id")), str(report.rubric.get("id"))
    name = f"{model_id} under {rubric_id}"
    failures = sum(not is_top(r) and r.determined for r in report.results)
    skipped = sum(not is_top(r) and not r.determined for r in report.results)
    suite = ET.Element(
        "testsuite",
        {
            "package": "openness",
            "id": str(index),
            "name": name,
            "timestamp": stamp,
            "hostname": "localhost",
            "tests": str(len(report.results)),
            "failures": str(failures),
            "errors": "0",
            "skipped": str(skipped),
            "time": "0",
        },
    )
    properties = ET.SubElement(suite, "properties")
    met = ", ".join(v.id for v in report.verdicts if v.met) or "none"
    undetermined = ", ".join(v.id for v in report.verdicts if v.status == "undetermined") or "none"
    for key, value in (
        ("model", model_id),
        ("descriptor", item.model.location),
        ("rubric", rubric_id),
        ("rubric-version", str(report.rubric.get("version"))),
        ("score", f"{report.score:.4f}"),
        ("best-score", f"{report.best_score:.4f}"),
        ("verdicts-met", met),
        ("verdicts-undetermined", undetermined),
    ):
        ET.SubElement(properties, "property", {"name": key, "value": clean(value)})
    for result in report.results:
        _case(suite, result, name)
    ET.SubElement(suite, "system-out").text = report.to_text()
    ET.SubElement(suite, "system-err").text = ""
    return suite


def to_junit(scored: Sequence[Scored], *, timestamp: datetime.datetime | None = None) -> str:
    """JUnit XML for several reports: ``<testsuites>`` with one ``<testsuite>`` per model and rubric."""
    moment = (timestamp or run_timestamp()).astimezone(datetime.timezone.utc)
    stamp = moment.replace(tzinfo=None, microsecond=0).isoformat()
    root = ET.Element("testsuites")
    for index, item in enumerate(scored):
        root.append(_suite(item, index, stamp))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
