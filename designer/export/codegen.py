"""Text pieces of the generated PyTorch file (see ``pytorch.py`` for what the file does).

Only fixed text, numbers and ``repr`` of strings go into the output: never raw user text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from designer.model.network import Network

INDENT = "    "


def literal(text: str) -> str:
    """A Python string literal for any text: ``repr`` escapes quotes, backslashes, line breaks,
    U+2028/U+2029 and every other non-printable character, so the literal is one safe line."""
    if not isinstance(text, str):  # never format arbitrary objects into code
        raise TypeError(f"expected str, got {type(text).__name__}")
    result = repr(text)
    assert "\n" not in result and "\r" not in result
    return result


def number(value: float) -> str:
    """A float literal that reads back as exactly the same float64.

    Non-finite values (a self-check output that overflowed) are written ``float("inf")``,
    ``float("-inf")`` or ``float("nan")``: Python has no literal for them (``inf`` alone would be
    a NameError in the generated file).
    """
    value = float(value)
    if math.isfinite(value):
        return repr(value)
    return f'float("{value}")'  # "inf", "-inf" or "nan": float() reads each back


def _fill(items: list[str], indent: str, width: int = 100) -> list[str]:
    """Items (each ending in a comma) packed into lines of at most ``width`` characters."""
    lines: list[str] = []
    for item in items:
        if lines and len(indent) + len(lines[-1]) + 1 + len(item) <= width:
            lines[-1] += " " + item
        else:
            lines.append(item)
    return [indent + line for line in lines]


def _bracketed(items: list[str], indent: str, brackets: str = "[]") -> str:
    """``[a, b]`` on one line if short, else wrapped over several lines."""
    opening, closing = brackets
    flat = ", ".join(items)
    if len(indent) + len(flat) <= 96:
        return f"{opening}{flat},{closing}" if brackets == "()" and len(items) == 1 else f"{opening}{flat}{closing}"
    body = "\n".join(_fill([f"{i}," for i in items], indent + INDENT))
    return f"{opening}\n{body}\n{indent}{closing}"


def _vector(values: Sequence[float | int], fmt: type = float, indent: str = "") -> str:
    return _bracketed([number(v) if fmt is float else str(int(v)) for v in values], indent)


def matrix(rows: Sequence[Sequence[float | int]], indent: str, fmt: type = float) -> str:
    """A nested list, one row per line (long rows wrapped)."""
    if not rows:
        return "[]"
    inner = "".join(f"{indent}{INDENT}{_vector(row, fmt, indent + INDENT)},\n" for row in rows)
    return f"[\n{inner}{indent}]"


def _tuple(items: Sequence[str], indent: str = "") -> str:
    """A tuple of string literals: on one line if short, else wrapped."""
    return _bracketed([literal(i) for i in items], indent, "()")


#: Said in the header of a file with ReLUs: where PyTorch's gradient and the lecture's differ.
RELU_AT_ZERO = """

Gradients: PyTorch's ReLU has the derivative 0 at exactly z = 0, where the lecture and NN Designer
take 1; training this model can differ from the app's only where a ReLU's input is exactly 0
(the outputs never differ)."""


def header(version: str, n_inputs: int, n_outputs: int, relu: bool = False) -> str:
    note = RELU_AT_ZERO if relu else ""
    return f'''
"""A neural network designed in NN Designer {version}, as PyTorch code.

forward(x) takes a float tensor of shape (N, {n_inputs}) whose columns are the inputs listed in
INPUTS, in that order, and returns a tensor of shape (N, {n_outputs}): the outputs in OUTPUTS.
build_model() returns the network with its designed weights loaded (float32 by default;
build_model(torch.float64) keeps them exact). `python this_file.py` checks the model against
the outputs NN Designer computed and prints "ok".{note}
"""
'''


#: What the exported file says, in one line, where PyTorch cannot be imported (its own text only: no
#: name from the network goes into it).
NEEDS_TORCH = (
    "this model needs PyTorch: install it with pip install torch (see https://pytorch.org/get-started/locally/)"
)


def imports() -> str:
    """The file's imports: without PyTorch, run as a script it ends with one line and exit status 1,
    imported it raises ImportError saying the same (Python's traceback of a missing module told a
    student nothing about what to install)."""
    return f"""import math

try:
    import torch
    from torch import nn
