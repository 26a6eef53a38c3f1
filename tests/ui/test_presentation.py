"""Presentation mode: F5 and Esc, the exact restore, the scale, hidden chrome saved with the file, presets."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication, QFileDialog, QFormLayout

from designer.ui.presentation import config as cfg
from designer.ui.theme import LIGHT
from tests.ui.live_gui import set_shown
from tests.ui.menus import plain

CTRL = Qt.KeyboardModifier.ControlModifier


def activate(qtbot, w) -> None:
    """Window shortcuts (F5) need the active window."""
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)


def tick_px(plot) -> int:
    return QFontInfo(plot.getPlotItem().getAxis("left").style["tickFont"]).pixelSize()


def canvas_label_px(window) -> float:
    """The neurons' name labels on screen: their font in scene units times the zoom."""
    theme = window.scene.theme
    return QFontInfo(theme.font(10, bold=True)).pixelSize() * window.view.transform().m11()


def snapshot(w) -> dict:
    return {
        "geometry": w.geometry(),
        "docks": {d.objectName(): d.isVisible() for d in w.findChildren(type(w.inspector_dock))},
        "toolbars": (w.toolbar.isVisible(), w.live.toolbar.isVisible()),
        "menu": w.menuBar().isVisible(),
        "status": w.statusBar().isVisible(),
        "font_px": QFontInfo(w.font()).pixelSize(),
        "title_font": w.exercise.panel.title.font().toString(),
        "transform": w.view.transform(),
        "weights": w.actions["show_weights"].isChecked(),
        "grid": w.scene.show_grid,
        "tick_px": tick_px(w.live.region.plot),
        "toolbar_actions": [a.objectName() for a in w.live.toolbar.actions()],
    }


def test_f5_enters_full_screen_presentation_and_esc_restores_the_window_exactly(qtbot, xor_window):
    w = xor_window
    qtbot.wait(30)  # the docks' first arrangement
    before, state = snapshot(w), w.saveState()
    theme = w.scene.theme
    activate(qtbot, w)
    qtbot.keyClick(w, Qt.Key.Key_F5)
    p = w.presentation
    assert p.active and w.isFullScreen()
    assert w.centralWidget() is p.stage and w.view.parentWidget() is not None and w.view.isVisible()
    assert w.live.region.isVisible() and not w.live.region_dock.isVisible()
    assert not w.menuBar().isVisible() and not w.toolbar.isVisible() and not w.live.toolbar.isVisible()
    assert not w.inspector_dock.isVisible() and not w.live.training_dock.isVisible()
    assert w.scene.theme.min_text_px == 24 and QFontInfo(w.font()).pixelSize() == 24
    assert w.actions["present"].isChecked()

    qtbot.keyClick(w, Qt.Key.Key_Escape)  # closes F5's key help, nothing else
    assert p.active and w.isFullScreen() and not p.stage.caption.isVisible()
    qtbot.keyClick(w, Qt.Key.Key_Escape)
    assert not p.active and not w.isFullScreen()
    assert w.centralWidget() is w.view and w.live.region_dock.widget() is w.live.region
    assert w.scene.theme is theme is LIGHT
    qtbot.waitUntil(lambda: w.saveState() == state, timeout=2000)
    assert snapshot(w) == before


def test_view_menu_present_and_f5_again_leave(qtbot, xor_window):
    w = xor_window
    present = next(a for a in w.menu("view").actions() if a.objectName() == "present")
    present.trigger()
    assert w.presentation.active and w.isFullScreen()
    activate(qtbot, w)
    qtbot.keyClick(w, Qt.Key.Key_F5)
    assert not w.presentation.active and not w.isFullScreen()
    assert w.actions["train_play"].shortcut().toString() == "F8"  # training play moved off F5


def test_scale_changes_canvas_labels_and_plot_axes_and_is_remembered(qtbot, xor_window):
    w = xor_window
    activate(qtbot, w)
    qtbot.keyClick(w, Qt.Key.Key_F5)
    w.resize(1920, 1080)
    qtbot.wait(20)
    region = w.live.region.plot
    label_1x, tick_1x = canvas_label_px(w), tick_px(region)
    radius_1x = w.scene.node_items["h1"].radius
    w.view.setFocus()
    for _ in range(4):  # 1× → 2×
        qtbot.keyClick(w.view, Qt.Key.Key_Equal, CTRL)
    assert w.presentation.scale == 2.0
    w.view.resetTransform()  # compare at the same zoom
    w.view.zoomed.emit(1.0)
    assert w.scene.node_items["h1"].radius == 2 * radius_1x
    assert tick_px(region) > tick_1x and tick_px(region) == 36
    assert QFontInfo(w.scene.theme.font(10, bold=True)).pixelSize() >= 2 * 13  # 10 pt at 2×
    assert canvas_label_px(w) > 0 and label_1x >= 24
    assert QFontInfo(w.font()).pixelSize() == 36
    qtbot.keyClick(w.view, Qt.Key.Key_Minus, CTRL)
    assert w.presentation.scale == 1.75
    assert float(QSettings("NN Designer", "NN Designer").value("presentation/scale")) == 1.75
    qtbot.keyClick(w, Qt.Key.Key_Escape)
    assert w.scene.theme.scale == 1.0 and tick_px(region) == 12


