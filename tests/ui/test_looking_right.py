"""Issue 15, "Looking right": data points visible on the region map in every case, and canvas text
boxes (weights, probe values, backward factors) and the legend never covering each other or nodes."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLabel

from designer.engine import compile_network
from designer.model import SetConnectionField, SetNodeField, SetOutputs
from designer.ui.theme import THEMES
from tests.ui import gui
from tests.ui.live_gui import choose, mlp, open_window, plot_point, shown_text

THEME_NAMES = tuple(THEMES)


def rgb(color) -> np.ndarray:
    c = QColor(color)
    return np.array([c.red(), c.green(), c.blue()], dtype=float)


def distance(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.linalg.norm(a - b))


class PlotPixels:
    """The region plot as the user sees it: pixels at data coordinates."""

    def __init__(self, region) -> None:
        QApplication.processEvents()
        self.region = region
        self.image = region.plot.viewport().grab().toImage()

    def at(self, x: float, y: float, dx: float = 0.0, dy: float = 0.0) -> np.ndarray:
        p = plot_point(self.region, x, y)
        return rgb(self.image.pixelColor(round(p.x() + dx), round(p.y() + dy)))

    def ring(self, x: float, y: float, radius: float) -> list[np.ndarray]:
        return [self.at(x, y, radius * math.cos(a), radius * math.sin(a)) for a in np.linspace(0, 2 * np.pi, 12)]


def invert_xor(window) -> None:
    """y = step(−OR + AND + 0.5): every XOR point lands on the other class's region."""
    doc = window.document
    doc.push(SetConnectionField(("h1", "y"), "weight", -1.0))
    doc.push(SetConnectionField(("h2", "y"), "weight", 1.0))
    doc.push(SetNodeField("y", "bias", 0.5))


XOR_POINTS = [((0.0, 0.0), 0), ((1.0, 0.0), 1), ((0.0, 1.0), 1), ((1.0, 1.0), 0)]


@pytest.mark.parametrize("theme", THEME_NAMES)
@pytest.mark.parametrize("inverted", [False, True], ids=["on-own-colour", "on-other-colour"])
def test_data_points_stand_out_on_the_region_map(qtbot, xor_window, theme, inverted):
    w = xor_window
    w.scene.set_theme(THEMES[theme])
    if inverted:
        invert_xor(w)
    region = w.live.region
    qtbot.waitUntil(lambda: region.points.misclassified == (4 if inverted else 0), timeout=2000)
    size = region.points.size
    pixels = PlotPixels(region)
    theme_ = w.scene.theme
    classes = [rgb(theme_.negative), rgb(theme_.positive)]
    for (x, y), cls in XOR_POINTS:
        around = pixels.ring(x, y, size / 2 + 6)  # the region just outside the point
        region_colour = np.median(around, axis=0)
        fill = pixels.at(x, y, 0, 0.3 * size)  # inside the point, clear of a cross
        assert distance(fill, classes[cls]) < 40, (x, y, fill)  # the class's own full colour
        assert distance(fill, region_colour) > 60, (theme, x, y, fill, region_colour)  # stands out from the map
        outline = max(
            (p for d in np.linspace(-1.5, 1.5, 7) for p in pixels.ring(x, y, size / 2 + d)),
            key=lambda p: distance(p, region_colour),
        )
        assert distance(outline, region_colour) > 150, (theme, x, y)  # a contrasting outline all around