except ImportError as exc:
    NEEDS_TORCH = {NEEDS_TORCH!r}
    if __name__ == "__main__":
        raise SystemExit(f"{{NEEDS_TORCH}}; import torch said: {{' '.join(str(exc).split())}}") from None
    raise ImportError(NEEDS_TORCH) from exc"""


def constants(network: Network, level_neurons: list[list[str]], sequential: bool) -> str:
    lines = [
        f"NAME = {literal(network.name)}",
        "#: NN Designer input ids: the columns of forward's x, in order.",
        f"INPUTS = {_tuple(list(network.inputs))}",
        "#: NN Designer output neuron ids: the columns of forward's result, in order.",
        f"OUTPUTS = {_tuple(list(network.outputs))}",
    ]
    if network.features:
        lines.append("#: NN Designer feature node ids: computed from the inputs, the columns after them.")
        lines.append(f"FEATURES = {_tuple(list(network.features))}")
    if sequential:
        lines.append("#: Neuron ids of each layer, in the order of its nn.Linear's rows.")
        lines.append("LAYERS = (")
    else:
        lines.append("#: Neuron ids of each level (a1, a2, …), in the order of its columns.")
        lines.append("LEVELS = (")
    lines += [f"{INDENT}{_tuple(ids, INDENT)}," for ids in level_neurons]
    lines.append(")")
    nodes = [*network.inputs.values(), *network.features.values(), *network.neurons.values()]
    labelled = [(node.id, node.label) for node in nodes if node.label]
    lines.append("#: Labels shown in NN Designer, by id.")
    if labelled:
        lines.append("LABELS = {")
        lines += [f"{INDENT}{literal(i)}: {literal(label)}," for i, label in labelled]
        lines.append("}")
    else:
        lines.append("LABELS: dict[str, str] = {}")
    return "\n".join(lines)


_STEP = '''
def step(z: torch.Tensor) -> torch.Tensor:
    """The lecture's hard threshold: 1 where z >= 0, else 0 (so step(0) = 1).

    Its derivative is 0 everywhere: PyTorch does not track a gradient through it.
    """
    return (z >= 0).to(z.dtype)
'''

_STEP_MODULE = '''
class Step(nn.Module):
    """step(z) as a module for nn.Sequential."""

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return step(z)
'''

_MASKED = '''
class Masked(nn.Linear):
    """nn.Linear for neurons that do not read every column, with mask True where a connection
    exists. Each neuron sums only the columns it reads: an infinite value in a column it does not
    read adds nothing (weight * mask would make that 0 * inf = NaN). Missing connections get no
    gradient."""

    def __init__(self, in_features: int, out_features: int, mask: list[list[int]]) -> None:
        super().__init__(in_features, out_features)
        self.register_buffer("mask", torch.tensor(mask, dtype=torch.bool))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        read = torch.where(self.mask, x.unsqueeze(-2), 0.0)  # (..., out, in): each neuron's own columns
        return (read * self.weight).sum(-1) + self.bias
'''

_KEEP_FIXED = '''
def keep_fixed(module: nn.Module, name: str, trainable: list) -> None:
    """Freeze single entries of module.<name> (trainable 0 = frozen in NN Designer).

    requires_grad is all or nothing per tensor, so a gradient hook multiplies the gradient by
    the 0/1 buffer module.<name>_trainable. Optimisers then leave those entries alone, except
    for weight decay (use weight_decay=0). Save the model with state_dict(): the hook is a lambda.
    """
    buffer = name + "_trainable"
    module.register_buffer(buffer, torch.tensor(trainable, dtype=torch.bool))
    getattr(module, name).register_hook(lambda grad: grad * getattr(module, buffer))
'''


def helpers(*, step: bool, step_module: bool, masked: bool, keep_fixed: bool, features: Sequence[str] = ()) -> str:
    """The helper definitions the model needs; ``features`` are the feature columns as Python expressions of x."""
    chosen = [(step, _STEP), (step_module, _STEP_MODULE), (masked, _MASKED), (keep_fixed, _KEEP_FIXED)]
    texts = [text.strip("\n") for on, text in chosen if on]
    if features:
        texts.append(with_features(features))
    return "\n\n\n".join(texts)


def with_features(columns: Sequence[str]) -> str:
    """``with_features(x)``: x followed by the feature columns (code written from parsed formulas: no user text)."""
    body = "\n".join(f"{INDENT * 3}{column}," for column in columns)
    return f'''def with_features(x: torch.Tensor) -> torch.Tensor:
    """The inputs followed by the feature nodes (FEATURES, in order), computed from them."""
    features = torch.stack(
        [
{body}
        ],
        dim=1,
    )
    return torch.cat([x, features], dim=1)'''


def _freeze_lines(freezes: list[str]) -> list[str]:
    if not freezes:
        return []
    return [f"{INDENT * 2}# frozen in NN Designer (trainable: false)"] + [f"{INDENT * 2}{f}" for f in freezes]


def sequential_class(
    name: str, sizes: list[tuple[int, int]], modules: list[str], softmax: bool, freezes: list[str], features: bool
) -> str:
    shape = " → ".join([str(sizes[0][0])] + [str(n_out) for _, n_out in sizes])
    items = []
    for (n_in, n_out), module in zip(sizes, modules, strict=True):
        items += [f"nn.Linear({n_in}, {n_out}),", f"{module},"]
    if softmax:
        items.append("nn.Softmax(dim=1),")
    lines = [
        f"class {name}(nn.Module):",
        f'{INDENT}"""Fully connected layers {shape} in an nn.Sequential."""',
        "",
        f"{INDENT}def __init__(self) -> None:",
        f"{INDENT * 2}super().__init__()",
        f"{INDENT * 2}self.layers = nn.Sequential(",
        *[f"{INDENT * 3}{item}" for item in items],
        f"{INDENT * 2})",
        *_freeze_lines(freezes),
        "",
        f"{INDENT}def forward(self, x: torch.Tensor) -> torch.Tensor:",
        f"{INDENT * 2}return self.layers(with_features(x))" if features else f"{INDENT * 2}return self.layers(x)",
    ]
    return "\n".join(lines)


def explicit_class(name: str, init: list[str], freezes: list[str], body: list[str]) -> str:
    lines = [
        f"class {name}(nn.Module):",
        f'{INDENT}"""Level by level: a level\'s neurons read only earlier levels, so each level is one',
        f"{INDENT}linear map over the values it reads, then each neuron's activation on its columns.",
        f'{INDENT}(Neurons of a level are ordered by activation; LEVELS lists them.)"""',
        "",
        f"{INDENT}def __init__(self) -> None:",
        f"{INDENT * 2}super().__init__()",
        *[f"{INDENT * 2}{line}" for line in init],
        *_freeze_lines(freezes),
        "",
        f"{INDENT}def forward(self, x: torch.Tensor) -> torch.Tensor:",
        *[f"{INDENT * 2}{line}" for line in body],
    ]
    return "\n".join(lines)


