"""Run NN Designer in a child process the way a user's shell would: own settings, own folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

DRIVER = Path(__file__).with_name("quit_driver.py")


def child_env(home: Path, **extra: str | None) -> dict[str, str]:
    """A clean environment: settings, data and recovery files under ``home``; offscreen Qt. None unsets."""
    keep = ("PATH", "LANG", "LC_ALL", "SYSTEMROOT", "TMPDIR")
    env = {key: os.environ[key] for key in keep if key in os.environ}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_RUNTIME_DIR=str(home / "runtime"),
        NN_DESIGNER_RECOVERY=str(home / "recovery"),  # the recovery folder (one file per window)
        PYTHONPATH=str(ROOT),
        OPENBLAS_NUM_THREADS="1",
        QT_QPA_PLATFORM="offscreen",
    )
    (home / "runtime").mkdir(parents=True, exist_ok=True, mode=0o700)
    env.update(extra)
    return {key: value for key, value in env.items() if value is not None}


def start(args: list[str], home: Path, **extra: str | None) -> subprocess.Popen:
    """``python ARGS`` in ``home`` with :func:`child_env`; text pipes for stdout and stderr."""
    return subprocess.Popen(
        [sys.executable, *args],
        cwd=home,
        env=child_env(home, **extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def run(args: list[str], home: Path, timeout: float = 120, **extra: str | None) -> subprocess.CompletedProcess:
    process = start(args, home, **extra)
    out, err = process.communicate(timeout=timeout)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def error_lines(stderr: str) -> list[str]:
    """stderr's lines (the app leaves out Qt's notes about the offscreen platform itself)."""
    return [line for line in stderr.splitlines() if line]
