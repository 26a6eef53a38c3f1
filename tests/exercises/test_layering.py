"""designer.exercises stays headless: no Qt, small modules."""

import ast
import subprocess
import sys

from tests.conftest import ROOT

PACKAGE = ROOT / "designer" / "exercises"


def test_no_qt_or_ui_imports():
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            for name in names:
                assert not name.startswith(("PySide6", "pyqtgraph", "designer.ui")), (path.name, name)
        assert len(path.read_text(encoding="utf-8").splitlines()) < 400, path.name


def test_importing_and_checking_loads_no_qt():
    code = (
        "import sys; from designer.exercises import check, load_exercise; "
        "e = load_exercise('xor'); assert check(e.solutions[0], e).passed; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"
