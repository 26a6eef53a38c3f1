"""Wire the live views into a main window: docks, actions, menus, canvas overlays."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QDockWidget

from designer.ui.live.region import RegionView
from designer.ui.live.state import LiveState
from designer.ui.live.thumbs import NeuronMaps


class LiveViews(QObject):
    """Everything issue 4 adds to a window; reachable as ``window.live``."""

    def __init__(self, window) -> None:  # noqa: ANN001 - MainWindow
        super().__init__(window)
        self.window = window
        self.state = LiveState(window)
        self.region = RegionView(self.state)
        self.maps = NeuronMaps(self.state)
        self.region_dock = self._dock("Decision Regions", "regionDock", self.region, Qt.DockWidgetArea.RightDockWidgetArea)
        window.scene.hovered_node.connect(self._hovered)
        window.installEventFilter(self)
        self.state.flush()

    def _dock(self, title: str, name: str, widget, area: Qt.DockWidgetArea) -> QDockWidget:  # noqa: ANN001
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.window.addDockWidget(area, dock)
        return dock

    def _hovered(self, node_id: str) -> None:
        self.state.hovered = node_id
        self.region.refresh()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.window and event.type() == QEvent.Type.Close:
            self.state.detach()
        return False


def install_live_views(window) -> LiveViews:  # noqa: ANN001 - MainWindow
    window.live = LiveViews(window)
    return window.live
