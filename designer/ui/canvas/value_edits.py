"""Editing values on the canvas: the wheel nudges a bias or weight, a double-click types one.

A part of :class:`~designer.ui.canvas.view.CanvasView` (its base class), apart from the gestures that
move, select and connect: each edit is one undoable ``SetNodeField`` / ``SetConnectionField`` (wheel
nudges merge into one step). The view provides ``_scene``, ``document``, ``editor`` (the inline
``ValueEditor``) and the ``status`` signal.
"""

from __future__ import annotations

from designer.formatting import format_weight
from designer.model import SetConnectionField, SetNodeField

NUDGE, FINE_NUDGE = 0.1, 0.01


class ValueEdits:
    """Nudge or type a neuron's bias, an input's label, a feature's formula or a line's weight."""

    def _weight_text(self, key: tuple[str, str]) -> str:
        return format_weight(self._scene.network.connections[key].weight)

    def _nudge_bias(self, node_id: str, steps: float, fine: bool) -> None:
        neuron = self._scene.network.neurons[node_id]
        value = round(neuron.bias + steps * (FINE_NUDGE if fine else NUDGE), 10)
        self.document.push(SetNodeField(node_id, "bias", value), merge=True)
        self.status.emit(f"bias of {node_id} = {format_weight(value)} (wheel; Shift for finer steps)")

    def _nudge_weight(self, key: tuple[str, str], steps: float, fine: bool) -> None:
        weight = self._scene.network.connections[key].weight
        value = round(weight + steps * (FINE_NUDGE if fine else NUDGE), 10)
        self.document.push(SetConnectionField(key, "weight", value), merge=True)
        self.status.emit(f"weight {key[0]} → {key[1]} = {format_weight(value)} (wheel; Shift for finer steps)")

    def edit_node(self, node_id: str) -> None:
        network = self._scene.network
        item = self._scene.node_items[node_id]
        anchor = self.mapFromScene(item.scenePos())
        if node_id in network.inputs:
            self.editor.edit_text(
                anchor,
                network.inputs[node_id].label or "",
                f"label of {node_id}",
                lambda text: self.document.push(SetNodeField(node_id, "label", text or None)),
            )
            return
        if node_id in network.features:  # a refused formula is reported with its reason (document.refused)
            self.editor.edit_text(
                anchor,
                network.features[node_id].expression,
                f"formula of {node_id} (e.g. x1^2, sin(x2), x1*x2)",
                lambda text: self.document.push(SetNodeField(node_id, "expression", text)),
            )
            return
        self.editor.edit_number(
            anchor,
            network.neurons[node_id].bias,
            f"bias of {node_id}",
            lambda v: self.document.push(SetNodeField(node_id, "bias", v)),
        )

    def edit_connection(self, key: tuple[str, str]) -> None:
        anchor = self.mapFromScene(self._scene.connections.midpoint(key))
        self._scene.select_connection(key)
        self.editor.edit_number(
            anchor,
            self._scene.network.connections[key].weight,
            f"weight {key[0]} → {key[1]}",
            lambda v: self.document.push(SetConnectionField(key, "weight", v)),
        )
