"""An exported ``model.py`` where PyTorch is not installed: one line saying what to install, not
Python's traceback of a missing module. Runs without torch: ``python -I -S`` leaves out every
site-packages folder, so ``import torch`` fails as on a machine without it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from designer.export import to_pytorch
from designer.export.codegen import NEEDS_TORCH
from designer.model import load
from tests.conftest import EXAMPLES

NO_SITE = [sys.executable, "-I", "-S"]


def _without_torch(tmp_path, source: str, *args: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "model.py"
    path.write_text(source, encoding="utf-8")
    return subprocess.run([*NO_SITE, *args], cwd=tmp_path, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("network", ["xor", "hostile"])
def test_run_without_torch_it_says_in_one_line_what_to_install(tmp_path, network):
    """It ended in "ModuleNotFoundError: No module named 'torch'" under a traceback."""
    marker = tmp_path / "marker"
    net = load(EXAMPLES / "xor-step.json")
    if network == "hostile":  # a name that would run code or break the line if it were pasted in
        net.name = f"\"); import os; os.system('touch {marker}')  #\n\x1b[31m"
    done = _without_torch(tmp_path, to_pytorch(net), "model.py")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == f"{NEEDS_TORCH}; import torch said: No module named 'torch'\n"
    assert not marker.exists()


def test_imported_without_torch_it_raises_import_error_saying_what_to_install(tmp_path):
    source = to_pytorch(load(EXAMPLES / "xor-step.json"))
    done = _without_torch(tmp_path, source, "-c", "import sys; sys.path.insert(0, '.'); import model")
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == f"ImportError: {NEEDS_TORCH}"


def test_the_message_is_the_apps_own_text():
    """Nothing of the network (names, labels: a student's text) goes into it, escaped or not."""
    assert NEEDS_TORCH.isascii() and NEEDS_TORCH.isprintable() and "pip install torch" in NEEDS_TORCH
