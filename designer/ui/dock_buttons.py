"""The panels' title-bar buttons (close, float) say which panel they act on.

Qt draws them as bare icons with no tooltip, and names every one of them "Close" or "Float": hovering
one said nothing, and a screen reader's list of the window's buttons held a dozen "Close" alike."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDockWidget, QWidget

from designer.ui.dock_list import dock_widgets

#: Qt's names for a dock's title-bar buttons → (what a screen reader says, the tooltip), per panel title
TITLE_BUTTONS = {
    "qt_dockwidget_closebutton": ("Close {title}", "Close the {title} panel (the View menu opens it again)"),
    "qt_dockwidget_floatbutton": ("Float {title}", "The {title} panel in a window of its own, or back in its place"),
}


def name_title_buttons(window: QWidget) -> None:
    """Every panel's close and float buttons get its title in their name and a tooltip."""
    for dock in dock_widgets(window):
        name_dock_buttons(dock)


def name_dock_buttons(dock: QDockWidget) -> None:
    title = dock.windowTitle()
    for object_name, (said, tip) in TITLE_BUTTONS.items():
        button = dock.findChild(QAbstractButton, object_name, Qt.FindChildOption.FindDirectChildrenOnly)
        if button is not None:
            button.setAccessibleName(said.format(title=title))
            button.setToolTip(tip.format(title=title))
