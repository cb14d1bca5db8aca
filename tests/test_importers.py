"""Importers: MOT and index YAML into descriptors, their errors, and the CLI that uses them."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

import openness
from openness._cli.main import main
from openness._model.descriptor import Assessment
from openness.importers import mot, osai

MOT_FILE = """\
framework:
  name: 'Model Openness Framework'
  version: '1.0'
  date: '2024-12-15'
release:
  name: 'Demo'
  version: '1B'
  date: '2025-02-01'
  type: language
  producer: 'Demo Lab'
  repository: 'https://example.org/demo'
  license:
    distribution: {name: Apache-2.0, path: null}
    code: {name: MIT, path: null}
    data: {name: '', path: null}
  components:
    - {name: 'Model architecture', description: 'code'}
    - {name: 'Model parameters (Final)', description: 'weights'}
    - {name: 'Datasets', description: 'data', license: unlicensed}
    - {name: 'Technical report', description: 'report', license: ''}
    - {name: 'Model card', description: 'card', license: 'Apache 2.0'}
"""


@pytest.fixture
def mot_file(tmp_path: Path) -> Path:
    path = tmp_path / "Demo-Model.yml"
    path.write_text(MOT_FILE, encoding="utf-8")
    return path


def test_mot_inheritance_rules(mot_file: Path) -> None:
    """Own licence verbatim; absent key inherits by content type, then distribution; '' and unlicensed never inherit."""
    descriptor = mot.read(mot_file)
    licences = {key: c.licence for key, c in descriptor.components.items() if c.access == "public"}
    assert licences == {
        "model-architecture": "MIT",
        "weights": "Apache-2.0",
        "training-data": "unlicensed",
        "technical-report": "unlicensed",
        "model-card": "Apache 2.0",
    }
    model = descriptor.model
    assert (model.id, model.name, model.organisation, model.version, model.released) == (
        "demo-model",
        "Demo",
        "Demo Lab",
        "1B",
        "2025-02-01",
    )
    assert model.modalities == ("text",)
    assert model.homepage == "https://example.org/demo"
    assert model.sources == ("https://example.org/demo",)


def test_mot_unlisted_components_are_not_released(mot_file: Path) -> None:
    """Every MOF component the file does not list is stated not released, with a note; the written YAML is unchanged."""
    descriptor = mot.read(mot_file)
    mof = {key for key, spec in openness.components().items() if spec.mof is not None}
    unlisted = mof - {"model-architecture", "weights", "training-data", "technical-report", "model-card"}
    assert len(unlisted) == 12
    for key in unlisted:
        assert descriptor.components[key] == openness.Component(access="not-released", notes=mot.NOT_LISTED), key
    assert set(descriptor.components) == mof
    assert "fine-tuned-weights" not in descriptor.components  # MOT has no name for it: unknown, not unreleased
    assert yaml.safe_load(mot.write(descriptor)) == yaml.safe_load(MOT_FILE)


def test_mot_sources_are_the_files_urls(tmp_path: Path) -> None:
    """The repository and Hugging Face URLs are the model's sources; a file naming neither cites nothing."""
    path = tmp_path / "m.yml"
    path.write_text(
        MOT_FILE.replace("  repository: 'https://example.org/demo'\n", "  huggingface: 'https://hf.example/demo'\n"),
        encoding="utf-8",
    )
    assert mot.read(path).model.sources == ("https://hf.example/demo",)
    both = MOT_FILE.replace("  repository:", "  huggingface: 'https://hf.example/demo'\n  repository:")
    path.write_text(both, encoding="utf-8")
    assert mot.read(path).model.sources == ("https://example.org/demo", "https://hf.example/demo")
    path.write_text(MOT_FILE.replace("  repository: 'https://example.org/demo'\n", ""), encoding="utf-8")
    assert mot.read(path).model.sources == ()


def test_mot_write_reflects_descriptor_changes(mot_file: Path) -> None:
    """Changing a component's licence or dropping a component shows in the written MOT YAML."""
    import attrs

    descriptor = mot.read(mot_file)
    components = dict(descriptor.components)
    components["model-card"] = attrs.evolve(components["model-card"], licence="CC-BY-4.0")
    del components["training-data"]
    changed = attrs.evolve(descriptor, components=components)
    data = yaml.safe_load(mot.write(changed))
    names = [c["name"] for c in data["release"]["components"]]
    assert "Datasets" not in names
    card = next(c for c in data["release"]["components"] if c["name"] == "Model card")
    assert card["license"] == "CC-BY-4.0"
    assert data["release"]["license"]["code"]["path"] is None


