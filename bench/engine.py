"""Engine speed against PyTorch eager and a straightforward numpy MLP, all in one run, interleaved.

Run by hand (not in CI):
    .venv/bin/python bench/engine.py                 # markdown for docs/performance.md
    .venv/bin/python bench/engine.py --json          # one JSON object per figure set
    .venv/bin/python bench/engine.py --sets training --dispatch avx2 --rounds 9

Figure sets (``--sets``, default all), each measured at the full CPU dispatch and with AVX-512
switched off (``--dispatch both``, see benchlib.py):
- training: optimiser steps per second, SGD + MSE, on 1000 points, full batch and batch 10, for
  2-W-W-1 (tanh hidden, sigmoid output) with W = 8 … 256 and a 2-8-8-1 with mixed activations
  (hidden neurons cycle relu/tanh/sigmoid/linear). Contenders: the engine (float32, float64),
  PyTorch as a PyTorch user writes it (``nn.Sequential`` of ``nn.Linear`` and activation modules;
  a mixed layer applies one module per activation group to its block of columns, as the app's
  PyTorch export does), and a straightforward float64 numpy MLP (sample-major, fresh arrays).
- floor: for full-batch float32 steps, the engine's and PyTorch's step against the three
  W × W × 1000 matrix products every implementation needs (what the speed-up is bounded by).
- activations: ns per element of each activation kernel (a 64 × 1000 block), with sigmoid also
  in its old ½ + ½·tanh(z/2) form: why sigmoid goes through exp.
- grid: one 200 × 200 grid evaluation with every neuron's map (what the live views draw).
- chunks: full-batch gradients on 1,000,000 points in chunks (the engine) against one pass over
  all points, with the memory their buffers take.
- memory: peak RSS of ``nn-designer train`` on 1,000,000 spiral points (a child process each;
  ``--baseline CHECKOUT`` adds the same command run from another checkout, e.g. main, for a before/after).
All contenders compute on one thread (one BLAS thread, ``torch.set_num_threads(1)``).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib

SETS = ("training", "floor", "activations", "grid", "chunks", "memory")
MIXED = ("relu", "tanh", "sigmoid", "linear")
WIDTHS = (8, 16, 32, 64, 128, 256)


def layered(sizes: list[int], mixed: bool) -> Any:
    """Fully connected net; hidden activations cycle per neuron when ``mixed``; sigmoid output."""
    from designer.model import Connection, InputNode, Network, Neuron

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


def data(n: int = 1000, seed: int = 0) -> tuple[Any, Any]:
    import numpy as np

    rng = np.random.default_rng(seed)
    x = rng.uniform(-6, 6, (n, 2))
    return x, (x[:, :1] * x[:, 1:] >= 0).astype(float)


# ------------------------------------------------------------------ contenders
def engine_stepper(sizes: list[int], mixed: bool, batch: int | None, dtype: Any) -> Callable[[], object]:
    from designer.engine import Trainer, TrainingSettings, compile_network, randomize

    compiled = compile_network(layered(sizes, mixed), dtype)
    randomize(compiled, 0)
    x, y = data()
    settings = TrainingSettings(loss="mse", optimizer="sgd", learning_rate=0.01, batch_size=batch)
    return Trainer(compiled, x, y, settings).step


def reference_stepper(sizes: list[int], mixed: bool, batch: int | None) -> Callable[[], object]:
    """The straightforward way: float64, sample-major, fresh arrays every step, activations per column."""
    import numpy as np

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

    def apply(names: list[str], z: Any, which: int, a: Any = None) -> Any:
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

    with np.errstate(over="ignore"):
        step()
    return step


def torch_model(sizes: list[int], mixed: bool) -> Any:
    """What a PyTorch user writes: nn.Sequential of nn.Linear and activation modules.

    A mixed layer orders its neurons by activation and applies one module per group to its block
    of columns (no gather or scatter), as the app's PyTorch export does.
    """
    import torch
    from torch import nn

    class Grouped(nn.Module):
        def __init__(self, size: int) -> None:
            super().__init__()
            modules = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid, "linear": nn.Identity}
            counts = [sum(1 for j in range(size) if MIXED[j % 4] == name) for name in MIXED]
            self.acts = nn.ModuleList(modules[name]() for name, c in zip(MIXED, counts, strict=True) if c)
            bounds, start = [], 0
            for c in counts:
                if c:
                    bounds.append((start, start + c))
                    start += c
            self.bounds = bounds

        def forward(self, z: torch.Tensor) -> torch.Tensor:
            return torch.cat([act(z[:, a:b]) for act, (a, b) in zip(self.acts, self.bounds, strict=True)], dim=1)

    layers: list[nn.Module] = []
    for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:], strict=True)):
        layers.append(nn.Linear(a, b))
        last = i == len(sizes) - 2
        layers.append(nn.Sigmoid() if last else (Grouped(b) if mixed else nn.Tanh()))
    return nn.Sequential(*layers)


def torch_stepper(sizes: list[int], mixed: bool, batch: int | None, f64: bool) -> Callable[[], object] | None:
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    torch.manual_seed(0)
    dtype = torch.float64 if f64 else torch.float32
    model = torch_model(sizes, mixed).to(dtype)
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = torch.nn.MSELoss()
    x, y = data()
    xt, yt = torch.tensor(x, dtype=dtype), torch.tensor(y, dtype=dtype)
    b = batch or len(x)
    state = {"i": 0}

    def step() -> None:
        i = state["i"]
        state["i"] = (i + b) % len(x)
        opt.zero_grad()
        loss = loss_fn(model(xt[i : i + b]), yt[i : i + b])
        loss.backward()
        opt.step()

    return step


# ------------------------------------------------------------------ figure sets
def training_set(args: argparse.Namespace, now: Callable[[], float]) -> dict[str, Any]:
    import numpy as np

    cases = [(f"2-{w}-{w}-1 tanh", [2, w, w, 1], False) for w in args.widths]
    if 8 in args.widths:
        cases.insert(1, ("2-8-8-1 mixed", [2, 8, 8, 1], True))
    rows = []
    for name, sizes, mixed in cases:
        for batch in args.batches:
            steppers = {
                "engine f32": engine_stepper(sizes, mixed, batch, np.float32),
                "PyTorch f32": torch_stepper(sizes, mixed, batch, f64=False),
                "engine f64": engine_stepper(sizes, mixed, batch, np.float64),
                "PyTorch f64": torch_stepper(sizes, mixed, batch, f64=True),
                "numpy reference f64": reference_stepper(sizes, mixed, batch),
            }
            measures = {k: _measure(s, args.seconds, now) for k, s in steppers.items() if s is not None}
            got = {k: benchlib.spread(v) for k, v in benchlib.interleaved(measures, args.rounds).items()}
            row: dict[str, Any] = {"case": name, "batch": batch or "full (1000)", "steps_per_s": got}
            for bits in ("f32", "f64"):
                if f"PyTorch {bits}" in got:
                    row[f"engine_over_torch_{bits}"] = (
                        got[f"engine {bits}"]["median"] / got[f"PyTorch {bits}"]["median"]
                    )
            rows.append(row)
    from designer.engine.activations import float32_way, numpy_simd_target

    way = "through exp" if float32_way("tanh") == "alternative" else "numpy's tanh"
    target = numpy_simd_target("tanh", "float32") or "unknown"
    return {"set": "training", "rows": rows, "float32_tanh": f"{way} (numpy's float32 tanh runs on {target})"}


def floor_set(args: argparse.Namespace, now: Callable[[], float]) -> dict[str, Any]:
    """How much of a full-batch float32 step is the three W × W × 1000 matrix products that any
    implementation needs (forward, dL/dW, dL/da), which numpy and PyTorch both hand to BLAS, and g of
    the two hidden layers (tanh, the way the engine computes it here): a numpy step can be no faster
    than these two together, whatever else it saves."""
    import numpy as np

    rows = []
    for w in [w for w in args.widths if w >= 32]:
        sizes = [2, w, w, 1]
        rng = np.random.default_rng(0)
        m = [rng.standard_normal(shape).astype(np.float32) for shape in ((w, w + 1), (w + 1, 1000), (w, 1000))]
        out = [np.empty(shape, np.float32) for shape in ((w, 1000), (w, w + 1), (w + 1, 1000))]

        def products(m: list[Any] = m, out: list[Any] = out) -> None:
            np.matmul(m[0], m[1], out=out[0])  # z = W a
            np.matmul(m[2], m[1].T, out=out[1])  # dL/dW = dL/dz aᵀ
            np.matmul(m[0].T, m[2], out=out[2])  # dL/da = Wᵀ dL/dz

        steppers = {
            "engine f32 step": engine_stepper(sizes, False, None, np.float32),
            "PyTorch f32 step": torch_stepper(sizes, False, None, f64=False),
            "the three products": products,
            "g of both layers": hidden_activations(w),
            "PyTorch's three products": torch_products(w),
        }
        measures = {k: _measure(f, args.seconds, now) for k, f in steppers.items() if f is not None}
        got = {k: benchlib.spread(1e3 / r for r in v) for k, v in benchlib.interleaved(measures, args.rounds).items()}
        row: dict[str, Any] = {"case": f"2-{w}-{w}-1 tanh, full batch (1000)", "ms": got}
        if "PyTorch f32 step" in got:
            torch_ms, products_ms = got["PyTorch f32 step"]["median"], got["the three products"]["median"]
            row["best_possible_engine_over_torch"] = torch_ms / products_ms
            row["bound_with_g"] = torch_ms / (products_ms + got["g of both layers"]["median"])
        rows.append(row)
    return {"set": "floor", "rows": rows}


def hidden_activations(w: int) -> Callable[[], object]:
    """tanh of two hidden layers of ``w`` × 1000 float32, with the engine's kernel for this machine."""
    import numpy as np

    from designer.engine.activations import kernel

    value = kernel("tanh", np.float32).value
    z = np.random.default_rng(0).standard_normal((2, w, 1000)).astype(np.float32)
    a = np.empty_like(z)

    def activations() -> None:
        value(z[0], a[0])
        value(z[1], a[1])

    return activations


