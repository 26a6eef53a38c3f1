"""What the real training path computes: one Trainer.step, read back from the weights it moved.

With plain SGD and learning rate 1 a step moves every parameter by exactly its (masked, penalised)
gradient, so θ_before − θ_after is the gradient training uses: the Workspace's forward and
backward, the loss's output gradient, the penalties and the trainable mask, not a side path.
"""

from __future__ import annotations

import numpy as np

from designer.engine import Trainer, TrainingSettings, compile_network
from designer.model import Network


def step_gradient(
    net: Network, x, y, loss: str, *, l1: float = 0.0, l2: float = 0.0, dtype=np.float64
) -> tuple[float, dict[tuple[str, str] | str, float]]:
    """(loss reported by the step, gradient per connection key and per neuron id)."""
    compiled = compile_network(net, dtype)
    settings = TrainingSettings(loss=loss, optimizer="sgd", learning_rate=1.0, l1=l1, l2=l2)
    trainer = Trainer(compiled, np.asarray(x, dtype=float), np.asarray(y, dtype=float), settings)
    weights, biases = compiled.weights(), compiled.biases()
    result = trainer.step()
    assert not result.diverged, result.message
    moved_w, moved_b = compiled.weights(), compiled.biases()
    grads: dict[tuple[str, str] | str, float] = {k: weights[k] - moved_w[k] for k in weights}
    grads.update({n: biases[n] - moved_b[n] for n in biases})
    return result.loss, grads


def trajectory(
    net: Network, x, y, settings: TrainingSettings, steps: int, dtype: type[np.floating] = np.float64
) -> list[dict[tuple[str, str] | str, float]]:
    """Weights and biases after each of ``steps`` training steps (float64 unless ``dtype`` says)."""
    compiled = compile_network(net, dtype)
    trainer = Trainer(compiled, np.asarray(x, dtype=float), np.asarray(y, dtype=float), settings)
    states = []
    for _ in range(steps):
        result = trainer.step()
        assert not result.diverged, result.message
        state: dict[tuple[str, str] | str, float] = dict(compiled.weights())
        state.update(compiled.biases())
        states.append(state)
    return states
