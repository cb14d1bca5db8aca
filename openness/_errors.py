"""Error classes: every problem with an input, named by file and key path."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "DescriptorError",
    "LicenceError",
    "LimitError",
    "OpennessError",
    "Problem",
    "RubricError",
    "UnknownIdError",
    "UnsupportedFormatError",
    "did_you_mean",
    "format_path",
    "install_hint",
    "not_one_of",
]

PathSegment = str | int

#: What each extra of pyproject.toml installs (a test keeps the two equal). openness itself is not on
#: PyPI, so a hint names the package, which pip finds anywhere, and the extra for a checkout.
EXTRAS: dict[str, str] = {
    "import": "pyyaml>=6.0",
    "hf": "huggingface_hub>=0.30.0",
    "pandas": "pandas>=2.2.2",
    "hypothesis": "hypothesis>=6.130",
    "dask": "dask[dataframe,distributed]>=2025.1.0",
    "spark": "pyspark[sql]>=4.0.0",
}


def install_hint(extra: str) -> str:
    """How to install what an extra brings: ``pip install 'pyyaml>=6.0' (or, in a checkout ..., '.[import]')``."""
    return f"pip install '{EXTRAS[extra]}' (or, in a checkout of openness: pip install '.[{extra}]')"


_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def format_path(path: Sequence[PathSegment]) -> str:
    """Write a key path as it reads in TOML: ``criteria[2].weight``, ``components.weights``."""
    out: list[str] = []
    for segment in path:
        if isinstance(segment, int) and not isinstance(segment, bool):
            out.append(f"[{segment}]")
            continue
        if not isinstance(segment, str):  # a key from a caller's mapping: None, True, a tuple, ...
            segment = repr(segment)  # noqa: PLW2901
        key = segment if _BARE_KEY.match(segment) else '"' + segment.replace('"', '\\"') + '"'
        out.append(key if not out else "." + key)
    return "".join(out)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when a choice is close to ``word``, else ``''``."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def not_one_of(value: str, allowed: Iterable[str], kind: str = "value") -> str:
    """The one wording for a name outside its vocabulary, listing the vocabulary and a close match.

    ``unknown licence class 'osi-aproved' (did you mean 'osi-approved'?); expected one of ...``
    """
    choices = list(allowed)
    return f"unknown {kind} {value!r}{did_you_mean(value, choices)}; expected one of {', '.join(choices)}"


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with an input: where it is and what is wrong."""

    message: str
    source: str | None = None
    path: tuple[PathSegment, ...] = ()
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.source or ""
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        if self.path:
            where += (": " if where else "") + format_path(self.path)
        return f"{where}: {self.message}" if where else self.message


class OpennessError(ValueError):
    """Base of every error ``openness`` raises about its inputs.

    ``problems`` lists every problem found (all at once, not only the first); ``str()`` gives one
    line per problem, each naming the file and the key path.
    """

    def __init__(self, problems: Iterable[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(message=problems)]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[OpennessError], tuple[tuple[Problem, ...]]]:
        return (type(self), (self.problems,))

    @property
    def source(self) -> str | None:
        """The file (or other source) of the first problem, if known."""
        return self.problems[0].source if self.problems else None

    def lines(self) -> list[str]:
        """One line per problem: ``file: key.path: message``."""
        return [str(p) for p in self.problems]


class RubricError(OpennessError):
    """A rubric could not be read: bad syntax, wrong types, unknown names, broken references."""


class DescriptorError(OpennessError):
    """A model descriptor could not be read."""


class LicenceError(OpennessError):
    """A licence text or expression could not be read."""


class UnsupportedFormatError(OpennessError):
    """An input declares a format version this release of ``openness`` does not know."""


class UnknownIdError(OpennessError, KeyError):
    """An id that is not there, such as ``report.verdict("nope")``; also a :class:`KeyError`.

    The message lists the ids there are and suggests a close one.
    """

    @classmethod
    def naming(cls, kind: str, wanted: str, known: Sequence[str], *, where: str, kinds: str = "") -> UnknownIdError:
        """The error for ``wanted``, not among the ``known`` ids of a ``kind`` (``verdict``) of ``where``.

        ``kinds`` is the plural of ``kind`` when adding an ``s`` is wrong (``criteria``).
        """
        listed = ", ".join(known) or "none"
        hint = did_you_mean(wanted, known)
        return cls(f"{where} has no {kind} {wanted!r}{hint}; its {kinds or kind + 's'}: {listed}")

    def __str__(self) -> str:  # KeyError would quote the message
        return "\n".join(str(p) for p in self.problems)


class LimitError(OpennessError):
    """An input goes over a resource limit (size, nesting, aliases, criteria, licence terms).

    ``limit`` names the limit (an attribute of :class:`openness.limits.Limits`); the message says
    how to raise it.
    """

    def __init__(self, problems: Iterable[Problem] | str, limit: str | None = None) -> None:
        super().__init__(problems)
        self.limit = limit

    def __reduce__(self) -> tuple[type[OpennessError], tuple[tuple[Problem, ...], str | None]]:  # type: ignore[override]
        return (type(self), (self.problems, self.limit))
