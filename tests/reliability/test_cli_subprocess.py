"""A seeded sample of hostile files through real ``python -m designer`` processes: no traceback reaches a terminal."""

from __future__ import annotations

import os
import random
import subprocess
import sys

from tests.conftest import ROOT
from tests.reliability.helpers import CASES, check_error_line
from tests.reliability.test_hostile_files import CORPUS, EXPECTED

SAMPLE = 20


def test_hostile_files_in_real_processes(tmp_path):
    rng = random.Random(8)
    bad = sorted(name for name, want in EXPECTED.items() if want is not None)
    names = rng.sample(bad, SAMPLE)
    data = tmp_path / "data.csv"
    data.write_text("x1,x2,y\n0,0,0\n1,1,0\n", encoding="utf-8")
    commands = [
        lambda net: ["validate", net],
        lambda net: ["eval", net, "--points", "0,0"],
        lambda net: ["grad", net, "--csv", str(data), "--loss", "sse"],
        lambda net: ["train", net, "--csv", str(data), "--epochs", "2", "-o", str(tmp_path / "out.json")],
    ]
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "PYTHONIOENCODING": "utf-8:strict"}
    runs = []
    for i, name in enumerate(names):  # start them all, then wait: 2 cores run them two at a time
        argv = [sys.executable, "-m", "designer", *commands[i % len(commands)](str(CORPUS / name))]
        runs.append(
            (name, argv, subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE))
        )
    for name, argv, process in runs:
        stdout, stderr = process.communicate(timeout=120)
        CASES["cli subprocess"] += 1
        err = stderr.decode("utf-8")
        assert "Traceback" not in err and "internal error" not in err, (name, err)
        assert process.returncode == 2, (name, argv[3], err)
        check_error_line(err)
        assert EXPECTED[name] in err, (name, err)
    assert not (tmp_path / "out.json").exists()
