"""A node's tooltip text: its formula in the lecture's notation, built only when the tooltip is asked for.

Apart from the scene because it is text, not drawing: it reads the export package's formulas, and the
scene's ``tooltip_builder`` may be replaced by another builder.
"""

from __future__ import annotations

from designer.export.formulas import READABLE_TERMS, display_names, neuron_formula
from designer.formatting import clean_text
from designer.model.network import Network


def default_tooltip(network: Network, node_id: str) -> str:
    """The neuron's formula in the lecture's notation, e.g. ``h1 = step(1·x₁ + 1·x₂ − 0.5)``."""
    if node_id in network.inputs:
        node = network.inputs[node_id]
        return f"input {node.display_label}: takes the value of a data point"
    if node_id in network.features:
        feature = network.features[node_id]
        shown = clean_text(feature.display_label)
        return f"feature {shown} = {clean_text(feature.expression)}: computed from the inputs"
    formula = neuron_formula(network, node_id, max_terms=READABLE_TERMS)  # 784 terms made a screen-wide tip
    shown = display_names(network)[node_id]
    rhs = formula[len(shown) + 3 :] if formula.startswith(f"{shown} = ") else formula
    neuron = network.neurons[node_id]
    text = f"{node_id} = {rhs}" + (f"\n({clean_text(neuron.label)})" if neuron.label else "")
    notes = []
    if node_id in network.outputs:
        notes.append("output")
    if not neuron.trainable:
        notes.append("bias locked")
    return text + (f"  ({', '.join(notes)})" if notes else "")
