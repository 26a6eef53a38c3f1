"""Hiding the editing chrome the teacher does not want to show, and putting it back exactly.

Docks and toolbars come back with ``QMainWindow.restoreState`` (the presentation saves the
window state before it starts); what lives inside them, the individual training controls, the
training toolbar's buttons and the region view's switches, is hidden and restored here.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QFormLayout, QToolBar, QToolButton, QWidget

from designer.ui.dock_list import dock_widgets
from designer.ui.presentation.config import PresentationConfig

TOOLBAR_ACTIONS = ("train_play", "train_step", "gradient_flow", "backward_pass", "forward_walk")


def docks(window, live, exercise) -> dict[str, QDockWidget]:
    """The docks a presentation may keep, by chrome key."""
    return {
        "inspector": window.inspector_dock,
        "history": window.history_dock,
        "exercise": exercise,
        "training": live.training_dock,
        "curves": live.curves_dock,
        "activation": live.activation_dock,
        "landscape": live.landscape_dock,
    }


def toolbars(window, live) -> dict[str, QToolBar]:
    return {"tools_toolbar": window.toolbar, "training_toolbar": live.toolbar}


def _form_row(widget: QWidget) -> tuple[QFormLayout, int] | None:
    """The form row holding ``widget`` (directly or in the row's own layout)."""
    box = widget.parentWidget()
    form = box.layout() if box is not None else None
    if not isinstance(form, QFormLayout):
        return None
    roles = (QFormLayout.ItemRole.FieldRole, QFormLayout.ItemRole.SpanningRole, QFormLayout.ItemRole.LabelRole)
    for row in range(form.rowCount()):
        for role in roles:
            item = form.itemAt(row, role)
            if item is None:
                continue
            if item.widget() is widget or (item.layout() is not None and item.layout().indexOf(widget) >= 0):
                return form, row
    return None


def control_widgets(live) -> dict[str, list[QWidget]]:
    """Training panel widgets (and the region view's switches) by chrome key."""
    panel = live.panel
    region = live.region
    restarts = panel.findChild(QToolButton, "restarts")
    widgets: dict[str, list[QWidget]] = {key: [button] for key, button in panel.buttons.items()}
    widgets["data"] = [panel.dataset.parentWidget()]
    widgets["progress"] = [panel.progress]
    widgets["stops"] = [panel.stop_epochs_on, panel.stop_epochs, panel.stop_loss_on, panel.stop_loss]
    widgets["restarts"] = [panel.restarts_k, panel.restarts_epochs, *([restarts] if restarts else [])]
    widgets["message"] = [panel.message]
    widgets["region_options"] = [region.discretize, region.show_lines]
    return widgets


def control_rows(live) -> dict[str, QWidget]:
    """Training settings shown as form rows, by chrome key (a widget of the row)."""
    panel = live.panel
    return {"loss": panel.loss, "learning_rate": panel.rate, "regularization": panel.l1, "speed": panel.speed}


class ChromeHider:
    """Hides what a configuration does not show; :meth:`restore` undoes exactly that."""

    def __init__(self, window, live, exercise) -> None:
        self.window = window
        self.live = live
        self.exercise = exercise
        self._widgets: list[tuple[QWidget, bool]] = []
        self._rows: list[tuple[QFormLayout, int, bool]] = []
        self._toolbar: list[QAction] | None = None
        self._titles: list[tuple[QDockWidget, QSize]] = []
        #: the docks shown while presenting, by key (what the presentation sizes)
        self.kept: dict[str, QDockWidget] = {}

    def apply(self, config: PresentationConfig, only: dict[str, QDockWidget] | None = None) -> None:
        """Hide docks, toolbars and controls that ``config`` does not show (after a restore).

        ``only``: exactly these docks stay (a lesson step's side panels), whatever ``config`` keeps.
        """
        self.restore_controls()
        w = self.window
        kept = docks(w, self.live, self.exercise)
        self.kept = {k: d for k, d in kept.items() if config.shows(k)} if only is None else dict(only)
        for dock in dock_widgets(w):
            on = any(d is dock for d in self.kept.values())
            if on:
                if dock.titleBarWidget() is None:  # no title bars with close/float buttons on stage
                    dock.setTitleBarWidget(QWidget(dock))
                    self._titles.append((dock, dock.maximumSize()))  # the presentation caps its size
                dock.show()
            else:
                dock.hide()
        for key, bar in toolbars(w, self.live).items():
            bar.setVisible(config.shows(key))
        for bar in w.findChildren(QToolBar):
            if bar not in toolbars(w, self.live).values():
                bar.hide()
        self.hide_controls(config)

    def hide_controls(self, config: PresentationConfig) -> None:
        for key, widgets in control_widgets(self.live).items():
            if config.shows(key):
                continue
            for widget in widgets:
                self._widgets.append((widget, widget.isHidden()))
                widget.hide()
        for key, widget in control_rows(self.live).items():
            found = _form_row(widget)
            if found is not None and not config.shows(key):
                form, row = found
                self._rows.append((form, row, form.isRowVisible(row)))
                form.setRowVisible(row, False)
        bar = self.live.toolbar
        self._toolbar = list(bar.actions())
        for key in TOOLBAR_ACTIONS:
            if not config.shows(key):
                bar.removeAction(self.live.actions[key])

    def restore_controls(self) -> None:
        for widget, hidden in reversed(self._widgets):
            widget.setHidden(hidden)
        self._widgets.clear()
        for form, row, visible in reversed(self._rows):
            form.setRowVisible(row, visible)
        self._rows.clear()
        if self._toolbar is not None:
            bar = self.live.toolbar
            for action in bar.actions():
                bar.removeAction(action)
            bar.addActions(self._toolbar)
            self._toolbar = None

    def restore(self) -> None:
        """Controls back as they were; dock title bars back (docks and toolbars: restoreState)."""
        self.restore_controls()
        for dock, maximum in self._titles:
            dock.setMaximumSize(maximum)
            widget = dock.titleBarWidget()
            dock.setTitleBarWidget(None)
            if widget is not None:
                widget.deleteLater()
        self._titles.clear()
