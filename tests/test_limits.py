"""Resource limits: every reader refuses oversized or hostile input with a LimitError naming the limit."""

from __future__ import annotations

import copy
import json
import pickle
import threading
from pathlib import Path
from typing import Any

import pytest

import openness
from openness import LimitError, OpennessError, limits
from openness._errors import DescriptorError, RubricError
from openness.importers import _common, mot
from openness.licences import lookup, read

HOW = "(raise it with openness.limits.limited({name}=...) or openness.limits.set_limits)"
DESCRIPTOR = {"format": 1, "model": {"id": "m", "name": "M"}}


def _rubric(criteria: int = 1, verdicts: int = 0) -> dict[str, Any]:
    return {
        "format": 1,
        "id": "big",
        "title": "Big",
        "version": "1",
        "source": "https://example.org",
        "scale": {"yes": 1, "no": 0},
        "criteria": [
            {
                "id": f"c{i}",
                "title": "C",
                "levels": [{"grade": "yes", "when": {"component": "weights", "access": "public"}}],
            }
            for i in range(criteria)
        ],
        "verdicts": [
            {"id": f"v{i}", "title": "V", "requires": {"criteria": "c0", "grade": "yes"}} for i in range(verdicts)
        ],
    }


def _message(exc: pytest.ExceptionInfo[OpennessError]) -> str:
    return str(exc.value)


def test_defaults_are_documented_values() -> None:
    """The defaults are the values docs/limits.md lists."""
    text = (Path(__file__).resolve().parent.parent / "docs" / "limits.md").read_text(encoding="utf-8")
    for name in limits.Limits.__attrs_attrs__:
        assert f"| `{name.name}` | {getattr(limits.DEFAULT, name.name):,} |" in text, name.name


def test_limited_nests_and_restores() -> None:
    """limited() changes the limits inside the block only, and blocks nest."""
    assert limits.current() == limits.DEFAULT
    with limits.limited(max_depth=10) as outer:
        assert limits.current().max_depth == 10
        with limits.limited(max_bytes=99):
            assert (limits.current().max_depth, limits.current().max_bytes) == (10, 99)
        assert limits.current() == outer
    assert limits.current() == limits.DEFAULT


def test_set_limits_changes_every_thread_and_returns_the_old_ones() -> None:
    """set_limits() changes the process default that other threads see; passing the old value back restores it."""
    seen: list[int] = []
    old = limits.set_limits(max_criteria=7)
    try:
        thread = threading.Thread(target=lambda: seen.append(limits.current().max_criteria))
        thread.start()
        thread.join()
    finally:
        limits.set_limits(old)
    assert seen == [7]
    assert limits.current() == limits.DEFAULT


def test_limited_is_private_to_its_thread() -> None:
    """A limited() block in one thread does not change the limits another thread sees."""
    inside = threading.Event()
    release = threading.Event()
    seen: list[int] = []

    def hold() -> None:
        with limits.limited(max_depth=3):
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=hold)
    thread.start()
    inside.wait(5)
    seen.append(limits.current().max_depth)
    release.set()
    thread.join()
    assert seen == [64]


@pytest.mark.parametrize("value", [0, -1, True, 1.5, "10"])
def test_limits_must_be_positive_whole_numbers(value: object) -> None:
    """A limit of zero, a negative number, a flag or a non-integer is refused."""
    with pytest.raises(ValueError, match="must be a positive whole number"):
        limits.Limits(max_depth=value)  # type: ignore[arg-type]


def test_limit_error_pickles_with_its_limit() -> None:
    """A LimitError survives pickling, limit name included."""
    with pytest.raises(LimitError) as caught, limits.limited(max_depth=2):
        openness.load_descriptor({**DESCRIPTOR, "extra": {"a": {"b": {}}}})
    again = pickle.loads(pickle.dumps(caught.value))  # noqa: S301 - our own object
    assert (type(again), again.limit, str(again)) == (LimitError, "max_depth", str(caught.value))


# Size, before parsing -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "load"),
    [
        (".toml", openness.load_descriptor),
        (".json", openness.load_descriptor),
        (".toml", openness.load_rubric),
        (".yml", mot.read),
    ],
)
def test_files_over_max_bytes_are_refused_before_parsing(tmp_path: Path, suffix: str, load: Any) -> None:
    """A file over max_bytes is refused by size, whatever it holds (here: not even valid syntax)."""
    path = tmp_path / f"big{suffix}"
    path.write_bytes(b"\x00" * 200)
    with limits.limited(max_bytes=100), pytest.raises(LimitError) as caught:
        load(path)
    assert _message(caught) == (
        f"{path}: the file is more than 100 bytes, over the limit max_bytes = 100 {HOW.format(name='max_bytes')}"
    )


