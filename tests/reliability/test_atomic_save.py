"""Saves are atomic: a process saving a 5,000-neuron network is SIGKILLed at each point of the write
(temp file created, half written, written and fsynced, renamed), chosen by a pipe handshake rather
than a timer (tests/reliability/saver.py). Before the rename the file is still the previous version
byte for byte, after it the new one, never a mix or a fragment. Temp files a kill leaves behind are
removed by a later save once they are stale.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import pytest

from designer.model import dumps, load, save
from designer.model.fileformat import STALE_TEMP_SECONDS
from tests.conftest import ROOT
from tests.reliability.helpers import CASES
from tests.reliability.saver import STAGES, network, set_version

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


def _temp_files(folder, name):
    return sorted(p for p in folder.iterdir() if re.fullmatch(re.escape(f".{name}.") + r"[a-z0-9_]{8}\.tmp", p.name))


def _kill_at(target, version: int, stage: str) -> None:
    """Start a child saving ``version`` to ``target`` and SIGKILL it when it reports ``stage``."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.saver", str(target), str(version), stage],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = child.stdout.readline()
        assert line == f"at {stage}\n", f"the save never reached {stage!r} (got {line!r}): did atomic.py change?"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    CASES["saves killed"] += 1


@pytest.mark.parametrize("stage", STAGES)
def test_a_save_killed_at_each_point_leaves_one_complete_version(tmp_path, stage):
    target = tmp_path / "homework.json"
    net = network()
    old = dumps(set_version(net, 1)).encode("utf-8")
    new = dumps(set_version(net, 2)).encode("utf-8")
    assert len(old) != len(new)
    target.write_bytes(old)
    _kill_at(target, 2, stage)
    data = target.read_bytes()
    temps = _temp_files(tmp_path, target.name)
    if stage == "renamed":
        assert data == new and temps == []
    else:
        assert data == old, "the file changed before the rename"
        assert len(temps) == 1
        left = temps[0].read_bytes()
        assert left == {"temp created": b"", "half written": new[: len(new) // 2], "temp written": new}[stage]
    assert load(target).name == f"version {1 if data == old else 2}"


def test_temp_files_of_killed_saves_are_removed_once_stale(tmp_path):
    target = tmp_path / "homework.json"
    net = network()
    save(set_version(net, 0), target)
    for version, stage in enumerate(("temp created", "half written", "temp written"), start=1):
        _kill_at(target, version, stage)
    leftovers = _temp_files(tmp_path, target.name)
    assert len(leftovers) == 3 and load(target).name == "version 0"
    others = tmp_path / ".other.json.abcdefgh.tmp"  # another file's temp: never touched
    others.write_text("x")
    save(set_version(net, 4), target)
    assert _temp_files(tmp_path, target.name) == leftovers  # young: may belong to a save running elsewhere
    old = time.time() - STALE_TEMP_SECONDS - 60
    for path in [*leftovers, others]:
        os.utime(path, (old, old))
    save(set_version(net, 5), target)
    assert _temp_files(tmp_path, target.name) == [] and others.exists()
    assert target.read_bytes() == dumps(set_version(net, 5)).encode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.json.abcdefgh.tmp", "homework.json"]
