"""The layers of docs/architecture.md hold: import-linter's contracts (pyproject.toml) on the whole
package, the contracts themselves catch the breaches they are for, and importing the headless
packages at run time loads no Qt."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", str(root / "pyproject.toml")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_import_contracts_are_kept():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


BREACHES = {
    "numpy in the model": ("designer/model/layout.py", "import numpy", "designer.model.layout -> numpy"),
    "Qt in export": ("designer/export/formats.py", "from PySide6.QtCore import QObject", "-> PySide6"),
    "the UI from exercises": ("designer/exercises/catalog.py", "import designer.ui.theme", "designer.ui"),
    "the UI from the engine": ("designer/engine/losses.py", "from designer.ui import inspector", "designer.ui"),
    "the CLI from the engine": ("designer/engine/data.py", "import designer.cli_network", "designer.cli_network"),
    "the CLI from exercises": (
        "designer/exercises/checker.py",
        "import designer.exercises.cli",
        "designer.exercises.checker -> designer.exercises.cli",
    ),
    "pyqtgraph in the model": ("designer/model/events.py", "import pyqtgraph", "-> pyqtgraph"),
}


def _python_only(folder: str, names: list[str]) -> list[str]:
    return [n for n in names if n == "__pycache__" or (not n.endswith(".py") and not Path(folder, n).is_dir())]


@pytest.mark.parametrize("breach", BREACHES)
def test_the_contracts_catch_a_forbidden_import(tmp_path, breach):
    path, line, reported = BREACHES[breach]
    shutil.copytree(ROOT / "designer", tmp_path / "designer", ignore=_python_only)
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    with open(tmp_path / path, "a", encoding="utf-8") as handle:
        handle.write(f"\n{line}\n")
    result = _lint(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Broken contracts" in result.stdout and reported in result.stdout, result.stdout


def test_headless_packages_load_no_qt_and_the_model_no_numpy():
    code = (
        "import sys\n"
        "import designer.model\n"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('numpy', 'PySide6', 'pyqtgraph')], 'model'\n"
        "import designer.engine, designer.export, designer.exercises, designer.formatting, designer.resources\n"
        "from designer.exercises import check, load_exercise\n"
        "e = load_exercise('xor'); assert check(e.solutions[0], e).passed\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph')))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
