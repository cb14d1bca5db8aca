"""Reading licence strings and what each licence allows."""

from __future__ import annotations

import attrs
import pytest

from openness import LicenceError, licences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Apache-2.0", "Apache-2.0"),
        ("apache-2.0", "Apache-2.0"),
        ("Apache 2.0", "Apache-2.0"),
        ("  MIT  ", "MIT"),
        ("llama3.1", "LicenseRef-Llama-3.1"),
        ("Llama 3.1 Community License Agreement", "LicenseRef-Llama-3.1"),
        ("odc-by", "ODC-By-1.0"),
        ("bigscience-bloom-rail-1.0", "LicenseRef-BigScience-BLOOM-RAIL-1.0"),
        ("gemma", "LicenseRef-Gemma-ToU"),
        ("Proprietary", "LicenseRef-Proprietary"),
        ("unlicensed", "NONE"),
    ],
)
def test_lookup_reads_ids_aliases_and_spellings(text: str, expected: str) -> None:
    """SPDX ids in any case, Hugging Face ids and common spellings resolve to one licence."""
    assert licences.lookup(text).id == expected


def test_reading_reports_every_rewrite() -> None:
    """A spelling that is not the canonical id is reported as read."""
    reading = licences.read("Apache 2.0")
    assert reading.expression == "Apache-2.0"
    assert reading.notes == ("'Apache 2.0' read as Apache-2.0",)
    assert reading.known


def test_unknown_licence_suggests_close_matches() -> None:
    """An unknown name is never guessed: lookup raises, read warns, both name close matches."""
    with pytest.raises(LicenceError, match=r"'Apache-3.0' is not a known licence \(close: "):
        licences.lookup("Apache-3.0")
    reading = licences.read("Frobnicate Public Licence")
    assert not reading.known
    assert reading.alternatives[0][0].kind == "unknown"


def test_ambiguous_family_is_reported() -> None:
    """A family id such as 'gpl' could be several licences and is flagged, not guessed."""
    reading = licences.read("gpl")
    assert not reading.known
    assert "ambiguous" in reading.warnings[0]
    assert reading.unresolved == ()
    assert reading.check(("copyleft",)) is True
    assert licences.read("GPLv3").unresolved == ("GPLv3",)


def test_expression_or_picks_the_licensees_choice() -> None:
    """Under OR, a check holds if any alternative satisfies it."""
    reading = licences.read("MIT OR llama3.1")
    assert reading.check(("osd-conformant",)) is True
    assert licences.read("llama3.1").check(("osd-conformant",)) is False


def test_expression_and_combines_restrictions() -> None:
    """Under AND, every licence's restrictions apply."""
    reading = licences.read("Apache-2.0 AND CC-BY-NC-4.0")
    assert reading.check((), ("non-commercial",)) is False
    assert "non-commercial" in reading.restrictions()
    assert reading.check(("osd-conformant",)) is False


def test_expression_with_exception_and_parentheses() -> None:
    """WITH attaches an exception; parentheses group; the canonical form is kept."""
    reading = licences.read("(GPL-2.0-only WITH Classpath-exception-2.0) OR mit")
    assert reading.expression == "GPL-2.0-only WITH Classpath-exception-2.0 OR MIT"
    assert reading.check(("osi-approved",)) is True
    assert reading.known
    assert licences.read("(MIT OR Apache-2.0) AND CC0-1.0").expression == "(MIT OR Apache-2.0) AND CC0-1.0"
    assert licences.read("MIT AND (CC0-1.0 AND Apache-2.0)").expression == "MIT AND CC0-1.0 AND Apache-2.0"


@pytest.mark.parametrize("text", ["MIT AND", "(MIT", "MIT OR OR GPL-3.0-only", "AND", "MIT WITH"])
def test_malformed_expression_reads_as_unknown(text: str) -> None:
    """A malformed expression never raises from read(): it reads as unknown with the reason."""
    reading = licences.read(text)
    assert not reading.known
    assert reading.warnings[0].startswith("cannot read licence expression")
    assert reading.check(("osi-approved",)) is None


