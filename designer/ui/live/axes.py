"""For networks with more than two inputs: which two inputs the region view plots, sliders for the rest.

The sliders sit in a scrolled area a few rows tall: with 100 inputs their 98 rows made the dock, and
the main window with it, 2,512 px tall (off a 720 px screen)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from designer.formatting import format_number
from designer.ui.combo_names import name_combo
from designer.ui.keys import no_tab_stop, picked_without_focus
from designer.ui.safetext import set_plain

SLIDER_STEPS = 200
#: the slider rows shown at once; more scroll
VISIBLE_ROWS = 4


class AxesChooser(QWidget):
    def __init__(self, session, parent: QWidget) -> None:
        # a parent from the start: shown before it had one, it would flash up as a window of its own
        # (and take the main window's activation away)
        super().__init__(parent)
        self.session = session
        self.setObjectName("axesChooser")
        self.x_combo = picked_without_focus(QComboBox())
        self.y_combo = picked_without_focus(QComboBox())
        self.x_combo.setObjectName("plotX")
        self.y_combo.setObjectName("plotY")
        name_combo(self.x_combo, "Plot: input on the horizontal axis")
        name_combo(self.y_combo, "Plot: input on the vertical axis")
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(QLabel("Plot"))
        top.addWidget(self.x_combo)
        top.addWidget(QLabel("against"))
        top.addWidget(self.y_combo)
        top.addStretch(1)
        self.sliders_box = QWidget()
        self.sliders = QGridLayout(self.sliders_box)
        self.sliders.setContentsMargins(0, 0, 0, 0)
        self.sliders_scroll = QScrollArea()
        self.sliders_scroll.setObjectName("heldInputs")
        self.sliders_scroll.setAccessibleName("Inputs held at a value")
        self.sliders_scroll.setWidgetResizable(True)
        self.sliders_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.sliders_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sliders_scroll.setWidget(self.sliders_box)
        no_tab_stop(self.sliders_scroll)  # Tab goes from slider to slider, scrolling each into view
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.sliders_scroll)
        self._ids: list[str] = []
        self._slider_widgets: dict[int, tuple[QSlider, QLabel]] = {}
        self._filled: tuple | None = None
        self.x_combo.currentIndexChanged.connect(self._axes_changed)
        self.y_combo.currentIndexChanged.connect(self._axes_changed)
        session.structure_changed.connect(self.rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        net = self.session.network
        ids = list(net.inputs)
        self.setVisible(len(ids) > 2 and self.session.compiled is not None)
        if ids == self._ids:
            self._fill_sliders()
            return
        self._ids = ids
        for combo, value in ((self.x_combo, self.session.ax), (self.y_combo, self.session.ay)):
            combo.blockSignals(True)
            combo.clear()
            for node_id in ids:
                combo.addItem(net.inputs[node_id].display_label, node_id)
            combo.setCurrentIndex(value if value < len(ids) else 0)
            combo.blockSignals(False)
        self._fill_sliders()

    def _axes_changed(self) -> None:
        ax, ay = self.x_combo.currentIndex(), self.y_combo.currentIndex()
        if ax < 0 or ay < 0:
            return
        if ax == ay:  # keep two different inputs: swap with the previous choice
            other = self.session.ax if self.sender() is self.y_combo else self.session.ay
            (self.y_combo if self.sender() is self.x_combo else self.x_combo).setCurrentIndex(other)
            return
        self.session.ax, self.session.ay = ax, ay
        self._fill_sliders()
        self.session.structure_changed.emit()  # the views re-read the plotted inputs
        self.session.schedule()

    def _fill_sliders(self) -> None:
        """One slider row per input not plotted, made again only when the rows would differ: every
        structural edit made 782 rows again for a 784-input network (seconds of widgets and layout)."""
        st = self.session
        labels = tuple(st.network.inputs[i].display_label for i in self._ids if i in st.network.inputs)
        key = (tuple(self._ids), labels, st.ax, st.ay, st.rect[0], st.rect[1])
        if key == self._filled:
            return
        self._filled = key
        while self.sliders.count():
            item = self.sliders.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self._slider_widgets.clear()
        if len(self._ids) <= 2:
            return
        lo, hi = self.session.rect[0], self.session.rect[1]
        net = self.session.network
        row = 0
        for i, node_id in enumerate(self._ids):
            if i in (self.session.ax, self.session.ay):
                continue
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setObjectName(f"fixed_{node_id}")
            slider.setRange(0, SLIDER_STEPS)
            value = float(self.session.fixed[i])
            slider.setValue(round((value - lo) / (hi - lo) * SLIDER_STEPS))
            text = QLabel(format_number(value))
            text.setMinimumWidth(48)
            slider.valueChanged.connect(
                lambda v, i=i, t=text, lo=lo, hi=hi: self._slid(i, lo + (hi - lo) * v / SLIDER_STEPS, t)
            )
            name = QLabel()
            set_plain(name, net.inputs[node_id].display_label)
            self.sliders.addWidget(name, row, 0)
            self.sliders.addWidget(slider, row, 1)
            self.sliders.addWidget(text, row, 2)
            self._slider_widgets[i] = (slider, text)
            row += 1
        self._bound_height(row)

    def _bound_height(self, rows: int) -> None:
        """As tall as the slider rows, up to ``VISIBLE_ROWS`` of them: the rest scroll."""
        shown = min(rows, VISIBLE_ROWS)
        row_height = max((w.sizeHint().height() for pair in self._slider_widgets.values() for w in pair), default=0)
        height = shown * row_height + max(shown - 1, 0) * max(self.sliders.verticalSpacing(), 0)
        self.sliders_scroll.setFixedHeight(height)

    def _slid(self, index: int, value: float, label: QLabel) -> None:
        self.session.fixed[index] = round(value, 4)
        label.setText(format_number(round(value, 2)))
        self.session.schedule()
