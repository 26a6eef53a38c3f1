"""Export a network as a runnable PyTorch file (``to_pytorch``).

The generated file imports only torch. It defines an ``nn.Module`` subclass and
``build_model(dtype=torch.float32)``; pass ``torch.float64`` to get the designed values exactly
(weights are embedded as Python float literals, which round-trip). ``python model.py`` rebuilds
the model in float64, runs it on points chosen at export time and compares with the outputs NN
Designer computed (relative and absolute tolerance 1e-9): prints ``ok`` or exits non-zero.

Feature nodes are computed in ``forward`` by ``with_features(x)``, which appends their columns to
the inputs (code generated from the parsed formula: ``x[:, 0] ** 2``, ``torch.sin(x[:, 1])``);
the first layer then reads inputs and features like the engine's input column.

Two shapes of code:

- Layered, fully connected designs whose layers each use one activation, with the last layer
  being exactly the outputs: an ``nn.Sequential`` of ``nn.Linear`` and activation modules.
- Anything else (mixed activations in a layer, missing links, skip connections, outputs in
  earlier layers): one linear map per depth level over the concatenated values that level reads
  (``Masked``, an ``nn.Linear`` whose missing links are zeroed by a registered ``mask`` buffer,
  where links are missing), then each activation on its block of columns, in an explicit
  ``forward``.

Frozen values (``trainable: false``): a parameter tensor frozen throughout gets
``requires_grad_(False)``; a tensor frozen only in part gets a gradient hook that multiplies its
gradient by a 0/1 buffer (``keep_fixed`` in the generated file; weight decay would still move those
entries, which the generated file says).

Security: user text (name, ids, labels) only appears as ``repr`` string literals in data
constants, which are single-line and escape every control and line-separator character. Comments
and docstrings hold no user text; the class name is reduced to ASCII letters and digits.
"""

from __future__ import annotations

import builtins
import keyword
import re
from dataclasses import dataclass

import numpy as np

from designer import __version__
from designer.engine.formula import evaluator
from designer.export import codegen as cg
from designer.export.checkpoints import check_points
from designer.model.formula import FEATURE, parse
from designer.model.formula_tree import referenced_names, to_source
from designer.model.graph import is_fully_layered, layers
from designer.model.network import ACTIVATIONS, Network
from designer.model.validation import validate

_RESERVED = {"Step", "Masked", "NAME", "INPUTS", "OUTPUTS", "LABELS", "LAYERS", "LEVELS", "PARAMETERS"}
_RESERVED |= {"LINKS", "TRAINABLE", "CHECK_INPUTS", "CHECK_OUTPUTS"}
_MODULES = {"linear": "nn.Identity()", "sigmoid": "nn.Sigmoid()", "relu": "nn.ReLU()", "tanh": "nn.Tanh()"}
_MODULES["step"] = "Step()"
_FUNCTIONS = {"sigmoid": "torch.sigmoid", "relu": "torch.relu", "tanh": "torch.tanh", "step": "step"}


class ExportError(ValueError):
    """The network cannot be exported (invalid); the message says why."""


@dataclass
class _Level:
    """One nn.Linear: its rows (neurons), the value blocks it reads, values and flags."""

    neurons: list[str]
    reads: list[int]  # block numbers: 0 = x, k = a_k
    groups: list[tuple[str, int, int]]  # (activation, first column, end column) of this level's output
    weight: list[list[float]]
    bias: list[float]
    links: list[list[int]]  # 1 where a connection exists
    weight_trainable: list[list[int]]
    bias_trainable: list[int]

    @property
    def masked(self) -> bool:
        return any(0 in row for row in self.links)


def class_name(name: str) -> str:
    """A safe CamelCase class name from a name (ASCII letters and digits only); a new network's
    "Untitled" becomes "Network"."""
    words = re.findall(r"[A-Za-z0-9]+", name)
    ident = "".join(w[:1].upper() + w[1:] for w in words)[:60]
    if not ident or ident.lower() == "untitled":
        return "Network"
    if ident[0].isdigit():
        ident = "Net" + ident
    if keyword.iskeyword(ident) or ident in _RESERVED or hasattr(builtins, ident):
        ident += "Net"
    return ident


