"""Loading and checking rubrics, built-in and user-written."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

import openness
from openness import RubricError, UnsupportedFormatError
from openness._reading.vocabulary import restrictions


def _rubric(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "format": 1,
        "id": "mine",
        "title": "Mine",
        "version": "1",
        "source": "https://example.org/rubric",
        "scale": {"open": 1.0, "partial": 0.5, "closed": 0.0},
        "criteria": [
            {
                "id": "weights",
                "title": "Weights",
                "levels": [
                    {
                        "grade": "open",
                        "when": {"component": "weights", "access": "public", "licence": "osd-conformant"},
                    },
                    {"grade": "partial", "when": {"component": "weights", "access": ["public", "gated"]}},
                ],
            },
            {
                "id": "code",
                "title": "Code",
                "levels": [{"grade": "open", "when": {"component": "training-code", "access": "public"}}],
            },
            {
                "id": "data",
                "title": "Data",
                "weight": 2,
                "levels": [{"grade": "open", "when": {"component": "training-data", "coverage": "full"}}],
            },
        ],
        "verdicts": [{"id": "open", "title": "Open", "requires": {"criteria": ["weights", "code"], "grade": "open"}}],
    }
    base.update(changes)
    return base


def _lines(data: object) -> list[str]:
    with pytest.raises(RubricError) as info:
        openness.load_rubric(data)  # type: ignore[arg-type]
    return info.value.lines()


def test_builtin_rubrics_are_listed_and_load() -> None:
    """Every built-in rubric loads by id and its id matches its file name."""
    assert {"openness-default", "osaid-1.0", "mot-1.0", "mof-1.0", "osai-2023", "osai-index"} <= set(
        openness.list_rubrics()
    )
    for rubric_id in openness.list_rubrics():
        rubric = openness.load_rubric(rubric_id)
        assert rubric.id == rubric_id
        assert rubric.source


def test_default_rubric_has_exactly_the_five_named_criteria() -> None:
    """The default rubric is used when none is named and has the five criteria users asked for."""
    rubric = openness.load_rubric()
    assert [c.id for c in rubric.criteria] == [
        "code-access",
        "weights",
        "training-data",
        "retrainability",
        "licence-terms",
    ]


def test_rubric_round_trips_through_to_dict() -> None:
    """Loading a rubric's to_dict() gives an equal rubric."""
    for rubric_id in openness.list_rubrics():
        rubric = openness.load_rubric(rubric_id)
        assert openness.load_rubric(rubric.to_dict()) == rubric


