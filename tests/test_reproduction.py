"""The anchors reproduced exactly: MOT's classes and progress, and both index generations' scores."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from types import ModuleType

import pytest
import yaml

import openness
from openness.importers import mot, osai

pytestmark = pytest.mark.shared

REPO = Path(__file__).resolve().parent.parent
MOT_CLASSES = (("class-1", 1), ("class-2", 2), ("class-3", 3))


def _tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def mot_class(report: openness.Report) -> int:
    """MOT's class number: the most demanding class met, else 0."""
    return next((number for verdict, number in MOT_CLASSES if report.verdict(verdict).met), 0)


def test_mot_fixtures_reproduce_expected_results(shared_data: Path) -> None:
    """On every MOT fixture with an expected row, the class and all three progress figures match exactly."""
    expected = {row["release_name"]: row for row in _tsv(shared_data / "mot" / "fixtures" / "expected.tsv")}
    rubric = openness.load_rubric("mot-1.0")
    compared = 0
    for path in sorted((shared_data / "mot" / "fixtures").glob("*.yml")):
        descriptor = mot.read(path)
        row = expected.get(descriptor.model.name)
        if row is None:
            continue
        report = openness.score(descriptor, rubric)
        got = (
            mot_class(report),
            report.verdict("class-1").progress * 100,
            report.verdict("class-2").progress * 100,
            report.verdict("class-3").progress * 100,
        )
        want = (int(row["class"]), float(row["progress_1"]), float(row["progress_2"]), float(row["progress_3"]))
        assert got == want, path.name
        compared += 1
    assert compared == len(expected)


def test_mot_open_list_is_computed_from_mots_licence_files(
    shared_data: Path, script: Callable[[str], ModuleType]
) -> None:
    """The rubric's open list is exactly what MOT's two licence files and hard-coded lists give (226 ids)."""
    generator = script("generate_mof_rubrics")
    computed = generator.mot_open_licences(shared_data / "mot" / "licences")
    rubric = openness.load_rubric("mot-1.0")
    assert list(rubric.licence_lists["mot-open"].ids) == computed
    assert len(computed) == 226
    assert {"GPL-2.0", "Apache-1.0", "ODC-PDDL-1.0", "OpenMDW-1.0"} <= set(computed)
    assert not {"PDDL-1.0", "OpenMDW-1.1", "C-UDA-1.0"} & set(computed)


def test_generated_rubric_files_are_current(shared_data: Path, script: Callable[[str], ModuleType]) -> None:
    """The committed MOF, MOT and index rubrics equal what their generator scripts write from the data."""
    mof = script("generate_mof_rubrics")
    open_ids = mof.mot_open_licences(shared_data / "mot" / "licences")
    assert (REPO / "rubrics" / "mot-1.0.toml").read_text(encoding="utf-8") == mof.render("mot", open_ids)
    assert (REPO / "rubrics" / "mof-1.0.toml").read_text(encoding="utf-8") == mof.render("mof", open_ids)
    index = script("generate_osai_rubrics")
    parameters = index.parameters_from_registry(shared_data / "osai" / "current" / "_parameters.yml")
    assert (REPO / "rubrics" / "osai-index.toml").read_text(encoding="utf-8") == index.render_index(parameters)
    assert (REPO / "rubrics" / "osai-2023.toml").read_text(encoding="utf-8") == index.render_legacy()


def test_mot_component_content_types_match_mot_settings(shared_data: Path) -> None:
    """The importer inherits licences by MOT's own content type for each component."""
    settings = yaml.safe_load((shared_data / "mot" / "mof.settings.yml").read_text(encoding="utf-8"))
    by_name = {spec.mof.name: key for key, spec in openness.components().items() if spec.mof is not None}
    found = 0
    for entry in settings["components"]:
        key = by_name[entry["name"]]
        assert mot.CONTENT_TYPES[openness.components()[key].kind] == entry["content_type"], entry["name"]
        found += 1
    assert found == 17


