"""Structural edits on a teacher's large network (784-128-64-10, 109,184 links), run by hand, not in CI:

    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/big_edits.py [--rounds 3] [--json]
        [--code /work/main --code .]   # compare checkouts, interleaved round by round
        [--scripted]                   # also one RemoveNode pushed outside a Macro (minutes on old code)
        [--many 32]                    # also delete that many hidden neurons at once, undo, redo
        [--layer h2_]                  # … of that layer (h1_: 784 links in and 64 out each; h2_: 128 in, 10 out)
        [--sizes 2,64,64,1]            # another MLP (--many 64 --layer h1_: a whole hidden layer)
        [--add 128]                    # Add Layer of 128, fully connected: in front of the outputs, and
                                       #   on a network of the inputs alone (784 × 128 links); undo, redo
        [--paste]                      # select every neuron, copy, paste (Ctrl+V's path), undo, redo
        [--no-delete]                  # leave out the model figures and the delete/undo/redo of h1_1

Each round runs every checkout in a child process of its own (A B A B …, so load that comes and goes
hits them alike); a child builds the network, saves it, and measures the process's CPU time of:
the model alone (RemoveNode of a hidden neuron with 848 links, its undo and redo, no listeners), then
the window offscreen: opening the file and showing the Math view, deleting that neuron as the Delete
key does, Undo, Redo (each until the canvas, the live views and the Math view have followed; the
views' timers are run at once, not waited for). Beside the times it counts what each action did:
numbers the Math view formatted, characters it shows, line updates and lines computed on the canvas,
and the model events the views were sent.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SIZES = [784, 128, 64, 10]
NEURON = "h1_1"  # 784 links in, 64 out


def build(sizes: list[int]):
    """The MLP of ``tests/ui/live_gui.mlp``: fully connected columns, weights alternating ±0.5."""
    from designer.model import Connection, InputNode, Network, Neuron

    net = Network(name="mlp")
    previous: list[str] = []
    for i in range(sizes[0]):
        net.inputs[f"x{i + 1}"] = InputNode(f"x{i + 1}", position=(0.0, 120.0 * i))
        previous.append(f"x{i + 1}")
    for depth, count in enumerate(sizes[1:], start=1):
        last = depth == len(sizes) - 1
        layer = []
        for j in range(count):
            node_id = f"y{j + 1}" if last else f"h{depth}_{j + 1}"
            net.neurons[node_id] = Neuron(node_id, "sigmoid", 0.0, position=(220.0 * depth, 120.0 * j))
            for k, source in enumerate(previous):
                sign = 1 if (j + k) % 2 == 0 else -1
                net.connections[(source, node_id)] = Connection(source, node_id, sign * 0.5)
            layer.append(node_id)
        previous = layer
    net.outputs = previous if len(sizes) > 1 else []  # the inputs alone: no outputs yet
    return net


def cpu(action) -> float:
    start = time.process_time()
    action()
    return time.process_time() - start


def model_figures(sizes: list[int]) -> dict[str, float]:
    from designer.model import RemoveNode

    net = build(sizes)
    remove = RemoveNode(NEURON)
    return {
        "model delete": cpu(lambda: remove.do(net)),
        "model undo": cpu(lambda: remove.undo(net)),
        "model redo": cpu(lambda: remove.do(net)),
    }


class Counts:
    """What the window did during one action (counters the old code lacks read as None)."""

    def __init__(self, window) -> None:
        import designer.export.formulas as formulas

        self.window = window
        self.formatted = 0
        self.events = 0
        window.document.network.events.subscribe(self.count_event)
        real = formulas.format_weight

        def counting(*args, **kwargs):
            self.formatted += 1
            return real(*args, **kwargs)

        formulas.format_weight = counting

    def count_event(self, _event) -> None:
        self.events += 1

    def snapshot(self) -> dict[str, Any]:
        scene = self.window.scene
        return {
            "model events": self.events,
            "formatted": self.formatted,
            "line updates": scene.line_rebuilds,
            "lines computed": getattr(scene.connections, "rows_computed", None),
        }

    def since(self, before: dict[str, Any]) -> dict[str, Any]:
        now = self.snapshot()
        return {k: (None if now[k] is None else now[k] - before[k]) for k in now}


class Window:
    """A main window offscreen on a saved network, with View ▸ Math open, and :meth:`settle` to run at
    once what its timers would run a moment later."""

    def __init__(self, app, network) -> None:
        from designer.model import save
        from designer.model.fileformat import load
        from designer.ui.mainwindow import MainWindow

        self.app = app
        path = Path(tempfile.mkdtemp(prefix="nn-designer-big-edits-")) / "mlp.json"
        save(network, path)
        self.w = MainWindow(load(path), path)
        self.w.resize(1280, 680)
        self.w.show()
        self.w.exports.math_dock.toggleViewAction().trigger()  # View ▸ Math
        self.settle()

    def settle(self) -> None:
        """What the timers would run a moment later, run now: the Math view's refresh, the live views."""
        for _ in range(3):
            self.app.processEvents()
        dock = self.w.exports.math_dock
        if dock._timer.isActive():
            dock._timer.stop()
            dock.refresh()
        self.w.session.flush()
        self.app.processEvents()

    def measure(self, figures: dict[str, Any], counts: Counts, steps: list[tuple[str, Any]]) -> None:
        """CPU seconds and counts of each ``(label, action)``, each until the views have followed."""
        for label, action in steps:
            before = counts.snapshot()
            figures[label] = cpu(lambda action=action: (action(), self.settle()))
            figures[f"{label} counts"] = counts.since(before)

    def close(self) -> None:
        self.w.document.undo_stack.setClean()
        self.w.close()


