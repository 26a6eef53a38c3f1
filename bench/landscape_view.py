"""The Loss Landscape view in the real main window (offscreen): a recompute is the engine's grid plus the
drawing (colours, contour lines, point, path, readout) plus the plot's repaint.

Run by hand (not in CI):
    QT_QPA_PLATFORM=offscreen OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/landscape_view.py [--repeats 7]

Cases as in bench/landscape.py (2-8-8-1 tanh, the circle dataset's 250 training points,
cross-entropy), on the view's 61×61 grid; the contenders run interleaved in every round: the engine
function alone, the view's recompute, and the recompute with the plot repainted. Medians (min–max)
of the main thread's CPU time and of the wall time, in ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.benchlib import fresh_settings
from designer.engine.data import DataOptions
from designer.engine.landscape import Parameter, loss_landscape
from designer.ui.app import create_app
from designer.ui.live.panel_settings import select
from designer.ui.mainwindow import MainWindow
from tests.ui.live_gui import mlp

CASES = {
    "two first-layer weights": ["w:x1->h1_1", "w:x2->h1_2"],
    "weight and bias of one first-layer neuron": ["w:x1->h1_1", "b:h1_1"],
    "output weight and bias": ["w:h2_1->y", "b:y"],
}


def timed(fn) -> tuple[float, float]:
    cpu, wall = time.thread_time(), time.perf_counter()
    fn()
    return 1000 * (time.thread_time() - cpu), 1000 * (time.perf_counter() - wall)


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} ({min(values):.1f}–{max(values):.1f})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    fresh_settings()  # the first-start layout, not whatever the user's settings hold
    app = create_app()
    window = MainWindow(mlp([2, 8, 8, 1], "tanh", "sigmoid"))
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    live = window.live
    live.session.regenerate(DataOptions("circle", 0.0, 0.5, 0, n=500))
    select(live.panel.loss, "cross_entropy")
    live.landscape_dock.show()
    view = live.landscape
    app.processEvents()
    session = live.session
    print(f"{len(session.data.x_train)} training points, grid 61×61; CPU ms (wall ms), median (min–max)")
    print("| case | engine alone | view recompute | recompute + repaint |")
    print("| --- | ---: | ---: | ---: |")
    for name, ids in CASES.items():
        view.set_parameters(ids)
        app.processEvents()
        params = [Parameter.parse(i) for i in ids]
        axes = view.picker.axes(61)
        data = session.data
        times: dict[str, list[tuple[float, float]]] = {"engine": [], "view": [], "paint": []}

        def engine(data=data, params=params, axes=axes) -> None:
            loss_landscape(session.compiled, data.x_train, data.y_train, "cross_entropy", params, axes)

        for _ in range(args.repeats):
            times["engine"].append(timed(engine))
            times["view"].append(timed(view.compute))
            times["paint"].append(timed(lambda: (view.compute(), view.plot.repaint())))
        cells = [f"{summary([c for c, _ in times[k]])} [{summary([w for _, w in times[k]])}]" for k in times]
        print(f"| {name} | " + " | ".join(cells) + " |")
    window.document.undo_stack.setClean()
    window.close()


if __name__ == "__main__":
    main()
