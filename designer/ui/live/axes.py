"""For networks with more than two inputs: which two inputs the region view plots, sliders for the rest."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

from designer.formatting import format_number
from designer.ui.combo_names import name_combo
from designer.ui.safetext import set_plain

SLIDER_STEPS = 200


class AxesChooser(QWidget):
    def __init__(self, session, parent: QWidget) -> None:
        # a parent from the start: shown before it had one, it would flash up as a window of its own
        # (and take the main window's activation away)
        super().__init__(parent)
        self.session = session
        self.setObjectName("axesChooser")
        self.x_combo = QComboBox()
        self.y_combo = QComboBox()
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.sliders_box)
        self._ids: list[str] = []
        self._slider_widgets: dict[int, tuple[QSlider, QLabel]] = {}
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

    def _slid(self, index: int, value: float, label: QLabel) -> None:
        self.session.fixed[index] = round(value, 4)
        label.setText(format_number(round(value, 2)))
        self.session.schedule()
