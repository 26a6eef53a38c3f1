"""The activation view: g(z) and g'(z) of the selected neuron's activation, its current z marked on both.

The lecture's point is seen, not told: step' = 0 everywhere (nothing for gradient descent to
follow), sigmoid' = g(1 − g) (at most 1/4), relu'(0) = 1. The curves are the engine's own
g and g' (:func:`designer.engine.activations.evaluate` / :func:`derivative`: what training
computes), and the mark is the neuron's (z, g(z)) at the probe point (hover or click the
decision-region map, or the output curve of a 1-input network) from :meth:`Session.probe_value`.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from designer.engine.activations import derivative, evaluate
from designer.formatting import isolated
from designer.ui.live import plot_style
from designer.ui.live.backward import factor_text
from designer.ui.live.on_screen import on_screen
from designer.ui.live.probe import SOFTMAX, equation, fmt
from designer.ui.live.scrolled import scrolled_column
from designer.ui.live.session import LINE, NONE, PLANE, Session

SAMPLES = 801  # odd: z = 0 is a sample (relu'(0) = 1 and step(0) = 1 are drawn exactly there)
HALF_WIDTH = 6.0  # z from −6 to 6, wider when the marked z lies outside
FORMULAS = {
    "linear": ("g(z) = z", "g′(z) = 1"),
    "sigmoid": ("g(z) = 1 / (1 + e^(−z))", "g′(z) = g(z)·(1 − g(z)), at most 1/4"),
    "step": ("g(z) = 1 for z ≥ 0, else 0", "g′(z) = 0 everywhere: no gradient to follow"),
    "relu": ("g(z) = max(0, z)", "g′(z) = 1 for z ≥ 0 (relu′(0) = 1), else 0"),
    "tanh": ("g(z) = tanh(z)", "g′(z) = 1 − g(z)²"),
}
G_RANGES = {"sigmoid": (-0.1, 1.1), "step": (-0.1, 1.1), "tanh": (-1.1, 1.1)}
LABEL_FILL_ALPHA = 225  # the mark's label: a box the curve passes behind, as the canvas's value boxes
SLOPE_RANGE = (-0.1, 1.1)  # every g' of the five lies in [0, 1]: one scale shows how small sigmoid' is
#: where g and g′ jump, by activation: (g's jumps, g′'s jumps). Drawn through the samples, step's curve
#: climbed from z = −0.015 to 0, a 1–2 px slant; relu′ the same
JUMPS = {"step": ((0.0,), ()), "relu": ((), (0.0,))}


#: what the readout says before a point is chosen, by what Decision Regions shows (a map over two inputs,
#: an output curve over one: "the map" sent a 1-input network's user looking for one): for the window,
#: not for a figure of the view
HOVER_HINTS = {
    PLANE: "Hover the decision-region map (click pins a point): its z is marked here.",
    LINE: "Hover the output curve in Decision Regions (click pins an x): its z is marked here.",
    NONE: "No point to probe yet: Decision Regions needs a network with inputs that it can compute.",
}


class ActivationView(QWidget):
    """Two plots, g above g′, for the chosen neuron (the last neuron selected on the canvas)."""

    def __init__(self, session: Session, scene) -> None:
        super().__init__()
        self.session = session
        self.scene = scene
        self.setObjectName("activationView")
        self.neuron: str | None = None
        self.title = QLabel()
        self.title.setObjectName("activationTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a neuron's label comes from a file
        self.title.setWordWrap(True)
        self.readout = QLabel()
        self.readout.setObjectName("activationReadout")
        self.readout.setTextFormat(Qt.TextFormat.PlainText)
        self.readout.setWordWrap(True)
        # the formulas over the plots: labels that wrap (a plot's own title was cut in a narrow dock,
        # "step: g(z) = 1 for z ≥ 0, el")
        self.g_formula = _formula_label("activationFormula")
        self.d_formula = _formula_label("slopeFormula")
        self.g_plot, self.g_curve, self.g_mark, self.g_line, self.g_text = self._plot("activationPlot")
        self.d_plot, self.d_curve, self.d_mark, self.d_line, self.d_text = self._plot("derivativePlot")
        self.d_plot.setXLink(self.g_plot)
        self.g_plot.setAccessibleName("Activation plot: g(z) of the selected neuron")
        self.d_plot.setAccessibleName("Derivative plot: g′(z) of the selected neuron")
        # too low (a fourth panel in a column at 1920×1080): it scrolls; the readout was drawn over the
        # slope plot's axis
        column, self.scroll = scrolled_column(self, "activation")
        column.addWidget(self.title)
        column.addWidget(self.g_formula)
        column.addWidget(self.g_plot, 1)
        column.addWidget(self.d_formula)
        column.addWidget(self.d_plot, 1)
        column.addWidget(self.readout)
        self._z = np.zeros(0)
        self._g = np.zeros(0)
        self._d = np.zeros(0)
        #: what the curves and titles were drawn for (neuron, label, activation, z range, softmax): a
        #: training frame that moves only the mark leaves them (they were drawn again at every frame)
        self._drawn: tuple | None = None
        self.curves_drawn = 0  # how often (tests count it)
        for plot in (self.g_plot, self.d_plot):  # a label's size in data units follows the plot's size
            plot.getPlotItem().getViewBox().sigResized.connect(lambda *_: self._place_labels())
        scene.selection_changed_.connect(self._selection_changed)
        scene.theme_changed.connect(self.restyle)
        for signal in (session.evaluated, session.probe_changed, session.structure_changed):
            signal.connect(self.refresh)
        self.restyle()
        self._selection_changed()

    @property
    def figure(self) -> QWidget:
        """What File ▸ Export draws: the whole column, not the scroll area's visible part (in a low dock
        the figure had a scroll bar and lost the readout's last line)."""
        return self.scroll.widget()

    @property
    def controls(self) -> tuple[QWidget, ...]:
        """What a figure leaves out: the readout while it only says to hover the map (no use on a slide)."""
        return (self.readout,) if self.readout.text() in HOVER_HINTS.values() else ()

    def _plot(self, name: str) -> tuple:
        plot = plot_style.still_plot(name, self.scene.theme, (160, 110))
        item = plot.getPlotItem()
        item.showGrid(x=True, y=True, alpha=0.2)
        curve = item.plot([], [])
        line = pg.InfiniteLine(angle=90)
        line.hide()
        item.addItem(line, ignoreBounds=True)
        mark = pg.ScatterPlotItem(size=14, symbol="o")
        mark.setZValue(11)  # over its label's box, which has a corner at the mark
        item.addItem(mark, ignoreBounds=True)
        text = pg.TextItem(anchor=(0, 1))
        text.setZValue(10)
        item.addItem(text, ignoreBounds=True)
        return plot, curve, mark, line, text

    # ------------------------------------------------------------ style
    def restyle(self) -> None:
        """Colours, line widths and text sizes from the canvas's theme (presentation mode scales them)."""
        theme = self.scene.theme
        s = theme.scale
        self._drawn = None  # titles in the new theme's type
        for label in (self.g_formula, self.d_formula):
            label.setFont(theme.screen_font(plot_style.TITLE_POINTS))
        for plot, curve, mark, line, text in (
            (self.g_plot, self.g_curve, self.g_mark, self.g_line, self.g_text),
            (self.d_plot, self.d_curve, self.d_mark, self.d_line, self.d_text),
        ):
            plot_style.style_plot(plot, theme)
            plot_style.let_end_labels_show(plot.getPlotItem().getAxis("left"), theme)
            curve.setPen(pg.mkPen(theme.positive, width=2.5 * s))
            line.setPen(pg.mkPen(theme.selection, width=1.5 * s, style=Qt.PenStyle.DashLine))
            mark.setPen(pg.mkPen(theme.background, width=2 * s))
            mark.setBrush(pg.mkBrush(theme.selection))
            mark.setSize(14 * s)
            text.setColor(theme.text)
            fill = theme.color("background")
            fill.setAlpha(LABEL_FILL_ALPHA)
            text.fill = pg.mkBrush(fill)  # where no corner is clear of the curve, the curve passes behind
            text.border = pg.mkPen(theme.muted_text, width=1)
            text.setFont(theme.screen_font(plot_style.TICK_POINTS))
        self.refresh()

    # ------------------------------------------------------------ follow
    def _selection_changed(self) -> None:
        """The last neuron selected stays chosen when the selection is cleared."""
        neurons = [n for n in self.scene.selected_node_ids() if n in self.session.network.neurons]
        if neurons:
            self.neuron = neurons[-1]
        self.refresh()

    def show_neuron(self, node_id: str | None) -> None:
        """Show this neuron's activation (the lesson player's "select")."""
        self.neuron = node_id
        self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._redraw()  # shown: its place on the window may not be laid out yet

    def revealed(self, visible: bool = True) -> None:
        """Its dock's tab came to the front (Qt shows no event for it): the neuron as it is now."""
        if visible:
            QTimer.singleShot(0, self, self.refresh)  # once the dock is back on the window

    def refresh(self) -> None:
        if on_screen(self):  # else shown again (or its tab brought to the front): showEvent or revealed redraws
            self._redraw()

    def _redraw(self) -> None:
        net = self.session.network
        if self.neuron is not None and self.neuron not in net.neurons:
            self.neuron = None
        if self.neuron is None:
            self._show_nothing()
            return
        neuron = net.neurons[self.neuron]
        name = neuron.activation
        mark = self.mark()
        half = HALF_WIDTH if mark is None else max(HALF_WIDTH, abs(mark[0]) * 1.15 + 0.5)
        softmax = self.neuron in net.outputs and net.softmax
        drawn = (self.neuron, neuron.display_label, name, half, softmax)
        if drawn == self._drawn:  # a training frame moved the mark only: the curves and titles stay
            self._show_mark(mark)
            return
        self._drawn = drawn
        self.curves_drawn += 1
        z = np.linspace(-half, half, SAMPLES)
        self._z, self._g, self._d = z, evaluate(name, z), derivative(name, z)
        g_jumps, d_jumps = JUMPS.get(name, ((), ()))
        self.g_curve.setData(*with_jumps(z, self._g, g_jumps, lambda at: evaluate(name, at)))
        self.d_curve.setData(*with_jumps(z, self._d, d_jumps, lambda at: derivative(name, at)))
        g_range = G_RANGES.get(name, (-half, half) if name == "linear" else (-0.1 * half, half))
        self.g_plot.getPlotItem().setRange(xRange=(-half, half), yRange=g_range, padding=0.02)
        self.d_plot.getPlotItem().setYRange(*SLOPE_RANGE, padding=0.02)
        formula, slope = FORMULAS[name]
        self.g_formula.setText(unbroken(f"{name}: {formula}"))
        self.d_formula.setText(unbroken(slope))
        then = ", then softmax over the outputs" if softmax else ""
        self.title.setText(f"Neuron {isolated(neuron.display_label)}: {name}{then}")
        self._show_mark(mark)

    def _show_mark(self, mark: tuple[float, float, float] | None) -> None:
        items = (self.g_mark, self.d_mark, self.g_line, self.d_line, self.g_text, self.d_text)
        if mark is None:
            for item in items:
                item.hide()
            self.g_mark.setData([], [])
            self.d_mark.setData([], [])
            self.readout.setText(HOVER_HINTS[self.session.mode])
            return
        z, g, d = mark
        self.g_mark.setData([z], [g])
        self.d_mark.setData([z], [d])
        for line in (self.g_line, self.d_line):
            line.setValue(z)
        activation = self.session.network.neurons[self.neuron].activation
        # as the probe's box beside the neuron reads them
        reading = f"{equation('z', fmt(z))}, {equation('g(z)', fmt(g, activation))}"
        self.g_text.setText(f" {reading} ")
        slope = equation("g′(z)", factor_text(d))  # as B writes the factor g'(z): small is not nothing
        self.d_text.setText(f" {slope} ")
        for item in items:
            item.show()
        self._place_labels()
        readout = f"At the probe point: {reading}, {slope}"
        p = self.session.probe_softmax().get(self.neuron)
        if p is not None:
            readout += f"; after softmax over the outputs: {fmt(p, SOFTMAX)}"
        self.readout.setText(readout)

    def _place_labels(self) -> None:
        """Each value's label at a corner of its mark where it stays inside the plot and off the curve."""
        mark = self.mark() if self.g_text.isVisible() else None
        if mark is None or not len(self._z):
            return
        z, g, d = mark
        for text, y, plot, ys in ((self.g_text, g, self.g_plot, self._g), (self.d_text, d, self.d_plot, self._d)):
            box = plot.getPlotItem().getViewBox()
            pixel_w, pixel_h = box.viewPixelSize()
            size = text.textItem.boundingRect()
            anchor, where = label_place(
                (z, y), (size.width() * pixel_w, size.height() * pixel_h), box.viewRange(), (self._z, ys)
            )
            text.setAnchor(anchor)
            text.setPos(z, where)

    def _show_nothing(self) -> None:
        self._drawn = None
        self._z = self._g = self._d = np.zeros(0)
        for curve in (self.g_curve, self.d_curve):
            curve.setData([], [])
        for label in (self.g_formula, self.d_formula):
            label.setText("")
        self._show_mark(None)
        self.title.setText("Select a neuron on the canvas to see its activation g(z) and slope g′(z).")

    # ------------------------------------------------------------ values
    def samples(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The plotted (z, g(z), g′(z)) samples."""
        return self._z, self._g, self._d

    def mark(self) -> tuple[float, float, float] | None:
        """(z, g(z), g′(z)) of the chosen neuron at the probe point, or None without a probe."""
        if self.neuron is None or self.neuron not in self.session.network.neurons:
            return None
        value = self.session.probe_value(self.neuron)
        if value is None:
            return None
        z, g = value
        name = self.session.network.neurons[self.neuron].activation
        d = float(derivative(name, np.array([z]))[0])
        return z, g, d


def _formula_label(name: str) -> QLabel:
    """A plot's formula over it, centred, wrapped where the view is narrow (plain text: it is ours)."""
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    return label


def unbroken(formula: str) -> str:
    """A formula whose lines break between its terms, never inside "z ≥ 0" or "1 − g(z)" (no-break
    spaces around its relations and operators)."""
    for sign in ("=", "≥", "/", "+", "−", "·"):
        formula = formula.replace(f" {sign} ", f"\u00a0{sign}\u00a0")
    return formula


def with_jumps(z: np.ndarray, values: np.ndarray, jumps, function) -> tuple[np.ndarray, np.ndarray]:
    """The curve through (``z``, ``values``) going straight up or down at each of ``jumps``: there the value
    from the left (``function`` just below the jump) and the value at the jump share one z."""
    for at in jumps:
        i = int(np.searchsorted(z, at))
        if i == 0 or i == len(z):
            continue  # the jump is outside the plotted range
        here = np.array([at], dtype=z.dtype)
        left = function(np.nextafter(here, -np.inf))
        points_z, points_v = (
            (here, left) if z[i] == at else (np.repeat(here, 2), np.concatenate([left, function(here)]))
        )
        z, values = np.insert(z, i, points_z), np.insert(values, i, points_v)
    return z, values


def label_place(
    at: tuple[float, float],
    size: tuple[float, float],
    view: list[list[float]],
    curve: tuple[np.ndarray, np.ndarray],
) -> tuple[tuple[int, int], float]:
    """Where a label of ``size`` (data units) for the mark ``at`` goes: its text anchor and height, left or
    right of the mark's line, at the mark (above or below it) or at the plot's top or bottom edge; inside the
    view, over as little of ``curve`` as can be (beside a rising sigmoid, below and left of its mark, the
    label was drawn across the curve), then as near the mark as can be."""
    (x0, x1), (y0, y1) = view
    z, y = at
    width, height = size
    zs, ys = curve
    inset = 0.02 * (y1 - y0)
    # (anchor y, where): 1 puts the text's bottom at that height, 0 its top
    heights = ((1, y), (0, y), (0, y1 - inset), (1, y0 + inset))

    def cost(place: tuple[int, int, float]) -> tuple[bool, int, float]:
        side, above, where = place
        left = z - side * width
        bottom = where if above == 1 else where - height
        outside = left < x0 or left + width > x1 or bottom < y0 or bottom + height > y1
        covered = (zs >= left) & (zs <= left + width) & (ys >= bottom) & (ys <= bottom + height)
        return outside, int(np.count_nonzero(covered)), abs(where - y)

    side, above, where = min(((side, a, h) for side in (1, 0) for a, h in heights), key=cost)
    return (side, above), where