def torch_products(w: int) -> Callable[[], object] | None:
    """The floor's three products as PyTorch computes them for nn.Linear (its own BLAS, sample-major)."""
    try:
        import torch
    except ImportError:
        return None
    g = torch.Generator().manual_seed(0)
    weight, x, dz = (torch.randn(shape, generator=g) for shape in ((w, w), (1000, w), (1000, w)))

    def products() -> None:
        torch.nn.functional.linear(x, weight)  # z = x Wᵀ
        torch.mm(dz.T, x)  # dL/dW
        torch.mm(dz, weight)  # dL/dx

    return products


def _measure(step: Callable[[], object], seconds: float, now: Callable[[], float]) -> Callable[[], float]:
    return lambda: benchlib.rate(step, seconds, now)


def activations_set(args: argparse.Namespace, now: Callable[[], float]) -> dict[str, Any]:
    import numpy as np

    from designer.engine.activations import KERNELS, quiet

    def tanh_form_sigmoid(z: Any, a: Any) -> None:  # the form the engine used before: ½ + ½·tanh(z/2)
        np.multiply(z, 0.5, out=a)
        np.tanh(a, out=a)
        a *= 0.5
        a += 0.5

    shape = (64, 1000)
    rows = []
    for dtype in (np.float32, np.float64):
        z = (np.random.default_rng(0).standard_normal(shape) * 3).astype(dtype)
        kernels = _kernel_calls(z, tanh_form_sigmoid, KERNELS)
        with quiet():
            measures = {k: _measure(f, args.seconds / 2, now) for k, f in kernels.items()}
            got = benchlib.interleaved(measures, args.rounds)
        for name, rates in got.items():
            ns = [1e9 / (r * z.size) for r in rates]
            rows.append({"kernel": name, "dtype": np.dtype(dtype).name, "ns_per_element": benchlib.spread(ns)})
    return {"set": "activations", "block": list(shape), "rows": rows}


