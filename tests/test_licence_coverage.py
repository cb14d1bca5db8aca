"""Every licence string real models use resolves; deprecated ids, families and spellings are read as data says."""

from __future__ import annotations

from pathlib import Path

import pytest

from openness import licences
from openness._cli.main import main
from openness.licences._spdx_data import EXCEPTIONS, LICENSES
from openness.licences._table import table

yaml = pytest.importorskip("yaml")

#: The `license:` ids documented by the Hugging Face hub (huggingface/hub-docs,
#: docs/hub/repositories-licenses.md, changed 2026-06-06), plus the `license_name` values seen with
#: `license: other`.
HF_IDS = [
    "apache-2.0",
    "mit",
    "openrail",
    "bigscience-openrail-m",
    "creativeml-openrail-m",
    "bigscience-bloom-rail-1.0",
    "bigcode-openrail-m",
    "afl-3.0",
    "artistic-2.0",
    "bsl-1.0",
    "bsd",
    "bsd-2-clause",
    "bsd-3-clause",
    "bsd-3-clause-clear",
    "c-uda",
    "cc",
    "cc0-1.0",
    "cc-by-2.0",
    "cc-by-2.5",
    "cc-by-3.0",
    "cc-by-4.0",
    "cc-by-sa-3.0",
    "cc-by-sa-4.0",
    "cc-by-nc-2.0",
    "cc-by-nc-3.0",
    "cc-by-nc-4.0",
    "cc-by-nd-4.0",
    "cc-by-nc-nd-3.0",
    "cc-by-nc-nd-4.0",
    "cc-by-nc-sa-2.0",
    "cc-by-nc-sa-3.0",
    "cc-by-nc-sa-4.0",
    "cdla-sharing-1.0",
    "cdla-permissive-1.0",
    "cdla-permissive-2.0",
    "wtfpl",
    "ecl-2.0",
    "epl-1.0",
    "epl-2.0",
    "etalab-2.0",
    "eupl-1.1",
    "eupl-1.2",
    "agpl-3.0",
    "gfdl",
    "gpl",
    "gpl-2.0",
    "gpl-3.0",
    "lgpl",
    "lgpl-2.1",
    "lgpl-3.0",
    "isc",
    "h-research",
    "intel-research",
    "lppl-1.3c",
    "ms-pl",
    "apple-ascl",
    "apple-amlr",
    "mpl-2.0",
    "odc-by",
    "odbl",
    "openmdw-1.0",
    "openmdw-1.1",
    "openrail++",
    "osl-3.0",
    "postgresql",
    "ofl-1.1",
    "ncsa",
    "unlicense",
    "zlib",
    "pddl",
    "lgpl-lr",
    "deepfloyd-if-license",
    "fair-noncommercial-research-license",
    "llama2",
    "llama3",
    "llama3.1",
    "llama3.2",
    "llama3.3",
    "llama4",
    "grok2-community",
    "gemma",
    "unknown",
    "other",
    "mrl",
    "mnpl",
    "qwen",
    "qwen-research",
    "tongyi-qianwen",
    "deepseek",
]


def _mot_strings(root: Path) -> dict[str, int]:
    """Every licence string in the MOT model files (global and per component), with its count."""
    counts: dict[str, int] = {}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in sorted((root / "mot" / "models").glob("*.yml")):
        release = yaml.load(path.read_text(encoding="utf-8"), Loader=loader).get("release") or {}
        names = [(release.get("license") or {}).get(k) or {} for k in ("distribution", "code", "data", "document")]
        strings = [n.get("name") for n in names] + [c.get("license") for c in release.get("components") or []]
        for text in strings:
            if text:
                counts[text] = counts.get(text, 0) + 1
    return counts


@pytest.mark.shared
def test_every_mot_licence_string_resolves(shared_data: Path) -> None:
    """All distinct licence strings of the 273 MOT model files read to a known licence or non-licence."""
    strings = _mot_strings(shared_data)
    assert len(strings) >= 70
    unresolved = {text: licences.read(text).unresolved for text in strings if licences.read(text).unresolved}
    assert unresolved == {}


@pytest.mark.parametrize("text", HF_IDS)
def test_every_hugging_face_id_resolves(text: str) -> None:
    """Each documented Hugging Face licence id reads to a table entry, never to an unknown name."""
    reading = licences.read(text)
    assert reading.unresolved == ()
    assert all(lic.id in table().licences for lic in reading.licences)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GPL-2.0", "GPL-2.0-only"),
        ("gpl-3.0", "GPL-3.0-only"),
        ("GPL-2.0+", "GPL-2.0-or-later"),
        ("LGPL-2.1", "LGPL-2.1-only"),
        ("GPL-2.0-with-classpath-exception", "GPL-2.0-only WITH Classpath-exception-2.0"),
        ("wxWindows", "GPL-2.0-or-later WITH WxWindows-exception-3.1"),
        ("MIT OR GPL-3.0", "MIT OR GPL-3.0-only"),
        ("GPL-2.0-only WITH Nokia-Qt-exception-1.1", "GPL-2.0-only WITH Qt-LGPL-exception-1.1"),
    ],
)
def test_deprecated_ids_map_to_their_replacement(text: str, expected: str) -> None:
    """A deprecated SPDX id reads as its replacement, and the reading says so."""
    reading = licences.read(text)
    assert reading.expression == expected
    assert any("SPDX deprecated" in note for note in reading.notes)
    assert reading.unresolved == ()


