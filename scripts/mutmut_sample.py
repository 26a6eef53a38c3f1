"""Print a seeded random sample of mutmut's mutant names, a few per module (docs/testing.md).

A full mutmut run of engine, model and checker is hours on a small machine, so the score is
estimated from a sample. Run after `mutmut run` has generated `mutants/` (any run does), from the
project root:

    python scripts/mutmut_sample.py --per-module 25 designer/model designer/engine/data.py
    mutmut run --max-children 1 $(python scripts/mutmut_sample.py ...)

The same seed and arguments give the same names as long as the source is unchanged.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

MUTANTS = Path("mutants")


def mutant_names(meta: Path) -> list[str]:
    """All mutant names of one mutated file, sorted so the sample does not depend on dict order."""
    return sorted(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"])


def meta_files(targets: list[str]) -> list[Path]:
    """The `.meta` files of the given source files or folders (paths as in the project)."""
    found: list[Path] = []
    for target in targets:
        path = MUTANTS / target
        found += sorted(path.rglob("*.py.meta")) if path.is_dir() else [path.with_name(path.name + ".meta")]
    return [meta for meta in found if meta.exists()]


def sample(targets: list[str], per_module: int, seed: int) -> list[str]:
    """`per_module` names from each file (all of them when it has fewer), each file with its own seeded draw."""
    chosen: list[str] = []
    for meta in meta_files(targets):
        names = mutant_names(meta)
        chosen += random.Random(seed).sample(names, min(per_module, len(names)))
    return chosen


def uniform_sample(targets: list[str], total: int, seed: int, exclude: frozenset[str] = frozenset()) -> list[str]:
    """`total` names drawn uniformly from all mutants of the targets (but ``exclude``, e.g. earlier
    samples that tests were written for): every mutant is equally likely, so the kill rate of the
    draw estimates the score over all of them (not per module)."""
    every = [name for meta in meta_files(targets) for name in mutant_names(meta) if name not in exclude]
    return sorted(random.Random(seed).sample(every, min(total, len(every))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="+", help="source files or folders, e.g. designer/model")
    parser.add_argument("--per-module", type=int, default=25)
    parser.add_argument("--total", type=int, help="draw this many from all targets at once instead of per module")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--exclude", type=Path, action="append", default=[], help="a file of names not to draw")
    args = parser.parse_args()
    if args.total:
        exclude = frozenset(n.strip() for f in args.exclude for n in f.read_text(encoding="utf-8").splitlines())
        print("\n".join(uniform_sample(args.targets, args.total, args.seed, exclude)))
    else:
        print("\n".join(sample(args.targets, args.per_module, args.seed)))


if __name__ == "__main__":
    main()
