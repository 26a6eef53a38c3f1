"""The presentation's look: its theme (scale and text floor), widget fonts and palette, tooltips,
and the fonts of plots the live views do not style themselves; everything is put back on leave.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QPalette
from PySide6.QtWidgets import QTableView, QToolTip, QWidget
from shiboken6 import isValid

from designer.ui.presentation.config import text_px
from designer.ui.theme import THEMES, Theme

if TYPE_CHECKING:
    import pyqtgraph as pg

QWIDGETSIZE_MAX = 16_777_215
#: the decision-region plot's least size while presenting, in lines of the smallest text: a map of about
#: 5 lines (120 px at 1×) with its axes and colour bar (at 1024×768 lesson step 1's map was 94 px high);
#: no wider than a third of a 1366 px stage (its steps with three views keep them side by side)
REGION_PLOT_LINES = (15, 7.5)


def presentation_theme(name: str, scale: float, zoom: float = 1.0) -> Theme:
    """The named theme at ``scale`` with presentation mode's text floor."""
    base = THEMES.get(name, THEMES["light"])
    return replace(base, scale=scale, min_text_px=text_px(scale), canvas_zoom=max(zoom, 1e-6))


def palette_for(theme: Theme) -> QPalette:
    """A widget palette in the theme's colours, so panels match the canvas and plots."""
    palette = QPalette()
    bg, text, muted = QColor(theme.background), QColor(theme.text), QColor(theme.muted_text)
    button = QColor(theme.node_fill)
    if bg.lightness() < 128:  # dark themes: fields and empty check boxes (Fusion outlines them in a
        button = button.lighter(150)  # darker window colour) must stand out from the window
    groups = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)
    R = QPalette.ColorRole
    for group in groups:
        for role, color in (
            (R.Window, bg),
            (R.WindowText, text),
            (R.Base, button),  # fields and check boxes stand out from the window in dark themes
            (R.AlternateBase, QColor(theme.grid)),
            (R.Text, text),
            (R.Button, button),
            (R.ButtonText, text),
            (R.BrightText, QColor(theme.refused)),
            (R.Highlight, QColor(theme.selection)),
            (R.HighlightedText, bg),
            (R.ToolTipBase, bg),
            (R.ToolTipText, text),
            (R.PlaceholderText, muted),
            (R.Light, button.lighter(150)),
            (R.Midlight, button.lighter(120)),
            (R.Mid, muted),
            (R.Dark, muted.darker(130)),
            (R.Shadow, QColor("#000000")),
        ):
            palette.setColor(group, role, color)
    for role, color in ((R.WindowText, muted), (R.Text, muted), (R.ButtonText, muted)):
        palette.setColor(QPalette.ColorGroup.Disabled, role, color)
    return palette


class WidgetLook:
    """Fonts and palette of every widget in the window; :meth:`restore` puts back exactly what was set."""

    def __init__(self, window: QWidget) -> None:
        self.window = window
        self._window_font = QFont(window.font()) if window.testAttribute(Qt.WidgetAttribute.WA_SetFont) else None
        self._window_palette = (
            QPalette(window.palette()) if window.testAttribute(Qt.WidgetAttribute.WA_SetPalette) else None
        )
        self._base_px = max(QFontInfo(window.font()).pixelSize(), 1)
        self._explicit = [
            (w, QFont(w.font()))
            for w in window.findChildren(QWidget)
            if w.testAttribute(Qt.WidgetAttribute.WA_SetFont) and w.objectName() != "presentationCaption"
        ]
        self._tooltip_font = QFont(QToolTip.font())
        self._tooltip_palette = QPalette(QToolTip.palette())
        self._plots: list[tuple[pg.AxisItem, object, dict]] = []
        self._tables = [(t, t.maximumHeight()) for t in window.findChildren(QTableView)]
        region_plot = window.findChild(QWidget, "regionPlot")
        self._region_plot = (region_plot, region_plot.minimumSize()) if region_plot is not None else None

    def apply(self, theme: Theme, px: float) -> None:
        """Widget text at ``px`` pixels (fonts set larger on purpose stay larger, in proportion)."""
        size = max(round(px), 1)
        font = QFont(self.window.font())
        font.setPixelSize(size)
        self.window.setFont(font)
        for widget, original in self._explicit:
            if not isValid(widget):
                continue
            ratio = QFontInfo(original).pixelSize() / self._base_px
            scaled = QFont(original)
            scaled.setPixelSize(max(round(size * ratio), size))
            widget.setFont(scaled)
        for table, _ in self._tables:  # rows as tall as their new text (a truth table has a fitted height)
            table.resizeRowsToContents()
            table.setMaximumHeight(QWIDGETSIZE_MAX)
        if self._region_plot is not None:  # the stage gives the map this much before the panels below it
            across, up = REGION_PLOT_LINES
            self._region_plot[0].setMinimumSize(round(across * px), round(up * px))
        palette = palette_for(theme)
        self.window.setPalette(palette)
        QToolTip.setFont(font)
        QToolTip.setPalette(palette)

    def style_other_plots(self, theme: Theme, own: list[pg.PlotWidget]) -> None:
        """Plots the live views do not restyle (e.g. the exercise's target): tick and label fonts."""
        import pyqtgraph as pg  # the plots exist by now; importing it at start would delay the first paint

        from designer.ui.live import plot_style

        self.restore_plots()
        for plot in self.window.findChildren(pg.PlotWidget):
            if plot in own:
                continue
            for name in ("left", "bottom"):
                axis = plot.getPlotItem().getAxis(name)
                self._plots.append((axis, axis.style["tickFont"], dict(axis.labelStyle)))
                axis.setTickFont(theme.screen_font(plot_style.TICK_POINTS))
                style = {**axis.labelStyle, "font-size": plot_style.css_px(theme, plot_style.LABEL_POINTS)}
                if axis.labelText:
                    axis.setLabel(axis.labelText, **style)

    def restore_plots(self) -> None:
        for axis, tick, label in reversed(self._plots):
            if not isValid(axis):  # its plot is gone (a lesson step's restarts window, closed on leaving it)
                continue
            axis.setTickFont(tick)
            axis.labelStyle = label
            if axis.labelText:
                axis.setLabel(axis.labelText)
        self._plots.clear()

    def restore(self) -> None:
        self.restore_plots()
        for widget, original in self._explicit:
            if isValid(widget):
                widget.setFont(original)
        self.window.setFont(self._window_font if self._window_font is not None else QFont())
        for table, height in self._tables:
            if isValid(table):
                table.resizeRowsToContents()
                table.setMaximumHeight(height)
        if self._region_plot is not None and isValid(self._region_plot[0]):
            self._region_plot[0].setMinimumSize(self._region_plot[1])
        self.window.setPalette(self._window_palette if self._window_palette is not None else QPalette())
        QToolTip.setFont(self._tooltip_font)
        QToolTip.setPalette(self._tooltip_palette)
