"""The mouse over the decision-region plot: hover to probe, click to pin (a data point snaps), click the
pin or right-click to let it go, and paint points while painting is on; the probe's markers and the
note that says how to unpin.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QLabel

from designer.ui.live import plot_style
from designer.ui.live.output_choice import painted_bits, paints_bits
from designer.ui.live.paint_targets import NUMBER, paint_target
from designer.ui.live.probe import fmt
from designer.ui.live.session import LINE, PLANE

SNAP_PIXELS = 10.0


class RegionProbe:
    """Probe, pin and paint on one region plot; ``line`` is the 1-input view's items (its probe line)."""

    def __init__(self, session, scene, plot: pg.PlotWidget, pin_note: QLabel, line) -> None:
        self.session = session
        self.scene = scene
        self.line = line
        self.pin_note = pin_note
        self._note_for_pin = False  # the note is shown for a pinned probe (hidden to start with)
        item = plot.getPlotItem()
        self.vb = item.getViewBox()
        theme = scene.theme
        self.marker = pg.ScatterPlotItem(size=16, symbol="+", pen=pg.mkPen(theme.text, width=2), brush=None)
        self.marker.setZValue(30)
        item.addItem(self.marker, ignoreBounds=True)
        #: a pinned probe: a ring around the cross (a hovering probe has none); clicking it unpins
        self.pin = pg.ScatterPlotItem(size=26, symbol="o", pen=pg.mkPen(theme.selection, width=3), brush=None)
        self.pin.setZValue(31)
        item.addItem(self.pin, ignoreBounds=True)
        self.vb.sigRangeChanged.connect(self.show)  # a marker far off comes into reach, or leaves it
        session.probe_changed.connect(self.show)
        plot.scene().sigMouseMoved.connect(self.moved)
        plot.scene().sigMouseClicked.connect(self.clicked)

    def restyle(self) -> None:
        s = self.scene.theme.scale
        self.marker.setPen(pg.mkPen(self.scene.theme.text, width=2 * s))
        self.pin.setPen(pg.mkPen(self.scene.theme.selection, width=3 * s))
        self.show()

    # ------------------------------------------------------------ where
    def _view_point(self, scene_pos: QPointF) -> tuple[float, float] | None:
        if not self.vb.sceneBoundingRect().contains(scene_pos):
            return None
        p = self.vb.mapSceneToView(scene_pos)
        return p.x(), p.y()

    def _input_point(self, x: float, y: float) -> np.ndarray:
        st = self.session
        point = np.array(st.fixed, dtype=float)
        point[st.ax] = x
        if st.mode == PLANE:
            point[st.ay] = y
        return point

    def nearest_sample(self, x: float, y: float) -> tuple[np.ndarray, np.ndarray] | None:
        """The data point within a few pixels of (x, y), as (inputs, targets)."""
        st = self.session
        data = st.data
        xs = np.concatenate([data.x_train, data.x_test])
        ts = np.concatenate([data.y_train, data.y_test])
        if not len(xs) or xs.shape[1] != len(st.network.inputs):
            return None
        pw, ph = self.vb.viewPixelSize()
        dx = (xs[:, st.ax] - x) / max(pw, 1e-12)
        if st.mode == PLANE:
            dy = (xs[:, st.ay] - y) / max(ph, 1e-12)
        else:
            dy = (ts[:, 0] - y) / max(ph, 1e-12)
        d2 = dx * dx + dy * dy
        i = int(np.argmin(d2))
        return (xs[i], ts[i]) if d2[i] <= SNAP_PIXELS**2 else None

    def _on_pin(self, point: tuple[float, float]) -> bool:
        """Is ``point`` (data coordinates) on the pinned probe's marker?"""
        st = self.session
        if not st.probe_pinned or st.probe is None or st.mode not in (PLANE, LINE):
            return False
        pw, ph = self.vb.viewPixelSize()
        dx = (st.probe[st.ax] - point[0]) / max(pw, 1e-12)
        dy = (st.probe[st.ay] - point[1]) / max(ph, 1e-12) if st.mode == PLANE else 0.0  # 1-D: a vertical line
        return dx * dx + dy * dy <= SNAP_PIXELS**2

    # ------------------------------------------------------------ mouse
    def moved(self, scene_pos: QPointF) -> None:
        st = self.session
        if st.compiled is None or st.mode not in (LINE, PLANE) or st.painting.active:
            return
        point = self._view_point(scene_pos)
        if point is None:
            if not st.probe_pinned and st.probe is not None:
                st.set_probe(None)
            return
        if not st.probe_pinned:
            st.set_probe(self._input_point(*point))

    def clicked(self, event) -> None:
        st = self.session
        point = self._view_point(event.scenePos())
        if point is None or st.compiled is None:
            return
        event.accept()
        if st.painting.active:
            self._paint(point, event.button())
            return
        if event.button() != Qt.MouseButton.LeftButton or self._on_pin(point):
            st.set_probe(None)  # right click, or a click on the pinned point: unpinned
            return
        sample = self.nearest_sample(*point)
        if sample is not None:
            st.set_probe(sample[0], pinned=True, target=sample[1])
        else:
            st.set_probe(self._input_point(*point), pinned=True)

    def _paint(self, point: tuple[float, float], button: Qt.MouseButton) -> None:
        st = self.session
        k = max(len(st.network.outputs), 1)
        x = self._input_point(*point)
        if st.mode == LINE:
            y = np.array([point[1]] * k)
        elif paint_target(st) == NUMBER:  # regression: the typed target (right click: 0)
            y = np.full(k, st.painting.target if button == Qt.MouseButton.LeftButton else 0.0)
        elif paints_bits(st):  # separate questions: the chosen 0/1 of each output (right click: all 0)
            left = button == Qt.MouseButton.LeftButton
            st.add_point(x, painted_bits(st.painting.cls, k) if left else np.zeros(k), bits=True)
            return
        else:
            cls = st.painting.cls if button == Qt.MouseButton.LeftButton else 0
            y = np.zeros(k)
            if k == 1:
                y[0] = 1.0 if cls else 0.0
            else:
                y[min(cls, k - 1)] = 1.0
        st.add_point(x, y)

    # ------------------------------------------------------------ shown
    def show(self) -> None:
        """The markers where the probe is (none far off the plot) and the pin note while it is pinned."""
        st = self.session
        s = self.scene.theme.scale
        if st.probe is None or st.mode != PLANE or len(st.probe) <= max(st.ax, st.ay):
            self.marker.setData([], [])
            self.pin.setData([], [])
        elif not plot_style.in_reach(self.vb, st.probe[st.ax], st.probe[st.ay]):
            self.marker.setData([], [])  # far outside the plot: not drawn (Qt's float coordinates overflow)
            self.pin.setData([], [])
        else:
            x, y = [st.probe[st.ax]], [st.probe[st.ay]]
            self.marker.setData(x, y, size=(18 if st.probe_pinned else 12) * s)
            self.pin.setData(x if st.probe_pinned else [], y if st.probe_pinned else [], size=26 * s)
        pinned = st.probe_pinned and st.probe is not None
        if pinned:
            where = ", ".join(fmt(v) for v in st.probe)  # as the inputs' boxes on the canvas read them
            # presenting, Esc leaves the presentation and the menus are hidden: a click is the way
            how = "click it" if self.scene.theme.min_text_px > 0 else "click it, press Esc or Train ▸ Unpin"
            self.pin_note.setText(f"Probe pinned at ({where}): {how} to let it go")
        if pinned != self._note_for_pin:  # only when pinned or unpinned: a figure of the view hides the note,
            self._note_for_pin = pinned  # and the plot it enlarges calls this again (the note came back over the axis)
            self.pin_note.setVisible(pinned)
        self.line.show_probe()
