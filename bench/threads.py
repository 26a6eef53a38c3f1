"""BLAS threads for the app: 1 or 2, measured on the live view's work beside a busy GUI-like thread.

Run by hand (not in CI):
    .venv/bin/python bench/threads.py                # markdown for docs/performance.md
    .venv/bin/python bench/threads.py --json

A frame is what the app computes per timer tick: 10 training steps at batch 10 on 500 points, the
200 × 200 output map with every neuron's map, and ∂L/∂w of all 500 points for the gradient colours.
The GUI-like thread compresses data in C with the GIL released, as Qt paints in C++ while Python
waits: it competes for the cores the way painting and the display server do. Each round measures
every setting in turn (interleaved): BLAS on 1 and on 2 threads (switched with threadpoolctl, as
the app does), with the busy thread and without. Frames per second are wall-clock, which is what
a user sees; the busy thread's throughput shows what the BLAS threads took from it.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
import zlib
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib
from engine import data, layered


class BusyThread:
    """A thread compressing a buffer in a loop (zlib releases the GIL): a stand-in for painting."""

    def __init__(self) -> None:
        self.buffer = os.urandom(1 << 16)
        self.count = 0
        self.running = False
        self.thread: threading.Thread | None = None

    def _loop(self) -> None:
        while self.running:
            zlib.compress(self.buffer, 1)
            self.count += 1

    def start(self) -> None:
        self.count, self.running = 0, True
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def stop(self) -> int:
        self.running = False
        if self.thread is not None:
            self.thread.join()
        return self.count


def frame_work(sizes: list[int], mixed: bool) -> Any:
    """One live frame's computation for a net (training, the maps, the gradient colours)."""
    import numpy as np

    from designer.engine import Trainer, TrainingSettings, compile_network, randomize
    from designer.engine.backprop import BatchGradient

    net = compile_network(layered(sizes, mixed), np.float32)
    randomize(net, 0)
    x, y = data(500)
    trainer = Trainer(net, x, y, TrainingSettings(loss="mse", learning_rate=0.03, batch_size=10))
    axis = np.linspace(-6, 6, 200)
    grid = np.stack(np.meshgrid(axis, axis), -1).reshape(-1, 2).astype(np.float32)
    colours = BatchGradient(net, "mse")
    xt, yt = np.ascontiguousarray(x.T, dtype=np.float32), np.ascontiguousarray(y.T, dtype=np.float32)

    def frame() -> None:
        for _ in range(10):
            trainer.step()
        net.forward_all(grid, keep_z=False, copy=False)
        colours.compute(xt, yt)

    return frame


def measure(frame: Any, seconds: float, busy: BusyThread | None) -> tuple[float, float]:
    """Frames per second (wall clock) and the busy thread's work per second over ``seconds``."""
    if busy:
        busy.start()
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        frame()
        n += 1
    elapsed = time.perf_counter() - start
    done = busy.stop() if busy else 0
    return n / elapsed, done / elapsed


def threads_set(args: argparse.Namespace) -> dict[str, Any]:
    from threadpoolctl import threadpool_limits

    rows = []
    for name, sizes, mixed in (("2-8-8-1 mixed", [2, 8, 8, 1], True), ("2-64-64-1 tanh", [2, 64, 64, 1], False)):
        frame = frame_work(sizes, mixed)
        frame()
        settings = [(threads, busy) for busy in (True, False) for threads in (1, 2)]
        got: dict[tuple[int, bool], list[tuple[float, float]]] = {s: [] for s in settings}
        for _ in range(args.rounds):
            for threads, busy in settings:
                with threadpool_limits(limits=threads, user_api="blas"):
                    got[(threads, busy)].append(measure(frame, args.seconds, BusyThread() if busy else None))
        for (threads, busy), values in got.items():
            rows.append(
                {
                    "net": name,
                    "blas_threads": threads,
                    "busy_gui_thread": busy,
                    "frames_per_s": benchlib.spread(v[0] for v in values),
                    "gui_work_per_s": benchlib.spread(v[1] for v in values) if busy else None,
                }
            )
    return {"set": "threads", "rows": rows}


def markdown(fs: dict[str, Any]) -> str:
    columns = ["net", "busy GUI-like thread", "BLAS threads", "frames/s", "GUI thread's work/s"]
    lines = benchlib.section(f"BLAS threads: {fs['machine']['dispatch']}", fs["machine"], columns, text_columns=2)
    for r in fs["rows"]:
        gui = benchlib.cell(r["gui_work_per_s"]) if r["gui_work_per_s"] else "–"
        busy = "yes" if r["busy_gui_thread"] else "no"
        fps = benchlib.cell(r["frames_per_s"], ".1f")
        lines.append(f"| {r['net']} | {busy} | {r['blas_threads']} | {fps} | {gui} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    benchlib.add_common_options(parser)
    parser.set_defaults(seconds=1.0, dispatch="full", clock="wall")
    args = parser.parse_args()
    if args.rounds < 5:
        parser.error("--rounds must be 5 or more")
    if args.dispatch != "current":
        for fs in benchlib.run_dispatch_levels(Path(__file__), sys.argv[1:], args.dispatch, one_thread=False):
            benchlib.emit(fs, args.json, markdown)
        return
    figure_set = threads_set(args)
    figure_set["machine"] = benchlib.machine("wall", args.level_name)
    figure_set["command"] = benchlib.command_line()
    benchlib.emit(figure_set, args.json, markdown)


if __name__ == "__main__":
    main()
