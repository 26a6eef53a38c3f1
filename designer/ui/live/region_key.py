"""The class key under the decision-region map: which colour is which class when several outputs are
classes (a swatch and the output's name each, and what the colour means).

Apart from the map (``region_map``) and the data points' legend (``region_points``): it changes only with
the outputs, the data and the theme, never per frame.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from designer.ui.live import colors
from designer.ui.safetext import markup


class ClassKey(QLabel):
    """Hidden unless the map shows the winning class of several outputs."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("classKey")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.hide()

    def show_classes(self, net, theme, shown: bool) -> None:
        """The key for ``net``'s outputs in ``theme``'s class colours, or hidden where not ``shown``."""
        if not shown:
            self.hide()
            return
        k = len(net.outputs)
        swatches = []
        for c, (output, colour) in enumerate(zip(net.outputs, colors.class_colors(theme, k), strict=False)):
            label = net.node(output).display_label
            swatches.append(markup(f"<span style='color:{colour.name()}'>■</span> {{}} (class {c})", label))
        what = "most likely class, paler where less sure" if net.softmax else "largest output"
        self.setText(" &nbsp; ".join(swatches) + f" &nbsp; <i>colour: {what}</i>")
        self.show()
