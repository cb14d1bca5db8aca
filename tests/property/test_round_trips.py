"""No data lost: descriptor TOML -> JSON -> mapping -> TOML, and MOT YAML -> descriptor -> MOT YAML."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st
from test_properties import descriptor_dicts, extra_values

import openness
from openness._reading.vocabulary import MODALITIES
from openness.importers import mot

dates = st.dates().map(lambda d: d.isoformat())
model_fields = st.fixed_dictionaries(
    {},
    optional={
        "organisation": st.text(min_size=1, max_size=12),
        "version": st.text(min_size=1, max_size=6),
        "released": dates | st.dates().map(lambda d: d.isoformat()[:7]),
        "checked": dates,
        "homepage": st.just("https://example.org/model"),
        "base-model": st.text(min_size=1, max_size=12),
        "modalities": st.lists(st.sampled_from(sorted(MODALITIES)), unique=True, max_size=3),
        "sources": st.lists(st.just("https://example.org/card"), min_size=1, max_size=2),
        "extra": st.dictionaries(st.text(min_size=1, max_size=6), extra_values, max_size=2),
    },
)
ratings = st.fixed_dictionaries(
    {},
    optional={
        "grade": st.sampled_from(["open", "partial", "closed"]),
        "link": st.lists(st.just("https://example.org/evidence"), min_size=1, max_size=2),
        "notes": st.text(min_size=1, max_size=20),
    },
)
assessments = st.dictionaries(
    st.sampled_from(["osai-2023", "osai-index", "someone"]),
    st.dictionaries(st.sampled_from(["opencode", "llmdata", "licence"]), ratings, max_size=3),
    max_size=2,
)


@st.composite
def rich_descriptors(draw: st.DrawFn) -> dict[str, Any]:
    """The shared descriptor strategy, with every model field, assessments and extra tables added."""
    data: dict[str, Any] = draw(descriptor_dicts)
    data["model"] = {**data["model"], **draw(model_fields)}
    data["assessments"] = draw(assessments)
    data["extra"] = draw(st.dictionaries(st.text(min_size=1, max_size=8), extra_values, max_size=3))
    return data


@given(rich_descriptors())
def test_toml_json_mapping_toml_is_the_identity(data: dict[str, Any]) -> None:
    """TOML -> JSON -> mapping -> TOML gives back the same TOML text, and every step an equal descriptor."""
    descriptor = openness.load_descriptor(data)
    toml_text = descriptor.to_toml()
    from_toml = openness.load_descriptor(toml_text if "\n" in toml_text else toml_text + "\n")
    json_text = from_toml.to_json()
    from_json = openness.load_descriptor(json.loads(json_text))
    mapping = from_json.to_dict()
    from_mapping = openness.load_descriptor(mapping)
    assert from_toml == from_json == from_mapping == descriptor
    assert from_mapping.to_toml() == toml_text
    assert json.loads(json_text) == mapping


def _typed(value: Any) -> Any:
    """A value with its scalar types made visible to ==, so 1, 1.0, True and '1' differ (key order aside)."""
    if isinstance(value, dict):
        return ["map", sorted((str(k), _typed(v)) for k, v in value.items())]
    if isinstance(value, list):
        return ["list", [_typed(v) for v in value]]
    return [type(value).__name__, value]


def test_mot_round_trip_keeps_yaml_types(shared_data: Path) -> None:
    """MOT YAML -> descriptor -> TOML -> MOT YAML keeps every key and every scalar's YAML type (bool, int, str, ...).

    Key order is not kept: TOML writes a table's sub-tables after its plain keys, and keys whose value
    was null come back last.
    """
    paths = sorted((shared_data / "mot" / "models").glob("*.yml"))
    assert len(paths) == 273
    for path in paths:
        original = yaml.safe_load(path.read_text(encoding="utf-8"))
        again = openness.load_descriptor(mot.read(path).to_toml())
        assert _typed(yaml.safe_load(mot.write(again))) == _typed(original), path.name
