"""A student whose desktop is dark (KDE's Breeze Dark, GNOME's dark style): Qt hands the app a dark
palette, and every colour the app draws itself must read on it. The light desktop keeps its colours."""

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from designer.model import load
from designer.model.commands import AddNode
from designer.model.network import Neuron
from designer.ui.theme import LIGHT, contrast
from tests.conftest import EXAMPLES
from tests.ui.conftest import _window
from tests.ui.test_exercise_panel import click_exercise

#: KDE Plasma's Breeze Dark, as its platform theme sets it (kdeglobals' [Colors:Window], [Colors:View], …)
BREEZE_DARK = {
    QPalette.ColorRole.Window: "#202326",
    QPalette.ColorRole.WindowText: "#fcfcfc",
    QPalette.ColorRole.Base: "#141618",
    QPalette.ColorRole.AlternateBase: "#1d1f22",
    QPalette.ColorRole.Text: "#fcfcfc",
    QPalette.ColorRole.Button: "#292c30",
    QPalette.ColorRole.ButtonText: "#fcfcfc",
    QPalette.ColorRole.Highlight: "#3daee9",
    QPalette.ColorRole.HighlightedText: "#fcfcfc",
    QPalette.ColorRole.ToolTipBase: "#292c30",
    QPalette.ColorRole.ToolTipText: "#fcfcfc",
    QPalette.ColorRole.PlaceholderText: "#a1a9b1",
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in BREEZE_DARK.items():
        palette.setColor(role, QColor(color))
    return palette


@pytest.fixture
def dark_window(qtbot, desktop):
    desktop.setPalette(dark_palette())
    return _window(qtbot, load(EXAMPLES / "xor-step.json"))


def pixel(widget, x: int, y: int) -> QColor:
    return widget.grab().toImage().pixelColor(x, y)


def test_on_a_dark_desktop_the_canvas_and_the_plots_are_dark(qtbot, dark_window):
    w = dark_window
    w.live.build_plots()
    assert w.scene.theme.name == "dark"
    corner = pixel(w.view.viewport(), 3, 3)  # white islands in a dark window before
    assert corner.lightness() < 80, corner.name()
    region = w.live.region.plot
    assert region.backgroundBrush().color().lightness() < 80
    panel = w.exercise.panel
    w.exercise.show()
    click_exercise(qtbot, panel, "abs-relu")  # a 1-D target: drawn as a plot
    assert panel.picture.plot.backgroundBrush().color().lightness() < 80


def test_when_the_desktop_turns_dark_and_light_again_the_canvas_follows(qtbot, desktop):
    w = _window(qtbot, load(EXAMPLES / "xor-step.json"))
    assert w.scene.theme is LIGHT
    desktop.setPalette(dark_palette())
    qtbot.waitUntil(lambda: w.scene.theme.name == "dark")
    desktop.setPalette(QPalette(QColor("#efefef")))  # a light palette
    qtbot.waitUntil(lambda: w.scene.theme is LIGHT)


def test_a_checked_truth_tables_right_rows_read_on_a_dark_desktop(qtbot, dark_window):
    w = dark_window
    panel = w.exercise.panel
    w.exercise.show()
    click_exercise(qtbot, panel, "xor")
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)  # step(0) = 1: rows 1 and 2 right
    qtbot.waitUntil(lambda: "not yet" in panel.status.text())
    table = panel.picture.table
    base = table.palette().color(QPalette.ColorRole.Base)
    for row in (1, 2):
        for col in range(table.columnCount()):
            brush = table.item(row, col).foreground()
            shown = (
                brush.color()
                if brush.style() != Qt.BrushStyle.NoBrush
                else table.palette().color(QPalette.ColorRole.Text)
            )
            assert contrast(shown, base) >= 4.5, (row, col, shown.name())  # #1d232a on #141618 before


def test_the_exercise_verdict_reads_on_a_dark_desktop(qtbot, dark_window):
    w = dark_window
    panel = w.exercise.panel
    w.exercise.show()
    click_exercise(qtbot, panel, "xor")
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "not yet" in panel.status.text())
    color = re.search(r"color:\s*(#[0-9a-fA-F]{6})", panel.status.text()).group(1)
    background = panel.status.palette().color(QPalette.ColorRole.Window)
    assert contrast(QColor(color), background) >= 4.5, color  # #c0392b: 2.9:1


