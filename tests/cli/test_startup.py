"""CLI start-up discipline: each subcommand imports only what it needs, the app imports no CLI
subcommand module, and the lazy subcommand map stays complete (checked by imports, not timed)."""

import argparse
import importlib
import json
import subprocess
import sys

import pytest

from designer import cli, cli_args
from designer.model import load, save
from tests.conftest import EXAMPLES, ROOT, run_python_with_default_threads
from tests.netgen import layered

XOR = str(EXAMPLES / "xor-step.json")
#: Never needed to evaluate a network.
HEAVY = (
    "PySide6",
    "pyqtgraph",
    "threadpoolctl",
    "torch",
    "designer.ui",
    "designer.exercises",
    "designer.export",
    "designer.engine.training",
    "designer.engine.backprop",
    "designer.engine.data",
    "designer.cli_train",
)
SUBCOMMAND_MODULES = ("designer.cli_network", "designer.cli_train", "designer.export.cli", "designer.exercises.cli")


def _modules_after(code: str) -> set[str]:
    """Run ``code`` in a fresh interpreter; the modules it loaded."""
    script = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.splitlines()[-1]))


def _loaded(modules: set[str], prefix: str) -> bool:
    return any(m == prefix or m.startswith(prefix + ".") for m in modules)


def test_eval_of_typed_points_validate_and_version_do_not_load_numpy():
    """numpy's import alone is ~4× an empty Python start; these commands compute in plain Python."""
    for args in (["eval", XOR, "--points", "0,0;1,1"], ["validate", XOR], ["eval", "missing.json", "--points", "0,0"]):
        modules = _modules_after(f"from designer.cli import main\nmain({args!r})")
        assert not _loaded(modules, "numpy"), args
        assert [m for m in HEAVY if _loaded(modules, m)] == [], args
    modules = _modules_after("from designer.cli import main\ntry: main(['--version'])\nexcept SystemExit: pass")
    assert not _loaded(modules, "numpy")


#: What issue 14's start-up budget cannot hold for ``eval`` or ``validate`` (a plain venv: 2.5 empty starts in
#: all): argparse 1.3 ms, dataclasses with inspect 5.5 ms, typing 2.2 ms, pathlib 2.7 ms, copy 0.5 ms,
#: contextlib 0.4 ms.
NOT_FOR_EVAL = ("argparse", "dataclasses", "inspect", "typing", "pathlib", "copy", "contextlib", "gettext", "locale")


@pytest.mark.parametrize(
    "args",
    [
        ["eval", XOR, "--points", "0,0;1,1"],
        ["eval", "--points=1,0", XOR],
        ["eval", "missing.json", "--points", "0,0"],
        ["validate", XOR],
    ],
)
def test_eval_and_validate_load_no_argparse_dataclasses_typing_or_pathlib(args):
    modules = _modules_after(f"from designer.cli import main\nmain({args!r})")
    at_start = _modules_after("pass")  # an editable install's path hook loads pathlib before any code
    assert [m for m in NOT_FOR_EVAL if m in modules and m not in at_start] == []


def test_commands_do_not_import_what_only_help_or_a_typo_needs():
    """argparse finds the terminal's width through shutil (with bz2, lzma) and a mistyped subcommand's
    suggestion needs difflib: neither is on a command's path (about 7 ms of each start)."""
    for args in (["eval", XOR, "--points", "0,0;1,1"], ["validate", XOR]):
        modules = _modules_after(f"from designer.cli import main\nmain({args!r})")
        assert not {"shutil", "difflib", "bz2", "lzma"} & modules, args