def test_mot_write_of_a_catalogue_descriptor_lists_its_mof_components() -> None:
    """A descriptor that never was a MOT file is written with its MOF components and their licences."""
    descriptor = openness.catalogue.load("olmo-7b")
    data = yaml.safe_load(mot.write(descriptor))
    names = {c["name"] for c in data["release"]["components"]}
    assert "Model parameters (Final)" in names
    assert data["release"]["name"] == descriptor.model.name
    again = mot.from_mapping(data, model_id="olmo-7b")
    listed = {c["name"] for c in data["release"]["components"]}
    for key, component in again.components.items():
        if component.access == "not-released":
            assert openness.components()[key].mof.name not in listed  # type: ignore[union-attr]
        else:
            assert component.licence == (descriptor.components[key].licence or "unlicensed")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("release: [1, 2\n", "invalid YAML"),
        ("framework: {}\n", "release: expected a 'release' table"),
        (
            "release:\n  name: x\n  components:\n    - {name: 'Model card', license: 3}\n",
            "release.components[0].license: expected a licence string, got int",
        ),
        (
            "release:\n  name: x\n  components:\n    - {name: 'Model cards'}\n",
            "release.components[0].name: unknown MOT component 'Model cards' (did you mean 'Model card'?)",
        ),
    ],
)
def test_mot_errors_name_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    """Broken MOT files are DescriptorErrors with the file and the key path (or line and column)."""
    path = tmp_path / "bad.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(openness.DescriptorError) as info:
        mot.read(path)
    line = info.value.lines()[0]
    assert line.startswith(str(path))
    assert message in line


def test_yaml_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    """Malformed YAML is located by line and column."""
    path = tmp_path / "bad.yml"
    path.write_text("release:\n  name: [unclosed\n", encoding="utf-8")
    with pytest.raises(openness.DescriptorError) as info:
        mot.read(path)
    problem = info.value.problems[0]
    assert (problem.line, problem.column) == (3, 1)


def test_missing_pyyaml_names_the_extra(monkeypatch: pytest.MonkeyPatch, mot_file: Path) -> None:
    """Without PyYAML, reading YAML says which extra to install."""
    monkeypatch.setitem(sys.modules, "yaml", None)
    with pytest.raises(ImportError, match=re.escape("pip install '.[import]'")):
        mot.read(mot_file)


def test_index_file_keeps_ratings_links_and_identity(tmp_path: Path) -> None:
    """Current index files: ratings with links (string or list), identity, nulls kept; a TOML round trip is exact."""
    path = tmp_path / "My Model.yaml"
    path.write_text(
        "system: {name: My Model, type: 'text, code', releasedate: 2024-05-01, link: null}\n"
        "org: {name: Lab}\n"
        "trainingcode: {class: open, link: [https://a.example, https://b.example], notes: all there}\n"
        "paper: {class: null, link: https://c.example, notes: null}\n",
        encoding="utf-8",
    )
    descriptor = osai.read(path)
    ratings = descriptor.assessments["osai-index"]
    assert ratings["trainingcode"].link == ("https://a.example", "https://b.example")
    assert ratings["paper"].link == ("https://c.example",)
    assert descriptor.model.modalities == ("text", "code")
    assert descriptor.model.id == "my-model"
    assert descriptor.model.released == "2024-05-01"
    assert descriptor.model.sources == ("https://osai-index.eu/model/My%20Model",)
    assert descriptor.extra["osai"]["nulls"] == [["system", "link"]]
    loaded = openness.load_descriptor(descriptor.to_toml())
    assert loaded == descriptor


LEGACY_PARAMETERS = [
    "opencode",
    "llmdata",
    "llmweights",
    "rldata",
    "rlweights",
    "license",
    "code",
    "architecture",
    "preprint",
    "paper",
    "modelcard",
    "datasheet",
    "package",
    "api",
]
CURRENT_PARAMETERS = [
    "datasources_basemodel",
    "datasources_endmodel",
    "weights_basemodel",
    "weights_endmodel",
    "trainingcode",
    "code",
    "hardware_architecture",
    "preprint",
    "paper",
    "modelcard",
    "datasheet",
    "licenses",
]