@pytest.mark.parametrize("theme", ("light", "dark"))
def test_misclassified_points_are_told_apart_at_a_glance(qtbot, xor_window, theme):
    w = xor_window
    w.scene.set_theme(THEMES[theme])
    w.document.push(SetConnectionField(("h2", "y"), "weight", 0.0))  # y = OR now: (1, 1) is wrong
    region = w.live.region
    net = compile_network(w.document.network)  # float64: an independent evaluation
    xs = np.array([p for p, _ in XOR_POINTS])
    wrong = (net.forward(xs)[:, 0] >= 0.5).astype(int) != np.array([c for _, c in XOR_POINTS])
    assert wrong.tolist() == [False, False, False, True]
    qtbot.waitUntil(lambda: region.points.misclassified == 1, timeout=2000)
    crossed = np.column_stack(region.points.errors.getData())
    assert crossed.tolist() == xs[wrong].tolist()
    assert "✕ misclassified 1" in shown_text(region.legend)
    lines = region.legend.heightForWidth(region.legend.width())
    pixels = PlotPixels(region)
    text = rgb(w.scene.theme.text)
    classes = [rgb(w.scene.theme.negative), rgb(w.scene.theme.positive)]
    for ((x, y), cls), bad in zip(XOR_POINTS, wrong, strict=True):
        centre = pixels.at(x, y)
        if bad:  # a cross in the text colour over the point
            assert distance(centre, text) < 70, centre
        else:
            assert distance(centre, classes[cls]) < 40, centre
    w.actions["undo"].trigger()  # XOR again: the cross goes with the error
    qtbot.waitUntil(lambda: region.points.misclassified == 0, timeout=2000)
    assert len(region.points.errors.getData()[0]) == 0
    # the count stays, at 0: a wrapped legend lost a line and the plot jumped whenever it passed 0
    assert "✕ misclassified 0" in shown_text(region.legend)
    assert region.legend.heightForWidth(region.legend.width()) == lines


def test_data_points_are_larger_while_presenting(qtbot, xor_window):
    w = xor_window
    region = w.live.region
    before = region.points.train.opts["size"]
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    qtbot.keyClick(w, Qt.Key.Key_F5)
    assert w.presentation.active
    assert region.points.train.opts["size"] >= 1.5 * before
    qtbot.keyClick(w, Qt.Key.Key_Escape)  # closes F5's key help
    qtbot.keyClick(w, Qt.Key.Key_Escape)
    assert region.points.train.opts["size"] == before


# ------------------------------------------------------------------ text boxes on the canvas
def dense_window(qtbot):
    """A 2-8-8-1 network (81 lines) with every weight shown and a pinned probe: many boxes."""
    w = open_window(qtbot, mlp([2, 8, 8, 1], hidden="tanh"))
    w.resize(1800, 1300)  # the whole network and its boxes in view at the fit's smallest zoom
    qtbot.wait(20)
    w.actions["show_weights"].setChecked(True)
    w.live.session.set_probe(np.array([0.5, -0.3]), pinned=True)
    w.view.zoom_to_fit()  # with room for the values beside the outer columns
    return w


def drawn(window):
    """Paint the canvas as the screen does; the boxes the label layer drew."""
    QApplication.processEvents()
    window.view.viewport().grab()
    return window.scene.labels.last


def node_areas(window) -> list[QRectF]:
    rects = [item.sceneBoundingRect() for item in window.scene.node_items.values()]
    return rects + window.live.maps.map_rects()


def assert_readable(window) -> list:
    layout = drawn(window)
    rects = [p.rect for p in layout.placed]
    for a, b in itertools.combinations(layout.placed, 2):
        assert not a.rect.intersects(b.rect), (a.request.key, a.rect, b.request.key, b.rect)
    seen = window.view.visible_scene_rect()
    for placed in layout.placed:
        assert seen.contains(placed.rect), placed.request.key  # not cut by the canvas's edge
        for node in node_areas(window):
            assert not placed.rect.intersects(node), (placed.request.kind, placed.request.key, node)
    return rects


def test_dense_network_text_boxes_overlap_nothing(qtbot):
    w = dense_window(qtbot)
    layout = drawn(w)
    kinds = {p.request.kind for p in layout.placed}
    assert kinds == {"weight", "probe"}
    assert layout.left_out  # 81 weights and 19 value boxes do not all fit: some wait for a hover
    assert {p.request.key for p in layout.placed if p.request.kind == "probe"} == set(w.scene.node_items)
    assert_readable(w)


