"""Loading, checking and writing model descriptors."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

import openness
from openness import DescriptorError, UnsupportedFormatError

MINIMAL = {"format": 1, "model": {"id": "m", "name": "M"}}


def _error_lines(data: object) -> list[str]:
    with pytest.raises(DescriptorError) as info:
        openness.load_descriptor(data)  # type: ignore[arg-type]
    return info.value.lines()


def test_minimal_descriptor_loads() -> None:
    """A descriptor needs only its format and the model's id and name."""
    descriptor = openness.load_descriptor(MINIMAL)
    assert descriptor.id == "m"
    assert descriptor.components == {}


def test_component_alias_is_keyed_by_its_id() -> None:
    """An alias such as 'datasets' is accepted and stored under the component id."""
    descriptor = openness.load_descriptor({**MINIMAL, "components": {"datasets": {"access": "public"}}})
    assert list(descriptor.components) == ["training-data"]


def test_toml_dates_become_iso_text() -> None:
    """A TOML date in released/checked reads as its ISO text."""
    text = 'format = 1\n[model]\nid = "m"\nname = "M"\nreleased = 2024-02-01\nchecked = 2026-11-23\n'
    descriptor = openness.load_descriptor(text)
    assert (descriptor.model.released, descriptor.model.checked) == ("2024-02-01", "2026-11-23")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {**MINIMAL, "components": {"wieghts": {}}},
            ["<mapping>: components.wieghts: unknown component 'wieghts' (did you mean 'weights'?)"],
        ),
        (
            {"format": 1, "model": {"id": "m", "name": "M", "relased": "2024"}},
            ["<mapping>: model.relased: unknown key 'relased' (did you mean 'released'?)"],
        ),
        (
            {**MINIMAL, "components": {"weights": {"access": "publc"}}},
            [
                "<mapping>: components.weights.access: unknown value 'publc' (did you mean 'public'?); "
                "expected one of public, gated, restricted, api-only, not-released"
            ],
        ),
        (
            {**MINIMAL, "components": {"weights": {"sources": "https://x"}}},
            ["<mapping>: components.weights.sources: expected a list, got 'https://x'"],
        ),
        (
            {"format": 1, "model": {"id": "Bad Id", "name": "M", "released": "2024-13"}},
            [
                "<mapping>: model.id: 'Bad Id' is not a valid id (lower-case letters, digits, '.', '_' and '-')",
                "<mapping>: model.released: expected a date written YYYY, YYYY-MM or YYYY-MM-DD, got '2024-13'",
            ],
        ),
        (
            {"format": 1, "model": {"id": "m", "name": "M", "checked": "2024-02-30"}},
            ["<mapping>: model.checked: '2024-02-30' is not a real date"],
        ),
        ({"format": 1}, ["<mapping>: model: required key is missing"]),
        ({"model": {"id": "m", "name": "M"}}, ["<mapping>: format: required key is missing"]),
        (
            {**MINIMAL, "assessments": {"osai": {"code": {"grade": 1, "link": ["x", 2]}}}},
            [
                "<mapping>: assessments.osai.code.grade: expected a string, got 1",
                "<mapping>: assessments.osai.code.link[1]: expected a string, got 2",
            ],
        ),
        (
            {**MINIMAL, "components": {"datasets": {}, "training-data": {}}},
            ["<mapping>: components.training-data: 'training-data' and 'datasets' name the same component"],
        ),
        (
            {**MINIMAL, "components": {"weights": {"unsure": "yes"}}},
            ["<mapping>: components.weights.unsure: expected true or false, got 'yes'"],
        ),
    ],
)
def test_bad_descriptor_messages(data: object, expected: list[str]) -> None:
    """Each mistake is reported with its key path, all at once, in plain words."""
    assert _error_lines(data) == expected


def test_every_problem_is_listed_at_once() -> None:
    """Problems in several places come out together, not one per attempt."""
    data = {
        "format": 1,
        "model": {"id": "m", "name": 3},
        "components": {"wieghts": {}, "weights": {"access": 1, "coverage": "most"}},
    }
    lines = _error_lines(data)
    assert len(lines) == 4
    assert any("model.name: expected a string, got 3" in line for line in lines)


