"""Every reader of untrusted input returns a value or raises OpennessError, whatever it is given.

The readers come from the registry in ``readers`` (one entry per reader); each property
runs over all of them. Findings of the atheris fuzz targets (``fuzz/``) are kept in
``tests/test_limits.py`` and ``FINDINGS`` below as regression tests.
"""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path
from typing import Any

import pytest
import tomli_w
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from readers import READERS, Reader
from test_properties import _paths

from openness import OpennessError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


TEXT_READERS = [r for r in READERS.values() if r.takes == "text"]
OBJECT_READERS = [r for r in READERS.values() if r.takes == "object"]
BOUNDED = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _returns_or_refuses(reader: Reader, value: Any) -> None:
    """The reader returns, or raises an OpennessError with at least one located, non-empty problem."""
    try:
        reader.read(value)
    except OpennessError as exc:
        problems = exc.problems
    else:
        return
    assert problems, f"{reader.name}: an OpennessError without problems"
    assert all(p.message.strip() for p in problems), f"{reader.name}: an empty message"


def _ids(readers: list[Reader]) -> list[str]:
    return [r.name for r in readers]


def test_every_reader_is_available_here() -> None:
    """The test environment has what every registered reader needs (so nothing below is skipped)."""
    assert [r.name for r in READERS.values() if not r.available()] == []


scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats()
    | st.text(max_size=12)
    | st.dates()
    | st.sampled_from(["weights", "Apache-2.0", "open", "format", "release", "components", "public", ""])
)
keys = st.text(max_size=10) | st.sampled_from(["format", "model", "id", "name", "components", "release", "criteria"])
nested = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=25,
)
odd_keys = st.integers() | st.booleans() | st.none() | st.tuples(st.integers())
odd_mappings = st.dictionaries(keys | odd_keys, nested, max_size=6)


def _dump(value: Any, syntax: str) -> str:
    """A nested value written in ``syntax``; values the syntax cannot hold are written as text."""
    if syntax == "json":
        return json.dumps(value, default=str)
    if syntax == "yaml":
        return yaml.safe_dump(value, sort_keys=False, allow_unicode=True)
    if syntax == "toml":
        table = value if isinstance(value, dict) else {"value": value}
        return tomli_w.dumps(json.loads(json.dumps(_toml_safe(table), default=str)))
    return value if isinstance(value, str) else json.dumps(value, default=str)


def _toml_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _toml_safe(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_toml_safe(v) for v in value if v is not None]
    if isinstance(value, float) and value != value:  # noqa: PLR0124 - NaN
        return "nan"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 2**63:
        return str(value)
    return value


@pytest.mark.parametrize("reader", TEXT_READERS, ids=_ids(TEXT_READERS))
@BOUNDED
@given(text=st.text(max_size=300))
def test_any_text_is_read_or_refused(reader: Reader, text: str) -> None:
    """Random text gives a value or an OpennessError."""
    _returns_or_refuses(reader, text)


@pytest.mark.parametrize("reader", TEXT_READERS, ids=_ids(TEXT_READERS))
@BOUNDED
@given(raw=st.binary(max_size=300), encoding=st.sampled_from(["utf-8", "latin-1", "utf-16"]))
def test_any_bytes_decoded_are_read_or_refused(reader: Reader, raw: bytes, encoding: str) -> None:
    """Random bytes, decoded however they decode, give a value or an OpennessError."""
    _returns_or_refuses(reader, raw.decode(encoding, "replace"))


@pytest.mark.parametrize("reader", TEXT_READERS, ids=_ids(TEXT_READERS))
@BOUNDED
@given(value=nested)
def test_any_document_in_the_readers_syntax_is_read_or_refused(reader: Reader, value: Any) -> None:
    """A random nested document, written in the reader's own syntax, gives a value or an OpennessError."""
    _returns_or_refuses(reader, _dump(value, reader.syntax))


@pytest.mark.parametrize("reader", OBJECT_READERS, ids=_ids(OBJECT_READERS))
@BOUNDED
@given(value=nested | odd_mappings)
def test_any_object_is_read_or_refused(reader: Reader, value: Any) -> None:
    """Any nested value (odd keys, dates, NaN, huge integers included) gives a value or an OpennessError."""
    _returns_or_refuses(reader, value)


def _parse(text: str, syntax: str) -> Any:
    if syntax == "json":
        return json.loads(text)
    if syntax == "yaml":
        return yaml.safe_load(text)
    if syntax == "toml":
        return tomllib.loads(text)
    return text


