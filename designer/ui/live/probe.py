"""The probe on the canvas: every node's z and g(z) at the probed input, and the forward-pass walk.

Hover over the region map to probe a point, click to pin it (a click near a data point
snaps to it). "Walk forward pass" then steps one level per → key (← goes back), ringing
the neurons being computed and showing values only for the levels computed so far.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from designer.formatting import approximately, format_reading
from designer.ui.canvas.labels import (
    HOVERED,
    NODE_VALUE,
    OBSTACLE_PAD,
    OUTPUT_VALUE,
    CachedRequests,
    LabelRequest,
    line_free_side,
    node_box_anchors,
    node_geometry,
)
from designer.ui.canvas.nodes import RADIUS
from designer.ui.canvas.rings import caption_at, draw_ring
from designer.ui.features import source_name
from designer.ui.live import thumbs
from designer.ui.live.overlay import CanvasOverlay

SOFTMAX = "softmax"  # the outputs' own g, for ASYMPTOTES
FONT_PT = 8.5  # the value boxes' text
PADDING = 4.0  # in the value boxes, times the scale


#: the values g(z) approaches but never reaches (float32 rounds σ(17) up to exactly 1)
ASYMPTOTES = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0), SOFTMAX: (0.0, 1.0)}
#: two of float32's steps, relative: what the live (float32) values' own arithmetic may be off by
FLOAT32_RESOLUTION = 2.0**-22
#: decimals a float32 value near 1 holds: beyond them the digits are rounding (σ(15) in float32 read
#: 0.99999964, the truth table's float64 0.99999969): the probe reads ≈1 there
FLOAT32_DECIMALS = 7


def fmt(value: float, activation: str | None = None) -> str:
    """A live reading as the truth table writes outputs (:func:`format_reading`): never an integer it
    is not. Rounded to four decimals, a sigmoid output 0.99995 read "g(z) = 1". The values are float32,
    so a distance to an integer within their rounding reads "≈1"; so does g(z) (or softmax) exactly at
    a bound its ``activation`` never reaches."""
    value = float(value)
    if value in ASYMPTOTES.get(activation or "", ()):
        return approximately(value)
    return format_reading(value, FLOAT32_RESOLUTION * max(abs(value), 1.0), FLOAT32_DECIMALS)


def equation(name: str, reading: str) -> str:
    """``name = reading``, or ``name ≈ 1`` for a reading "≈1" ("g(z) = ≈1" read as a typo)."""
    if reading.startswith("≈"):
        return f"{name} ≈ {reading[1:]}"
    return f"{name} = {reading}"


class ProbeOverlay(CanvasOverlay):
    def __init__(self, session, scene) -> None:
        super().__init__(session, scene, 14)
        self.walk_level: int | None = None  # forward walk: values shown up to this level
        self.rings: dict[str, str] = {}  # node → theme colour name of a highlight ring
        self.visible_values = True
        self._cached = CachedRequests()
        session.probe_changed.connect(self.update)
        session.evaluated.connect(self._values_changed)
        scene.labels.add_provider(self.value_labels)

    def _values_changed(self) -> None:
        if self.session.probe is not None or self.rings:
            self.update()

    def texts(self) -> dict[str, str]:
        """What is written next to each node now (node id → text), for the probe and for tests."""
        st = self.session
        if st.probe_z is None or not self.visible_values or not st.fresh:
            return {}
        net = st.network
        out = {}
        softmax = st.probe_softmax()  # once for all outputs
        for node_id in st.node_ids:
            if self.walk_level is not None and st.level.get(node_id, 0) > self.walk_level:
                continue
            value = st.probe_value(node_id)
            if value is None:
                continue
            z, a = value
            if net.is_source(node_id):  # an input or a feature: its value, no z
                out[node_id] = equation(source_name(net, node_id), fmt(a))
            else:
                out[node_id] = f"{equation('z', fmt(z))}\n{equation('g(z)', fmt(a, net.neurons[node_id].activation))}"
                p = softmax.get(node_id)
                if p is not None:  # what the network outputs: g(z) of a softmax output is not a probability
                    out[node_id] += "\n" + equation("softmax", fmt(p, SOFTMAX))
        return out

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if self.scene.drawing_figure:
            return  # exports show the network, not where the mouse or a walk happened to be
        theme = self.theme
        s = theme.scale
        positions = self.positions()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for node_id, color in self.rings.items():
            p = positions.get(node_id)
            if p is None:
                continue
            painter.setBrush(Qt.BrushStyle.NoBrush)
            pen = QPen(QColor(getattr(theme, color)), 4 * s)
            draw_ring(painter, p, RADIUS * s + 7 * s, pen, caption_at(self.scene, node_id, p))

    def box_height(self, lines: int = 2) -> float:
        """How much height a neuron's box of values takes below it (its z and g(z)), with its gaps."""
        s = self.theme.scale
        return QFontMetricsF(self.theme.font(FONT_PT)).height() * lines + PADDING * s + 2 * (OBSTACLE_PAD + 2) * s

    def value_labels(self) -> list[LabelRequest]:
        """Each node's z and g(z) in a box beside it (the label layer places them); none in a figure.
        Made again only when the values, the nodes or the model moved (not at every training frame)."""
        st, theme = self.session, self.theme
        shown = self.isVisible() and not self.scene.drawing_figure
        key = (
            id(st.probe_z),  # a new array at each evaluation
            shown,
            st.fresh,
            st.edits,
            self.visible_values,
            self.walk_level,
            tuple(self.rings.items()),
            id(theme),
            theme.scale,
            theme.canvas_zoom,
            node_geometry(self.scene),
        )
        return self._cached.get(key, (st.probe_z, theme), self._value_labels)

    def _value_labels(self) -> list[LabelRequest]:
        texts = self.texts() if self.isVisible() and not self.scene.drawing_figure else {}
        if not texts:
            return []
        theme = self.theme
        s = theme.scale
        font = theme.font(FONT_PT)
        items = self.scene.node_items
        gap = (OBSTACLE_PAD + 2) * s
        requests = []
        net = self.session.network
        outputs = set(net.outputs)
        sources = {source for source, _ in net.connections}
        targets = {target for _, target in net.connections}
        for node_id, text in texts.items():
            item = items.get(node_id)
            if item is None:
                continue
            lines = text.split("\n")
            output = node_id in outputs
            rank = HOVERED if node_id in self.rings else OUTPUT_VALUE if output else NODE_VALUE
            top = item.pos().y() - (RADIUS + thumbs.GAP + thumbs.SIZE) * s  # above its map
            side = line_free_side(node_id in targets, node_id in sources)
            anchors, aligns = node_box_anchors(item.pos(), RADIUS * s, item.sceneBoundingRect(), gap, top, side)
            border = QColor(getattr(theme, self.rings[node_id])) if node_id in self.rings else QColor(theme.muted_text)
            requests.append(
                LabelRequest(
                    "probe",
                    lines,
                    anchors,
                    font,
                    QColor(theme.text),
                    rank=rank,  # a walk's current level first, then the outputs
                    owners=(node_id,),
                    align=aligns,
                    border=border,
                    padding=PADDING * s,
                    key=node_id,
                    # where the whole box fits nowhere, an output shows what it outputs (softmax or g(z))
                    short=lines[-1:] if output and len(lines) > 1 else None,
                )
            )
        return requests


