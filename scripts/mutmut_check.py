"""Check by hand that tests kill one mutmut mutant: apply it to a copy of the tree and run them there.

    python scripts/mutmut_check.py [--timeout SECONDS] NAME tests/model/test_commands.py -k undo

Prints ``KILLED NAME`` when the tests fail on the mutant (exit 0), ``ALIVE NAME`` when they pass
(exit 1), ``TIMEOUT NAME`` when they run longer than the timeout (default 600 s; exit 2). Needs the
``mutants/`` folder of an earlier ``mutmut run``. The working tree is not touched. mutmut 3.8.1's
own ``mutmut apply`` replaces the first function or method of that name in the module, so a mutant
of ``SetNetworkField.undo`` lands in ``Command.undo``; this looks the method up inside its class.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import libcst as cst
from mutmut.mutation.diff_apply import find_mutant, read_functions_from_index, read_mutant_function, read_mutants_module
from mutmut.utils.format_utils import orig_function_and_class_names_from_key

ROOT = Path(__file__).resolve().parent.parent


def mutated_source(name: str) -> tuple[Path, str]:
    """The mutated file (relative to the project) and its whole text with the mutant in place."""
    path = Path(find_mutant(name).path)
    function, class_name = orig_function_and_class_names_from_key(name)
    indexed = read_functions_from_index(name, path)
    mutant = indexed[1] if indexed is not None else read_mutant_function(read_mutants_module(path), name)
    module = cst.parse_module(path.read_text(encoding="utf-8"))
    for node in module.body:
        if class_name is None and isinstance(node, cst.FunctionDef) and node.name.value == function:
            original = node
            break
        if isinstance(node, cst.ClassDef) and node.name.value == class_name:
            original = next(m for m in node.body.body if isinstance(m, cst.FunctionDef) and m.name.value == function)
            break
    else:
        raise SystemExit(f"{name}: function not found in {path}")
    return path, module.deep_replace(original, mutant.with_changes(name=cst.Name(function))).code


def main() -> int:
    args = sys.argv[1:]
    timeout = 600.0
    if args[:1] == ["--timeout"] and len(args) > 1:
        timeout, args = float(args[1]), args[2:]
    if len(args) < 2:
        raise SystemExit(__doc__)
    name, pytest_args = args[0], args[1:]
    os.chdir(ROOT)
    path, text = mutated_source(name)
    with tempfile.TemporaryDirectory() as tmp:
        for folder in ("designer", "tests"):
            shutil.copytree(folder, Path(tmp) / folder, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy2("pyproject.toml", tmp)
        (Path(tmp) / path).write_text(text, encoding="utf-8", newline="")
        env = {**os.environ, "PYTHONPATH": tmp}
        command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *pytest_args]
        try:
            result = subprocess.run(command, cwd=tmp, env=env, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            print(f"TIMEOUT {name}")
            return 2
    if result.returncode == 1:
        print(f"KILLED {name}")
        return 0
    print(f"ALIVE {name} (pytest exit {result.returncode})\n{result.stdout[-600:]}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
