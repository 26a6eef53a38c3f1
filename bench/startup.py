"""CLI start-up against an empty Python start, interleaved, each a fresh process.

Run by hand (not in CI):
    .venv/bin/python bench/startup.py                # markdown for docs/performance.md
    .venv/bin/python bench/startup.py --json --rounds 30

Each round starts every command once, in turn (A B C A B C …): ``python -c pass`` (an empty
Python start), ``python -c "import numpy"``, and ``python -m designer`` with ``eval`` on the XOR
example, ``validate`` and ``--version``. Run by a venv's Python that has the package installed, it
also starts that venv's ``nn-designer eval`` script (the command issue 14 names; the checkout's
code, through PYTHONPATH). ``--baseline CHECKOUT`` adds ``eval`` run from another checkout, e.g. the
main branch, for a before/after in the same run; ``--floor`` adds the standard-library imports of
``eval``'s path, alone. Bytecode is cached in a temporary folder
(PYTHONPYCACHEPREFIX) and warmed before the first round, as in an installed copy; one BLAS
thread, as the bench machine's other figures. Wall time is what a user waits; the child's CPU
time (user + system) is steadier on a busy machine.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib

XOR = str(benchlib.ROOT / "designer" / "resources" / "examples" / "xor-step.json")
COMMANDS = {
    "python -c pass (empty start)": ["-c", "pass"],
    "python -c 'import numpy'": ["-c", "import numpy"],
    "nn-designer eval xor-step.json --points '0,0;1,1'": ["-m", "designer", "eval", XOR, "--points", "0,0;1,1"],
    "nn-designer validate xor-step.json": ["-m", "designer", "validate", XOR],
    "nn-designer --version": ["-m", "designer", "--version"],
}


#: ``--floor``: the standard library alone. An installed ``nn-designer`` script imports re before
#: anything of ours; ``eval``'s path adds json, csv and warnings (the line before issue 14's
#: start-up work also argparse, pathlib, typing and dataclasses).
FLOOR = {
    "python -c 'import re' (what the installed script imports)": ["-c", "import re"],
    "python -c 'import re, json'": ["-c", "import re, json"],
    "python -c 'import re, json, csv, warnings' (eval's path)": [
        "-c",
        "import re, json, csv, warnings",
    ],
    "python -c 'import re, json, argparse, pathlib, typing, dataclasses' (eval's path before)": [
        "-c",
        "import re, json, argparse, pathlib, typing, dataclasses",
    ],
}


def installed_script() -> str | None:
    """The ``nn-designer`` script beside this Python (a venv with the package installed, as a user has
    it), or None. It imports re before our code, as every pip-made script does."""
    script = Path(sys.executable).with_name("nn-designer")
    return str(script) if script.is_file() else None


def commands(baseline: str | None, floor: bool = False) -> dict[str, tuple[list[str], str]]:
    """Each command's argv and the checkout it runs from (``--baseline``: eval from another checkout too;
    ``--floor``: the standard-library imports alone). An argv starting with a path is a script run as
    it is; the others are arguments of this Python. The checkout is first on PYTHONPATH either way."""
    here = str(benchlib.ROOT)
    table = {name: (argv, here) for name, argv in COMMANDS.items()}
    script = installed_script()
    if script:
        table["installed nn-designer eval xor-step.json --points '0,0;1,1'"] = (
            [script, *COMMANDS["nn-designer eval xor-step.json --points '0,0;1,1'"][2:]],
            here,
        )
    if floor:
        table.update({name: (argv, here) for name, argv in FLOOR.items()})
    if baseline:
        eval_argv = COMMANDS["nn-designer eval xor-step.json --points '0,0;1,1'"]
        table[f"nn-designer eval, from {baseline}"] = (eval_argv, baseline)
    return table


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one ``python ARGV``, run in its checkout (``-m`` and ``-c`` put the
    working folder first on sys.path)."""
    command = argv if os.path.isabs(argv[0]) else [sys.executable, *argv]
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, cwd=env["PYTHONPATH"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"python {' '.join(argv)} failed: {child.stderr.read().decode() if child.stderr else ''}")
    return wall, usage.ru_utime + usage.ru_stime


def startup_set(args: argparse.Namespace) -> dict[str, Any]:
    table = commands(args.baseline, args.floor)
    with tempfile.TemporaryDirectory() as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(PYTHONPYCACHEPREFIX=cache, OPENBLAS_NUM_THREADS="1")
        envs = {name: dict(env, PYTHONPATH=checkout) for name, (_, checkout) in table.items()}
        for name, (argv, _) in table.items():  # compile and cache the bytecode, warm the file cache
            run_once(argv, envs[name])
            run_once(argv, envs[name])
        got: dict[str, list[tuple[float, float]]] = {name: [] for name in table}
        for _ in range(args.rounds):
            for name, (argv, _) in table.items():
                got[name].append(run_once(argv, envs[name]))
    empty = got["python -c pass (empty start)"]
    base_wall = benchlib.spread(w for w, _ in empty)["median"]
    base_cpu = benchlib.spread(c for _, c in empty)["median"]
    rows = []
    for name, values in got.items():
        wall = benchlib.spread(1e3 * w for w, _ in values)
        cpu = benchlib.spread(1e3 * c for _, c in values)
        rows.append(
            {
                "command": name,
                "wall_ms": wall,
                "cpu_ms": cpu,
                "wall_over_empty": wall["median"] / (1e3 * base_wall),
                "cpu_over_empty": cpu["median"] / (1e3 * base_cpu),
            }
        )
    return {"set": "startup", "rows": rows}


def markdown(fs: dict[str, Any]) -> str:
    lines = benchlib.section("CLI start-up", fs["machine"], ["command", "wall ms", "× empty", "CPU ms", "× empty"])
    for r in fs["rows"]:
        lines.append(
            f"| `{r['command']}` | {benchlib.cell(r['wall_ms'], '.0f')} | {r['wall_over_empty']:.2f}× "
            f"| {benchlib.cell(r['cpu_ms'], '.0f')} | {r['cpu_over_empty']:.2f}× |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="interleaved rounds, ≥ 5 (default 20)")
    parser.add_argument("--json", action="store_true", help="one JSON object per figure set instead of markdown")
    parser.add_argument("--baseline", metavar="CHECKOUT", help="also time eval from another checkout (before/after)")
    parser.add_argument("--floor", action="store_true", help="also time the standard-library imports eval needs, alone")
    args = parser.parse_args()
    if args.rounds < 5:
        parser.error("--rounds must be 5 or more")
    figure_set = startup_set(args)
    figure_set["machine"] = benchlib.machine("wall (and the child's CPU time)", "full")
    figure_set["command"] = benchlib.command_line()
    benchlib.emit(figure_set, args.json, markdown)


if __name__ == "__main__":
    main()