def _rank(activation: str) -> int:
    return ACTIVATIONS.index(activation)


def _plan(network: Network) -> tuple[bool, list[_Level], list[list[str]]]:
    """(sequential?, levels, node ids of each value block: block 0 is the inputs)."""
    grouped = layers(network)
    last = grouped[-1] if grouped else []
    sequential = (
        is_fully_layered(network)
        and sorted(last) == sorted(network.outputs)
        and all(len({network.neurons[n].activation for n in layer}) == 1 for layer in grouped)
    )
    if sequential:
        grouped = [*grouped[:-1], list(network.outputs)]
    else:
        grouped = [sorted(layer, key=lambda n: _rank(network.neurons[n].activation)) for layer in grouped]
    blocks: list[list[str]] = [[*network.inputs, *network.features]]
    block_of = dict.fromkeys(blocks[0], 0)
    block_of.update({n: k + 1 for k, layer in enumerate(grouped) for n in layer})
    incoming: dict[str, dict[str, tuple[float, bool]]] = {n: {} for n in network.neurons}
    for c in network.connections.values():
        incoming[c.target][c.source] = (c.weight, c.trainable)
    result = []
    for k, layer in enumerate(grouped, start=1):
        used = {block_of[s] for n in layer for s in incoming[n]}
        reads = sorted(used) if used else [k - 1 if sequential else 0]
        columns = [node for b in reads for node in blocks[b]]
        weight, links, w_trainable = [], [], []
        for n in layer:
            weight.append([incoming[n].get(s, (0.0, True))[0] for s in columns])
            links.append([int(s in incoming[n]) for s in columns])
            w_trainable.append([int(incoming[n].get(s, (0.0, True))[1]) for s in columns])
        groups: list[tuple[str, int, int]] = []
        for i, n in enumerate(layer):
            act = network.neurons[n].activation
            if groups and groups[-1][0] == act:
                groups[-1] = (act, groups[-1][1], i + 1)
            else:
                groups.append((act, i, i + 1))
        result.append(
            _Level(
                neurons=list(layer),
                reads=reads,
                groups=groups,
                weight=weight,
                bias=[network.neurons[n].bias for n in layer],
                links=links,
                weight_trainable=w_trainable,
                bias_trainable=[int(network.neurons[n].trainable) for n in layer],
            )
        )
        blocks.append(list(layer))
    return sequential, result, blocks


def to_pytorch(network: Network, name: str | None = None) -> str:
    """The source of a PyTorch file for ``network`` (see the module docstring); the class is named
    after ``name`` (the app passes the file name of a saved network), else the network's name."""
    problems = validate(network)
    if problems:
        raise ExportError(f"cannot export: {problems[0]}")
    if not network.outputs:
        raise ExportError("cannot export: the network has no output neuron")
    sequential, plan, blocks = _plan(network)
    name = class_name(network.name if name is None else name)
    x, y = check_points(network)
    params: dict[str, tuple[list[list[float]], list[float]]] = {}
    links: dict[str, list[list[int]]] = {}
    trainable: dict[str, list[list[int]] | list[int]] = {}
    freezes: list[str] = []
    for k, level in enumerate(plan, start=1):
        key = f"layers.{2 * (k - 1)}" if sequential else f"level{k}"
        attr = f"self.layers[{2 * (k - 1)}]" if sequential else f"self.{key}"
        params[key] = (level.weight, level.bias)
        if level.masked and not sequential:
            links[key] = level.links
        flags_of: dict[str, list[list[int]] | list[int]] = {
            "weight": level.weight_trainable,
            "bias": level.bias_trainable,
        }
        existing = [
            flag
            for flag_row, link_row in zip(level.weight_trainable, level.links, strict=True)
            for flag, link in zip(flag_row, link_row, strict=True)
            if link
        ]
        for part, flags in flags_of.items():
            flat = existing if part == "weight" else level.bias_trainable
            if all(flat):
                continue
            if not any(flat):
                freezes.append(f"{attr}.{part}.requires_grad_(False)")
            else:
                trainable[f"{key}.{part}"] = flags
                freezes.append(f'keep_fixed({attr}, "{part}", TRAINABLE["{key}.{part}"])')
    activations = {g[0] for level in plan for g in level.groups}
    parts = [
        "\n\n".join(
            (
                cg.header(__version__, len(network.inputs), len(network.outputs), "relu" in activations).strip("\n"),
                cg.imports(),
                cg.constants(network, [level.neurons for level in plan], sequential),
            )
        ),
        cg.helpers(
            step="step" in activations,
            step_module=sequential and "step" in activations,
            masked=bool(links),
            keep_fixed=bool(trainable),
            features=feature_columns(network),
        ),
    ]
    if sequential:
        modules = [_MODULES[level.groups[0][0]] for level in plan]
        sizes = [(len(blocks[k - 1]), len(level.neurons)) for k, level in enumerate(plan, start=1)]
        parts.append(cg.sequential_class(name, sizes, modules, network.softmax, freezes, bool(network.features)))
    else:
        init = []
        for k, level in enumerate(plan, start=1):
            n_in = sum(len(blocks[b]) for b in level.reads)
            if f"level{k}" in links:
                init.append(f'self.level{k} = Masked({n_in}, {len(level.neurons)}, LINKS["level{k}"])')
            else:
                init.append(f"self.level{k} = nn.Linear({n_in}, {len(level.neurons)})")
        body = _forward_body(network, plan, blocks)
        parts.append(cg.explicit_class(name, init, freezes, body))
    parts.append(cg.data(params, links, trainable))
    parts.append(cg.build_function(name))
    parts.append(cg.check(np.asarray(x).tolist(), np.asarray(y).tolist()))
    return "\n\n\n".join(p.strip("\n") for p in parts if p) + "\n"


