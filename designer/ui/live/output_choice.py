"""Which output the decision-region map shows, for a network whose outputs are separate questions.

A half adder's sum and carry are two bits, not two classes: coloured by the largest output, the map
answered a question nobody asked. Such a network's map shows one output at a time, chosen here.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from designer.formatting import clean_text
from designer.ui.keys import picked_without_focus
from designer.ui.live.session import LINE, PLANE, Session

MAX_PAINTED_BITS = 4  # outputs painted as bits: 16 choices of targets; more outputs paint classes


def offered(session: Session) -> bool:
    """Whether to offer the chooser: separate questions over the plane, or any outputs over one input
    (a curve shows one output)."""
    if session.mode == LINE:
        return len(session.network.outputs) > 1
    return independent_outputs(session)


def independent_outputs(session: Session) -> bool:
    """Several outputs that are not classes: no softmax, and the data (if any) not one class per row
    (one-hot targets keep the "largest output" map: there the largest output *is* the answer)."""
    net = session.network
    if session.mode != PLANE or len(net.outputs) < 2 or net.softmax:
        return False
    data = session.data
    return not (len(data.x_train) + len(data.x_test) and data.one_hot)


def paints_bits(session: Session) -> bool:
    """Whether a painted point gets a 0/1 target for each output (a half adder's s and c: separate
    questions, the map shows one at a time) instead of one class, one-hot. Up to MAX_PAINTED_BITS outputs
    (2^k choices); softmax outputs and one-hot data paint classes."""
    return independent_outputs(session) and len(session.network.outputs) <= MAX_PAINTED_BITS


def painted_bits(index: int, k: int) -> np.ndarray:
    """The targets of the paint chooser's entry ``index``: its binary digits, the first output's first,
    as a truth table lists its rows (00, 01, 10, 11 for s, c)."""
    return np.array([(index >> (k - 1 - j)) & 1 for j in range(k)], dtype=float)


class OutputChoice(QWidget):
    """The "Output shown: [s ▾]" chooser, only for independent outputs; ``column`` is the chosen output's index."""

    def __init__(self, session: Session, on_change) -> None:
        super().__init__()
        self.session = session
        self.combo = picked_without_focus(QComboBox())
        self.combo.setObjectName("regionOutput")
        self.combo.setAccessibleName("Output shown in the map")
        self.combo.setToolTip("The outputs are separate questions (not classes): the map shows one at a time")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(8)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        label = QLabel("Output shown:")
        label.setBuddy(self.combo)  # a screen reader on Linux reads a combo box's label, not its name
        row.addWidget(label)
        row.addWidget(self.combo, 1)
        self._ids: list[str] = []
        self.combo.currentIndexChanged.connect(lambda _: session.show_output(self.column))
        session.shown_output_changed.connect(on_change)

    @property
    def column(self) -> int:
        return max(self.combo.currentIndex(), 0)

    def rebuild(self) -> None:
        """The outputs' names again (a structural edit), keeping the chosen output where it still is one."""
        net = self.session.network
        ids = list(net.outputs)
        chosen = self._ids[self.column] if self._ids and self.column < len(self._ids) else None
        if ids != self._ids or [self.combo.itemText(i) for i in range(self.combo.count())] != self._names(ids):
            self.combo.blockSignals(True)
            self.combo.clear()
            self.combo.addItems(self._names(ids))
            self.combo.setCurrentIndex(ids.index(chosen) if chosen in ids else 0)
            self.combo.blockSignals(False)
            self._ids = ids
        self.session.show_output(self.column)

    def _names(self, ids: list[str]) -> list[str]:
        net = self.session.network
        return [clean_text(net.node(i).display_label) for i in ids]
