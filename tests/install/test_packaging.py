"""Build metadata that a wheel depends on, checked without building one (.ci/run builds the real wheel).

Every shipped file must match a package-data pattern, or the wheel silently lacks it and only an
installed copy notices: the check walks designer/resources/ as it is on disk.
"""

from __future__ import annotations

import glob
import re
from pathlib import Path

import pytest

import designer
from tests.conftest import RESOURCES, ROOT

tomllib = pytest.importorskip("tomllib")  # Python 3.11+
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_setuptools_new_enough_for_the_spdx_license():
    (requirement,) = [r for r in PYPROJECT["build-system"]["requires"] if r.startswith("setuptools")]
    minimum = tuple(int(part) for part in re.search(r">=\s*([\d.]+)", requirement).group(1).split("."))
    if isinstance(PYPROJECT["project"]["license"], str):  # SPDX expression: setuptools 77 or newer
        assert minimum >= (77,)
    assert (ROOT / PYPROJECT["project"]["license-files"][0]).is_file()


def test_the_version_has_one_source():
    project = PYPROJECT["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "designer.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", designer.__version__)


def test_every_shipped_file_is_in_the_package_data():
    patterns = PYPROJECT["tool"]["setuptools"]["package-data"]["designer.resources"]
    shipped = [
        path.relative_to(RESOURCES).as_posix()
        for path in RESOURCES.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".py"
    ]
    assert "examples/xor-step.json" in shipped and "nn-designer.svg" in shipped
    packaged = {Path(name).as_posix() for p in patterns for name in glob.glob(p, root_dir=RESOURCES, recursive=True)}
    left_out = sorted(set(shipped) - packaged)  # setuptools globs like this: "*.json" stays in the top folder
    assert left_out == [], f"add patterns for these to [tool.setuptools.package-data]: {left_out}"


def test_the_command_and_python_m_are_the_same_entry_point():
    assert PYPROJECT["project"]["scripts"] == {"nn-designer": "designer.cli:main"}
    assert "from designer.cli import main" in (ROOT / "designer" / "__main__.py").read_text(encoding="utf-8")