@pytest.mark.parametrize(
    ("head", "assessor", "parameters"),
    [
        ("project: {name: Old}\n", "osai-2023", LEGACY_PARAMETERS),
        ("system: {name: New, type: text}\n", "osai-index", CURRENT_PARAMETERS),
    ],
)
def test_index_cells_the_index_scores_closed_are_explicit(
    tmp_path: Path, head: str, assessor: str, parameters: list[str]
) -> None:
    """A parameter missing from the file, or with an empty class, is graded closed with a note saying why."""
    path = tmp_path / "m.yaml"
    path.write_text(
        f"{head}paper: {{class: open}}\npreprint: {{class: '', notes: under review}}\ncode: {{class: Open}}\n",
        encoding="utf-8",
    )
    ratings = osai.read(path).assessments[assessor]
    assert set(ratings) == set(parameters)
    assert ratings["paper"] == Assessment(grade="open")
    assert ratings["preprint"] == Assessment(
        grade="closed", notes="under review (class left empty in the index file, which scores it closed)"
    )
    assert ratings["code"].grade == "Open"  # misspelt: kept, and matches no level, as in the index
    missing = [key for key in parameters if key not in {"paper", "preprint", "code"}]
    for key in missing:
        assert ratings[key] == Assessment(
            grade="closed", notes="missing from the index file, which scores a missing parameter closed"
        ), key
    report = openness.score(osai.read(path), assessor)
    assert report.points == 1
    assert all(result.grade in {"open", "closed"} for result in report.results)
    assert not any(result.unknown for result in report.results)


def test_current_index_ratings_become_component_facts_with_sources(tmp_path: Path) -> None:
    """Open weights, data and code, partial data and documents, the end model's licence: facts citing the index."""
    path = tmp_path / "Demo.yaml"
    path.write_text(
        "system: {name: Demo, type: text, basemodelname: Demo-Base, endmodelname: Demo-Chat,"
        " endmodellicense: Apache-2.0}\n"
        "weights_basemodel: {class: open, notes: On the Hub.}\n"
        "weights_endmodel: {class: partial, notes: Gated.}\n"
        "datasources_basemodel: {class: open}\n"
        "datasources_endmodel: {class: partial}\n"
        "trainingcode: {class: open}\n"
        "datasheet: {class: partial}\n"
        "modelcard: {class: closed}\n",
        encoding="utf-8",
    )
    components = osai.read(path).components
    page = ("https://osai-index.eu/model/Demo",)
    assert components == {
        "training-data": openness.Component(
            access="public", coverage="full", notes="osai-index rates datasources_basemodel open.", sources=page
        ),
        "fine-tuning-data": openness.Component(
            coverage="partial", notes="osai-index rates datasources_endmodel partial.", sources=page
        ),
        "weights": openness.Component(
            access="public", notes="osai-index rates weights_basemodel open: On the Hub.", sources=page
        ),
        "training-code": openness.Component(access="public", notes="osai-index rates trainingcode open.", sources=page),
        "data-preprocessing-code": openness.Component(
            access="public", notes="osai-index rates trainingcode open.", sources=page
        ),
        "data-card": openness.Component(coverage="partial", notes="osai-index rates datasheet partial.", sources=page),
        "fine-tuned-weights": openness.Component(
            licence="Apache-2.0",
            notes="Licence as the index file names the end model's (system.endmodellicense).",
            sources=page,
        ),
    }


def test_current_index_licence_covers_the_base_weights_when_base_and_end_model_are_one(tmp_path: Path) -> None:
    """When the file names one model as base and end model, its licence is that of the weights too."""
    path = tmp_path / "One.yaml"
    path.write_text(
        "system: {name: One, type: text, basemodelname: One-7B, endmodelname: one-7b, 'endmodel license': MIT}\n"
        "weights_basemodel: {class: open}\nweights_endmodel: {class: open}\n",
        encoding="utf-8",
    )
    components = osai.read(path).components
    assert components["weights"].licence == components["fine-tuned-weights"].licence == "MIT"
    assert components["weights"].access == "public"
    report = openness.score(osai.read(path), "osaid-1.0")
    assert report.result("parameters").grade == "open"


