"""Export a network: PyTorch code, the math (plain text and LaTeX), the linear collapse.

No Qt here. Figures (PNG/SVG) need Qt and live in the UI package; they join the ``--to`` choices
by registering themselves in :mod:`designer.export.formats`.
"""

from designer.export.collapse import CollapseError, affine_map, collapse_linear, collapsible_neurons, is_all_linear
from designer.export.formats import ExportFormat, available_formats, get_format, register_format
from designer.export.formulas import (
    all_neuron_formulas,
    latex_document,
    network_formula,
    neuron_equations,
    neuron_formula,
)
from designer.export.pytorch import ExportError, to_pytorch

__all__ = [
    "CollapseError",
    "ExportError",
    "ExportFormat",
    "affine_map",
    "all_neuron_formulas",
    "available_formats",
    "collapse_linear",
    "collapsible_neurons",
    "get_format",
    "is_all_linear",
    "latex_document",
    "network_formula",
    "neuron_equations",
    "neuron_formula",
    "register_format",
    "to_pytorch",
]