def test_hovering_a_neuron_brings_its_own_boxes_first(qtbot):
    w = dense_window(qtbot)
    network = w.document.network
    shown_before = {p.request.key for p in drawn(w).placed}
    crowded = [n for n in network.neurons if not {k for k in network.connections if k[1] == n} <= shown_before]
    assert crowded  # some neurons' weights are left out at first
    neuron = crowded[0]
    into = [k for k in network.connections if k[1] == neuron]
    no = Qt.MouseButton.NoButton
    gui.send_mouse(w.view, QEvent.Type.MouseMove, gui.to_viewport(w.view, gui.node_pos(w, neuron)), no, no)
    assert w.scene.node_items[neuron].hovered
    shown = {p.request.key for p in drawn(w).placed}
    assert set(into) <= shown and neuron in shown  # every weight into it, and its values
    assert_readable(w)


def test_backward_pass_boxes_overlap_nothing_and_the_legend_covers_no_node(qtbot):
    w = dense_window(qtbot)
    qtbot.keyClick(w.view, Qt.Key.Key_B)
    assert w.live.backward.active
    qtbot.keyClick(w.view, Qt.Key.Key_Left)  # level 2: the factors on the 64 lines into h2_*
    layout = drawn(w)
    assert {"factor", "delta", "weight"} <= {p.request.kind for p in layout.placed}
    assert_readable(w)
    legend = w.live.gradients.legend
    assert legend.isVisible()
    assert_legend_covers_no_node(w)


def assert_legend_covers_no_node(window) -> None:
    view = window.view
    legend = window.live.gradients.legend
    box = legend.geometry().translated(-view.viewport().geometry().topLeft())  # in viewport pixels
    for node in node_areas(window):
        seen = view.mapFromScene(node).boundingRect().intersected(view.viewport().rect())  # its visible part
        assert not box.intersects(seen), (node, box)


def test_the_legend_takes_a_free_corner_when_there_is_one(qtbot, xor_window):
    w = xor_window
    w.view.zoom_to_fit()
    qtbot.keyClick(w.view, Qt.Key.Key_G)
    legend = w.live.gradients.legend
    assert legend.isVisible() and w.view.viewportMargins().bottom() == 0  # no band needed
    assert_legend_covers_no_node(w)
    qtbot.keyClick(w.view, Qt.Key.Key_G)
    assert not legend.isVisible()


def message_as_drawn(region) -> QRectF:
    """Where the message's text lies once painted (the text item places itself when it is drawn)."""
    region.plot.viewport().grab()
    return region.message.textItem.sceneBoundingRect()


def test_the_region_views_message_is_whole_in_the_middle_of_the_plot(qtbot, xor_window):
    w = xor_window
    w.document.push(SetOutputs([]))  # no output: the map gives way to a message
    region = w.live.region
    qtbot.waitUntil(region.message.isVisible, timeout=2000)
    assert "no output neuron" in region.message.toPlainText()
    centre = region.vb.mapViewToScene(region.message.pos())  # the text is centred on its position
    plot = region.vb.sceneBoundingRect()
    assert abs(centre.x() - plot.center().x()) < 2 and abs(centre.y() - plot.center().y()) < 2
    assert plot.contains(region.message.sceneBoundingRect())  # whole: wrapped to the plot's width
    w.live.region_dock.setFloating(True)  # a narrow dock: the long message wraps instead of being cut
    w.live.region_dock.resize(260, 300)
    qtbot.waitUntil(lambda: region.vb.sceneBoundingRect().width() < 250, timeout=2000)  # (no axes beside it now)
    plot = region.vb.sceneBoundingRect()
    assert plot.contains(message_as_drawn(region))  # whole: wrapped to the plot's width
    centre = region.vb.mapViewToScene(region.message.pos())
    assert abs(centre.x() - plot.center().x()) < 2 and abs(centre.y() - plot.center().y()) < 2


