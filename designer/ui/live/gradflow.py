"""Gradient flow: connections coloured and thickened by ∂L/∂w, neurons tinted by ∂L/∂z, zero-gradient marks.

Gradients are those of the current loss on the training set (all of it: the mean of the
mini-batch gradients), recomputed after every edit and every training frame, so the view
animates while training. Neurons with no gradient at all get a mark and a tooltip saying why.
While a chain-rule drill's sample is shown they are those of the drill's objective instead (∂J/… of
J = the output, or its own loss), the numbers its answers ask for (:mod:`designer.ui.live.objective`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QToolTip, QWidget
from shiboken6 import isValid

from designer.engine import Workspace
from designer.formatting import format_number
from designer.ui.canvas.nodes import RADIUS
from designer.ui.canvas.text import draw_text
from designer.ui.live.legend import GradientLegend
from designer.ui.live.objective import Objective, output_targets, output_value, shown_objective
from designer.ui.live.overlay import CanvasOverlay
from designer.ui.live.panel_settings import LOSS_LABELS
from designer.ui.live.probe import equation, fmt
from designer.ui.safetext import tooltip

STEP_REASON = (
    "step unit: its derivative g'(z) is 0 everywhere, so no gradient passes through it "
    "and gradient descent cannot train the weights into it"
)
DEAD_RELU = (
    "ReLU inactive on every sample: z < 0 for all {n} training points, so g'(z) = 0 "
    '(a "dead" ReLU learns nothing until something else moves its z)'
)
BLOCKED = (
    "no gradient reaches it: every path from it to the loss passes through a unit "
    "whose g'(z) is 0 (e.g. a step unit), or it feeds no output"
)
BLOCKED_J = BLOCKED.replace("to the loss", "to J (the output)")
SOLVED = "the loss is 0 on every sample: there is nothing to correct"


@dataclass
class GradResult:
    loss: float
    connections: np.ndarray  # ∂L/∂w per connection, in the connection layer's order
    bias: dict[str, float]  # ∂L/∂z summed over the samples (= ∂L/∂b) per neuron
    zero: dict[str, str] = field(default_factory=dict)  # neuron → why its gradient is 0
    n: int = 0
    objective: Objective | None = None  # what was differentiated (None: the training loss)

    @property
    def symbol(self) -> str:
        """J for a drill's objective J = the output, else L."""
        return self.objective.symbol if self.objective is not None else "L"