def _forward_body(network: Network, plan: list[_Level], blocks: list[list[str]]) -> list[str]:
    """Lines of ``forward``: per level z = linear map of what it reads, then activations by block."""
    lines = ["x = with_features(x)"] if network.features else []
    block_names = ["x"] + [f"a{k}" for k in range(1, len(plan) + 1)]
    for k, level in enumerate(plan, start=1):
        read = [block_names[b] for b in level.reads]
        source = read[0] if len(read) == 1 else f"torch.cat([{', '.join(read)}], dim=1)"
        linear = f"self.level{k}({source})"
        if len(level.groups) == 1:
            lines.append(f"a{k} = {_activate(level.groups[0][0], linear)}")
            continue
        lines.append(f"z{k} = {linear}")
        pieces = [_activate(act, f"z{k}[:, {lo}:{hi}]") for act, lo, hi in level.groups]
        lines.append(f"a{k} = torch.cat([{', '.join(pieces)}], dim=1)")
    position = {node: (b, i) for b, ids in enumerate(blocks) for i, node in enumerate(ids)}
    used = sorted({position[o][0] for o in network.outputs})
    offsets, total = {}, 0
    for b in used:
        offsets[b] = total
        total += len(blocks[b])
    columns = [offsets[position[o][0]] + position[o][1] for o in network.outputs]
    out = block_names[used[0]] if len(used) == 1 else f"torch.cat([{', '.join(block_names[b] for b in used)}], dim=1)"
    if columns != list(range(total)):
        out = f"{out}[:, {columns}]"
    if network.softmax:
        out = f"torch.softmax({out}, dim=1)"
    lines.append(f"return {out}")
    return lines


def feature_columns(network: Network) -> list[str]:
    """Each feature node as a Python expression of the input tensor x (one column, shape (N,)).

    Written from the parsed formula, never from the typed text: names become ``x[:, i]``,
    functions ``torch.sin`` etc., numbers exact literals. A formula without inputs is a constant
    column ``x.new_full((N,), value)``.
    """
    column = {node_id: i for i, node_id in enumerate(network.inputs)}
    columns = []
    for feature in network.features.values():
        tree = parse(feature.expression, list(network.inputs), FEATURE)
        if not referenced_names(tree):
            value = float(np.asarray(evaluator(tree)({}), dtype=np.float64))
            columns.append(f"x.new_full((x.shape[0],), {cg.number(value)})")
            continue
        columns.append(to_source(tree, lambda n: f"x[:, {column[n]}]", lambda f: f"torch.{f}", power="**"))
    return columns


def _activate(activation: str, expression: str) -> str:
    if activation == "linear":
        return expression
    return f"{_FUNCTIONS[activation]}({expression})"