def test_legacy_index_reproduces_the_published_table(shared_data: Path) -> None:
    """Every published row: the total and all 14 grades match, and the index's order gives its ranks."""
    rows = _tsv(shared_data / "osai" / "legacy" / "published.tsv")
    rubric = openness.load_rubric("osai-2023")
    columns = list(rows[0])
    keys = columns[columns.index("org") + 1 :]  # the 14 ratings, in the published table's order
    assert [c.id for c in rubric.criteria] == keys
    ranked = []
    for row in rows:
        descriptor = osai.read(shared_data / "osai" / "legacy" / row["source_file"])
        report = openness.score(descriptor, rubric)
        assert repr(report.points) == row["openness"], row["project"]
        assert [report.result(key).grade for key in keys] == [row[key] for key in keys]
        assert not any(result.unknown for result in report.results), row["project"]
        assert report.score == report.points / 14
        ranked.append((report, int(row["rank"])))
    ranked.sort(key=lambda pair: (-pair[0].points, pair[0].model["name"]))
    ranks = [rank for _, rank in ranked]
    assert ranks == sorted(ranks)
    assert len(rows) > 20


def test_legacy_index_files_all_load_and_the_dropped_ones_say_why(shared_data: Path) -> None:
    """All 48 legacy files load; the template and the nameless project are reported as not scored."""
    scored, skipped = osai.read_dir(shared_data / "osai" / "legacy")
    assert len(scored) == 46
    assert {Path(s.path).name: s.reason for s in skipped} == {
        "A_sample.yaml": "the index's submission template, not a model",
        "text-generation-webui.yaml": "its name is empty, and the index drops files without a name",
    }


def _site_score(data: dict, parameters: list[dict]) -> float:
    """The index site's sortModels score, written plainly from its description."""
    types = [t.strip() for t in str(data["system"]["type"]).split(",")]
    values = []
    for category in parameters:
        for param in category["params"]:
            if any(t in types for t in param["types"]):
                rating = data.get(param["ref"]) or {}
                values.append({"open": 1.0, "partial": 0.5, "closed": 0.0}.get(rating.get("class"), 0.0))
    return sum(values) / len(values)


def test_current_index_scores_equal_the_sites_algorithm(shared_data: Path) -> None:
    """All 193 current files: the report's score is the site's mean over applicable parameters."""
    folder = shared_data / "osai" / "current"
    parameters = yaml.safe_load((folder / "_parameters.yml").read_text(encoding="utf-8"))
    rubric = openness.load_rubric("osai-index")
    scored, skipped = osai.read_dir(folder)
    assert len(scored) == 193
    assert sorted(Path(s.path).name for s in skipped) == [
        "_parameters-descriptions.yml",
        "_parameters.yml",
        "a_submission_template.yaml",
    ]
    scores = {}
    for descriptor in scored:
        name = descriptor.extra["osai"]["file-name"]
        data = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
        report = openness.score(descriptor, rubric)
        assert report.score == _site_score(data, parameters), name
        assert (report.score * 24).is_integer()
        assert not any(result.unknown for result in report.results), name
        scores[name] = report.score
    order = sorted(scores, key=lambda name: (-scores[name], [-ord(c) for c in name]))
    assert order.index("bloomz.yaml") < order.index("OLMo.yaml") or scores["bloomz.yaml"] != scores["OLMo.yaml"]


@pytest.mark.parametrize(
    ("name", "grades"),
    [
        ("current/OLMo.yaml", ["partial", "partial", "partial"]),
        ("current/BERT.yaml", ["partial", "closed", "open"]),
        ("legacy/olmo-7b-instruct.yaml", ["partial", "partial", "partial"]),
        ("legacy/BELLE.yaml", ["partial", "partial", "closed"]),
    ],
)
def test_index_files_score_above_zero_under_osaid_from_the_facts_the_index_states(
    shared_data: Path, name: str, grades: list[str]
) -> None:
    """Open weights, code and data the index states are component facts, so OSAID 1.0 scores the file above 0."""
    descriptor = osai.read(shared_data / "osai" / name)
    report = openness.score(descriptor, "osaid-1.0")
    assert [result.grade for result in report.results] == grades
    assert report.score > 0
    assert all(c.sources == descriptor.model.sources for c in descriptor.components.values())
    default = openness.score(descriptor)  # the default rubric: a score above 0, or at least its range
    assert default.score > 0 or default.best_score > default.score


def test_every_index_file_scores_above_zero_or_shows_its_range_under_the_default_rubric(shared_data: Path) -> None:
    """No imported index file reads as a flat 0 of N under the default rubric: its facts count, or its range shows."""
    paths = sorted((shared_data / "osai").glob("*/*.yaml"))
    assert len(paths) > 200
    flat = [p.name for p in paths if (r := openness.score(osai.read(p))).score == 0 and r.best_score == 0]
    assert flat == []