class ForwardWalk(QObject):
    """Step through the forward pass one level at a time at the probed point."""

    def __init__(self, session, overlay: ProbeOverlay, report) -> None:
        super().__init__(session)
        self.session = session
        self.overlay = overlay
        self.report = report
        self.active = False

    @property
    def depth(self) -> int:
        return self.session.depth

    def start(self) -> bool:
        st = self.session
        st.ensure_fresh()
        if st.compiled is None:
            self.report(f"Cannot walk the forward pass: {st.error or 'no network'}")
            return False
        if st.probe is None or not st.probe_pinned:
            data = st.data
            xs = np.concatenate([data.x_train, data.x_test])
            ys = np.concatenate([data.y_train, data.y_test])
            if len(xs) and xs.shape[1] == len(st.network.inputs):
                st.set_probe(xs[0], pinned=True, target=ys[0])
            else:
                st.set_probe(np.zeros(len(st.network.inputs)), pinned=True)
        self.active = True
        self.show(0)
        return True

    def stop(self) -> None:
        self.active = False
        self.overlay.walk_level = None
        self.overlay.rings = {}
        self.overlay.update()

    def show(self, level: int) -> None:
        st = self.session
        st.ensure_fresh()
        level = max(0, min(level, self.depth))
        self.overlay.walk_level = level
        at = [n for n in st.node_ids if st.level.get(n) == level]
        self.overlay.rings = dict.fromkeys(at, "selection")
        self.overlay.update()
        point = ", ".join(fmt(v) for v in st.probe) if st.probe is not None else ""
        if level == 0:
            self.report(f"Forward pass at x = ({point}): level 0, the inputs. → computes the next level, ← goes back.")
        else:
            net = st.network
            names = ", ".join(net.node(n).display_label for n in at)
            softmax = net.softmax and any(n in net.outputs for n in at)
            then = "then g(z), then softmax over the outputs" if softmax else "then g(z)"
            self.report(
                f"Forward pass, level {level} of {self.depth}: {names}: z = Σ w·(inputs) + b, {then}. "
                "→ next level, ← back."
            )

    def step(self, direction: int) -> None:
        self.session.ensure_fresh()  # a structural edit since the start ends the walk
        if self.active and self.overlay.walk_level is not None:
            self.show(self.overlay.walk_level + direction)