def test_llama_terms_are_facts() -> None:
    """The Llama 3.1 licence carries its acceptable use policy and user cap as data, with a source."""
    licence = licences.lookup("llama3.1")
    assert {"field-of-use", "user-cap"} <= set(licence.restrictions)
    assert licence.user_cap == 700_000_000
    assert licence.sources
    assert licences.has_class(licence, "osd-conformant") is False


@pytest.mark.parametrize(
    ("text", "klass", "expected"),
    [
        ("Apache-2.0", "permissive", True),
        ("GPL-3.0-only", "copyleft", True),
        ("GPL-3.0-only", "permissive", False),
        ("CC-BY-4.0", "open-data", True),
        ("CC-BY-4.0", "osi-approved", False),
        ("CC-BY-NC-4.0", "commercial-use", False),
        ("LicenseRef-Proprietary", "osd-conformant", False),
        ("NOASSERTION", "osd-conformant", None),
    ],
)
def test_licence_classes(text: str, klass: str, expected: bool | None) -> None:
    """Derived classes follow the licence's flags and restrictions; unknown terms give None."""
    assert licences.has_class(licences.lookup(text), klass) is expected


def test_uncurated_osi_licence_knows_only_what_osi_implies() -> None:
    """An OSI-approved licence the table did not review has no OSD-forbidden restriction, other terms unknown."""
    licence = licences.lookup("AAL")
    assert not licence.curated
    assert licence.has_restriction("field-of-use") is False
    assert licence.has_restriction("share-alike") is None


def test_every_curated_licence_has_an_https_source() -> None:
    """Shipped licence facts carry their source URL."""
    for licence in licences.all_licences():
        assert all(s.startswith("https://") for s in licence.sources), licence.id
        if licence.curated:
            assert licence.sources, licence.id


def test_an_unknown_licence_class_lists_the_classes() -> None:
    """has_class with an unknown class names the classes and a close one, in the library's one wording."""
    with pytest.raises(LicenceError) as caught:
        licences.has_class(licences.lookup("MIT"), "permisive")
    assert str(caught.value) == (
        "unknown licence class 'permisive' (did you mean 'permissive'?); expected one of " + ", ".join(licences.CLASSES)
    )


def test_lower_case_operators_are_pointed_out() -> None:
    """'MIT and Apache-2.0' is not read as an expression, and the warning says SPDX operators are upper case."""
    reading = licences.read("MIT and Apache-2.0")
    assert reading.warnings[-1].endswith("; SPDX operators are upper case: AND, OR, WITH (not 'and')")


def test_family_restrictions_are_what_every_member_shares() -> None:
    """A family's restrictions are derived when the table loads: those every candidate imposes (OpenRAIL)."""
    family = licences.lookup("OpenRAIL")
    members = family.members()
    assert family.restrictions == ("field-of-use", "outputs-are-derivatives", "revocable", "flow-down", "attribution")
    assert all(set(family.restrictions) <= set(member.restrictions) for member in members)
    assert licences.read("OpenRAIL").restrictions()[:2] == ("field-of-use", "revocable")
    assert licences.lookup("cc").restrictions == ("no-patent-grant",)


def test_cli_lists_a_familys_shared_restrictions() -> None:
    """`openness licence OpenRAIL` lists the use restrictions every OpenRAIL licence has, not 'none recorded'."""
    from openness._cli.licence_command import describe

    text = describe("OpenRAIL")
    assert "restrictions that cannot be avoided: field-of-use, revocable, outputs-are-derivatives" in text
    assert "    - field-of-use: Use is restricted by purpose" in text


def test_nvidia_open_model_licence_allows_commercial_use() -> None:
    """The NVIDIA Open Model License allows commercial use and derivatives (its preamble); other terms stay unknown."""
    nvidia = licences.lookup("NVIDIA Open Model License")
    assert licences.has_class(nvidia, "commercial-use") is True
    assert nvidia.has_restriction("no-derivatives") is False
    assert nvidia.has_restriction("no-redistribution") is None
    assert "https://scancode-licensedb.aboutcode.org/nvidia-open-model-2025.json" in nvidia.sources