def test_index_rounding_is_half_up_like_the_site() -> None:
    """The site's toFixed(2) and Math.round round exact ties up; Decimal half-up does the same."""
    assert Decimal("0.125").quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) == Decimal("0.13")
    assert Decimal(0.625 * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP) == 63


def test_index_reasons_carry_the_assessors_notes_and_links(shared_data: Path) -> None:
    """A criterion's reason quotes the index's notes; its evidence carries the index's links."""
    descriptor = osai.read(shared_data / "osai" / "current" / "OLMo.yaml")
    result = openness.score(descriptor, "osai-index").result("datasources_basemodel")
    rating = descriptor.assessments["osai-index"]["datasources_basemodel"]
    assert rating.notes is not None
    assert rating.notes in result.reason
    (assessed,) = [e for e in result.evidence if e.fact == "assessments.osai-index.datasources_basemodel"]
    assert assessed.sources == rating.link
    (modalities,) = [e for e in result.evidence if e.fact == "model.modalities"]
    assert modalities.value == "text"
    assert len(rating.link) == 3


def test_index_parameters_apply_by_modality(shared_data: Path) -> None:
    """A parameter whose types miss the model's modalities drops out of points and maximum."""
    descriptor = osai.read(shared_data / "osai" / "current" / "OLMo.yaml")
    full = openness.score(descriptor, "osai-index")
    rubric = openness.load_rubric("osai-index").to_dict()
    rubric["criteria"][0]["applies-when"] = {"modality": ["audio"]}
    narrowed = openness.score(descriptor, rubric)
    first = narrowed.results[0]
    assert not first.applies
    assert first.grade == "not-applicable"
    assert "does not hold" in first.reason
    assert narrowed.max_points == full.max_points - 1


@pytest.mark.parametrize("rubric_id", ["mot-1.0", "mof-1.0"])
def test_all_mot_models_import_and_score(shared_data: Path, rubric_id: str) -> None:
    """All 273 MOT model files import and score; MOT's progress figures are shares of 100."""
    paths = sorted((shared_data / "mot" / "models").glob("*.yml"))
    assert len(paths) == 273
    rubric = openness.load_rubric(rubric_id)
    for path in paths:
        report = openness.score(mot.read(path), rubric)
        assert 0 <= report.score <= 1
        assert all(0 <= v.progress <= 1 for v in report.verdicts)
        if rubric_id == "mot-1.0":  # every component is listed (public, with a licence) or stated not released
            assert not any(result.unknown for result in report.results), path.name


def test_mot_vs_mof_page_is_current(shared_data: Path, script: Callable[[str], ModuleType]) -> None:
    """docs/mot-vs-mof.md equals what scripts/generate_mot_vs_mof.py writes from the 273 MOT files."""
    page = script("generate_mot_vs_mof").render(shared_data / "mot" / "models")
    assert (REPO / "docs" / "mot-vs-mof.md").read_text(encoding="utf-8") == page


def test_mof_differs_from_mot_only_where_the_licence_is_not_suited(shared_data: Path) -> None:
    """A model MOT classes but MOF does not has a component whose licence MOF finds unsuited to its kind."""
    mof_rubric, mot_rubric = openness.load_rubric("mof-1.0"), openness.load_rubric("mot-1.0")
    differing = 0
    for path in sorted((shared_data / "mot" / "models").glob("*.yml")):
        descriptor = mot.read(path)
        under_mot, under_mof = openness.score(descriptor, mot_rubric), openness.score(descriptor, mof_rubric)
        if mot_class(under_mot) != mot_class(under_mof):
            differing += 1
            changed = [
                r.criterion
                for r, s in zip(under_mot.results, under_mof.results, strict=True)
                if r.grade != s.grade and r.weight > 0
            ]
            assert changed, path.name
    assert differing > 0


def test_mot_round_trip_keeps_every_field(shared_data: Path) -> None:
    """MOT YAML -> descriptor -> TOML -> descriptor -> MOT YAML gives back the same data, for all 273 files."""
    for path in sorted((shared_data / "mot" / "models").glob("*.yml")):
        original = yaml.safe_load(path.read_text(encoding="utf-8"))
        descriptor = mot.read(path)
        again = openness.load_descriptor(descriptor.to_toml())
        assert yaml.safe_load(mot.write(again)) == original, path.name
        assert json.loads(descriptor.to_json())["model"]["name"] == original["release"]["name"].strip()
