"""docs/install.md's menu-entry recipe, run as written against the command layouts pip and pipx make.

The recipe finds the installed package through the ``nn-designer`` command on the PATH. The
command's first line is not a usable interpreter path: pipx writes ``#!…/python -E`` and pip
writes a ``#!/bin/sh`` trampoline when the environment's path is long, so each layout is faked here
(the environment's ``python`` runs this test's Python, which finds the checkout via PYTHONPATH).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from designer.resources import resource_file
from tests.conftest import ROOT
from tests.install.helpers import child_env

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a Linux desktop recipe")

PIPX_SCRIPT = "#!{python} -E\nimport sys\nfrom designer.cli import main\nsys.exit(main())\n"
LONG_PATH_SCRIPT = "#!/bin/sh\n'''exec' \"{python}\" \"$0\" \"$@\"\n' '''\nimport sys\nfrom designer.cli import main\n"


def documented_recipe() -> str:
    """The shell block under 'Linux: menu entry and icon' in docs/install.md."""
    text = (ROOT / "docs" / "install.md").read_text(encoding="utf-8")
    section = text.split("### Linux: menu entry and icon", 1)[1]
    return re.search(r"```sh\n(.*?)```", section, re.S).group(1)


def fake_environment(home: Path, script: str, link_from: Path) -> Path:
    """An environment's bin folder with ``python`` and ``nn-designer``; ``link_from`` links to the command."""
    bin_dir = home / "envs" / ("deep-" * 20) / "nn-designer" / "bin"
    bin_dir.mkdir(parents=True)
    python = bin_dir / "python"
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8", newline="\n")
    command = bin_dir / "nn-designer"
    command.write_text(script.format(python=python), encoding="utf-8", newline="\n")
    for path in (python, command):
        path.chmod(0o755)
    link_from.mkdir(parents=True, exist_ok=True)
    (link_from / "nn-designer").symlink_to(command)
    return bin_dir


@pytest.mark.parametrize("script", [PIPX_SCRIPT, LONG_PATH_SCRIPT], ids=["pipx", "long-venv-path"])
def test_the_documented_recipe_installs_the_entry_and_the_icon(tmp_path, script):
    home = tmp_path / "home"
    fake_environment(home, script, link_from=home / ".local" / "bin")
    env = child_env(home, PATH=f"{home / '.local' / 'bin'}{os.pathsep}{os.environ['PATH']}")
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", documented_recipe()],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    share = home / ".local" / "share"
    entry = share / "applications" / "nn-designer.desktop"
    icon = share / "icons" / "hicolor" / "scalable" / "apps" / "nn-designer.svg"
    assert entry.read_bytes() == resource_file("nn-designer.desktop").read_bytes()
    assert icon.read_bytes() == resource_file("nn-designer.svg").read_bytes()