class GradientFlow(QObject):
    changed = Signal()

    def __init__(self, session, scene, view) -> None:
        super().__init__(session)
        self.session = session
        self.scene = scene
        self.training = session.training
        self.view = view
        self.enabled = False
        self.paused_for_walk = False  # the backward walk owns the connection colours meanwhile
        self.result: GradResult | None = None
        self.limit = 1e-12
        self.bias_limit = 1e-12
        self._ws: Workspace | None = None
        self._data_key: tuple | None = None
        self.overlay = GradientOverlay(session, scene, self)
        self.legend = GradientLegend(view, scene.theme, self._node_areas)
        self.legend.hide()
        self.legend.band_changed.connect(self._band_changed)
        for moved in (view.zoomed, view.horizontalScrollBar().valueChanged, view.verticalScrollBar().valueChanged):
            moved.connect(self._move_legend)
        self._default_tooltip = scene.tooltip_builder
        scene.tooltip_builder = self._tooltip
        view.viewport().installEventFilter(self)
        session.evaluated.connect(self.refresh)

    def _node_areas(self) -> list[QRect]:
        """Where the nodes (with their maps) are on the canvas's viewport: the legend leaves them free."""
        view = self.view
        return [view.mapFromScene(r).boundingRect() for r in self.scene.labels.obstacles()]

    def _band_changed(self) -> None:
        """The legend took a band under the canvas (or gave it back): a fitted network is fitted into the
        canvas left (h2's name was cut at the band's edge). Presenting, the stage does this itself."""
        view = self.view
        if view.fitted and view.refit_on_resize:
            QTimer.singleShot(0, view, lambda: view.fitted and view.zoom_to_fit())

    def _move_legend(self, *_: object) -> None:
        if not (isValid(self.legend) and self.legend.isVisible()):
            return
        try:
            self.legend.place(scrolled=True)
        except RuntimeError:  # the window is being torn down: its scroll bars move after its nodes are gone
            pass

    # ------------------------------------------------------------ toggling
    def set_enabled(self, on: bool) -> None:
        self.enabled = on
        self.limit = self.bias_limit = 1e-12
        if on:
            self.session.ensure_fresh()
            self.refresh()
        else:
            self.result = None
            self.scene.connections.set_display_values(None)
            self.legend.hide()
        self.overlay.update()
        self.changed.emit()

    def refresh(self) -> None:
        if not self.enabled or self.paused_for_walk:
            return
        self.result = self.compute()
        layer = self.scene.connections
        if self.result is None:
            layer.set_display_values(None)
            self.legend.show_message("Gradient flow needs training data that fits the network")
        elif not self._finite(self.result):
            self.result = None
            layer.set_display_values(None)
            self.legend.show_message("Gradient flow: the loss or a gradient is not a finite number (huge data?)")
        else:
            peak = float(np.max(np.abs(self.result.connections), initial=0.0))
            self.limit = max(peak, 0.85 * self.limit, 1e-12)  # eases the scale down, jumps up
            layer.set_display_values(self.result.connections, self.limit)
            peak_b = max((abs(v) for v in self.result.bias.values()), default=0.0)
            self.bias_limit = max(peak_b, 0.85 * self.bias_limit, 1e-12)
            # all exactly 0 (step units, a solved perceptron): no scale, whose ±10⁻¹² floor read as gradients
            shown = self.limit if peak or peak_b else 0.0
            self.legend.show_scale(shown, self.headline(self.result), self.result.symbol)
        self.overlay.update()
        self.changed.emit()

    @staticmethod
    def _finite(result: GradResult) -> bool:
        """Huge data (1e39 overflows float32) gives inf or NaN gradients: no colour scale can show them."""
        biases = np.fromiter(result.bias.values(), float, len(result.bias))
        return bool(np.isfinite(result.loss) and np.isfinite(result.connections).all() and np.isfinite(biases).all())

    def headline(self, result: GradResult) -> str:
        """The legend's first line: the loss and its value, or a drill's J = the output and its value
        (worded as the backward pass's)."""
        objective = result.objective
        if objective is None or not objective.of_output:
            loss_name = objective.engine_loss if objective is not None else self.training.settings.loss
            name = LOSS_LABELS.get(loss_name, loss_name)  # as the Training panel names it
            return f"Gradient flow: {name} L = {format_number(result.loss)} on {result.n} training points"
        network = self.session.network
        output_id = network.outputs[0]
        output = network.node(output_id).display_label
        where = "at the drill's sample" if result.n == 1 else f"(its mean over {result.n} training points)"
        value = fmt(result.loss, network.neurons[output_id].activation)  # J is the output: read as the probe reads it
        return f"Gradient flow of {equation(f'J = the output {output}', value)} {where}"

    # ------------------------------------------------------------- compute
    def _workspace(self, n: int, loss: str) -> Workspace:
        net = self.session.compiled
        ws = self._ws
        if ws is None or ws.net is not net or ws.n != n or ws.loss != loss:
            ws = self._ws = Workspace(net, n, loss)
            self._data_key = None
        return ws

    def compute(self) -> GradResult | None:
        st = self.session
        net = st.compiled
        data = st.data
        if net is None or data.problem or data.n_train == 0 or data.x_train.shape[1] != net.n_inputs:
            return None
        objective = shown_objective(st, len(net.output_ids))
        ws = self._workspace(data.n_train, objective.engine_loss)
        key = (st.data_version, id(ws))
        with np.errstate(all="ignore"):  # data beyond float32 becomes inf: the result says so (refresh)
            if self._data_key != key:
                np.copyto(ws.inputs, data.x_train.T)
                self._y = np.ascontiguousarray(data.y_train.T, dtype=net.dtype)
                self._data_key = key
            ws.forward()
            if objective.of_output:
                ws.backward(output_targets(ws))
                loss = output_value(ws)
            else:
                loss = ws.backward(self._y)
        grads = ws.grad[net.connection_index].astype(float)
        layer_keys = self.scene.connections.keys
        if layer_keys != net.connection_keys:
            pos = {k: i for i, k in enumerate(net.connection_keys)}
            grads = np.array([grads[pos[k]] if k in pos else 0.0 for k in layer_keys])
        rows = np.array([net.index[n] for n in net.neuron_ids], dtype=np.intp)
        gz = ws.grad_z[rows]
        bias = dict(zip(net.neuron_ids, gz.sum(axis=1).astype(float).tolist(), strict=True))
        zero_rows = np.flatnonzero(~np.any(gz != 0, axis=1))
        zero = {}
        if len(zero_rows):
            dead = np.all(ws.z[rows[zero_rows]] < 0, axis=1)
            for r, is_dead in zip(zero_rows.tolist(), dead.tolist(), strict=True):
                zero[net.neuron_ids[r]] = self._reason(net.neuron_ids[r], is_dead, loss, data.n_train, objective)
        return GradResult(float(loss), grads, bias, zero, data.n_train, objective)

    def _reason(self, neuron_id: str, all_negative: bool, loss: float, n: int, objective: Objective) -> str:
        activation = self.session.network.neurons[neuron_id].activation
        if activation == "step":
            return STEP_REASON
        if activation == "relu" and all_negative:
            return DEAD_RELU.format(n=n)
        if objective.of_output:  # J = 0 is no solved loss: ∂J/∂a of the output is 1 whatever J is
            return BLOCKED_J
        if loss == 0:
            return SOLVED
        return BLOCKED

    # ------------------------------------------------------------ tooltips
    def _tooltip(self, network, node_id: str) -> str:
        text = self._default_tooltip(network, node_id)
        result = self.result
        if not self.enabled or result is None:
            return text
        d = result.symbol
        if node_id in result.zero:
            text += f"\n∂{d}/∂z = 0: {result.zero[node_id]}"
        elif node_id in result.bias:
            text += f"\n∂{d}/∂z summed over the data (= ∂{d}/∂b): {format_number(result.bias[node_id])}"
        return text

    def mark_at(self, scene_pos: QPointF) -> str | None:
        """The neuron whose zero-gradient mark is under ``scene_pos``."""
        if not self.enabled or self.result is None:
            return None
        for node_id in self.result.zero:
            rect = self.overlay.mark_rect(node_id)
            if rect is not None and rect.adjusted(-2, -2, 2, 2).contains(scene_pos):
                return node_id
        return None

    def mark_tooltip(self, node_id: str) -> str:
        if not self.session.network.has_node(node_id):
            return ""
        label = self.session.network.node(node_id).display_label
        return f"{label}: gradient 0 — {self.result.zero[node_id]}" if self.result else ""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and obj is self.view.viewport():
            node_id = self.mark_at(self.view.mapToScene(event.pos()))
            if node_id is not None:
                QToolTip.showText(event.globalPos(), tooltip(self.mark_tooltip(node_id)), self.view)
                return True
        return False


