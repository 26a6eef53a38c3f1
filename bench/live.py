"""Live views as a user sees them: frames per second while training, edit → repaint, bulk edits, launch.

Run by hand (not in CI), offscreen or under a real X server:

    .venv/bin/python bench/live.py [--seconds 8] [--rounds 3] [--json]
    xvfb-run -s "-screen 0 1920x1080x24" .venv/bin/python bench/live.py --platform xcb

Figures (one JSON object per figure set with ``--json``):

- ``training``: the real main window (1680×972 by default) on the spiral (500 points, batch 10) with
  gradient colouring on, training started with the Play action and left to the app's own frame
  budget and threading. Frames per second are repaints of the canvas per second (what the eye
  sees), plus repaints of the region map, optimiser steps per second, frames given up after
  stalls of the machine (longer than a frame period: the rhythm starts again) and the frame
  budget's own cost estimates. 2-8-8-1 and 2-64-64-1, interleaved over ``--rounds``.
- ``edit``: a weight pushed as an undo command until the canvas has repainted (2-8-8-1), and until
  the region map has repainted too (``edit_all_views_wall_ms``, and its CPU time for a busy machine).
- ``bulk``: Add Layer of 64 neurons fully connected after 64, its undo and its redo, until painted.
- ``launch``: a fresh process from start to the first painted canvas (wall and CPU), and the same
  for an empty Python, interleaved; ``--baseline CHECKOUT`` (repeatable) launches another checkout's
  code in the same rounds.

Medians with min–max over rounds; the CPU model, its vector flags and numpy's dispatch level are
printed with every run (figures from different CPUs do not compare).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def cpu_description() -> dict:
    """The CPU model, the vector extensions that matter here, and what numpy dispatches to."""
    model, flags = platform.processor(), set()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name") and not model:
                model = line.split(":", 1)[1].strip()
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
            if line.startswith("flags"):
                flags = set(line.split(":", 1)[1].split())
    except OSError:
        pass
    vector = sorted(f for f in flags if f.startswith(("avx", "fma", "sse4")))
    import numpy as np

    dispatch = ""
    try:
        from numpy._core._multiarray_umath import __cpu_features__ as features

        dispatch = ",".join(k for k in ("AVX2", "AVX512F", "AVX512_SKX") if features.get(k))
    except ImportError:
        pass
    disabled = os.environ.get("NPY_DISABLE_CPU_FEATURES", "")
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "vector_flags": vector,
        "numpy": np.__version__,
        "numpy_dispatch": dispatch,
        "numpy_disabled": disabled,
        "python": platform.python_version(),
    }


def summary(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


# ----------------------------------------------------------------- in the window
def spiral_window(app, sizes: list[int], size: tuple[int, int]):
    from designer.engine.data import DataOptions
    from designer.ui.mainwindow import MainWindow
    from tests.ui.live_gui import mlp

    window = MainWindow(mlp(sizes, "tanh", "sigmoid"))
    window.resize(*size)
    window.show()
    settle(app)
    window.view.zoom_to_fit()
    live = window.live
    live.build_plots()
    window.session.regenerate(DataOptions("spiral", 0.0, 1.0, 0))
    live.panel.batch.setValue(10)
    live.training.randomize()
    live.actions["gradient_flow"].setChecked(True)
    settle(app)
    return window


def settle(app, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


class PaintCounter:
    """Counts paint events a widget receives (an event filter: the app itself is unchanged)."""

    def __init__(self, widget) -> None:
        from PySide6.QtCore import QEvent, QObject

        class Filter(QObject):
            count = 0

            def eventFilter(self, obj, event) -> bool:
                if event.type() == QEvent.Type.Paint:
                    self.count += 1
                return False

        self.filter = Filter()
        widget.installEventFilter(self.filter)

    @property
    def count(self) -> int:
        return self.filter.count


class PaintClock:
    """When a widget's paint was over: the moment the application dispatches its next event (the
    window's repaint, the widget's paint inside it and the copy to the screen are done by then).

    ``processEvents`` returns only when the queue is empty, so timing until it returns would count
    the work queued after the paint (the live views' recompute after an edit) as part of it.
    """

    def __init__(self, app, widget) -> None:
        from PySide6.QtCore import QEvent, QObject

        clock = self

        class Filter(QObject):
            def eventFilter(self, obj, event) -> bool:
                if clock.pending:
                    clock.stamp()
                if obj is widget and event.type() == QEvent.Type.Paint:
                    clock.pending = True
                return False

        self.pending = False
        self.painted_at: tuple[float, float] | None = None  # (perf_counter, process_time)
        self.filter = Filter()
        app.installEventFilter(self.filter)

    def stamp(self) -> None:
        self.pending = False
        self.painted_at = (time.perf_counter(), time.process_time())

    def wait(self, app) -> tuple[float, float]:
        """Process events until the widget has painted; when its paint was over."""
        self.painted_at = None
        while self.painted_at is None:
            app.processEvents()
            if self.pending:  # nothing came after the paint
                self.stamp()
        return self.painted_at


def run_for(app, seconds: float) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def training_figures(
    app, sizes: list[int], size: tuple[int, int], seconds: float, view: str = "default", parts=None
) -> dict:
    """``view``: what else is open (``--views``, see ``live_views.py``); ``parts``: its PartClock, which
    then gives each part's CPU ms per canvas frame."""
    window = spiral_window(app, sizes, size)
    if parts is not None:
        from bench.live_views import after_start, open_views, time_paints

        open_views(app, window, view, lambda: settle(app))
        time_paints(parts, window)
    training = window.live.training
    canvas, region = PaintCounter(window.view.viewport()), PaintCounter(window.live.region.plot.viewport())
    window.actions["train_play"].trigger()
    if parts is not None:
        after_start(window, view)
    run_for(app, 1.0)  # warm-up: the frame budget learns the costs
    c0, r0, s0, t0, cpu0 = canvas.count, region.count, training.steps, time.perf_counter(), time.process_time()
    d0 = training.clock.dropped
    parts0 = parts.snapshot() if parts is not None else None
    run_for(app, seconds)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    result = {
        "canvas_fps": (canvas.count - c0) / elapsed,
        "region_fps": (region.count - r0) / elapsed,
        "steps_per_s": (training.steps - s0) / elapsed,
        "dropped_per_s": (training.clock.dropped - d0) / elapsed,  # frames given up after stalls
        "cpu_share": cpu / elapsed,
        "auto_steps_per_frame": training.clock.steps,
        "views_every": training.clock.view_every,
        "costs_ms": {
            **{k: round(v.value * 1e3, 3) for k, v in training.clock.costs.items()},
            "other": round(training.clock.other * 1e3, 3),
        },
        "step_us": round(training.clock.step_cost.value * 1e6, 2),
    }
    if parts is not None:
        frames = max(canvas.count - c0, 1)
        result["cpu_ms_per_frame"] = cpu / frames * 1e3
        result["frames_per_cpu_s"] = frames / cpu if cpu > 0 else 0.0
        result["parts_ms_per_frame"] = part_figures(parts, parts0, frames, cpu)
    window.actions["train_play"].trigger()
    if window.presentation.active:
        window.presentation.leave()
    close(app, window)
    if parts is not None:  # the next window starts from the first-start layout, not this one's open views
        from designer.ui.identity import settings

        remembered = settings()
        remembered.clear()
        remembered.sync()
    return result


def part_figures(parts, before, frames: int, cpu: float) -> dict:
    """Each part's CPU ms per canvas frame since ``before``, the rest (layout, event loop, threads) too."""
    seconds, calls = parts.snapshot()
    spent = {k: v - before[0].get(k, 0.0) for k, v in seconds.items()}
    figures = {k: round(v / frames * 1e3, 3) for k, v in sorted(spent.items()) if v > 0}
    figures["rest"] = round((cpu - sum(spent.values())) / frames * 1e3, 3)
    figures["calls_per_frame"] = {
        k: round((v - before[1].get(k, 0)) / frames, 2) for k, v in sorted(calls.items()) if v > before[1].get(k, 0)
    }
    return figures


def close(app, window) -> None:
    window.document.undo_stack.setClean()
    window.close()
    window.deleteLater()
    settle(app)


def until_painted(app, counter: PaintCounter) -> None:
    before = counter.count
    while counter.count == before:
        app.processEvents()


def edit_figures(app, size: tuple[int, int], edits: int) -> dict:
    """A weight pushed as an undo command until the canvas shows it, and until the region map and every
    neuron's map show it too (both painted)."""
    from designer.model import SetConnectionField

    window = spiral_window(app, [2, 8, 8, 1], size)
    window.actions["gradient_flow"].setChecked(False)
    canvas = PaintClock(app, window.view.viewport())
    region = PaintCounter(window.live.region.plot.viewport())
    key = next(iter(window.document.network.connections))
    wall, cpu, all_wall, all_cpu = [], [], [], []
    for i in range(edits + 10):
        t0, c0 = time.perf_counter(), time.process_time()
        region_before = region.count
        window.document.push(SetConnectionField(key, "weight", 0.5 + 0.01 * (i % 50)))
        painted_wall, painted_cpu = canvas.wait(app)
        while region.count == region_before:
            app.processEvents()
        if i >= 10:
            wall.append((painted_wall - t0) * 1e3)
            cpu.append((painted_cpu - c0) * 1e3)
            all_wall.append((time.perf_counter() - t0) * 1e3)
            all_cpu.append((time.process_time() - c0) * 1e3)  # the process's, its threads included
    app.removeEventFilter(canvas.filter)
    close(app, window)
    return {
        "edit_wall_ms": summary(wall),
        "edit_cpu_ms": summary(cpu),
        "edit_all_views_wall_ms": summary(all_wall),
        "edit_all_views_cpu_ms": summary(all_cpu),
    }


def bulk_figures(app, size: tuple[int, int]) -> dict:
    from designer.ui.mainwindow import MainWindow
    from tests.ui.live_gui import mlp

    window = MainWindow(mlp([2, 64], "relu", "relu"))
    window.resize(*size)
    window.show()
    settle(app)
    window.live.build_plots()
    window.live.actions["gradient_flow"].setChecked(True)
    settle(app)
    canvas = PaintCounter(window.view.viewport())
    result = {}
    for name, action in (
        ("add_layer", lambda: window.editing.add_layer(64, "relu", True)),
        ("undo", window.document.undo),
        ("redo", window.document.redo),
    ):
        t0, c0 = time.perf_counter(), time.process_time()
        action()
        until_painted(app, canvas)
        result[f"{name}_wall_s"] = time.perf_counter() - t0
        result[f"{name}_cpu_s"] = time.process_time() - c0
    result["connections"] = len(window.document.network.connections)
    close(app, window)
    return result


# ----------------------------------------------------------------- launch
LAUNCH_CHILD = """
import os, sys, time
start = float(os.environ["BENCH_T0"])
sys.path.insert(0, {root!r})
from designer.engine.threads import import_numpy_with_app_threads
import_numpy_with_app_threads()  # as designer.cli.run_gui does first
from PySide6.QtCore import QEvent, QObject
from designer.ui.app import create_app, create_window
app = create_app()
window = create_window()
class First(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj is window.view.viewport():
            print(time.time() - start, time.process_time(), flush=True)
            os._exit(0)
        return False
first = First()
app.installEventFilter(first)
window.resize(1680, 972)
window.show()
app.exec()
"""


def launch_figures(rounds: int, baselines: tuple[str, ...] = ()) -> dict:
    """Bytecode is compiled into a temporary folder (PYTHONPYCACHEPREFIX) by a first launch not counted,
    as in an installed copy: with PYTHONDONTWRITEBYTECODE set (as in some shells) every launch compiled
    the app's sources again and read 0.65 s CPU where the same code reads 0.43 s. ``baselines``: other
    checkouts (a worktree of an older commit) launched in the same rounds, for an old → new."""
    import tempfile

    roots = {"first_paint": str(ROOT), **{f"baseline {path}": path for path in baselines}}
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    base["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="nn-designer-bench-pyc-")
    for root in roots.values():
        child = LAUNCH_CHILD.format(root=root)
        subprocess.run([sys.executable, "-c", child], capture_output=True, env={**base, "BENCH_T0": "0"}, check=True)
    contenders = {**{name: LAUNCH_CHILD.format(root=root) for name, root in roots.items()}, "empty_python": None}
    wall: dict[str, list[float]] = {name: [] for name in contenders}
    cpu: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, child in contenders.items():  # interleaved
            env = {**base, "BENCH_T0": repr(time.time())}
            code = child if child is not None else "import time; print(0.0, time.process_time())"
            t0 = time.time()
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
            wall[name].append(time.time() - t0 if child is None else float(out.stdout.split()[0]))
            cpu[name].append(float(out.stdout.split()[1]))
    figures = {}
    for name in contenders:
        figures[f"{name}_wall_s"] = summary(wall[name])
        figures[f"{name}_cpu_s"] = summary(cpu[name])
    return figures


# ----------------------------------------------------------------- main


def load_average() -> list[float] | None:
    """The machine's load (1, 5, 15 min) beside each figure; None where the system has no such count."""
    return [round(v, 2) for v in os.getloadavg()] if hasattr(os, "getloadavg") else None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=8.0, help="training time measured per network and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--size", default="1680x972", help="window size")
    parser.add_argument("--platform", default="offscreen", help="Qt platform: offscreen, or xcb under Xvfb")
    parser.add_argument("--json", action="store_true", help="one JSON object per figure set")
    parser.add_argument("--only", choices=("training", "edit", "bulk", "launch"), action="append")
    parser.add_argument(
        "--baseline", action="append", default=[], help="launch: another checkout too, interleaved (old → new)"
    )
    parser.add_argument(
        "--views",
        default="",
        help="training with these views open, comma-separated (all: every one), each part's CPU ms per frame; "
        "see bench/live_views.py",
    )
    parser.add_argument(
        "--networks", default="2-8-8-1,2-64-64-1", help="training: the networks, comma-separated (default both)"
    )
    parser.add_argument(
        "--dispatch",
        choices=("current", "full", "avx2", "both"),
        default="current",
        help="numpy/BLAS code paths: as found (current), or re-run in a child per level (full, avx2, both)",
    )
    parser.add_argument("--level-name", default="current", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dispatch != "current":
        from bench.benchlib import run_dispatch_levels

        for figures in run_dispatch_levels(Path(__file__), sys.argv[1:], args.dispatch, one_thread=False):
            (emit_json if args.json else emit_text)(figures.pop("figures"), figures)
        return
    os.environ["QT_QPA_PLATFORM"] = args.platform
    size = tuple(int(v) for v in args.size.split("x"))
    only = set(args.only or ("training", "edit", "bulk", "launch"))
    machine = cpu_description()
    report = emit_json if args.json else emit_text
    load = load_average()
    report(
        "machine", {**machine, "platform": args.platform, "window": args.size, "level": args.level_name, "load": load}
    )
    from bench.benchlib import fresh_settings
    from designer.engine.threads import limit_blas_threads
    from designer.ui.app import create_app

    limit_blas_threads()  # the app's own threading, as app.run sets it before the window
    fresh_settings()  # the first-start layout, not whatever the user's settings hold
    app = create_app()
    networks = {name: [int(n) for n in name.split("-")] for name in args.networks.split(",")}
    if args.views:
        views_figures(app, args, networks, size, report)
        return
    if "training" in only:
        runs: dict[str, list[dict]] = {name: [] for name in networks}
        for _ in range(args.rounds):
            for name, sizes in networks.items():  # interleaved: both see the same machine state
                runs[name].append(training_figures(app, sizes, size, args.seconds))
        for name, results in runs.items():
            keys = ("canvas_fps", "region_fps", "steps_per_s", "dropped_per_s")
            figures = {k: summary([r[k] for r in results]) for k in keys}
            figures["cpu_share"] = summary([r["cpu_share"] for r in results])
            figures["last_round"] = results[-1]
            report(f"training {name}", figures)
    if "edit" in only:
        report("edit 2-8-8-1", edit_figures(app, size, 100))
    if "bulk" in only:
        rounds = [bulk_figures(app, size) for _ in range(args.rounds)]
        report("bulk add layer 64x64", {k: summary([r[k] for r in rounds]) for k in rounds[0]})
    if "launch" in only:
        report("launch", launch_figures(max(args.rounds, 5), tuple(args.baseline)))


def views_figures(app, args, networks: dict, size: tuple[int, int], report) -> None:
    """Training with each view set open, interleaved (views × networks per round), medians over rounds."""
    from bench.live_views import VIEWS, install_part_clock

    views = list(VIEWS) if args.views == "all" else args.views.split(",")
    unknown = [v for v in views if v not in VIEWS]
    if unknown:
        raise SystemExit(f"live.py: unknown view {unknown[0]!r} (choose from {', '.join(VIEWS)})")
    parts = install_part_clock()
    runs: dict[tuple[str, str], list[dict]] = {(v, n): [] for v in views for n in networks}
    for _ in range(args.rounds):
        for view in views:
            for name, sizes in networks.items():
                runs[view, name].append(training_figures(app, sizes, size, args.seconds, view, parts))
    for (view, name), results in runs.items():
        keys = ("canvas_fps", "region_fps", "steps_per_s", "cpu_share", "cpu_ms_per_frame", "frames_per_cpu_s")
        figures = {k: summary([r[k] for r in results]) for k in keys}
        part_names = sorted({p for r in results for p in r["parts_ms_per_frame"] if p != "calls_per_frame"})
        figures["parts_ms_per_frame"] = {
            p: round(statistics.median([r["parts_ms_per_frame"].get(p, 0.0) for r in results]), 3) for p in part_names
        }
        figures["load"] = load_average()
        figures["last_round"] = results[-1]
        report(f"views {view} {name} ({args.level_name})", figures)


def emit_json(name: str, figures: dict) -> None:
    print(json.dumps({"figures": name, **figures}))


def emit_text(name: str, figures: dict) -> None:
    print(f"## {name}")
    for key, value in figures.items():
        print(f"  {key}: {value}")


if __name__ == "__main__":
    main()
