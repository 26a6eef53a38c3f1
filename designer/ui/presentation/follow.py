"""While presenting, the stage follows what happens in the window: the canvas's zoom (its text floor),
the walk's legend taking a band of the canvas, weights or a forward walk needing room, edits (the
Math or PyTorch panel, the badges, a focused neuron deleted), status messages (as captions) and the
window's size (full screen arriving, another projector). Entering and leaving: ``mode.py``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QDockWidget, QScrollArea, QWidget
from shiboken6 import isValid

from designer.model.events import once_per_action

PANEL_REFRESH_MS = 150


class StageFollower(QObject):
    """Keeps a :class:`~designer.ui.presentation.mode.Presentation`'s stage in step with the window."""

    def __init__(self, presentation) -> None:
        super().__init__(presentation)
        self.presentation = p = presentation
        window, live = p.window, p.live
        self.window = window
        self.live = live
        self._panel_timer = QTimer(self)
        self._panel_timer.setSingleShot(True)
        self._panel_timer.setInterval(PANEL_REFRESH_MS)
        self._panel_timer.timeout.connect(self.refresh_panel)
        unsubscribe = window.document.network.events.subscribe(once_per_action(self._model_changed))
        window.view.zoomed.connect(self._zoomed)
        live.gradients.legend.band_changed.connect(self._band_changed)
        window.actions["show_weights"].toggled.connect(self._room_changed)
        live.actions["forward_walk"].toggled.connect(self._room_changed)
        window.statusBar().messageChanged.connect(self._status_message)
        live.session.structure_changed.connect(self._structure_changed)
        live.session.geometry_changed.connect(self._geometry_changed)
        window.installEventFilter(self)
        window.destroyed.connect(lambda *_: unsubscribe())
        self._pages: list[QWidget] = []  # the kept side panels' contents, watched for a need of more room

    def watch_docks(self, docks: list[QDockWidget]) -> None:
        """Watch these panels' contents: when one needs another size (an exercise's title row grew wider
        after the lesson step's fit), the stage is arranged again and the panel sized again."""
        for page in self._pages:
            if isValid(page):  # (a panel's page may be gone)
                page.removeEventFilter(self)
        self._pages = [_page(dock) for dock in docks if dock.widget() is not None]
        for page in self._pages:
            page.installEventFilter(self)

    def refresh_panel(self) -> None:
        """The Math or PyTorch panel under the views shows the network as it is now."""
        p = self.presentation
        if p.stage is None or p.config.panel == "none":
            return
        dock = p.exports.math_dock if p.config.panel == "math" else p.exports.code_dock
        dock.refresh()
        p.stage.show_panel_text(dock.text.toPlainText())

    def _model_changed(self) -> None:
        if self.presentation.active and self.presentation.config.panel != "none":
            self._panel_timer.start()

    def _status_message(self, text: str) -> None:
        """A status message as a caption, unless the canvas's legend already shows it (a walk's "Level 2
        of 2 …": on a low stage its caption found no free place and covered the neurons)."""
        p = self.presentation
        if not (p.active and text):
            return
        if not self._legend_shows(text):
            p.caption(text)
        elif p.stage is not None and p.stage.caption.isVisible():
            p.stage.caption.place()  # what it shows (the keys, the scale) moves off the legend

    def _legend_shows(self, text: str) -> bool:
        legend = self.live.gradients.legend
        return legend.isVisible() and text in legend.lines

    def _zoomed(self, zoom: float) -> None:
        """Canvas text is in scene units: keep its floor at 24 px on screen whatever the zoom."""
        p = self.presentation
        if not p.active:
            return
        scene = self.window.scene
        scene.theme.canvas_zoom = max(zoom, 1e-6)
        for item in scene.node_items.values():
            item.sync()  # labels' widths follow their (floored) font
        if p.badges is not None:
            p.badges.refresh()
        p.fitter.scroll_bars()
        scene.update()

    def _band_changed(self) -> None:
        """The walk's legend took a band under or beside the canvas, gave it back or changed its size (a
        line more): the network fitted into the canvas left as after a resize (at 1024×768 it went on under
        the band, x₂ and h₂ cut), the caption placed again."""
        p = self.presentation
        if p.active and p.stage is not None and self.window.view.fitted:
            QTimer.singleShot(0, self._fit_canvas)

    def _fit_canvas(self) -> None:
        if self.window.view.fitted:  # (not where the teacher has zoomed or scrolled since)
            self.presentation.fitter.fit_canvas()

    def _room_changed(self) -> None:
        """Weight labels need room between the columns, a forward walk's values between the rows:
        spread and fit again."""
        p = self.presentation
        if p.active and p.stage is not None:
            p.spread_nodes()
            p.fit()

    def _geometry_changed(self) -> None:
        p = self.presentation
        if p.active:
            p.spread_nodes()
        if p.badges is not None:
            p.badges.refresh()

    def _structure_changed(self) -> None:
        p = self.presentation
        if not p.active:
            return
        p.spread_nodes()
        p.chrome.restore_controls()
        p.chrome.hide_controls(p.config)  # the region view re-shows its switches
        if p.badges is not None:
            p.badges.refresh()
        if p.focused is not None and p.focused not in self.window.document.network.neurons:
            p.focus_neuron(None)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        p = self.presentation
        if event.type() == QEvent.Type.LayoutRequest and obj in self._pages and p.active:
            p.fitter.views_changed()
        if obj is self.window and event.type() == QEvent.Type.Resize and p.active:
            QTimer.singleShot(0, p.fit)  # full screen, or a projector with another size
            if p.blanked:
                p.blank.cover()
        return False


def _page(dock: QDockWidget) -> QWidget:
    """What a panel shows: a scroll area's page (its own size requests stop there), else its widget."""
    content = dock.widget()
    page = content.widget() if isinstance(content, QScrollArea) else None
    return page if page is not None else content
