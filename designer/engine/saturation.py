"""Neurons that start saturated: z lies where g'(z) is almost 0, so the data barely move them.

The lecture's point about g: it must be nicely differentiable, because the gradient of a weight
into a neuron carries the factor g'(z). Two cases stop learning before it starts:
- a hidden sigmoid or tanh saturated on nearly every sample passes almost no gradient back;
- an output trained with a squared error that is saturated on the wrong side for many samples:
  those samples' errors are multiplied by g' ≈ 0 and cannot pull it back. The circle drawn with
  weights of 1 on x₁² and x₂² is such a case: every outer point gives z ≈ 20, ŷ ≈ 1 for a target
  0, and the inner points push z up, so training makes it worse. Cross-entropy cancels σ' at the
  output (∂L/∂z = ŷ − y), and small random weights (Randomize) start where g' is large.
Step units are left out: their g' is 0 by design, which is what a lesson shows with them.

A ReLU unit is the other extreme: relu'(z) = 0 for every z < 0, so a unit whose z is negative on
every sample ("dead") gets no gradient at all and training can never bring it back. It happens
from the start when inputs have one sign (the sin data's x in [0, 2π]) and a weight is negative.
"""

from __future__ import annotations

import numpy as np

from designer.engine.compiled import CompiledNetwork

#: |z| beyond which g'(z) is tiny: σ'(6) ≈ 0.0025, tanh'(3) ≈ 0.0099
SATURATES_BEYOND = {"sigmoid": 6.0, "tanh": 3.0}
HIDDEN_SHARE = 0.95  # a hidden neuron saturated on at least this share of the samples
STUCK_SHARE = 0.2  # an output saturated and wrong (|ŷ − y| > ½) on at least this share
SAMPLE = 4096  # rows looked at: enough to tell, cheap on a million points


def saturated_neurons(net: CompiledNetwork, x: np.ndarray, y: np.ndarray, loss: str) -> list[str]:
    """The sigmoid and tanh neurons that start saturated on the data ``x`` (N, n_inputs) with
    targets ``y`` (N, n_outputs), in the network's order."""
    if not len(x):
        return []
    kinds = {n: net.activation_of[n] for n in net.neuron_ids if net.activation_of[n] in SATURATES_BEYOND}
    if not kinds:
        return []
    x, y = x[:SAMPLE], y[:SAMPLE]
    z, a = net.forward_all(x, keep_z=True)
    found = []
    with np.errstate(invalid="ignore", over="ignore"):
        for n, kind in kinds.items():
            far = np.abs(z[net.index[n]].astype(float)) > SATURATES_BEYOND[kind]
            if n not in net.output_ids:
                if np.mean(far) >= HIDDEN_SHARE:
                    found.append(n)
            elif loss != "cross_entropy" and not net.softmax:
                target = y[:, net.output_ids.index(n)] if y.ndim == 2 and y.shape[1] > net.output_ids.index(n) else None
                if target is not None:
                    wrong = np.abs(a[net.index[n]].astype(float) - target) > 0.5
                    if np.mean(far & wrong) >= STUCK_SHARE:
                        found.append(n)
    return found


def dead_relus(net: CompiledNetwork, x: np.ndarray) -> list[str]:
    """The ReLU neurons whose z is below 0 on every sample of ``x`` (N, n_inputs), in the network's
    order: relu'(z) = 0 there (1 from 0 on), so no gradient reaches their weights or bias."""
    relus = [n for n in net.neuron_ids if net.activation_of[n] == "relu"]
    if not len(x) or not relus:
        return []
    z, _ = net.forward_all(x[:SAMPLE], keep_z=True)
    with np.errstate(invalid="ignore"):
        return [n for n in relus if bool(np.all(z[net.index[n]] < 0))]
