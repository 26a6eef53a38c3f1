"""A damaged installation says which file of which package is wrong, in one line (exit code 2).

The package is copied as it is installed to a temporary folder, one shipped file is removed or
spoilt, and ``python -m designer`` runs from there (PYTHONPATH), so the copy is what it finds.
"""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import ROOT
from tests.install.helpers import error_lines, run


@pytest.fixture
def installed(tmp_path):
    """A copy of the package; returns (site folder, resources folder of the copy)."""
    site = tmp_path / "site"
    shutil.copytree(ROOT / "designer", site / "designer", ignore=shutil.ignore_patterns("__pycache__"))
    return site, site / "designer" / "resources"


def nn_designer(site, *argv: str):
    result = run(["-m", "designer", *argv], site.parent, PYTHONPATH=str(site))
    lines = error_lines(result.stderr)
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stdout == ""
    return lines[0]


def test_the_copy_works_as_it_is(installed):
    site, _ = installed
    result = run(["-m", "designer", "exercises"], site.parent, PYTHONPATH=str(site))
    assert result.returncode == 0 and "xor " in result.stdout


def test_no_exercises_at_all(installed):
    site, resources = installed
    shutil.rmtree(resources / "exercises")
    line = nn_designer(site, "exercises")
    assert "installation is damaged: 'exercises/*.json'" in line and "designer.resources" in line


def test_one_missing_builtin_exercise_is_named(installed):
    site, resources = installed
    (resources / "exercises" / "xor.json").unlink()
    for argv in (["exercises"], ["check", str(resources / "examples" / "xor-step.json"), "--exercise", "xor"]):
        line = nn_designer(site, *argv)
        assert "installation is damaged: 'exercises/xor.json' in the package designer.resources" in line
        assert str(resources) in line and "is missing" in line


def test_a_spoilt_exercise_is_named(installed):
    site, resources = installed
    (resources / "exercises" / "and.json").write_text('{"format": ', encoding="utf-8")
    line = nn_designer(site, "exercises")
    assert "'exercises/and.json' in the package designer.resources" in line and "cannot be read" in line


@pytest.mark.parametrize("spoil", ["remove", "truncate"])
def test_the_start_example_is_named_before_a_window_opens(installed, spoil):
    site, resources = installed
    example = resources / "examples" / "xor-step.json"
    example.unlink() if spoil == "remove" else example.write_bytes(example.read_bytes()[:50])
    line = nn_designer(site)  # offscreen: the window would open if the example were fine
    assert "'examples/xor-step.json' in the package designer.resources" in line