class GradientOverlay(CanvasOverlay):
    """Tints neurons by ∂L/∂z and marks those whose gradient is exactly zero."""

    def __init__(self, session, scene, flow: GradientFlow) -> None:
        super().__init__(session, scene, 11)
        self.flow = flow
        self.walk = None  # a BackwardWalk draws its labels through this item

    def mark_rect(self, node_id: str) -> QRectF | None:
        item = self.scene.node_items.get(node_id)
        if item is None:
            return None
        s = self.theme.scale
        p = item.pos()
        r = RADIUS * s
        return QRectF(p.x() - r - 4 * s, p.y() - r - 2 * s, 26 * s, 15 * s)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        flow = self.flow
        if self.walk is not None and self.walk.active:
            self.walk.paint(painter, self)
            return
        if not flow.enabled or flow.result is None:
            return
        theme = self.theme
        s = theme.scale
        positions = self.positions()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # translucent fills: edges hardly show
        painter.setPen(Qt.PenStyle.NoPen)
        r = (RADIUS - 1.5) * s
        for node_id, value in flow.result.bias.items():
            p = positions.get(node_id)
            if p is None or node_id in flow.result.zero:
                continue
            color = theme.weight_color(value, flow.bias_limit)
            color.setAlpha(round(150 * min(abs(value) / flow.bias_limit, 1.0)) + 20)
            painter.setBrush(color)
            painter.drawEllipse(p, r, r)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(theme.font(7.5, bold=True))
        for node_id in flow.result.zero:
            rect = self.mark_rect(node_id)
            if rect is None:
                continue
            painter.setPen(QPen(QColor(theme.background), 1.5 * s))
            painter.setBrush(QColor(theme.refused))
            painter.drawRoundedRect(rect, 6 * s, 6 * s)
            painter.setPen(QColor(theme.background))
            draw_text(painter, rect, Qt.AlignmentFlag.AlignCenter, "∇ 0")
