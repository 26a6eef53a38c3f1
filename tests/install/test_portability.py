"""Source rules that keep NN Designer working on Windows and macOS, where CI does not run.

- Text files are opened with an explicit encoding (the default is the locale's: cp1252 on many
  Windows machines), and text written in text mode says its newline (Windows would write \\r\\n).
- POSIX-only functions, constants, modules and paths (/proc, /dev, /sys) appear only where they
  are guarded: under ``if hasattr(os, "fchmod")`` / ``sys.platform`` / ``os.name`` checks, or in a
  ``try`` whose handler catches what they raise elsewhere (ImportError for a module, OSError for a
  path, AttributeError for a function). ``getattr(os, "O_NONBLOCK", 0)`` is fine as is.

What ships and what a developer runs (designer/, scripts/, bench/) is checked; tests/ is not: it
runs on Linux CI only and sends POSIX signals on purpose.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHECKED = ("designer", "scripts", "bench")

POSIX_ONLY = {
    "os": {
        "fork", "forkpty", "getuid", "geteuid", "getgid", "getegid", "getpgid", "setsid", "setpgid", "killpg",
        "fchmod", "fchown", "chown", "lchown", "mkfifo", "mknod", "getloadavg", "sched_getaffinity", "nice",
        "pipe2", "sync", "statvfs", "uname", "O_NONBLOCK", "O_NOCTTY", "O_CLOEXEC", "O_DIRECTORY", "O_NOFOLLOW",
        "WNOHANG",
    },
    "signal": {
        "SIGKILL", "SIGHUP", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGCHLD", "SIGQUIT", "SIGPIPE", "SIGSTOP", "SIGCONT",
        "SIGWINCH", "alarm", "setitimer", "pause", "pthread_kill", "siginterrupt",
    },
}  # fmt: skip
POSIX_MODULES = {"fcntl", "termios", "pwd", "grp", "resource", "posix", "tty", "pty"}
POSIX_PATHS = ("/proc", "/dev/", "/sys/")
WRITE_MODES = set("wax+")


def sources() -> list[Path]:
    return sorted(p for folder in CHECKED for p in (ROOT / folder).rglob("*.py") if "__pycache__" not in p.parts)


def parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def guarded(node: ast.AST, up: dict[ast.AST, ast.AST], errors: tuple[str, ...]) -> bool:
    """Inside an ``if`` on hasattr/getattr/sys.platform/os.name, or a ``try`` that catches one of ``errors``."""
    while node in up:
        child, node = node, up[node]
        if isinstance(node, ast.If | ast.IfExp | ast.While):
            test = ast.unparse(node.test)
            if any(word in test for word in ("hasattr(", "getattr(", "sys.platform", "os.name")):
                return True
        if isinstance(node, ast.Try) and child in node.body:
            caught = " ".join(ast.unparse(h.type) for h in node.handlers if h.type is not None)
            if any(error in caught for error in errors):
                return True
    return False


def keyword(call: ast.Call, name: str) -> bool:
    return any(k.arg == name for k in call.keywords) or any(k.arg is None for k in call.keywords)


def mode_of(call: ast.Call, position: int) -> str | None:
    """The mode argument if it is a literal; None if it is computed (then not judged)."""
    value = next((k.value for k in call.keywords if k.arg == "mode"), None)
    if value is None and len(call.args) > position:
        value = call.args[position]
    if value is None:
        return "r"
    return value.value if isinstance(value, ast.Constant) and isinstance(value.value, str) else None


def text_io_problems(call: ast.Call) -> list[str]:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    if name in ("read_text", "write_text") and isinstance(func, ast.Attribute):
        writes = name == "write_text"
        mode = "w" if writes else "r"
    elif name == "open" and isinstance(func, ast.Name) or name == "fdopen":
        mode = mode_of(call, 1)
        if mode is None or "b" in mode:
            return []
        writes = bool(WRITE_MODES & set(mode))
    else:
        return []
    problems = [] if keyword(call, "encoding") else [f"{name}() without encoding="]
    if writes and not keyword(call, "newline"):
        problems.append(f"{name}() writing text without newline=")
    return problems


def problems_in(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    up = parents(tree)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    found = []
    for node in ast.walk(tree):
        where = f"{path.relative_to(ROOT).as_posix()}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Call):
            found += [f"{where}: {p}" for p in text_io_problems(node)]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.attr in POSIX_ONLY.get(node.value.id, ()) and not guarded(node, up, ("AttributeError",)):
                found.append(f"{where}: {node.value.id}.{node.attr} is POSIX-only; guard it")
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for module in names:
                if module.split(".")[0] in POSIX_MODULES and not guarded(
                    node, up, ("ImportError", "ModuleNotFoundError")
                ):
                    found.append(f"{where}: module {module} is POSIX-only; import it in try/except ImportError")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            if node.value.startswith(POSIX_PATHS) and not guarded(node, up, ("OSError", "FileNotFoundError")):
                found.append(f"{where}: {node.value!r} exists only on Linux; guard it")
    return found


def test_the_sources_are_portable():
    found = [problem for path in sources() for problem in problems_in(path)]
    assert found == []


BAD = """
import fcntl
import os, signal
text = open("a.txt").read()
Path("b").write_text("x", encoding="utf-8")
os.fchmod(3, 0o600)
signal.signal(signal.SIGHUP, print)
status = "/proc/self/status"
"""

GOOD = '''
"""Mentions /proc in a docstring."""
import os, signal, sys
try:
    import fcntl
except ImportError:
    fcntl = None
data = open("a.bin", "rb").read()
text = open("a.txt", encoding="utf-8").read()
Path("b").write_text("x", encoding="utf-8", newline="\\n")
if hasattr(os, "fchmod"):
    os.fchmod(3, 0o600)
flags = getattr(os, "O_NONBLOCK", 0)
if sys.platform.startswith("linux"):
    status = "/proc/self/status"
try:
    cpu = Path("/proc/cpuinfo").read_bytes()
except OSError:
    cpu = b""
'''


@pytest.mark.parametrize(("source", "count"), [(BAD, 6), (GOOD, 0)], ids=["bad", "good"])
def test_the_rules_catch_what_they_should(tmp_path, monkeypatch, source, count):
    monkeypatch.setattr("tests.install.test_portability.ROOT", tmp_path)
    path = tmp_path / "sample.py"
    path.write_text(source, encoding="utf-8", newline="\n")
    assert len(problems_in(path)) == count, problems_in(path)
