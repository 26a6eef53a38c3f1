"""Hostile names, ids and labels: the exported file does nothing but build and check the model."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys

import pytest

from designer.export import to_pytorch
from designer.export.pytorch import class_name
from designer.model import Connection, InputNode, Network, Neuron
from tests.torchref import require_torch

torch = require_torch()

PAYLOADS = [
    '"); import os; os.system("touch {m}")  #',
    "'); import os; os.system('touch {m}')  #",
    '"""\nimport os\nos.system("touch {m}")\n"""',
    "'''\nimport os; os.system('touch {m}')\n'''",
    "x\u2028import os; os.system('touch {m}')\u2029",
    "x\rimport os; os.system('touch {m}')",
    "\\\nimport os; os.system('touch {m}')  # \\",
    "\\' + __import__('os').system('touch {m}') + '",
    "{{__import__('os').system('touch {m}')}}",
    "\x00\x0b\x0c\x1b\x85 # -*- coding: rot13 -*-",
    "\ud800 lone surrogate \U0001f600",
]

# Runs the model file as __main__ under an audit hook that refuses (and reports) anything but
# computing: writing files, processes, sockets; then reports modules imported beyond torch.
WRAPPER = r"""
import json, os, runpy, sys
import torch  # warm up: whatever torch imports on its own is not the model's doing
before = set(sys.modules)
problems = []
WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
DANGER = ("os.system", "subprocess.", "os.exec", "os.spawn", "os.posix_spawn", "os.fork", "socket.",
          "os.remove", "os.rename", "os.mkdir", "os.rmdir", "os.unlink", "os.truncate", "os.chmod",
          "shutil.", "ctypes.", "os.kill", "urllib.", "http.", "pty.", "webbrowser.", "os.link", "os.symlink")
def hook(event, args):
    if event == "open":
        mode, flags = args[1], args[2]
        if (isinstance(mode, str) and set(mode) & set("wax+")) or (isinstance(flags, int) and flags & WRITE):
            problems.append(f"open for writing: {args[0]!r}")
            raise PermissionError("no writing")
    elif event == "import":
        problems.append(f"import {args[0]}")
    elif event.startswith(DANGER):
        problems.append(event)
        raise PermissionError(event)
sys.addaudithook(hook)
runpy.run_path(sys.argv[1], run_name="__main__")
new = sorted(m for m in set(sys.modules) - before if m != "torch" and not m.startswith("torch."))
print(json.dumps({"problems": problems, "new_modules": new}))
"""


def hostile_network(marker: str) -> Network:
    texts = [p.format(m=marker) for p in PAYLOADS]
    net = Network(name=texts[0], description=texts[2])
    for i, text in enumerate(texts[:4]):
        net.inputs[f"{text}in{i}"] = InputNode(f"{text}in{i}", label=texts[-1 - i])
    hidden = []
    for i, text in enumerate(texts):
        nid = f"{text}h{i}"
        net.neurons[nid] = Neuron(nid, ("sigmoid", "step", "relu", "tanh", "linear")[i % 5], 0.1 * i, label=text)
        for j, source in enumerate([*net.inputs, *hidden][-3:]):
            net.connections[(source, nid)] = Connection(source, nid, 0.5 - 0.25 * j)
        hidden.append(nid)
    net.connections[(hidden[-2], hidden[-1])].trainable = False
    net.outputs = [hidden[-1], hidden[-3]]
    return net


def benign_copy(net: Network) -> Network:
    """The same structure with plain ids, labels and name."""
    rename = {old: f"n{k}" for k, old in enumerate(net.node_ids())}
    clean = Network(name="net")
    for k, node in enumerate(net.inputs.values()):
        clean.inputs[rename[node.id]] = InputNode(rename[node.id], label=f"label{k}" if node.label else None)
    for k, n in enumerate(net.neurons.values()):
        clean.neurons[rename[n.id]] = Neuron(rename[n.id], n.activation, n.bias, f"l{k}" if n.label else None)
    for (s, t), c in net.connections.items():
        clean.connections[(rename[s], rename[t])] = Connection(rename[s], rename[t], c.weight, c.trainable)
    clean.outputs = [rename[o] for o in net.outputs]
    return clean


class _Normalise(ast.NodeTransformer):
    """Blank every string constant and the class name: what is left is the program's structure."""

    def __init__(self, cls: str) -> None:
        self.cls = cls

    def visit_Constant(self, node: ast.Constant) -> ast.Constant:
        return ast.Constant("S") if isinstance(node.value, str) else node

    def visit_Name(self, node: ast.Name) -> ast.Name:
        return ast.Name("CLS", node.ctx) if node.id == self.cls else node

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.ClassDef:
        self.generic_visit(node)
        if node.name == self.cls:
            node.name = "CLS"
        return node


def structure(source: str, cls: str) -> str:
    return ast.dump(_Normalise(cls).visit(ast.parse(source)))


def test_hostile_text_only_reaches_the_code_as_string_literals(tmp_path):
    net = hostile_network(str(tmp_path / "pwned"))
    code = to_pytorch(net)
    benign = to_pytorch(benign_copy(net))
    assert structure(code, class_name(net.name)) == structure(benign, "Net")
    constants = {n.value for n in ast.walk(ast.parse(code)) if isinstance(n, ast.Constant)}
    assert net.name in constants and all(i in constants for i in net.node_ids())
    assert all(n.label in constants for n in net.neurons.values())
    assert net.description not in code and "pwned" not in "".join(
        line for line in code.splitlines() if line.lstrip().startswith("#")
    )
    assert all(ch not in code for ch in "\u2028\u2029\x85\r\x00\x0b\x0c")


def test_running_a_hostile_export_does_nothing_but_check_the_model(tmp_path):
    marker = tmp_path / "pwned"
    model = tmp_path / "model.py"
    model.write_text(to_pytorch(hostile_network(str(marker))), encoding="utf-8")
    wrapper = tmp_path / "wrapper.py"
    wrapper.write_text(WRAPPER, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-I", str(wrapper), str(model)], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    first, report = done.stdout.splitlines()
    assert first == "ok"
    assert json.loads(report) == {"problems": [], "new_modules": []}
    assert not marker.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.py", "wrapper.py"]


def test_the_audit_wrapper_does_catch_side_effects(tmp_path):
    """The wrapper above must be able to fail: a file that does write is reported."""
    model = tmp_path / "model.py"
    model.write_text(f"import os\nos.system('touch {tmp_path / 'x'}')\nprint('ok')\n", encoding="utf-8")
    wrapper = tmp_path / "wrapper.py"
    wrapper.write_text(WRAPPER, encoding="utf-8")
    done = subprocess.run([sys.executable, "-I", str(wrapper), str(model)], capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "os.system" in done.stderr
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("XOR from step units", "XORFromStepUnits"),
        ('"); import os; os.system("touch /tmp/pwned")  #', "ImportOsOsSystemTouchTmpPwned"),
        ("", "Network"),
        ("ÄÖÜ ✓", "Network"),
        ("2 layer net", "Net2LayerNet"),
        ("None", "NoneNet"),
        ("SystemExit", "SystemExitNet"),
        ("Step", "StepNet"),
        ("print", "Print"),
    ],
)
def test_class_names_are_sanitised(name, expected):
    ident = class_name(name)
    assert ident == expected
    assert re.fullmatch(r"[A-Za-z][A-Za-z0-9]{0,62}", ident)
