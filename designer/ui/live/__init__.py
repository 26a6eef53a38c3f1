"""Live views: decision regions, every neuron's map, the probe, training and gradient flow.

A :class:`Session` (one per document) owns the compiled network, the data and the training;
:class:`LiveViews` builds the docks, actions and canvas overlays that show it.
"""

from designer.ui.live.session import Session
from designer.ui.live.views import LiveViews

__all__ = ["LiveViews", "Session"]
