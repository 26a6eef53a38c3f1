"""Every node's own small map (or 1-D curve) on the canvas, just above it.

All maps are one atlas image, filled by array operations from the grid the region view
already evaluated (every 5th cell); one item draws every thumbnail with a single
``drawPixmapFragments`` call, so 128 neurons cost about as much as 4.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from designer.ui.canvas.nodes import RADIUS
from designer.ui.canvas.text import is_svg
from designer.ui.live import colors
from designer.ui.live.colors import Ranges
from designer.ui.live.grid import THUMB, curve_cells
from designer.ui.live.overlay import CanvasOverlay
from designer.ui.live.session import LINE, PLANE

MAX_MAPS = 1000  # nodes with their own map at most
SIZE = 30.0  # scene units, before the theme's scale (fits between rows 120 apart)
GAP = 3.0


class NeuronMaps(CanvasOverlay):
    def __init__(self, session, scene) -> None:
        super().__init__(session, scene, 12)
        self.pixmap: QPixmap | None = None
        self.atlas = np.zeros((0, THUMB), np.uint32)
        self.ids: list[str] = []
        self.shown: list[str] = []
        self._ranges = Ranges([])
        self._theme = ""
        self._drawn = False  # maps were drawn at the last refresh: they count in the canvas's extent
        session.structure_changed.connect(self.rebuild)
        session.shown_output_changed.connect(self.rebuild)  # 1-D: the chosen output's sources are framed
        session.evaluated.connect(self.refresh)
        scene.labels.add_obstacles(self.map_rects)
        self.rebuild()

    # ---------------------------------------------------------- structure
    def rebuild(self) -> None:
        st = self.session
        net = st.network
        self.ids = list(st.node_ids)
        self._ranges = Ranges([net.neurons[n].activation if n in net.neurons else "input" for n in self.ids])
        self.update_bounds()

    def _luts(self) -> None:
        theme = self.scene.theme
        if theme.name == self._theme:
            return
        self._theme = theme.name
        self.lut = colors.to_argb32(colors.diverging_rgba(theme))
        # 1-D thumbnails: background, area under the curve (a pale positive colour), curve, zero line
        codes = np.array(
            [[*QColor(c).getRgb()] for c in (theme.background, theme.positive, theme.text, theme.muted_text)]
        )
        codes[1, :3] = np.rint(0.35 * colors._rgb(theme.positive) + 0.65 * colors._rgb(theme.background))
        self.curve_lut = colors.to_argb32(codes.astype(np.uint8))

    # ------------------------------------------------------------- values
    def refresh(self) -> None:
        self._fill()
        drawn = self.pixmap is not None and self.isVisible()
        if drawn != self._drawn:  # the maps came or went: the canvas scrolls over them, or no longer
            self._drawn = drawn
            self.scene.extent_changed_later()

    def _fill(self) -> None:
        st = self.session
        self._luts()
        too_many = len(self.ids) > MAX_MAPS  # far too small to read, and a frame's work each
        if st.a is None or st.compiled is None or not self.ids or not self.isVisible() or too_many:
            self.pixmap = None
            self.update()
            return
        grid = st.grid
        if st.mode == PLANE:
            step = max(grid.nx // THUMB, 1)
            cube = st.a.reshape(st.a.shape[0], grid.nx, grid.ny)[:, step // 2 :: step, step // 2 :: step]
            values = np.take(cube, st.rows, axis=0)  # (n, x, y): only the sampled cells are copied
            n, w, h = values.shape
            lo, hi = self._ranges.of(values.reshape(n, -1))
            idx = np.empty(values.shape, np.uint8)
            with np.errstate(invalid="ignore"):
                colors.to_index(values, lo[:, None, None], hi[:, None, None], idx)
            pixels = self.lut[idx.transpose(0, 2, 1)[:, ::-1, :]]  # rows: y from top to bottom
        elif st.mode == LINE:
            step = max(grid.nx // THUMB, 1)
            values = np.take(st.a[:, step // 2 :: step], st.rows, axis=0).astype(float)
            n, w = values.shape
            h = THUMB
            lo, hi = self._ranges.of(values)
            lo = np.minimum(lo, 0.0)
            with np.errstate(all="ignore"):
                cells = curve_cells(np.nan_to_num(values), lo, np.maximum(hi, 0.0), w)
            pixels = self.curve_lut[cells]
        else:
            self.pixmap = None
            self.update()
            return
        self.atlas = np.ascontiguousarray(pixels.reshape(n * h, w))
        image = QImage(self.atlas.data, w, n * h, 4 * w, QImage.Format.Format_ARGB32)
        self.pixmap = QPixmap.fromImage(image)
        self.cell = (w, h)
        self.update()

    # -------------------------------------------------------------- paint
    def target_rect(self, center: QPointF) -> QRectF:
        s = self.scene.theme.scale
        size = SIZE * s
        top = center.y() - RADIUS * s - GAP * s - size
        return QRectF(center.x() - size / 2, top, size, size)

    def map_rects(self) -> list[QRectF]:
        """Where the maps are drawn now (no text box may cover them)."""
        if self.pixmap is None or not self.isVisible():
            return []
        items = self.scene.node_items
        return [self.target_rect(items[n].pos()) for n in self.ids if n in items]

    def node_rect(self, node_id: str) -> QRectF:
        """Where the node's map is drawn, or will be once the maps are next filled (a node just added has
        none yet); empty where no maps are drawn."""
        if self.pixmap is None or not self.isVisible() or node_id not in self.scene.node_items:
            return QRectF()
        return self.target_rect(self.scene.node_items[node_id].pos())

    def content_rect(self) -> QRectF:
        """The area the maps take (figures include it)."""
        rect = QRectF()
        for target in self.map_rects():
            rect = rect.united(target)
        return rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if self.pixmap is None:
            return
        items = self.scene.node_items
        w, h = self.cell
        pixmap = self.pixmap
        draw = painter.drawPixmap
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        frames: dict[int, list[QRectF]] = {}
        colour_of = self.session.colour_of
        whole_images = is_svg(painter)  # SVG renderers would show the whole atlas, not the part asked for
        for i, node_id in enumerate(self.ids):
            item = items.get(node_id)
            if item is None:
                continue
            target = self.target_rect(item.pos())
            if whole_images:
                draw(target, pixmap.copy(0, i * h, w, h), QRectF(0, 0, w, h))
            else:
                draw(target, pixmap, QRectF(0, i * h, w, h))
            frames.setdefault(colour_of.get(node_id, -1), []).append(target)
        theme = self.scene.theme
        palette = colors.neuron_colors(theme)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for slot, rects in frames.items():
            pen = QPen(
                QColor(theme.muted_text) if slot < 0 else QColor(palette[slot]),
                (1.0 if slot < 0 else 2.5) * theme.scale,
            )
            painter.setPen(pen)
            painter.drawRects(rects)
