"""Live views: decision regions, every neuron's map, the probe, training and gradient flow.

``install_live_views(window)`` adds them to a main window (docks, actions, menu entries and
overlay items on the canvas); everything follows the model's events.
"""

from designer.ui.live.install import LiveViews, install_live_views

__all__ = ["LiveViews", "install_live_views"]
