"""Several restarts: the same design trained from K random initialisations, final losses side by side.

Students see that gradient descent may end in different places (a local optimum, a dead
unit) depending on where it starts. The runs are time-sliced like training, on copies of
the compiled network: the model changes only when the user picks a run.
"""

from __future__ import annotations

import dataclasses
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout

from designer.engine import EngineError, Trainer, compile_network, randomize
from designer.formatting import format_number
from designer.ui.live import plot_style
from designer.ui.live.window_place import ClearOfNodes

BUDGET_S = 0.012


class RestartsDialog(QDialog):
    def __init__(self, parent, session, theme, report, k: int, epochs: int) -> None:
        super().__init__(parent)
        self.session = session
        self.report = report
        self.setObjectName("restartsDialog")
        self.setWindowTitle("Several restarts")
        self.k, self.epochs = k, epochs
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # engine messages may quote ids
        self.summary.setObjectName("restartsSummary")
        self.summary.setWordWrap(True)
        self.plot = plot_style.plot_widget(theme)
        self.plot.setObjectName("restartsPlot")
        item = self.plot.getPlotItem()
        item.hideButtons()
        item.setMenuEnabled(False)
        item.setMouseEnabled(False, False)
        item.setLabel("bottom", "run")  # its seed is named once the first run starts (_start)
        item.setLabel("left", "final loss")  # short: a dock or the presentation stage may be low
        item.showGrid(y=True, alpha=0.25)
        plot_style.style_axes(item, theme)  # losses as they are: "final loss (x0.001)" over 350 was misread
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.7, brush=theme.positive)
        item.addItem(self.bars)
        self.choice = QSpinBox()
        self.choice.setObjectName("restartChoice")
        self.choice.setRange(1, k)
        self.choice.setPrefix("run ")
        self.choice.setAccessibleName("Run whose weights to use")
        self.use = QPushButton("Use these weights")
        self.use.setObjectName("useRestart")
        self.use.setEnabled(False)
        self.use.clicked.connect(self._use)
        row = QHBoxLayout()
        row.addWidget(self.choice)
        row.addWidget(self.use)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.plot, 1)
        self.plot.getPlotItem().vb.sigResized.connect(self._fit_axis_title)
        layout.addLayout(row)
        self.resize(520, 360)
        self.losses: list[float] = []
        self.thetas: list[np.ndarray] = []
        self._timer = QTimer(self)
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._tick)
        self.finished.connect(self._timer.stop)
        self._start()

    def _start(self) -> None:
        st = self.session
        data = st.data
        if data.problem or data.n_train == 0:
            self.summary.setText(f"Cannot train: {data.problem or 'no training data'}")
            return
        try:
            self.net = compile_network(st.network, np.float64)
        except EngineError as exc:
            self.summary.setText(f"Cannot train: {exc}")
            return
        self.base = self.net.theta.copy()
        s = self.session.training.settings
        self.settings = dataclasses.replace(s)  # every setting, momentum included; the panel's may change meanwhile
        self.first_seed = self.session.training.weight_seed + 1
        self._fit_axis_title()
        self.run = -1
        self._next_run()
        self._timer.start()

    def axis_titles(self) -> list[str]:
        """The x axis's title, longest first: the longest that fits the axis is shown."""
        seeds = f"{self.first_seed}…{self.first_seed + self.k - 1}"
        return [f"run (random weights from seeds {seeds})", f"run (seeds {seeds})", "run"]

    def _fit_axis_title(self) -> None:
        """Presented at 1280×720 the whole title was wider than the plot and cut at both ends."""
        if not hasattr(self, "first_seed"):
            return
        axis = self.plot.getPlotItem().getAxis("bottom")
        room = axis.geometry().width() or self.plot.width()
        font = QFont(axis.label.font())
        size = str(axis.labelStyle.get("font-size", ""))  # the title's size is in its style ("24px")
        if size.endswith("px") and size[:-2].replace(".", "", 1).isdigit():
            font.setPixelSize(max(1, round(float(size[:-2]))))
        elif size.endswith("pt") and size[:-2].replace(".", "", 1).isdigit():
            font.setPointSizeF(float(size[:-2]))
        metrics = QFontMetricsF(font)
        titles = self.axis_titles()
        title = next((t for t in titles if metrics.horizontalAdvance(t) <= room), titles[-1])
        if axis.labelText != title:
            self.plot.getPlotItem().setLabel("bottom", title)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_axis_title()

    def _next_run(self) -> bool:
        self.run += 1
        if self.run >= self.k:
            return False
        self.net.theta[...] = self.base
        randomize(self.net, self.first_seed + self.run)
        data = self.session.data
        self.training = Trainer(self.net, data.x_train, data.y_train, self.settings)
        self.diverged = False
        return True

    def _tick(self) -> None:
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < BUDGET_S:
            if self.training.epoch >= self.epochs or self.diverged:
                data = self.session.data
                loss = self.training.evaluate(data.x_train, data.y_train).loss if not self.diverged else float("nan")
                self.losses.append(loss)
                self.thetas.append(self.net.theta.copy())
                self._show()
                if not self._next_run():
                    self._timer.stop()
                    self._finish()
                    return
                continue
            self.diverged = self.training.step().diverged
        self.summary.setText(f"Training run {self.run + 1} of {self.k}: epoch {self.training.epoch} of {self.epochs}…")

    def _show(self) -> None:
        x = np.arange(1, len(self.losses) + 1)
        heights = np.nan_to_num(np.array(self.losses), nan=0.0)
        self.bars.setOpts(x=x, height=heights, width=0.7)
        self.plot.getPlotItem().getAxis("bottom").setTicks([[(int(i), str(i)) for i in x]])  # one line: no overlap

    def _finish(self) -> None:
        finite = [v for v in self.losses if v == v]
        if not finite:
            self.summary.setText("Every run diverged: try a smaller learning rate")
            return
        best = int(np.nanargmin(self.losses))
        spread = max(finite) / max(min(finite), 1e-12)
        text = (
            f"{self.k} runs of {self.epochs} epochs from different random weights. Final training losses: "
            + ", ".join(format_number(float(f"{v:.3g}")) for v in self.losses)
            + f". Best: run {best + 1}."
        )
        if spread > 2:
            text += " The same network ends in very different places: gradient descent can get stuck."
        self.summary.setText(text)
        self.choice.setValue(best + 1)
        self.use.setEnabled(True)

    def _use(self) -> None:
        i = self.choice.value() - 1
        self.net.theta[...] = self.thetas[i]
        seed = self.first_seed + i
        self.session.training.set_weights(self.net.trainable_values(), f"use restart {i + 1}", seed=seed)
        self.report(f"Using the weights of restart {i + 1} (seed {seed})")


def run_restarts(parent, session, theme, report, k: int, epochs: int) -> RestartsDialog:
    dialog = RestartsDialog(parent, session, theme, report, k, epochs)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    place_in_corner(dialog, parent)
    return dialog


def place_in_corner(dialog: QDialog, parent) -> None:
    """The window at its parent's lower left corner, not over the middle (centred, it covered the canvas
    and the decision map the runs are about; at the lower left it covers the Lesson dock's step list),
    and never over a neuron (see window_place.py)."""
    window = parent.window() if parent is not None else None
    if window is None or not window.isVisible():
        return
    ClearOfNodes(dialog, window)
