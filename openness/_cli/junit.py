"""JUnit XML output in the Apache Ant layout that CI servers read.

A test suite per model and rubric, a test case per criterion, a failure for every grade below the best.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Sequence
from xml.etree import ElementTree as ET

from openness._cli.scored import Scored, is_top
from openness._words import clean

__all__ = ["run_timestamp", "to_junit"]


def run_timestamp() -> datetime.datetime:
    """Now in UTC, or ``SOURCE_DATE_EPOCH`` when set (reproducible output)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)
    return datetime.datetime.now(tz=datetime.timezone.utc)


def _suite(item: Scored, index: int, stamp: str) -> ET.Element:
    report = item.report
    model_id, rubric_id = str(report.model.get("id")), str(report.rubric.get("id"))
    name = f"{model_id} under {rubric_id}"
    failures = sum(not is_top(r) for r in report.results)
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
            "time": "0",
        },
    )
    properties = ET.SubElement(suite, "properties")
    met = ", ".join(v.id for v in report.verdicts if v.met) or "none"
    for key, value in (
        ("model", model_id),
        ("descriptor", item.model.location),
        ("rubric", rubric_id),
        ("rubric-version", str(report.rubric.get("version"))),
        ("score", f"{report.score:.4f}"),
        ("verdicts-met", met),
    ):
        ET.SubElement(properties, "property", {"name": key, "value": clean(value)})
    for result in report.results:
        case = ET.SubElement(suite, "testcase", {"name": result.criterion, "classname": name, "time": "0"})
        if is_top(result):
            continue
        lines = [result.reason]
        if result.to_raise:
            lines.append(f"To raise: {result.to_raise}")
        if result.unknown:
            lines.append(f"Not stated: {', '.join(result.unknown)}")
        lines += [
            f"{e.fact} = {e.value}" + (f" <{e.sources[0]}>{e.source_note}" if e.sources else "")
            for e in result.evidence
        ]
        failure = ET.SubElement(
            case,
            "failure",
            {
                "type": result.grade,
                "message": f"{result.title}: {result.grade} ({result.points:g}/{result.max_points:g})",
            },
        )
        failure.text = "\n".join(clean(line) for line in lines)
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
