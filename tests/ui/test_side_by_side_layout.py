"""File ▸ Export ▸ Canvas and regions side by side at 1280×720: the regions were drawn as the narrow dock
laid them out, the title wrapped ("Output h17 over the / input plane") beside the room of the check
boxes the figure leaves out, the plot squeezed. The figure is now laid out at its own size, and the
window's view gets its own layout back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from designer.model import load
from designer.ui import figures
from designer.ui.export_views import SIDE_BY_SIDE_REGION
from tests.conftest import EXAMPLES
from tests.ui.live_gui import sized_window
from tests.ui.menus import choose_from_menu_bar
from tests.ui.test_export_views import answer_save_dialogs

SIDE_BY_SIDE = "Canvas and regions side by side (PNG)…"


def assert_map_fills_the_plot(view_range, rect) -> None:
    """The plot's axes span the map (drawn to one scale, it fills the plot), as in the window: laid out
    wider for the figure, the plot kept its old proportions and its axes ran on past the map."""
    (x0, x1), (y0, y1) = view_range
    slack = 0.03 * max(rect.width(), rect.height())
    assert x0 >= rect.left() - slack and x1 <= rect.right() + slack, ((x0, x1), rect)
    assert y0 >= rect.top() - slack and y1 <= rect.bottom() + slack, ((y0, y1), rect)


def _export_side_by_side(qtbot, w, tmp_path, monkeypatch, region, entry=SIDE_BY_SIDE) -> list:
    """File ▸ Export ▸ ``entry`` (Canvas and regions side by side), with the mouse; how the regions were
    laid out while drawn: (size, title height, check boxes shown)."""
    drawn, plots = [], []

    def recording(widget, scale=2.0):
        if widget is region:
            drawn.append((widget.size(), widget.title.height(), widget.discretize.isVisible()))
            plots.append((widget.vb.viewRange(), widget.image.boundingRect()))
        return original(widget, scale)

    original = figures.widget_image
    monkeypatch.setattr(figures, "widget_image", recording)
    offered = answer_save_dialogs(monkeypatch, tmp_path)
    choose_from_menu_bar(qtbot, w, "File", "Export", entry)
    assert offered and not QImage(str(tmp_path / offered[0])).isNull()
    for view_range, map_rect in plots:
        assert_map_fills_the_plot(view_range, map_rect)
    return drawn


def _narrow_regions(qtbot, width: int):
    network = load(EXAMPLES / "xor-step.json")
    network.neurons["y"].label = "h17"
    w = sized_window(qtbot, network, (1152, 680))  # what fit_to_screen leaves of a 1280×720 screen
    w.live.region_dock.show()
    w.resizeDocks([w.live.region_dock], [width], Qt.Orientation.Horizontal)  # the dock as narrow as there
    region = w.live.region
    qtbot.waitUntil(lambda: region.width() < width + 10 and "h17" in region.title.text())
    return w, region


def test_the_side_by_side_regions_are_laid_out_at_their_own_size(qtbot, tmp_path, monkeypatch):
    w, region = _narrow_regions(qtbot, 300)
    line = region.title.fontMetrics().lineSpacing()
    in_window = (region.size(), region.title.geometry(), region.switches.geometry())
    assert region.title.height() >= 2 * line, "the title is wrapped in the dock (beside the check boxes)"
    drawn = _export_side_by_side(qtbot, w, tmp_path, monkeypatch, region)
    ((size, title_height, controls_shown),) = drawn
    assert size.width() >= SIDE_BY_SIDE_REGION.width() and size.height() >= SIDE_BY_SIDE_REGION.height(), size
    assert title_height < 2 * line and not controls_shown  # one line: "Output h17 over the input plane"
    qtbot.waitUntil(lambda: (region.size(), region.title.geometry(), region.switches.geometry()) == in_window)


def test_the_window_gets_its_own_layout_back_after_the_export(qtbot, tmp_path, monkeypatch):
    """In a dock this narrow the check boxes go under the title; laid out wide for the figure they went
    beside it, and stayed there once it was drawn, the title squeezed to a word a line."""
    w, region = _narrow_regions(qtbot, 220)
    line = region.title.fontMetrics().lineSpacing()
    assert region.title.height() < 2 * line and region.switches.y() > region.title.geometry().bottom()
    in_window = (region.size(), region.title.geometry(), region.switches.geometry())
    assert _export_side_by_side(qtbot, w, tmp_path, monkeypatch, region)
    qtbot.waitUntil(lambda: (region.size(), region.title.geometry(), region.switches.geometry()) == in_window)