@pytest.mark.parametrize("columns", [50, 120])
def test_help_is_wrapped_to_the_columns_the_terminal_reports(capsys, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    with pytest.raises(SystemExit):
        cli_args.build_parser("eval").parse_args(["eval", "--help"])
    text = capsys.readouterr().out
    lines = text[text.index("\n\n") :].splitlines()  # the usage line may not break inside a group
    assert max(map(len, lines)) <= columns - 2
    assert max(map(len, lines)) > columns - 20  # the room is used, not a fixed narrow width


def test_eval_of_a_csv_imports_only_the_forward_pass(tmp_path):
    data = tmp_path / "in.csv"
    data.write_text("x1,x2\n0,0\n1,1\n")
    modules = _modules_after(
        f"from designer.cli import main\nassert main(['eval', {XOR!r}, '--csv', {str(data)!r}]) == 0"
    )
    assert "designer.engine.compiled" in modules and "numpy" in modules
    assert [m for m in HEAVY if _loaded(modules, m)] == []


def test_the_app_path_imports_no_cli_subcommand_module():
    pytest.importorskip("PySide6", reason="the app's path needs Qt (the Qt-free CI run has none)")
    modules = _modules_after(
        "import designer.ui.app as app\n"
        "app.run = lambda path=None, exercise=None: 0\n"
        "from designer.cli import main\n"
        f"assert main([{XOR!r}]) == 0"
    )
    assert "designer.ui.mainwindow" in modules
    assert [m for m in SUBCOMMAND_MODULES if m in modules] == []


def _registered(modules) -> list[str]:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    for name in modules:
        importlib.import_module(name).register(sub)
    return list(sub.choices)


def test_the_subcommand_map_names_every_subcommand_in_help_order():
    assert _registered(cli.SUBCOMMAND_MODULES) == list(cli.SUBCOMMANDS)
    for module in cli.SUBCOMMAND_MODULES:
        assert _registered([module]) == [name for name, home in cli.SUBCOMMANDS.items() if home == module]


@pytest.mark.parametrize("command", ["eval", "train", "export", "check"])
def test_a_subcommand_parses_with_only_its_own_module(command):
    full = cli_args.build_parser()
    alone = cli_args.build_parser(command)
    help_of = {
        p: next(a for a in p._actions if isinstance(a, argparse._SubParsersAction)).choices[command].format_help()
        for p in (full, alone)
    }
    assert help_of[alone] == help_of[full]


def test_train_in_float32_and_float64(capsys, tmp_path):
    src = tmp_path / "net.json"
    save(layered([2, 5, 1], ["tanh", "sigmoid"], seed=2), src)
    trained = {}
    for dtype in ("float32", "float64"):
        out = tmp_path / f"{dtype}.json"
        argv = ["train", str(src), "--dataset", "xor-quadrants", "--loss", "cross_entropy", "--lr", "0.3"]
        code = cli.main([*argv, "--epochs", "20", "--randomize", "--seed", "3", "--dtype", dtype, "-o", str(out)])
        assert code == 0, capsys.readouterr().err
        trained[dtype] = load(out)
    w32 = [c.weight for c in trained["float32"].connections.values()]
    w64 = [c.weight for c in trained["float64"].connections.values()]
    assert w32 == pytest.approx(w64, rel=1e-3, abs=1e-4)
    assert w32 != w64  # float32 arithmetic really ran


def test_an_unknown_dtype_is_one_line_exit_2(capsys, tmp_path):
    code = cli.main(["train", XOR, "--dataset", "xor", "--dtype", "float16", "-o", str(tmp_path / "o.json")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "float16" in err
    assert not (tmp_path / "o.json").exists()


def test_help_lists_every_subcommand(capsys):
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(f"    {name}" in out for name in cli.SUBCOMMANDS)


@pytest.mark.parametrize(
    "package, submodule, not_loaded",
    [
        ("designer.model", "designer.model.fileformat", ["designer.model.commands"]),
        ("designer.engine", "designer.engine.compiled", ["designer.engine.training", "designer.engine.data"]),
    ],
)
def test_the_packages_export_every_name_lazily(package, submodule, not_loaded):
    module = importlib.import_module(package)
    home = {name: where for where, names in module._HOME.items() for name in names}
    assert set(module.__all__) == set(home) and set(home) <= set(dir(module))
    for name in module.__all__:
        assert getattr(module, name) is getattr(importlib.import_module(home[name]), name)
    with pytest.raises(AttributeError):
        module.no_such_name  # noqa: B018
    modules = _modules_after(f"import {submodule}")
    assert [m for m in not_loaded if _loaded(modules, m)] == []


def test_the_gui_path_starts_numpy_with_one_blas_thread_before_the_app_loads():
    """An OpenBLAS started with a thread per core burns CPU at launch; the GUI path starts it capped."""
    script = (
        "import sys, types\n"
        "from designer.engine.threads import blas_threads\n"
        "fake = types.ModuleType('designer.ui.app')\n"  # stands in for the app: what did the CLI do before it?
        "fake.run = lambda *args, **kwargs: print('numpy' in sys.modules, blas_threads()) or 0\n"
        "sys.modules['designer.ui.app'] = fake\n"
        "from designer.cli import main\n"
        f"sys.exit(main([{XOR!r}]))"
    )
    result = run_python_with_default_threads(script, QT_QPA_PLATFORM="offscreen")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "1"]