def test_text_over_max_bytes_is_refused() -> None:
    """TOML text over max_bytes is refused; the size counts UTF-8 bytes, not characters."""
    text = 'format = 1\n[model]\nid = "m"\nname = "' + "é" * 40 + '"\n'
    assert openness.load_descriptor(text).model.name == "é" * 40
    with limits.limited(max_bytes=100), pytest.raises(LimitError) as caught:
        openness.load_descriptor(text)
    assert caught.value.limit == "max_bytes"
    assert _message(caught).startswith("<text>: the input is 118 bytes, over the limit max_bytes = 100")


# Nesting ------------------------------------------------------------------------------------------


def test_toml_nesting_up_to_max_depth_loads_and_deeper_is_refused() -> None:
    """The document (1) plus its lists count as depth; one more than max_depth is refused with the key path."""
    ok = 'format = 1\nmodel = {id = "m", name = "M"}\n[extra]\nx = ' + "[" * 3 + "]" * 3 + "\n"
    deep = 'format = 1\nmodel = {id = "m", name = "M"}\n[extra]\nx = ' + "[" * 4 + "]" * 4 + "\n"
    with limits.limited(max_depth=5):
        assert openness.load_descriptor(ok).extra == {"x": [[[]]]}
        with pytest.raises(LimitError) as caught:
            openness.load_descriptor(deep)
    assert _message(caught) == (
        "<text>: extra.x[0][0][0]: tables and lists are nested too deeply, over the limit max_depth = 5 "
        + HOW.format(name="max_depth")
    )


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("toml", "x = " + "[" * 100_000 + "]" * 100_000),
        ("json", '{"x": ' + "[" * 100_000 + "]" * 100_000 + "}"),
    ],
)
def test_hostile_nesting_in_toml_and_json_is_refused(tmp_path: Path, kind: str, text: str) -> None:
    """A hundred thousand nested lists are refused as too deep (the parser's recursion is caught)."""
    path = tmp_path / f"deep.{kind}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LimitError, match="nested too deeply, over the limit max_depth = 64") as caught:
        openness.load_rubric(path)
    assert caught.value.source == str(path)


DEEP_YAML = ["[" * 1_000_000, "{a: " * 1_000_000, "".join(" " * i + "-\n" for i in range(2000)), "[" * 999 + "]" * 999]


@pytest.mark.parametrize("route", ["as-installed", "composer"])
@pytest.mark.parametrize("text", DEEP_YAML, ids=["flow-lists", "flow-maps", "block-lists", "under-libyaml-limit"])
def test_hostile_yaml_nesting_is_refused_whichever_layer_notices(
    text: str, route: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Deep YAML gives one LimitError naming max_depth, from libyaml's own limit or from the project's checks.

    PyYAML 6.0.4 (libyaml 0.2.6) stops at 1,000 levels itself; older versions leave it to the
    composer, which refuses from the event stream before the C composer (which crashes) sees it.
    """
    if route == "composer":
        monkeypatch.setattr(_common, "_c_parser_limits_nesting", lambda: False)
    with pytest.raises(LimitError, match=r"nested too deeply.*, over the limit max_depth = 64") as caught:
        _common.load_yaml_text(text, source="deep.yml")
    assert caught.value.limit == "max_depth"
    assert caught.value.source == "deep.yml"


def test_libyaml_native_nesting_error_reads_as_the_max_depth_limit() -> None:
    """Where libyaml stops nesting itself, its ScannerError becomes the LimitError, whatever max_depth is."""
    if not _common._c_parser_limits_nesting():
        pytest.skip(
            "this PyYAML's parser has no nesting limit of its own (PyYAML < 6.0.4); the composer test covers it"
        )
    with limits.limited(max_depth=5_000), pytest.raises(LimitError) as caught:
        _common.load_yaml_text("[" * 2_000, source="deep.yml")
    assert caught.value.lines() == [
        "deep.yml: tables and lists are nested too deeply (the YAML parser's own limit), over the limit "
        "max_depth = 5,000 " + HOW.format(name="max_depth")
    ]


def test_alias_free_yaml_within_the_limits_reads_alike_on_both_routes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The C-loader route and the composer give the same data for ordinary documents."""
    text = "model:\n  name: M\n  when: 2024-05-01\nlist: [1, 2.5, yes, null, {a: [b]}]\nurl: https://x.org/?a=1&b=2\n"
    installed = _common.load_yaml_text(text, source="x.yml")
    monkeypatch.setattr(_common, "_c_parser_limits_nesting", lambda: False)
    assert _common.load_yaml_text(text, source="x.yml") == installed
    assert installed["list"] == [1, 2.5, True, None, {"a": ["b"]}]


def test_deep_and_cyclic_mappings_are_refused() -> None:
    """A caller's mapping nested too deeply is a LimitError; one that contains itself is a DescriptorError."""
    deep: dict[str, Any] = {}
    cursor = deep
    for _ in range(5000):
        cursor["a"] = {}
        cursor = cursor["a"]
    with pytest.raises(LimitError, match="max_depth"):
        openness.load_descriptor({**DESCRIPTOR, "extra": deep})
    cyclic: dict[str, Any] = {}
    cyclic["self"] = cyclic
    with pytest.raises(DescriptorError) as caught:
        openness.load_descriptor({**DESCRIPTOR, "extra": cyclic})
    assert caught.value.lines() == ["<mapping>: extra.self: this value contains itself (a cycle)"]
    rubric = _rubric()
    rubric["criteria"][0]["levels"][0]["when"] = {"not": {}}
    rubric["criteria"][0]["levels"][0]["when"]["not"] = rubric["criteria"][0]["levels"][0]["when"]
    with pytest.raises(RubricError, match=r"criteria\[0\]\.levels\[0\]\.when\.not: this value contains itself"):
        openness.load_rubric(rubric)


def test_too_many_values_are_refused() -> None:
    """A document with more values than max_nodes is refused."""
    with limits.limited(max_nodes=50), pytest.raises(LimitError, match="too many values, over the limit max_nodes"):
        openness.load_descriptor({**DESCRIPTOR, "extra": {"x": list(range(100))}})


# YAML aliases --------------------------------------------------------------------------------------

LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
)


