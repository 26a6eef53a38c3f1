"""The loss landscape's controls: which one or two weights/biases, and over which ranges.

Choices come from the combo boxes, from the canvas selection ("From the selection": selected
lines are weights, selected neurons their biases) or from a lesson step's action.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QGridLayout, QLabel, QPushButton, QWidget

from designer.engine.landscape import Parameter, default_axis
from designer.formatting import isolated
from designer.model import Network
from designer.ui.combo_names import name_combo
from designer.ui.keys import picked_without_focus

NONE = ""  # the second combo's "none": a curve over one parameter
LIMIT = 999.0  # range spin boxes (narrow enough for a lecture hall's text size)


def parameter_label(network: Network, parameter: Parameter) -> str:
    """``w: x₁ → h1`` or ``b: h1``, with the names shown on the canvas."""
    target = isolated(network.node(parameter.target).display_label)  # a U+202E label reverses no arrow
    if parameter.is_bias:
        return f"b: {target}"
    return f"w: {isolated(network.node(parameter.source).display_label)} → {target}"


def parameters_of(network: Network) -> list[Parameter]:
    """Every weight (in connection order), then every bias (in neuron order)."""
    weights = [Parameter(target, source) for source, target in network.connections]
    return weights + [Parameter(n) for n in network.neurons]


def exists(network: Network, parameter: Parameter) -> bool:
    if parameter.is_bias:
        return parameter.target in network.neurons
    return (parameter.source, parameter.target) in network.connections


def _buddy(text: str, field: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(field)  # a screen reader reads the field with it
    return label


class ParameterPicker(QWidget):
    """Two parameter combos (the second may be none) with a range each; emits ``changed``."""

    changed = Signal()

    def __init__(self, network_of, value_of, selection_of) -> None:
        """``network_of()``: the network; ``value_of(p)``: a parameter's value now (live while training);
        ``selection_of()``: the parameters selected on the canvas."""
        super().__init__()
        self._network_of = network_of
        self._value_of = value_of
        self._selection_of = selection_of
        self.combos = [picked_without_focus(QComboBox()), picked_without_focus(QComboBox())]
        self.lows = [self._spin(), self._spin()]
        self.highs = [self._spin(), self._spin()]
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for row, (combo, low, high, name) in enumerate(
            zip(self.combos, self.lows, self.highs, ("first", "second"), strict=True)
        ):
            combo.setObjectName(f"landscape_{name}")
            combo.setMinimumContentsLength(10)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.activated.connect(lambda _=0, r=row: self._picked(r))
            low.setObjectName(f"landscape_{name}_low")
            high.setObjectName(f"landscape_{name}_high")
            for spin in (low, high):
                spin.editingFinished.connect(self._range_edited)
            which = name.capitalize()
            name_combo(combo, f"{which} weight or bias")
            low.setAccessibleName(f"{which} weight or bias: from")
            high.setAccessibleName(f"{which} weight or bias: to")
            grid.addWidget(combo, row, 0)
            grid.addWidget(_buddy("from", low), row, 1)
            grid.addWidget(low, row, 2)
            grid.addWidget(_buddy("to", high), row, 3)
            grid.addWidget(high, row, 4)
        grid.setColumnStretch(0, 1)
        self.around = QPushButton("Around now")
        self.around.setObjectName("landscapeAround")
        self.around.setToolTip("Ranges centred on where the weights are now")
        self.around.clicked.connect(self.center)
        self.from_selection = QPushButton("Selected")
        self.from_selection.setObjectName("landscapeFromSelection")
        self.from_selection.setToolTip("The one or two lines (weights) or neurons (biases) selected on the canvas")
        self.from_selection.clicked.connect(self.use_selection)
        grid.addWidget(self.around, 2, 0)
        grid.addWidget(self.from_selection, 2, 2, 1, 3)
        self.chosen: list[Parameter] = []

    @staticmethod
    def _spin() -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(-LIMIT, LIMIT)
        spin.setDecimals(1)
        spin.setSingleStep(0.5)
        return spin

    # ------------------------------------------------------------- choices
    def fill(self) -> None:
        """The combos list the network's parameters; a chosen one that is gone is dropped."""
        network = self._network_of()
        options = parameters_of(network)
        self.chosen = [p for p in self.chosen if exists(network, p)]
        if not self.chosen and options:
            self.chosen = options[:2] if len(options) > 1 else options[:1]
            self.center(emit=False)
        for row, combo in enumerate(self.combos):
            combo.blockSignals(True)
            combo.clear()
            if row == 1:
                combo.addItem("(none: a curve)", NONE)
            for p in options:
                combo.addItem(parameter_label(network, p), p.id)
            chosen = self.chosen[row].id if row < len(self.chosen) else NONE
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.blockSignals(False)
        self._enable()

    def _enable(self) -> None:
        two = len(self.chosen) == 2
        self.lows[1].setEnabled(two)
        self.highs[1].setEnabled(two)

    def _picked(self, row: int) -> None:
        network = self._network_of()
        chosen = [self.combos[0].currentData(), self.combos[1].currentData()]
        ids = [c for c in chosen if c]
        if len(ids) == 2 and ids[0] == ids[1]:  # the same twice: the other one gives way
            ids = [ids[row]]
        self.set_parameters([Parameter.parse(i) for i in ids if exists(network, Parameter.parse(i))])

    def set_parameters(self, parameters: list[Parameter], ranges: list[tuple[float, float]] | None = None) -> None:
        """Choose one or two parameters, over ``ranges`` (None: around their current values). One the
        network lacks is left out with its range: a lesson step's landscape over w(x1 → y), reached again
        after the student emptied the step's network, raised a KeyError."""
        network = self._network_of()
        kept = [i for i, p in enumerate(parameters[:2]) if exists(network, p)]
        self.chosen = [parameters[i] for i in kept]
        if ranges is None:
            self.center(emit=False)
        else:
            for slot, i in enumerate(i for i in kept if i < len(ranges)):
                low, high = ranges[i]
                self.lows[slot].setValue(low)
                self.highs[slot].setValue(high)
        self.fill()
        self.changed.emit()

    def use_selection(self) -> None:
        picked = self._selection_of()
        if picked:
            self.set_parameters(picked)

    def center(self, emit: bool = True) -> None:
        for i, p in enumerate(self.chosen):
            axis = default_axis(self._value_of(p))
            self.lows[i].setValue(float(axis[0]))
            self.highs[i].setValue(float(axis[-1]))
        if emit:
            self.changed.emit()

    def _range_edited(self) -> None:
        for low, high in zip(self.lows, self.highs, strict=True):
            if high.value() <= low.value():
                high.setValue(low.value() + 1.0)
        self.changed.emit()

    def axes(self, points: int) -> list[np.ndarray]:
        return [np.linspace(self.lows[i].value(), self.highs[i].value(), points) for i in range(len(self.chosen))]
