"""Contrast: one model under several rubrics, each rubric's headline verdict, and what decides each disagreement."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import elements, run_cli

import openness

#: The rubrics whose disagreements the golden files explain; a built-in ``eu-ai-act-2024`` joins them when it ships
#: (then ``pytest --update-golden`` writes the goldens with it).
RUBRICS = ("osaid-1.0", "mof-1.0", "openness-default", *(r for r in ["eu-ai-act-2024"] if r in openness.list_rubrics()))
#: Catalogue models the rubrics disagree on: met against not met (olmo-7b), a lesser verdict met against none
#: (mistral-7b), and undetermined against not met (gpt-neox-20b).
MODELS = ("olmo-7b", "mistral-7b", "gpt-neox-20b")
HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(2)> | *b* `c`'


_run = run_cli


@pytest.mark.parametrize("model", MODELS)
def test_contrast_renderings_match_golden_files(
    model: str, golden: Callable[[str, str], None], golden_html: Callable[[str, str], None]
) -> None:
    """The contrast of a catalogue model under osaid-1.0, mof-1.0 and openness-default matches its golden files."""
    found = openness.contrast(model, RUBRICS)
    golden(f"contrast.{model}.txt", found.to_text())
    golden(f"contrast.{model}.md", found.to_markdown())
    golden_html(f"contrast.{model}.html", found.to_html())
    golden(f"contrast.{model}.json", found.to_json() + "\n")


def test_the_catalogue_models_of_the_goldens_disagree() -> None:
    """Each golden model shows a disagreement: olmo-7b met against not met, gpt-neox-20b undetermined against not."""
    olmo = openness.contrast("olmo-7b", RUBRICS[:3])
    assert [d.summary for d in olmo.disagreements] == [
        "osaid-1.0 meets open-source-ai while mof-1.0 misses class-3",
        "openness-default meets open while mof-1.0 misses class-3",
    ]
    assert olmo.agreements == (("osaid-1.0", "openness-default"),)
    weights = olmo.disagreements[0].facts[0]
    assert (weights.fact, weights.kind) == ("components.weights.licence", "licence-reading")
    assert [(t.rubric, t.says, t.answer) for t in (*weights.trailing, *weights.leading)] == [
        ("mof-1.0", "final model weights under an open data licence", False),
        ("mof-1.0", "final model weights under a licence on the rubric's 'openmdw' list", False),
        ("osaid-1.0", "final model weights under an OSD-conformant licence", True),
    ]
    neox = openness.contrast("gpt-neox-20b", RUBRICS[:2])
    (only,) = neox.disagreements
    assert only.summary == "osaid-1.0 may still meet open-source-ai (undetermined) while mof-1.0 misses class-3"


# --- a hand-made pair whose answer is known exactly ---------------------------------------------------------------

STRICT: dict[str, Any] = {
    "format": 1,
    "id": "strict",
    "title": "Strict",
    "version": "1",
    "source": "https://example.org/strict",
    "scale": {"yes": 1.0, "no": 0.0},
    "criteria": [
        {
            "id": "weights",
            "title": "Weights",
            "levels": [{"grade": "yes", "when": {"component": "weights", "licence": "open-data"}}],
        },
        {
            "id": "data",
            "title": "Data",
            "levels": [{"grade": "yes", "when": {"component": "training-data", "access": "public"}}],
        },
    ],
    "verdicts": [{"id": "open", "title": "Open", "requires": {"criteria": ["weights", "data"], "grade": "yes"}}],
}
LENIENT: dict[str, Any] = {
    **STRICT,
    "id": "lenient",
    "title": "Lenient",
    "criteria": [
        {
            "id": "weights",
            "title": "Weights",
            "levels": [
                {
                    "grade": "yes",
                    "when": {"component": "weights", "access": ["public", "gated"], "licence": "osd-conformant"},
                }
            ],
        }
    ],
    "verdicts": [{"id": "usable", "title": "Usable", "requires": {"criteria": ["weights"], "grade": "yes"}}],
}
MODEL: dict[str, Any] = {
    "format": 1,
    "model": {"id": "m", "name": "M"},
    "components": {
        "weights": {"access": "public", "licence": "Apache-2.0"},
        "training-data": {"access": "not-released"},
    },
}


def test_a_hand_made_pair_names_exactly_what_decides_it() -> None:
    """Strict asks for an open data licence and public data; lenient for an OSD-conformant licence: both are named."""
    found = openness.contrast(MODEL, [STRICT, LENIENT])
    assert [(s.label, s.headline, s.status, s.top) for s in found.standings] == [
        ("strict", "open", "not-met", False),
        ("lenient", "usable", "met", True),
    ]
    (disagreement,) = found.disagreements
    assert disagreement.summary == "lenient meets usable while strict misses open"
    assert [(s.criterion, s.grade, s.holds, s.now, s.facts) for s in disagreement.shortfalls] == [
        ("weights", "yes", False, "no", ("components.weights.licence",)),
        ("data", "yes", False, "no", ("components.training-data.access",)),
    ]
    licence, access = disagreement.facts
    assert licence.to_dict() == {
        "fact": "components.weights.licence",
        "kind": "licence-reading",
        "leading": [
            {
                "answer": True,
                "condition": {"component": "weights", "licence": ["osd-conformant"]},
                "criterion": "weights",
                "rubric": "lenient",
                "says": "final model weights under an OSD-conformant licence",
            }
        ],
        "trailing": [
            {
                "answer": False,
                "condition": {"component": "weights", "licence": ["open-data"]},
                "criterion": "weights",
                "rubric": "strict",
                "says": "final model weights under an open data licence",
            }
        ],
        "value": "Apache-2.0 | Apache-2.0: OSI-approved, restrictions: attribution; terms: https://spdx.org/licenses/Apache-2.0.html",
    }
    assert (access.fact, access.kind, access.value, access.leading) == (
        "components.training-data.access",
        "one-sided",
        "not-released",
        (),
    )
    assert [(t.rubric, t.criterion, t.says, t.answer) for t in access.trailing] == [
        ("strict", "data", "training data public", False)
    ]
    assert disagreement.explanation == (
        "strict requires components.training-data.access (not-released); lenient's usable rests on none of them. "
        "Licence reading of components.weights.licence (Apache-2.0): strict tests final model weights under an open "
        "data licence (no); lenient tests final model weights under an OSD-conformant licence (yes)."
    )


def test_both_met_disagree_when_only_one_meets_its_highest_verdict() -> None:
    """Two met headlines disagree when one rubric meets its highest verdict and the other misses the one above."""
    ladder = {
        **LENIENT,
        "id": "ladder",
        "criteria": [*LENIENT["criteria"], STRICT["criteria"][1]],
        "verdicts": [
            *LENIENT["verdicts"],
            {"id": "full", "title": "Full", "builds-on": "usable", "requires": {"criteria": ["data"], "grade": "yes"}},
        ],
    }
    found = openness.contrast(MODEL, [ladder, LENIENT])
    assert [(s.headline, s.status, s.top) for s in found.standings] == [
        ("usable", "met", False),
        ("usable", "met", True),
    ]
    (disagreement,) = found.disagreements
    assert disagreement.both_met
    assert disagreement.summary == "lenient meets its highest verdict usable while ladder misses full"
    assert [f.fact for f in disagreement.facts] == ["components.training-data.access"]


def test_a_minimum_score_is_named_as_a_requirement() -> None:
    """A verdict missed on its minimum score names the score it asks for and the score now."""
    scored = {
        **LENIENT,
        "id": "scored",
        "criteria": [*LENIENT["criteria"], STRICT["criteria"][1]],
        "verdicts": [{"id": "most", "title": "Most", "min-score": 0.75}],
    }
    (disagreement,) = openness.contrast(MODEL, [LENIENT, scored]).disagreements
    (shortfall,) = disagreement.shortfalls
    assert (shortfall.criterion, shortfall.min_score, shortfall.now, shortfall.needs) == (
        None,
        0.75,
        "0.50",
        "a score of at least 0.75",
    )
    assert disagreement.explanation == "scored requires a score of at least 0.75 (now 0.50)."


def test_a_rubric_without_verdicts_is_shown_but_not_paired() -> None:
    """A rubric with no verdicts shows its score; it neither agrees nor disagrees with another."""
    found = openness.contrast("olmo-7b", ["osai-index", "osaid-1.0", "osaid-1.0"])
    assert [(s.label, s.headline, s.status) for s in found.standings] == [
        ("osai-index", None, None),
        ("osaid-1.0", "open-source-ai", "met"),
        ("osaid-1.0 #2", "open-source-ai", "met"),
    ]
    assert found.disagreements == ()
    assert found.agreements == (("osaid-1.0", "osaid-1.0 #2"),)
    assert "headline: no verdicts" in found.to_text()


def test_contrast_needs_two_rubrics_and_names_labels() -> None:
    """One rubric is an error; an unknown label names the labels there are."""
    with pytest.raises(openness.OpennessError, match=r"at least two rubrics \(got 1\)"):
        openness.contrast("olmo-7b", ["osaid-1.0"])
    found = openness.contrast("olmo-7b", ["osaid-1.0", "mof-1.0"])
    with pytest.raises(openness.OpennessError, match=r"rubrics: osaid-1\.0, mof-1\.0"):
        found.standing("nope")
    assert repr(found) == ("<Contrast of 'olmo-7b': osaid-1.0 open-source-ai met, mof-1.0 class-3 not-met; 1 disagree>")
    assert str(found) == found.to_text()
    assert found._repr_markdown_() == found.to_markdown()


def test_json_starts_with_its_version_header() -> None:
    """The JSON layout starts with format, openness version and model, then sorted keys."""
    data = json.loads(openness.contrast("mistral-7b", RUBRICS[:3]).to_json())
    assert list(data)[:3] == ["format", "openness", "model"]
    assert list(data)[3:] == sorted(list(data)[3:])
    assert data["format"] == 1
    assert data["model"] == {"id": "mistral-7b", "name": "Mistral 7B"}
    assert [r["label"] for r in data["rubrics"]] == list(RUBRICS[:3])


def test_inputs_are_escaped_in_every_view() -> None:
    """A hostile model name and licence stay text in HTML and Markdown, and control characters leave the text view."""
    hostile = {
        **MODEL,
        "model": {"id": "evil", "name": HOSTILE + "\x1b[31m"},
        "components": {"weights": {"access": "public", "licence": HOSTILE}},
    }
    found = openness.contrast(hostile, [STRICT, LENIENT, "osaid-1.0"])
    for markup in (found.to_html(), found._repr_html_()):
        parser = elements(markup)
        assert "script" not in parser.tags
        assert "img" not in parser.tags
        assert not [a for a in parser.attributes if a.startswith("on")]
    assert "<script>" not in found.to_markdown()
    assert "\x1b" not in found.to_text()


def test_command_line_prints_each_format_and_writes_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`openness contrast MODEL --rubric A --rubric B` prints the contrast in each format, or writes it with -o."""
    rubrics = ["--rubric", "osaid-1.0", "--rubric", "mof-1.0"]
    found = openness.contrast("olmo-7b", ["osaid-1.0", "mof-1.0"])
    expected = {
        "text": found.to_text(),
        "markdown": found.to_markdown(),
        "html": found.to_html(),
        "json": found.to_json() + "\n",
    }
    for name, text in expected.items():
        assert _run(capsys, "contrast", "olmo-7b", *rubrics, "--format", name) == (0, text, "")
    target = tmp_path / "contrast.json"
    assert _run(capsys, "contrast", "olmo-7b", *rubrics, "--format", "json", "-o", str(target)) == (0, "", "")
    assert target.read_text(encoding="utf-8") == expected["json"]
    code, out, err = _run(capsys, "contrast", "olmo-7b")
    assert (code, err) == (0, "")
    assert f"under {len(openness.list_rubrics())} rubrics" in out
    code, out, err = _run(capsys, "contrast", "olmo-7b", "--rubric", "osaid-1.0")
    assert (code, out) == (2, "")
    assert err == "openness: contrast needs at least two rubrics (got 1)\n"