def test_billion_laughs_is_refused_without_expanding() -> None:
    """Nine levels of nine aliases (about 387 million values) are refused from their counted size."""
    with pytest.raises(LimitError) as caught:
        _common.load_yaml_text(LAUGHS, source="laughs.yml")
    assert caught.value.lines() == [
        "laughs.yml: the document has too many values (YAML aliases expanded), over the limit max_nodes = 1,000,000 "
        + HOW.format(name="max_nodes")
    ]


def test_a_few_aliases_within_the_limit_load() -> None:
    """Ordinary anchors and aliases (and merge keys) still load."""
    text = "base: &b {licence: MIT}\nweights: {<<: *b, access: public}\nlist: [*b, *b]\n"
    assert _common.load_yaml_text(text, source="x.yml") == {
        "base": {"licence": "MIT"},
        "weights": {"licence": "MIT", "access": "public"},
        "list": [{"licence": "MIT"}, {"licence": "MIT"}],
    }


def test_alias_cycles_are_refused_with_their_position() -> None:
    """An alias to a node that contains it (a recursive structure) is refused, with line and column."""
    with pytest.raises(DescriptorError) as caught:
        _common.load_yaml_text("release:\n  components: &c\n    - *c\n", source="cycle.yml")
    assert caught.value.lines() == ["cycle.yml:3:7: invalid YAML: alias *c refers to a node that contains it (a cycle)"]


def test_alias_expansion_counts_towards_depth() -> None:
    """An alias to a deep node, used deep down, counts its whole depth."""
    text = "a: &a [[[1]]]\nb: [[[*a]]]\n"
    assert _common.load_yaml_text(text, source="x.yml")["b"] == [[[[[[1]]]]]]
    with limits.limited(max_depth=6), pytest.raises(LimitError, match="aliases expanded"):
        _common.load_yaml_text(text, source="x.yml")


# Rubrics: many criteria, many verdicts, long chains ---------------------------------------------------


def test_rubrics_over_max_criteria_or_max_verdicts_are_refused() -> None:
    """More criteria or verdicts than allowed is refused before the rubric is built."""
    with limits.limited(max_criteria=10), pytest.raises(LimitError) as caught:
        openness.load_rubric(_rubric(criteria=11))
    assert caught.value.lines() == [
        "<mapping>: criteria: 11 criteria, over the limit max_criteria = 10 " + HOW.format(name="max_criteria")
    ]
    with limits.limited(max_verdicts=3), pytest.raises(LimitError, match="4 verdicts, over the limit max_verdicts"):
        openness.load_rubric(_rubric(verdicts=4))


def test_thousands_of_criteria_load_and_score() -> None:
    """A rubric with 3,000 criteria (within the default limit) loads and scores every criterion."""
    rubric = openness.load_rubric(_rubric(criteria=3000))
    report = openness.score(openness.catalogue.load("olmo-7b"), rubric)
    assert len(report.results) == 3000
    assert report.score == 1.0