@pytest.mark.parametrize(
    ("text", "restriction", "expression"),
    [
        (
            "commercial use restrcitions; Apache 2.0, TeleChat模型社区许可协议",
            "commercial-conditions",
            "Apache-2.0 AND LicenseRef-TeleChat-Community",
        ),
        ("commercial use restrcitions; CC-BY-NC-SA-4.0", "commercial-conditions", "CC-BY-NC-SA-4.0"),
        ("research only; MIT", "research-only", "MIT"),
        ("MIT; non-comercial", "non-commercial", "MIT"),
    ],
)
def test_a_restriction_stated_in_words_is_kept(text: str, restriction: str, expression: str) -> None:
    """A `;`-separated part that states a restriction in words (misspelt too) is kept as a restriction."""
    reading = licences.read(text)
    assert reading.expression == expression
    assert restriction in reading.restrictions()
    assert reading.check(("osd-conformant",)) is False
    assert any("states a restriction" in note for note in reading.notes)


def test_telechat_string_is_not_commercial_use_for_sure() -> None:
    """MOT's TeleChat string: commercial use is conditioned, so the commercial-use class is not established."""
    reading = licences.read("commercial use restrcitions; Apache 2.0, TeleChat模型社区许可协议")
    assert reading.check(("commercial-use",)) is None
    assert reading.check((), ("commercial-conditions",)) is False


def test_flow_down_is_licence_data() -> None:
    """Whether a licence binds derivatives is data: a recorded clause, or a restriction that binds derivatives."""
    llama = licences.lookup("llama3.1")
    assert llama.flows_down is not None
    assert llama.flows_down.clause == "section 1.b.i"
    assert llama.flows_down.source == "https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/LICENSE"
    assert llama.binds_derivatives() is True
    assert licences.lookup("Apache-2.0").binds_derivatives() is False
    assert licences.lookup("GPL-3.0-only").binds_derivatives() is True
    assert licences.lookup("other").binds_derivatives() is None
    assert licences.lookup("openrail").binds_derivatives() is True


@pytest.mark.parametrize(
    "licence_id",
    [
        "LicenseRef-Llama-2",
        "LicenseRef-Llama-3",
        "LicenseRef-Llama-3.1",
        "LicenseRef-Llama-3.2",
        "LicenseRef-Llama-3.3",
        "LicenseRef-Llama-4",
        "LicenseRef-Gemma-ToU",
        "LicenseRef-BigScience-BLOOM-RAIL-1.0",
        "LicenseRef-BigScience-OpenRAIL-M",
        "LicenseRef-BigCode-OpenRAIL-M-1.0",
        "LicenseRef-CreativeML-OpenRAIL-M",
        "LicenseRef-OpenRAIL-PlusPlus-M",
        "GPL-2.0-only",
        "GPL-2.0-or-later",
        "GPL-3.0-only",
        "GPL-3.0-or-later",
        "AGPL-3.0-only",
        "AGPL-3.0-or-later",
        "CC-BY-SA-3.0",
        "CC-BY-SA-4.0",
    ],
)
def test_flow_down_clauses_are_sourced(licence_id: str) -> None:
    """Each licence whose terms bind derivatives names the clause, quotes it and gives its URL."""
    record = licences.lookup(licence_id).flows_down
    assert record is not None
    assert record.clause
    assert record.quote
    assert record.source.startswith("https://")


def test_a_clause_not_confirmed_says_unsure() -> None:
    """A flow-down clause marked unsure says so wherever it is cited; a confirmed one names clause and URL."""
    confirmed = licences.FlowDown(clause="section 9", source="https://example.org/terms")
    assert confirmed.citation() == "section 9 (https://example.org/terms)"
    unsure = attrs.evolve(confirmed, unsure=True)
    assert unsure.citation() == "section 9 (https://example.org/terms), unsure: its number or wording was not confirmed"


def test_cli_cites_the_clause_that_binds_derivatives() -> None:
    """`openness licence llama2` quotes section 1.b.i as read at its source URL."""
    from openness._cli.licence_command import describe

    assert (
        "  binds derivatives: section 1.b.i (https://github.com/aboutcode-org/scancode-toolkit/blob/develop/"
        'src/licensedcode/data/licenses/llama-2-license-2023.LICENSE): "If you distribute or make the Llama '
        "Materials, or any derivative works thereof, available to a third party, you shall provide a copy of this "
        'Agreement to such third party."'
    ) in describe("llama2")
