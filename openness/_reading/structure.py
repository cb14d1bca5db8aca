"""The one private cattrs converter: strict types, unknown keys rejected, every problem with its key path.

TOML keys are the attribute names with ``_`` written as ``-`` (``base_model`` <-> ``base-model``).
"""

from __future__ import annotations

import functools
import math
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from openness._errors import OpennessError, PathSegment, Problem, did_you_mean, not_one_of

__all__ = [
    "Invalid",
    "Invalids",
    "converter",
    "describe_value",
    "not_one_of",
    "register_class",
    "relocate",
    "structure",
    "toml_key",
]

T = TypeVar("T")


class Invalid(Exception):
    """A value is wrong; ``path`` is relative to the value the hook was given."""

    def __init__(self, message: str, path: Sequence[PathSegment] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.path = tuple(path)


class Invalids(Exception):
    """Several problems found by one hook."""

    def __init__(self, problems: Sequence[Invalid]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = tuple(problems)


def toml_key(attribute: str) -> str:
    """The TOML key for an attribute name."""
    return attribute.rstrip("_").replace("_", "-")


def describe_value(value: object) -> str:
    """Show a value in a message: short, quoted like the input wrote it."""
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return repr(shown)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, (list, tuple)):
        return "a list"
    if value is None:
        return "nothing (null)"
    return repr(value) if isinstance(value, (int, float)) else type(value).__name__


def _expect_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise Invalid(f"expected a string, got {describe_value(value)}")
    return value


def _expect_number(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Invalid(f"expected a number, got {describe_value(value)}")
    if not math.isfinite(value):
        raise Invalid(f"expected a finite number, got {value!r}")
    return float(value)


def _expect_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(f"expected a whole number, got {describe_value(value)}")
    return value


def _expect_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise Invalid(f"expected true or false, got {describe_value(value)}")
    return value


def _literal_hook(cl: Any) -> Callable[[object, type], str]:
    allowed = [str(a) for a in get_args(cl)]

    def structure_literal(value: object, _: type) -> str:
        if not isinstance(value, str):
            raise Invalid(f"expected one of {', '.join(allowed)}; got {describe_value(value)}")
        if value not in allowed:
            raise Invalid(not_one_of(value, allowed))
        return value

    return structure_literal


def _is_tuple_of(cl: Any) -> bool:
    args = get_args(cl)
    return get_origin(cl) is tuple and len(args) == 2 and args[1] is Ellipsis


# Factories look their item hooks up once, when cattrs first asks for the container's hook: that is at
# the first structuring of the type, after every module has registered its classes.


def _tuple_hook(cl: Any) -> Callable[[object, type], tuple[Any, ...]]:
    item_type = get_args(cl)[0]
    item_hook = converter.get_structure_hook(item_type)

    def structure_tuple(value: object, _: type) -> tuple[Any, ...]:
        if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
            raise Invalid(f"expected a list, got {describe_value(value)}")
        items: list[Any] = []
        problems: list[Invalid] = []
        for index, item in enumerate(value):
            try:
                items.append(item_hook(item, item_type))
            except Exception as exc:  # noqa: BLE001, PERF203 - every failure becomes a located problem
                problems.extend(relocate(exc, (index,)))
        if problems:
            raise Invalids(problems)
        return tuple(items)

    return structure_tuple


def _is_mapping_of(cl: Any) -> bool:
    return get_origin(cl) in (dict, Mapping) and get_args(cl)[:1] == (str,)


def _mapping_hook(cl: Any) -> Callable[[object, type], dict[str, Any]]:
    value_type = get_args(cl)[1]
    value_hook = None if value_type is Any else converter.get_structure_hook(value_type)

    def structure_mapping(value: object, _: type) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise Invalid(f"expected a table, got {describe_value(value)}")
        out: dict[str, Any] = {}
        problems: list[Invalid] = []
        for key, item in value.items():
            if not isinstance(key, str):
                problems.append(Invalid(f"keys must be strings, got {describe_value(key)}"))
                continue
            try:
                out[key] = item if value_hook is None else value_hook(item, value_type)
            except Exception as exc:  # noqa: BLE001
                problems.extend(relocate(exc, (key,)))
        if problems:
            raise Invalids(problems)
        return out

    return structure_mapping


def _is_literal(cl: Any) -> bool:
    return get_origin(cl) is Literal


def _is_optional(cl: Any) -> bool:
    args = get_args(cl)
    return get_origin(cl) in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args


def _optional_hook(cl: Any) -> Callable[[object, type], Any]:
    """``None`` or the inner type's hook, found once (cattrs' own would dispatch on the inner type at every call)."""
    inner_type = next(a for a in get_args(cl) if a is not type(None))
    inner = converter.get_structure_hook(inner_type)

    def structure_optional(value: object, _: type) -> Any:
        return None if value is None else inner(value, inner_type)

    return structure_optional


converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
converter.register_structure_hook(str, _expect_str)
converter.register_structure_hook(float, _expect_number)
converter.register_structure_hook(int, _expect_int)
converter.register_structure_hook(bool, _expect_bool)
converter.register_structure_hook_factory(_is_literal, _literal_hook)
converter.register_structure_hook_factory(_is_tuple_of, _tuple_hook)
converter.register_structure_hook_factory(_is_mapping_of, _mapping_hook)
converter.register_structure_hook_factory(_is_optional, _optional_hook)
converter.register_unstructure_hook_factory(
    _is_tuple_of, lambda _: lambda value: [converter.unstructure(v) for v in value]
)


def register_class(
    cl: type[T],
    *,
    prepare: Callable[[Mapping[str, Any], list[Invalid]], Mapping[str, Any]] | None = None,
    check: Callable[[T], None] | None = None,
    omit: Sequence[str] = (),
) -> None:
    """Structure ``cl`` from a table whose keys are the dashed attribute names.

    ``prepare`` may rewrite the raw table first (for example to accept a string where a list is
    meant), adding what it finds wrong to the list it is given; ``check`` validates the built
    object and raises :class:`Invalid`; ``omit`` names attributes that are not read from input
    (the loader sets them).
    """
    fields = [f for f in attrs.fields(typing.cast("Any", cl)) if f.name not in omit]
    known = [toml_key(f.name) for f in fields]
    known_set = frozenset(known)

    @functools.cache
    def generated_structure() -> Callable[[Mapping[str, Any], Any], T]:
        overrides = {f.name: override(rename=toml_key(f.name)) for f in fields}
        overrides.update({name: override(omit=True) for name in omit})
        return make_dict_structure_fn(cl, converter, _cattrs_forbid_extra_keys=True, **overrides)  # type: ignore[arg-type]

    @functools.cache
    def generated_unstructure() -> Callable[[T], dict[str, Any]]:
        overrides = {f.name: override(rename=toml_key(f.name)) for f in fields}
        overrides.update({name: override(omit=True) for name in omit})
        return make_dict_unstructure_fn(cl, converter, **overrides)  # type: ignore[arg-type]

    def structure_class(value: object, _: type) -> T:
        if not isinstance(value, Mapping):
            raise Invalid(f"expected a table, got {describe_value(value)}")
        found: list[Invalid] = []
        table = prepare(value, found) if prepare else value
        found += [Invalid(f"unknown key {k!r}{did_you_mean(str(k), known)}", (k,)) for k in table if k not in known_set]
        try:
            built = generated_structure()({k: v for k, v in table.items() if k in known_set}, cl)
        except Exception as exc:  # noqa: BLE001
            raise Invalids(found + _flatten(exc)) from None
        if check is not None:
            try:
                check(built)
            except (Invalid, Invalids) as exc:
                found += _flatten(exc)
        if found:
            raise Invalids(found)
        return built

    converter.register_structure_hook(cl, structure_class)

    def unstructure_class(value: T) -> dict[str, Any]:
        return generated_unstructure()(value)

    converter.register_unstructure_hook(cl, unstructure_class)


def relocate(exc: BaseException, prefix: tuple[PathSegment, ...]) -> list[Invalid]:
    """Turn any structuring failure into :class:`Invalid` problems located under ``prefix``.

    For hooks that structure a nested value themselves (conditions) and report its problems under its key.
    """
    return [Invalid(p.message, prefix + p.path) for p in _flatten(exc)]


def _flatten(exc: BaseException) -> list[Invalid]:
    if isinstance(exc, Invalid):
        return [exc]
    if isinstance(exc, Invalids):
        return list(exc.problems)
    if isinstance(exc, IterableValidationError):
        items, rest = exc.group_exceptions()
        out = [p for e, note in items for p in relocate(e, (note.index,))]
        return out + [p for e in rest for p in _flatten(e)]
    if isinstance(exc, ClassValidationError):
        fields, others = exc.group_exceptions()
        out = [p for e, field in fields for p in relocate(e, (toml_key(field.name),))]
        return out + [p for e in others for p in _flatten(e)]
    if isinstance(exc, ForbiddenExtraKeysError):
        return [Invalid(f"unknown key {k!r}", (k,)) for k in sorted(exc.extra_fields)]
    if isinstance(exc, KeyError):
        return [Invalid("required key is missing")]
    if isinstance(exc, RecursionError):
        return [Invalid("nested too deeply")]
    return [Invalid(f"invalid value ({exc})")]


def structure(
    value: object,
    cl: type[T],
    *,
    source: str,
    error: type[OpennessError],
    prefix: tuple[PathSegment, ...] = (),
) -> T:
    """Build ``cl`` from ``value`` or raise ``error`` listing every problem with its key path."""
    try:
        return converter.structure(value, cl)
    except Exception as exc:  # noqa: BLE001 - all failures are reported as problems
        raise error(problems(exc, source=source, prefix=prefix)) from None


def problems(exc: BaseException, *, source: str, prefix: tuple[PathSegment, ...] = ()) -> list[Problem]:
    """The problems inside a structuring failure, located in ``source``."""
    return [Problem(message=p.message, source=source, path=prefix + p.path) for p in _flatten(exc)]
