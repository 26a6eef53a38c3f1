"""What the gradient views differentiate: a chain-rule drill's own objective while its sample is shown,
else the training loss.

A drill asks for ∂J/… of J = the output itself (the lecture's J(w) = z₃) or for ∂L/… of its own loss;
the Gradient Flow colours and the backward pass must show those numbers, not the training loss's (which,
against a target equal to the output, is 0 with every gradient 0). The engine has no loss "the output":
SSE against a − 1/2 seeds ∂J/∂a = 1, as the drill's answers are made (:mod:`designer.exercises.chainrule`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from designer.engine import LOSSES

OUTPUT = "output"  # a chain-rule drill's objective J = the network's output (no target, no loss)


@dataclass(frozen=True)
class Objective:
    engine_loss: str  # the loss the engine runs ("sse", seeded by output_targets, for J = the output)
    of_output: bool  # J = the output (a drill's), not a loss
    drill: bool = False  # the shown drill's own (J or its L, without training's L1/L2 penalty), not training's

    @property
    def symbol(self) -> str:
        """J for the lecture's objective, L for a loss (as the drill's own labels)."""
        return "J" if self.of_output else "L"

    def letter(self, text: str) -> str:
        """``text`` with the objective's letter: ∂J/… for J = the output, else ∂L/… unchanged."""
        return text.replace("∂L/", "∂J/") if self.of_output else text


def shown_objective(session, n_outputs: int) -> Objective:
    """The shown drill's objective while its points are shown (J = the output needs one output),
    else the training loss."""
    objective = session.shown_objective
    if objective == OUTPUT and n_outputs == 1:
        return Objective("sse", True, True)
    if objective in LOSSES:
        return Objective(objective, False, True)
    return Objective(session.training.settings.loss, False)


def output_targets(ws) -> np.ndarray:
    """SSE targets a − 1/2 after ``ws.forward()``: its gradient 2(a − y)/n is 1/n per sample, so the
    gradients are those of J = the output (its mean over the samples: the drill's one sample's own)."""
    a_out = ws.a[ws.net.output_row_array]
    return np.ascontiguousarray(a_out - 0.5, dtype=ws.net.dtype)


def output_value(ws) -> float:
    """J = the output (its mean over the samples), after ``ws.forward()``."""
    return float(np.mean(ws.a[ws.net.output_row_array], dtype=float))