def data(
    params: dict[str, tuple[list[list[float]], list[float]]],
    links: dict[str, list[list[int]]],
    trainable: dict[str, list[list[int]] | list[int]],
) -> str:
    lines = ["#: The designed weights and biases (exact float64 values), by state_dict name.", "PARAMETERS = {"]
    for key, (weight, bias) in params.items():
        lines.append(f'{INDENT}"{key}.weight": {matrix(weight, INDENT)},')
        lines.append(f'{INDENT}"{key}.bias": {_vector(bias, float, INDENT)},')
    lines.append("}")
    if links:
        lines.append("#: 1 where a connection exists (rows: a level's neurons; columns: the values it reads).")
        lines.append("LINKS = {")
        lines += [f'{INDENT}"{key}": {matrix(rows, INDENT, int)},' for key, rows in links.items()]
        lines.append("}")
    if trainable:
        lines.append("#: 0 where a value is frozen in NN Designer, for parameters frozen only in part.")
        lines.append("TRAINABLE = {")
        for key, flags in trainable.items():
            if flags and isinstance(flags[0], list):
                text = matrix(flags, INDENT, int)  # type: ignore[arg-type]
            else:
                text = _vector(flags, int, INDENT)  # type: ignore[arg-type]
            lines.append(f'{INDENT}"{key}": {text},')
        lines.append("}")
    return "\n".join(lines)


def build_function(name: str) -> str:
    return f'''
def build_model(dtype: torch.dtype = torch.float32) -> {name}:
    """The network with its designed weights and biases loaded."""
    model = {name}().to(dtype)
    with torch.no_grad():
        for key, param in model.named_parameters():
            param.copy_(torch.tensor(PARAMETERS[key], dtype=torch.float64))
    return model
'''


def check(inputs: list[list[float]], outputs: list[list[float]]) -> str:
    return f"""
#: Inputs chosen at export time and the outputs NN Designer computed for them (float64).
CHECK_INPUTS = {matrix(inputs, "")}
CHECK_OUTPUTS = {matrix(outputs, "")}

if __name__ == "__main__":
    model = build_model(torch.float64)
    with torch.no_grad():
        result = model(torch.tensor(CHECK_INPUTS, dtype=torch.float64))
    expected = torch.tensor(CHECK_OUTPUTS, dtype=torch.float64)
    if result.shape != expected.shape:
        raise SystemExit(f"mismatch: output shape {{tuple(result.shape)}}, expected {{tuple(expected.shape)}}")
    close = torch.isclose(result, expected, rtol=1e-9, atol=1e-9, equal_nan=True)
    if not close.all():
        row, column = (int(i) for i in torch.nonzero(~close)[0])
        ours, theirs = result[row, column].item(), expected[row, column].item()
        note = ""
        if not (math.isfinite(ours) and math.isfinite(theirs)):
            note = " (values this large overflow: float64 sums in another order reach inf or NaN differently)"
        raise SystemExit(
            f"mismatch at check input {{CHECK_INPUTS[row]}}, output {{column}}: "
            f"NN Designer computed {{theirs!r}}, this model {{ours!r}}{{note}}"
        )
    print("ok")
"""