def test_the_points_legend_wraps_in_a_narrow_dock_instead_of_cutting_the_data_sets_name(qtbot, xor_window):
    """Presenting (large letters) or in a narrow dock, the legend's end was cut: "… misclassified 349 gaus"."""
    w = xor_window
    choose(w.live.panel.dataset, "spiral")  # "● train 250  ■ test 250  ✕ misclassified …  spiral"
    legend = w.live.region.legend
    font = legend.font()
    font.setPointSizeF(2 * font.pointSizeF())  # letters as large as on the projector
    legend.setFont(font)
    w.live.region_dock.setFloating(True)
    w.live.region_dock.resize(300, 400)  # as narrow as the dock goes
    qtbot.waitUntil(lambda: legend.width() < 450 and "spiral" in legend.text(), timeout=2000)
    needed = legend.heightForWidth(legend.width())  # one line for a label that does not wrap
    assert needed > 1.5 * legend.fontMetrics().lineSpacing()  # two lines or more…
    qtbot.waitUntil(lambda: legend.height() >= needed, timeout=2000)  # …and room for all of them


def test_a_very_long_output_label_wraps_in_the_region_title_and_keeps_the_window_its_size(qtbot):
    """A 10,000-character label (files allow it) made the window 133,283 px wide, and the figure too."""
    from designer.ui import figures

    net = mlp([2, 2, 1])
    net.neurons["y"].label = "long " * 2000
    w = open_window(qtbot, net)
    w.live.region_dock.show()
    region = w.live.region
    qtbot.waitUntil(lambda: "long long" in region.title.text(), timeout=2000)
    assert w.width() <= 1400 and region.title.width() <= region.width()
    wide = QLabel("x")
    wide.resize(20_000, 20)  # a widget wider than a figure may be
    image = figures.widget_image(wide, 2.0)
    assert image.width() == figures.MAX_SIDE and image.height() < 40


def test_letters_typed_into_a_combo_box_stay_in_it(qtbot, xor_window):
    """Typing an entry's letters into a focused combo box picks it, and nothing else happens (walkthrough, task 4)."""
    w = xor_window
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    w.live.training_dock.show()
    w.live.training_dock.raise_()
    combo = w.live.panel.optimizer
    combo.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is combo, timeout=2000)
    assert w.actions["neuron_maps"].isChecked()
    qtbot.keyClicks(combo, "adam")
    assert combo.currentText() == "Adam" and w.live.training.settings.optimizer == "adam"
    assert w.actions["neuron_maps"].isChecked()  # the M of "adam" is not the Neuron Maps shortcut


