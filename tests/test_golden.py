"""The golden-file fixtures: a missing file fails unless --update-golden writes it; an unused one fails a full run."""

from __future__ import annotations

from pathlib import Path

import pytest

CONFTEST = Path(__file__).resolve().parent / "conftest.py"


@pytest.fixture
def suite(pytester: pytest.Pytester) -> pytest.Pytester:
    """A folder with this suite's conftest, an empty golden/ and one golden test plus one that uses no golden file."""
    pytester.makeconftest(CONFTEST.read_text(encoding="utf-8"))
    (pytester.path / "golden").mkdir()
    pytester.makepyfile(
        test_out="""
        def test_out(golden):
            golden("out.txt", "output\\n")

        def test_other():
            pass
        """
    )
    return pytester


def test_missing_golden_file_fails_and_says_how_to_create_it(suite: pytest.Pytester) -> None:
    """Without --update-golden a missing golden file fails its test, naming the option, and is not written."""
    result = suite.runpytest()
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*golden file out.txt is missing; create it with `pytest --update-golden`*"])
    assert not (suite.path / "golden" / "out.txt").exists()


def test_update_golden_writes_the_file_then_it_is_compared(suite: pytest.Pytester) -> None:
    """--update-golden writes a missing golden file; later runs compare against it and fail on a difference."""
    suite.runpytest("--update-golden").assert_outcomes(passed=2)
    assert (suite.path / "golden" / "out.txt").read_text(encoding="utf-8") == "output\n"
    suite.runpytest().assert_outcomes(passed=2)
    (suite.path / "golden" / "out.txt").write_text("before\n", encoding="utf-8")
    result = suite.runpytest()
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*output differs from golden file out.txt*"])


def test_unused_golden_file_fails_a_full_run_only(suite: pytest.Pytester) -> None:
    """A golden file no test compared fails a green run of the whole suite, but not a run of part of it."""
    (suite.path / "golden" / "out.txt").write_text("output\n", encoding="utf-8")
    (suite.path / "golden" / "stale.txt").write_text("old\n", encoding="utf-8")
    result = suite.runpytest()
    result.assert_outcomes(passed=2)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*golden files no test compares*", "delete them from *golden: stale.txt"])
    for part in (["test_out.py::test_out"], ["-k", "other"]):
        assert suite.runpytest(*part).ret == pytest.ExitCode.OK
    (suite.path / "golden" / "stale.txt").unlink()
    assert suite.runpytest().ret == pytest.ExitCode.OK
