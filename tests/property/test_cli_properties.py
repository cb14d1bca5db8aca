"""Hypothesis properties of the command line's helpers: locating keys, combining reports."""

from __future__ import annotations

import json
from typing import Any

import tomli_w
from hypothesis import given
from hypothesis import strategies as st

import openness
from openness._cli.formats import render
from openness._cli.model_inputs import ModelInput
from openness._cli.scored import Scored
from openness._reading.locate import toml_locations

_KEY = st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True) | st.text(min_size=1, max_size=8)
_SCALAR = st.one_of(st.integers(), st.booleans(), st.text(max_size=30))
_TABLE = st.dictionaries(_KEY, _SCALAR, max_size=4)
_DOCUMENT = st.fixed_dictionaries(
    {},
    optional={
        "top": _SCALAR,
        "table": _TABLE,
        "array": st.lists(_TABLE.filter(bool), min_size=1, max_size=3),
    },
).map(lambda d: {k: v for k, v in d.items() if v != {}})


@given(_DOCUMENT)
def test_property_every_key_is_located_on_its_line(document: dict[str, Any]) -> None:
    """In TOML written by tomli_w, every key and table is placed on the line that writes it."""
    text = tomli_w.dumps(document)
    lines = text.split("\n")  # TOML lines end at newlines only (not at U+0085)
    found = toml_locations(text)

    def assert_at(path: tuple[str | int, ...], key: str) -> None:
        line, column = found[path]
        written = lines[line - 1][column - 1 :]
        assert written.startswith((key, f'"{key}', f"'{key}", '"')), (path, lines[line - 1])

    for key, value in document.items():
        if isinstance(value, dict):
            assert lines[found[(key,)][0] - 1].startswith("[")
            for inner in value:
                assert_at((key, inner), inner)
        elif isinstance(value, list):
            if (key, 0) not in found:  # written inline: placed on the key's line
                assert_at((key,), key)
                continue
            for index, table in enumerate(value):
                assert lines[found[(key, index)][0] - 1].startswith("[[")
                for inner in table:
                    assert_at((key, index, inner), inner)
        else:
            assert_at((key,), key)


_MODELS = st.lists(st.sampled_from(openness.catalogue.ids()), min_size=1, max_size=3)
_RUBRICS = st.lists(st.sampled_from(openness.list_rubrics()), min_size=1, max_size=2)


@given(_MODELS, _RUBRICS)
def test_property_combined_json_holds_every_report_in_order(models: list[str], rubrics: list[str]) -> None:
    """Scoring M models under R rubrics gives M x R reports, model by model, each its own to_dict()."""
    scored = [
        Scored(
            model=ModelInput(descriptor=openness.catalogue.load(m), location=m),
            rubric=openness.load_rubric(r),
            report=openness.score(openness.catalogue.load(m), r),
        )
        for m in models
        for r in rubrics
    ]
    out = json.loads(render(scored, "json"))
    reports = out["reports"] if len(scored) > 1 else [out]
    assert reports == [s.report.to_dict() for s in scored]
    sarif = json.loads(render(scored, "sarif"))
    assert len(sarif["runs"][0]["results"]) == sum(r.points < r.max_points for s in scored for r in s.report.results)