def _kernel_calls(z: Any, tanh_form_sigmoid: Callable[[Any, Any], None], kernels: Any) -> dict[str, Callable[[], None]]:
    """Each kernel as a call on the block ``z`` with its own output buffers."""
    import numpy as np

    a, d = np.empty_like(z), np.empty_like(z)
    return {
        "sigmoid = 1/(1+exp(-z)) (engine)": lambda: kernels["sigmoid"].value(z, a),
        "sigmoid = ½+½·tanh(z/2) (before)": lambda: tanh_form_sigmoid(z, a),
        "sigmoid slope g(1-g)": lambda: kernels["sigmoid"].slope(z, a, d),
        "tanh": lambda: kernels["tanh"].value(z, a),
        "tanh slope 1-g²": lambda: kernels["tanh"].slope(z, a, d),
        "relu": lambda: kernels["relu"].value(z, a),
        "exp alone": lambda: np.exp(z, out=a),
    }


def grid_set(args: argparse.Namespace, now: Callable[[], float]) -> dict[str, Any]:
    import numpy as np

    from designer.engine import compile_network, randomize

    axis = np.linspace(-6, 6, 200)
    grid = np.stack(np.meshgrid(axis, axis), -1).reshape(-1, 2)
    evaluations = {}
    for name, sizes, mixed in (("2-8-8-1 mixed", [2, 8, 8, 1], True), ("2-64-64-1 tanh", [2, 64, 64, 1], False)):
        for dtype in (np.float32, np.float64):
            net = compile_network(layered(sizes, mixed), dtype)
            randomize(net, 0)
            evaluations[f"{name}, {np.dtype(dtype).name}"] = lambda net=net: net.forward_all(
                grid, keep_z=False, copy=False
            )
    measures = {k: _measure(f, args.seconds, now) for k, f in evaluations.items()}
    got = benchlib.interleaved(measures, args.rounds)
    rows = [{"case": k, "ms": benchlib.spread(1e3 / r for r in v)} for k, v in got.items()]
    return {"set": "grid", "points": len(grid), "rows": rows}