def add_figures(app, sizes: list[int], layer: int, paste: bool) -> dict[str, Any]:
    """Add Layer of ``layer`` in front of the outputs of the MLP and after its inputs alone (a network of
    the inputs only), and (``paste``) every neuron of the MLP copied and pasted; each with undo and redo."""
    figures: dict[str, Any] = {}
    if layer:
        window = Window(app, build(sizes))
        counts = Counts(window.w)
        add = lambda: window.w.editing.add_layer(layer, "relu", True)  # noqa: E731 (the window of the moment)
        steps = [
            (f"add layer {layer}", add),
            ("undo add", window.w.document.undo),
            ("redo add", window.w.document.redo),
        ]
        window.measure(figures, counts, steps)
        window.close()
        window = Window(app, build(sizes[:1]))
        counts = Counts(window.w)
        steps = [
            (f"add layer {layer} after {sizes[0]} inputs", add),
            ("undo add after inputs", window.w.document.undo),
            ("redo add after inputs", window.w.document.redo),
        ]
        window.measure(figures, counts, steps)
        figures[f"links after {sizes[0]} inputs"] = len(window.w.document.network.connections)
        window.close()
    if paste:
        window = Window(app, build(sizes))
        counts = Counts(window.w)
        w = window.w
        w.scene.select_nodes(list(w.document.network.neurons))
        w.editing.copy()
        links = len(w.document.network.connections)
        steps = [
            ("paste every neuron", w.editing.paste),
            ("undo paste", w.document.undo),
            ("redo paste", w.document.redo),
        ]
        window.measure(figures, counts, steps)
        figures["links pasted"] = len(w.document.network.connections) - links
        window.close()
    return figures


def window_figures(scripted: bool, many: int, prefix: str, sizes: list[int]) -> dict[str, Any]:
    from designer.model import RemoveNode

    app = application()
    figures: dict[str, Any] = {}
    window = None

    def open_with_math() -> None:
        nonlocal window
        window = Window(app, build(sizes))

    figures["open + Math view"] = cpu(open_with_math)
    w, settle = window.w, window.settle
    counts = Counts(w)
    figures["Math view characters"] = len(w.exports.math_dock.text.toPlainText())

    def delete() -> None:
        w.scene.select_nodes([NEURON])
        w.editing.delete_selection()
        settle()

    for label, action in (("delete", delete), ("undo", w.document.undo), ("redo", w.document.redo)):
        before = counts.snapshot()
        figures[label] = cpu(lambda action=action: (action(), settle()))
        figures[f"{label} counts"] = counts.since(before)
    if many:
        w.document.undo()
        settle()
        layer = [f"{prefix}{j + 1}" for j in range(many)]

        def delete_many() -> None:
            w.scene.select_nodes(layer)
            w.editing.delete_selection()
            settle()

        for label, action in (
            (f"delete {many}", delete_many),
            (f"undo {many}", w.document.undo),
            (f"redo {many}", w.document.redo),
        ):
            before = counts.snapshot()
            figures[label] = cpu(lambda action=action: (action(), settle()))
            figures[f"{label} counts"] = counts.since(before)
    if scripted:
        w.document.undo()
        settle()
        before = counts.snapshot()
        figures["scripted RemoveNode"] = cpu(lambda: (w.document.push(RemoveNode(NEURON)), settle()))
        figures["scripted RemoveNode counts"] = counts.since(before)
    window.close()
    return figures