def test_a_long_builds_on_chain_scores_without_recursion() -> None:
    """A chain of 1,000 verdicts, each building on the last, loads and scores (no recursion limit is hit)."""
    data = _rubric(verdicts=1000)
    for index in range(1, 1000):
        data["verdicts"][index]["builds-on"] = f"v{index - 1}"
    report = openness.score(openness.catalogue.load("olmo-7b"), openness.load_rubric(data))
    assert report.verdict("v999").met
    assert len(report.verdicts) == 1000


def test_a_long_cycle_of_verdicts_is_reported_once_per_member() -> None:
    """A builds-on cycle through 1,000 verdicts is found; each member is named once, with the whole cycle."""
    data = _rubric(verdicts=1000)
    for index in range(1000):
        data["verdicts"][index]["builds-on"] = f"v{(index - 1) % 1000}"
    with pytest.raises(RubricError) as caught:
        openness.load_rubric(data)
    lines = caught.value.lines()
    assert len(lines) == 1000
    assert lines[0].startswith(
        "<mapping>: verdicts[0].builds-on: verdicts build on each other in a cycle: v0 -> v999 ->"
    )
    assert lines[0].endswith("-> v1 -> v0")


def test_many_duplicate_verdict_ids_are_each_reported() -> None:
    """Every repeated verdict id after the first is reported (the check is a set, not a count per verdict)."""
    data = _rubric(verdicts=3)
    for verdict in data["verdicts"]:
        verdict["id"] = "same"
    with pytest.raises(RubricError) as caught:
        openness.load_rubric(data)
    assert caught.value.lines() == [
        "<mapping>: verdicts[1].id: verdict id 'same' is used twice",
        "<mapping>: verdicts[2].id: verdict id 'same' is used twice",
    ]


# Licence expressions --------------------------------------------------------------------------------


def test_licence_strings_over_the_limits_read_as_unknown_with_the_limit_named() -> None:
    """Too long, too many terms or alternatives, too deep: an unknown licence whose warning names the limit."""
    with limits.limited(max_licence_length=50):
        reading = read("MIT OR " * 10 + "MIT")
        assert reading.warnings == (
            "the licence string is 73 characters, over the limit max_licence_length = 50 "
            + HOW.format(name="max_licence_length"),
        )
        assert reading.check(("osi-approved",)) is None
    terms = " AND ".join(["MIT"] * 300)
    assert "it names 300 licences, over the limit max_licence_terms = 256" in read(terms).warnings[0]
    product = " AND ".join(["(MIT OR Apache-2.0)"] * 11)
    assert "over the limit max_licence_alternatives = 1,024" in read(product).warnings[0]
    nested = "(" * 70 + "MIT" + ")" * 70
    assert "its parentheses are nested too deeply, over the limit max_depth = 64" in read(nested).warnings[0]
    assert read("(" * 10 + "MIT" + ")" * 10).expression == "MIT"


def test_changing_licence_limits_is_not_hidden_by_the_cache() -> None:
    """The same string read under other limits is read again (the cache keys on the limits too)."""
    text = " OR ".join(["MIT"] * 5)
    assert read(text).warnings == ()
    with limits.limited(max_licence_terms=4):
        assert "max_licence_terms = 4" in read(text).warnings[0]
    assert read(text).warnings == ()


def test_thousands_of_unknown_terms_are_refused_and_a_few_hundred_read() -> None:
    """Thousands of terms go over the term limit; 250 unknown names are each reported (suggestions for the first)."""
    many = " OR ".join(["Frob"] * 1000)
    assert "over the limit max_licence_terms" in read(many).warnings[0]
    some = read(" AND ".join(f"Frob-{i}" for i in range(250)))
    assert len(some.unresolved) == 250
    assert some.warnings[-1] == "'Frob-249' is not a known licence"


def test_lookup_refuses_names_over_the_length_limit() -> None:
    """lookup() of a name longer than max_licence_length is a LimitError."""
    with pytest.raises(LimitError, match="the licence name is 10,001 characters, over the limit max_licence_length"):
        lookup("x" * 10_001)


def test_limits_reach_a_descriptor_read_inside_a_rubric_score() -> None:
    """Scoring reads licence strings under the limits in force (a gated component reads as unknown when over)."""
    data = copy.deepcopy(DESCRIPTOR)
    data["components"] = {"weights": {"access": "public", "licence": "Apache-2.0 OR MIT"}}
    report = openness.score(data, "osaid-1.0")
    assert not report.warnings
    with limits.limited(max_licence_length=5):
        limited_report = openness.score(data, "osaid-1.0")
    assert any("max_licence_length = 5" in w for w in limited_report.warnings)
    assert json.loads(report.to_json())["score"] >= json.loads(limited_report.to_json())["score"]