def chunks_set(args: argparse.Namespace, now: Callable[[], float]) -> dict[str, Any]:
    import numpy as np

    from designer.engine import compile_network, randomize
    from designer.engine.backprop import BatchGradient

    n = 1_000_000
    x, y = data(n)
    xt, yt = np.ascontiguousarray(x.T), np.ascontiguousarray(y.T)
    rows = []
    for dtype in (np.float32, np.float64):
        net = compile_network(layered([2, 8, 8, 1], True), dtype)
        randomize(net, 0)
        xd, yd = xt.astype(dtype), yt.astype(dtype)
        ways = {"chunked (engine)": BatchGradient(net, "mse"), "one pass": BatchGradient(net, "mse", chunk=n)}
        for g in ways.values():
            g.compute(xd, yd)  # allocates the buffers
        measures = {k: _measure(_gradient_call(g, xd, yd), args.seconds * 5, now) for k, g in ways.items()}
        got = benchlib.interleaved(measures, args.rounds)
        for name, rates in got.items():
            rows.append(
                {
                    "net": "2-8-8-1 mixed",
                    "dtype": np.dtype(dtype).name,
                    "way": name,
                    "chunk": ways[name].chunk,
                    "gradients_per_s": benchlib.spread(rates),
                    "buffers_mb": _buffer_bytes(ways[name]) / 1e6,
                }
            )
    return {"set": "chunks", "points": n, "rows": rows}


def _gradient_call(gradient: Any, x: Any, y: Any) -> Callable[[], object]:
    return lambda: gradient.compute(x, y)


def _buffer_bytes(gradient: Any) -> int:
    return sum(v.nbytes for ws in gradient._workspaces.values() for v in vars(ws).values() if hasattr(v, "nbytes"))


