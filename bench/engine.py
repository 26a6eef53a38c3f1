"""Engine speed against PyTorch eager and a straightforward float64 numpy reference, in one run.

Run by hand (not in CI):  OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/engine.py [--repeats 5]
Prints a markdown table for docs/performance.md: training steps per second (SGD, MSE), each the
median of --repeats runs. "mixed" = hidden neurons cycle relu/tanh/sigmoid/linear per neuron
(PyTorch: slice by activation, apply, concatenate); output sigmoid.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from designer.engine import Trainer, TrainingSettings, compile_network, randomize  # noqa: E402
from designer.model import Connection, InputNode, Network, Neuron  # noqa: E402

MIXED = ("relu", "tanh", "sigmoid", "linear")


def layered(sizes: list[int], mixed: bool) -> Network:
    """Fully connected net; hidden activations cycle per neuron when ``mixed``; sigmoid output."""
    net = Network(name="bench")
    prev = [f"x{i}" for i in range(sizes[0])]
    for p in prev:
        net.inputs[p] = InputNode(p)
    for d, size in enumerate(sizes[1:], start=1):
        layer = []
        last = d == len(sizes) - 1
        for j in range(size):
            nid = f"y{j}" if last else f"h{d}_{j}"
            act = "sigmoid" if last else (MIXED[j % 4] if mixed else "tanh")
            net.neurons[nid] = Neuron(nid, act)
            for s in prev:
                net.connections[(s, nid)] = Connection(s, nid, 0.0)
            layer.append(nid)
        prev = layer
    net.outputs = prev
    return net


def data(n: int = 1000) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    x = rng.uniform(-6, 6, (n, 2))
    return x, (x[:, :1] * x[:, 1:] >= 0).astype(float)


def rate(step: Callable[[], object], seconds: float = 0.4) -> float:
    """Steps per second over about ``seconds`` after a warm-up."""
    for _ in range(50):
        step()
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for _ in range(50):
            step()
        n += 50
    return n / (time.perf_counter() - start)


# ------------------------------------------------------------------ contenders
def engine_stepper(sizes: list[int], mixed: bool, batch: int | None, dtype: type) -> Callable[[], object]:
    compiled = compile_network(layered(sizes, mixed), dtype)
    randomize(compiled, 0)
    x, y = data()
    trainer = Trainer(
        compiled, x, y, TrainingSettings(loss="mse", optimizer="sgd", learning_rate=0.01, batch_size=batch)
    )
    return trainer.step


def reference_stepper(sizes: list[int], mixed: bool, batch: int | None) -> Callable[[], object]:
    """The straightforward way: float64, sample-major, fresh arrays every step, activations per column."""
    rng = np.random.default_rng(0)
    ws = [rng.uniform(-0.5, 0.5, (a, b)) for a, b in zip(sizes[:-1], sizes[1:], strict=True)]
    bs = [np.zeros(b) for b in sizes[1:]]
    acts = [
        [MIXED[j % 4] if mixed else "tanh" for j in range(s)] if i < len(sizes) - 2 else ["sigmoid"] * s
        for i, s in enumerate(sizes[1:])
    ]
    fn = {
        "relu": (lambda z: np.maximum(z, 0), lambda z, a: (z >= 0).astype(float)),
        "tanh": (np.tanh, lambda z, a: 1 - a * a),
        "sigmoid": (lambda z: 1 / (1 + np.exp(-z)), lambda z, a: a * (1 - a)),
        "linear": (lambda z: z, lambda z, a: np.ones_like(z)),
    }
    x, y = data()
    b = batch or len(x)
    state = {"i": 0}

    def apply(names: list[str], z: np.ndarray, which: int, a: np.ndarray | None = None) -> np.ndarray:
        if len(set(names)) == 1:
            f = fn[names[0]][which]
            return f(z) if which == 0 else f(z, a)
        cols = [
            fn[n][which](z[:, j : j + 1]) if which == 0 else fn[n][which](z[:, j : j + 1], a[:, j : j + 1])
            for j, n in enumerate(names)
        ]
        return np.hstack(cols)

    def step() -> None:
        i = state["i"]
        xb, yb = x[i : i + b], y[i : i + b]
        state["i"] = (i + b) % len(x)
        zs, as_ = [], [xb]
        for w, bias, names in zip(ws, bs, acts, strict=True):
            z = as_[-1] @ w + bias
            zs.append(z)
            as_.append(apply(names, z, 0))
        grad = 2 * (as_[-1] - yb) / yb.size
        for k in range(len(ws) - 1, -1, -1):
            gz = grad * apply(acts[k], zs[k], 1, as_[k + 1])
            grad = gz @ ws[k].T
            ws[k] -= 0.01 * (as_[k].T @ gz)
            bs[k] -= 0.01 * gz.sum(axis=0)

    return step


def torch_stepper(sizes: list[int], mixed: bool, batch: int | None, f64: bool = True) -> Callable[[], object] | None:
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)

    class Mixed(torch.nn.Module):
        """Per-neuron activations the way one writes them in PyTorch: slice, apply, concatenate."""

        def __init__(self, size: int) -> None:
            super().__init__()
            fns = {"relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid, "linear": lambda z: z}
            self.fns = [fns[MIXED[j % 4]] for j in range(size)]
            order = sorted(range(size), key=lambda j: j % 4)
            self.register_buffer("order", torch.tensor(order))
            self.groups = [(MIXED[g], [j for j in order if j % 4 == g]) for g in range(4)]
            self.spans = []
            start = 0
            for name, members in self.groups:
                if members:
                    self.spans.append((fns[name], start, start + len(members)))
                    start += len(members)
            self.register_buffer("inverse", torch.argsort(self.order))

        def forward(self, z: torch.Tensor) -> torch.Tensor:
            z = z[:, self.order]
            out = torch.cat([f(z[:, a:b]) for f, a, b in self.spans], dim=1)
            return out[:, self.inverse]

    layers: list[torch.nn.Module] = []
    for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:], strict=True)):
        layers.append(torch.nn.Linear(a, b))
        last = i == len(sizes) - 2
        layers.append(torch.nn.Sigmoid() if last else (Mixed(b) if mixed else torch.nn.Tanh()))
    model = torch.nn.Sequential(*layers)
    model = model.double() if f64 else model.float()
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    x, y = data()
    xt, yt = torch.tensor(x), torch.tensor(y)
    if not f64:
        xt, yt = xt.float(), yt.float()
    b = batch or len(x)
    state = {"i": 0}

    def step() -> None:
        i = state["i"]
        state["i"] = (i + b) % len(x)
        opt.zero_grad()
        loss = ((model(xt[i : i + b]) - yt[i : i + b]) ** 2).mean()
        loss.backward()
        opt.step()

    return step


def grid_ms(sizes: list[int], mixed: bool, dtype: type) -> float:
    compiled = compile_network(layered(sizes, mixed), dtype)
    randomize(compiled, 0)
    axis = np.linspace(-6, 6, 200)
    grid = np.stack(np.meshgrid(axis, axis), -1).reshape(-1, 2)
    for _ in range(5):
        compiled.forward_all(grid, keep_z=False, copy=False)
    times = []
    for _ in range(50):
        t = time.perf_counter()
        compiled.forward_all(grid, keep_z=False, copy=False)  # outputs and every neuron's map
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1e3


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    med = statistics.median
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"numpy {np.__version__}, OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS')}"
    )
    try:
        import torch

        print(f"torch {torch.__version__} (1 thread)")
    except ImportError:
        print("torch not installed: PyTorch column empty")
    print()
    print(
        "| case | engine f64 | engine f32 | numpy f64 reference | PyTorch f64 | PyTorch f32 "
        "| engine ÷ PyTorch (f64, f32) | engine f64 ÷ reference |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    cases = [
        ("2-8-8-1 mixed, 1000 pts, full batch", [2, 8, 8, 1], True, None),
        ("2-8-8-1 mixed, batch 10", [2, 8, 8, 1], True, 10),
        ("2-8-8-1 tanh, 1000 pts, full batch", [2, 8, 8, 1], False, None),
        ("2-8-8-1 tanh, batch 10", [2, 8, 8, 1], False, 10),
        ("2-64-64-1 tanh, 1000 pts, full batch", [2, 64, 64, 1], False, None),
        ("2-64-64-1 tanh, batch 10", [2, 64, 64, 1], False, 10),
    ]
    for name, sizes, mixed, batch in cases:
        e64 = med(rate(engine_stepper(sizes, mixed, batch, np.float64)) for _ in range(args.repeats))
        e32 = med(rate(engine_stepper(sizes, mixed, batch, np.float32)) for _ in range(args.repeats))
        ref = med(rate(reference_stepper(sizes, mixed, batch)) for _ in range(args.repeats))
        ts = torch_stepper(sizes, mixed, batch)
        tor = med(rate(ts) for _ in range(args.repeats)) if ts else float("nan")
        ts32 = torch_stepper(sizes, mixed, batch, f64=False)
        tor32 = med(rate(ts32) for _ in range(args.repeats)) if ts32 else float("nan")
        print(
            f"| {name} | {e64:,.0f} | {e32:,.0f} | {ref:,.0f} | {tor:,.0f} | {tor32:,.0f} "
            f"| {e64 / tor:.1f}×, {e32 / tor32:.1f}× | {e64 / ref:.1f}× |"
        )
    print()
    for dtype in (np.float32, np.float64):
        ms = med(grid_ms([2, 8, 8, 1], True, dtype) for _ in range(args.repeats))
        print(f"- 200×200 grid, 2-8-8-1 mixed, output + every neuron's map, {np.dtype(dtype).name}: {ms:.2f} ms")


if __name__ == "__main__":
    main()
