"""The trainable weights and biases of the live network, read by key: what a run moved, what Reset brings
back, what goes into the model as the run's undo step.

Apart from the training controller because it is bookkeeping of its own: the keys and slots of the
values not locked are found once per compiled network and set of locks (``forget`` when they change),
not at every commit.
"""

from __future__ import annotations

from designer.ui.live.training_run import Values


class TrainableIndex:
    """The trainable values' keys and their slots in the compiled network's ``theta``, cached."""

    def __init__(self) -> None:
        self._index: tuple | None = None

    def forget(self) -> None:
        """Another compiled network or other locks: find the trainable values again at the next read."""
        self._index = None

    def values(self, c) -> Values:
        """The trainable weights and biases now, in compiled network ``c`` (live during a run)."""
        if self._index is None:
            w_on = c.mask[c.connection_index] != 0
            b_on = c.mask[c.bias_index] != 0
            self._index = (
                [k for k, on in zip(c.connection_keys, w_on.tolist(), strict=True) if on],
                c.connection_index[w_on],
                [k for k, on in zip(c.neuron_ids, b_on.tolist(), strict=True) if on],
                c.bias_index[b_on],
            )
        w_keys, w_idx, b_keys, b_idx = self._index
        theta = c.theta
        return dict(zip(w_keys, theta[w_idx].tolist(), strict=True)), dict(
            zip(b_keys, theta[b_idx].tolist(), strict=True)
        )

    def model_values(self, c, net) -> Values:
        """The same keys' values as the model ``net`` holds them (when no run is uncommitted)."""
        self.values(c)  # the index of trainable values
        w_keys, _, b_keys, _ = self._index
        return {k: net.connections[k].weight for k in w_keys}, {k: net.neurons[k].bias for k in b_keys}