def test_missing_format_comes_with_the_other_problems() -> None:
    """A missing format key is reported together with unknown and missing keys, not on its own first."""
    assert _error_lines({"bogus_key_xyz": 1}) == [
        "<mapping>: format: required key is missing",
        "<mapping>: bogus_key_xyz: unknown key 'bogus_key_xyz'",
        "<mapping>: model: required key is missing",
    ]


def test_unsupported_format_version() -> None:
    """A newer major format is a dedicated error naming the version."""
    with pytest.raises(UnsupportedFormatError, match="descriptor format 2 is not supported"):
        openness.load_descriptor({"format": 2, "model": {"id": "m", "name": "M"}})


def test_malformed_toml_names_line_and_column(tmp_path: Path) -> None:
    """A TOML syntax error names the file, line and column."""
    path = tmp_path / "bad.toml"
    path.write_text('format = 1\n[model]\nid = "m\n', encoding="utf-8")
    with pytest.raises(DescriptorError) as info:
        openness.load_descriptor(path)
    (problem,) = info.value.problems
    assert (problem.source, problem.line, problem.column) == (str(path), 3, 8)
    assert str(problem).startswith(f"{path}:3:8: invalid TOML: ")


@pytest.mark.parametrize("ending", ["", "\n", "\n\n  \n"])
def test_toml_ending_mid_value_names_the_last_line(tmp_path: Path, ending: str) -> None:
    """A document that ends mid-value is an error at the end of its last line, trailing blank lines aside."""
    path = tmp_path / "bad.toml"
    path.write_text("format = 1\nname = [1," + ending, encoding="utf-8")
    with pytest.raises(DescriptorError) as info:
        openness.load_descriptor(path)
    (problem,) = info.value.problems
    assert str(problem) == f"{path}:2:11: invalid TOML: Invalid value (at end of document)"


def test_malformed_json_names_line_and_column(tmp_path: Path) -> None:
    """A JSON syntax error names the file, line and column."""
    path = tmp_path / "bad.json"
    path.write_text('{"format": 1,\n "model": }', encoding="utf-8")
    with pytest.raises(DescriptorError) as info:
        openness.load_descriptor(path)
    assert str(info.value) == f"{path}:2:11: invalid JSON: Expecting value"


def test_missing_file_and_wrong_suffix(tmp_path: Path) -> None:
    """Unreadable paths and unsupported file types are descriptor errors, not OSError."""
    with pytest.raises(DescriptorError, match="cannot read file"):
        openness.load_descriptor(tmp_path / "absent.toml")
    with pytest.raises(DescriptorError, match=r"expected a \.toml or \.json file"):
        openness.load_descriptor(tmp_path / "model.yaml")


def test_errors_are_value_errors_and_pickle() -> None:
    """Errors derive from OpennessError and ValueError and survive pickling with their problems."""
    with pytest.raises(ValueError) as info:
        openness.load_descriptor({"format": 1})
    error = info.value
    assert isinstance(error, openness.OpennessError)
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object
    assert copy.problems == error.problems
    assert str(copy) == str(error)


def test_round_trip_through_toml_and_json() -> None:
    """to_dict, to_toml and to_json load back into an equal descriptor; extra tables are kept verbatim."""
    data = {
        **MINIMAL,
        "components": {
            "weights": {"access": "gated", "licence": "llama3.1", "unsure": True, "extra": {"n": [1, 2]}},
        },
        "assessments": {"osai-2023": {"opencode": {"grade": "open", "link": "https://x.example"}}},
        "extra": {"anything": {"nested": True}},
    }
    descriptor = openness.load_descriptor(data)
    assert openness.load_descriptor(descriptor.to_dict()) == descriptor
    assert openness.load_descriptor(descriptor.to_toml()) == descriptor
    assert openness.load_descriptor(json.loads(descriptor.to_json())) == descriptor
    assert descriptor.to_dict()["extra"] == {"anything": {"nested": True}}
