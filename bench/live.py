"""Live views while training, and edit-to-redraw latency, in the real main window (offscreen).

Run by hand (not in CI):
    QT_QPA_PLATFORM=offscreen OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/live.py [--frames 300]

A frame is what the training timer does once plus the repaint it causes: training steps
(batch 10, 10 steps per frame), writing the weights into the model (one VALUES_CHANGED
event: the canvas follows), the 200×200 output map with every neuron's map (one atlas),
the gradient colours of every connection and the tint of every neuron (∂L/∂w, ∂L/∂z on all
500 points), the loss curves, and the repaint of the whole window (canvas with thumbnails,
region view, curves). The edit latency is a weight change pushed as an undo command until
the region map and every thumbnail are repainted.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from designer.engine.data import DataOptions  # noqa: E402
from designer.model import Connection, InputNode, Network, Neuron, SetConnectionField  # noqa: E402
from designer.model.layout import ROW_SPACING  # noqa: E402
from designer.ui.app import create_app  # noqa: E402
from designer.ui.mainwindow import MainWindow  # noqa: E402


def mlp(sizes: list[int], hidden: str = "tanh") -> Network:
    net = Network(name="-".join(map(str, sizes)))
    previous: list[str] = []
    for i in range(sizes[0]):
        net.inputs[f"x{i + 1}"] = InputNode(f"x{i + 1}", position=(0.0, ROW_SPACING * i))
        previous.append(f"x{i + 1}")
    rng = np.random.default_rng(0)
    for d, count in enumerate(sizes[1:], start=1):
        last = d == len(sizes) - 1
        layer = []
        for j in range(count):
            node_id = "y" if last else f"h{d}_{j + 1}"
            net.neurons[node_id] = Neuron(
                node_id, "sigmoid" if last else hidden, 0.0, position=(220.0 * d, ROW_SPACING * j)
            )
            for s in previous:
                net.connections[(s, node_id)] = Connection(s, node_id, float(rng.normal(0, 0.5)))
            layer.append(node_id)
        previous = layer
    net.outputs = previous
    return net


class PaintCounter:
    """Counts and times calls of a method (PySide dispatches Qt virtuals to the instance attribute)."""

    def __init__(self, *items, method: str = "paint") -> None:  # noqa: ANN002
        self.count = 0
        self.seconds = 0.0
        for item in items:
            self._wrap(item, method)

    def _wrap(self, item, method: str) -> None:  # noqa: ANN001
        original = getattr(item, method)

        def timed(*args):  # noqa: ANN002, ANN202
            self.count += 1
            t0 = time.perf_counter()
            try:
                return original(*args)
            finally:
                self.seconds += time.perf_counter() - t0

        setattr(item, method, timed)


def open_window(app, sizes: list[int], size: tuple[int, int]) -> MainWindow:  # noqa: ANN001
    window = MainWindow(mlp(sizes))
    window.resize(*size)
    window.show()
    for _ in range(5):
        app.processEvents()
    window.view.zoom_to_fit()
    live = window.live
    live.session.regenerate(DataOptions("spiral", 0.0, 1.0, 0))  # 500 training points
    live.panel.batch.setValue(10)
    live.training.steps_per_frame = 10
    live.actions["gradient_flow"].setChecked(True)
    for _ in range(5):
        app.processEvents()
    return window


def training_frames(app, window: MainWindow, frames: int) -> dict[str, float]:  # noqa: ANN001
    live = window.live
    trainer = live.training
    scene = window.scene
    maps, image = PaintCounter(live.maps), PaintCounter(live.region.image)
    parts = {
        "maps recomputed (grid, region, thumbnails, gradients)": PaintCounter(live.session, method="flush"),
        "canvas background": PaintCounter(scene, method="drawBackground"),
        "canvas connections": PaintCounter(scene.connections),
        "canvas nodes": PaintCounter(*scene.node_items.values()),
        "canvas live overlays (maps, tints, probe, legend)": PaintCounter(live.probe, live.gradients.overlay),
        "region image": image,
    }
    overlays = parts["canvas live overlays (maps, tints, probe, legend)"]
    overlays._wrap(live.maps, "paint")
    overlays._wrap(live.gradients.legend, "paintEvent")
    trainer.play()
    trainer._timer.stop()  # the benchmark drives the ticks itself
    for _ in range(20):  # warm-up
        trainer.tick()
        app.processEvents()
    times, ticks = [], []
    steps0, maps0, image0 = trainer.steps, maps.count, image.count
    for part in parts.values():
        part.seconds = 0.0
    for _ in range(frames):
        t0 = time.perf_counter()
        trainer.tick()
        t1 = time.perf_counter()
        app.processEvents()  # repaint of everything the tick changed
        t2 = time.perf_counter()
        times.append(t2 - t0)
        ticks.append(t1 - t0)
    trainer.pause()
    ms = np.array(times) * 1e3
    return {
        "median": float(np.median(ms)),
        "p95": float(np.percentile(ms, 95)),
        "tick": float(np.median(ticks) * 1e3),
        "steps": (trainer.steps - steps0) / frames,
        "maps_painted": (maps.count - maps0) / frames,
        "image_painted": (image.count - image0) / frames,
        "parts": {name: part.seconds / frames * 1e3 for name, part in parts.items()},
        "mean": float(np.mean(ms)),
    }


def edit_latency(app, window: MainWindow, edits: int) -> dict[str, float]:  # noqa: ANN001
    live = window.live
    live.actions["gradient_flow"].setChecked(False)
    maps, image = PaintCounter(live.maps), PaintCounter(live.region.image)
    key = next(iter(window.document.network.connections))
    times, missed = [], 0
    for i in range(edits + 10):
        m0, i0, f0 = maps.count, image.count, live.session.frames
        t0 = time.perf_counter()
        window.document.push(SetConnectionField(key, "weight", 0.5 + 0.01 * (i % 50)))
        app.processEvents()
        t1 = time.perf_counter()
        if i >= 10:
            times.append(t1 - t0)
            missed += not (maps.count > m0 and image.count > i0 and live.session.frames > f0)
    ms = np.array(times) * 1e3
    return {"median": float(np.median(ms)), "p95": float(np.percentile(ms, 95)), "missed": missed}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--frames", type=int, default=300)
    parser.add_argument("--size", default="1200x760", help="window size (the app opens at 1200x760)")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    app = create_app()
    print(f"window {size[0]}×{size[1]}, offscreen, {args.frames} frames each, one run")
    breakdowns = []
    print("| network | connections | frame median | frame p95 | of which tick | steps / frame | target |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for sizes, target in (([2, 8, 8, 1], 16.7), ([2, 64, 64, 1], 33.3)):
        window = open_window(app, sizes, size)
        r = training_frames(app, window, args.frames)
        n_conn = len(window.document.network.connections)
        ok = "met" if r["median"] <= target and r["p95"] <= target else "NOT met"
        print(
            f"| {'-'.join(map(str, sizes))} | {n_conn:,} | {r['median']:.2f} ms | {r['p95']:.2f} ms | "
            f"{r['tick']:.2f} ms | {r['steps']:.1f} | ≤ {target:.1f} ms: {ok} |"
        )
        assert r["maps_painted"] >= 1 and r["image_painted"] >= 1, f"not every frame was painted: {r}"
        breakdowns.append(("-".join(map(str, sizes)), r))
        window.document.undo_stack.setClean()
        window.close()
        app.processEvents()
    print()
    print("Where a training frame's time goes (mean ms per frame; the tick includes the maps recomputed):")
    print()
    print("| part | " + " | ".join(name for name, _ in breakdowns) + " |")
    print("| --- |" + " ---: |" * len(breakdowns))
    print(
        "| tick: 10 steps, write-back, maps, curves | " + " | ".join(f"{r['tick']:.2f}" for _, r in breakdowns) + " |"
    )
    for part in breakdowns[0][1]["parts"]:
        print(f"| {part} | " + " | ".join(f"{r['parts'][part]:.2f}" for _, r in breakdowns) + " |")
    print("| whole frame (mean) | " + " | ".join(f"{r['mean']:.2f}" for _, r in breakdowns) + " |")
    print()
    print("| network | neurons | edit → repainted, median | p95 | target |")
    print("| --- | ---: | ---: | ---: | --- |")
    for sizes in ([2, 8, 8, 1], [2, 16, 15, 1]):
        window = open_window(app, sizes, size)
        r = edit_latency(app, window, 200)
        n = len(window.document.network.neurons)
        ok = "met" if r["p95"] <= 16.0 and not r["missed"] else "NOT met"
        print(f"| {'-'.join(map(str, sizes))} | {n} | {r['median']:.2f} ms | {r['p95']:.2f} ms | ≤ 16 ms: {ok} |")
        window.document.undo_stack.setClean()
        window.close()
        app.processEvents()


if __name__ == "__main__":
    main()