def memory_set(args: argparse.Namespace, now: Callable[[], float]) -> dict[str, Any]:
    from designer.model import save

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, sizes, mixed in (("2-8-8-1 mixed", [2, 8, 8, 1], True), ("2-64-64-1 tanh", [2, 64, 64, 1], False)):
            path = Path(tmp) / "net.json"
            save(layered(sizes, mixed), path)
            argv = ["train", str(path), "--dataset", "spiral", "--points", "1000000", "--train-ratio", "1"]
            argv += ["--epochs", "2", "--randomize", "-o", str(Path(tmp) / "out.json")]
            runs = [("float32", str(benchlib.ROOT)), ("float64", str(benchlib.ROOT))]
            if args.baseline:  # its train command may predate --dtype: float64, the default
                runs.append(("float64", args.baseline))
            for dtype, checkout in runs:
                extra = ["--dtype", dtype] if checkout == str(benchlib.ROOT) else []
                rss, seconds = _child_peak_rss([*argv, *extra], checkout)
                row = {"net": name, "dtype": dtype, "checkout": checkout, "peak_rss_mb": rss / 1024}
                rows.append(row | {"cpu_seconds": seconds})
    command = "nn-designer train NET --dataset spiral --points 1000000 --train-ratio 1 --epochs 2 --randomize --dtype D"
    return {"set": "memory", "cli_command": command + " -o OUT", "rows": rows}


