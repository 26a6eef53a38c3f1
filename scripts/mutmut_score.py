"""Tally mutmut's verdicts for a list of mutant names (a sample) and print the score with a 95 % interval.

Run from the project root after ``mutmut run NAMES…`` (docs/testing.md):

    python scripts/mutmut_sample.py --total 400 --seed 2026 designer/engine designer/model \
        designer/exercises/checker.py > sample.txt
    mutmut run --max-children 1 $(cat sample.txt)
    python scripts/mutmut_score.py sample.txt            # the score, then every mutant not killed

It reads the ``.meta`` files mutmut writes into ``mutants/``. Timeouts and crashes are listed apart:
they count as caught only after checking by hand (``scripts/mutmut_check.py``), see docs/testing.md.
"""

from __future__ import annotations

import argparse
import json
import math
from collections import Counter
from pathlib import Path

MUTANTS = Path("mutants")
#: mutmut 3's exit codes (mutmut/stats.py), folded into what the score needs.
VERDICT = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 36: "timeout", 24: "timeout"}
VERDICT.update({-24: "timeout", 152: "timeout", 255: "timeout", -11: "crash", -9: "crash", None: "not checked"})


def module_of(name: str) -> str:
    """``designer.model.atomic.x_f__mutmut_3`` → ``designer.model.atomic``."""
    return ".".join(part for part in name.split(".") if not part.startswith(("x_", "x\u01c1")))


def exit_codes(names: list[str]) -> dict[str, int | None]:
    codes: dict[str, int | None] = {}
    by_module: dict[str, list[str]] = {}
    for name in names:
        by_module.setdefault(module_of(name), []).append(name)
    for module, members in by_module.items():
        meta = MUTANTS / (module.replace(".", "/") + ".py.meta")
        if not meta.exists():  # a package's own mutants: designer.engine.x___getattr__ → designer/engine/__init__.py
            meta = MUTANTS / module.replace(".", "/") / "__init__.py.meta"
        known = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"] if meta.exists() else {}
        codes.update({name: known.get(name) for name in members})
    return codes


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95 % Wilson score interval of a proportion k / n."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sample", type=Path, help="a file of mutant names, one per line")
    args = parser.parse_args()
    names = [line.strip() for line in args.sample.read_text(encoding="utf-8").splitlines() if line.strip()]
    verdicts = {name: VERDICT.get(code, "suspicious") for name, code in exit_codes(names).items()}
    counts = Counter(verdicts.values())
    checked = len(names) - counts["not checked"]
    killed = counts["killed"]
    low, high = wilson(killed, checked)
    print(f"{checked} of {len(names)} checked: " + ", ".join(f"{v} {n}" for v, n in sorted(counts.items())))
    print(f"killed {killed} / {checked} = {killed / max(checked, 1):.1%} (95 % interval {low:.1%}-{high:.1%})")
    for name, verdict in sorted(verdicts.items()):
        if verdict not in ("killed", "not checked"):
            print(f"{verdict:9} {name}")


if __name__ == "__main__":
    main()
