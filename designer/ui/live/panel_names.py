"""What a screen reader calls each Training control: without a name it heard only the group title
("Data", "Training", "Run") for the spin boxes and a combo box's current value ("MSE", "0.03").

Kept apart from ``panel.py``, which builds and wires the controls; the names are read nowhere else.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from designer.ui.combo_names import name_combo

#: the panel's attribute → its accessible name
NAMES = {
    "dataset": "Dataset",
    "noise": "Noise",
    "train_ratio": "Training points (percent of the data)",
    "data_seed": "Data seed",
    "paint_class": "Class (or each output's target) to paint",
    "paint_target": "Target to paint (regression data)",
    "loss": "Loss",
    "optimizer": "Optimizer",
    "rate": "Learning rate",
    "batch": "Batch size",
    "l1": "L1 regularisation",
    "l2": "L2 regularisation",
    "speed": "Speed",
    "stop_epochs": "Stop at epoch",
    "stop_loss": "Stop at loss",
    "restarts_k": "Restarts: K random initialisations",
    "restarts_epochs": "Restarts: epochs each",
}


def name_controls(panel) -> None:
    """Give the panel and each of its controls (:data:`NAMES`) its accessible name."""
    panel.setAccessibleName("Training controls")
    for attribute, name in NAMES.items():
        control = getattr(panel, attribute)
        if isinstance(control, QComboBox) and not _has_buddy(control):
            name_combo(control, name)  # on Linux only a label names a combo box
        else:
            control.setAccessibleName(name)


def _has_buddy(widget: QWidget) -> bool:
    """A visible label beside ``widget`` names it (its buddy)."""
    parent = widget.parentWidget()
    return parent is not None and any(label.buddy() is widget for label in parent.findChildren(QLabel))
