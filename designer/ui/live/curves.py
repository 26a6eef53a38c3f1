"""Train and test loss and accuracy over epochs (pyqtgraph), with the values under the mouse."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from designer.formatting import format_number
from designer.ui.live import plot_style

#: Below this many tick-text lines of plot height the plots drop their titles and the "epoch" axis
#: title and name themselves on their left axis: in a short panel (presenting a lesson on a 768 px
#: screen, about 150 px) the titles and axis left the curves some 20 px, flat lines under their ticks.
COMPACT_LINES = 9
#: The left-axis titles of compact plots lower than their full titles are long.
SHORT_TITLES = {"loss": "Loss", "acc": "Acc."}
#: Room right of each plot, into which the epoch axis's last label may reach (pixels).
RIGHT_MARGIN = 8


class LossCurves(QWidget):
    def __init__(self, training, theme) -> None:
        super().__init__()
        self.compact = False  # titles on the left axes, no "epoch" (see COMPACT_LINES)
        self._shown_titles: tuple[str | None, ...] | None = None  # the left-axis titles last set
        self.training = training
        self.setObjectName("lossCurves")
        self.loss_plot = plot_style.plot_widget(theme)
        self.acc_plot = plot_style.plot_widget(theme)
        self.loss_plot.setObjectName("lossPlot")
        for plot in (self.loss_plot, self.acc_plot):
            plot.setMinimumSize(120, 90)
        self.acc_plot.setObjectName("accuracyPlot")
        self.loss_plot.setAccessibleName("Loss plot")
        self.acc_plot.setAccessibleName("Accuracy plot")
        self.curves = {}
        self.titles = {}
        for plot, kind, title in ((self.loss_plot, "loss", "Loss"), (self.acc_plot, "acc", "Accuracy")):
            item = plot.getPlotItem()
            item.hideButtons()
            item.setMenuEnabled(False)
            item.setMouseEnabled(False, False)
            item.setLabel("bottom", "epoch")
            # a label may reach past the axis's ends by the margin: in a narrow plot (the Accuracy plot
            # at 1280×720, 140 px) "0" and "10000" sat at the ends a few pixels over, and pyqtgraph hid
            # both, leaving the epoch axis without a number
            item.getAxis("bottom").setStyle(hideOverlappingLabels=RIGHT_MARGIN)
            self.titles[kind] = title
            item.setContentsMargins(2, 2, RIGHT_MARGIN, 2)
            self.curves[f"train_{kind}"] = item.plot([], [])
            self.curves[f"test_{kind}"] = item.plot([], [])
            line = pg.InfiniteLine(angle=90)
            line.hide()
            item.addItem(line, ignoreBounds=True)
            setattr(self, f"{kind}_line", line)
            plot.scene().sigMouseMoved.connect(lambda pos, p=plot: self._hover(p, pos))
        self._ranges: tuple | None = None
        for plot in (self.loss_plot, self.acc_plot):
            plot.getPlotItem().disableAutoRange()
        self.key = QLabel()
        self.key.setObjectName("curveKey")
        self.readout = QLabel("Hover for values")
        self.readout.setObjectName("curveReadout")
        self.readout.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.readout.setWordWrap(True)  # a narrow dock (a lesson at 1000×720) cut it to "Hover for"
        self.log = QCheckBox("log loss")
        self.log.setObjectName("logLoss")
        self.log.setToolTip("Loss on a logarithmic scale: late, small improvements stay visible")
        self.log.toggled.connect(self._log_toggled)
        plots = QHBoxLayout()
        plots.setContentsMargins(0, 0, 0, 0)
        plots.addWidget(self.loss_plot, 3)
        plots.addWidget(self.acc_plot, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addLayout(plots, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.key)
        bottom.addSpacing(12)
        bottom.addWidget(self.readout, 1)
        bottom.addWidget(self.log)
        layout.addLayout(bottom)
        #: the widgets for the user, left out of an exported figure (the key stays: it names the lines)
        self.controls = (self.readout, self.log)
        training.stepped.connect(self.refresh)
        training.running_changed.connect(lambda running: running or self.refresh())  # stopped: the exact range
        self.restyle(theme)
        self.refresh()

    def restyle(self, theme) -> None:
        """Colours, line widths and text sizes from a theme (at start and when the canvas's theme changes)."""
        s = theme.scale
        train_pen = pg.mkPen(theme.positive, width=2 * s)
        test_pen = pg.mkPen(theme.negative, width=2 * s, style=Qt.PenStyle.DashLine)
        for plot, kind in ((self.loss_plot, "loss"), (self.acc_plot, "acc")):
            plot_style.style_plot(plot, theme)
            item = plot.getPlotItem()
            plot_style.style_title(item, self.titles[kind], theme)
            self.curves[f"train_{kind}"].setPen(train_pen)
            self.curves[f"test_{kind}"].setPen(test_pen)
            getattr(self, f"{kind}_line").setPen(pg.mkPen(theme.muted_text, width=s))
        self._theme = theme
        self._key_has_test = None  # the key is written again for the new colours
        self._write_key(True)
        self._show_titles(self.compact, again=True)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        compact = self.loss_plot.height() < COMPACT_LINES * plot_style.text_px(self._theme, plot_style.TICK_POINTS)
        self._show_titles(compact)

    def _axis_titles(self, compact: bool) -> tuple[str | None, ...]:
        """Each plot's left-axis title: none above :data:`COMPACT_LINES`, else its title, shortened where
        the axis is lower than the title is long."""
        if not compact:
            return (None, None)
        metrics = QFontMetrics(self._theme.screen_font(plot_style.LABEL_POINTS))
        return tuple(
            self.titles[kind]
            if metrics.horizontalAdvance(self.titles[kind]) <= 0.8 * plot.getPlotItem().getViewBox().height()
            else SHORT_TITLES[kind]
            for plot, kind in ((self.loss_plot, "loss"), (self.acc_plot, "acc"))
        )

    def _show_titles(self, compact: bool, again: bool = False) -> None:
        """Titles above the plots and "epoch" under them, or (``compact``) each title on its left axis;
        only what changed since the last call is set (``again``: all of it, for a new theme)."""
        wanted = self._axis_titles(compact)
        if wanted == self._shown_titles and not again:
            return
        self.compact, self._shown_titles = compact, wanted
        theme = self._theme
        style = {"color": theme.text, "font-size": plot_style.css_px(theme, plot_style.LABEL_POINTS)}
        for plot, kind, axis_title in zip((self.loss_plot, self.acc_plot), ("loss", "acc"), wanted, strict=True):
            item = plot.getPlotItem()
            if axis_title is not None:
                item.setTitle(None)
                item.setLabel("left", axis_title, **style)
                # room above the top tick's label, which the title row gave
                item.setContentsMargins(2, plot_style.text_px(theme, plot_style.TICK_POINTS) // 2, RIGHT_MARGIN, 2)
            else:
                plot_style.style_title(item, self.titles[kind], theme)
                item.showLabel("left", False)
                item.setContentsMargins(2, 2, RIGHT_MARGIN, 2)
            item.showLabel("bottom", axis_title is None)

    def _write_key(self, has_test: bool) -> None:
        """train ━━ (and test ╌╌ when there are test points: a slide of a set without them showed an
        empty entry)."""
        if has_test == self._key_has_test:
            return
        self._key_has_test = has_test
        theme = self._theme
        text = f"<span style='color:{theme.positive}'><b>━━</b> train</span>"
        if has_test:
            text += f" &nbsp; <span style='color:{theme.negative}'><b>╌╌</b> test</span>"
        self.key.setText(text)

    def refresh(self) -> None:
        if self.training.running and not self.training.clock.views_due:
            return  # the frame budget leaves this frame's time to training (see frames.py)
        h = self.training.history
        epoch = h.column("epoch")
        for name, curve in self.curves.items():
            values = h.column(name)
            finite = np.isfinite(values)
            if finite.all():
                curve.setData(epoch, values)
            else:
                curve.setData(epoch[finite], values[finite])
        self.acc_plot.setVisible(self.training.classification())
        self._write_key(not len(epoch) or bool(np.isfinite(h.column("test_loss")).any()))
        self._frame(epoch)

    def _frame(self, epoch: np.ndarray) -> None:
        """Axis ranges that grow in nice steps (re-laying out axis ticks every frame costs more than the curves)."""
        last = float(epoch[-1]) if len(epoch) else 0.0
        # while training, ranges that grow in nice steps; stopped, the curves' own length (a figure for a
        # slide was 40 % empty: stopped at 3,000 epochs on an axis to 5,000)
        x_max = nice_ceiling(last or 1.0) if self.training.running or last <= 0 else last
        losses = np.concatenate([self.training.history.column("train_loss"), self.training.history.column("test_loss")])
        losses = losses[np.isfinite(losses)]
        if self.log.isChecked():
            positive = losses[losses > 0]
            y_range = (
                (float(np.floor(np.log10(positive.min()))), float(np.ceil(np.log10(positive.max()))))
                if len(positive)
                else (-3.0, 0.0)
            )
        else:
            y_range = (0.0, nice_ceiling(float(losses.max()) * 1.05 if len(losses) else 1.0))
        ranges = (x_max, y_range)
        if ranges != self._ranges:
            self._ranges = ranges
            self.loss_plot.setRange(xRange=(0, x_max), yRange=y_range, padding=0.02)
            self.acc_plot.setRange(xRange=(0, x_max), yRange=(0, 1), padding=0.02)

    def _log_toggled(self, on: bool) -> None:
        self.loss_plot.getPlotItem().setLogMode(y=on)
        self._ranges = None
        self.refresh()

    def data(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """What a curve shows (epochs, values), e.g. ``data("train_loss")``."""
        x, y = self.curves[name].getData()
        return (np.zeros(0), np.zeros(0)) if x is None else (np.asarray(x), np.asarray(y))

    def _hover(self, plot: pg.PlotWidget, pos: QPointF) -> None:
        vb = plot.getPlotItem().getViewBox()
        if not vb.sceneBoundingRect().contains(pos):
            return
        i = self.training.history.nearest(vb.mapSceneToView(pos).x())
        if i is None:
            return
        self.show_values(i)

    def show_values(self, i: int) -> None:
        h = self.training.history
        epoch = h.column("epoch")[i]
        parts = [f"epoch {epoch:.2f}", f"train loss {format_number(float(h.column('train_loss')[i]))}"]
        test = h.column("test_loss")[i]
        if not math.isnan(test):
            parts.append(f"test loss {format_number(float(test))}")
        for name, label in (("train_acc", "train acc"), ("test_acc", "test acc")):
            value = h.column(name)[i]
            if not math.isnan(value):
                parts.append(f"{label} {100 * value:.1f} %")
        self.readout.setText(" · ".join(parts))
        for line in (self.loss_line, self.acc_line):
            line.setValue(epoch)
            line.show()


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 5 × 10ⁿ that is ≥ value (and > 0)."""
    if not value > 0 or not np.isfinite(value):
        return 1.0
    power = 10.0 ** np.floor(np.log10(value))
    for step in (1.0, 2.0, 5.0, 10.0):
        if step * power >= value * (1 - 1e-12):
            return float(step * power)
    return float(10 * power)