def test_legacy_index_ratings_become_component_facts_with_sources(tmp_path: Path) -> None:
    """Legacy ratings state the same facts; the project's free-text licence names no component and stays in extra."""
    path = tmp_path / "old.yaml"
    path.write_text(
        "project: {name: Old, license: Apache 2.0}\n"
        "opencode: {class: open}\nllmdata: {class: partial}\nllmweights: {class: open}\n"
        "rlweights: {class: closed}\nrldata: {class: open}\npaper: {class: open}\n"
        "package: {class: open}\napi: {class: partial}\n",
        encoding="utf-8",
    )
    descriptor = osai.read(path)
    page = "https://github.com/opening-up-chatgpt/opening-up-chatgpt.github.io/blob/main/projects/old.yaml"
    facts = {key: (c.access, c.coverage, c.licence) for key, c in descriptor.components.items()}
    assert facts == {
        "training-code": ("public", None, None),
        "training-data": (None, "partial", None),
        "weights": ("public", None, None),
        "fine-tuning-data": ("public", "full", None),
        "research-paper": (None, "full", None),
        "package": ("public", None, None),
    }
    assert all(c.sources == (page,) for c in descriptor.components.values())
    assert descriptor.extra["osai"]["file"]["project"]["license"] == "Apache 2.0"


def test_unknown_yaml_shape_is_reported(tmp_path: Path) -> None:
    """A YAML file that is neither MOT nor index data says what was expected."""
    path = tmp_path / "x.yaml"
    path.write_text("foo: 1\n", encoding="utf-8")
    with pytest.raises(openness.DescriptorError, match="not a known model file"):
        openness.importers.read(path)


def test_cli_scores_a_mot_file_straight_from_yaml(mot_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`openness score FILE.yml --rubric mot-1.0` reads the YAML and prints the MOT classes."""
    assert main(["score", str(mot_file), "--rubric", "mot-1.0", "--format", "json"]) == 0
    import json

    report = json.loads(capsys.readouterr().out)
    assert report["model"]["id"] == "demo-model"
    assert [v["met"] for v in report["verdicts"]] == [False, False, False]
    weights = next(r for r in report["results"] if r["criterion"] == "weights")
    assert weights["grade"] == "met"
    card = next(r for r in report["results"] if r["criterion"] == "model-card")
    assert "'Apache 2.0' is not on the rubric's 'mot-open' list" in card["reason"]


def test_cli_import_writes_descriptors(mot_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`openness import mot FILE --out DIR` writes one loadable descriptor TOML per file."""
    out = tmp_path / "out"
    assert main(["import", "mot", str(mot_file), "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"{mot_file} -> {out / 'demo-model.toml'}\n"
    descriptor = openness.load_descriptor(out / "demo-model.toml")
    assert descriptor.components["model-card"].licence == "Apache 2.0"


def test_cli_import_refuses_two_files_with_one_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two files giving the same id are bad input, not a silent overwrite."""
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "Same.yml").write_text(MOT_FILE, encoding="utf-8")
    code = main(["import", "mot", str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(tmp_path / "out")])
    assert code == 2
    assert "gives the same id 'same'" in capsys.readouterr().err


@pytest.mark.shared
def test_cli_import_reports_files_the_index_skips(shared_data: Path, tmp_path: Path) -> None:
    """Importing the legacy folder writes 48 files and notes the two the index does not score."""
    import subprocess

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "openness",
            "import",
            "osai",
            str(shared_data / "osai" / "legacy"),
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert len(list(tmp_path.glob("*.toml"))) == 48
    assert result.stderr.count("the index does not score it") == 2


@pytest.mark.parametrize("kind", ["mot", "osai"])
def test_cli_import_refuses_a_folder_of_folders(kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder with YAML files only in its subfolders exits 2, names them and how to import them; writes nothing."""
    (tmp_path / "models" / "a").mkdir(parents=True)
    (tmp_path / "models" / "a" / "Same.yml").write_text(MOT_FILE, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["import", kind, str(tmp_path / "models"), "--out", str(out)]) == 2
    models = tmp_path / "models"
    assert capsys.readouterr().err == (
        f"openness: {models}: holds no .yml/.yaml files (subfolders are not searched); "
        f"1 subfolder holds some ({models / 'a'}): name them instead, e.g. {models / '*'}\n"
    )
    assert not out.exists()


def test_cli_import_refuses_an_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An empty folder is refused with exit 2, not a silent success."""
    assert main(["import", "osai", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == f"openness: {tmp_path}: holds no .yml/.yaml files (subfolders are not searched)\n"