@st.composite
def text_mutations(draw: st.DrawFn, seed: str) -> str:
    """A real file with a few byte-level edits: cut, insert, duplicate or flip a span."""
    text = seed
    for _ in range(draw(st.integers(1, 3))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 40)))
        kind = draw(st.sampled_from(["cut", "insert", "duplicate", "swap-case", "special"]))
        if kind == "cut":
            text = text[:start] + text[end:]
        elif kind == "insert":
            text = text[:start] + draw(st.text(max_size=8)) + text[start:]
        elif kind == "duplicate":
            text = text[:end] + text[start:end] + text[end:]
        elif kind == "swap-case":
            text = text[:start] + text[start:end].swapcase() + text[end:]
        else:
            special = draw(st.sampled_from(["&a ", "*a", "[", "]", "{", "}", '"', "'", "\n", ": ", "- ", "#", "\x00"]))
            text = text[:start] + special + text[start:]
    return text


@st.composite
def value_mutations(draw: st.DrawFn, seed: Any) -> Any:
    """A real file's data with one value replaced by anything, or one key removed."""
    data = json.loads(json.dumps(seed, default=str))
    paths = [p for p in _paths(data) if p]
    if not paths:
        return draw(nested)
    path = draw(st.sampled_from(paths))
    target = data
    for key in path[:-1]:
        target = target[key]
    if isinstance(target, dict) and draw(st.booleans()):
        del target[path[-1]]
    else:
        target[path[-1]] = draw(nested)
    return data


READER_LIST = list(READERS.values())


@pytest.fixture(scope="module", params=READER_LIST, ids=_ids(READER_LIST))
def seeded(request: pytest.FixtureRequest) -> tuple[Reader, list[Any]]:
    """A reader and its real inputs (those from ../shared/data through the shared_data fixture)."""
    reader: Reader = request.param
    seeds = reader.seeds(None) or reader.seeds(request.getfixturevalue("shared_data"))
    assert seeds, f"{reader.name} has no seeds"
    return reader, seeds


@BOUNDED
@given(data=st.data())
def test_mutated_real_inputs_are_read_or_refused(seeded: tuple[Reader, list[Any]], data: st.DataObject) -> None:
    """A real input (shipped rubric, catalogue descriptor, shared MOT/index file) with edits: value or OpennessError."""
    reader, seeds = seeded
    seed = data.draw(st.sampled_from(seeds))
    if reader.takes == "object":
        _returns_or_refuses(reader, data.draw(value_mutations(seed)))
        return
    if reader.syntax != "plain" and data.draw(st.booleans()):
        mutated = data.draw(value_mutations(_parse(seed, reader.syntax)))
        try:
            text = _dump(mutated, reader.syntax)
        except (TypeError, ValueError, yaml.YAMLError):  # the writer cannot hold it; nothing to read
            return
        _returns_or_refuses(reader, text)
        return
    _returns_or_refuses(reader, data.draw(text_mutations(seed)))


def test_shared_seeds_are_there(shared_data: Path) -> None:
    """The MOT and index readers are fuzzed from the real reference files when they are present."""
    for name in ("mot-yaml", "osai-yaml", "import-yaml"):
        assert len(READERS[name].seeds(shared_data)) > 200, name


#: Inputs the atheris fuzz targets (and the properties above) found crashing, per reader; kept as regressions.
FINDINGS: list[tuple[str, Any]] = [
    ("descriptor-json", "1" * 5000),
    ("descriptor-toml", "x = " + "1" * 5000),
    ("rubric-json", '{"a": ' + "[" * 100_000),
    ("licence-read", "(" * 3000 + "MIT" + ")" * 3000),
    ("descriptor-mapping", {"format": 1, "model": {"id": "a", "name": "b"}, "extra": {"a": {}}}),
    ("mot-yaml", "release:\n  name: x\n  components:\n  - name: [1, 2]\n"),
    ("mot-yaml", "release:\n  name: x\n  date: 2024-02-30\n"),
    ("import-yaml", "x: " + "1" * 5000),
    ("import-yaml", "&a [*a]"),
    ("import-yaml", "[" * 100_000),
    ("descriptor-mapping", {"format": 1, "model": {"id": "m", "name": "M", "released": datetime.date(2024, 1, 2)}}),
]


@pytest.mark.parametrize(("name", "value"), FINDINGS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(FINDINGS)])
def test_findings_stay_fixed(name: str, value: Any) -> None:
    """Each input that once crashed a reader now gives a value or an OpennessError."""
    _returns_or_refuses(READERS[name], value)


_TREES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=3) | st.dates(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner, max_size=4),
    max_leaves=40,
)


def _raised(check: Any, value: Any) -> str | None:
    from openness._errors import DescriptorError

    try:
        check(value, source="tree", error=DescriptorError)
    except OpennessError as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


@BOUNDED
@given(tree=_TREES, max_depth=st.integers(1, 6), max_nodes=st.integers(1, 60))
def test_the_lean_walk_of_a_parsed_tree_judges_as_the_full_walk(tree: Any, max_depth: int, max_nodes: int) -> None:
    """check_parsed (a parser's tree: no cycle) refuses exactly what check_tree refuses, with the same error."""
    from openness._reading.limit_checks import check_parsed, check_tree
    from openness.limits import limited

    with limited(max_depth=max_depth, max_nodes=max_nodes):
        assert _raised(check_parsed, tree) == _raised(check_tree, tree)
