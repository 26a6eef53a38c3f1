"""The Activation view and the Loss Landscape in a presentation of one's own (not a lesson's): the
Presentation Setup's panel list left them out, so only a lesson step could put them on screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from designer.ui.presentation.room import needed_width

K = Qt.Key


def tick(qtbot, dialog, label: str) -> None:
    """Tick the setup's entry called ``label`` as a person does: select it, press Space."""
    tree = dialog.chrome
    found = tree.findItems(label, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
    assert found, f"no entry {label!r} in the setup's list"
    tree.setFocus()
    tree.setCurrentItem(found[0])
    qtbot.keyClick(tree.viewport(), K.Key_Space)
    assert found[0].checkState(0) == Qt.CheckState.Checked


def test_the_setup_keeps_the_activation_view_and_the_loss_landscape_while_presenting(qtbot, xor_window, monkeypatch):
    w = xor_window
    monkeypatch.setattr(w, "showFullScreen", lambda: w.resize(1920, 1080))
    live = w.live
    assert not live.activation_dock.isVisible() and not live.landscape_dock.isVisible()
    w.actions["presentation_setup"].trigger()
    dialog = w.presentation.setup_dialog
    tick(qtbot, dialog, "Activation view: g(z) and g'(z)")
    tick(qtbot, dialog, "Loss Landscape")
    dialog.present_button.click()

    qtbot.waitUntil(lambda: w.presentation.active and w.width() == 1920)
    for dock in (live.activation_dock, live.landscape_dock):
        assert dock.isVisible() and dock in w.presentation.kept_docks()
        content = dock.content
        qtbot.waitUntil(lambda content=content: content.isVisible() and content.width() >= needed_width(content))
    assert not w.inspector_dock.isVisible() and not live.training_dock.isVisible()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    qtbot.keyClick(w.view, K.Key_Escape)  # closes F5's key help
    qtbot.keyClick(w.view, K.Key_Escape)
    assert not w.presentation.active
    assert not live.activation_dock.isVisible() and not live.landscape_dock.isVisible()  # as they were
