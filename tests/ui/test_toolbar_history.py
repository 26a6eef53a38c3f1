"""The toolbar's Undo and Redo stay short whatever the step is called: a long step name ("Undo save the
experiment with the network") pushed the toolbar's last buttons into its overflow menu at 1366 px."""

from __future__ import annotations

from PySide6.QtCore import Qt

from designer.model import SetNetworkField, load
from tests.conftest import EXAMPLES
from tests.ui.live_gui import sized_window


def test_undo_keeps_its_short_button_and_names_the_step_in_menu_and_tooltip(qtbot):
    w = sized_window(qtbot, load(EXAMPLES / "xor-step.json"), (1366, 740))
    long_step = SetNetworkField("extras", {"exercise": "xor"})
    long_step.text = "save the experiment with the network"
    w.document.push(long_step)
    action = w.actions["undo"]
    button = w.toolbar.widgetForAction(action)
    assert button.text() == "Undo"
    assert action.text().replace("&", "") == "Undo save the experiment with the network"  # Edit ▸ Undo names it
    assert button.toolTip() == "Undo save the experiment with the network"
    last = w.toolbar.widgetForAction(w.actions["show_weights"])
    assert last is not None and last.isVisible()  # not pushed into the overflow menu
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert "exercise" not in w.document.network.extras
    assert w.toolbar.widgetForAction(w.actions["redo"]).text() == "Redo"
