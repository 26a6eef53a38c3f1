"""What the loss landscape plots, named: the training loss (with its penalty) or a chain-rule drill's own
objective, on the axes, in the title and in the readout.

Kept apart from computing and drawing because the same rule names the values in three places and must
agree with what :mod:`designer.ui.live.objective` tells Gradient Flow and the backward pass.
:class:`ObjectiveLabels` is a base of :class:`~designer.ui.live.landscape_view.LandscapeView`.
"""

from __future__ import annotations

from designer.ui.live import plot_style
from designer.ui.live.landscape_picker import parameter_label
from designer.ui.live.objective import Objective, shown_objective
from designer.ui.live.panel_settings import LOSS_LABELS
from designer.ui.safetext import escape


class ObjectiveLabels:
    """Axis labels, a drill's title and the readout's name of a value; the view provides ``session``,
    ``scene``, ``plot`` and ``parameters``."""

    def _label_axes(self) -> None:
        """The parameters' names; a curve's height is the training loss, with the L1/L2 penalty when on."""
        names = [parameter_label(self.session.network, p) for p in self.parameters]
        item = self.plot.getPlotItem()
        item.setLabel("bottom", escape(names[0]) if names else "")  # axis labels are HTML; names are ids
        if len(names) > 1:
            item.setLabel("left", escape(names[1]))
            plot_style.style_axes(item, self.scene.theme)
        else:
            self._label_objective()

    def _label_objective(self) -> None:
        """A curve's height says what is plotted; a drill's objective is also the plot's title (a surface
        has no axis for it, and "J = the output f₃ at the drill's sample" is too long for a curve's axis)."""
        item = self.plot.getPlotItem()
        objective = self.objective()
        if len(self.parameters) < 2:
            item.setLabel("left", objective.symbol if objective.drill else self.objective_text(objective))
            plot_style.style_axes(item, self.scene.theme)
        if objective.drill:
            plot_style.style_title(item, escape(self.objective_text(objective)), self.scene.theme)
        elif item.titleLabel.isVisible():
            item.setTitle(None)

    def objective(self) -> Objective:
        """What is plotted: a shown chain-rule drill's objective, else the training loss (and penalty)."""
        return shown_objective(self.session, len(self.session.network.outputs))

    def objective_text(self, objective: Objective) -> str:
        """The objective in words: "J = the output f₃ at the drill's sample", "training loss + penalty"."""
        if objective.of_output:
            output = self.session.network.node(self.session.network.outputs[0]).display_label
            return f"J = the output {output} at the drill's sample"
        if objective.drill:
            return f"L = the drill's {LOSS_LABELS.get(objective.engine_loss, objective.engine_loss)} at its sample"
        return "training loss + penalty" if self._penalised(objective) else "training loss"

    def _penalised(self, objective: Objective) -> bool:
        """Whether training's L1/L2 penalty is in the plotted values (not in a drill's own objective)."""
        settings = self.session.training.settings
        return not objective.drill and bool(settings.l1 or settings.l2)

    def _value_name(self, objective: Objective) -> str:
        """The readout's name of a plotted value: J, L, loss or loss + penalty."""
        if objective.drill:
            return objective.symbol
        return "loss + penalty" if self._penalised(objective) else "loss"  # what the curves beside it do not add
