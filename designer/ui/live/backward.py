"""The backward pass, one level per key press, for one sample: the chain rule made visible.

Starting at the outputs and moving towards the inputs (← key; → goes back), each press
rings the neurons of one level and writes on every connection into them the three factors
of its gradient and their product:

    ∂L/∂w = ∂L/∂a (upstream) · g'(z) (of the target) · a (of the source)

For sigmoid outputs with cross-entropy (and softmax with cross-entropy) the first two factors are
fused into ∂L/∂z = p − y, as every textbook (and the engine) computes them; k sigmoid outputs divide
it by k (the loss is their mean). Softmax with a squared error is not fused: ∂L/∂a is taken through
the softmax, at a before it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, QPointF, QTimer
from PySide6.QtGui import QColor, QPainter, QPen

from designer.engine import EngineError, Workspace, compile_network
from designer.engine import data as dm
from designer.formatting import format_number
from designer.ui.canvas.labels import (
    FACTOR,
    HOVERED,
    OBSTACLE_PAD,
    CachedRequests,
    LabelRequest,
    Layout,
    node_box_anchors,
    node_geometry,
)
from designer.ui.canvas.nodes import RADIUS
from designer.ui.canvas.rings import caption_at, draw_ring
from designer.ui.live import thumbs
from designer.ui.live.objective import output_targets, output_value, shown_objective
from designer.ui.live.probe import equation, fmt

SMALL = 1e-3  # below this a factor keeps two significant digits instead of four decimals
MAX_LABELS = 40  # connection labels drawn per level (more would cover the canvas)
LEGEND_UPDATES = 20  # legend rewrites per level for boxes left out (a bound, should they ever feed back)
FACTOR_SPOTS = (0.5, 0.35, 0.65, 0.25, 0.75)  # where along a line its factors may sit, best first


def factor_text(value: float, activation: str | None = None) -> str:
    """A factor or gradient: read as the probe reads values (never an integer it is not), except that a
    small value that is not 0 keeps two significant digits (4.7·10⁻⁶). Rounded, a sigmoid network's
    gradients read "= 0" like a step unit's, whose derivative is exactly 0 (the lecture's point: small
    is not nothing). ``activation``: the g whose output ``value`` is (a source's a)."""
    if value != 0 and abs(value) < SMALL and np.isfinite(value):
        return format_number(float(f"{value:.2g}"))
    return fmt(value, activation)


def off_incoming_lines(anchors: list[QPointF], aligns: list[str]) -> tuple[list[QPointF], list[str]]:
    """A ringed neuron's places with those left of it last: its incoming lines, which carry this
    level's factors, come in on the left (its ∂L/∂z there, with the right side off the fitted view,
    left the line into a 1-1-1 chain's output no room for its factors)."""
    order = sorted(range(len(anchors)), key=lambda i: aligns[i] == "right")
    return [anchors[i] for i in order], [aligns[i] for i in order]


@dataclass
class Factors:
    upstream: float | None  # ∂L/∂a of the target (None when fused with g')
    slope: float | None  # g'(z) of the target
    delta: float  # ∂L/∂z of the target
    source: float  # a of the source
    product: float  # ∂L/∂w
    source_activation: str | None = None  # its g (None: an input), for how a is read


class BackwardWalk(QObject):
    def _keys(self) -> str:
        """The keys that move the walk: presenting, → and PageDown go on (the clicker's keys), as for the
        forward walk; in the window ← goes towards the inputs, where they are drawn."""
        if self.scene.theme.min_text_px > 0:  # presenting (its text floor)
            return "→ or PageDown: next level towards the inputs, ← or PageUp: back"
        return "← next level towards the inputs, → back"

    def __init__(self, session, scene, flow, report) -> None:
        super().__init__(session)
        self.session = session
        self.scene = scene
        self.flow = flow
        self.report = report
        self.active = False
        self.of_output = False  # walking J = the output (a chain-rule drill's objective), not a loss
        self.level = 0
        self.factors: dict[tuple[str, str], Factors] = {}
        self.deltas: dict[str, tuple[float | None, float | None, float]] = {}
        self._cached = CachedRequests()
        self._legend_lines: list[str] = []
        self._peak = 1.0
        self._no_room: tuple[tuple[str, str], ...] = ()  # factor boxes the last painted layout left out
        self._updates_left = 0
        flow.overlay.walk = self
        scene.labels.add_provider(self.text_labels)
        scene.labels.laid_out.append(self._laid_out)

    @property
    def depth(self) -> int:
        return self.session.depth

    def start(self) -> bool:
        st = self.session
        st.ensure_fresh()
        sample = self._sample()
        if sample is None:
            self.report("Backward pass needs a data point with a target: choose a dataset or click a data point")
            return False
        try:
            net = compile_network(st.network, np.float64)
        except EngineError as exc:
            self.report(f"Cannot step through the backward pass: {exc}")
            return False
        x, y = sample
        objective = shown_objective(st, len(net.output_ids))  # a chain-rule drill's own, as its answers are made
        self.of_output = objective.of_output
        ws = Workspace(net, 1, objective.engine_loss)
        ws.inputs[:, 0] = x
        with np.errstate(all="ignore"):
            ws.forward()
            if self.of_output:
                y = np.asarray(ws.a[net.output_row_array, 0], dtype=float)  # the output: J's "target"
                ws.backward(output_targets(ws), input_grads=True)
                self.loss = output_value(ws)
            else:
                self.loss = ws.backward(np.asarray(y, dtype=float)[:, None], input_grads=True)
        self.net, self.ws, self.x, self.y = net, ws, x, y
        self.active = True
        self.flow.paused_for_walk = True
        self.show(self.depth)
        return True

    def _sample(self) -> tuple[np.ndarray, np.ndarray] | None:
        st = self.session
        n_in, n_out = len(st.network.inputs), len(st.network.outputs)
        if (
            st.probe is not None
            and st.probe_target is not None
            and (len(st.probe), len(st.probe_target)) == (n_in, n_out)
        ):
            return st.probe, st.probe_target
        data = st.data
        if data.n_train and not data.problem and dm.compatible(data, st.network):
            st.set_probe(data.x_train[0], pinned=True, target=data.y_train[0])
            return data.x_train[0], data.y_train[0]
        return None

    def stop(self) -> None:
        if not self.active:
            return
        self.active = False
        self.flow.paused_for_walk = False
        self.scene.connections.set_display_values(None)
        self.flow.legend.hide()
        if self.flow.enabled:
            self.flow.refresh()
        self.flow.overlay.update()

    def step(self, direction: int) -> None:
        """direction −1: one level towards the inputs (←), +1: back towards the outputs (→)."""
        self.session.ensure_fresh()  # a structural edit since the start ends the walk
        if self.active:
            self.show(self.level + direction)

    def show(self, level: int) -> None:
        st = self.session
        net, ws = self.net, self.ws
        self.level = max(1, min(level, self.depth))
        # only where the engine fused them: softmax with a squared error goes through ∂L/∂a (of a, before the softmax)
        fused_rows = set(net.output_row_array.tolist()) if ws.fused else set()
        at = [n for n in net.neuron_ids if st.level.get(n) == self.level]
        self.deltas = {}
        for n in at:
            row = net.index[n]
            delta = float(ws.grad_z[row, 0])
            if row in fused_rows:
                self.deltas[n] = (None, None, delta)
            else:
                self.deltas[n] = (float(ws.grad_a[row, 0]), float(ws.slope[row, 0]), delta)
        self.factors = {}
        grads = ws.grad[net.connection_index]
        shown = np.zeros(len(net.connection_keys))
        for i, (s, t) in enumerate(net.connection_keys):
            if st.level.get(t, 0) >= self.level:
                shown[i] = grads[i]
            if t in self.deltas:
                up, slope, delta = self.deltas[t]
                source = st.network.neurons.get(s)
                activation = source.activation if source is not None else None
                a = float(ws.a[net.index[s], 0])
                self.factors[(s, t)] = Factors(up, slope, delta, a, float(grads[i]), activation)
        layer = self.scene.connections
        values = shown if layer.keys == net.connection_keys else None
        peak = float(np.max(np.abs(grads), initial=0.0)) or 1.0
        layer.set_display_values(values, peak)
        point = ", ".join(fmt(v) for v in self.x)
        target = ", ".join(fmt(v) for v in self.y)
        names = ", ".join(st.network.node(n).display_label for n in at)
        if self.of_output:
            output_id = net.output_ids[0]
            output = st.network.node(output_id).display_label
            value = fmt(self.loss, st.network.neurons[output_id].activation)  # J is the output: read as the probe
            first = f"Backward pass at x = ({point}) of {equation(f'J = the output {output}', value)}: ∂J/∂{output} = 1"
        else:
            first = f"Backward pass at x = ({point}), target {target}: loss {format_number(self.loss)}"
        lines = [
            first,
            f"Level {self.level} of {self.depth} ({names}). {self._keys()}",
            self._d("on each line into the ringed neurons: ∂L/∂a · g'(z) · a(source) = ∂L/∂w"),
        ]
        if fused_rows & {net.index[n] for n in at}:
            lines.append(f"outputs with cross-entropy: ∂L/∂z = {self.fused_formula()} directly (∂L/∂a · g'(z) fused)")
        lines += [self.chain_text(n) for n in at[:4]] + (["…"] if len(at) > 4 else [])
        self._legend_lines, self._peak = lines, peak
        self._no_room, self._updates_left = (), LEGEND_UPDATES
        self.flow.legend.show_lines(lines + self.left_out_text(), peak)
        self.report(lines[1])
        self.flow.overlay.update()

    def _laid_out(self, layout: Layout) -> None:
        """The canvas placed its boxes: the legend names the lines whose factors had no room (known only
        now: the probe's boxes and the nodes' places decide it). While the mouse is over a line or a node
        the legend stays: rewritten, it could take another height, move the fitted network away from
        under the mouse and end the hover that showed the box."""
        if not self.active or self.scene.labels.hovering():  # kept: a hover's boxes last only as long as it
            return
        left_out = tuple(r.key for r in layout.left_out if r.kind == "factor" and r.key in self.factors)
        if left_out != self._no_room and self._updates_left > 0:
            self._no_room = left_out
            self._updates_left -= 1
            QTimer.singleShot(0, self, self._show_legend)  # not while the canvas paints

    def _show_legend(self) -> None:
        if self.active:
            self.flow.legend.show_lines(self._legend_lines + self.left_out_text(), self._peak)

    def labelled(self) -> list[tuple[str, str]]:
        """The lines whose factors are asked a box for: the first :data:`MAX_LABELS` of this level, and a
        hovered or selected line past them (the legend sends one there to see its own)."""
        keys = list(self.factors)[:MAX_LABELS]
        scene = self.scene
        wanted = [*scene.selected_connections, *([scene.connections.hovered] if scene.connections.hovered else [])]
        return keys + [key for key in dict.fromkeys(wanted) if key in self.factors and key not in keys]

    def left_out_text(self) -> list[str]:
        """The lines of this level drawn without their factors, and how to see them, counted: past the
        :data:`MAX_LABELS` boxes a level gets (a 2-64-1 network's level 2 drew 40 of its 64 lines' factors
        and said nothing of the other 24), or with no room on the canvas (a 2-2-1 network's two crossing
        lines share their middle, and x₁ → h2's ∂L/∂w was left out without a word); the walk promises the
        factors of every line into the ringed neurons."""
        lines = []
        count = len(self.factors)
        if count > MAX_LABELS:
            lines.append(f"factors drawn on {MAX_LABELS} of these {count} lines only ({MAX_LABELS} a level)")
        if self._no_room:
            shown = ", ".join(self._line_name(key) for key in self._no_room[:3])
            more = len(self._no_room) - 3
            lines.append(f"no room here for the factors of {shown}" + (f" and {more} more" if more > 0 else ""))
        if lines:
            lines[-1] += ": hover a line to see its own"
        return lines

    def _line_name(self, key: tuple[str, str]) -> str:
        network = self.session.network
        return f"{network.node(key[0]).display_label} → {network.node(key[1]).display_label}"

    def _d(self, text: str) -> str:
        """``text`` with the objective's letter: ∂J/… for J = the output (a drill's), else ∂L/…."""
        return text.replace("∂L/", "∂J/") if self.of_output else text

    def fused_formula(self) -> str:
        """∂L/∂z of a fused output at one sample, as the engine computes it: cross-entropy is a mean over
        sigmoid outputs, so k of them divide p − y by k; a softmax's is p·Σy − y (p − y for one-hot y)."""
        if self.net.softmax:
            return "p − y" if abs(float(np.sum(self.y)) - 1.0) < 1e-12 else "p · Σy − y"
        k = len(self.net.output_ids)
        return "p − y" if k == 1 else f"(p − y)/{k}"

    def label(self, key: tuple[str, str]) -> str:
        return " ".join(self.label_lines(key))

    def label_lines(self, key: tuple[str, str], narrow: bool = False) -> list[str]:
        """The factors and ∂L/∂w of one line in two lines, or ``narrow`` in three (∂L/∂z, · a, = ∂L/∂w):
        the shorter forms of its box, which fit between two neurons one column apart (the one line did
        not: a 1-1-1 chain at the columns' spacing showed no factors at all, on any level)."""
        f = self.factors[key]
        t = factor_text
        delta = t(f.delta) if f.upstream is None else f"{t(f.upstream)} · {t(f.slope)}"
        source = t(f.source, f.source_activation)
        if narrow:
            return [delta, f"· {source}", f"= {t(f.product)}"]
        if f.upstream is None:
            return [f"{delta} · {source}", f"= {t(f.product)}"]
        return [delta, f"· {source} = {t(f.product)}"]

    def node_text(self, node_id: str) -> list[str]:
        """What is written next to a ringed neuron: its ∂L/∂z."""
        return [self._d(f"∂L/∂z = {factor_text(self.deltas[node_id][2])}")]

    def chain_text(self, node_id: str) -> str:
        """How ∂L/∂z of a ringed neuron came about: upstream ∂L/∂a times its g'(z) (or p − y, fused)."""
        up, slope, delta = self.deltas[node_id]
        name = self.session.network.node(node_id).display_label
        if up is None:
            return f"{name}: ∂L/∂z = {self.fused_formula()} = {factor_text(delta)}"
        t = factor_text
        return self._d(f"{name}: ∂L/∂z = ∂L/∂a · g'(z) = {t(up)} · {t(slope)} = {t(delta)}")

    def text_labels(self) -> list[LabelRequest]:
        """The factors on each line into the ringed neurons and each ringed neuron's ∂L/∂z: made again only
        when the level, its values, the nodes or the model moved (a walk during training stays at its
        sample's values, and the canvas repaints at every frame)."""
        if not self.active:
            return []
        theme = self.scene.theme
        key = (
            id(self.factors),  # new at each level shown
            id(self.deltas),
            self.level,
            self.session.edits,
            id(theme),
            theme.scale,
            theme.canvas_zoom,
            node_geometry(self.scene),
            tuple(self.labelled()),  # a hovered or selected line past the first MAX_LABELS gets its box
        )
        return self._cached.get(key, (self.factors, self.deltas, theme), self._text_labels)

    def _text_labels(self) -> list[LabelRequest]:
        theme = self.scene.theme
        s = theme.scale
        ring = QColor(theme.hover)
        text = QColor(theme.text)
        requests = []
        font = theme.font(8.5, bold=True)
        items = self.scene.node_items
        for node_id in self.deltas:
            item = items.get(node_id)
            if item is None:
                continue
            top = item.pos().y() - (RADIUS + thumbs.GAP + thumbs.SIZE) * s  # above its map
            footprint = item.sceneBoundingRect()
            anchors, aligns = off_incoming_lines(
                *node_box_anchors(item.pos(), RADIUS * s, footprint, (OBSTACLE_PAD + 2) * s, top)
            )
            requests.append(
                LabelRequest(
                    "delta",
                    self.node_text(node_id),
                    anchors,
                    font,
                    text,
                    rank=HOVERED,  # the ringed neurons of this level: first
                    owners=(node_id,),
                    align=aligns,
                    border=ring,
                    padding=4 * s,
                    key=node_id,
                )
            )
        font = theme.font(8)
        layer = self.scene.connections
        for key in self.labelled():
            if key not in layer.position_of:
                continue
            i = layer.position_of[key]
            start, end = layer.start[i], layer.end[i]
            anchors = [QPointF(*(start + t * (end - start))) for t in FACTOR_SPOTS]
            requests.append(
                LabelRequest(
                    "factor",
                    [self.label(key)],
                    anchors,
                    font,
                    text,
                    rank=FACTOR,
                    owners=key,
                    border=ring,
                    key=key,
                    short=self.label_lines(key),
                    narrow=self.label_lines(key, narrow=True),
                )
            )
        return requests

    def paint(self, painter: QPainter, overlay) -> None:
        """The rings around the neurons of this level (their texts are boxes on the label layer)."""
        theme = overlay.theme
        s = theme.scale
        positions = overlay.positions()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ring = QColor(theme.hover)
        for node_id in self.deltas:
            p = positions.get(node_id)
            if p is None:
                continue
            painter.setBrush(QColor(0, 0, 0, 0))
            draw_ring(painter, p, (RADIUS + 7) * s, QPen(ring, 4 * s), caption_at(overlay.scene, node_id, p))