@pytest.mark.parametrize("widths", [[2, 2, 1], [3, 2, 1], [5, 4, 1]])
def test_no_part_of_the_window_flashes_up_as_a_window_of_its_own(qtbot, widths):
    """A widget shown before it has a parent becomes a window (the region view's axes chooser, for
    3+ inputs, did so and took the main window's activation away)."""
    shown = []

    class Watch(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Show and obj.isWidgetType() and obj.isWindow():
                shown.append(type(obj).__name__)
            return False

    watch = Watch()
    QApplication.instance().installEventFilter(watch)
    try:
        window = open_window(qtbot, mlp(widths))  # waits until the window is the active one
        qtbot.waitUntil(lambda: window.live.region.isVisible(), timeout=5000)  # plots come after the first paint
        QApplication.processEvents()
    finally:
        QApplication.instance().removeEventFilter(watch)
    assert shown == ["MainWindow"]
    assert QApplication.activeWindow() is window


def test_a_fitted_network_stays_fitted_when_the_canvas_shrinks_until_the_user_zooms(qtbot, xor_window):
    """At start the network is fitted before the exercise dock appears beside the canvas; the narrower
    canvas must not cut the network off. A zoom by the user is kept through later resizes."""
    w = xor_window
    w.resize(1400, 900)
    w.view.zoom_to_fit()
    wide = w.view.viewport().width()
    w.resize(1150, 760)  # a dock shown beside the canvas has the same effect on the view
    qtbot.waitUntil(lambda: w.view.viewport().width() < wide - 200)
    assert w.view.visible_scene_rect().contains(w.scene.network_rect())
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    zoom = w.view.transform().m11()
    w.resize(1400, 900)
    qtbot.waitUntil(lambda: w.view.viewport().width() == wide)
    assert w.view.transform().m11() == zoom


@pytest.mark.parametrize("bias", [-0.123456789012345, 12345.678901, -1e-7, 0.5, -123.25, -0.00055])
@pytest.mark.parametrize("which", ["hidden", "output"])
def test_a_bias_text_stays_inside_its_neuron(qtbot, xor_window, bias, which):
    """The ink of the bias text lies within the circle's border, and within the ring marking an output."""
    from PySide6.QtGui import QFontMetricsF

    w = xor_window
    net = w.document.network
    neuron = net.outputs[0] if which == "output" else next(n for n in net.neurons if n not in net.outputs)
    w.document.push(SetNodeField(neuron, "bias", bias))
    item = w.scene.node_items[neuron]
    drawn(w)
    text = item.bias_label.text()
    assert text and text[-1].isdigit()  # some digits of it are shown (the inspector has all)
    ink = QFontMetricsF(item.bias_label.font()).tightBoundingRect(text)
    centre = item.bias_label.boundingRect().center()
    half_width, half_height = ink.width() / 2, ink.height() / 2
    s = w.scene.theme.scale
    inside = item.radius - (4.6 if which == "output" else 0.8) * s  # the ring's and the border's inner edge
    for x in (centre.x() - half_width, centre.x() + half_width):
        for y in (centre.y() - half_height, centre.y() + half_height):
            assert math.hypot(x, y) <= inside, (text, x, y, inside)


def test_the_1d_legend_hides_no_target_point_when_every_corner_holds_some(qtbot, tmp_path):
    """Targets filling the plot (a grid of points over the whole range, the output flat inside it): the
    legend took the "emptiest" corner and covered two rows of points there."""
    from PySide6.QtCore import QPointF

    w = open_window(qtbot, mlp([1, 3, 1], "tanh", "linear", weight=0.1))
    live = w.live
    live.build_plots()
    xs, ys = np.meshgrid(np.linspace(0, 6, 25), np.linspace(-1, 1, 15))
    path = tmp_path / "grid.csv"
    path.write_text(
        "x1,y\n" + "\n".join(f"{a:.3f},{b:.3f}" for a, b in zip(xs.ravel(), ys.ravel(), strict=True)), encoding="utf-8"
    )
    live.panel.train_ratio.setValue(100)
    assert live.panel.load_csv(path)
    region = live.region
    legend, vb = region.line.legend, region.vb
    qtbot.waitUntil(lambda: legend.isVisible() and region.points.train.data.size == xs.size, timeout=2000)
    region.plot.viewport().grab()  # laid out and drawn as the user sees it
    (x0, x1), (y0, y1) = vb.viewRange()
    assert x0 <= xs.min() and xs.max() <= x1 and y0 <= ys.min() and ys.max() <= y1  # every point in view
    box = legend.sceneBoundingRect()
    hidden = [
        (a, b) for a, b in zip(xs.ravel(), ys.ravel(), strict=True) if box.contains(vb.mapViewToScene(QPointF(a, b)))
    ]
    assert hidden == []


@pytest.mark.parametrize(
    "targets",
    [
        [(0, 1e308), (1, -1e308), (2, 0), (3, 1.7e308)],
        [(float(a), float(b)) for a in np.linspace(0, 6, 25) for b in np.linspace(0, 1e308, 15)],
    ],
    ids=["opposite", "grid"],
)
def test_the_1d_plot_frames_targets_near_the_largest_float(qtbot, tmp_path, targets):
    """Targets of ±1e308 in a CSV: the frame's arithmetic overflowed to inf ("Cannot set range
    [-inf, inf]" on every refresh; with the legend's band above a crowded plot too)."""
    w = open_window(qtbot, mlp([1, 3, 1], "tanh", "linear", weight=0.1))
    live = w.live
    live.build_plots()
    path = tmp_path / "huge.csv"
    path.write_text("x1,y\n" + "\n".join(f"{a!r},{b!r}" for a, b in targets), encoding="utf-8")
    live.panel.train_ratio.setValue(100)
    assert live.panel.load_csv(path)
    region = live.region
    for size in [(1400, 900), (700, 400), (1400, 300)]:
        w.resize(*size)
        region.plot.viewport().grab()  # laid out and drawn (an exception in a paint fails the test)
        (x0, x1), (y0, y1) = region.vb.viewRange()
        assert np.isfinite([x0, x1, y0, y1]).all() and y0 < y1