#: Runs a command and prints its peak RSS (KiB) and CPU seconds. It runs in a small process of its
#: own: a child forked straight from this (large) benchmark would report the benchmark's peak RSS.
_MEASURE_CHILD = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss, usage.ru_utime + usage.ru_stime)
"""


def _child_peak_rss(argv: list[str], checkout: str) -> tuple[int, float]:
    """Peak RSS (KiB) and CPU seconds of ``python -m designer ARGV`` from ``checkout``, in a fresh process."""
    import subprocess

    env = dict(os.environ, PYTHONPATH=checkout)
    cmd = [sys.executable, "-c", _MEASURE_CHILD, sys.executable, "-m", "designer", *argv]
    out = subprocess.run(cmd, env=env, cwd=checkout, capture_output=True, text=True, check=True).stdout.split()
    code, rss, seconds = int(out[0]), int(out[1]), float(out[2])
    if code != 0:
        raise SystemExit(f"nn-designer {' '.join(argv)} failed ({code})")
    return rss, seconds


BUILDERS = {
    "training": training_set,
    "floor": floor_set,
    "activations": activations_set,
    "grid": grid_set,
    "chunks": chunks_set,
    "memory": memory_set,
}


# ------------------------------------------------------------------ markdown
def markdown(fs: dict[str, Any]) -> str:
    head = f"### {fs['set']}: {fs['machine']['dispatch']}\n\n{benchlib.describe(fs['machine'])}\n\n"
    return head + RENDER[fs["set"]](fs) + "\n"


def _training_md(fs: dict[str, Any]) -> str:
    names = ["engine f32", "PyTorch f32", "engine f64", "PyTorch f64", "numpy reference f64"]
    lines = [
        "| case | batch | " + " | ".join(names) + " | engine ÷ PyTorch f32 | engine ÷ PyTorch f64 |",
        "| --- | --- | " + " | ".join("---:" for _ in names) + " | ---: | ---: |",
    ]
    for row in fs["rows"]:
        cells = [benchlib.cell(row["steps_per_s"].get(n)) for n in names]
        ratios = [f"{row[k]:.2f}×" if k in row else "–" for k in ("engine_over_torch_f32", "engine_over_torch_f64")]
        lines.append(f"| {row['case']} | {row['batch']} | " + " | ".join(cells + ratios) + " |")
    if "float32_tanh" in fs:
        lines.append(f"\nfloat32 tanh: {fs['float32_tanh']}")
    return "\n".join(lines)


def _floor_md(fs: dict[str, Any]) -> str:
    names = [
        "engine f32 step",
        "PyTorch f32 step",
        "the three products",
        "g of both layers",
        "PyTorch's three products",
    ]
    lines = [
        "| case | " + " | ".join(f"{n} ms" for n in names) + " | PyTorch step ÷ products | ÷ (products + g) |",
        "| --- | " + " | ".join("---:" for _ in names) + " | ---: | ---: |",
    ]
    for row in fs["rows"]:
        bounds = [row.get("best_possible_engine_over_torch"), row.get("bound_with_g")]
        cells = [benchlib.cell(row["ms"].get(n), ".2f") for n in names] + [f"{b:.2f}×" if b else "–" for b in bounds]
        lines.append(f"| {row['case']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _activations_md(fs: dict[str, Any]) -> str:
    lines = ["| kernel | float32 ns/element | float64 ns/element |", "| --- | ---: | ---: |"]
    by = {(r["kernel"], r["dtype"]): r["ns_per_element"] for r in fs["rows"]}
    for kernel in dict.fromkeys(r["kernel"] for r in fs["rows"]):
        f32, f64 = (benchlib.cell(by[(kernel, dtype)], ".2f") for dtype in ("float32", "float64"))
        lines.append(f"| {kernel} | {f32} | {f64} |")
    return "\n".join(lines)


def _grid_md(fs: dict[str, Any]) -> str:
    lines = [f"| {fs['points']:,} points, outputs + every neuron's map | ms |", "| --- | ---: |"]
    lines += [f"| {r['case']} | {benchlib.cell(r['ms'], '.2f')} |" for r in fs["rows"]]
    return "\n".join(lines)


def _chunks_md(fs: dict[str, Any]) -> str:
    lines = [
        f"| {fs['points']:,} points | way | samples per chunk | gradients/s | buffers MB |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for r in fs["rows"]:
        lines.append(
            f"| {r['net']} {r['dtype']} | {r['way']} | {r['chunk']:,} | {benchlib.cell(r['gradients_per_s'], '.2f')} "
            f"| {r['buffers_mb']:.1f} |"
        )
    return "\n".join(lines)


def _memory_md(fs: dict[str, Any]) -> str:
    lines = [
        f"`{fs['cli_command']}`",
        "",
        "| net | dtype | checkout | peak RSS MB | CPU s |",
        "| --- | --- | --- | ---: | ---: |",
    ]
    lines += [
        f"| {r['net']} | {r['dtype']} | {r['checkout']} | {r['peak_rss_mb']:.0f} | {r['cpu_seconds']:.1f} |"
        for r in fs["rows"]
    ]
    return "\n".join(lines)


RENDER = {
    "training": _training_md,
    "floor": _floor_md,
    "activations": _activations_md,
    "grid": _grid_md,
    "chunks": _chunks_md,
    "memory": _memory_md,
}


def _ints(text: str) -> tuple[int, ...]:
    return tuple(int(v) for v in text.split(","))


def _batches(text: str) -> tuple[int | None, ...]:
    return tuple(None if v == "full" else int(v) for v in text.split(","))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    benchlib.add_common_options(parser)
    parser.add_argument("--sets", default=",".join(SETS), help=f"comma-separated, of {', '.join(SETS)}")
    parser.add_argument("--widths", type=_ints, default=WIDTHS, help="training widths W (default 8,16,…,256)")
    parser.add_argument("--baseline", metavar="CHECKOUT", help="memory set: also run train from another checkout")
    parser.add_argument("--batches", type=_batches, default=(None, 10), help="'full' and/or sizes (default full,10)")
    args = parser.parse_args()
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    if unknown := [s for s in sets if s not in BUILDERS]:
        parser.error(f"unknown figure set(s): {', '.join(unknown)}")
    if args.rounds < 5:
        parser.error("--rounds must be 5 or more")
    if args.dispatch != "current":
        for fs in benchlib.run_dispatch_levels(Path(__file__), sys.argv[1:], args.dispatch):
            benchlib.emit(fs, args.json, markdown)
        return
    for var, value in benchlib.ONE_THREAD.items():
        os.environ.setdefault(var, value)  # before numpy loads, when run with --dispatch current
    import numpy  # noqa: F401

    try:
        import torch

        torch.set_num_threads(1)
    except ImportError:
        pass
    now = benchlib.clock(args.clock)
    for name in sets:
        figure_set = BUILDERS[name](args, now)
        figure_set["machine"] = benchlib.machine(args.clock, args.level_name)
        figure_set["command"] = benchlib.command_line()
        benchlib.emit(figure_set, args.json, markdown)


if __name__ == "__main__":
    main()