def test_remembered_scale_is_used_by_the_next_window(qtbot, xor_window, empty_window):
    cfg.remember_scale(2.5)
    from designer.ui.mainwindow import MainWindow

    other = MainWindow()
    qtbot.addWidget(other)
    assert other.presentation.scale == 2.5


def test_hidden_controls_stay_hidden_after_saving_and_reopening_the_file(
    qtbot, xor_window, empty_window, tmp_path, monkeypatch
):
    w = xor_window
    w.actions["presentation_setup"].trigger()
    dialog = w.presentation.setup_dialog
    assert dialog.isVisible()
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
    dialog.layout_combo.setCurrentIndex(dialog.layout_combo.findData("canvas"))
    for key, on in (("training", True), ("curves", True), ("train_randomize", False), ("learning_rate", False)):
        set_shown(dialog, key, on)
    dialog.save_with_file.setChecked(True)
    dialog.accept()
    assert w.document.modified and w.document.undo_stack.undoText() == "set extras"
    path = tmp_path / "demo.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    w.actions["save_as"].trigger()
    assert '"presentation"' in path.read_text()

    other = empty_window
    assert other.files.open_path(path)
    activate(qtbot, other)
    qtbot.keyClick(other, Qt.Key.Key_F5)
    live = other.live
    panel = live.panel
    assert live.training_dock.isVisible() and live.curves_dock.isVisible()
    assert not other.inspector_dock.isVisible() and not other.toolbar.isVisible()
    assert panel.buttons["train_randomize"].isHidden() and not panel.buttons["train_play"].isHidden()
    form = panel.rate.parentWidget().layout()
    assert isinstance(form, QFormLayout)
    rate_row = next(
        r
        for r in range(form.rowCount())
        if form.itemAt(r, QFormLayout.ItemRole.FieldRole).layout().indexOf(panel.rate) >= 0
    )
    assert not form.isRowVisible(rate_row) and not panel.rate.isVisible()
    assert not live.region.isVisible()  # canvas only
    assert other.scene.theme.name == "dark"
    qtbot.keyClick(other, Qt.Key.Key_Escape)  # closes F5's key help
    qtbot.keyClick(other, Qt.Key.Key_Escape)
    assert not panel.buttons["train_randomize"].isHidden() and form.isRowVisible(rate_row)

    w.presentation.config.theme = "light"  # changed for this session only
    w.actions["save"].trigger()  # saving again keeps the session's choice
    assert w.presentation.config.theme == "light"
    w.actions["undo"].trigger()  # the presentation section was one undo step
    assert "presentation" not in w.document.network.extras


def test_named_presets_keep_a_configuration(qtbot, xor_window):
    w = xor_window
    w.actions["presentation_setup"].trigger()
    dialog = w.presentation.setup_dialog
    dialog.panel_combo.setCurrentIndex(dialog.panel_combo.findData("math"))
    set_shown(dialog, "training_toolbar", True)
    assert dialog.save_preset("lecture 3/xor") == "lecture 3-xor"
    dialog.load(cfg.PresentationConfig(), 1.0)
    dialog.presets.setCurrentText("lecture 3-xor")
    dialog.load_preset()
    assert dialog.config().panel == "math" and dialog.config().shows("training_toolbar")
    dialog.reject()
    menu = w.presentation.presets_menu
    menu.aboutToShow.emit()
    next(a for a in menu.actions() if plain(a.text()) == "lecture 3-xor").trigger()  # View ▸ Present with Preset
    assert w.presentation.active
    stage = w.presentation.stage
    assert stage.panel.isVisible() and "step(1·x₁ + 1·x₂ − 0.5)" in stage.panel.toPlainText()
    assert w.live.toolbar.isVisible()
    qtbot.keyClick(w, Qt.Key.Key_Escape)


def test_config_from_a_file_is_tolerant():
    config = cfg.PresentationConfig.from_json(
        {"layout": "nope", "theme": "dark", "show": ["training", 3, "x"], "pointer": 1}
    )
    assert (config.layout, config.theme, config.show, config.pointer) == ("both", "dark", {"training"}, False)
    assert cfg.PresentationConfig.from_json(config.to_json()) == config
    assert cfg.PresentationConfig.from_json("junk") == cfg.PresentationConfig()
