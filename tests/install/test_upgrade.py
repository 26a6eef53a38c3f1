"""docs/install.md's pip upgrade commands, run as written: a newer wheel with the same version replaces the old.

Plain ``pip install NEW.whl`` over an installed wheel of the same version changes nothing ("already
installed with the same version"), and the version stays 0.1.0 between the wheels a teacher hands
out. Two tiny wheels named like NN Designer's (a probe module, no dependencies, no index) stand
for the old and the new one, so the check takes a second or two.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shlex
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

WHEEL_NAME = "nn_designer-0.1.0-py3-none-any.whl"
DIST_INFO = "nn_designer-0.1.0.dist-info"


def documented_pip_commands() -> list[list[str]]:
    """The ``pip`` arguments of each pip line in the Upgrade block of docs/install.md."""
    text = (ROOT / "docs" / "install.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", text.split("### Upgrade", 1)[1], re.S).group(1)
    commands = []
    for line in block.splitlines():
        words = shlex.split(line, comments=True)
        if words and words[0].endswith("/bin/pip"):
            commands.append(words[1:])
    return commands


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def probe_wheel(folder: Path, build: int) -> Path:
    """A wheel named and versioned like NN Designer's whose module says which ``build`` it is."""
    files = {
        "nn_designer_probe.py": f"BUILD = {build}\n".encode(),
        f"{DIST_INFO}/METADATA": b"Metadata-Version: 2.1\nName: nn-designer\nVersion: 0.1.0\n",
        f"{DIST_INFO}/WHEEL": b"Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = [_record_line(name, data) for name, data in files.items()] + [f"{DIST_INFO}/RECORD,,"]
    folder.mkdir(parents=True)
    wheel = folder / WHEEL_NAME
    with zipfile.ZipFile(wheel, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
        archive.writestr(f"{DIST_INFO}/RECORD", "\n".join(record) + "\n")
    return wheel


@pytest.fixture
def environment(tmp_path):
    """A virtual environment (no pip of its own: this Python's pip installs into it) and its python."""
    venv = tmp_path / "nn-designer-env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=60)
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def pip(python: Path, args: list[str], cwd: Path) -> None:
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PYTHONPATH": ""}
    command = [sys.executable, "-m", "pip", "--python", str(python), *args]
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def installed_build(python: Path) -> str:
    code = "import nn_designer_probe; print(nn_designer_probe.BUILD)"
    return subprocess.run([str(python), "-c", code], capture_output=True, text=True, timeout=60).stdout.strip()


def test_the_documented_pip_upgrade_replaces_a_wheel_of_the_same_version(tmp_path, environment):
    commands = documented_pip_commands()
    assert commands, "docs/install.md's Upgrade block has no pip line"
    pip(environment, ["install", str(probe_wheel(tmp_path / "old", build=1))], tmp_path)
    new = tmp_path / "new"
    probe_wheel(new, build=2)
    for args in commands:  # run where the new wheel is, as the documented ./nn_designer-….whl says
        pip(environment, args, new)
    assert installed_build(environment) == "2"
