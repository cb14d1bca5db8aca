"""Lineage: base models, licence terms that flow down to derivatives, and conflicts with what a model declares."""

from __future__ import annotations

from typing import Any

import openness
from openness._cli.main import main
from openness._model.lineage import lineage


def _fine_tune(licence: str, base: str | list[str] = "llama-3.1-8b", **model: Any) -> openness.Descriptor:
    return openness.load_descriptor(
        {
            "format": 1,
            "model": {
                "id": "my-ft",
                "name": "My fine-tune",
                "organisation": "Example Org",
                "base-model": base,
                **model,
            },
            "components": {"weights": {"access": "public", "licence": licence}},
        }
    )


def test_llama_fine_tune_declaring_apache_is_not_open_source_ai() -> None:
    """A Llama fine-tune declaring Apache-2.0 is reported with its flow-down conflict and is not open source AI."""
    report = openness.score(_fine_tune("Apache-2.0"), "osaid-1.0")
    assert report.verdict("open-source-ai").met is False
    assert report.result("parameters").grade == "partial"
    (warning,) = report.warnings
    assert warning.startswith(
        "model.base-model: my-ft declares Apache-2.0 for its weights, but its base llama-3.1-8b is under the "
        "Llama 3.1 Community License Agreement (LicenseRef-Llama-3.1), whose section 1.b.i "
        "(https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/LICENSE) binds derivatives: "
    )
    assert warning.endswith(
        "the declared licence does not carry: field-of-use, user-cap, naming, output-naming, flow-down"
    )


def test_declared_terms_ignore_the_base() -> None:
    """`terms = "declared"` tests the licence as stated, without what flows down."""
    osd = {"component": "weights", "licence": "osd-conformant"}
    tests = {"effective": osd, "declared": {**osd, "terms": "declared"}}
    rubric = {
        "format": 1,
        "id": "declared",
        "title": "Declared",
        "version": "1",
        "source": "https://example.org",
        "scale": {"yes": 1.0, "no": 0.0},
        "criteria": [
            {"id": key, "title": key, "levels": [{"grade": "yes", "when": when}]} for key, when in tests.items()
        ],
    }
    report = openness.score(_fine_tune("Apache-2.0"), rubric)
    assert report.result("effective").grade == "no"
    assert report.result("declared").grade == "yes"


def test_an_unresolved_base_is_unknown_not_closed() -> None:
    """A base that cannot be resolved leaves licence checks unknown, with model.base-model among the unknown facts."""
    report = openness.score(_fine_tune("Apache-2.0", base="someone/unknown-base"), "osaid-1.0")
    result = report.result("parameters")
    assert result.grade == "partial"
    assert "model.base-model" in result.reason
    assert report.verdict("open-source-ai").met is False
    assert report.best_score > report.score


def test_base_licence_that_does_not_flow_down_changes_nothing() -> None:
    """A fine-tune of an Apache-2.0 base keeps its own declared terms and gets no warning."""
    descriptor = _fine_tune("MIT", base="olmo-7b")
    assert lineage(descriptor).flowing == ()
    assert openness.score(descriptor, "osaid-1.0").warnings == ()


def test_same_licensor_relicenses() -> None:
    """A base released by the same organisation passes nothing down: a licence binds licensees, not its licensor."""
    found = lineage(openness.load_descriptor("deepseek-r1"))
    (base,) = found.bases
    assert base.name == "deepseek-v3"
    assert base.flowing == ()
    assert base.note is not None
    assert found.warnings == ()


def test_resolver_hook_and_chains() -> None:
    """A resolver finds bases the catalogue lacks; terms flow down a chain (model -> base -> base's base)."""
    middle = _fine_tune("llama3.1", id="middle", organisation="Other Org")
    leaf = _fine_tune("Apache-2.0", base="middle")
    found = lineage(leaf, resolve={"middle": middle}.get)
    assert [lic.id for lic in found.flowing] == ["LicenseRef-Llama-3.1"]
    (base,) = found.bases
    assert base.lineage is not None
    assert base.lineage.bases[0].name == "llama-3.1-8b"
    assert found.warnings


def test_gpl_base_shares_alike() -> None:
    """Copyleft flows down: a fine-tune of GPL-3.0 weights declaring MIT conflicts; declaring GPL-3.0 does not."""
    base = openness.load_descriptor(
        {
            "format": 1,
            "model": {"id": "gpl-base", "name": "GPL base", "organisation": "Other Org"},
            "components": {"weights": {"access": "public", "licence": "GPL-3.0-only"}},
        }
    )
    assert lineage(_fine_tune("MIT", base="gpl-base"), resolve={"gpl-base": base}.get).warnings
    assert not lineage(_fine_tune("GPL-3.0-only", base="gpl-base"), resolve={"gpl-base": base}.get).warnings


def test_lineage_cli(capsys: Any, tmp_path: Any) -> None:
    """`openness lineage MODEL` prints the chain, what flows down, the effective licence and conflicts."""
    path = tmp_path / "ft.toml"
    path.write_text(_fine_tune("Apache-2.0").to_toml(), encoding="utf-8")
    assert main(["lineage", str(path)]) == 0
    out = capsys.readouterr().out
    assert "<- llama-3.1-8b: Llama 3.1 8B, weights under LicenseRef-Llama-3.1" in out
    assert "flows down: Llama 3.1 Community License Agreement (LicenseRef-Llama-3.1), section 1.b.i" in out
    assert "effective weights licence: Apache-2.0 AND LicenseRef-Llama-3.1" in out
    assert "conflict: model.base-model: my-ft declares Apache-2.0" in out


def test_descriptor_views_name_bases_in_words() -> None:
    """HTML and Markdown views list a merge's bases comma-separated with the relation, not as a Python tuple."""
    merged = _fine_tune("Apache-2.0", base=["olmo-7b", "llama-3.1-8b"], **{"base-model-relation": "merge"})
    html, markdown = merged._repr_html_(), merged._repr_markdown_()
    assert "<b>base model:</b> olmo-7b, llama-3.1-8b (merge)" in html
    assert "Base model: olmo-7b, llama-3.1-8b (merge)" in markdown
    assert "(&#x27;" not in html
    assert "('" not in markdown


def test_texts_are_written_for_each_base() -> None:
    """Two models alike but for their (unresolved) base each get evidence naming their own base."""
    first = openness.score(_fine_tune("Apache-2.0", base="someone/base-a"), "osaid-1.0").result("parameters")
    second = openness.score(_fine_tune("Apache-2.0", base="someone/base-b"), "osaid-1.0").result("parameters")
    (base_a,) = [e.value for e in first.evidence if e.fact == "model.base-model"]
    (base_b,) = [e.value for e in second.evidence if e.fact == "model.base-model"]
    assert base_a == "someone/base-a (not resolved: the terms it passes down are unknown)"
    assert base_b == "someone/base-b (not resolved: the terms it passes down are unknown)"