def test_rubric_from_file(tmp_path: Path) -> None:
    """A rubric file path loads, and its errors name the file."""
    path = tmp_path / "my.toml"
    path.write_text(
        openness.load_rubric("osaid-1.0").to_json().replace('"weight": 1.0', '"weight": "high"', 1),
        encoding="utf-8",
    )
    json_path = path.with_suffix(".json")
    path.rename(json_path)
    assert _lines(json_path) == [f"{json_path}: criteria[0].weight: expected a number, got 'high'"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda r: r["criteria"][2].update(weight="high"),
            ["<mapping>: criteria[2].weight: expected a number, got 'high'"],
        ),
        (
            lambda r: r["criteria"][0]["levels"][0].update(grade="opne"),
            ["<mapping>: criteria[0].levels[0].grade: unknown grade 'opne' (did you mean 'open'?)"],
        ),
        (
            lambda r: r["criteria"][1]["levels"][0]["when"].update(component="trainig-code"),
            [
                "<mapping>: criteria[1].levels[0].when.component: unknown component 'trainig-code' "
                "(did you mean 'training-code'?)"
            ],
        ),
        (
            lambda r: r["criteria"][0]["levels"][0]["when"].update(licence="osi"),
            [
                "<mapping>: criteria[0].levels[0].when.licence: unknown licence class 'osi'; expected one of "
                "osi-approved, fsf-libre, open-data, osd-conformant, permissive, copyleft, commercial-use"
            ],
        ),
        (
            lambda r: r["criteria"][0]["levels"][0]["when"].update({"licence-without": ["field-of-us"]}),
            [
                "<mapping>: criteria[0].levels[0].when.licence-without: unknown restriction 'field-of-us' "
                "(did you mean 'field-of-use'?); expected one of " + ", ".join(restrictions())
            ],
        ),
        (
            lambda r: r["criteria"][0].update(wieght=1),
            ["<mapping>: criteria[0].wieght: unknown key 'wieght' (did you mean 'weight'?)"],
        ),
        (
            lambda r: r["criteria"][0]["levels"].reverse(),
            [
                "<mapping>: criteria[0].levels[1].grade: levels must be ordered best first, "
                "each grade worth fewer points"
            ],
        ),
        (
            lambda r: r["criteria"][1].update(id="weights"),
            [
                "<mapping>: criteria[1].id: criterion id 'weights' is used twice",
                "<mapping>: verdicts[0].requires[0].criteria: unknown criterion 'code'",
            ],
        ),
        (
            lambda r: r["verdicts"][0]["requires"].update(criteria=["weights", "cod"]),
            ["<mapping>: verdicts[0].requires[0].criteria: unknown criterion 'cod' (did you mean 'code'?)"],
        ),
        (
            lambda r: r["criteria"][0]["levels"][1].update(when={"every": []}),
            [
                "<mapping>: criteria[0].levels[1].when: a condition needs one of all, any, not, component, "
                "assessment, modality, fact (it has every)"
            ],
        ),
        (
            lambda r: r["criteria"][0]["levels"][1].update(when={"any": []}),
            ["<mapping>: criteria[0].levels[1].when.any: expected at least one condition"],
        ),
        (
            lambda r: r["criteria"][0]["levels"][1].update(when={"component": "weights"}),
            [
                "<mapping>: criteria[0].levels[1].when: a component check needs at least one of access, "
                "licence, licence-without, licence-in, coverage, present"
            ],
        ),
        (lambda r: r.update(criteria=[], verdicts=[]), ["<mapping>: criteria: a rubric needs at least one criterion"]),
        (
            lambda r: r.update(scale={"open": 1, "partial": 0.5, "closed": 0.5}),
            ["<mapping>: scale: two grades have the same points; grades must be strictly ordered"],
        ),
        (
            lambda r: (
                r["verdicts"].append({"id": "a", "title": "A", "builds-on": "b"})
                or r["verdicts"].append({"id": "b", "title": "B", "builds-on": "a"})
            ),
            [
                "<mapping>: verdicts[1].builds-on: verdicts build on each other in a cycle: a -> b -> a",
                "<mapping>: verdicts[2].builds-on: verdicts build on each other in a cycle: b -> a -> b",
            ],
        ),
        (lambda r: r.pop("title"), ["<mapping>: title: required key is missing"]),
    ],
)
def test_bad_rubric_messages(change: Any, expected: list[str]) -> None:
    """Each mistake in a rubric is reported with its key path and, where close, a suggestion."""
    data = copy.deepcopy(_rubric())
    change(data)
    assert _lines(data) == expected


def test_all_rubric_problems_at_once() -> None:
    """Type errors and reference errors (unknown grades and criteria too) come out in one error."""
    data = _rubric()
    data["criteria"][2]["weight"] = "high"
    data["criteria"][0]["levels"][0]["when"]["component"] = "wieghts"
    data["criteria"][1]["levels"][0]["grade"] = "opne"
    data["verdicts"][0]["requires"]["grade"] = "gold"
    data["verdicts"][0]["requires"]["criteria"] = ["weights", "cdoe"]
    assert _lines(data) == [
        "<mapping>: criteria[0].levels[0].when.component: unknown component 'wieghts' (did you mean 'weights'?)",
        "<mapping>: criteria[2].weight: expected a number, got 'high'",
        "<mapping>: criteria[1].levels[0].grade: unknown grade 'opne' (did you mean 'open'?)",
        "<mapping>: verdicts[0].requires[0].grade: unknown grade 'gold'",
        "<mapping>: verdicts[0].requires[0].criteria: unknown criterion 'cdoe' (did you mean 'code'?)",
    ]


def test_references_to_unreadable_criteria_are_not_guessed() -> None:
    """When a criterion's id cannot be read, verdicts naming criteria are not called unknown."""
    data = _rubric()
    del data["criteria"][1]["id"]
    assert _lines(data) == ["<mapping>: criteria[1].id: required key is missing"]


def test_unknown_builtin_suggests_close_ids() -> None:
    """A misspelt built-in id names the close one and lists what exists."""
    with pytest.raises(RubricError, match=r"no built-in rubric 'osaid-1' \(did you mean 'osaid-1.0'\?\)"):
        openness.load_rubric("osaid-1")


def test_newer_rubric_format_is_refused() -> None:
    """A rubric in an unknown format version is an UnsupportedFormatError."""
    with pytest.raises(UnsupportedFormatError, match="rubric format 3 is not supported"):
        openness.load_rubric(_rubric(format=3))


def test_rubric_html_escapes_titles() -> None:
    """A rubric's notebook view escapes its text."""
    data = _rubric(title="<script>alert(1)</script>")
    html = openness.load_rubric(data)._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
