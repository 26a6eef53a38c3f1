"""Where the canvas reads weights and biases when no live session draws them: the model itself.

The scene draws values through ``scene.values``: a live session during a training run (the run's values
before the model has them), else this; figures and a window without a session draw the model's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from designer.ui.undo import Document

if TYPE_CHECKING:
    from designer.ui.canvas.connections import Key


class ModelValues:
    """Weights and biases as the model holds them (a scene drawn without a live session: figures)."""

    #: no training run holds values the model does not have yet
    in_run = False

    def __init__(self, document: Document) -> None:
        self.document = document

    def weights_for(self, keys: list[Key]) -> np.ndarray:
        connections = self.document.network.connections
        return np.array([connections[k].weight for k in keys], dtype=float)

    def weight_of(self, key: Key) -> float:
        return self.document.network.connections[key].weight

    def bias_of(self, neuron_id: str) -> float:
        return self.document.network.neurons[neuron_id].bias