def test_every_deprecated_spdx_id_has_a_clean_replacement() -> None:
    """The replacement table covers the generated SPDX list; every replacement reads without a warning."""
    deprecated = {k for k, v in LICENSES.items() if v[3]} | {k for k, v in EXCEPTIONS.items() if v[1]}
    mapped = {k for k, v in {**table().licences, **table().exceptions}.items() if v.replaced_by}
    assert deprecated - mapped == {"Net-SNMP"}
    for key in mapped:
        replacement = licences.read(key)
        assert replacement.warnings == (), key
        assert not any(lic.deprecated for lic in replacement.licences), key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Component not include.", "LicenseRef-Not-Included"),
        ("Component Component not included", "LicenseRef-Not-Included"),
        ("arxiv-non-excluse-1.0", "LicenseRef-arXiv-nonexclusive-distrib-1.0"),
        ("arXiv.org perpetual, non-exclusive license 1.0", "LicenseRef-arXiv-nonexclusive-distrib-1.0"),
        ("Meta Llama 3 Community License Agreement", "LicenseRef-Llama-3"),
        ("Apache license 2.0", "Apache-2.0"),
        ("tongyi-qianwen-research", "LicenseRef-Tongyi-Qianwen-Research"),
        ("Other License", "NOASSERTION"),
        ("pubmed", "LicenseRef-Not-A-Licence"),
    ],
)
def test_real_world_spellings(text: str, expected: str) -> None:
    """Placeholders, typos and free-text names from MOT resolve to explicit entries."""
    assert licences.lookup(text).id == expected


def test_placeholder_grants_no_rights_and_arxiv_is_not_open() -> None:
    """'Not included' is a non-licence; arXiv's licence lets nobody but arXiv redistribute."""
    assert licences.read("Component not include").check(("osd-conformant",)) is False
    arxiv = licences.read("arxiv non exclusive")
    assert arxiv.check(("open-data",)) is False
    assert "no-redistribution" in arxiv.restrictions()
    assert arxiv.licences[0].url == "https://arxiv.org/licenses/nonexclusive-distrib/1.0/license.html"


def test_spelling_stands_for_an_expression() -> None:
    """A whole free-text string that names several licences reads as their AND, with the reason."""
    reading = licences.read("commercial use restrcitions; Apache 2.0, TeleChat模型社区许可协议")
    assert reading.expression == "Apache-2.0 AND LicenseRef-TeleChat-Community"
    assert reading.notes[0].startswith("'commercial use restrcitions; Apache 2.0, TeleChat模型社区许可协议' read as ")


def test_family_facts_are_what_all_members_share() -> None:
    """A family id is decided: what every member shares is known, the rest is unknown."""
    rail = licences.read("OpenRAIL")
    assert rail.unresolved == ()
    assert rail.check(("osd-conformant",)) is False
    assert rail.check((), ("field-of-use",)) is False
    bsd = licences.read("bsd")
    assert bsd.check(("osd-conformant",)) is True
    assert bsd.check(("osi-approved",)) is None
    assert "ambiguous" in bsd.warnings[0]


def test_unreviewed_entry_leaves_other_restrictions_unknown() -> None:
    """An entry whose terms were not read claims nothing beyond the restrictions it lists."""
    aquila = licences.lookup("BAAI Aquila Model License")
    assert aquila.unsure
    assert not aquila.curated
    assert aquila.has_restriction("field-of-use") is None
    assert licences.has_class(aquila, "osd-conformant") is None
    assert licences.has_class(aquila, "osi-approved") is False


def test_every_family_and_ambiguity_names_known_candidates() -> None:
    """Candidates of families and ambiguous names are table entries."""
    known = table().licences
    for licence in known.values():
        assert set(licence.candidates) <= set(known), licence.id
    for ambiguity in table().ambiguous.values():
        assert set(ambiguity.candidates) <= set(known), ambiguity.text


def test_licence_command_explains_terms_and_sources(capsys: pytest.CaptureFixture[str]) -> None:
    """`openness licence` prints readings, classes, restrictions with descriptions, sources and dates."""
    assert main(["licence", "Apache 2.0 OR llama3.1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("'Apache 2.0 OR llama3.1' reads as: Apache-2.0 OR LicenseRef-Llama-3.1\n")
    assert "  'Apache 2.0' read as Apache-2.0\n" in out
    assert "the most open one decides" in out
    assert "OSI-approved: yes; FSF-libre: yes" in out
    assert "Cap: 700,000,000 monthly active users." in out
    assert "  terms: https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/LICENSE\n" in out
    assert "  checked: 2026-11-23\n" in out
    assert "  allows: commercial use yes; sharing copies yes; sharing modified versions yes\n" in out


def test_licence_command_suggests_close_matches(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown name is reported as unresolved with close matches."""
    assert main(["licence", "Apache-3.0"]) == 0
    out = capsys.readouterr().out
    assert "warning: 'Apache-3.0' is not a known licence (close: Apache-2.0" in out
    assert "unresolved: 'Apache-3.0'" in out


def test_licence_command_marks_unsure_facts(capsys: pytest.CaptureFixture[str]) -> None:
    """Unsure and unreviewed entries say so."""
    main(["licence", "Baichuan-7B License"])
    out = capsys.readouterr().out
    assert "unsure: some facts about this licence could not be confirmed" in out
    assert "were not reviewed: they are unknown, not absent" in out