def application():
    """The application, made once per child (offscreen, fresh settings)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        return QApplication.instance()
    from benchlib import fresh_settings

    fresh_settings()
    from designer.ui.app import create_app

    return create_app()


def child(code: str, options: argparse.Namespace, sizes: list[int]) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, code)
    import designer

    figures: dict[str, Any] = {"code": code, "designer": designer.__file__}
    if not options.no_delete:
        figures.update(model_figures(sizes))
        figures.update(window_figures(options.scripted, options.many, options.layer, sizes))
    if options.add or options.paste:
        figures.update(add_figures(application(), sizes, options.add, options.paste))
    return figures


def run_child(code: str, options: argparse.Namespace, sizes: list[int]) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=code, OPENBLAS_NUM_THREADS="1", QT_QPA_PLATFORM="offscreen")
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", code, "--many", str(options.many)]
    cmd += ["--layer", options.layer, "--sizes", ",".join(map(str, sizes)), "--add", str(options.add)]
    cmd += ["--scripted"] if options.scripted else []
    cmd += ["--paste"] if options.paste else []
    cmd += ["--no-delete"] if options.no_delete else []
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"big_edits.py: the run on {code} failed")
    return json.loads(result.stdout.strip().splitlines()[-1])


def summary(code: str, rounds: list[dict[str, Any]]) -> dict[str, Any]:
    times = [k for k, v in rounds[0].items() if isinstance(v, float)]
    out: dict[str, Any] = {"code": code, "rounds": len(rounds)}
    for key in times:
        values = [r[key] for r in rounds]
        out[key] = {"median": statistics.median(values), "min": min(values), "max": max(values)}
    for key, value in rounds[0].items():
        if key not in times and key not in ("code", "designer"):
            out[key] = value  # counts: the same every round
    return out


def markdown(sets: list[dict[str, Any]]) -> str:
    sys.path.insert(0, str(HERE))
    import benchlib

    model, _ = benchlib.cpu_model()
    load = " ".join(f"{v:.2f}" for v in os.getloadavg()) if hasattr(os, "getloadavg") else "unknown"
    lines = [
        f"{benchlib.command_line()}; {model}; load average {load} at the end.",
        "CPU seconds of the process, median (min–max) of the rounds.",
        "",
        "| action | " + " | ".join(s["code"] for s in sets) + " |",
        "| --- | " + " | ".join("---:" for _ in sets) + " |",
    ]
    keys = [k for k, v in sets[0].items() if isinstance(v, dict) and "median" in v]
    for key in keys:
        lines.append(f"| {key} | " + " | ".join(benchlib.cell(s.get(key), ",.3f") for s in sets) + " |")
    for key in [k for k in sets[0] if k.endswith("counts") or k.startswith("links") or k == "Math view characters"]:
        lines.append(f"| {key} | " + " | ".join(str(s.get(key)) for s in sets) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--code", action="append", help="a checkout to measure (repeatable; default: this one)")
    parser.add_argument("--scripted", action="store_true", help="also push one RemoveNode outside a Macro")
    parser.add_argument("--many", type=int, default=0, help="also delete this many hidden neurons at once")
    parser.add_argument("--layer", default="h1_", help="the layer --many deletes from (h1_, h2_)")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="the MLP's layer sizes (784,128,64,10)")
    parser.add_argument(
        "--add", type=int, default=0, help="also Add Layer of this many (front of outputs; after inputs)"
    )
    parser.add_argument("--paste", action="store_true", help="also copy every neuron and paste, undo, redo")
    parser.add_argument("--no-delete", action="store_true", help="leave out the model figures and h1_1's delete")
    parser.add_argument("--json", action="store_true", help="one JSON object per checkout instead of markdown")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    if args.child:
        print(json.dumps(child(args.child, args, sizes)), flush=True)
        return
    codes = [str(Path(c).resolve()) for c in (args.code or [HERE.parent])]
    rounds: dict[str, list[dict[str, Any]]] = {c: [] for c in codes}
    for _ in range(args.rounds):
        for code in codes:
            rounds[code].append(run_child(code, args, sizes))
    sets = [summary(code, rounds[code]) for code in codes]
    if args.json:
        for figure_set in sets:
            print(json.dumps(figure_set), flush=True)
    else:
        print(markdown(sets), flush=True)


if __name__ == "__main__":
    main()