def glyph_contrast(icon, background: QColor) -> float:
    """The best contrast of an icon's opaque pixels on ``background`` (0 for an empty icon)."""
    image = icon.pixmap(32, 32).toImage()
    inked = [
        image.pixelColor(x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() > 200
    ]
    return max((contrast(c, background) for c in inked), default=0.0)


def test_the_activation_glyphs_show_on_a_dark_desktop(qtbot, dark_window):
    w = dark_window
    combo = w.inspector.n_activation
    field = combo.palette().color(QPalette.ColorRole.Button)
    assert glyph_contrast(combo.itemIcon(combo.findData("step")), field) >= 4.5  # #1d232a on the dark field before


def test_the_activation_glyphs_follow_the_desktop_turning_dark(qtbot, desktop):
    w = _window(qtbot, load(EXAMPLES / "xor-step.json"))
    desktop.setPalette(dark_palette())
    qtbot.waitUntil(lambda: w.scene.theme.name == "dark")
    combo = w.inspector.n_activation
    field = combo.palette().color(QPalette.ColorRole.Button)
    assert glyph_contrast(combo.itemIcon(combo.findData("relu")), field) >= 4.5
    menu = w.activation_menu
    background = menu.palette().color(QPalette.ColorRole.Window)
    assert all(glyph_contrast(action.icon(), background) >= 4.5 for action in menu.actions())


def test_a_light_desktop_keeps_the_light_colours(qtbot, xor_window):
    from designer.ui.theme import readable_on

    w = xor_window
    assert w.scene.theme is LIGHT
    assert readable_on("#c0392b", w.palette()) == "#c0392b"
    assert readable_on("#1b7f3b", w.palette()) == "#1b7f3b"


def test_canvas_and_regions_side_by_side_have_no_white_band_on_a_dark_desktop(
    qtbot, tmp_path, monkeypatch, dark_window
):
    import numpy as np
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QFileDialog

    w = dark_window
    w.live.region_dock.show()
    w.live.build_plots()
    target = tmp_path / "both.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    w.actions["export_side_by_side"].trigger()
    image = QImage(str(target)).convertToFormat(QImage.Format.Format_RGB32)
    row = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)[0]
    white = (row[: image.width(), :3] >= 250).all(axis=1).astype(int)
    longest = max((len(run) for run in "".join(map(str, white)).split("0")), default=0)
    assert longest < 10, longest  # the 24 px gap between the dark pictures was white


def test_a_desktop_turning_dark_while_presenting_has_a_dark_canvas_after(qtbot, desktop):
    w = _window(qtbot, load(EXAMPLES / "xor-step.json"))
    w.actions["present"].trigger()
    qtbot.waitUntil(lambda: w.presentation.active)
    desktop.setPalette(dark_palette())  # the presentation keeps its own theme meanwhile
    assert w.scene.theme.min_text_px > 0
    w.actions["present"].trigger()
    qtbot.waitUntil(lambda: not w.presentation.active)
    assert w.scene.theme.name == "dark"  # the light theme of before presenting came back


def test_a_bad_number_is_explained_readably_after_the_desktop_turned_dark(qtbot, desktop):
    from PySide6.QtWidgets import QLineEdit

    from tests.ui import gui

    w = _window(qtbot, load(EXAMPLES / "xor-step.json"))
    gui.inspect(qtbot, w, "h1")
    field = w.inspector.findChild(QLineEdit, "biasField")
    desktop.setPalette(dark_palette())  # switched after the field was built
    qtbot.waitUntil(lambda: w.scene.theme.name == "dark")
    gui.retype(qtbot, field, "1/0")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(field.error.isVisible)
    color = re.search(r"color:\s*(#[0-9a-fA-F]{6})", field.error.styleSheet()).group(1)
    background = w.palette().color(QPalette.ColorRole.Window)  # (a label with a style sheet keeps its own)
    assert contrast(QColor(color), background) >= 4.5, color  # #c0392b (2.9:1) fixed when the field was built


def test_a_desktop_turning_dark_after_a_window_closed_leaves_its_stale_canvas_alone(qtbot, desktop):
    """A closed window stops following its network; changed after (here: undone), its canvas still drew
    the neuron when the palette changed, and the theme switch raised KeyError in changeEvent."""
    w = _window(qtbot, load(EXAMPLES / "xor-step.json"))
    w.document.push(AddNode(Neuron("h9", position=(300.0, 300.0))))
    assert "h9" in w.scene.node_items
    w.close()
    w.document.undo_stack.undo()  # the network loses h9; the closed window's canvas does not follow
    assert "h9" not in w.document.network.neurons
    desktop.setPalette(dark_palette())  # pytest-qt fails the test on an exception in changeEvent
    qtbot.waitUntil(lambda: w.scene.theme.name == "dark")
